// quiz.js — owns "Conferir minha conta" as plain data: which quantities a phase produces, in the
// order a hand calculation finds them (forward: z and a of each hidden unit, z_out, ŷ, L;
// backward: ∂L/∂ŷ, ∂L/∂z_out, then per hidden unit ∂L/∂a and ∂L/∂z, each layer's ∂L/∂w and ∂L/∂b;
// update: every new parameter), each with its label as the page writes it, where its value is
// read from a state (always the server's: nothing is computed here), the math panel's row that
// explains it, how a typed value is judged, and the running score per phase. Pure: no DOM.

import { lastDigitUnit, nameText as symbolText } from './format.js';
import { parseUserNumber } from './commands.js';
import { symbols } from './math-terms.js';
import { zRow, aRow, lossRow } from './math-forward.js';
import { dYHatRow, dzOutRow, daRow, dzHiddenRow, weightGradRow, biasGradRow } from './math-backward.js';
import { updateRow } from './math-update.js';
import { QUIZ_PHASES } from './quiz-score.js';

// The score lives in quiz-score.js (the store needs it before the quiz is ever opened).
export { QUIZ_PHASES, tally, emptyScore, addScore } from './quiz-score.js';

/** An identifier node as plain text (format.js): z₁, zₒᵤₜ, w₁₂⁽²⁾, ŷ. */
export { symbolText };

const dL = (node) => `∂L/∂${symbolText(node)}`;

function forwardItems(sy, sizes, l) {
  const k = l + 1;
  if (k === sy.L) {
    return [{ key: 'zout', kind: 'zout', label: symbolText(sy.z(k, 0)) },
      { key: 'yhat', kind: 'yhat', label: 'ŷ' }, { key: 'loss', kind: 'loss', label: 'L' }];
  }
  return [...Array(sizes[k]).keys()].flatMap((i) => [
    { key: `z:${k}:${i}`, kind: 'z', k, i, label: symbolText(sy.z(k, i)) },
    { key: `a:${k}:${i}`, kind: 'a', k, i, label: symbolText(sy.a(k, i)) }]);
}

function paramGradItems(sy, sizes, l) {
  return [...Array(sizes[l + 1]).keys()].flatMap((i) => [
    ...[...Array(sizes[l]).keys()].map((j) => ({ key: `dW:${l}:${i}:${j}`, kind: 'dW', l, i, j, label: dL(sy.w(l, i, j)) })),
    { key: `db:${l}:${i}`, kind: 'db', l, i, label: dL(sy.b(l, i)) }]);
}

function backwardItems(sy, sizes, l) {
  const k = l + 1;
  const units = k === sy.L
    ? [{ key: 'dyhat', kind: 'dyhat', label: '∂L/∂ŷ' }, { key: 'dzout', kind: 'dzout', label: dL(sy.z(k, 0)) }]
    : [...Array(sizes[k]).keys()].flatMap((i) => [
      { key: `da:${k}:${i}`, kind: 'da', k, i, label: dL(sy.a(k, i)) },
      { key: `dz:${k}:${i}`, kind: 'dz', k, i, label: dL(sy.z(k, i)) }]);
  return [...units, ...paramGradItems(sy, sizes, l)];
}

function updateItems(sy, sizes, l) {
  return [...Array(sizes[l + 1]).keys()].flatMap((i) => [
    ...[...Array(sizes[l]).keys()].map((j) => ({ key: `W:${l}:${i}:${j}`, kind: 'W', l, i, j, label: symbolText(sy.w(l, i, j)), fresh: true })),
    { key: `b:${l}:${i}`, kind: 'b', l, i, label: symbolText(sy.b(l, i)), fresh: true }]);
}

/**
 * The quantities one step of `phase` produces ({layer} when detailed: that weight layer only),
 * in hand-calculation order: [{key, kind, label, fresh?, k?, l?, i?, j?}]. Plain data.
 */
export function phaseItems(sizes, phase, layer = null) {
  if (!Array.isArray(sizes) || !QUIZ_PHASES.includes(phase)) return [];
  const sy = symbols(sizes);
  const all = sizes.slice(1).map((_, l) => l);
  const layers = layer === null || layer === undefined ? all : [layer];
  if (phase === 'forward') return layers.flatMap((l) => forwardItems(sy, sizes, l));
  if (phase === 'backward') return layers.slice().reverse().flatMap((l) => backwardItems(sy, sizes, l));
  return all.slice().reverse().flatMap((l) => updateItems(sy, sizes, l));
}

