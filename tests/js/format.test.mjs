// Tests for format.js: numbers with a true minus sign, "—" for missing values, selection keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as format from '../../static/js/format.js';
import {
  formatNumber, formatSigned, editableNumber, selectionKey, sameSelection, toSubscript, writtenValue, MINUS, MISSING,
  formatShort, formatList, formatPowerOfTen, lastDigitUnit, numberWriter, decimalSign,
} from '../../static/js/format.js';

test('negative numbers use U+2212, never a hyphen', () => {
  assert.equal(formatNumber(-0.0452, 4), '\u22120,0452');
  assert.equal(formatNumber(-3, 2), `${MINUS}3,00`);
  assert.ok(!formatNumber(-1.5, 3).includes('-'));
});

test('fixed decimals at the requested precision', () => {
  assert.equal(formatNumber(0.5, 2), '0,50');
  assert.equal(formatNumber(0.62245933, 4), '0,6225');
  assert.equal(formatNumber(1, 10), '1,0000000000');
  assert.equal(formatNumber(0.123456, 4), '0,1235');
});

test('missing values read as an em dash', () => {
  for (const missing of [null, undefined, NaN, Infinity, -Infinity, '1']) assert.equal(formatNumber(missing, 4), MISSING);
  assert.equal(MISSING, '—');
});

test('zero and negative zero print without a sign', () => {
  assert.equal(formatNumber(0, 4), '0,0000');
  assert.equal(formatNumber(-0, 4), '0,0000');
});

test('tiny non-zero values switch to scientific notation instead of reading as 0', () => {
  assert.equal(formatNumber(3.2e-7, 4), '3,20×10⁻⁷');
  assert.equal(formatNumber(-1e-5, 4), `${MINUS}1,00×10⁻⁵`);
  assert.equal(formatNumber(0.00004, 4), '4,00×10⁻⁵');
  assert.equal(formatNumber(0.0004, 4), '0,0004');
  assert.equal(formatNumber(2e6, 4), '2,00×10⁶');
});

test('the value written is the number each text stands for, scientific ones too', () => {
  assert.equal(writtenValue(3.2049e-7, 4), 3.2e-7);
  assert.equal(writtenValue(-1e-5, 4), -1e-5);
  assert.equal(writtenValue(27.631021115928547, 4), 27.631);
  assert.equal(writtenValue(2.0049e6, 4), 2.0e6);
  assert.equal(writtenValue(-0, 4), 0);
});

test('precision is clamped to 0 … 10 and defaults to 4', () => {
  assert.equal(formatNumber(0.5), '0,5000');
  assert.equal(formatNumber(0.5, 99), '0,5000000000');
  assert.equal(formatNumber(0.5, -3), '1');
});

test('signed values carry an explicit plus', () => {
  assert.equal(formatSigned(0.0123, 4), '+0,0123');
  assert.equal(formatSigned(-0.0123, 4), `${MINUS}0,0123`);
  assert.equal(formatSigned(0, 2), '0,00');
  assert.equal(formatSigned(null, 2), MISSING);
});

test('editable numbers are ASCII and free of float noise', () => {
  assert.equal(editableNumber(0.1 + 0.2), '0,3');
  assert.equal(editableNumber(-0.25), '-0,25');
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

// Every writer of a number, with an argument list that needs a decimal sign; `lang` goes last.
const WRITERS = {
  formatNumber: (lang) => formatNumber(-0.25, 4, lang),
  formatSigned: (lang) => formatSigned(0.25, 2, lang),
  formatShort: (lang) => formatShort(0.05, lang),
  formatList: (lang) => formatList([1.5, 0.25], lang),
  formatPowerOfTen: (lang) => formatPowerOfTen(2.5e-5, lang),
  editableNumber: (lang) => editableNumber(0.1 + 0.2, lang),
  numberWriter: (lang) => numberWriter(3, lang)(3.2e-7),
};

test('every writer of a number writes a decimal comma in pt-BR and a decimal point in English', () => {
  const writers = Object.keys(format).filter((name) => /^format[A-Z]|^editableNumber$|^numberWriter$/.test(name));
  assert.deepEqual(writers.sort(), Object.keys(WRITERS).sort(), 'a writer without a case here');
  for (const [name, write] of Object.entries(WRITERS)) {
    assert.match(write('pt-BR'), /\d,\d/, `${name} in pt-BR: ${write('pt-BR')}`);
    assert.doesNotMatch(write('pt-BR'), /\d\.\d/, `${name} in pt-BR: ${write('pt-BR')}`);
    assert.match(write('en'), /\d\.\d/, `${name} in English: ${write('en')}`);
    assert.doesNotMatch(write('en'), /\d,\d/, `${name} in English: ${write('en')}`);
    assert.equal(write(undefined), write('pt-BR'), `${name}: pt-BR is the default`);
  }
  assert.deepEqual([decimalSign('pt-BR'), decimalSign('en-US'), decimalSign(undefined)], [',', '.', ',']);
});

test('a list of numbers keeps its items apart: "; " after a decimal comma, ", " after a point', () => {
  assert.equal(formatList([1, 0.5, -0.25], 'pt-BR'), `1; 0,5; ${MINUS}0,25`);
  assert.equal(formatList([1, 0.5, -0.25], 'en'), `1, 0.5, ${MINUS}0.25`);
  assert.equal(formatList([0.5, 1], 'en', (x) => formatNumber(x, 1, 'en')), '0.5, 1.0');
});

test('short numbers (ticks, inputs): three significant digits, powers of ten written as such', () => {
  assert.equal(formatShort(0, 'en'), '0');
  assert.equal(formatShort(1500, 'en'), '1500');
  assert.equal(formatShort(-0.5, 'pt-BR'), `${MINUS}0,5`);
  assert.equal(formatShort(1e-24, 'pt-BR'), '10⁻²⁴');
  assert.equal(formatShort(-1e6, 'en'), `${MINUS}10⁶`);
  assert.equal(formatShort(2e-24, 'en'), '2×10⁻²⁴');
  assert.equal(formatShort(2.5e-5, 'pt-BR'), '2,5×10⁻⁵');
  assert.equal(formatShort(20000, 'en'), '2×10⁴');
  assert.equal(formatShort(NaN), MISSING);
});

test('the last digit written: 10⁻ᵖ in fixed notation, the mantissa\'s last digit in scientific', () => {
  assert.equal(lastDigitUnit(0, 4), 1e-4);
  assert.equal(lastDigitUnit(0.25, 2), 1e-2);
  assert.equal(lastDigitUnit(1e-12, 4), 1e-14);
  assert.equal(lastDigitUnit(1e-300, 4), 1e-302);
  assert.equal(lastDigitUnit(1234567, 4), 1e4);
  assert.equal(lastDigitUnit(-3.2e-7, 10), 1e-10, "10 decimals: 3.200×10⁻⁷");
});
