// math-terms.js — owns the vocabulary the equations are written in: expression
// nodes as plain data (identifiers, operators, numbers, fractions, brackets),
// rows of segments, and the numbers read from a state (every one of them
// the server's: the page formats, it never recomputes). Pure: no DOM.

import { formatNumber, editableNumber, toSuperscript, MINUS, id, symbols } from './format.js';
import { shownExample } from './shown-example.js';

// ── expression nodes (plain data) ─────────────────────────────────────────

export { id, symbols }; // the names live in format.js, one set for the whole page
export const op = (v) => ({ t: 'op', v });
export const txt = (v) => ({ t: 'text', v });
// A number that may need brackets (`bracket`: when negative, `paren`) keeps their places even when
// it does not: the panel's shape is then the same whatever the sign (mathpanel.js, panelOutline).
// A number is written (numberText) where the panel is, in its language; `precision` null: exactly.
export const num = (v, precision, paren = false) => ({ t: 'num', v, precision, paren: paren && v < 0, bracket: paren });
export const exact = (v) => ({ t: 'num', v, precision: null, paren: v < 0, bracket: true });

/** A number node's text in `lang`: at its precision, or exact ("0,5" for η). */
export function numberText(node, lang) {
  return node.precision === null ? exactNumber(node.v, lang) : formatNumber(node.v, node.precision, lang);
}

/**
 * A number written exactly, as the page writes powers of ten: "0,5", "−2", and an η a schedule
 * took down to 4,76837158203×10⁻⁷ (JavaScript's own "4.76837158203e-7" is no notation of the page's).
 */
export function exactNumber(x, lang) {
  const [mantissa, exponent] = editableNumber(x, lang).split('e');
  const power = exponent === undefined ? '' : `×10${toSuperscript(String(Number(exponent)))}`;
  return `${mantissa.replace('-', MINUS)}${power}`;
}
export const frac = (top, bottom) => ({ t: 'frac', num: top, den: bottom });
export const group = (items) => ({ t: 'paren', items });
export const pow2 = (base) => ({ t: 'pow', base, exp: '2' });
/** e raised to an expression (a list of nodes). */
export const expOf = (nodes) => ({ t: 'pow', base: id('e'), expNodes: nodes });
export const partial = (of, wrt) => frac([op('∂'), of], [op('∂'), wrt]);
export const call = (name, args) => [{ t: 'id', base: name, sub: null, sup: null, fn: true }, group(args)];

/** A row: segments joined by relations ('=' unless told). */
export function row(segments, rels = []) {
  return { segments, rels: segments.slice(1).map((_, k) => rels[k] || '=') };
}

export function joinWith(items, sep) {
  return items.flatMap((item, k) => (k ? [op(sep), ...item] : item));
}

// ── names and values read from the state ──────────────────────────────────

