// Tests for settings.js with the server's own table: URL parsing and writing, clamping, and the
// configure message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as settings from '../../static/js/settings.js';
import { CATALOG } from './catalog.mjs';

const defaultSettings = () => settings.defaultSettings(CATALOG);
const parseSettings = (search) => settings.parseSettings(CATALOG, search);
const serializeSettings = (value) => settings.serializeSettings(CATALOG, value);
const configureMessage = (value) => settings.configureMessage(CATALOG, value);
const settingsFromConfig = (value, config) => settings.settingsFromConfig(CATALOG, value, config);
const hiddenLayers = settings.hiddenLayers(CATALOG);

test('no query gives the defaults the course page promises', () => {
  assert.deepEqual(parseSettings(''), {
    lang: 'pt-BR', theme: 'auto', dataset: 'xor', lr: 0.1, activation: 'sigmoid', loss: 'mse',
    optimizer: 'sgd', momentum: 0.9, hidden: [2], seed: 3, detailed: false, checkGradients: false,
    init: 'uniform', clip: 0, schedule: 'constant', schedulePeriod: 100, l2: 0, l1: 0,
    showGradients: true, precision: 4, speed: 6, logScale: false, noise: 10, points: 100, split: 0,
    targetLoss: 0.01, maxEpochs: 20000, patience: 0, quiz: false,
    batch: 'online', batchSize: 8,
    controls: CATALOG.settings.find((e) => e.key === 'controls').choices, autotrain: false,
  });
});

test('each documented URL parameter is read', () => {
  const settings = parseSettings('?lang=en&theme=dark&dataset=and&lr=0.5&activation=tanh' +
    '&hidden=3,2&seed=42&detailed=1&grads=0&prec=6&loss=bce&optimizer=adam&check=true&speed=9&log=1' +
    '&momentum=0.5&noise=25&points=200&split=20&batch=mini&batch_size=16' +
    '&init=he&clip=2.5&schedule=cosine&period=300&controls=reset,next&autotrain=1&quiz=sim&patience=50');
  assert.deepEqual(settings, {
    lang: 'en', theme: 'dark', dataset: 'and', lr: 0.5, activation: 'tanh', loss: 'bce',
    optimizer: 'adam', momentum: 0.5, hidden: [3, 2], seed: 42, detailed: true, checkGradients: true,
    init: 'he', clip: 2.5, schedule: 'cosine', schedulePeriod: 300, l2: 0, l1: 0,
    showGradients: false, precision: 6, speed: 9, logScale: true, noise: 25, points: 200, split: 20,
    targetLoss: 0.01, maxEpochs: 20000, patience: 50, quiz: true,
    batch: 'mini', batchSize: 16, controls: ['next', 'reset'],
    autotrain: true,
  });
});

const badValues = [
  ['lang=fr', 'lang', 'pt-BR'],
  ['theme=blue', 'theme', 'auto'],
  ['dataset=mnist', 'dataset', 'xor'],
  ['lr=abc', 'lr', 0.1],
  ['lr=', 'lr', 0.1],
  ['activation=softmax', 'activation', 'sigmoid'],
  ['hidden=2,2,2,2,2,2,2', 'hidden', [2]],
  ['hidden=-1', 'hidden', [2]],
  ['points=abc', 'points', 100],
  ['split=', 'split', 0],
  ['hidden=2,2,2,2,2,2,2', 'hidden', [2]],
  ['hidden=a,b', 'hidden', [2]],
  ['seed=0x10', 'seed', 3],
  ['lr=0x1', 'lr', 0.1],
  ['lr=0b1', 'lr', 0.1],
  ['lr=Infinity', 'lr', 0.1],
  ['noise=1e', 'noise', 10],
  ['l2=0,0,1', 'l2', 0],
  ['detailed=maybe', 'detailed', false],
  ['prec=x', 'prec', 4],
  ['speed=fast', 'speed', 6],
  ['target=x', 'targetLoss', 0.01],
  ['controls=next,fly', 'controls', CATALOG.settings.find((e) => e.key === 'controls').choices],
];

