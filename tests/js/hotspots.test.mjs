// Tests for hotspots.js (its pure parts): one hotspot per weight, bias, neuron, input and the
// target, with accessible names, values, edit permission, touch-size boxes, and arrow-key moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hotspotItems, nearestInDirection } from '../../static/js/hotspots.js';
import { layoutNetwork } from '../../static/js/layout.js';
import { xorAfterUpdate, xorSecondForward, XOR_EXAMPLE_2_UNDER_WAY } from './fixtures.mjs';

const state = {
  sizes: [2, 2, 1], example: { x: [0.05, 0.1], y: 0.01 },
  params: { W: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], b: [[0.35, 0.35], [0.6]] },
  forward: null,
  shown: { sample: 0, x: [0.05, 0.1], y: 0.01, y_hat: 0.7514, abs_error: 0.7414, under_way: true },
};

test('2–2–1: fifteen hotspots with the course names (pt-BR)', () => {
  const items = hotspotItems(layoutNetwork([2, 2, 1], 500, 300), state, { precision: 4 });
  const labels = items.map((i) => i.label);
  assert.equal(items.length, 6 + 3 + 3 + 2 + 1);
  for (const label of ['Peso w₁₂', 'Peso v₂', 'Viés b₁', 'Viés c', 'Neurônio a₁', 'Neurônio ŷ', 'Entrada x₁', 'Entrada x₂', 'Alvo y']) {
    assert.ok(labels.includes(label), label);
  }
  assert.equal(new Set(items.map((i) => i.key)).size, items.length, 'keys are unique');
});

test('English names', () => {
  const labels = hotspotItems(layoutNetwork([2, 2, 1], 500, 300), state, { lang: 'en' }).map((i) => i.label);
  for (const label of ['Weight w₁₂', 'Bias b₁', 'Neuron a₁', 'Input x₁', 'Target y']) assert.ok(labels.includes(label), label);
});

test('values, titles and which items can be edited', () => {
  const items = hotspotItems(layoutNetwork([2, 2, 1], 500, 300), state, { precision: 4 });
  const byLabel = Object.fromEntries(items.map((i) => [i.label, i]));
  assert.equal(byLabel['Peso w₁₂'].value, 0.2);
  assert.equal(byLabel['Peso w₁₂'].title, 'w₁₂ = 0,2000');
  assert.deepEqual(byLabel['Peso w₁₂'].sel, { what: 'weight', layer: 0, row: 0, col: 1, index: null });
  assert.equal(byLabel['Entrada x₂'].value, 0.1);
  assert.equal(byLabel['Alvo y'].value, 0.01);
  for (const label of ['Peso w₁₂', 'Viés c', 'Entrada x₁', 'Alvo y']) assert.ok(byLabel[label].editable, label);
  assert.ok(!byLabel['Neurônio a₁'].editable);
  const empty = hotspotItems(layoutNetwork([2, 2, 1], 500, 300), null, {});
  assert.ok(empty.every((i) => !i.editable && i.value === null));
});

test('every hotspot is at least 24 × 24 CSS pixels', () => {
  for (const [w, h] of [[340, 260], [500, 300]]) {
    for (const item of hotspotItems(layoutNetwork([2, 8, 8, 1], w, h), null, {})) {
      assert.ok(item.box.w >= 24 && item.box.h >= 24, item.label);
    }
  }
});

test('arrow keys go to the nearest hotspot in that direction', () => {
  const at = (key, x, y) => ({ key, box: { x, y, w: 10, h: 10 } });
  const items = [at('a', 0, 0), at('b', 100, 0), at('c', 100, 60), at('d', 0, 100)];
  assert.equal(nearestInDirection(items, items[0], [1, 0]).key, 'b');
  assert.equal(nearestInDirection(items, items[0], [0, 1]).key, 'd');
  assert.equal(nearestInDirection(items, items[1], [0, 1]).key, 'c');
  assert.equal(nearestInDirection(items, items[0], [-1, 0]), null);
});

const byLabelOf = (state, options = {}) => Object.fromEntries(
  hotspotItems(layoutNetwork([2, 2, 1], 500, 300), state, { precision: 4, ...options }).map((i) => [i.label, i]));

