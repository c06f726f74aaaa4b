// Tests for embed.js, shortcuts.js and announce.js: hidden controls, URL notices, the share
// link and snippet, why actions are off, the keyboard shortcuts and the live region's sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hiddenControlNames, offeredExperiments, urlNoticeTexts, shareTexts, actionsBlockedReason, controlLabel,
  controlShown, experimentNoticeTexts } from '../../static/js/embed.js';
import { wordForHiddenControls } from '../../static/js/page-aids.js';
import { shortcutFor } from '../../static/js/shortcuts.js';
import { phaseAnnouncement, trainingAnnouncement } from '../../static/js/announce.js';
import { createTranslator } from '../../static/js/i18n.js';
import { EN } from '../../static/js/i18n-en.js';
import { parseSettings, readSettings, settingEntry } from '../../static/js/settings.js';
import { CATALOG } from './catalog.mjs';

const pt = createTranslator('pt-BR');
const en = createTranslator('en', EN);

test('controls= keeps only the named parts', () => {
  const hidden = hiddenControlNames(CATALOG, parseSettings(CATALOG, '?controls=next,auto,undo,reset'));
  assert.deepEqual(hidden, ['speed', 'share', 'lang', 'dataset', 'activation', 'batch', 'lr', 'architecture', 'edit',
    'toggles', 'advanced', 'session']);
  assert.deepEqual(hiddenControlNames(CATALOG, parseSettings(CATALOG, '')), []);
});

test('a fixed network: without architecture and edit, neither is shown; by default both are', () => {
  const fixed = parseSettings(CATALOG, '?controls=next,auto,undo,reset');
  assert.deepEqual(['architecture', 'edit'].map((name) => controlShown(CATALOG, fixed, name)), [false, false]);
  const all = parseSettings(CATALOG, '');
  assert.deepEqual(['architecture', 'edit'].map((name) => controlShown(CATALOG, all, name)), [true, true]);
  const editing = parseSettings(CATALOG, '?controls=next,architecture,edit');
  assert.deepEqual(['architecture', 'edit'].map((name) => controlShown(CATALOG, editing, name)), [true, true]);
});

test('a text about a hidden control takes its other wording, and keeps its own otherwise', () => {
  const hint = () => ({ dataset: { i18n: 'network_hint', withoutControl: 'edit', i18nWithout: 'network_hint_view' } });
  const worded = (query) => {
    const text = hint();
    wordForHiddenControls([text], CATALOG, parseSettings(CATALOG, query));
    return text.dataset.i18n;
  };
  assert.equal(worded('?controls=next,auto,undo,reset'), 'network_hint_view');
  assert.equal(worded('?controls=next,edit'), 'network_hint');
  assert.equal(worded(''), 'network_hint');
  assert.doesNotMatch(pt('network_hint_view'), /mudar|edit/i);
  assert.doesNotMatch(en('network_hint_view'), /change|edit/i);
});

test('an experiment is offered only where every control its instructions use is shown', () => {
  const offered = (query) => offeredExperiments(CATALOG, parseSettings(CATALOG, query));
  assert.deepEqual(offered(''), ['high', 'low', 'act', 'deep', 'dead', 'hand']);
  assert.deepEqual(offered('?controls=next,auto,undo,reset'), ['high', 'low', 'deep', 'dead', 'hand']);
  assert.deepEqual(offered('?controls=next,activation'), ['act', 'deep', 'hand']);
  assert.deepEqual(offered('?controls=lr'), []);
});

test('each dropped or clamped URL value gets one sentence naming it and the value used', () => {
  const { notices } = readSettings(CATALOG, '?activation=foo&hidden=99');
  assert.deepEqual(urlNoticeTexts(notices, pt), [
    'Endereço: “activation=foo” não é um valor válido; usado: sigmoid.',
    'Endereço: “hidden=99” está fora dos limites; usado: 8.',
  ]);
  assert.deepEqual(urlNoticeTexts(notices, en)[1], 'URL: “hidden=99” is out of range; using 8.');
});

test('a rounded URL value gets its own sentence, not "out of range"', () => {
  const { notices } = readSettings(CATALOG, '?l2=0,00005&noise=-1');
  assert.deepEqual(urlNoticeTexts(notices, pt), [
    'Endereço: “noise=-1” está fora dos limites; usado: 0.',
    'Endereço: “l2=0,00005” tem mais casas do que a configuração guarda; usado: 0.0001.',
  ]);
  assert.deepEqual(urlNoticeTexts(notices, en)[1],
    'URL: “l2=0,00005” has more digits than the setting keeps; using 0.0001.');
});