for (const [query, key, expected] of badValues) {
  test(`a bad value keeps the default: ${query}`, () => {
    const field = CATALOG.settings.find((s) => s.param === key || s.key === key).key;
    assert.deepEqual(parseSettings(`?${query}`)[field], expected);
  });
}

test('η takes the server’s whole range, with two significant digits', () => {
  assert.equal(parseSettings('?lr=5').lr, 5);
  assert.equal(parseSettings('?lr=10').lr, 10);
  assert.equal(parseSettings('?lr=50').lr, 10);
  assert.equal(parseSettings('?lr=0').lr, 0.001);
  assert.equal(parseSettings('?lr=0.002').lr, 0.002);
  assert.equal(parseSettings('?lr=0,25').lr, 0.25);
  assert.equal(parseSettings('?lr=0.123').lr, 0.12);
  assert.equal(parseSettings('?lr=2.46').lr, 2.5);
});

test('out-of-range numbers are brought into range', () => {
  assert.equal(parseSettings('?momentum=2').momentum, 0.99);
  assert.equal(parseSettings('?momentum=0.555').momentum, 0.56);
  assert.equal(parseSettings('?seed=99999999999').seed, 2 ** 31 - 1);
  assert.equal(parseSettings('?prec=20').precision, 10);
  assert.equal(parseSettings('?prec=1').precision, 2);
});

test('hidden unit counts out of range are clamped; too many layers keep the default', () => {
  assert.deepEqual(parseSettings('?hidden=99').hidden, [8]);
  assert.deepEqual(parseSettings('?hidden=0,3').hidden, [1, 3]);
  assert.deepEqual(parseSettings('?hidden=2,2,2,2,2,2,2').hidden, [2]);
});

test('readSettings names every value it dropped or clamped, and the value it used', () => {
  const { settings: read, notices } = settings.readSettings(CATALOG,
    '?activation=foo&hidden=99&speed=1000&lr=50&prec=3&controls=next,auto');
  assert.equal(read.activation, 'sigmoid');
  assert.deepEqual(notices, [
    { param: 'lr', text: '50', kind: 'clamped', used: '10' },
    { param: 'activation', text: 'foo', kind: 'invalid', used: 'sigmoid' },
    { param: 'hidden', text: '99', kind: 'clamped', used: '8' },
    { param: 'speed', text: '1000', kind: 'clamped', used: '10' },
  ]);
  assert.deepEqual(settings.readSettings(CATALOG, '?lr=0.12&seed=%2B7&clip=-0').notices, []);
});

test('one rule for every number: decimal notation, clamped when out of range, a notice when rounded', () => {
  const read = (query) => settings.readSettings(CATALOG, query);
  const cases = [
    // [query, key, value, notice kind or null]
    ['?noise=-1', 'noise', 0, 'clamped'],
    ['?seed=-1', 'seed', 0, 'clamped'],
    ['?lr=-1', 'lr', 0.001, 'clamped'],
    ['?seed=1e20', 'seed', 2 ** 31 - 1, 'clamped'],
    ['?lr=1e400', 'lr', 10, 'clamped'],
    ['?seed=1.5', 'seed', 2, 'rounded'],
    ['?seed=12,0', 'seed', 12, null],
    ['?l2=0,00005', 'l2', 0.0001, 'rounded'],
    ['?lr=0.123', 'lr', 0.12, 'rounded'],
    ['?momentum=0.555', 'momentum', 0.56, 'rounded'],
    ['?lr=1e-3', 'lr', 0.001, null],
    ['?lr=%2B0,5', 'lr', 0.5, null],
    ['?points=%20200%20', 'points', 200, null],
    ['?lr=0x1', 'lr', 0.1, 'invalid'],
    ['?seed=0x10', 'seed', 3, 'invalid'],
    ['?noise=0o7', 'noise', 10, 'invalid'],
  ];
  for (const [query, key, value, kind] of cases) {
    const { settings: got, notices } = read(query);
    assert.equal(got[key], value, query);
    assert.deepEqual(notices.map((n) => n.kind), kind ? [kind] : [], query);
  }
  assert.deepEqual(read('?l2=0,00005').notices, [{ param: 'l2', text: '0,00005', kind: 'rounded', used: '0.0001' }]);
});

