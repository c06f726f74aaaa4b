// circuit.js — owns one unit as a computational graph, as plain data: its × gates (each weight
// times its input), the + gate (the sum with the bias), the activation gate and, for the output,
// the loss gate; each wire's forward value and gradient, and at every gate the checks
// "downstream = local × upstream". Every number is read from the state (forward.products,
// backward.to_inputs and the rest): the page computes none. Pure: no DOM.

import { symbols, values, pick, ACT_NAME } from './math-terms.js';
import { nameText as symbolText } from './format.js';

const wire = (name, value, grad) => ({ name, value, grad });
const check = (of, local, upstream, downstream) => ({ of, local, upstream, downstream });
// A batch's ∂L/∂w, ∂L/∂b and L are means over its m examples, every other number its first
// example's: such a wire and its check carry `mean: m` (no single product gives a mean).
const meanOf = (v, item) => (v.batch > 1 ? { ...item, mean: v.batch } : item);

function mulGates(s, v, sy, k, i, dz) {
  const l = k - 1;
  return [...Array(s.sizes[l]).keys()].map((j) => {
    const w = meanOf(v, wire(symbolText(sy.w(l, i, j)), v.w(l, i, j), v.gW(l, i, j)));
    const a = wire(symbolText(sy.a(l, j)), v.a(l, j), pick(s.backward?.to_inputs, l, i, j));
    const out = wire(`${w.name}·${a.name}`, pick(s.forward?.products, l, i, j), dz);
    return { kind: 'mul', symbol: '×', inputs: [w, a], output: out,
      checks: [meanOf(v, check(w.name, a.value, dz, w.grad)), check(a.name, w.value, dz, a.grad)] };
  });
}

function addGate(v, sy, k, i, muls, dz) {
  const l = k - 1;
  const b = meanOf(v, wire(symbolText(sy.b(l, i)), v.b(l, i), v.gB(l, i)));
  const inputs = [...muls.map((gate) => gate.output), b];
  return { kind: 'add', symbol: '+', inputs, output: wire(symbolText(sy.z(k, i)), v.z(k, i), dz),
    checks: inputs.map((input) => (input === b ? meanOf(v, check(b.name, 1, dz, b.grad)) : check(input.name, 1, dz, input.grad))) };
}

function activationGate(v, sy, k, i, z, output) {
  const name = output ? 'σ' : ACT_NAME[v.activation];
  const upstream = output ? v.dYHat : v.da(k, i);
  const a = wire(symbolText(sy.a(k, i)), v.a(k, i), upstream);
  return { kind: 'act', symbol: name, local: v.g(k, i), inputs: [z], output: a,
    checks: [check(z.name, v.g(k, i), upstream, z.grad)] };
}

/** ∂L/∂L = 1 starts the backward: it is drawn when the backward has begun, not before. */
function lossGate(v, yHat) {
  const seed = v.dYHat === null ? null : 1;
  return { kind: 'loss', symbol: 'L', local: v.dYHat, inputs: [yHat], output: meanOf(v, wire('L', v.loss, seed)),
    checks: [check(yHat.name, v.dYHat, seed, yHat.grad)] };
}

/**
 * Unit i of layer k (1 … L) as {k, i, output, gates: [{kind, symbol, inputs, output, checks}]}:
 * the × gates, then +, then the activation, then (the output unit only) the loss. A wire is
 * {name, value, grad}; a check is {of, local, upstream, downstream}; null where the state has no
 * number yet (before the forward or backward reached it). Null for an input or a missing unit.
 */
export function unitCircuit(state, k, i) {
  if (!state || !Array.isArray(state.sizes) || !state.params) return null;
  const L = state.sizes.length - 1;
  if (!(k >= 1 && k <= L && i >= 0 && i < state.sizes[k])) return null;
  const v = values(state);
  const sy = symbols(state.sizes);
  const dz = v.dz(k, i);
  const muls = mulGates(state, v, sy, k, i, dz);
  const add = addGate(v, sy, k, i, muls, dz);
  const act = activationGate(v, sy, k, i, add.output, k === L);
  const gates = [...muls, add, act];
  if (k === L) gates.push(lossGate(v, act.output));
  return { k, i, output: k === L, gates };
}

/** Every check of a circuit, in gate order (forward left to right). */
export function circuitChecks(circuit) {
  return circuit ? circuit.gates.flatMap((gate) => gate.checks.map((c) => ({ ...c, gate: gate.kind, symbol: gate.symbol }))) : [];
}