test("a fragment's experiment the page opens, or no experiment at all, says nothing", () => {
  const notice = (query, name) => experimentNoticeTexts(CATALOG, parseSettings(CATALOG, query), name, pt);
  assert.deepEqual(notice('', 'act'), []);
  assert.deepEqual(notice('?controls=next,auto', 'high'), []);
  assert.deepEqual(notice('?controls=next,auto', null), []);
});

test('an unknown experiment is named back with those the page offers, in either language', () => {
  const settings = (query) => parseSettings(CATALOG, query);
  assert.deepEqual(experimentNoticeTexts(CATALOG, settings(''), 'dead2', pt),
    ['Endereço: o experimento “dead2” não existe; os disponíveis são high, low, act, deep, dead e hand.']);
  assert.deepEqual(experimentNoticeTexts(CATALOG, settings(''), 'dead2', en),
    ['URL: there is no experiment “dead2”; the available ones are high, low, act, deep, dead, and hand.']);
  // Only those this page offers: a teacher's controls= left the others out.
  assert.deepEqual(experimentNoticeTexts(CATALOG, settings('?controls=auto'), 'nope', pt),
    ['Endereço: o experimento “nope” não existe; os disponíveis são high e low.']);
  assert.deepEqual(experimentNoticeTexts(CATALOG, settings('?controls=next'), 'Dead', pt),
    ['Endereço: o experimento “Dead” não existe; os disponíveis são deep e hand.']);
  assert.deepEqual(experimentNoticeTexts(CATALOG, settings('?controls=lr'), 'nope', pt),
    ['Endereço: o experimento “nope” não existe, e esta página não oferece nenhum.']);
  assert.deepEqual(experimentNoticeTexts(CATALOG, settings('?controls=lr'), 'nope', en),
    ['URL: there is no experiment “nope”, and this page offers none.']);
});

test('an unknown experiment where the page offers one names it in the singular', () => {
  const catalog = { ...CATALOG, experiments: CATALOG.experiments.filter(({ id }) => id === 'act') };
  const settings = parseSettings(CATALOG, '');
  assert.deepEqual(experimentNoticeTexts(catalog, settings, 'ac', pt),
    ['Endereço: o experimento “ac” não existe; o disponível é act.']);
  assert.deepEqual(experimentNoticeTexts(catalog, settings, 'ac', en),
    ['URL: there is no experiment “ac”; the available one is act.']);
});

test('an experiment the page does not offer names the controls it needs that controls= hides, as the page names them', () => {
  const notice = (query, name, t) => experimentNoticeTexts(CATALOG, parseSettings(CATALOG, query), name, t);
  assert.deepEqual(notice('?controls=next,auto,undo,reset', 'act', pt),
    ['Endereço: o experimento “act” precisa do controle “Função de ativação”, que esta página esconde.']);
  assert.deepEqual(notice('?controls=next,auto,undo,reset', 'act', en),
    ['URL: the experiment “act” needs the “Activation function” control, which this page hides.']);
  assert.deepEqual(notice('?controls=lr', 'dead', pt),
    ['Endereço: o experimento “dead” precisa dos controles “Próximo passo” e “Treinar automático”, ' +
      'que esta página esconde.']);
  assert.deepEqual(notice('?controls=lr', 'dead', en),
    ['URL: the experiment “dead” needs the “Next step” and “Train automatically” controls, which this page hides.']);
});

test('every control a URL can hide has the name the page shows on it, in both languages', () => {
  const names = settingEntry(CATALOG, 'controls').choices;
  for (const name of names) {
    for (const t of [pt, en]) assert.doesNotMatch(controlLabel(name, t), /^[a-z_]+$|undefined/, `${name} ${t.lang}`);
  }
  assert.deepEqual(['next', 'auto', 'activation'].map((name) => controlLabel(name, pt)),
    ['Próximo passo', 'Treinar automático', 'Função de ativação']);
});

