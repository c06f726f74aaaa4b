// hotspots.js — owns the focusable overlay of the network picture: one transparent
// <button> over every weight, bias, neuron, input x and the target y, with an
// accessible name ("Peso w₁₂", format.js names it), selection on click/Enter/Space, an in-place
// <input> to edit a value (unless the page's `controls=` leaves out `edit`), and arrow-key
// movement between hotspots (one tab stop).
// hotspotItems is pure; createHotspots(container, handlers) returns the overlay of one
// container, whose sync() reuses its elements (keyed) on every call.

import { editableNumber, formatNumber, selectionKey, sameSelection, selectionName, writtenValue } from './format.js';
import { FOCUS_RING_PX, makeSelection } from './layout.js';
import { shownExample } from './shown-example.js';

const TEXT = {
  'pt-BR': {
    weight: 'Peso', bias: 'Viés', neuron: 'Neurônio', input: 'Entrada', target: 'Alvo',
    newValue: (name) => `Novo valor de ${name}`, group: 'Rede: pesos, vieses, neurônios, entradas e alvo (setas para navegar)',
    learned: 'exemplo já treinado: edite depois do próximo forward',
  },
  en: {
    weight: 'Weight', bias: 'Bias', neuron: 'Neuron', input: 'Input', target: 'Target',
    newValue: (name) => `New value of ${name}`, group: 'Network: weights, biases, neurons, inputs and target (arrow keys to move)',
    learned: 'example already learned: edit it after the next forward',
  },
};

const MIN_SIZE = 24;
const EDITABLE = new Set(['weight', 'bias', 'input', 'target']);
const OF_EXAMPLE = new Set(['input', 'target']);

function strings(lang) {
  return TEXT[lang] || TEXT['pt-BR'];
}

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
  const t = strings(options.lang);
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

// ── DOM ──────────────────────────────────────────────────────────────────

function place(el, box, geometry) {
  el.style.left = `${geometry.x + box.x * geometry.scale}px`;
  el.style.top = `${geometry.y + box.y * geometry.scale}px`;
  el.style.width = `${box.w * geometry.scale}px`;
  el.style.height = `${box.h * geometry.scale}px`;
}

/** Where the canvas sits in the container, and its CSS size over the layout's size; null before it has a size. */
function canvasGeometry(container, layout) {
  const canvas = container.querySelector('canvas');
  if (!canvas || !canvas.clientWidth) return null;
  return { x: canvas.offsetLeft, y: canvas.offsetTop, scale: canvas.clientWidth / layout.width };
}

function buttonFor(layer, item) {
  let button = layer.querySelector(`:scope > button[data-key="${item.key}"]`);
  if (!button) {
    button = layer.ownerDocument.createElement('button');
    button.type = 'button';
    button.className = 'bp-hotspot';
    button.dataset.key = item.key;
    layer.appendChild(button);
  }
  return button;
}

/** The editor's box: wide enough to type in, centred on its hotspot, and inside the canvas like the
 * hotspots (past the edge it was clipped, and focusing it scrolled the whole picture aside). */
function editBox(box, layout) {
  const w = Math.max(box.w, 92);
  const h = Math.max(26, Math.min(box.h, 30));
  return keptInside({ x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h }, layout, FOCUS_RING_PX);
}

/** Remove the editor; with refocus, give focus back to its hotspot. */
function closeEditor(layer, refocus) {
  const input = layer.querySelector(':scope > input.bp-hotspot-edit:not([data-closing])');
  if (!input) return;
  const key = input.dataset.key;
  input.dataset.closing = 'true';
  input.remove();
  if (refocus) layer.querySelector(`:scope > button[data-key="${key}"]`)?.focus();
}

const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

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

/**
 * The hotspot overlay of `container` (the canvas's positioned wrapper). handlers:
 * {onSelect(sel|null), onEdit(sel, text), onLearned(sel)} (onLearned: a click on x or y of an
 * example already learned). Returns {sync(layout, state, options)}, which creates, updates or
 * removes the buttons; options: {precision, selection, lang}. All memory (the current items, the
 * key holding the tab stop) lives in this object, owned by the caller.
 */
