// math-backward.js — owns the backward equations: g′(z) written out, ∂L/∂ŷ,
// ∂L/∂z of the output and of hidden neurons, ∂L/∂a, and every ∂L/∂w and ∂L/∂b,
// each symbolic, substituted, and the server's result. Pure.

import { id, op, txt, num, frac, group, pow2, expOf, partial, call, row, joinWith, ACT_NAME, yHatTerm, writtenAlike, batchMean, placesFor } from './math-terms.js';
import { layerTitle } from './math-text.js';

/**
 * The row "g′(z) = a(1 − a) = 0.59 × (1 − 0.59) = 0.24" for neuron (k, i): the rule, a written
 * into it, and the server's g′ (forward.g_prime). ReLU's case is read from that g′ (1 or 0).
 */
export function derivativeRow(sy, v, k, i, p) {
  const kind = k === sy.L ? 'sigmoid' : v.activation;
  const a = v.a(k, i);
  const name = k === sy.L ? 'σ′' : `${ACT_NAME[kind]}′`;
  const lhs = call(name, [sy.z(k, i)]);
  const d = v.g(k, i);
  const result = [d === null ? txt('—') : num(d, p)];
  if (kind === 'relu') return row([lhs, [txt(d === null ? '1 (z > 0), 0 (z ≤ 0)' : d > 0 ? '1 (z > 0)' : '0 (z ≤ 0)')], result]);
  const symbolic = kind === 'tanh' ? [txt('1'), op('−'), pow2(sy.a(k, i))] : [sy.a(k, i), group([txt('1'), op('−'), sy.a(k, i)])];
  if (a === null) return row([lhs, symbolic]);
  if (writtenAlike(Math.abs(a), 1, p)) return row([lhs, symbolic, ...fromLogit(kind, sy.z(k, i), v.z(k, i), p), result]);
  const numeric = kind === 'tanh' ? [txt('1'), op('−'), pow2(num(a, p, true))] : [num(a, p, true), op('×'), group([txt('1'), op('−'), num(a, p, true)])];
  return row([lhs, symbolic, numeric, result]);
}

// A saturated a written as 1.0000 would make a(1 − a) and 1 − a² read 0 beside a g′ that is not:
// there g′ is written as the server computes it, from |z| (σ′ = e^−|z|/(1 + e^−|z|)², tanh′ =
// 4e^−2|z|/(1 + e^−2|z|)²), so every number substituted is one the student can carry on with.
function fromLogit(kind, zName, z, p) {
  const twice = kind === 'tanh';
  const form = (magnitude) => {
    const power = expOf([op('−'), ...(twice ? [txt('2'), op('·')] : []), ...magnitude]);
    const top = twice ? [txt('4'), op('·'), power] : [power];
    return [frac(top, [pow2(group([txt('1'), op('+'), power]))])];
  };
  return [form([op('|'), zName, op('|')]), form([num(Math.abs(z), p)])];
}

/**
 * ∂L/∂ŷ: ŷ − y for MSE; for BCE (ŷ − y)/(ŷ(1 − ŷ)), also written with 1/ŷ = 1 + e^−z and
 * 1/(1 − ŷ) = 1 + e^z, which stays exact where 1 − ŷ rounds to 0. Past |z| ≈ 709 no float holds
 * it: the server sends null, and the row says so.
 */
export function dYHatRow(sy, v, p) {
  const lhs = [partial(id('L'), id('ŷ'))];
  const diff = [id('ŷ'), op('−'), id('y')];
  if (v.lossKind === 'bce') return bceDYHatRow(sy, v, p, lhs, diff);
  if (v.dYHat === null) return row([lhs, diff]);
  return row([lhs, diff, [...yHatTerm(v, p), op('−'), num(v.y, p)], [num(v.dYHat, p)]]);
}

function bceDYHatRow(sy, v, p, lhs, diff) {
  const z = sy.z(sy.L, 0);
  const symbolic = [frac(diff, [id('ŷ'), group([txt('1'), op('−'), id('ŷ')])])];
  const fromLogit = (y, zNode, minusZ) => [op('−'), y, op('·'), group([txt('1'), op('+'), expOf(minusZ)]), op('+'),
    group([txt('1'), op('−'), y]), op('·'), group([txt('1'), op('+'), expOf([zNode])])];
  const written = fromLogit(id('y'), z, [op('−'), z]);
  const zOut = v.zOut;
  const backwardDone = v.dz(sy.L, 0) !== null;
  if (!backwardDone || zOut === null) return row([lhs, symbolic, written]);
  const numeric = fromLogit(num(v.y, p, true), num(zOut, p, true), [op('−'), num(zOut, p, true)]);
  // Past the float range its sign is that of ŷ − y, the server's ∂L/∂z (a y of 1 and a very
  // negative z give −(1 + e^−z), far below −10³⁰⁸).
  const past = v.dz(sy.L, 0) < 0 ? '< −10³⁰⁸' : '> 10³⁰⁸';
  const value = v.dYHat === null ? [txt(past)] : [num(v.dYHat, p)];
  return row([lhs, symbolic, written, numeric, value]);
}

