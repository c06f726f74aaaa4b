// layout.js — owns where everything of the network picture goes: neurons, the
// target box, edges with their label anchors (placed so labels never overlap),
// bias labels, the z read-outs; and hitTest, which maps a point back to the
// selection under it. Pure: no DOM, no canvas. Units are CSS pixels.

import { neuronName, paramName } from './format.js';

/** A selection object with every key present (null when unused). */
export function makeSelection(what, { layer = null, row = null, col = null, index = null } = {}) {
  return { what, layer, row, col, index };
}

/** Sizes, fonts and margins for a canvas of this size. */
function metrics(sizes, width, height) {
  const compact = width < 440 || height < 240;
  const fontSize = compact ? 10 : 11;
  const lineH = Math.round(fontSize * 1.3);
  const charW = fontSize * 0.6;
  const labelW = Math.round(charW * (compact ? 8 : 8.5) + 4);
  const header = lineH + 6;
  const bandH = (height - header - 4) / Math.max(...sizes);
  return { compact, fontSize, lineH, charW, labelW, header, bandH };
}

/** Horizontal positions of the columns and of the target box. */
function columns(sizes, width, m, r) {
  const L = sizes.length - 1;
  const targetW = Math.round(m.charW * 7 + 8);
  const lossW = Math.round(m.charW * (m.compact ? 9 : 11));
  const rightW = Math.max(targetW, lossW);
  const left = r + 4;
  const outX = width - 6 - rightW - Math.max(14, r * 0.9) - r;
  const step = (outX - left) / L;
  const xs = sizes.map((_, k) => left + k * step);
  return { xs, step, targetW, rightW, targetX: width - 6 - rightW / 2 };
}

function radiusFor(sizes, width, m) {
  const L = sizes.length - 1;
  const roughStep = (width - 120) / L;
  return Math.max(7, Math.min(24, m.bandH * 0.3, roughStep * 0.17));
}

