// Tests for quiz.js: which quantities each phase asks for and in what order, their labels, where
// each value is read from a state, how a typed value is judged, and the running score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phaseItems, nextItems, ranItems, itemValue, itemRow, judge, judgeAll, tally, addScore, emptyScore,
  tolerance, symbolText } from '../../static/js/quiz.js';
import { values, id, numberText } from '../../static/js/math-terms.js';
import { formatNumber } from '../../static/js/format.js';
import { xorAfterUpdate, xorSecondForward } from './fixtures.mjs';

const keys = (items) => items.map((item) => item.key);
const labels = (items) => items.map((item) => item.label);

test('forward asks z and a of each hidden unit, then z_out, ŷ and L, in that order', () => {
  const items = phaseItems([2, 2, 1], 'forward');
  assert.deepEqual(keys(items), ['z:1:0', 'a:1:0', 'z:1:1', 'a:1:1', 'zout', 'yhat', 'loss']);
  assert.deepEqual(labels(items), ['z₁', 'a₁', 'z₂', 'a₂', 'zₒᵤₜ', 'ŷ', 'L']);
});

test('backward goes from ∂L/∂ŷ to the output layer, then each hidden unit, with course names', () => {
  const items = phaseItems([2, 2, 1], 'backward');
  assert.deepEqual(labels(items), ['∂L/∂ŷ', '∂L/∂zₒᵤₜ', '∂L/∂v₁', '∂L/∂v₂', '∂L/∂c',
    '∂L/∂a₁', '∂L/∂z₁', '∂L/∂a₂', '∂L/∂z₂', '∂L/∂w₁₁', '∂L/∂w₁₂', '∂L/∂b₁', '∂L/∂w₂₁', '∂L/∂w₂₂', '∂L/∂b₂']);
});

test('update asks every new parameter, output layer first', () => {
  const items = phaseItems([2, 2, 1], 'update');
  assert.deepEqual(labels(items), ['v₁', 'v₂', 'c', 'w₁₁', 'w₁₂', 'b₁', 'w₂₁', 'w₂₂', 'b₂']);
  assert.ok(items.every((item) => item.fresh));
});

test('a detailed step asks only its layer; deeper nets carry layer superscripts', () => {
  const items = phaseItems([2, 3, 2, 1], 'forward', 1);
  assert.deepEqual(labels(items), ['z₁⁽²⁾', 'a₁⁽²⁾', 'z₂⁽²⁾', 'a₂⁽²⁾']);
  assert.deepEqual(keys(phaseItems([2, 3, 2, 1], 'backward', 2)).slice(0, 3), ['dyhat', 'dzout', 'dW:2:0:0']);
  assert.equal(symbolText(id('w', '12', '(3)')), 'w₁₂⁽³⁾');
  assert.deepEqual(phaseItems([2, 2, 1], 'idle'), []);
});

test('next and ran items follow the state: next.phase before a step, phase after it', () => {
  assert.equal(nextItems(xorAfterUpdate()).phase, 'forward');
  assert.deepEqual(keys(ranItems(xorSecondForward())), keys(nextItems(xorAfterUpdate()).items));
  assert.deepEqual(nextItems(null).items, []);
});

test('values are the server\'s own numbers of the state', () => {
  const s = xorAfterUpdate();
  const v = values(s);
  const at = (key) => itemValue(phaseItems(s.sizes, key.split('|')[0]).find((item) => item.key === key.split('|')[1]), v, 2);
  assert.equal(at('forward|a:1:1'), s.forward.a[1][1]);
  assert.equal(at('forward|zout'), s.forward.z[1][0]);
  assert.equal(at('forward|loss'), s.forward.loss);
  assert.equal(at('backward|dyhat'), s.backward.da[1][0]);
  assert.equal(at('backward|da:1:0'), s.backward.da[0][0]);
  assert.equal(at('backward|dW:1:0:1'), s.backward.dW[1][0][1]);
  assert.equal(at('backward|db:0:1'), s.backward.db[0][1]);
  assert.equal(at('update|W:1:0:0'), s.params.W[1][0][0]);
  assert.equal(at('update|b:1:0'), s.params.b[1][0]);
});

test('each item\'s row ends with its value as the math panel writes it', () => {
  const s = xorAfterUpdate();
  const v = values(s);
  for (const phase of ['forward', 'backward', 'update']) {
    for (const item of phaseItems(s.sizes, phase)) {
      const row = itemRow(item, s.sizes, v, 4);
      const last = row.segments[row.segments.length - 1];
      assert.equal(numberText(last[last.length - 1], 'pt-BR'), formatNumber(itemValue(item, v, 2), 4), item.key);
    }
  }
});

