// math-update.js — owns the update equations: θ ← θ − η·∂L/∂θ for plain SGD,
// θ ← θ + Δθ for momentum and Adam, with the old value, the step and the new
// value. η is the one the update used (update.lr), not the slider's current one. Pure.

import { id, op, txt, num, exact, group, partial, row, placesApart } from './math-terms.js';
import { layerTitle } from './math-text.js';

/**
 * θ ← θ − η·g = old − η × g = new (or θ + Δθ for momentum/Adam); g is the gradient the update
 * used. Where old and the step would read as opposites (a weight stepping to about 0), both are
 * written with the places that tell them apart; g has more where η > 1 would magnify its rounding.
 */
export function updateRow(v, symbol, old, used, delta, now, p) {
  const lhs = [symbol];
  const q = placesApart(old, delta, now, p);
  if (v.optimizer === 'sgd' && v.updateLr !== null) {
    const symbolic = [symbol, op('−'), id('η'), op('·'), usedSymbol(v, symbol)];
    // An η above 1 multiplies g's rounding too: g gets a place more for each power of ten in η.
    const gq = Math.min(10, q + Math.max(0, Math.ceil(Math.log10(v.updateLr))));
    return row([lhs, symbolic, [num(old, q, true), op('−'), exact(v.updateLr), op('×'), num(used, gq, true)], [num(now, p)]], ['←']);
  }
  const symbolic = [symbol, op('+'), txt('Δ'), symbol];
  return row([lhs, symbolic, [num(old, q, true), op('+'), num(delta, q, true)], [num(now, p)]], ['←']);
}

const penaltyOn = (v) => v.penaltyW(0, 0, 0) !== null;
const clipped = (v) => v.clipFactor !== null && v.clipFactor < 1;

/** ∂L/∂θ, or g when a penalty or clipping made the gradient the update used differ from it. */
function usedSymbol(v, symbol) {
  return penaltyOn(v) || clipped(v) ? id('g', null, null) : partial(id('L'), symbol);
}

/**
 * g = (∂L/∂θ + ∂penalty/∂θ) × clip factor, with the server's numbers: shown only when a penalty
 * or clipping is on, so a student sees where g comes from. Where the two terms would read as
 * opposites ("0,04 + (−0,04)") beside a g that is not 0, they get the places that tell them apart.
 */
function usedRow(v, symbol, grad, penaltyTerm, used, p) {
  const q = penaltyTerm === null ? p : placesApart(grad, penaltyTerm, used, p);
  const inner = penaltyTerm === null ? [num(grad, p, true)] : [num(grad, q, true), op('+'), num(penaltyTerm, q, true)];
  const symbolic = penaltyTerm === null ? [partial(id('L'), symbol)]
    : [partial(id('L'), symbol), op('+'), txt('λ₂'), symbol, op('+'), txt('λ₁ sign'), symbol];
  const scaled = (parts) => (clipped(v) ? [group(parts), op('×'), num(v.clipFactor, p)] : parts);
  return row([[id('g')], scaled(symbolic), scaled(inner), [num(used, p)]]);
}

export function updateSections(state, v, sy, t, p) {
  const sizes = state.sizes;
  const explain = penaltyOn(v) || clipped(v);
  const sections = [];
  for (let l = sizes.length - 2; l >= 0; l -= 1) {
    const rows = [];
    for (let i = 0; i < sizes[l + 1]; i += 1) {
      for (let j = 0; j < sizes[l]; j += 1) {
        if (explain) rows.push(usedRow(v, sy.w(l, i, j), v.gW(l, i, j), v.penaltyW(l, i, j), v.usedW(l, i, j), p));
        rows.push(updateRow(v, sy.w(l, i, j), v.w(l, i, j), v.usedW(l, i, j), v.dW(l, i, j), v.wNew(l, i, j), p));
      }
      if (explain) rows.push(usedRow(v, sy.b(l, i), v.gB(l, i), null, v.usedB(l, i), p));
      rows.push(updateRow(v, sy.b(l, i), v.b(l, i), v.usedB(l, i), v.dB(l, i), v.bNew(l, i), p));
    }
    sections.push({ title: layerTitle(t, sizes, l), rows });
  }
  return sections;
}