test('after an update, x and y show the example just learned and cannot be edited', () => {
  const spots = byLabelOf(xorAfterUpdate());
  assert.equal(spots['Entrada x₂'].value, 0, 'x2 drawn is forward.a[0][1] = 0, not the next example\'s 1');
  assert.equal(spots['Alvo y'].value, 0, 'y drawn is forward.y = 0, not the next example\'s 1');
  for (const label of ['Entrada x₁', 'Entrada x₂', 'Alvo y']) {
    assert.equal(spots[label].editable, false, label);
    assert.equal(spots[label].learned, true, label);
  }
  assert.equal(spots['Alvo y'].title, 'y = 0,0000 (exemplo já treinado: edite depois do próximo forward)');
  assert.equal(byLabelOf(xorAfterUpdate(), { lang: 'en' })['Target y'].title,
    'y = 0.0000 (example already learned: edit it after the next forward)');
  assert.ok(spots['Peso w₁₂'].editable && !spots['Peso w₁₂'].learned, 'weights stay editable');
});

test('once the next forward started, or with one example, x and y are editable again', () => {
  const next = byLabelOf(xorSecondForward());
  assert.equal(next['Entrada x₂'].value, 1);
  assert.equal(next['Alvo y'].value, 1);
  assert.ok(next['Alvo y'].editable && next['Entrada x₂'].editable);
  assert.equal(next['Alvo y'].title, 'y = 1,0000');
  const idle = byLabelOf(xorAfterUpdate({ phase: 'idle', forward: null, backward: null, update: null,
    shown: XOR_EXAMPLE_2_UNDER_WAY }));
  assert.equal(idle['Alvo y'].value, 1);
  assert.ok(idle['Alvo y'].editable);
  const single = byLabelOf({ ...xorAfterUpdate(), sample: 0, example: { x: [0, 0], y: 0 },
    shown: { ...xorAfterUpdate().shown, under_way: true } });
  assert.ok(single['Alvo y'].editable, 'the example learned is also the one under way');
});

test('a parameter whose label has no room has its hotspot under those of the labels drawn', () => {
  const layout = layoutNetwork([2, 8, 8, 1], 340, 260);
  const items = hotspotItems(layout, null, {});
  const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
  for (const e of layout.edges) assert.equal(byKey[`weight:${e.layer}:${e.row}:${e.col}:`].under, !e.label.visible);
  for (const b of layout.biases) assert.equal(byKey[`bias:${b.layer}:${b.row}::`].under, !b.visible);
  assert.ok(items.some((i) => i.under), 'a dense network hides its numbers');
  assert.ok(items.filter((i) => i.sel.what === 'neuron' || i.sel.what === 'target').every((i) => !i.under));
});

test('the selected label, drawn on top, has the one hotspot on top; the reading order stays', () => {
  const layout = layoutNetwork([2, 2, 1], 276, 276);
  const plain = hotspotItems(layout, state, { precision: 4 });
  const selection = plain.find((i) => i.label === 'Peso w₁₁').sel;
  const selectedLabel = { x: 20, y: 100, w: 100, h: 15 };
  const items = hotspotItems(layout, state, { precision: 4, selection, selectedLabel });
  assert.deepEqual(items.filter((i) => i.onTop).map((i) => i.label), ['Peso w₁₁']);
  assert.deepEqual(items.map((i) => i.key), plain.map((i) => i.key));
  assert.ok(plain.every((i) => !i.onTop), 'nothing selected, nothing on top');
});

test('without the edit control nothing is editable and no title says "edit it later"; all are still there', () => {
  const layout = layoutNetwork([2, 2, 1], 500, 300);
  const shown = hotspotItems(layout, xorAfterUpdate(), { precision: 4 });
  assert.ok(shown.some((item) => item.editable), 'by default some are editable');
  assert.ok(shown.some((item) => item.learned), 'and x, y right after an update say so');
  for (const lang of ['pt-BR', 'en']) {
    const fixed = hotspotItems(layout, xorAfterUpdate(), { precision: 4, lang, edit: false });
    assert.deepEqual(fixed.map((item) => item.key), shown.map((item) => item.key));
    assert.ok(fixed.every((item) => !item.editable && !item.learned), lang);
    assert.ok(fixed.every((item) => !/edit/i.test(`${item.label} ${item.title}`)), lang);
  }
});
