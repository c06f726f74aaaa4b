// layout.js — owns where everything of the network picture goes: neurons, the
// target box, edges with their label anchors (placed so labels never overlap),
// bias labels, the read-outs above the neurons, each box sized for numbers at the
// chosen precision in text of at least 11 px (the hotspots over the picture map a
// point back to what is under it). Pure: no DOM, no canvas. Units are CSS pixels.

import { neuronName, paramName, nameText, symbols, textWidth, numberWidth } from './format.js';

/** A selection object with every key present (null when unused). */
export function makeSelection(what, { layer = null, row = null, col = null, index = null } = {}) {
  return { what, layer, row, col, index };
}

/** The smallest text the picture writes, in CSS px (the floor: 11). */
export const MIN_FONT_PX = 11;

/** How far the focus ring reaches outside a hotspot (network.css: a 2 px outline 1 px off the box,
 * over a 4 px halo). The canvas's box (.bp-network) clips what passes the canvas, so every hotspot,
 * its editor, and a selected label (whose hotspot takes its drawn box) keep this room from the edges. */
export const FOCUS_RING_PX = 4;

/** Room left of a label's text for its move arrow and the arrow's +/− glyph (phones: the arrow alone). */
export const ARROW_W = { wide: 18, compact: 9 };

/** The widths of the numbers at this precision: a value (bold), a change or gradient line. */
function numberWidths(precision, fontSize) {
  const small = MIN_FONT_PX;
  const signed = numberWidth(precision, small, { signed: true });
  return { value: numberWidth(precision, fontSize, { bold: true }),
    change: textWidth('∇\u2009', small) + signed, signed };
}

/** Sizes, fonts and margins for a canvas of this size, with numbers at `precision`. */
function metrics(sizes, width, height, precision) {
  const compact = width < 440 || height < 240;
  const fontSize = MIN_FONT_PX;
  const lineH = Math.round(fontSize * 1.2);
  const header = lineH + 6;
  const bandH = (height - header - 4) / Math.max(...sizes);
  const widths = numberWidths(precision, fontSize);
  const arrowW = compact ? ARROW_W.compact : ARROW_W.wide;
  return { compact, fontSize, small: MIN_FONT_PX, lineH, arrowW, header, bandH, precision, widths, ...rightColumn(fontSize, widths, width) };
}

/** The target box and the loss under it: their width, and whether "L = …" and "∂L/∂ŷ …" fit on one line. */
function rightColumn(fontSize, widths, width) {
  const valueW = widths.value + 6;
  const lossInlineW = textWidth('L = ', fontSize, true) + widths.value + 6;
  const gradInlineW = textWidth('∂L/∂ŷ ', MIN_FONT_PX) + widths.signed + 6;
  let rightW = Math.max(valueW, widths.signed + 4);
  if (width >= 520) rightW = Math.max(rightW, lossInlineW);
  if (width >= 600) rightW = Math.max(rightW, gradInlineW);
  return { rightW, lossInline: lossInlineW <= rightW, gradInline: gradInlineW <= rightW };
}

/** Horizontal positions of the columns and of the target box. */
function columns(sizes, width, m, r) {
  const L = sizes.length - 1;
  const left = r + 3;
  const outX = width - 5 - m.rightW - Math.max(12, r * 0.9) - r;
  const step = (outX - left) / L;
  const xs = sizes.map((_, k) => left + k * step);
  return { xs, step, targetX: width - 5 - m.rightW / 2 };
}

/** The circles' radius: room for the activation's number inside when the spacing allows it. */
function radiusFor(sizes, width, m, grow) {
  const L = sizes.length - 1;
  const roughStep = (width - 120) / L;
  const base = Math.max(7, Math.min(24, m.bandH * 0.3, roughStep * (m.compact ? 0.14 : 0.17)));
  if (!grow) return base;
  const forValue = m.widths.value / 2 + 2;
  return Math.max(base, Math.min(forValue, m.bandH * 0.3, roughStep * 0.3));
}

