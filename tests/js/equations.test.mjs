// Tests for the equation checker (equations.mjs): it reads numbers as written, evaluates every
// node kind the page writes, and it fails on a false row (else its silence on real states,
// tests/test_equations.py, would prove nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRow, evaluate, writtenInterval, circuitRow, rowText } from './equations.mjs';
import { num, exact, op, txt, frac, group, pow2, expOf, call, row, id, batchMean } from '../../static/js/math-terms.js';
import { mathLines } from '../../static/js/math-lines.js';
import { exactNumber } from '../../static/js/math-terms.js';
import { writtenRows } from './equations-cli.mjs';
import { xorAfterUpdate, xorSecondForward } from './fixtures.mjs';

const close = (iv, lo, hi) => Math.abs(iv.lo - lo) < 1e-12 && Math.abs(iv.hi - hi) < 1e-12;

test('a written number stands for the values its last digit allows; a written zero is 0', () => {
  assert.ok(close(writtenInterval('0,3775'), 0.37745, 0.37755));
  assert.ok(close(writtenInterval('\u22120,0257'), -0.02575, -0.02565));
  const tiny = writtenInterval('1,00×10\u207b\u00b9\u00b2');
  assert.ok(Math.abs(tiny.lo - 0.995e-12) < 1e-20 && Math.abs(tiny.hi - 1.005e-12) < 1e-20);
  assert.ok(close(writtenInterval('0,0000'), 0, 0));
  assert.ok(close(writtenInterval('0.5', true), 0.5, 0.5));
});

test('every node kind evaluates: × + − fractions powers brackets σ tanh ReLU ln e^ |·|', () => {
  const p = 4;
  const at = (nodes) => evaluate(nodes);
  const mid = (iv) => (iv.lo + iv.hi) / 2;
  assert.ok(Math.abs(mid(at([num(0.15, p), op('×'), num(0.05, p), op('+'), num(0.2, p), op('×'), num(0.1, p), op('+'), num(0.35, p)])) - 0.3775) < 1e-4);
  assert.ok(Math.abs(mid(at([frac([txt('1')], [txt('2')]), pow2(group([num(0.01, p), op('−'), num(0.7514, p)]))])) - 0.27481) < 1e-4);
  assert.ok(Math.abs(mid(at(call('σ', [num(0.3775, p)]))) - 0.59327) < 1e-4);
  assert.ok(Math.abs(mid(at(call('tanh', [num(-1, p)]))) + Math.tanh(1)) < 1e-4);
  assert.equal(mid(at(call('ReLU', [num(-2, p)]))), 0);
  assert.ok(Math.abs(mid(at([txt('ln'), group([txt('1'), op('+'), expOf([num(2, p)])]), op('−'), num(1, p, true), op('×'), num(2, p, true)])) - (Math.log1p(Math.exp(2)) - 2)) < 1e-4);
  assert.ok(Math.abs(mid(at([op('|'), num(-3, p), op('|')])) - 3) < 1e-9);
  assert.ok(Math.abs(mid(at([txt('4'), op('·'), expOf([op('−'), txt('2'), op('·'), num(1, p)])])) - 4 * Math.exp(-2)) < 1e-4);
  assert.ok(Math.abs(mid(at([num(1, p), op('−'), exact(0.5), op('×'), num(2, p, true)]))) < 1e-9);
  // Not numbers: a symbol, a batch's mean, a word.
  assert.equal(at([id('a', 1), op('·'), num(1, p)]), null);
  assert.equal(at([...batchMean(4), num(1, p)]), null);
  assert.equal(at([txt('—')]), null);
});

test('the checker fails a false row, and passes the same row made true', () => {
  const p = 4;
  const bad = row([[id('z', 1)], [num(0.15, p), op('×'), num(0.05, p), op('+'), num(0.35, p)], [num(0.3776, p)]]);
  const { checked, failures } = checkRow(bad);
  assert.equal(checked, 1);
  assert.equal(failures.length, 1);
  assert.match(failures[0].text, /0,3776/);
  const good = row([[id('z', 1)], [num(0.15, p), op('×'), num(0.05, p), op('+'), num(0.35, p)], [num(0.3575, p)]]);
  assert.deepEqual(checkRow(good).failures, []);
  // Last summer's batch bug: a first example's product beside the batch's mean.
  assert.equal(checkRow(circuitRow({ local: 0, upstream: -0.0257, downstream: 0.0004 }, p)).failures.length, 1);
  assert.equal(checkRow(circuitRow({ local: 0.4895, upstream: 0.1267, downstream: 0.0620 }, p)).failures.length, 0);
  // The operands' rounding, no more: 0,4895 × 0,1267 lies in [0,06199; 0,06205], so 0,0621 may
  // stand (it may be 0,06205) and 0,0622 may not.
  assert.equal(checkRow(circuitRow({ local: 0.4895, upstream: 0.1267, downstream: 0.0621 }, p)).failures.length, 0);
  assert.equal(checkRow(circuitRow({ local: 0.4895, upstream: 0.1267, downstream: 0.0622 }, p)).failures.length, 1);
});