test('the share link keeps the page; the snippet frames /embed with the same settings', () => {
  const texts = shareTexts({ origin: 'https://bp.example', pathname: '/', query: '?lr=0.5&seed=7',
    title: 'Backpropagation – Passo a Passo' });
  assert.equal(texts.link, 'https://bp.example/?lr=0.5&seed=7');
  assert.equal(texts.embedLink, 'https://bp.example/embed?lr=0.5&seed=7');
  assert.match(texts.snippet, /^<iframe src="https:\/\/bp\.example\/embed\?lr=0\.5&amp;seed=7" title="Backpropagation – Passo a Passo"/);
  assert.equal(shareTexts({ origin: 'o', pathname: '/embed', query: '', title: 't' }).embedLink, 'o/embed');
});

test('actions are blocked until the connection is open and a state arrived', () => {
  assert.equal(actionsBlockedReason({ status: 'waiting' }, {}), 'offline_reason');
  assert.equal(actionsBlockedReason({ status: 'open' }, null), 'offline_reason');
  assert.equal(actionsBlockedReason({ status: 'open' }, {}), null);
});

const key = (k, extra = {}) => ({ key: k, target: { tagName: 'BODY' }, ...extra });

test('shortcuts: N, Space, A, U, Ctrl+Z, R and ?', () => {
  assert.equal(shortcutFor(key('n')), 'next');
  assert.equal(shortcutFor(key('N')), 'next');
  assert.equal(shortcutFor(key(' ')), 'next');
  assert.equal(shortcutFor(key('a')), 'auto');
  assert.equal(shortcutFor(key('u')), 'undo');
  assert.equal(shortcutFor(key('z', { ctrlKey: true })), 'undo');
  assert.equal(shortcutFor(key('r')), 'reset');
  assert.equal(shortcutFor(key('?')), 'help');
  assert.equal(shortcutFor(key('x')), null);
});

test('shortcuts never fire while typing, with other modifiers, or over a button’s own Space', () => {
  for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT']) {
    assert.equal(shortcutFor(key('n', { target: { tagName } })), null, tagName);
  }
  for (const type of ['text', 'number', 'search', 'TEXT']) {
    assert.equal(shortcutFor(key('n', { target: { tagName: 'INPUT', type } })), null, type);
  }
  assert.equal(shortcutFor(key('n', { target: { tagName: 'DIV', isContentEditable: true } })), null);
  assert.equal(shortcutFor(key('r', { ctrlKey: true })), null);
  assert.equal(shortcutFor(key('n', { altKey: true })), null);
  assert.equal(shortcutFor(key(' ', { target: { tagName: 'BUTTON' } })), null);
  assert.equal(shortcutFor(key('r', { repeat: true })), null);
});

test('shortcuts still fire after a click on a checkbox or a slider, but leave them their Space', () => {
  for (const type of ['checkbox', 'range', 'radio']) {
    const target = { tagName: 'INPUT', type };
    assert.equal(shortcutFor(key('n', { target })), 'next', type);
    assert.equal(shortcutFor(key('a', { target })), 'auto', type);
    assert.equal(shortcutFor(key('z', { target, ctrlKey: true })), 'undo', type);
    assert.equal(shortcutFor(key(' ', { target })), null, type);
  }
});

const SERVER = {
  sizes: [2, 2, 1], dataset: { Y: [0, 1, 1, 0] }, sample: 0, shown: { sample: 0 }, layer: null,
  epoch: 3, config: { lr: 0.5 }, metrics: { mse: 0.125 },
  forward: { y_hat: 0.4875, y: 0, loss: 0.1188 },
  backward: { da: [[0.1, 0.2], [0.4875]] }, update: { lr: 0.5 },
};

test('the live region says each phase with its numbers', () => {
  assert.equal(phaseAnnouncement({ ...SERVER, phase: 'forward' }, pt, 4),
    'Forward do exemplo 1 de 4: saída prevista ŷ = 0,4875, alvo y = 0,0000, perda 0,1188.');
  assert.equal(phaseAnnouncement({ ...SERVER, phase: 'backward' }, en, 2),
    'Backward of example 1: gradients computed; ∂L/∂ŷ = 0.49.');
  assert.equal(phaseAnnouncement({ ...SERVER, phase: 'update' }, pt, 3),
    'Update: cada parâmetro andou −η·∂L/∂θ com η = 0,5. Erro (MSE) agora 0,125.');
  assert.equal(phaseAnnouncement({ ...SERVER, phase: 'idle', sample: 1 }, en, 2),
    'Ready for the forward pass of example 2 of 4.');
  assert.equal(trainingAnnouncement(SERVER, pt, 2), 'Treinando: época 3, erro (MSE) 0,13.');
  assert.equal(trainingAnnouncement(SERVER, en, 2, true), 'Training paused at epoch 3, error (MSE) 0.13.');
});