export function pick(root, ...path) {
  let v = root;
  for (const k of path) {
    if (v === null || v === undefined) return null;
    v = v[k];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Numbers of the state. w/b are the values the forward and backward used (right after an update,
 * update.params_before); x and y are those of the example on screen (state.shown); g(k, i) is
 * g′(z) of unit i of layer k (forward.g_prime; σ′ for the output); updateLr is the η the last
 * update used (update.lr), which the slider may have changed since (lr).
 */
export function values(state) {
  const s = state;
  const f = s.forward || {};
  const bw = s.backward || {};
  const up = s.update || {};
  const cfg = s.config || {};
  const L = s.sizes.length - 1;
  const before = (s.update && up.params_before) || s.params;
  const shown = shownExample(s);
  const x = shown.x;
  const lr = typeof cfg.lr === 'number' ? cfg.lr : null;
  return {
    x, y: shown.y, yHat: pick(f, 'y_hat'), loss: pick(f, 'loss'), zOut: pick(f.z, L - 1, 0),
    a: (k, i) => (k === 0 ? x(i) : pick(f.a, k, i)), z: (k, i) => pick(f.z, k - 1, i),
    g: (k, i) => pick(f.g_prime, k - 1, i),
    wNew: (l, i, j) => pick(s.params.W, l, i, j), bNew: (l, i) => pick(s.params.b, l, i),
    dW: (l, i, j) => pick(up.delta_W, l, i, j), dB: (l, i) => pick(up.delta_b, l, i),
    w: (l, i, j) => pick(before.W, l, i, j), b: (l, i) => pick(before.b, l, i),
    gW: (l, i, j) => pick(bw.dW, l, i, j), gB: (l, i) => pick(bw.db, l, i),
    usedW: (l, i, j) => pick(up.used?.W, l, i, j), usedB: (l, i) => pick(up.used?.b, l, i),
    penaltyW: (l, i, j) => pick(up.penalty_W, l, i, j), clipFactor: pick(up, 'clip_factor'),
    dz: (k, i) => pick(bw.dz, k - 1, i), da: (k, i) => pick(bw.da, k - 1, i),
    dYHat: pick(bw.da, L - 1, 0),
    lr, updateLr: pick(up, 'lr') ?? lr, activation: cfg.activation || 'sigmoid',
    lossKind: cfg.loss || 'mse', optimizer: cfg.optimizer || 'sgd',
    // Examples in the step's batch: above one, L and every ∂L/∂w, ∂L/∂b are the batch's means,
    // while z, a, ŷ and ∂L/∂z are its first example's (the server's `forward` and `backward`).
    batch: Number.isInteger(s.batch?.size) && s.batch.size > 1 ? s.batch.size : 1,
  };
}

/** "1/m ∑ₖ" before a batch's per-example term, nothing for one example. */
export function batchMean(m) {
  return m > 1 ? [frac([txt('1')], [txt(String(m))]), { t: 'id', base: '∑', sub: 'k', sup: null, fn: true }] : [];
}

/**
 * ŷ as substituted into ŷ − y or y − ŷ: its number, or 1/(1 + e^−z) with the server's z where it
 * reads the same as y (σ(27.631) and y = 1 both read 1.0000: "1.0000 − 1.0000 = −1.00×10⁻¹²"
 * would look false).
 */
export function yHatTerm(v, p) {
  if (v.zOut === null || !writtenAlike(v.yHat, v.y, p)) return [num(v.yHat, p)];
  return [frac([txt('1')], [txt('1'), op('+'), expOf([op('−'), num(v.zOut, p, true)])])];
}

/** True when x and y are written the same at `precision` decimals (σ(27.631) and 1: "1.0000"). */
export function writtenAlike(x, y, precision) {
  return formatNumber(x, precision) === formatNumber(y, precision);
}

/**
 * The places to write a and b at in a row "a + b = r" (or "a − η × g = r" with b = −η·g, the
 * server's step): `p`, or more where at `p` they would read as opposites ("−0,33 + 0,33") beside
 * an r that is not 0, so the row would read as false. Formatting only: nothing is computed.
 */
export function placesApart(a, b, r, p) {
  let q = p;
  while (r !== 0 && r !== null && q < 10 && a !== null && b !== null && writtenAlike(a, -b, q)) q += 1;
  return q;
}

/**
 * The places to write a sum's terms at so that its result r, smaller than `p` places show (it is
 * written 2,6×10⁻³ at two), does not sit beside terms that read as cancelling ("0,01 × 1,00 +
 * (−0,01)"): `p`, or as many as r's second significant digit needs, at most 10. Formatting only: r is the server's.
 */
export function placesFor(r, p) {
  if (r === null || r === 0 || Math.abs(r) >= 0.5 * 10 ** -p) return p;
  let q = p; // to r's second significant digit: terms written so differ from r by far less than r
  while (q < 10 && Math.abs(r) < 5 * 10 ** -q) q += 1;
  return q;
}

/** The written name of each activation (its derivative is g′ with this name). */
export const ACT_NAME = { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU' };
