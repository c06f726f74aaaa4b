// network-view.js — owns what the network picture shows, derived from a
// protocol state: the values read for each neuron and parameter, the parts
// that glow for the phase that just ran, the gradient path of a selection,
// and the stroke widths of weights and gradients. Pure: no canvas, no DOM.

import { shownExample } from './shown-example.js';

/** Line width of an edge from its weight: thin near 0, about 5 px for |w| ≳ 3. */
export function weightWidth(w) {
  return 0.8 + 4.2 * Math.tanh(Math.abs(w) / 2);
}

/** Arrow thickness from a gradient: 1 px at 1e−6 up to 4 px at 1, on a log scale so tiny gradients still show. */
export function gradientWidth(g) {
  if (!g) return 0;
  const t = (Math.log10(Math.abs(g)) + 6) / 6;
  return 1 + 3 * Math.min(1, Math.max(0, t));
}

function pick(root, ...path) {
  let v = root;
  for (const i of path) {
    if (v === null || v === undefined) return null;
    v = v[i];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function allLayers(sizes) {
  return sizes.slice(1).map((_, l) => l);
}

/** Which parts glow for the phase that just ran (only `layer` in detailed mode). */
export function ranParts(state) {
  const none = { edges: new Set(), neurons: new Set(), labels: new Set(), target: false };
  if (!state || !state.sizes) return none;
  const L = state.sizes.length - 1;
  const layers = state.layer === null || state.layer === undefined ? allLayers(state.sizes) : [state.layer];
  const detailed = state.layer !== null && state.layer !== undefined;
  if (state.phase === 'forward') {
    return { edges: new Set(detailed ? layers : []), neurons: new Set(layers.map((l) => l + 1)), labels: new Set(), target: layers.includes(L - 1) };
  }
  if (state.phase === 'backward') {
    return { edges: new Set(detailed ? layers : []), neurons: new Set(detailed ? layers.map((l) => l + 1) : []), labels: new Set(), target: false };
  }
  if (state.phase === 'update') return { edges: new Set(), neurons: new Set(), labels: new Set(layers), target: false };
  return none;
}

/** Keys of everything on the gradient path from the loss down to the selection. */
export function gradientPath(sizes, sel) {
  const keys = new Set();
  if (!sel) return keys;
  const L = sizes.length - 1;
  const downstream = (k, i) => {
    keys.add(`n:${k}:${i}`);
    if (k === L) return;
    for (let r = 0; r < sizes[k + 1]; r += 1) keys.add(`e:${k}:${r}:${i}`);
    for (let kk = k + 1; kk <= L; kk += 1) {
      for (let r = 0; r < sizes[kk]; r += 1) keys.add(`n:${kk}:${r}`);
      if (kk < L) for (let r = 0; r < sizes[kk + 1]; r += 1) for (let c = 0; c < sizes[kk]; c += 1) keys.add(`e:${kk}:${r}:${c}`);
    }
  };
  if (sel.what === 'weight') {
    keys.add(`e:${sel.layer}:${sel.row}:${sel.col}`);
    keys.add(`n:${sel.layer}:${sel.col}`);
    downstream(sel.layer + 1, sel.row);
  } else if (sel.what === 'bias') {
    keys.add(`b:${sel.layer}:${sel.row}`);
    downstream(sel.layer + 1, sel.row);
  } else if (sel.what === 'neuron') downstream(sel.layer, sel.index);
  else if (sel.what === 'input') downstream(0, sel.index);
  else if (sel.what === 'target') keys.add(`n:${L}:0`);
  keys.add('target');
  return keys;
}

function selectedKeyOf(sel) {
  if (!sel) return null;
  if (sel.what === 'weight') return `e:${sel.layer}:${sel.row}:${sel.col}`;
  if (sel.what === 'bias') return `b:${sel.layer}:${sel.row}`;
  if (sel.what === 'target') return 'target';
  return sel.what === 'input' ? `n:0:${sel.index}` : `n:${sel.layer}:${sel.index}`;
}

/** Everything the picture shows, read from a protocol `state` (or null) — pure. */
/** 'dead' (a ReLU unit off on every example), 'saturated' or null: the server's `units`, hidden layer k. */
export function unitMark(units, k, i) {
  if (units?.dead?.[k - 1]?.[i]) return 'dead';
  return units?.saturated?.[k - 1]?.[i] ? 'saturated' : null;
}

export function buildView(state, { selection = null, showGradients = true } = {}) {
  const s = state || {};
  const sizes = s.sizes || [2, 2, 1];
  const L = sizes.length - 1;
  const p = s.params || {};
  const f = s.forward || {};
  const bw = s.backward || {};
  const up = s.update || {};
  const ran = ranParts(state);
  const onPath = gradientPath(sizes, selection);
  const shown = shownExample(state);
  return {
    sizes, connected: Boolean(state), phase: s.phase || 'idle', layer: s.layer ?? null, next: s.next || null,
    weight: (l, i, j) => pick(p.W, l, i, j), bias: (l, i) => pick(p.b, l, i),
    deltaW: (l, i, j) => pick(up.delta_W, l, i, j), deltaB: (l, i) => pick(up.delta_b, l, i),
    gradW: (l, i, j) => (showGradients ? pick(bw.dW, l, i, j) : null),
    gradB: (l, i) => (showGradients ? pick(bw.db, l, i) : null),
    activation: (k, i) => (k === 0 ? shown.x(i) : pick(f.a, k, i)),
    preActivation: (k, i) => pick(f.z, k - 1, i),
    target: state ? shown.y : null, loss: pick(f, 'loss'),
    gradYHat: showGradients ? pick(bw.da, L - 1, 0) : null,
    ranEdges: ran.edges, ranNeurons: ran.neurons, ranLabels: ran.labels, ranTarget: ran.target,
    onPath, selectedKey: selectedKeyOf(selection),
    unitMark: (k, i) => unitMark(s.units, k, i),
    dimmed: (key) => Boolean(selection) && !onPath.has(key),
  };
}