test('the announcer: a phase per step, throttled while training, and where training stopped', async () => {
  const { createAnnouncer } = await import('../../static/js/page-aids.js');
  const region = { textContent: '' };
  let clock = 0;
  const announce = createAnnouncer(region, () => clock);
  const settings = { precision: 2 };
  const state = (server, training = false) => ({ server, training, settings });
  announce(state({ ...SERVER, phase: 'idle' }), en);
  assert.equal(region.textContent, ''); // the page opening says nothing
  announce(state({ ...SERVER, phase: 'forward' }), en);
  assert.match(region.textContent, /^Forward of example 1 of 4/);
  announce(state({ ...SERVER, epoch: 4, reply_to: 'train' }, true), en);
  assert.equal(region.textContent, 'Training: epoch 4, error (MSE) 0.13.');
  clock = 1000;
  announce(state({ ...SERVER, epoch: 5, reply_to: 'train' }, true), en);
  assert.equal(region.textContent, 'Training: epoch 4, error (MSE) 0.13.'); // throttled
  const last = { ...SERVER, epoch: 6, reply_to: 'train' };
  announce(state(last, false), en); // paused (the flag), then the batch in flight answers
  announce(state({ ...last, epoch: 7 }, false), en);
  assert.equal(region.textContent, 'Training paused at epoch 7, error (MSE) 0.13.');
  // The pause's empty configure answers after the last train: where training stopped stays.
  announce(state({ ...last, epoch: 7, reply_to: 'configure' }, false), en);
  assert.equal(region.textContent, 'Training paused at epoch 7, error (MSE) 0.13.');
  announce(state({ ...SERVER, epoch: 7, phase: 'forward', reply_to: 'step' }), en);
  assert.match(region.textContent, /^Forward of example 1 of 4/);
  announce(state({ ...SERVER, epoch: 7, phase: 'forward', reply_to: 'configure', lr: 0.2 }), en);
  assert.match(region.textContent, /^Forward of example 1 of 4/); // a setting, not a stop
});

test('the announcer: a setting changed right after the pause is not a second stop', async () => {
  const { createAnnouncer } = await import('../../static/js/page-aids.js');
  const spoken = [];
  const region = { set textContent(text) { spoken.push(text); }, get textContent() { return spoken.at(-1) ?? ''; } };
  const announce = createAnnouncer(region, () => 0);
  const state = (server, training = false) => ({ server, training, settings: { precision: 2 } });
  announce(state({ ...SERVER, phase: 'idle' }), en);
  announce(state({ ...SERVER, epoch: 4, reply_to: 'train' }, true), en);
  announce(state({ ...SERVER, epoch: 4, reply_to: 'train' }, false), en); // paused
  announce(state({ ...SERVER, epoch: 5, reply_to: 'train' }, false), en); // the batch in flight
  announce(state({ ...SERVER, epoch: 5, reply_to: 'configure' }, false), en); // the pause's own
  assert.equal(region.textContent, 'Training paused at epoch 5, error (MSE) 0.13.');
  const stops = spoken.length;
  // The student then picks another activation: its configure says what waits now, not the stop
  // again with the new error ("paused at epoch 5, error 0.20" was read a second time).
  announce(state({ ...SERVER, epoch: 5, phase: 'idle', reply_to: 'configure', metrics: { mse: 0.2 } }, false), en);
  assert.deepEqual(spoken.slice(stops), ['Ready for the forward pass of example 1 of 4.']);
});

test('the announcer: the last train and the pause answered in one frame say where training stopped', async () => {
  const { createAnnouncer } = await import('../../static/js/page-aids.js');
  const region = { textContent: '' };
  const announce = createAnnouncer(region, () => 0);
  const state = (server, training = false) => ({ server, training, settings: { precision: 2 } });
  announce(state({ ...SERVER, phase: 'idle' }), en);
  announce(state({ ...SERVER, epoch: 4, reply_to: 'train' }, true), en);
  announce(state({ ...SERVER, epoch: 4, reply_to: 'train' }, false), en); // the pause's own frame
  announce(state({ ...SERVER, epoch: 5, reply_to: 'configure' }, false), en);
  assert.equal(region.textContent, 'Training paused at epoch 5, error (MSE) 0.13.');
});
