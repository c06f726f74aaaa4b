// focus-keeper: where the keyboard focus goes when a render disables the control holding it.
// A disabled control cannot keep the focus: the browser drops it to <body>, and a keyboard or
// screen-reader user loses their place (undoing back to the start disables "Passo anterior" under
// their Enter key; a lost connection disables every action). The focus moves to the nearest
// control that still works.

/** A control's preferred heir, where the nearest one in the page would not be the sensible one. */
const HEIRS = {
  bp_undo: 'bp_next', // undone to the start: stepping forward again is what is left to do
};

const CONTROLS = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/** Whether `node` can take the focus now. */
export function canHoldFocus(node) {
  if (!node || !node.isConnected || node.disabled) return false;
  return node.checkVisibility ? node.checkVisibility() : !node.hidden;
}

/**
 * `items` ordered by distance from position `from` (which is left out): the next one, then the
 * one before, and so on outwards, as Tab would reach them first.
 */
export function byNearness(items, from) {
  const order = [];
  for (let d = 1; d < items.length; d += 1) {
    if (from + d < items.length) order.push(items[from + d]);
    if (from - d >= 0) order.push(items[from - d]);
  }
  return order;
}

/** The control to take over from `lost`: its heir, else the nearest working control around it,
 * looked for in ever wider containers. Null when there is none. */
export function heirOf(lost) {
  const heir = HEIRS[lost.id] && lost.ownerDocument.getElementById(HEIRS[lost.id]);
  if (canHoldFocus(heir)) return heir;
  for (let box = lost.parentElement; box; box = box.parentElement) {
    const controls = [...box.querySelectorAll(CONTROLS)];
    const found = byNearness(controls, controls.indexOf(lost)).find(canHoldFocus);
    if (found) return found;
  }
  return null;
}

/**
 * After a render: if `focused` (the focus before it) was disabled and the focus fell to nothing,
 * give it to its heir. A focus the student had put elsewhere is never taken. A control hidden
 * under the focus is left alone: its nearest neighbour in the page may be a screenful away.
 */
export function keepFocus(doc, focused) {
  if (!focused?.isConnected || !focused.disabled) return;
  const now = doc.activeElement;
  if (now && now !== doc.body && now !== focused) return;
  heirOf(focused)?.focus();
}