export function createHotspots(container, handlers = {}) {
  const mem = { items: [], byKey: new Map(), options: {}, layout: null, geometry: { x: 0, y: 0, scale: 1 },
    geometryOf: null, tabKey: null };
  let layer = null;

  function ensureLayer(lang) {
    if (!layer) {
      layer = container.ownerDocument.createElement('div');
      layer.className = 'bp-hotspots';
      layer.setAttribute('role', 'group');
      layer.addEventListener('click', onLayerClick);
      layer.addEventListener('keydown', onLayerKey);
      layer.addEventListener('focusin', onLayerFocus);
      layer.addEventListener('pointerover', onLayerHover);
      layer.addEventListener('pointerleave', () => handlers.onHover?.(null));
      container.appendChild(layer);
    }
    layer.setAttribute('aria-label', strings(lang).group);
    return layer;
  }

  function select(sel) {
    if (!sameSelection(sel, mem.options.selection)) handlers.onSelect?.(sel);
  }

  function onLayerClick(ev) {
    if (ev.target === layer) {
      closeEditor(layer, false);
      handlers.onSelect?.(null);
      return;
    }
    const button = ev.target.closest('button.bp-hotspot');
    const item = button && mem.byKey.get(button.dataset.key);
    if (!item) return;
    mem.tabKey = item.key;
    select(item.sel);
    if (item.editable) openEditor(item);
    else if (item.learned) handlers.onLearned?.(item.sel);
  }

  /** The pointer over a hotspot names its item (the unit map shows a hovered neuron). */
  function onLayerHover(ev) {
    const button = ev.target.closest && ev.target.closest('button.bp-hotspot');
    const item = button && mem.byKey.get(button.dataset.key);
    handlers.onHover?.(item ? item.sel : null);
  }

  /** A hotspot reached from the keyboard selects its item, so Tab and the arrows show its chain. */
  function onLayerFocus(ev) {
    const button = ev.target.closest && ev.target.closest('button.bp-hotspot');
    const item = button && mem.byKey.get(button.dataset.key);
    if (!item || !button.matches(':focus-visible')) return;
    mem.tabKey = item.key;
    select(item.sel);
  }

  function openEditor(item) {
    closeEditor(layer, false);
    const input = layer.ownerDocument.createElement('input');
    input.type = 'text';
    input.inputMode = 'decimal';
    input.className = 'bp-hotspot-edit';
    input.dataset.key = item.key;
    input.value = editableNumber(writtenValue(item.value, mem.options.precision ?? 4), mem.options.lang);
    input.dataset.initial = input.value;
    input.setAttribute('aria-label', strings(mem.options.lang).newValue(item.name));
    input.autocomplete = 'off';
    input.spellcheck = false;
    place(input, editBox(item.box, mem.layout), mem.geometry);
    input.addEventListener('keydown', (ev) => onEditorKey(item, ev));
    input.addEventListener('blur', () => closeEditor(layer, false));
    layer.appendChild(input);
    input.focus();
    input.select();
  }

  function onEditorKey(item, ev) {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      const { value, dataset } = ev.currentTarget;
      closeEditor(layer, true);
      if (value.trim() !== dataset.initial) handlers.onEdit?.(item.sel, value);
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      closeEditor(layer, true);
    }
  }

  function onLayerKey(ev) {
    const button = ev.target.closest && ev.target.closest('button.bp-hotspot');
    const item = button && mem.byKey.get(button.dataset.key);
    if (!item) return;
    let next = null;
    if (DIRECTIONS[ev.key]) next = nearestInDirection(mem.items, item, DIRECTIONS[ev.key]);
    else if (ev.key === 'Home') next = mem.items[0];
    else if (ev.key === 'End') next = mem.items[mem.items.length - 1];
    else if (ev.key === 'Escape' && mem.options.selection) {
      ev.preventDefault();
      handlers.onSelect?.(null);
      return;
    } else return;
    ev.preventDefault();
    if (!next) return;
    const target = layer.querySelector(`:scope > button[data-key="${next.key}"]`);
    if (!target) return;
    button.tabIndex = -1;
    target.tabIndex = 0;
    mem.tabKey = next.key;
    target.focus();
  }

  function sync(layout, state, options = {}) {
    ensureLayer(options.lang);
    const items = hotspotItems(layout, state, options);
    const byKey = new Map(items.map((item) => [item.key, item]));
    Object.assign(mem, { items, byKey, options, layout });
    // Reading the canvas's place forces the page's layout in the middle of a render: once per layout
    // is enough (a new size makes a new layout; nothing else moves the canvas in its box).
    if (mem.geometryOf !== layout) {
      const geometry = canvasGeometry(container, layout);
      Object.assign(mem, { geometry: geometry ?? { x: 0, y: 0, scale: 1 }, geometryOf: geometry ? layout : null });
    }
    for (const old of layer.querySelectorAll(':scope > button.bp-hotspot')) if (!byKey.has(old.dataset.key)) old.remove();
    const selectedKey = options.selection ? selectionKey(options.selection) : null;
    const tabKey = [mem.tabKey, selectedKey].find((k) => k && byKey.has(k)) || items[0]?.key;
    for (const item of items) {
      const button = buttonFor(layer, item);
      button.setAttribute('aria-label', item.label);
      button.title = item.title;
      button.setAttribute('aria-pressed', String(item.key === selectedKey));
      // A parameter whose label has no room keeps its hotspot, under those of the labels drawn.
      button.classList.toggle('bp-hotspot--under', item.under);
      // The selected label is drawn over its neighbours: its hotspot lies over theirs too, so a click
      // on the number being edited edits it. Only the stacking changes: the DOM order, which is the
      // reading order, stays.
      button.classList.toggle('bp-hotspot--on-top', item.onTop);
      button.tabIndex = item.key === tabKey ? 0 : -1;
      place(button, item.box, mem.geometry);
    }
    const editor = layer.querySelector(':scope > input.bp-hotspot-edit');
    const edited = editor && byKey.get(editor.dataset.key);
    if (edited?.editable) place(editor, editBox(edited.box, layout), mem.geometry);
    else if (editor) editor.remove();
  }

  return { sync };
}