/** ∂L/∂z_out = ∂L/∂ŷ · σ′(z_out)  (BCE: simply ŷ − y). */
export function dzOutRow(sy, v, p) {
  const lhs = [partial(id('L'), sy.z(sy.L, 0))];
  const dz = v.dz(sy.L, 0);
  if (v.lossKind === 'bce') {
    const diff = [id('ŷ'), op('−'), id('y')];
    return dz === null ? row([lhs, diff]) : row([lhs, diff, [...yHatTerm(v, p), op('−'), num(v.y, p)], [num(dz, p)]]);
  }
  const symbolic = [partial(id('L'), id('ŷ')), op('·'), ...call('σ′', [sy.z(sy.L, 0)])];
  if (dz === null) return row([lhs, symbolic]);
  const s = v.g(sy.L, 0);
  return row([lhs, symbolic, [num(v.dYHat, p, true), op('×'), num(s, p, true)], [num(dz, p)]]);
}

/** ∂L/∂a of a hidden neuron: the sum over the neurons it feeds (its terms with the places a sum
 * near 0 needs: placesFor). */
export function daRow(sy, v, sizes, k, i, p) {
  const rows = [...Array(sizes[k + 1]).keys()];
  const lhs = [partial(id('L'), sy.a(k, i))];
  const symbolic = joinWith(rows.map((r) => [sy.w(k, r, i), op('·'), partial(id('L'), sy.z(k + 1, r))]), '+');
  const da = v.da(k, i);
  if (da === null) return row([lhs, symbolic]);
  const q = rows.length > 1 ? placesFor(da, p) : p;
  const numeric = joinWith(rows.map((r) => [num(v.w(k, r, i), q, true), op('×'), num(v.dz(k + 1, r), q, true)]), '+');
  return row([lhs, symbolic, numeric, [num(da, p)]]);
}

/** ∂L/∂z of a hidden neuron = ∂L/∂a · g′(z). */
export function dzHiddenRow(sy, v, k, i, p) {
  const lhs = [partial(id('L'), sy.z(k, i))];
  const gName = `${ACT_NAME[v.activation]}′`;
  const symbolic = [partial(id('L'), sy.a(k, i)), op('·'), ...call(gName, [sy.z(k, i)])];
  const dz = v.dz(k, i);
  if (dz === null) return row([lhs, symbolic]);
  const g = v.g(k, i);
  return row([lhs, symbolic, [num(v.da(k, i), p, true), op('×'), num(g, p, true)], [num(dz, p)]]);
}

/**
 * ∂L/∂w_ij = a_j · ∂L/∂z_i (x_j for the first layer), with the server's numbers. For a batch of
 * m examples, the mean over the batch (the server's number), with no single product.
 */
export function weightGradRow(sy, v, l, i, j, p) {
  const m = v.batch;
  const k = l + 1;
  const lhs = [partial(id('L'), sy.w(l, i, j))];
  const symbolic = [...batchMean(m), sy.a(l, j), op('·'), partial(id('L'), sy.z(k, i))];
  const g = v.gW(l, i, j);
  if (g === null) return row([lhs, symbolic]);
  if (m > 1) return row([lhs, symbolic, [num(g, p)]]);
  return row([lhs, symbolic, [num(v.a(l, j), p, true), op('×'), num(v.dz(k, i), p, true)], [num(g, p)]]);
}

/** ∂L/∂b_i = ∂L/∂z_i (for a batch, its mean). */
export function biasGradRow(sy, v, l, i, p) {
  const m = v.batch;
  const g = v.gB(l, i);
  const lhs = [partial(id('L'), sy.b(l, i))];
  const dz = [...batchMean(m), partial(id('L'), sy.z(l + 1, i))];
  return g === null ? row([lhs, dz]) : row([lhs, dz, [num(g, p)]]);
}

function paramGradRows(sy, v, sizes, l, p) {
  const rows = [];
  for (let i = 0; i < sizes[l + 1]; i += 1) {
    for (let j = 0; j < sizes[l]; j += 1) rows.push(weightGradRow(sy, v, l, i, j, p));
    rows.push(biasGradRow(sy, v, l, i, p));
  }
  return rows;
}

export function backwardSections(state, v, sy, t, p, layers) {
  const sizes = state.sizes;
  return layers.map((l) => {
    const k = l + 1;
    const rows = [];
    if (k === sy.L) rows.push(dYHatRow(sy, v, p), derivativeRow(sy, v, k, 0, p), dzOutRow(sy, v, p));
    else {
      for (let i = 0; i < sizes[k]; i += 1) rows.push(daRow(sy, v, sizes, k, i, p), derivativeRow(sy, v, k, i, p), dzHiddenRow(sy, v, k, i, p));
    }
    rows.push(...paramGradRows(sy, v, sizes, l, p));
    return { title: layerTitle(t, sizes, l), rows };
  });
}
