// math-health.js — owns the math panel's words on dead and saturated units: for each hidden unit
// the panel shows (the layers of the phase that ran, every layer after an update, or the unit
// of the selection), the server's `units` marks become a note saying why it does not learn.

import { unitName } from './readouts.js';

/** Hidden units the panel shows, as [k, i] (k indexes sizes, 1 … L−1). */
function shownUnits(state, selection, layers) {
  const last = state.sizes.length - 1;
  if (selection) {
    const k = selection.what === 'neuron' ? selection.layer : selection.layer + 1;
    const i = selection.what === 'neuron' ? selection.index : selection.row;
    return ['neuron', 'weight', 'bias'].includes(selection.what) && k >= 1 && k < last ? [[k, i]] : [];
  }
  const ks = state.phase === 'update' ? state.sizes.slice(1, last).map((_, l) => l + 1)
    : state.phase === 'idle' ? [] : layers.map((l) => l + 1).filter((k) => k < last);
  return ks.flatMap((k) => state.sizes[k] ? [...Array(state.sizes[k]).keys()].map((i) => [k, i]) : []);
}

/** The notes for the dead and saturated units among those shown (t: math-text's strings). */
export function unitNotes(state, t, selection, layers) {
  const units = state.units;
  if (!units) return [];
  return shownUnits(state, selection, layers).flatMap(([k, i]) => {
    const name = unitName(state.sizes, k, i); // as the status line names it: a₁, a₁⁽²⁾
    if (units.dead?.[k - 1]?.[i]) return [t.deadNote(name)];
    return units.saturated?.[k - 1]?.[i] ? [t.saturatedNote(name)] : [];
  });
}
