// hotspots.js — owns the focusable overlay of the network picture: one transparent <button> over
// each item hotspot-items.js lists (every weight, bias, neuron, input x and the target y), selection
// on click/Enter/Space, an in-place <input> to edit a value (unless the page's `controls=` leaves
// out `edit`), and arrow-key movement between hotspots (one tab stop).
// createHotspots(container, handlers) returns the overlay of one container, whose sync() reuses
// its elements (keyed) on every call.

import { editableNumber, selectionKey, sameSelection, writtenValue } from './format.js';
import { hotspotItems, nearestInDirection, editBox, captionBox, DIRECTIONS } from './hotspot-items.js';

// They were this module's before the items had one of their own; importers still find them here.
export { hotspotItems, nearestInDirection } from './hotspot-items.js';

const TEXT = {
  'pt-BR': {
    newValue: (name) => `Novo valor de ${name}`, group: 'Rede: pesos, vieses, neurônios, entradas e alvo (setas para navegar)',
  },
  en: {
    newValue: (name) => `New value of ${name}`, group: 'Network: weights, biases, neurons, inputs and target (arrow keys to move)',
  },
};

function strings(lang) {
  return TEXT[lang] || TEXT['pt-BR'];
}

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

/** The editor's box and, over it, the box of the name of what it edits. */
function placeEditor(layer, editor, box, layout, geometry) {
  const at = editBox(box, layout);
  place(editor, at, geometry);
  const caption = layer.querySelector(':scope > .bp-hotspot-caption');
  if (caption) place(caption, captionBox(at, layout), geometry);
}

/** The name of the value being edited, shown (the input's accessible name already says it). */
function captionFor(layer, name) {
  const caption = layer.ownerDocument.createElement('span');
  caption.className = 'bp-hotspot-caption';
  caption.setAttribute('aria-hidden', 'true');
  const text = layer.ownerDocument.createElement('span');
  text.textContent = name;
  caption.appendChild(text);
  return caption;
}

/** Remove the editor and its name; with refocus, give focus back to its hotspot. */
function closeEditor(layer, refocus) {
  layer.querySelector(':scope > .bp-hotspot-caption')?.remove();
  const input = layer.querySelector(':scope > input.bp-hotspot-edit:not([data-closing])');
  if (!input) return;
  const key = input.dataset.key;
  input.dataset.closing = 'true';
  input.remove();
  if (refocus) layer.querySelector(`:scope > button[data-key="${key}"]`)?.focus();
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
    input.addEventListener('keydown', (ev) => onEditorKey(item, ev));
    input.addEventListener('blur', () => closeEditor(layer, false));
    layer.append(captionFor(layer, item.name), input);
    placeEditor(layer, input, item.box, mem.layout, mem.geometry);
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
    if (edited?.editable) placeEditor(layer, editor, edited.box, layout, mem.geometry);
    else if (editor) closeEditor(layer, false);
  }

  return { sync };
}
