// math-forward.js — owns the forward equations: z = Σ w·a + b and a = g(z) of
// each neuron, and the loss, each symbolic, substituted and computed. Pure.

import { id, op, txt, num, frac, group, pow2, expOf, call, row, joinWith, ACT_NAME, yHatTerm, batchMean, placesFor } from './math-terms.js';
import { layerTitle } from './math-text.js';

/** z = Σ w·a + b for neuron (k, i), symbolic, substituted and computed (the terms with the places
 * a z near 0 needs: placesFor). */
export function zRow(sy, v, sizes, k, i, p) {
  const l = k - 1;
  const cols = [...Array(sizes[l]).keys()];
  const symbolic = [...joinWith(cols.map((j) => [sy.w(l, i, j), op('·'), sy.a(l, j)]), '+'), op('+'), sy.b(l, i)];
  const z = v.z(k, i);
  if (z === null) return row([[sy.z(k, i)], symbolic]);
  const q = placesFor(z, p);
  const numeric = [...joinWith(cols.map((j) => [num(v.w(l, i, j), q, true), op('×'), num(v.a(l, j), q, true)]), '+'),
    op('+'), num(v.b(l, i), q, true)];
  return row([[sy.z(k, i)], symbolic, numeric, [num(z, p)]]);
}

/** a = g(z) for neuron (k, i). */
export function aRow(sy, v, k, i, p) {
  const name = k === sy.L ? 'σ' : ACT_NAME[v.activation];
  const a = v.a(k, i);
  if (a === null) return row([[sy.a(k, i)], call(name, [sy.z(k, i)])]);
  return row([[sy.a(k, i)], call(name, [sy.z(k, i)]), call(name, [num(v.z(k, i), p)]), [num(a, p)]]);
}

/** The loss of one example: ½(y − ŷ)² or the cross-entropy, each as the course writes it (`k`: the
 * example's index as a subscript, for a batch's sum). */
function lossTerm(kind, k = null) {
  const y = id('y', k);
  const yHat = id('ŷ', k);
  if (kind === 'bce') {
    return [op('−'), group([y, op('·'), txt('ln'), yHat, op('+'), group([txt('1'), op('−'), y]), op('·'), txt('ln'), group([txt('1'), op('−'), yHat])])];
  }
  return [frac([txt('1')], [txt('2')]), pow2(group([y, op('−'), yHat]))];
}

/**
 * L, symbolic, substituted and computed. For a batch of m examples the server's L is the mean of
 * their losses: written as that mean, with no single example's numbers (they would not give it).
 */
export function lossRow(v, p) {
  if (v.batch > 1) {
    const mean = [...batchMean(v.batch), ...lossTerm(v.lossKind, 'k')];
    return v.loss === null ? row([[id('L')], mean]) : row([[id('L')], mean, [num(v.loss, p)]]);
  }
  const symbolic = lossTerm(v.lossKind);
  if (v.lossKind === 'bce') {
    // Written from the logit too: ln(1 − ŷ) of a saturated ŷ would read ln(0), the z form stays exact.
    const z = id('z', 'out');
    const fromLogit = [txt('ln'), group([txt('1'), op('+'), expOf([z])]), op('−'), id('y'), op('·'), z];
    const zOut = v.zOut;
    if (v.loss === null || zOut === null) return row([[id('L')], symbolic, fromLogit]);
    const numeric = [txt('ln'), group([txt('1'), op('+'), expOf([num(zOut, p)])]), op('−'), num(v.y, p, true), op('×'), num(zOut, p, true)];
    return row([[id('L')], symbolic, fromLogit, numeric, [num(v.loss, p)]]);
  }
  if (v.loss === null) return row([[id('L')], symbolic]);
  return row([[id('L')], symbolic, [frac([txt('1')], [txt('2')]), pow2(group([num(v.y, p), op('−'), ...yHatTerm(v, p)]))], [num(v.loss, p)]]);
}

export function forwardSections(state, v, sy, t, p, layers) {
  const sizes = state.sizes;
  return layers.map((l) => {
    const k = l + 1;
    const rows = [];
    for (let i = 0; i < sizes[k]; i += 1) rows.push(zRow(sy, v, sizes, k, i, p), aRow(sy, v, k, i, p));
    if (k === sy.L) rows.push(lossRow(v, p));
    return { title: layerTitle(t, sizes, l), rows };
  });
}
