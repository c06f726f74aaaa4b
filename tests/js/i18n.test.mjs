// Tests for i18n.js: both languages, placeholders, fallbacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator, loadTranslator, normalizeLang, translatePage, translationKeys } from '../../static/js/i18n.js';
import { EN } from '../../static/js/i18n-en.js';

test('the course labels are verbatim in pt-BR', () => {
  const t = createTranslator('pt-BR');
  assert.equal(t('lr_label'), 'Taxa de aprendizado (η)');
  assert.equal(t('act_label'), 'Função de ativação');
  assert.equal(t('next'), 'Próximo passo');
  assert.equal(t('auto'), 'Treinar automático');
  assert.equal(t('reset'), 'Reset');
  assert.equal(t('show_grads'), 'Mostrar gradientes');
  assert.equal(t('epoch'), 'Época');
  assert.equal(t('err_mse'), 'Erro (MSE)');
  assert.equal(t('out'), 'Saída prevista');
  assert.equal(t('target'), 'Alvo (y)');
  assert.equal(t('abs'), 'Erro absoluto |ŷ − y|');
  assert.equal(t('grads'), 'Gradientes');
  assert.equal(t('loss_curve_mse'), 'Curva de perda (MSE)');
  assert.equal(t('loss_empty'), 'Sem dados ainda');
});

test('English has its own words and falls back to pt-BR only for shared names', () => {
  const t = createTranslator('en', EN);
  assert.equal(t('next'), 'Next step');
  assert.equal(t('loss_empty'), 'No data yet');
  assert.equal(t('reset'), 'Reset');
  const untranslated = translationKeys().filter((key) => t(key) === createTranslator('pt-BR')(key));
  assert.deepEqual(untranslated.sort(), ['boundary_legend', 'curve_example', 'data_and', 'data_or', 'data_xor', 'init_he', 'init_xavier',
    'loss_mse', 'opt_adam', 'opt_momentum', 'reset', 'shortcut_reset'].sort());
});

test('placeholders are filled; unknown ones are left visible', () => {
  const t = createTranslator('pt-BR');
  assert.equal(t('example_of', { n: 2, total: 4 }), 'exemplo 2 de 4');
  assert.equal(t('example_of', { n: 2 }), 'exemplo 2 de {total}');
  assert.equal(t('no_such_key'), 'no_such_key');
});

test('language tags are normalised to the two the page has', () => {
  assert.equal(normalizeLang('en-GB'), 'en');
  assert.equal(normalizeLang('EN'), 'en');
  assert.equal(normalizeLang('pt'), 'pt-BR');
  assert.equal(normalizeLang('de'), 'pt-BR');
  assert.equal(normalizeLang(undefined), 'pt-BR');
});

test('no string relabels the MSE read-out or curve as cross-entropy', () => {
  for (const lang of ['pt-BR', 'en']) {
    const t = createTranslator(lang, EN);
    const renamed = translationKeys().filter((key) => /^(Erro|Error|Curva de perda|Loss curve) \((entropia|cross)/.test(t(key)));
    assert.deepEqual(renamed, [], lang);
  }
  assert.equal(createTranslator('en', EN)('err_mse'), 'Error (MSE)');
  assert.equal(createTranslator('en', EN)('loss_curve_mse'), 'Loss curve (MSE)');
});

test('every label and option key the settings table names has a string in both languages', async () => {
  const { CATALOG } = await import('./catalog.mjs');
  const { optionsOf, SELECTS } = await import('../../static/js/control-specs.js');
  const selects = new Set(Object.values(SELECTS));
  const keys = CATALOG.settings.flatMap((entry) => [entry.label,
    ...(selects.has(entry.key) ? optionsOf(entry).map((o) => o.labelKey) : [])])
    .filter(Boolean);
  for (const key of keys) assert.ok(translationKeys().includes(key), key);
  for (const key of keys) assert.notEqual(createTranslator('en', EN)(key), key, key);
});

test('the bound messages take their bounds as placeholders', () => {
  const t = createTranslator('pt-BR');
  assert.equal(t('seed_bad', { min: 0, max: 7 }), 'A semente deve ser um número inteiro entre 0 e 7.');
  assert.equal(createTranslator('en', EN)('momentum_bad', { min: 0, max: 0.99 }), 'The momentum must be between 0 and 0.99.');
});

test('both dictionaries have the same keys, but for the shared names English takes from pt-BR', () => {
  const shared = ['data_and', 'data_or', 'data_xor', 'loss_mse', 'opt_adam', 'opt_momentum', 'reset'];
  assert.deepEqual([...Object.keys(EN), ...shared].sort(), translationKeys().sort());
});

test('English is loaded on demand: loadTranslator fetches it, createTranslator refuses without it', async () => {
  assert.throws(() => createTranslator('en'), /English strings are not loaded/);
  assert.equal((await loadTranslator('en-GB'))('next'), 'Next step');
  assert.equal((await loadTranslator('pt-BR'))('next'), 'Próximo passo');
});

/** A [data-i18n] or [data-i18n-label] element that counts its writes. */
function fakeNode(key, text, label) {
  const node = { dataset: { i18n: key, i18nLabel: key }, writes: 0, text, label };
  Object.defineProperty(node, 'textContent', {
    get: () => node.text,
    set: (value) => { node.writes += 1; node.text = value; },
  });
  node.getAttribute = () => node.label;
  node.setAttribute = (name, value) => { node.writes += 1; node.label = value; };
  return node;
}

test('translatePage writes only the strings that differ (a text set again is a new text node to lay out)', () => {
  const t = createTranslator('pt-BR');
  const same = fakeNode('next', 'Próximo passo', 'Próximo passo');
  const other = fakeNode('reset', 'old', 'old');
  const root = { querySelectorAll: () => [same, other] };
  translatePage(root, t);
  assert.deepEqual([same.writes, other.writes], [0, 2]);
  assert.deepEqual([other.text, other.label], ['Reset', 'Reset']);
});
