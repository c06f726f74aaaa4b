// Tests for focus-keeper.js: who takes the focus from a control a render switched off, and that a
// focus the student put elsewhere is left alone (a fake row of buttons; the page's own in
// tests/test_page_aids.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byNearness, heirOf, keepFocus } from '../../static/js/focus-keeper.js';

/** A document with one row of buttons named by `ids`; doc.activeElement follows focus(). */
function buttonRow(ids) {
  const doc = { activeElement: null };
  doc.body = { id: '' };
  const row = { parentElement: null, querySelectorAll: () => buttons };
  const buttons = ids.map((id) => ({
    id, disabled: false, hidden: false, isConnected: true, parentElement: row, ownerDocument: doc,
    focus() { doc.activeElement = this; },
  }));
  doc.getElementById = (id) => buttons.find((b) => b.id === id) ?? null;
  return { doc, button: doc.getElementById };
}

test('nearest first, the next one before the one before', () => {
  assert.deepEqual(byNearness(['a', 'b', 'c', 'd', 'e'], 1), ['c', 'a', 'd', 'e']);
  assert.deepEqual(byNearness(['a'], 0), []);
});

test('"Passo anterior" hands the focus to "Próximo passo"; others to the nearest working control', () => {
  const { doc, button } = buttonRow(['bp_next', 'bp_auto', 'bp_undo', 'bp_reset', 'bp_share']);
  assert.equal(heirOf(button('bp_undo')).id, 'bp_next');
  button('bp_next').disabled = true;
  assert.equal(heirOf(button('bp_undo')).id, 'bp_reset', 'the heir switched off too: the nearest');
  for (const id of ['bp_auto', 'bp_undo', 'bp_reset']) button(id).disabled = true;
  assert.equal(heirOf(button('bp_next')).id, 'bp_share', 'offline, every action off: Compartilhar');
  assert.equal(doc.activeElement, null);
});

test('the focus moves only when it fell from the switched-off control', () => {
  const { doc, button } = buttonRow(['bp_next', 'bp_undo', 'bp_share']);
  const undo = button('bp_undo');
  undo.disabled = true;
  doc.activeElement = doc.body;
  keepFocus(doc, undo);
  assert.equal(doc.activeElement.id, 'bp_next');

  doc.activeElement = button('bp_share');
  keepFocus(doc, undo);
  assert.equal(doc.activeElement.id, 'bp_share', 'a focus elsewhere is not taken');

  doc.activeElement = doc.body;
  keepFocus(doc, doc.body);
  keepFocus(doc, button('bp_share'));
  assert.equal(doc.activeElement, doc.body, 'nothing focused before, or still working: nothing moves');

  button('bp_share').hidden = true;
  keepFocus(doc, button('bp_share'));
  assert.equal(doc.activeElement, doc.body, 'hidden, not disabled: left alone (its neighbour may be far)');
});
