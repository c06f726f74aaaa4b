// Tests for architecture.js: what each + and − button asks for, within the table's bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { architectureActions } from '../../static/js/architecture.js';
import { CATALOG } from './catalog.mjs';

const entry = CATALOG.settings.find((s) => s.key === 'hidden');
const byKey = (actions) => Object.fromEntries(actions.map((a) => [a.key, a]));

test('the table allows no hidden layer up to six of eight units', () => {
  assert.deepEqual([entry.min_layers, entry.max_layers, entry.min, entry.max], [0, 6, 1, 8]);
});

test('2–2–1: add a layer, remove the layer, one unit more or fewer', () => {
  const a = byKey(architectureActions([2], entry));
  assert.deepEqual(a['layer+'].hidden, [2, 2]);
  assert.deepEqual(a['layer-'].hidden, []);
  assert.deepEqual(a['units0+'].hidden, [3]);
  assert.deepEqual(a['units0-'].hidden, [1]);
  assert.ok(Object.values(a).every((action) => !action.disabled));
  assert.deepEqual(a.layers.params, { n: 1 });
});

test('the single neuron can only grow a layer; the largest network only shrink', () => {
  const none = byKey(architectureActions([], entry));
  assert.equal(none['layer-'].disabled, true);
  assert.deepEqual(none['layer+'].hidden, [2]);
  assert.equal(Object.keys(none).length, 3);
  const full = byKey(architectureActions([8, 8, 8, 8, 8, 8], entry));
  assert.equal(full['layer+'].disabled, true);
  for (let i = 0; i < 6; i += 1) assert.equal(full[`units${i}+`].disabled, true);
  assert.deepEqual(full['units5-'].hidden, [8, 8, 8, 8, 8, 7]);
  const ones = byKey(architectureActions([1], entry));
  assert.equal(ones['units0-'].disabled, true);
});

test('the −, count and + of a layer share a group, the layer buttons another', () => {
  const groups = architectureActions([2, 3], entry).map((a) => `${a.group}:${a.key}`);
  assert.deepEqual(groups, [
    'layers:layer-', 'layers:layers', 'layers:layer+',
    'units0:units0-', 'units0:units0', 'units0:units0+',
    'units1:units1-', 'units1:units1', 'units1:units1+',
  ]);
});
