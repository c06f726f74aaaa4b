// Tests for control-specs.js with the server's own table: select options, number bounds, and the
// learning-rate slider's logarithmic scale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SELECTS, NUMBER_FIELDS, optionsOf, numberBounds, checkNumber, lrSlider, lrText, keptValues }
  from '../../static/js/control-specs.js';
import { settingEntry, snapNumber } from '../../static/js/settings.js';
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

test('the η slider has one position per value the table keeps, a decade as long as the next', () => {
  const slider = lrSlider(CATALOG);
  const values = keptValues(entry('lr'));
  assert.equal(values.length, 4 * 90 + 1); // 1,0 … 9,9 in each of 4 decades, then 10
  assert.deepEqual([values[0], values[1], values[89], values[90], values[360]], [0.001, 0.0011, 0.0099, 0.01, 10]);
  assert.deepEqual([slider.min, slider.max, slider.step], ['0', '360', '1']);
  for (const [lr, position] of [[0.001, '0'], [0.002, '10'], [0.1, '180'], [0.5, '220'], [5, '310'], [10, '360']]) {
    assert.equal(slider.toPosition(lr), position, String(lr));
    assert.equal(slider.toValue(position), lr, position);
  }
  assert.equal(slider.toPosition(0.10233), '180'); // snapped first, as the server keeps it
  assert.deepEqual(['-5', '999', 'x'].map(slider.toValue), [0.001, 10, 0.001]);
  for (const [k, lr] of values.entries()) {
    assert.equal(snapNumber(entry('lr'), lr), lr); // each position is a value the page sends as is
    if (k > 0) assert.notEqual(lrText(CATALOG, lr), lrText(CATALOG, values[k - 1]), String(lr)); // and shows apart
  }
});

test('η is written without padding', () => {
  assert.deepEqual([0.1, 0.5, 2.5, 0.002, 5, 10].map((lr) => lrText(CATALOG, lr)), ['0,1', '0,5', '2,5', '0,002', '5', '10']);
  assert.deepEqual([0.1, 2.5, 10].map((lr) => lrText(CATALOG, lr, 'en')), ['0.1', '2.5', '10']);
  assert.equal(lrText(CATALOG, null), '—');
});