test('controls keep the table’s order whatever the URL’s', () => {
  assert.deepEqual(parseSettings('?controls=reset, Next ,auto').controls, ['next', 'auto', 'reset']);
  assert.equal(serializeSettings({ ...defaultSettings(), controls: ['next', 'reset'] }),
    '?controls=next,reset');
});

test('language tags are normalised', () => {
  assert.equal(parseSettings('?lang=EN').lang, 'en');
  assert.equal(parseSettings('?lang=en-US').lang, 'en');
  assert.equal(parseSettings('?lang=pt').lang, 'pt-BR');
  assert.equal(parseSettings('?lang=pt-br').lang, 'pt-BR');
  assert.equal(parseSettings('?lang=en-AU').lang, 'en');
  assert.equal(parseSettings('?lang=pt-PT').lang, 'pt-BR');
  assert.equal(parseSettings('?lang=fr-CA').lang, 'pt-BR');
});

test('booleans take the table’s words', () => {
  for (const word of CATALOG.booleanWords.true) assert.equal(parseSettings(`?detailed=${word}`).detailed, true, word);
  for (const word of CATALOG.booleanWords.false) assert.equal(parseSettings(`?grads=${word}`).showGradients, false, word);
});

test('every entry of the table is a setting of the page, with its default', () => {
  const defaults = defaultSettings();
  assert.deepEqual(Object.keys(defaults), CATALOG.settings.map((entry) => entry.key));
  for (const entry of CATALOG.settings) assert.deepEqual(defaults[entry.key], entry.default, entry.key);
});

test('hidden layer sizes accept commas, dashes and spaces', () => {
  assert.deepEqual(hiddenLayers.parse('3,2'), [3, 2]);
  assert.deepEqual(hiddenLayers.parse(' 4 - 3 '), [4, 3]);
  assert.deepEqual(hiddenLayers.parse('8 8 8'), [8, 8, 8]);
  assert.deepEqual(hiddenLayers.parse('8 8 8 8 8 8'), [8, 8, 8, 8, 8, 8]);
  assert.equal(hiddenLayers.parse('8 8 8 8 8 8 8'), undefined);
  assert.equal(hiddenLayers.parse('9'), undefined);
  assert.deepEqual(hiddenLayers.parse('0'), []);
  assert.deepEqual(hiddenLayers.parse(''), []);
  assert.equal(hiddenLayers.format([3, 2]), '3,2');
  assert.equal(hiddenLayers.format([]), '0');
});

test('serialize names only what differs from the defaults', () => {
  assert.equal(serializeSettings(defaultSettings()), '');
  const settings = { ...defaultSettings(), lang: 'en', lr: 0.5, hidden: [3, 2], showGradients: false };
  // A list's commas stay commas: the address a teacher copies reads as they would type it.
  assert.equal(serializeSettings(settings), '?lang=en&lr=0.5&hidden=3,2&grads=0');
});

test('parse(serialize(x)) gives x back', () => {
  const settings = { ...defaultSettings(), lang: 'en', theme: 'dark', dataset: 'single', lr: 0.33,
    activation: 'relu', hidden: [4, 3, 2], seed: 2147483647, detailed: true, precision: 8,
    checkGradients: true, speed: 10, logScale: true, targetLoss: 0.002, maxEpochs: 500, loss: 'bce', optimizer: 'momentum', momentum: 0.99 };
  assert.deepEqual(parseSettings(serializeSettings(settings)), settings);
});

test('defaults are fresh copies', () => {
  const a = defaultSettings();
  a.hidden.push(5);
  assert.deepEqual(defaultSettings().hidden, [2]);
});

test('configure carries every server setting under its protocol name', () => {
  assert.deepEqual(configureMessage(defaultSettings()), {
    op: 'configure', lang: 'pt-BR', dataset: 'xor', lr: 0.1, activation: 'sigmoid', loss: 'mse',
    optimizer: 'sgd', momentum: 0.9, hidden: [2], seed: 3, detailed: false, check_gradients: false,
    init: 'uniform', clip: 0, schedule: 'constant', schedule_period: 100, l2: 0, l1: 0,
    noise: 10, points: 100, split: 0, batch: 'online', batch_size: 8,
  });
});

