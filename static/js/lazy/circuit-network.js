// circuit-network.js — owns the whole 2–h–1 network as one computational graph, as plain data:
// each hidden unit's circuit (× gates, +, activation), whose output wire a_i is the input of the
// output unit's × gate with v_i, then the output's +, σ and loss gates. Built from unitCircuit, so
// every number is the state's, as in the per-unit view; nothing is computed here. Pure: no DOM.

import { unitCircuit } from '../circuit.js';
import { isCourseNet } from '../format.js';

/** The most hidden units drawn as one circuit (more would not fit a page). */
export const MAX_HIDDEN = 3;

/** True when the network is 2–h–1 with h ≤ MAX_HIDDEN: it fits as one circuit. */
export function networkCircuitFits(sizes) {
  return isCourseNet(sizes) && sizes[1] >= 1 && sizes[1] <= MAX_HIDDEN;
}

/**
 * The network as {hidden: [circuit of unit i of layer 1, …], output: circuit of the output unit},
 * each as unitCircuit makes it; null when the state has no network that fits.
 */
export function networkCircuit(state) {
  if (!state || !networkCircuitFits(state.sizes) || !state.params) return null;
  const hidden = [...Array(state.sizes[1]).keys()].map((i) => unitCircuit(state, 1, i));
  const output = unitCircuit(state, 2, 0);
  return hidden.every(Boolean) && output ? { hidden, output } : null;
}

/** Every unit of the network circuit in forward order, with its index in the layer. */
export function networkUnits(network) {
  return network ? [...network.hidden, network.output] : [];
}
