// Tests for format.js: numbers with a true minus sign, "—" for missing values, selection keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNumber, formatSigned, editableNumber, selectionKey, sameSelection, toSubscript, writtenValue, MINUS, MISSING,
} from '../../static/js/format.js';

test('negative numbers use U+2212, never a hyphen', () => {
  assert.equal(formatNumber(-0.0452, 4), '\u22120.0452');
  assert.equal(formatNumber(-3, 2), `${MINUS}3.00`);
  assert.ok(!formatNumber(-1.5, 3).includes('-'));
});

test('fixed decimals at the requested precision', () => {
  assert.equal(formatNumber(0.5, 2), '0.50');
  assert.equal(formatNumber(0.62245933, 4), '0.6225');
  assert.equal(formatNumber(1, 10), '1.0000000000');
  assert.equal(formatNumber(0.123456, 4), '0.1235');
});

test('missing values read as an em dash', () => {
  for (const missing of [null, undefined, NaN, Infinity, -Infinity, '1']) assert.equal(formatNumber(missing, 4), MISSING);
  assert.equal(MISSING, '—');
});

test('zero and negative zero print without a sign', () => {
  assert.equal(formatNumber(0, 4), '0.0000');
  assert.equal(formatNumber(-0, 4), '0.0000');
});

test('tiny non-zero values switch to scientific notation instead of reading as 0', () => {
  assert.equal(formatNumber(3.2e-7, 4), '3.20×10⁻⁷');
  assert.equal(formatNumber(-1e-5, 4), `${MINUS}1.00×10⁻⁵`);
  assert.equal(formatNumber(0.00004, 4), '4.00×10⁻⁵');
  assert.equal(formatNumber(0.0004, 4), '0.0004');
  assert.equal(formatNumber(2e6, 4), '2.00×10⁶');
});

test('the value written is the number each text stands for, scientific ones too', () => {
  assert.equal(writtenValue(3.2049e-7, 4), 3.2e-7);
  assert.equal(writtenValue(-1e-5, 4), -1e-5);
  assert.equal(writtenValue(27.631021115928547, 4), 27.631);
  assert.equal(writtenValue(2.0049e6, 4), 2.0e6);
  assert.equal(writtenValue(-0, 4), 0);
});

test('precision is clamped to 0 … 10 and defaults to 4', () => {
  assert.equal(formatNumber(0.5), '0.5000');
  assert.equal(formatNumber(0.5, 99), '0.5000000000');
  assert.equal(formatNumber(0.5, -3), '1');
});

test('signed values carry an explicit plus', () => {
  assert.equal(formatSigned(0.0123, 4), '+0.0123');
  assert.equal(formatSigned(-0.0123, 4), `${MINUS}0.0123`);
  assert.equal(formatSigned(0, 2), '0.00');
  assert.equal(formatSigned(null, 2), MISSING);
});

test('editable numbers are ASCII and free of float noise', () => {
  assert.equal(editableNumber(0.1 + 0.2), '0.3');
  assert.equal(editableNumber(-0.25), '-0.25');
  assert.equal(editableNumber(null), '');
});

test('selections have stable keys', () => {
  const w12 = { what: 'weight', layer: 0, row: 0, col: 1, index: null };
  assert.equal(selectionKey(w12), 'weight:0:0:1:');
  assert.ok(sameSelection(w12, { ...w12 }));
  assert.ok(!sameSelection(w12, { ...w12, col: 0 }));
  assert.ok(!sameSelection(w12, null));
});

test('digits in subscript', () => {
  assert.equal(toSubscript('x10'), 'x₁₀');
});