test('the walkthrough is configured through its preset, then every setting after it', () => {
  const settings = parseSettings('?dataset=passo_a_passo&detailed=1');
  const message = configureMessage(settings);
  assert.deepEqual(Object.keys(message).slice(0, 2), ['op', 'preset']);
  assert.equal(message.preset, 'passo_a_passo');
  // Unnamed settings the preset fixes are the preset's, so sending them changes nothing.
  assert.deepEqual({ lr: message.lr, optimizer: message.optimizer, hidden: message.hidden,
    activation: message.activation, loss: message.loss, dataset: message.dataset, detailed: message.detailed },
  { lr: 0.5, optimizer: 'sgd', hidden: [2], activation: 'sigmoid', loss: 'mse', dataset: 'passo_a_passo',
    detailed: true });
});

test('a walkthrough link keeps every setting it names (the share round trip)', () => {
  const query = '?dataset=passo_a_passo&lr=0.5&optimizer=momentum&clip=0.5&l2=0.01&schedule=step&period=2' +
    '&momentum=0.5&batch=full&l1=0.001';
  const { settings: read, notices } = settings.readSettings(CATALOG, query);
  assert.deepEqual(notices, []);
  const message = configureMessage(read);
  assert.deepEqual({ optimizer: message.optimizer, clip: message.clip, l2: message.l2, l1: message.l1,
    schedule: message.schedule, schedule_period: message.schedule_period, momentum: message.momentum,
    batch: message.batch, lr: message.lr },
  { optimizer: 'momentum', clip: 0.5, l2: 0.01, l1: 0.001, schedule: 'step', schedule_period: 2,
    momentum: 0.5, batch: 'full', lr: 0.5 });
  // The address the page writes back names the same settings, and reads back to the same.
  const written = serializeSettings(read);
  assert.equal(written, '?dataset=passo_a_passo&optimizer=momentum&momentum=0.5&batch=full&clip=0.5' +
    '&schedule=step&period=2&l2=0.01&l1=0.001');
  assert.deepEqual(parseSettings(written), read);
});

test('on the walkthrough, a setting the preset fixes is written when it differs from the preset', () => {
  const walkthrough = parseSettings('?dataset=passo_a_passo');
  assert.equal(walkthrough.lr, 0.5);
  assert.equal(serializeSettings(walkthrough), '?dataset=passo_a_passo');
  // η = 0.1 is the catalog's default but not the walkthrough's: the link must say so.
  const slower = { ...walkthrough, lr: 0.1, activation: 'tanh' };
  assert.equal(serializeSettings(slower), '?dataset=passo_a_passo&lr=0.1&activation=tanh');
  assert.deepEqual(parseSettings(serializeSettings(slower)), slower);
  assert.equal(configureMessage(slower).lr, 0.1);
  assert.equal(configureMessage(slower).activation, 'tanh');
});

test('settingsFromConfig copies the server settings and keeps the page choices', () => {
  const settings = { ...defaultSettings(), precision: 7, lang: 'en' };
  const next = settingsFromConfig(settings, { lr: 0.5, hidden: [3], check_gradients: true,
    lang: 'pt-BR', momentum: 0.9 });
  assert.equal(next.lr, 0.5);
  assert.deepEqual(next.hidden, [3]);
  assert.equal(next.checkGradients, true);
  assert.equal(next.precision, 7);
  assert.equal(next.lang, 'en');
  assert.equal(settingsFromConfig(settings, undefined).lr, 0.1);
});

test('hidden=0 is the single neuron, and six layers of eight the largest network', () => {
  assert.deepEqual(parseSettings('?hidden=0').hidden, []);
  assert.deepEqual(parseSettings('?hidden=8,8,8,8,8,8').hidden, [8, 8, 8, 8, 8, 8]);
  const single = { ...defaultSettings(), hidden: [] };
  assert.equal(serializeSettings(single), '?hidden=0');
  assert.deepEqual(parseSettings(serializeSettings(single)), single);
});