test('at the extremes: 1 − σ(27.631) is 1,00×10⁻¹², not 0; a written 1,0000 − 1,0000 = −1,00×10⁻¹¹ reads false', () => {
  const p = 4;
  // y written exactly: written "1,0000" it would stand for anything in 1 ± 5×10⁻⁵.
  const sat = [frac([txt('1')], [txt('1'), op('+'), expOf([op('−'), num(27.631, p, true)])]), op('−'), exact(1)];
  assert.equal(checkRow(row([sat, [num(-1e-12, p)]])).failures.length, 0);
  assert.equal(checkRow(row([sat, [num(-2e-12, p)]])).failures.length, 1);
  // Within the operands' rounding, but it reads false: numbers written alike cancel to 0.
  const cancel = checkRow(row([[num(0.99999999999, p), op('−'), num(1, p)], [num(-1e-11, p)]]));
  assert.equal(cancel.failures.length, 1);
  assert.equal(cancel.failures[0].reason, 'reads 0');
  assert.equal(checkRow(row([[num(0.99999999999, p), op('−'), num(1, p)], [num(0, p)]])).failures.length, 0);
  // Not where a double cannot tell: ln(1 + e^45,19) − 1,00 × 45,19 is 2,4×10⁻²⁰ (BCE at saturation).
  const softplus = [txt('ln'), group([txt('1'), op('+'), expOf([num(45.1938, 2)])]), op('−'), num(1, 2, true), op('×'), num(45.1938, 2, true)];
  assert.deepEqual(checkRow(row([softplus, [num(2.36e-20, 2)]])).failures, []);
});

test('a real panel: every equation of an XOR update and forward is checked, none false; a forged number is caught', () => {
  for (const state of [xorAfterUpdate(), xorSecondForward()]) {
    const rows = writtenRows(state, 4, 'pt-BR');
    const results = rows.map(({ row: r }) => checkRow(r));
    assert.ok(results.reduce((n, r) => n + r.checked, 0) > 40);
    assert.deepEqual(results.flatMap((r) => r.failures), []);
  }
  const forged = xorSecondForward();
  forged.forward.a[1][0] += 0.001; // a₁ no longer σ(z₁)
  const failures = mathLines(forged, { precision: 4 }).sections.flatMap((s) => s.rows).flatMap((r) => checkRow(r).failures);
  assert.equal(failures.length, 2, 'σ(z₁) = a₁ and the z_out that sums v₁a₁');
});

test('a penalty that nearly cancels its gradient is written with the digits that tell them apart', () => {
  const s = xorAfterUpdate();
  s.config.l2 = 0.1;
  s.backward.dW[1][0][1] = 0.0412;
  s.update.penalty_W = [[[0, 0], [0, 0]], [[0, -0.0388]]];
  s.update.used.W[1][0][1] = 0.0024; // the server's ∂L/∂v₂ + λ₂v₂ (clip factor 1)
  const rows = mathLines(s, { precision: 2 }).sections.flatMap((section) => section.rows);
  const g = rows.map((r) => rowText(r)).filter((text) => text.startsWith('g =') && text.includes('v_2'));
  assert.deepEqual(g, ['g = [∂ L]/[∂ v_2] + λ₂v_2 + λ₁ signv_2 = 0,041 + (−0,039) = 2,4×10⁻³'], 'at 2 places: 0,04 + (−0,04)');
  assert.deepEqual(rows.flatMap((r) => checkRow(r).failures), []);
  const four = mathLines(s, { precision: 4 }).sections.flatMap((section) => section.rows).map((r) => rowText(r));
  assert.ok(four.includes('g = [∂ L]/[∂ v_2] + λ₂v_2 + λ₁ signv_2 = 0,0412 + (−0,0388) = 0,0024'), 'four places already tell them apart');
});

