// math-chain.js — owns the equations of a selection: its value (and update),
// the chain rule from the loss down to it (one product for 2–h–1, a ladder of
// rows for deeper networks), the rows that support it, and the numerical
// gradient check. Pure.

import { selectionName } from './format.js';
import { id, op, txt, num, exact, frac, group, partial, call, row, joinWith, pick, ACT_NAME, batchMean } from './math-terms.js';
import { zRow, aRow, lossRow } from './math-forward.js';
import { derivativeRow, dYHatRow, dzOutRow, daRow, dzHiddenRow } from './math-backward.js';
import { updateRow } from './math-update.js';

/** Factors from the loss down to the output pre-activation. */
function outputFactors(sy, v) {
  const diff = [id('ŷ'), op('−'), id('y')];
  const named = v.lossKind === 'bce' ? [frac(diff, [id('ŷ'), group([txt('1'), op('−'), id('ŷ')])])] : [group(diff)];
  return [
    { sym: [partial(id('L'), id('ŷ'))], named, value: v.dYHat },
    { sym: [partial(id('ŷ'), sy.z(sy.L, 0))], named: call('σ′', [sy.z(sy.L, 0)]), value: v.dYHat === null ? null : v.g(sy.L, 0) },
  ];
}

/** 2–h–1 only: the factors of the chain for a selection and the result the server computed. */
function courseChain(sy, v, sel) {
  const factors = outputFactors(sy, v);
  const hiddenUnit = (i) => [
    { sym: [partial(sy.z(2, 0), sy.a(1, i))], named: [sy.w(1, 0, i)], value: v.w(1, 0, i) },
    { sym: [partial(sy.a(1, i), sy.z(1, i))], named: call(`${ACT_NAME[v.activation]}′`, [sy.z(1, i)]), value: v.g(1, i) },
  ];
  const one = { named: [txt('1')], value: 1 };
  if (sel.what === 'neuron') {
    if (sel.layer === 2) return { lhs: partial(id('L'), sy.z(2, 0)), factors, result: v.dz(2, 0) };
    return { lhs: partial(id('L'), sy.z(1, sel.index)), factors: [...factors, ...hiddenUnit(sel.index)], result: v.dz(1, sel.index) };
  }
  const isW = sel.what === 'weight';
  const symbol = isW ? sy.w(sel.layer, sel.row, sel.col) : sy.b(sel.layer, sel.row);
  const result = isW ? v.gW(sel.layer, sel.row, sel.col) : v.gB(sel.layer, sel.row);
  // A batch's ∂L/∂w and ∂L/∂b are means over its examples; the factors are its first example's.
  const mean = v.batch;
  if (sel.layer === 1) {
    const last = isW ? { named: [sy.a(1, sel.col)], value: v.a(1, sel.col) } : one;
    return { lhs: partial(id('L'), symbol), factors: [...factors, { sym: [partial(sy.z(2, 0), symbol)], ...last }], result, mean };
  }
  const i = sel.row;
  const last = isW ? { named: [sy.a(0, sel.col)], value: v.x(sel.col) } : one;
  return { lhs: partial(id('L'), symbol), factors: [...factors, ...hiddenUnit(i), { sym: [partial(sy.z(1, i), symbol)], ...last }], result, mean };
}

function chainRow(chain, p) {
  const sym = joinWith(chain.factors.map((f) => f.sym), '·');
  const named = joinWith(chain.factors.map((f) => f.named), '·');
  if (chain.mean > 1) {
    // One example's product would not give the batch's mean: the server's mean alone.
    const over = batchMean(chain.mean);
    const terms = [[chain.lhs], [...over, ...sym], [...over, ...named]];
    return row(chain.result === null ? terms : [...terms, [num(chain.result, p)]]);
  }
  const ready = chain.result !== null && chain.factors.every((f) => f.value !== null);
  if (!ready) return row([[chain.lhs], sym, named]);
  const numbers = joinWith(chain.factors.map((f) => [f.value === 1 && f.named[0].v === '1' ? exact(1) : num(f.value, p, true)]), '×');
  return row([[chain.lhs], sym, named, numbers, [num(chain.result, p)]]);
}

/** Supporting rows of a 2–h–1 chain: ∂L/∂ŷ, σ′(z_out) and g′(z_i) worked out. */
function courseSupport(sy, v, sel, p) {
  const rows = [dYHatRow(sy, v, p), derivativeRow(sy, v, sy.L, 0, p)];
  const unit = sel.what === 'neuron' ? (sel.layer === 1 ? sel.index : null) : sel.layer === 0 ? sel.row : null;
  if (unit !== null) rows.push(derivativeRow(sy, v, 1, unit, p));
  return rows;
}

