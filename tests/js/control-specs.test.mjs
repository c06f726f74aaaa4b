// Tests for control-specs.js with the server's own table: select options, number bounds, and the
// learning-rate slider's logarithmic scale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SELECTS, NUMBER_FIELDS, optionsOf, numberBounds, checkNumber, lrSlider, lrText } from '../../static/js/control-specs.js';
import { settingEntry } from '../../static/js/settings.js';
import { CATALOG } from './catalog.mjs';

const entry = (key) => settingEntry(CATALOG, key);

test('every select and number field names a setting of the table', () => {
  for (const key of [...Object.values(SELECTS), ...Object.values(NUMBER_FIELDS)]) assert.ok(entry(key), key);
});

test('select options come from the table, with the course labels or their i18n keys', () => {
  assert.deepEqual(optionsOf(entry('activation')), [
    { value: 'sigmoid', label: 'Sigmoid' }, { value: 'tanh', label: 'Tanh' }, { value: 'relu', label: 'ReLU' }]);
  assert.deepEqual(optionsOf(entry('dataset')).map((o) => o.labelKey),
    ['data_xor', 'data_and', 'data_or', 'data_single', 'data_passo_a_passo', 'data_clusters', 'data_circle',
      'data_spiral']);
  assert.deepEqual(optionsOf(entry('optimizer')).map((o) => o.labelKey), ['opt_sgd', 'opt_momentum', 'opt_adam']);
  assert.deepEqual(optionsOf(entry('loss')).map((o) => o.labelKey), ['loss_mse', 'loss_bce']);
  assert.deepEqual(optionsOf(entry('lang')), [
    { value: 'pt-BR', label: 'Português', lang: 'pt-BR' }, { value: 'en', label: 'English', lang: 'en' }]);
  assert.deepEqual(numberBounds(entry('targetLoss')), { min: '0.0001', max: '0.5', step: 'any' });
  assert.deepEqual(optionsOf(entry('precision')).map((o) => o.value), ['2', '3', '4', '5', '6', '7', '8', '9', '10']);
});

test('number fields take their bounds and step from the table', () => {
  assert.deepEqual(numberBounds(entry('momentum')), { min: '0', max: '0.99', step: '0.01' });
  assert.deepEqual(numberBounds(entry('seed')), { min: '0', max: '2147483647', step: '1' });
  assert.deepEqual(numberBounds(entry('noise')), { min: '0', max: '50', step: '1' });
  assert.deepEqual(numberBounds(entry('points')), { min: '20', max: '400', step: '1' });
  assert.deepEqual(numberBounds(entry('split')), { min: '0', max: '50', step: '1' });
});

test('a typed number outside its bounds is refused with the bounds in the message', () => {
  assert.deepEqual(checkNumber(entry('momentum'), 0.5, 'momentum_bad'), { value: 0.5 });
  assert.deepEqual(checkNumber(entry('momentum'), 1, 'momentum_bad'),
    { refused: { key: 'momentum_bad', params: { min: 0, max: 0.99 } } });
  assert.ok(checkNumber(entry('seed'), 2 ** 31, 'seed_bad').refused);
  assert.ok(checkNumber(entry('seed'), NaN, 'seed_bad').refused);
  assert.ok(checkNumber(entry('seed'), 1.5, 'seed_bad').refused);
});

test('the η slider is logarithmic over the table’s whole range, snapped to two digits', () => {
  const slider = lrSlider(CATALOG);
  assert.equal(entry('lr').scale, 'log');
  assert.deepEqual([slider.min, slider.max, slider.step], ['-3', '1', '0.01']);
  assert.equal(slider.toPosition(0.1), '-1');
  assert.equal(slider.toPosition(0.5), '-0.3');
  assert.equal(slider.toPosition(10), '1');
  assert.equal(slider.toValue('-1'), 0.1);
  assert.equal(slider.toValue('-0.3'), 0.5);
  assert.equal(slider.toValue('0.4'), 2.5);
  assert.equal(slider.toValue('-2.7'), 0.002);
  assert.equal(slider.toValue('1'), 10);
  assert.equal(slider.toValue('-3'), 0.001);
  for (const lr of [0.001, 0.002, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10]) {
    assert.equal(slider.toValue(slider.toPosition(lr)), lr, String(lr));
  }
});

test('η is written without padding', () => {
  assert.deepEqual([0.1, 0.5, 2.5, 0.002, 5, 10].map((lr) => lrText(CATALOG, lr)), ['0,1', '0,5', '2,5', '0,002', '5', '10']);
  assert.deepEqual([0.1, 2.5, 10].map((lr) => lrText(CATALOG, lr, 'en')), ['0.1', '2.5', '10']);
  assert.equal(lrText(CATALOG, null), '—');
});