test('a weight stepping to about 0 is written with the places that tell its old value and its step apart', () => {
  const updateText = (s, p) => mathLines(s, { precision: p }).sections.flatMap((section) => section.rows)
    .map((r) => rowText(r)).filter((text) => text.startsWith('v_1 ←'));
  const adam = xorAfterUpdate();
  adam.config.optimizer = 'adam';
  adam.update.params_before.W[1][0][0] = -0.3349;
  adam.update.delta_W[1][0][0] = 0.3254;
  adam.params.W[1][0][0] = -0.0095; // the server's new v₁
  assert.deepEqual(updateText(adam, 2), ['v_1 ← v_1 + Δv_1 = (−0,335) + 0,325 = −0,01'], 'not (−0,33) + 0,33 = −0,01');
  const sgd = xorAfterUpdate();
  Object.assign(sgd.update, { lr: 0.5 });
  sgd.update.params_before.W[1][0][0] = 0.5012;
  sgd.update.used.W[1][0][0] = 0.996;
  sgd.update.delta_W[1][0][0] = -0.498;
  sgd.params.W[1][0][0] = 0.0032;
  assert.deepEqual(updateText(sgd, 2), ['v_1 ← v_1 − η · [∂ L]/[∂ v_1] = 0,501 − 0,5 × 0,996 = 3,2×10⁻³'], 'not 0,50 − 0,5 × 1,00');
  for (const s of [adam, sgd]) {
    const v1 = mathLines(s, { precision: 2 }).sections.flatMap((section) => section.rows).filter((r) => rowText(r).startsWith('v_1 ←'));
    assert.deepEqual(v1.flatMap((r) => checkRow(r).failures), []);
  }
  assert.deepEqual(updateText(adam, 4), ['v_1 ← v_1 + Δv_1 = (−0,3349) + 0,3254 = −0,0095'], 'four places already tell them apart');
});

test('an η a schedule took below 10⁻⁶ is written as the page writes powers of ten, not as “4.76837158203e-7”', () => {
  assert.equal(exactNumber(0.5 ** 21, 'pt-BR'), '4,76837158203×10\u207b\u2077');
  assert.equal(exactNumber(-2, 'en'), '\u22122');
  const s = xorAfterUpdate();
  s.update.lr = 0.5 ** 21;
  const data = mathLines(s, { precision: 4 });
  assert.ok(data.title.endsWith('(η = 4,76837158203×10⁻⁷)'), data.title);
  const texts = data.sections.flatMap((section) => section.rows).map((r) => rowText(r));
  assert.ok(texts.some((text) => text.includes(' − 4,76837158203×10⁻⁷ × ')));
  assert.ok(texts.every((text) => !/[0-9]e[−-]/.test(text)));
});

test('a z or a ∂L/∂a near 0 is written beside terms with the places it needs, not beside terms that cancel', () => {
  const s = xorSecondForward();
  s.shown = { ...s.shown, x: [1, 0] };
  s.params.W[0][0] = [0.0126, 0.16];
  s.params.b[0][0] = -0.01;
  s.forward.z[0][0] = 0.0026; // the server's z₁ = 0,0126 × 1 + 0,16 × 0 − 0,01
  const rows = mathLines(s, { precision: 2 }).sections.flatMap((section) => section.rows);
  const z1 = rows.map((r) => rowText(r)).find((text) => text.startsWith('z_1 ='));
  assert.equal(z1, 'z_1 = w_11 · x_1 + w_12 · x_2 + b_1 = 0,0126 × 1,0000 + 0,1600 × 0,0000 + (−0,0100) = 2,6×10⁻³', 'not 0,01 × 1,00 + 0,16 × 0,00 + (−0,01)');
  assert.deepEqual(rows.filter((r) => rowText(r).startsWith('z_1 =')).flatMap((r) => checkRow(r).failures), []);
  const b = xorAfterUpdate({ phase: 'backward', update: null });
  b.update = null;
  b.params = { W: [[[0.1, 0.2], [0.3, 0.4]], [[0.0613, -0.06]]], b: b.params.b };
  b.backward.dz[1] = [0.05];
  b.backward.da[0][0] = 0.003065; // the server's v₁ × ∂L/∂z_out
  const da = mathLines(b, { precision: 2 }).sections.flatMap((section) => section.rows).map((r) => rowText(r))
    .find((text) => text.startsWith('[∂ L]/[∂ a_1] ='));
  assert.equal(da, '[∂ L]/[∂ a_1] = v_1 · [∂ L]/[∂ z_out] = 0,06 × 0,05 = 3,1×10⁻³', 'one term: a product, it needs no more places');
});

test('an η above 1 gives g a place more for each power of ten: 0,03 − 3 × 0,01 would read 0', () => {
  const s = xorAfterUpdate();
  s.update.lr = 3;
  s.update.params_before.W[1][0][0] = 0.0334;
  s.update.used.W[1][0][0] = 0.0143;
  s.update.delta_W[1][0][0] = -0.0429;
  s.params.W[1][0][0] = -0.0095;
  const v1 = mathLines(s, { precision: 2 }).sections.flatMap((section) => section.rows).filter((r) => rowText(r).startsWith('v_1 ←'));
  assert.deepEqual(v1.map((r) => rowText(r)), ['v_1 ← v_1 − η · [∂ L]/[∂ v_1] = 0,03 − 3 × 0,014 = −0,01']);
  assert.deepEqual(v1.flatMap((r) => checkRow(r).failures), []);
});
