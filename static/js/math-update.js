// math-update.js — owns the update equations: θ ← θ − η·∂L/∂θ for plain SGD,
// θ ← θ + Δθ for momentum and Adam, with the old value, the step and the new
// value. η is the one the update used (update.lr), not the slider's current one. Pure.

import { id, op, txt, num, exact, partial, row } from './math-terms.js';
import { layerTitle } from './math-text.js';

/** θ ← θ − η·∂L/∂θ = old − η × g = new (or θ + Δθ for momentum/Adam). */
export function updateRow(v, symbol, old, grad, delta, now, p) {
  const lhs = [symbol];
  if (v.optimizer === 'sgd' && v.updateLr !== null) {
    const symbolic = [symbol, op('−'), id('η'), op('·'), partial(id('L'), symbol)];
    return row([lhs, symbolic, [num(old, p, true), op('−'), exact(v.updateLr), op('×'), num(grad, p, true)], [num(now, p)]], ['←']);
  }
  const symbolic = [symbol, op('+'), txt('Δ'), symbol];
  return row([lhs, symbolic, [num(old, p, true), op('+'), num(delta, p, true)], [num(now, p)]], ['←']);
}

export function updateSections(state, v, sy, t, p) {
  const sizes = state.sizes;
  const sections = [];
  for (let l = sizes.length - 2; l >= 0; l -= 1) {
    const rows = [];
    for (let i = 0; i < sizes[l + 1]; i += 1) {
      for (let j = 0; j < sizes[l]; j += 1) rows.push(updateRow(v, sy.w(l, i, j), v.w(l, i, j), v.gW(l, i, j), v.dW(l, i, j), v.wNew(l, i, j), p));
      rows.push(updateRow(v, sy.b(l, i), v.b(l, i), v.gB(l, i), v.dB(l, i), v.bNew(l, i), p));
    }
    sections.push({ title: layerTitle(t, sizes, l), rows });
  }
  return sections;
}
