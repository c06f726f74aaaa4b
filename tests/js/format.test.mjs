// Tests for format.js: numbers with a true minus sign, "—" for missing values, course names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNumber, formatSigned, editableNumber, paramName, neuronName, selectionName, selectionKey,
  sameSelection, prettyName, toSubscript, isCourseNet, MINUS, MISSING,
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

test('2–2–1 parameters use the course names', () => {
  const s = [2, 2, 1];
  assert.equal(paramName(s, 'weight', 0, 0, 0), 'w11');
  assert.equal(paramName(s, 'weight', 0, 0, 1), 'w12');
  assert.equal(paramName(s, 'weight', 0, 1, 0), 'w21');
  assert.equal(paramName(s, 'weight', 0, 1, 1), 'w22');
  assert.equal(paramName(s, 'bias', 0, 0), 'b1');
  assert.equal(paramName(s, 'bias', 0, 1), 'b2');
  assert.equal(paramName(s, 'weight', 1, 0, 0), 'v1');
  assert.equal(paramName(s, 'weight', 1, 0, 1), 'v2');
  assert.equal(paramName(s, 'bias', 1, 0), 'c');
});

test('any 2–h–1 network keeps the course names', () => {
  assert.ok(isCourseNet([2, 5, 1]));
  assert.equal(paramName([2, 5, 1], 'weight', 0, 4, 1), 'w52');
  assert.equal(paramName([2, 5, 1], 'weight', 1, 0, 4), 'v5');
  assert.equal(paramName([2, 5, 1], 'bias', 0, 4), 'b5');
});

test('deeper networks number weight layers from 1', () => {
  const s = [2, 3, 3, 1];
  assert.ok(!isCourseNet(s));
  assert.equal(paramName(s, 'weight', 0, 0, 1), 'W1[1,2]');
  assert.equal(paramName(s, 'weight', 2, 0, 2), 'W3[1,3]');
  assert.equal(paramName(s, 'bias', 1, 2), 'b2[3]');
});

test('neurons: inputs x, hidden h, output ŷ', () => {
  assert.equal(neuronName([2, 2, 1], 0, 1), 'x2');
  assert.equal(neuronName([2, 2, 1], 1, 0), 'h1');
  assert.equal(neuronName([2, 2, 1], 2, 0), 'ŷ');
  assert.equal(neuronName([2, 3, 4, 1], 2, 3), 'h2[4]');
});

test('selections have names and stable keys', () => {
  const w12 = { what: 'weight', layer: 0, row: 0, col: 1, index: null };
  assert.equal(selectionName([2, 2, 1], w12), 'w12');
  assert.equal(selectionName([2, 2, 1], { what: 'target' }), 'y');
  assert.equal(selectionName([2, 2, 1], { what: 'input', index: 0 }), 'x1');
  assert.equal(selectionName([2, 2, 1], { what: 'neuron', layer: 1, index: 1 }), 'h2');
  assert.equal(selectionKey(w12), 'weight:0:0:1:');
  assert.ok(sameSelection(w12, { ...w12 }));
  assert.ok(!sameSelection(w12, { ...w12, col: 0 }));
  assert.ok(!sameSelection(w12, null));
});

test('pretty names put trailing digits in subscript', () => {
  assert.equal(prettyName('w12'), 'w₁₂');
  assert.equal(prettyName('c'), 'c');
  assert.equal(prettyName('W2[1,2]'), 'W2[1,2]');
  assert.equal(toSubscript('x10'), 'x₁₀');
});
