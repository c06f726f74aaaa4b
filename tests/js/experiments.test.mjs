// Tests for experiments.js: the open experiment is read from the fragment; links keep it and the page's presentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentHref, experimentId, experimentName, experimentToSetUp, keepPresentation, offerExperiments,
  pageSettingsChanged }
  from '../../static/js/experiments.js';
import { defaultSettings, readSettings } from '../../static/js/settings.js';
import { CATALOG } from './catalog.mjs';

const defaults = defaultSettings(CATALOG);

function fakeLink(href) {
  const attrs = { href };
  return { getAttribute: (name) => attrs[name] ?? null, setAttribute: (name, value) => { attrs[name] = value; } };
}

test('the fragment names the experiment, and nothing else does', () => {
  assert.equal(experimentId('#exp=dead'), 'dead');
  assert.equal(experimentId('#exp=high'), 'high');
  for (const hash of ['', '#', '#exp=', '#exp=Dead', '#bp_loss', '#exp=high&x', undefined]) {
    assert.equal(experimentId(hash), null, String(hash));
  }
});

test("a fragment's experiment name is read back as typed, even one no experiment has", () => {
  assert.equal(experimentName('#exp=dead'), 'dead');
  assert.equal(experimentName('#exp=dead2'), 'dead2');
  assert.equal(experimentName('#exp=Dead'), 'Dead');
  assert.equal(experimentName('#exp=a%C3%A7%C3%A3o'), 'ação');
  assert.equal(experimentName('#exp=100%'), '100%');
  for (const hash of ['', '#', '#exp=', '#bp_loss', '#expdead', undefined]) {
    assert.equal(experimentName(hash), null, String(hash));
  }
});

test('a link keeps its fragment when the language is added, changed or dropped', () => {
  const link = fakeLink('?dataset=xor&activation=relu&seed=3#exp=dead');
  keepPresentation([link], CATALOG, { ...defaults, lang: 'en' });
  assert.equal(link.getAttribute('href'), '?dataset=xor&activation=relu&seed=3&lang=en#exp=dead');
  keepPresentation([link], CATALOG, { ...defaults, lang: 'en' });
  assert.equal(link.getAttribute('href'), '?dataset=xor&activation=relu&seed=3&lang=en#exp=dead');
  keepPresentation([link], CATALOG, defaults);
  assert.equal(link.getAttribute('href'), '?dataset=xor&activation=relu&seed=3#exp=dead');
  const plain = fakeLink('?dataset=xor');
  keepPresentation([plain], CATALOG, { ...defaults, lang: 'en' });
  assert.equal(plain.getAttribute('href'), '?dataset=xor&lang=en');
});

test("a link keeps a teacher's embed: controls, theme, language, decimals and loss axis", () => {
  const embed = readSettings(CATALOG, '?lang=en&controls=next,auto,undo,reset&theme=dark&prec=2&log=1' +
    '&lr=0.3&speed=2&autotrain=1&hidden=4').settings;
  assert.equal(experimentHref('?dataset=xor&lr=5&seed=3#exp=high', CATALOG, embed),
    '?dataset=xor&lr=5&seed=3&lang=en&theme=dark&prec=2&log=1&controls=next,auto,undo,reset#exp=high');
  // The network's settings and the training's are the experiment's: lr, hidden, speed, autotrain not carried.
  const opened = readSettings(CATALOG, experimentHref('?dataset=xor&lr=5&seed=3', CATALOG, embed)).settings;
  for (const key of ['lang', 'theme', 'controls', 'precision', 'logScale']) assert.deepEqual(opened[key], embed[key], key);
  assert.deepEqual([opened.lr, opened.hidden, opened.speed, opened.autotrain], [5, [2], 6, false]);
});

test('what the link sets itself wins over the page', () => {
  const embed = readSettings(CATALOG, '?prec=2&theme=dark').settings;
  assert.equal(experimentHref('?dataset=passo_a_passo&prec=6#exp=hand', CATALOG, embed),
    '?dataset=passo_a_passo&prec=6&theme=dark#exp=hand');
});

test("opening an experiment changes only the page's own settings the undo must put back", () => {
  const before = readSettings(CATALOG, '?speed=2&lr=0.3&grads=0').settings;
  const hand = readSettings(CATALOG, '?dataset=passo_a_passo&quiz=1').settings;
  // lr and the data set are the server's: its undo brings them back with the session.
  assert.deepEqual(pageSettingsChanged(CATALOG, before, hand), { quiz: false, speed: 2, showGradients: false });
  assert.deepEqual(pageSettingsChanged(CATALOG, hand, hand), {});
});

test('the list offers only the experiments given, and hides when there is none', () => {
  const items = [{ hidden: false }, { hidden: false }];
  const links = ['?lr=5#exp=high', '?activation=tanh#exp=act'].map((href, k) =>
    ({ ...fakeLink(href), closest: () => items[k] }));
  const list = { hidden: false, querySelectorAll: () => links };
  offerExperiments(list, ['high']);
  assert.deepEqual([items[0].hidden, items[1].hidden, list.hidden], [false, true, false]);
  offerExperiments(list, []);
  assert.deepEqual([items[0].hidden, items[1].hidden, list.hidden], [true, true, true]);
});

test('an experiment named over other settings is set up by its own link; on its own settings it is left alone', () => {
  const own = (id) => readSettings(CATALOG, `?${CATALOG.experiments.find((e) => e.id === id).query}`).settings;
  // "#exp=high" on the default page: η = 0,1 under "η alto demais (η = 5)" without this.
  assert.equal(experimentToSetUp(CATALOG, defaults, 'high'), '?dataset=xor&lr=5&seed=3#exp=high');
  // A teacher's embed: its presentation kept, its η not.
  const embed = { ...defaults, lang: 'en', controls: ['next', 'auto'], lr: 0.5 };
  assert.equal(experimentToSetUp(CATALOG, embed, 'high'), '?dataset=xor&lr=5&seed=3&lang=en&controls=next,auto#exp=high');
  for (const experiment of CATALOG.experiments) {
    const settings = own(experiment.id);
    assert.equal(experimentToSetUp(CATALOG, settings, experiment.id), null, experiment.id);
    assert.equal(experimentToSetUp(CATALOG, { ...settings, lang: 'en', precision: 6, theme: 'dark' }, experiment.id), null, experiment.id);
    assert.notEqual(experimentToSetUp(CATALOG, { ...settings, seed: 99 }, experiment.id), null, experiment.id);
  }
  // A setting its query names that the server does not keep (the quiz) counts too.
  assert.notEqual(experimentToSetUp(CATALOG, { ...own('hand'), quiz: false }, 'hand'), null);
  // The preset's η is the experiment's (passo_a_passo: η = 0,5).
  assert.notEqual(experimentToSetUp(CATALOG, { ...own('hand'), lr: 0.1 }, 'hand'), null);
  assert.equal(experimentToSetUp(CATALOG, defaults, 'nope'), null);
});
