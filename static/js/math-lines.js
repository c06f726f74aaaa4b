// math-lines.js — owns the equations panel as plain data: which sections the
// phase that just ran (or the selection) shows, the panel's title and its
// notes (among them, why a dead or saturated unit it shows does not learn, from
// the server's `units` marks). mathLines(state, options) is pure; mathpanel.js turns its result
// into DOM.

import { neuronName } from './format.js';
import { num, txt, row, symbols, values, exactNumber } from './math-terms.js';
import { strings, layerTitle } from './math-text.js';
import { forwardSections } from './math-forward.js';
import { backwardSections } from './math-backward.js';
import { updateSections } from './math-update.js';
import { selectionSections, selectionTitle } from './math-chain.js';

function allLayers(sizes) {
  return sizes.slice(1).map((_, l) => l);
}

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
function unitNotes(state, t, selection, layers) {
  const units = state.units;
  if (!units) return [];
  return shownUnits(state, selection, layers).flatMap(([k, i]) => {
    const name = neuronName(state.sizes, k, i); // as the status line names it: a₁, a₁⁽²⁾
    if (units.dead?.[k - 1]?.[i]) return [t.deadNote(name)];
    return units.saturated?.[k - 1]?.[i] ? [t.saturatedNote(name)] : [];
  });
}

function phaseTitle(state, t, v) {
  const base = t[state.phase] || t.idle;
  const layer = state.layer;
  const withLayer = layer === null || layer === undefined ? base : `${base} · ${layerTitle(t, state.sizes, layer).toLowerCase()}`;
  return state.phase === 'update' && v.updateLr !== null ? `${withLayer} (η = ${exactNumber(v.updateLr, t.lang)})` : withLayer;
}

function phaseSections(state, v, sy, t, p) {
  const layers = state.layer === null || state.layer === undefined ? allLayers(state.sizes) : [state.layer];
  if (state.phase === 'forward') return forwardSections(state, v, sy, t, p, layers);
  if (state.phase === 'backward') {
    const sections = backwardSections(state, v, sy, t, p, layers.slice().reverse());
    const gc = state.gradcheck;
    if (gc && (state.config || {}).check_gradients) sections.push({ title: t.numeric, rows: [row([[txt(t.gradMax)], [num(gc.max_rel_error, p)]])] });
    return sections;
  }
  if (state.phase === 'update') return updateSections(state, v, sy, t, p);
  return [];
}

function nextNote(state, t) {
  const next = state.next;
  if (!next || !t.next[next.phase]) return null;
  const layer = next.layer === null || next.layer === undefined ? '' : t.layerNext(layerTitle(t, state.sizes, next.layer).toLowerCase());
  return t.next[next.phase].replace(':', `${layer}:`);
}

function mentionsZOut(state, selection) {
  if (selection) return selection.what !== 'input' && selection.what !== 'target';
  const last = state.sizes.length - 2;
  const ranOutput = state.layer === null || state.layer === undefined || state.layer === last;
  return (state.phase === 'forward' || state.phase === 'backward') && ranOutput;
}

/**
 * The panel as plain data: {title, sections: [{title, lead?, rows, notes?}], notes}. A row is
 * {segments, rels}: segments are arrays of expression nodes, rels the relation before each
 * later segment ('=', '←', '≈'). Pure: no DOM.
 */
export function mathLines(state, options = {}) {
  const t = strings(options.lang);
  const p = Math.min(10, Math.max(2, Number.isFinite(options.precision) ? Math.round(options.precision) : 4));
  if (!state || !Array.isArray(state.sizes) || !state.params) return { title: t.idle, sections: [], notes: [t.next.forward] };
  const sy = symbols(state.sizes);
  const v = values(state);
  const sel = options.selection || null;
  const sections = sel ? selectionSections(state, v, sy, t, sel, p) : phaseSections(state, v, sy, t, p);
  const layers = state.layer === null || state.layer === undefined ? allLayers(state.sizes) : [state.layer];
  const notes = unitNotes(state, t, sel, layers);
  // The course's own name for zₒᵤₜ clashes with a hidden z₂; with no hidden layer there is no clash to explain.
  if (mentionsZOut(state, sel)) notes.push(state.sizes.length > 2 ? t.zOut : t.zOutAlone);
  if (t.optimizer[v.optimizer] && state.phase === 'update') notes.push(t.optimizer[v.optimizer]);
  const batch = state.batch;
  if (batch && batch.size > 1 && (state.backward || state.forward)) {
    notes.push((state.backward ? t.batch : t.batchForward)(batch.size, batch.start + 1, batch.start + batch.size));
  }
  if (state.update && v.lr !== null && v.updateLr !== null && v.lr !== v.updateLr) {
    notes.push(t.lrChanged(exactNumber(v.updateLr, t.lang), exactNumber(v.lr, t.lang)));
  }
  const next = nextNote(state, t);
  if (next) notes.push(next);
  return { title: sel ? selectionTitle(state, t, sel) : phaseTitle(state, t, v), sections, notes };
}