test('in a batch, the explanation of L, ∂L/∂w and ∂L/∂b is their mean, with no first-example product', () => {
  const s = { ...xorAfterUpdate(), batch: { start: 0, size: 4 } };
  const v = values(s);
  const kinds = new Set(['loss', 'dW', 'db']);
  for (const item of ['forward', 'backward'].flatMap((phase) => phaseItems(s.sizes, phase))) {
    const row = itemRow(item, s.sizes, v, 4);
    const nodes = row.segments.flat();
    const last = row.segments[row.segments.length - 1];
    assert.equal(numberText(last[last.length - 1], 'pt-BR'), formatNumber(itemValue(item, v, 2), 4), item.key);
    if (!kinds.has(item.kind)) continue;
    assert.ok(nodes.some((n) => n.t === 'id' && n.base === '∑'), item.key);
    assert.equal(row.segments.filter((seg) => seg.some((n) => n.t === 'num')).length, 1, `${item.key}: the server's mean alone`);
  }
});

test('a typed value is right within half a unit of the last decimal shown', () => {
  assert.equal(tolerance(0.59, 2), 0.005);
  assert.equal(judge('0.59', 0.593269992, 2).status, 'right');
  assert.equal(judge('0,59', 0.593269992, 2).status, 'right');
  assert.equal(judge('0.5933', 0.593269992, 2).status, 'right');
  assert.equal(judge('0.60', 0.593269992, 2).status, 'wrong');
  assert.equal(judge('0.5932699920', 0.593269992, 10).status, 'right');
  assert.equal(judge('0.5932699920', 0.59326999204, 10).status, 'right');
  assert.equal(judge('0.593269993', 0.593269992, 10).status, 'wrong');
  assert.equal(judge('−0,25', -0.25, 4).status, 'right');
  assert.equal(judge('  ', 1, 4).status, 'blank');
  assert.equal(judge(undefined, 1, 4).status, 'blank');
  assert.equal(judge('abc', 1, 4).status, 'unreadable');
  assert.deepEqual(judge('1', null, 4), { status: 'wrong', typed: 1 });
});

// [typed, the server's value, precision, verdict]: at 0, at 10⁻¹² and 10⁻³⁰⁰ (written "1,00×10⁻¹²": 0 is
// no answer for it), and for large values (1,23×10⁶ at 4 decimals: its last digit is 10⁴).
const EXTREMES = [
  ['0', 1e-12, 4, 'wrong'], ['0,0000', 1e-12, 4, 'wrong'], ['1e-12', 1e-12, 4, 'right'],
  ['1,00×10⁻¹²', 1.004e-12, 4, 'right'], ['1.01×10⁻¹²', 1.004e-12, 4, 'wrong'],
  ['0', 1e-300, 4, 'wrong'], ['1e-300', 1e-300, 4, 'right'], ['1,00×10⁻³⁰⁰', 1e-300, 10, 'right'],
  ['0', 0, 4, 'right'], ['0,00004', 0, 4, 'right'], ['0,0001', 0, 4, 'wrong'],
  ['1234567', 1234567, 4, 'right'], ['1,23×10⁶', 1234567, 4, 'right'], ['1,24×10⁶', 1234567, 4, 'wrong'],
  ['1,00×10³⁰⁰', 1e300, 4, 'right'], ['1,01×10³⁰⁰', 1e300, 4, 'wrong'],
];

test('a value written in scientific notation is judged on its mantissa, at the extremes too', () => {
  for (const [typed, correct, precision, verdict] of EXTREMES) {
    assert.equal(judge(typed, correct, precision).status, verdict, `${typed} for ${correct} at ${precision}`);
  }
});

test('judgeAll marks every item; the score adds right and answered per phase, blanks skipped', () => {
  const s = xorSecondForward();
  const items = ranItems(s);
  const texts = { 'z:1:0': '-0,5657', 'a:1:0': '0.3622', 'z:1:1': '9', yhat: '' };
  const marks = judgeAll(items, texts, values(s), 2, 4);
  assert.equal(marks['z:1:0'].status, 'right');
  assert.equal(marks['a:1:0'].status, 'right');
  assert.equal(marks['z:1:1'].status, 'wrong');
  assert.equal(marks.yhat.status, 'blank');
  assert.deepEqual(tally(marks), { right: 2, answered: 3, blank: 4 });
  let score = addScore(emptyScore(), 'forward', marks);
  score = addScore(score, 'forward', { x: { status: 'right' } });
  score = addScore(score, 'backward', { x: { status: 'unreadable' }, y: { status: 'blank' } });
  assert.deepEqual(score, { forward: { right: 3, answered: 4 }, backward: { right: 0, answered: 1 },
    update: { right: 0, answered: 0 } });
  assert.equal(addScore(score, 'idle', marks), score);
});