/** What the next `step` of this state will produce: {phase, layer, items}. */
export function nextItems(state) {
  const next = state?.next;
  if (!next || !Array.isArray(state.sizes)) return { phase: null, layer: null, items: [] };
  return { phase: next.phase, layer: next.layer ?? null, items: phaseItems(state.sizes, next.phase, next.layer) };
}

/** What the step that produced this state computed: the same list, from its `phase` and `layer`. */
export function ranItems(state) {
  return Array.isArray(state?.sizes) ? phaseItems(state.sizes, state.phase, state.layer) : [];
}

/** The server's value of an item in values(state) (math-terms.js), or null. */
export function itemValue(item, v, L) {
  switch (item.kind) {
    case 'z': return v.z(item.k, item.i);
    case 'a': return v.a(item.k, item.i);
    case 'zout': return v.z(L, 0);
    case 'yhat': return v.yHat;
    case 'loss': return v.loss;
    case 'dyhat': return v.dYHat;
    case 'dzout': return v.dz(L, 0);
    case 'da': return v.da(item.k, item.i);
    case 'dz': return v.dz(item.k, item.i);
    case 'dW': return v.gW(item.l, item.i, item.j);
    case 'db': return v.gB(item.l, item.i);
    case 'W': return v.wNew(item.l, item.i, item.j);
    case 'b': return v.bNew(item.l, item.i);
    default: return null;
  }
}

/** The math panel's row for an item: its chain with the server's numbers. */
export function itemRow(item, sizes, v, p) {
  const sy = symbols(sizes);
  const { k, l, i, j } = item;
  switch (item.kind) {
    case 'z': return zRow(sy, v, sizes, k, i, p);
    case 'a': return aRow(sy, v, k, i, p);
    case 'zout': return zRow(sy, v, sizes, sy.L, 0, p);
    case 'yhat': return aRow(sy, v, sy.L, 0, p);
    case 'loss': return lossRow(v, p);
    case 'dyhat': return dYHatRow(sy, v, p);
    case 'dzout': return dzOutRow(sy, v, p);
    case 'da': return daRow(sy, v, sizes, k, i, p);
    case 'dz': return dzHiddenRow(sy, v, k, i, p);
    case 'dW': return weightGradRow(sy, v, l, i, j, p);
    case 'db': return biasGradRow(sy, v, l, i, p);
    case 'W': return updateRow(v, sy.w(l, i, j), v.w(l, i, j), v.usedW(l, i, j), v.dW(l, i, j), v.wNew(l, i, j), p);
    case 'b': return updateRow(v, sy.b(l, i), v.b(l, i), v.usedB(l, i), v.dB(l, i), v.bNew(l, i), p);
    default: return null;
  }
}

/**
 * Half a unit of the last digit the page writes for `correct` at `precision` places: of the last
 * decimal, or of the mantissa's when the value is written in scientific notation (1,00×10⁻¹² is
 * read to 5×10⁻¹⁵, so 0 is not an answer for it; 0,0000 is read to 5×10⁻⁵).
 */
export function tolerance(correct, precision) {
  return 0.5 * lastDigitUnit(correct, precision);
}

/**
 * One typed text against the server's value at `precision` places: {status} 'blank' (skipped),
 * 'unreadable' (not a number; counts as wrong), 'right' (|typed − value| within half a unit of
 * the last digit written for the value: tolerance) or 'wrong', with `typed`. "0,25" and "0.25"
 * are both read, in either language.
 */
export function judge(text, correct, precision) {
  if (String(text ?? '').trim() === '') return { status: 'blank' };
  const typed = parseUserNumber(text);
  if (typed === null) return { status: 'unreadable' };
  if (correct === null || correct === undefined) return { status: 'wrong', typed };
  const slack = tolerance(correct, precision) * (1 + 1e-9) + Number.EPSILON * Math.abs(correct);
  return { status: Math.abs(typed - correct) <= slack ? 'right' : 'wrong', typed };
}

/** Judge every typed text ({key: text}) against the server's values: {key: {status, typed}}. */
export function judgeAll(items, texts, v, L, precision) {
  return Object.fromEntries(items.map((item) => [item.key, judge(texts[item.key], itemValue(item, v, L), precision)]));
}
