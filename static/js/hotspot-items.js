// hotspot-items.js — owns what the hotspots over the network picture are, without the DOM:
// one item per weight, bias, neuron, input x and the target y, each with its selection, its
// accessible name ("Peso w₁₂", format.js names it), its title with the value, its box on the
// canvas (at least 24 px, its focus ring inside the canvas), whether it can be edited; the boxes
// of a value's editor and of the name over it; and which item an arrow key goes to. Pure: hotspots.js puts them on the page.

import { formatNumber, selectionKey, selectionName } from './format.js';
import { FOCUS_RING_PX, makeSelection } from './layout.js';
import { shownExample } from './shown-example.js';

const TEXT = {
  'pt-BR': {
    weight: 'Peso', bias: 'Viés', neuron: 'Neurônio', input: 'Entrada', target: 'Alvo',
    learned: 'exemplo já treinado: edite depois do próximo forward',
  },
  en: {
    weight: 'Weight', bias: 'Bias', neuron: 'Neuron', input: 'Input', target: 'Target',
    learned: 'example already learned: edit it after the next forward',
  },
};

const MIN_SIZE = 24;
const EDITABLE = new Set(['weight', 'bias', 'input', 'target']);
const OF_EXAMPLE = new Set(['input', 'target']);

/** A box grown to at least MIN_SIZE × MIN_SIZE around its centre. */
function targetBox(b) {
  const w = Math.max(MIN_SIZE, b.w);
  const h = Math.max(MIN_SIZE, b.h);
  return { x: b.x + b.w / 2 - w / 2, y: b.y + b.h / 2 - h / 2, w, h };
}

/** A box moved (not resized) to lie `edge` px inside the layout's canvas. */
function keptInside(b, layout, edge) {
  return { ...b, x: Math.min(Math.max(edge, b.x), layout.width - edge - b.w),
    y: Math.min(Math.max(edge, b.y), layout.height - edge - b.h) };
}

/** The number a hotspot shows: x and y are those drawn (the last forward's), see shown-example.js. */
function valueOf(state, sel, shown) {
  if (!state) return null;
  const pick = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  if (sel.what === 'weight') return pick(state.params?.W?.[sel.layer]?.[sel.row]?.[sel.col]);
  if (sel.what === 'bias') return pick(state.params?.b?.[sel.layer]?.[sel.row]);
  if (sel.what === 'input') return shown.x(sel.index);
  if (sel.what === 'target') return shown.y;
  return pick(state.forward?.a?.[sel.layer]?.[sel.index]);
}

function neuronItem(n) {
  const sel = n.kind === 'input' ? makeSelection('input', { index: n.index }) : makeSelection('neuron', { layer: n.layer, index: n.index });
  return { sel, box: { x: n.x - n.r, y: n.y - n.r, w: n.r * 2, h: n.r * 2 } };
}

/**
 * Every hotspot of a layout: [{key, sel, label, title, box, value, editable, learned, under, onTop}], in reading
 * order (column by column); onTop: the selected label, drawn over what it overlaps. Each box lies
 * FOCUS_RING_PX inside the canvas. x and y show the example drawn; right after an update that is the
 * example just learned, which a `set` can no longer change (`set` edits the example under way):
 * then they are not editable (learned: true) until the next forward starts. options: {precision,
 * lang, selection, selectedLabel (the box its label was drawn in: drawNetwork's), edit (false: a
 * teacher's `controls=` leaves out editing, so nothing is editable and nothing says "edit it later")}.
 * Pure.
 */
export function hotspotItems(layout, state, options = {}) {
  const t = TEXT[options.lang] || TEXT['pt-BR'];
  const sizes = layout.sizes;
  const shown = shownExample(state);
  const selectedKey = options.selection ? selectionKey(options.selection) : null;
  const canEdit = options.edit !== false;
  const raw = [];
  layout.neurons.forEach((col, k) => {
    if (k > 0) {
      for (const e of layout.edges) if (e.layer === k - 1) raw.push({ sel: makeSelection('weight', { layer: e.layer, row: e.row, col: e.col }), box: e.label.box, under: !e.label.visible });
      for (const b of layout.biases) if (b.layer === k - 1) raw.push({ sel: makeSelection('bias', { layer: b.layer, row: b.row }), box: b.box, under: !b.visible });
    }
    for (const n of col) raw.push(neuronItem(n));
  });
  raw.push({ sel: makeSelection('target'), box: layout.target.box });
  return raw.map(({ sel, box, under = false }) => {
    const key = selectionKey(sel);
    // The selected label is drawn wider than its layout box when its name and number need it: its
    // hotspot takes the box drawn, so the focus ring goes round the label and not through it.
    const drawn = key === selectedKey && options.selectedLabel ? options.selectedLabel : null;
    const name = selectionName(sizes, sel);
    const value = valueOf(state, sel, shown);
    const learned = canEdit && Boolean(state) && OF_EXAMPLE.has(sel.what) && !shown.underWay;
    const title = value === null ? name : `${name} = ${formatNumber(value, options.precision ?? 4, options.lang)}`;
    return {
      // Every hotspot keeps its focus ring's room from the canvas's edges, which clip what passes
      // them: a small input circle's box, grown to 24 px, would otherwise reach past the left edge.
      key, sel, box: keptInside(targetBox(drawn ?? box), layout, FOCUS_RING_PX), value, name,
      under: under && !drawn,
      onTop: Boolean(drawn),
      label: `${t[sel.what]} ${name}`,
      title: learned ? `${title} (${t.learned})` : title,
      editable: canEdit && EDITABLE.has(sel.what) && value !== null && !learned,
      learned,
    };
  });
}

/** The editor's box: wide enough to type in, centred on its hotspot, and inside the canvas like the
 * hotspots (past the edge it was clipped, and focusing it scrolled the whole picture aside). */
export function editBox(box, layout) {
  const w = Math.max(box.w, 92);
  const h = Math.max(26, Math.min(box.h, 30));
  return keptInside({ x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h }, layout, FOCUS_RING_PX);
}

/** The height of the name written over an open editor (network.css: .bp-hotspot-caption). */
export const CAPTION_H = 18;

/** Where the name of the value being edited is written: just above its editor (below it at the
 * canvas's top), as wide as it, inside the canvas. The editor covers the label it edits, and on a
 * phone the labels carry no names: a student tapping a weight saw only a number. */
export function captionBox(editor, layout) {
  const above = editor.y - FOCUS_RING_PX - CAPTION_H;
  const y = above >= 1 ? above : editor.y + editor.h + FOCUS_RING_PX;
  return keptInside({ x: editor.x, y, w: editor.w, h: CAPTION_H }, layout, 1);
}

/** Each arrow key and the direction it moves the focus in (canvas px: y grows downward). */
export const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

/** The item nearest to `from` in direction (dx, dy), favouring ones straight ahead. */
export function nearestInDirection(items, from, [dx, dy]) {
  const cx = (b) => b.x + b.w / 2;
  const cy = (b) => b.y + b.h / 2;
  let best = null;
  for (const item of items) {
    if (item === from) continue;
    const ax = cx(item.box) - cx(from.box);
    const ay = cy(item.box) - cy(from.box);
    const ahead = ax * dx + ay * dy;
    if (ahead <= 1) continue;
    const side = Math.abs(ax * dy - ay * dx);
    const score = ahead + side * 2.5;
    if (!best || score < best.score) best = { item, score };
  }
  return best ? best.item : null;
}