function box(cx, cy, w, h) {
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

function overlaps(a, b, pad = 1) {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

function inside(b, width, height, top) {
  return b.x >= 1 && b.y >= top && b.x + b.w <= width - 1 && b.y + b.h <= height - 1;
}

/** Build the neuron columns, each neuron with its name box and z read-out box. */
function buildNeurons(sizes, m, cols, r, height) {
  const top = m.header;
  const availH = height - top - 4;
  return sizes.map((n, k) => {
    const band = availH / n;
    return Array.from({ length: n }, (_, i) => {
      const x = cols.xs[k];
      const y = top + band * (i + 0.5);
      const kind = k === 0 ? 'input' : k === sizes.length - 1 ? 'output' : 'hidden';
      const name = neuronName(sizes, k, i);
      const zW = kind === 'input' ? m.charW * 4 : m.labelW + m.charW * (kind === 'output' ? 2.5 : 1);
      const zX = kind === 'output' ? x + r * 0.6 : kind === 'hidden' ? x + r * 0.6 - zW / 2 : x;
      const zBox = box(zX, y - r - 2 - m.lineH / 2, zW, m.lineH);
      return { layer: k, index: i, kind, name, x, y, r, zBox };
    });
  });
}

function buildBiases(sizes, neurons, m) {
  const h = m.lineH * m.labelLines;
  const biases = [];
  for (let l = 0; l < sizes.length - 1; l += 1) {
    neurons[l + 1].forEach((n, i) => {
      const name = paramName(sizes, 'bias', l, i);
      const w = m.labelW + m.charW * Math.min(name.length, 5);
      const x = n.kind === 'hidden' ? n.x + n.r * 0.8 - w / 2 : n.x;
      const y = n.y + n.r + 4 + h / 2;
      biases.push({ layer: l, row: i, name, x, y, box: box(x, y, w, h), visible: true });
    });
  }
  return biases;
}

function buildEdges(sizes, neurons) {
  const edges = [];
  for (let l = 0; l < sizes.length - 1; l += 1) {
    neurons[l + 1].forEach((to, i) => {
      neurons[l].forEach((from, j) => {
        const dx = to.x - from.x;
        const dy = to.y - from.y;
        const len = Math.hypot(dx, dy) || 1;
        const ux = dx / len;
        const uy = dy / len;
        edges.push({
          layer: l, row: i, col: j, name: paramName(sizes, 'weight', l, i, j),
          x1: from.x + ux * from.r, y1: from.y + uy * from.r,
          x2: to.x - ux * to.r, y2: to.y - uy * to.r, label: null,
        });
      });
    });
  }
  return edges;
}

/** A weight layer with more edges than this shows no values on its edges (they would be noise). */
const MAX_LABELLED_EDGES = 16;

/** A column with more neurons than this shows no z read-outs. */
const MAX_Z_LABELS = { compact: 4, wide: 6 };

const T_GRID = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85];

function isStraight(e) {
  return Math.abs(e.y2 - e.y1) < 0.25 * Math.abs(e.x2 - e.x1);
}

/** Preferred positions along an edge (0 = sender, 1 = receiver), one rule per strategy. */
const STRATEGIES = [
  (e) => (isStraight(e) ? 0.7 : 0.3),
  (e) => (isStraight(e) ? 0.3 : 0.7),
  () => 0.5,
  (e, n) => 0.25 + (0.5 * e.col) / Math.max(1, n.inputs - 1),
  (e, n) => 0.25 + (0.5 * e.row) / Math.max(1, n.outputs - 1),
  (e, n) => 0.75 - (0.5 * e.col) / Math.max(1, n.inputs - 1),
];

/** Greedy placement with one strategy: the first point along each edge whose box hits nothing. */
function greedyLabels(edges, obstacles, m, width, height, prefer, sizes) {
  const h = m.lineH * m.labelLines;
  const placed = obstacles.slice();
  const labels = new Map();
  const dense = (e) => sizes[e.layer] * sizes[e.layer + 1] > MAX_LABELLED_EDGES;
  const order = edges.filter((e) => !dense(e)).sort((a, b) => Math.abs(a.y2 - a.y1) - Math.abs(b.y2 - b.y1));
  for (const e of order) {
    const pref = prefer(e, { inputs: sizes[e.layer], outputs: sizes[e.layer + 1] });
    const ts = T_GRID.slice().sort((a, b) => Math.abs(a - pref) - Math.abs(b - pref));
    let chosen = null;
    for (const t of ts) {
      const cx = e.x1 + (e.x2 - e.x1) * t;
      const cy = e.y1 + (e.y2 - e.y1) * t;
      const b = box(cx, cy, m.labelW, h);
      if (inside(b, width, height, m.header) && !placed.some((o) => overlaps(b, o))) {
        chosen = { x: cx, y: cy, t, box: b, visible: true };
        placed.push(b);
        break;
      }
    }
    labels.set(e, chosen);
  }
  return labels;
}

/** Place every edge label; keep the strategy that shows the most labels. */
function placeEdgeLabels(edges, obstacles, m, width, height, sizes) {
  let best = null;
  let bestCount = -1;
  const strategies = edges.length > 40 ? STRATEGIES.slice(0, 2) : STRATEGIES;
  for (const prefer of strategies) {
    const labels = greedyLabels(edges, obstacles, m, width, height, prefer, sizes);
    const count = [...labels.values()].filter(Boolean).length;
    if (count > bestCount) {
      best = labels;
      bestCount = count;
    }
    if (count === edges.length) break;
  }
  const h = m.lineH * m.labelLines;
  for (const e of edges) {
    const cx = (e.x1 + e.x2) / 2;
    const cy = (e.y1 + e.y2) / 2;
    e.label = best.get(e) || { x: cx, y: cy, t: 0.5, box: box(cx, cy, m.labelW, h), visible: false };
  }
}

/** Keep only bias labels that fit and collide with nothing seen so far; a label that does not
 * fit under its neuron's centre may slide left (the output's, away from the loss box). */
function settleBiases(biases, obstacles, m, width, height) {
  const placed = obstacles.slice();
  const fits = (bx) => inside(bx, width, height, m.header) && !placed.some((o) => overlaps(bx, o));
  for (const b of biases) {
    const shift = [0, 0.25, 0.5].map((k) => ({ ...b.box, x: b.box.x - k * b.box.w })).find(fits);
    b.visible = Boolean(shift);
    if (!shift) continue;
    b.x += shift.x - b.box.x;
    b.box = shift;
    placed.push(shift);
  }
}

/** Label styles from richest to plainest: with names, 3 lines (value, Δ, ∇), fewer lines. */
const VARIANTS = {
  wide: [{ names: true, lines: 3 }, { names: false, lines: 3 }, { names: false, lines: 2 }, { names: false, lines: 1 }],
  compact: [{ names: false, lines: 2 }, { names: false, lines: 1 }],
};

/** Place bias and edge labels in one style; count how many found room. */
function placeLabels(sizes, neurons, fixed, m, width, height, variant) {
  const mv = { ...m, labelLines: variant.lines, labelW: m.labelW + (variant.names ? Math.round(m.charW * 2.8) : 0) };
  const biases = buildBiases(sizes, neurons, mv);
  settleBiases(biases, fixed, mv, width, height);
  const edges = buildEdges(sizes, neurons);
  placeEdgeLabels(edges, fixed.concat(biases.filter((b) => b.visible).map((b) => b.box)), mv, width, height, sizes);
  const shown = biases.filter((b) => b.visible).length + edges.filter((e) => e.label.visible).length;
  return { biases, edges, shown, total: biases.length + edges.length, mv, variant };
}

/** The richest label style that fits everything, else the one that shows the most. */
function bestLabels(sizes, neurons, fixed, m, width, height) {
  let best = null;
  const variants = m.compact ? VARIANTS.compact : VARIANTS.wide;
  const edgeCount = sizes.slice(1).reduce((sum, n, l) => sum + n * sizes[l], 0);
  for (const variant of edgeCount > 40 ? variants.slice(-2) : variants) {
    const tried = placeLabels(sizes, neurons, fixed, m, width, height, variant);
    if (tried.shown === tried.total) return tried;
    if (!best || tried.shown > best.shown) best = tried;
  }
  return best;
}

/**
 * A dense network (more than two hidden layers, or a weight layer with more than
 * MAX_LABELLED_EDGES edges) shows no weight or bias numbers on the picture, rather than a
 * scattering of some: each number is on its hotspot (hover, focus) and in the math panel.
 */
function isDense(sizes) {
  return sizes.length > 4 || sizes.slice(1).some((n, l) => n * sizes[l] > MAX_LABELLED_EDGES);
}

function hideNumbers(edges, biases) {
  for (const e of edges) e.label.visible = false;
  for (const b of biases) b.visible = false;
}

/**
 * Lay out a network of the given sizes on a width × height canvas.
 * Returns {dense, width, height, sizes, compact, fontSize, lineH, labelLines, labelW, labelNames, header,
 * neurons[k][i] {layer, index, kind, name, x, y, r, zBox, zVisible}, edges[] {layer, row, col, name,
 * x1, y1, x2, y2, label {x, y, t, box, visible}}, biases[] {layer, row, name, x, y, box, visible},
 * target {name, x, y, box}, loss {x, y, box}}. Boxes are {x, y, w, h} (top-left corner).
 */
export function layoutNetwork(sizes, width, height) {
  const m = metrics(sizes, width, height);
  const r = radiusFor(sizes, width, m);
  const cols = columns(sizes, width, m, r);
  const neurons = buildNeurons(sizes, m, cols, r, height);
  const out = neurons[sizes.length - 1][0];
  const targetBox = box(cols.targetX, out.y, cols.targetW, m.lineH * 2 + 4);
  const target = { name: 'y', x: cols.targetX, y: out.y, box: targetBox };
  const lossBox = { x: cols.targetX - cols.rightW / 2, y: targetBox.y + targetBox.h + 3, w: cols.rightW, h: m.lineH * 2 };
  const loss = { x: cols.targetX, y: lossBox.y + m.lineH / 2, box: lossBox };
  const fixed = [targetBox, lossBox, ...neurons.flat().map((n) => box(n.x, n.y, n.r * 2 + 2, n.r * 2 + 2))];
  const maxZ = m.compact ? MAX_Z_LABELS.compact : MAX_Z_LABELS.wide;
  for (const n of neurons.flat()) {
    n.zVisible = sizes[n.layer] <= maxZ && inside(n.zBox, width, height, m.header) && !fixed.some((o) => overlaps(n.zBox, o));
    if (n.zVisible) fixed.push(n.zBox);
  }
  const { biases, edges, mv, variant } = bestLabels(sizes, neurons, fixed, m, width, height);
  const dense = isDense(sizes);
  if (dense) hideNumbers(edges, biases);
  return {
    dense,
    width, height, sizes: sizes.slice(), compact: m.compact, fontSize: m.fontSize, lineH: m.lineH,
    labelLines: mv.labelLines, labelW: mv.labelW, labelNames: variant.names, header: m.header,
    neurons, edges, biases, target, loss,
  };
}

function inBox(b, x, y) {
  return Boolean(b) && x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
}

function distanceToSegment(px, py, e) {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  const len2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((px - e.x1) * dx + (py - e.y1) * dy) / len2));
  return Math.hypot(px - (e.x1 + t * dx), py - (e.y1 + t * dy));
}

function neuronSelection(n) {
  return n.kind === 'input' ? makeSelection('input', { index: n.index }) : makeSelection('neuron', { layer: n.layer, index: n.index });
}

/** The selection under the point (x, y) of the layout, or null. */
export function hitTest(layout, x, y) {
  if (!layout) return null;
  if (inBox(layout.target.box, x, y)) return makeSelection('target');
  for (const col of layout.neurons) {
    for (const n of col) if (Math.hypot(x - n.x, y - n.y) <= n.r + 2) return neuronSelection(n);
  }
  for (const b of layout.biases) if (b.visible && inBox(b.box, x, y)) return makeSelection('bias', { layer: b.layer, row: b.row });
  for (const e of layout.edges) {
    if (e.label.visible && inBox(e.label.box, x, y)) return makeSelection('weight', { layer: e.layer, row: e.row, col: e.col });
  }
  let best = null;
  for (const e of layout.edges) {
    const d = distanceToSegment(x, y, e);
    if (d <= 5 && (!best || d < best.d)) best = { d, e };
  }
  return best ? makeSelection('weight', { layer: best.e.layer, row: best.e.row, col: best.e.col }) : null;
}