/** Deeper networks: the chain as a ladder of rows from the parameter up to the output. */
function ladderRows(sy, v, sizes, sel, p) {
  const rows = [];
  const k = sel.what === 'neuron' ? sel.layer : sel.layer + 1;
  const i = sel.what === 'neuron' ? sel.index : sel.row;
  if (sel.what !== 'neuron') {
    const isW = sel.what === 'weight';
    const symbol = isW ? sy.w(sel.layer, i, sel.col) : sy.b(sel.layer, i);
    const lhs = [partial(id('L'), symbol)];
    const over = batchMean(v.batch);
    const symbolic = [...over, partial(id('L'), sy.z(k, i)), op('·'), partial(sy.z(k, i), symbol)];
    const named = [...over, partial(id('L'), sy.z(k, i)), op('·'), isW ? sy.a(k - 1, sel.col) : txt('1')];
    const g = isW ? v.gW(sel.layer, i, sel.col) : v.gB(sel.layer, i);
    const factor = isW ? num(v.a(k - 1, sel.col), p, true) : exact(1);
    const product = v.batch > 1 ? [] : [[num(v.dz(k, i), p, true), op('×'), factor]];
    rows.push(g === null ? row([lhs, symbolic, named]) : row([lhs, symbolic, named, ...product, [num(g, p)]]));
  }
  if (k < sy.L) rows.push(dzHiddenRow(sy, v, k, i, p), derivativeRow(sy, v, k, i, p), daRow(sy, v, sizes, k, i, p));
  return rows;
}

function valueRows(sy, v, state, sel, p) {
  const isW = sel.what === 'weight';
  const symbol = isW ? sy.w(sel.layer, sel.row, sel.col) : sy.b(sel.layer, sel.row);
  const now = isW ? v.wNew(sel.layer, sel.row, sel.col) : v.bNew(sel.layer, sel.row);
  if (!state.update) return [row([[symbol], [num(now, p)]])];
  const old = isW ? v.w(sel.layer, sel.row, sel.col) : v.b(sel.layer, sel.row);
  const used = isW ? v.usedW(sel.layer, sel.row, sel.col) : v.usedB(sel.layer, sel.row);
  const delta = isW ? v.dW(sel.layer, sel.row, sel.col) : v.dB(sel.layer, sel.row);
  return [updateRow(v, symbol, old, used, delta, now, p)];
}

function gradcheckSection(state, sy, t, sel, p) {
  const gc = state.gradcheck;
  const cfg = state.config || {};
  if (!gc || !cfg.check_gradients || (sel.what !== 'weight' && sel.what !== 'bias')) return null;
  const isW = sel.what === 'weight';
  const symbol = isW ? sy.w(sel.layer, sel.row, sel.col) : sy.b(sel.layer, sel.row);
  const estimate = isW ? pick(gc.dW, sel.layer, sel.row, sel.col) : pick(gc.db, sel.layer, sel.row);
  const rel = isW ? pick(gc.rel_error_W, sel.layer, sel.row, sel.col) : pick(gc.rel_error_b, sel.layer, sel.row);
  if (estimate === null) return null;
  const lhs = [partial(id('L'), symbol)];
  const address = isW ? [sel.layer, sel.row, sel.col] : [sel.layer, sel.row];
  const verdict = address.reduce((node, index) => node?.[index], isW ? gc.verdict_W : gc.verdict_b);
  // "—" below resolution, as in the Gradientes list (readouts.js): there the figure is no ratio.
  const relative = verdict === 'below_resolution' ? txt('—') : num(rel, Math.max(p, 2));
  const rows = [row([lhs, [num(estimate, p)]], ['≈']), row([[txt(t.relError)], [relative]])];
  if (verdict) rows.push(row([[txt(t.verdict)], [txt(t.verdicts[verdict])]]));
  return { title: t.numeric, notes: [t.numericNote], rows };
}

export function selectionTitle(state, t, sel) {
  return `${t.kinds[sel.what]} ${selectionName(state.sizes, sel)}`;
}

export function selectionSections(state, v, sy, t, sel, p) {
  const sizes = state.sizes;
  if (sel.what === 'input') {
    const rows = [row([[sy.a(0, sel.index)], [num(v.x(sel.index), p)]])];
    for (let i = 0; i < sizes[1]; i += 1) rows.push(zRow(sy, v, sizes, 1, i, p));
    return [{ title: t.value, lead: t.inputUse, rows }];
  }
  if (sel.what === 'target') return [{ title: t.value, rows: [row([[id('y')], [num(v.y, p)]]), lossRow(v, p), dYHatRow(sy, v, p)] }];
  const sections = [];
  if (sel.what === 'neuron') sections.push({ title: t.value, rows: [zRow(sy, v, sizes, sel.layer, sel.index, p), aRow(sy, v, sel.layer, sel.index, p)] });
  else sections.push({ title: t.value, rows: valueRows(sy, v, state, sel, p) });
  sections.push(chainSection(state, v, sy, t, sel, p, t.chain));
  if (sy.course === false) sections.push({ title: '', lead: t.sameRule, rows: [dzOutRow(sy, v, p), dYHatRow(sy, v, p)] });
  const check = gradcheckSection(state, sy, t, sel, p);
  if (check) sections.push(check);
  return sections;
}

function chainSection(state, v, sy, t, sel, p, title) {
  const waiting = v.dYHat === null ? [t.waitBackward] : [];
  if (sy.course) {
    const chain = courseChain(sy, v, sel);
    return { title, rows: [chainRow(chain, p), ...courseSupport(sy, v, sel, p)], notes: waiting };
  }
  const rows = ladderRows(sy, v, state.sizes, sel, p);
  if (sel.what === 'neuron' && sel.layer === sy.L) rows.push(dzOutRow(sy, v, p));
  return { title, rows, notes: waiting };
}