function box(cx, cy, w, h) {
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

/** Room between two weight or bias labels: network-labels.js draws each one's background and
 * outline 1 px outside its box, so boxes merely apart drew over each other, and a column of them
 * (eight edges into a wide layer) read as one table of numbers. At 2 px the outlines may meet but
 * never cover each other (more room dropped labels of the 2–2–1 on a phone). A label without this
 * room is not drawn; its hotspot stays, and selecting it draws it. */
export const LABEL_GAP_PX = 2;

function overlaps(a, b, pad = 0) {
  return a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
}

function inside(b, width, height, top) {
  return b.x >= 1 && b.y >= top && b.x + b.w <= width - 1 && b.y + b.h <= height - 1;
}

/**
 * What a neuron writes above its circle. When its activation fits inside the circle at the chosen
 * precision: z with its name (z₁ −0.1234), or an input's name. When it does not (small circles,
 * many decimals): the activation itself, the name going inside the circle (z stays in the math
 * panel and on the hotspot).
 */
function aboveText(sizes, k, i, inside) {
  if (!inside) return { above: 'value', label: '' };
  if (k === 0) return { above: 'name', label: neuronName(sizes, 0, i) };
  return { above: 'z', label: nameText(symbols(sizes).z(k, i)) };
}

function aboveWidth(m, above, label) {
  if (above === 'name') return textWidth(label, m.fontSize) + 6;
  if (above === 'value') return m.widths.value + 6;
  return textWidth(`${label} `, m.fontSize) + m.widths.value + 4;
}

/** Build the neuron columns, each neuron with its read-out box above the circle. */
function buildNeurons(sizes, m, cols, r, width, height) {
  const top = m.header;
  const availH = height - top - 4;
  const inside = m.widths.value + 4 <= 2 * r;
  return sizes.map((n, k) => {
    const band = availH / n;
    return Array.from({ length: n }, (_, i) => {
      const x = cols.xs[k];
      const y = top + band * (i + 0.5);
      const kind = k === 0 ? 'input' : k === sizes.length - 1 ? 'output' : 'hidden';
      const name = neuronName(sizes, k, i);
      const { above, label } = aboveText(sizes, k, i, inside);
      const zW = aboveWidth(m, above, label);
      const xs = kind === 'output' ? [x + r * 0.6, x, x + r * 0.6 - zW / 2] : kind === 'hidden' ? [x + r * 0.6 - zW / 2, x, x - r * 0.6 + zW / 2] : [x];
      // an input's box, at the left edge, slides right into the canvas
      const zBoxes = xs.map((cx) => box(cx, y - r - 2 - m.lineH / 2, zW, m.lineH))
        .map((b) => ({ ...b, x: Math.min(Math.max(1, b.x), width - 1 - zW) }));
      return { layer: k, index: i, kind, name, x, y, r, inside, above, zLabel: label, zBox: zBoxes[0], zBoxes };
    });
  });
}

function buildBiases(sizes, neurons, m) {
  const h = m.lineH * m.labelLines;
  const biases = [];
  for (let l = 0; l < sizes.length - 1; l += 1) {
    neurons[l + 1].forEach((n, i) => {
      const name = paramName(sizes, 'bias', l, i);
      const w = labelWidth(m, m.compact && !m.names ? 0 : textWidth(`${name} `, m.small)); // phones: the number alone, unless names fit
      const x = n.kind === 'hidden' ? n.x + n.r * 0.8 - w / 2 : n.x;
      const y = n.y + n.r + 4 + h / 2;
      biases.push({ layer: l, row: i, name, x, y, box: box(x, y, w, h), visible: true, output: n.kind === 'output' });
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

/** A label's width: the arrow's room, then the widest line (the value with its name, or a change). */
function labelWidth(m, nameW) {
  const text = Math.max(m.widths.value + nameW, m.labelLines > 1 ? m.widths.change : 0);
  return Math.ceil(m.arrowW + text + 2);
}

/** A box moved (not resized) to lie inside the canvas, below the header. */
function clampBox(b, width, height, top) {
  const x = Math.min(Math.max(1, b.x), width - 1 - b.w);
  const y = Math.min(Math.max(top, b.y), height - 1 - b.h);
  return { x, y, w: b.w, h: b.h };
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
];

/** Whether a label's box `b` has room: in the canvas, clear of the fixed boxes (circles, read-outs,
 * target), and LABEL_GAP_PX from every label placed so far. */
function hasRoom(b, fixed, labels, width, height, m) {
  return inside(b, width, height, m.header) && !fixed.some((o) => overlaps(b, o))
    && !labels.some((o) => overlaps(b, o, LABEL_GAP_PX));
}

/** Greedy placement with one strategy: the first point along each edge whose box has room. */
function greedyLabels(edges, fixed, biasBoxes, m, width, height, prefer, sizes) {
  const h = m.lineH * m.labelLines;
  const placed = biasBoxes.slice();
  const labels = new Map();
  const dense = (e) => sizes[e.layer] * sizes[e.layer + 1] > MAX_LABELLED_EDGES;
  const order = edges.filter((e) => !dense(e)).sort((a, b) => Math.abs(a.y2 - a.y1) - Math.abs(b.y2 - b.y1));
  for (const e of order) {
    const pref = prefer(e);
    const ts = T_GRID.slice().sort((a, b) => Math.abs(a - pref) - Math.abs(b - pref));
    // Centred on the edge first; else nudged up or down, the edge still crossing the label (0.45 < ½).
    const spots = [0, -0.3, 0.3, -0.45, 0.45].flatMap((dy) => ts.map((t) => [t, dy * h]));
    let chosen = null;
    for (const [t, dy] of spots) {
      const cx = e.x1 + (e.x2 - e.x1) * t;
      const cy = e.y1 + (e.y2 - e.y1) * t + dy;
      const b = box(cx, cy, m.labelW, h);
      if (hasRoom(b, fixed, placed, width, height, m)) {
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
function placeEdgeLabels(edges, fixed, biasBoxes, m, width, height, sizes, hidden) {
  let best = new Map();
  let bestCount = -1;
  const strategies = hidden ? [] : edges.length > 40 ? STRATEGIES.slice(0, 2) : STRATEGIES;
  for (const prefer of strategies) {
    const labels = greedyLabels(edges, fixed, biasBoxes, m, width, height, prefer, sizes);
    const count = [...labels.values()].filter(Boolean).length;
    if (count > bestCount) {
      best = labels;
      bestCount = count;
    }
    if (count === edges.length) break;
  }
  const h = m.lineH * m.labelLines;
  for (const e of edges) {
    // Hidden, yet drawn on top while selected: keep even that box inside the canvas.
    const b = clampBox(box((e.x1 + e.x2) / 2, (e.y1 + e.y2) / 2, m.labelW, h), width, height, m.header);
    e.label = best.get(e) || { x: b.x + b.w / 2, y: b.y + b.h / 2, t: 0.5, box: b, visible: false };
  }
}

/** Where a bias label may go, in order: under its neuron, slid left (or right), a line lower, or up beside
 * the circle at its lower left (at the bottom of the canvas). */
const BIAS_SHIFTS = [[0, 0], [0.25, 0], [0.5, 0], [-0.25, 0], [-0.5, 0], [0, 1], [0.25, 1], [0.5, 1], [-0.25, 1], [-0.5, 1], [0.75, -1], [0.75, -2], [1, -2]];
/** The output's bias starts a line lower: the edges into the output arrive just above it. */
const OUTPUT_BIAS_SHIFTS = [[0, 1], [0, 0], [0.25, 1], [0.25, 0], [0.5, 1], [0.5, 0], [0, 2]];

/** Keep only bias labels that fit and collide with nothing seen so far; a label that does not
 * fit under its neuron's centre may slide left (the output's, away from the loss box). */
function settleBiases(biases, fixed, m, width, height, hidden) {
  const placed = [];
  const fits = (bx) => hasRoom(bx, fixed, placed, width, height, m);
  for (const b of biases) {
    const shifts = b.output ? OUTPUT_BIAS_SHIFTS : BIAS_SHIFTS;
    const shift = hidden ? null : shifts.map(([kx, ky]) => ({ ...b.box, x: b.box.x - kx * b.box.w, y: b.box.y + ky * m.lineH })).find(fits);
    b.visible = Boolean(shift);
    const to = shift || clampBox(b.box, width, height, m.header); // a hidden one is drawn only while selected
    b.x += to.x - b.box.x;
    b.y += to.y - b.box.y;
    b.box = to;
    if (shift) placed.push(shift);
  }
}

/** Label styles from richest to plainest: with names, 3 lines (value, Δ, ∇), fewer lines. A phone
 * tries names too: where they fit, a student tells w₁₂ from w₂₁ without selecting each. */
const VARIANTS = {
  wide: [{ names: true, lines: 3 }, { names: false, lines: 3 }, { names: false, lines: 2 }, { names: false, lines: 1 }],
  compact: [{ names: true, lines: 2 }, { names: false, lines: 2 }, { names: true, lines: 1 }, { names: false, lines: 1 }],
};

/** Place bias and edge labels in one style; count how many found room. */
function placeLabels(sizes, neurons, fixed, m, width, height, variant, hidden = false) {
  const names = variant.names ? Math.max(...buildEdges(sizes, neurons).map((e) => textWidth(`${e.name} `, m.small))) : 0;
  const mv = { ...m, labelLines: variant.lines, names: variant.names };
  mv.labelW = labelWidth(mv, names);
  const biases = buildBiases(sizes, neurons, mv);
  settleBiases(biases, fixed, mv, width, height, hidden);
  const edges = buildEdges(sizes, neurons);
  placeEdgeLabels(edges, fixed, biases.filter((b) => b.visible).map((b) => b.box), mv, width, height, sizes, hidden);
  const shown = biases.filter((b) => b.visible).length + edges.filter((e) => e.label.visible).length;
  return { biases, edges, shown, total: biases.length + edges.length, mv, variant };
}

/** The richest label style that fits everything, else the one that shows the most. */
function bestLabels(sizes, neurons, fixed, m, width, height) {
  let best = null;
  const variants = m.compact ? VARIANTS.compact : VARIANTS.wide;
  const edgeCount = sizes.slice(1).reduce((sum, n, l) => sum + n * sizes[l], 0);
  // A dense network shows no parameter numbers (isDense): its labels are not even tried.
  if (isDense(sizes)) return placeLabels(sizes, neurons, fixed, m, width, height, variants[variants.length - 1], true);
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

function targetAndLoss(out, m, cols) {
  const targetBox = box(cols.targetX, out.y, m.rightW, m.lineH * 2 + 4);
  const target = { name: 'y', x: cols.targetX, y: out.y, box: targetBox };
  const lines = (m.lossInline ? 1 : 2) + (m.gradInline ? 1 : 2);
  const lossBox = { x: cols.targetX - m.rightW / 2, y: targetBox.y + targetBox.h + 3, w: m.rightW, h: m.lineH * lines };
  const loss = { x: cols.targetX, y: lossBox.y + m.lineH / 2, box: lossBox, inline: m.lossInline, gradInline: m.gradInline };
  return { target, loss };
}

/**
 * Lay out a network of the given sizes on a width × height canvas, its numbers written with
 * `precision` decimals (every box is sized for them). Returns {dense, width, height, sizes,
 * precision, compact, fontSize, small, lineH, labelLines, labelW, labelNames, header,
 * neurons[k][i] {layer, index, kind, name, x, y, r, inside, above, zLabel, zBox, zVisible, roomy,
 * nameInside}, edges[] {layer, row, col, name, x1, y1, x2, y2, label {x, y, t, box,
 * visible}}, biases[] {layer, row, name, x, y, box, visible}, target {name, x, y, box},
 * loss {x, y, box, inline, gradInline}}. Boxes are {x, y, w, h} (top-left corner); a label's box
 * begins with arrowW px for its move arrow. `inside`: the activation fits in its circle; zBox, above
 * it, holds `above`: 'z' (zLabel and z), 'name' (an input's) or 'value' (the activation). Text is never smaller than MIN_FONT_PX.
 */
export function layoutNetwork(sizes, width, height, { precision = 4 } = {}) {
  const m = metrics(sizes, width, height, precision);
  const plain = arrange(sizes, width, height, m, false);
  if (m.compact || plain.neurons[0][0].inside) return plain;
  const grown = arrange(sizes, width, height, m, true);
  return better(plain, grown) ? plain : grown;
}

/** layoutNetwork remembering its last answer (a layout depends on the sizes, the canvas and the
 * precision, not on the numbers): the caller holds the memory. */
export function rememberLayout() {
  let last = null;
  return (sizes, width, height, precision) => {
    const key = `${sizes}|${width}|${height}|${precision}`;
    if (last?.key !== key) last = { key, layout: layoutNetwork(sizes, width, height, { precision }) };
    return last.layout;
  };
}

/** More labels shown wins, then the richer label style; a tie keeps the activations inside. */
function better(a, b) {
  if (a.shownCount !== b.shownCount) return a.shownCount > b.shownCount;
  return a.variantRank < b.variantRank;
}

/** One arrangement: circles grown to hold their activation (grow) or not. */
function arrange(sizes, width, height, m, grow) {
  const r = radiusFor(sizes, width, m, grow);
  const cols = columns(sizes, width, m, r);
  const neurons = buildNeurons(sizes, m, cols, r, width, height);
  const { target, loss } = targetAndLoss(neurons[sizes.length - 1][0], m, cols);
  const fixed = [target.box, loss.box, ...neurons.flat().map((n) => box(n.x, n.y, n.r * 2 + 2, n.r * 2 + 2))];
  const maxZ = m.compact ? MAX_Z_LABELS.compact : MAX_Z_LABELS.wide;
  for (const n of neurons.flat()) {
    n.roomy = n.inside && n.kind !== 'input' && n.r * 0.66 >= m.fontSize + 1;
    n.nameInside = !n.inside && textWidth(n.name, m.fontSize) + 4 <= 2 * n.r;
    const free = n.zBoxes.find((b) => inside(b, width, height, m.header) && !fixed.some((o) => overlaps(b, o)));
    n.zVisible = sizes[n.layer] <= maxZ && Boolean(free);
    if (free) n.zBox = free;
    delete n.zBoxes;
    if (n.zVisible) fixed.push(n.zBox);
  }
  const { biases, edges, mv, variant, shown } = bestLabels(sizes, neurons, fixed, m, width, height);
  const dense = isDense(sizes);
  if (dense) hideNumbers(edges, biases);
  return {
    dense, width, height, sizes: sizes.slice(), precision: m.precision, compact: m.compact, fontSize: m.fontSize,
    small: m.small, lineH: m.lineH, arrowW: m.arrowW, labelLines: mv.labelLines, labelW: mv.labelW,
    labelNames: variant.names, header: m.header, neurons, edges, biases, target, loss,
    shownCount: shown, variantRank: VARIANTS.wide.indexOf(variant) + VARIANTS.compact.indexOf(variant) + 1,
  };
}
