// Tests for the gradient flow on the page: following the server's series (store.mergeFlow), the
// lazily loaded drawing (lazy/render-gradflow.js) and the bands on the network picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeFlow, reduce } from '../../static/js/store.js';
import { decades, drawGradflow, layerColor } from '../../static/js/lazy/render-gradflow.js';
import { drawFlowBands, flowShades } from '../../static/js/render-network.js';

const point = (epoch, scale = 1) => [epoch, [1e-5 * scale, 1e-2 * scale], [1e-6 * scale, 1e-3 * scale]];

test('the client keeps its copy, thins it by epoch as the server did, and appends', () => {
  const held = [0, 1, 2, 3, 4].map((e) => point(e));
  assert.equal(mergeFlow(held, { stride: 1, from: 5, points: [] }), held, 'nothing new: the same array');
  assert.deepEqual(mergeFlow(held, { stride: 1, from: 5, points: [point(5)] }).map((p) => p[0]), [0, 1, 2, 3, 4, 5]);
  // thinned to every 2nd epoch: 0, 2, 4 kept, then 6 appended
  assert.deepEqual(mergeFlow(held, { stride: 2, from: 3, points: [point(6)] }).map((p) => p[0]), [0, 2, 4, 6]);
  // an undo cuts the copy back; a restore sends everything again
  assert.deepEqual(mergeFlow(held, { stride: 1, from: 2, points: [] }).map((p) => p[0]), [0, 1]);
  assert.deepEqual(mergeFlow(held, { stride: 1, from: 0, points: [point(40)] }).map((p) => p[0]), [40]);
  assert.equal(mergeFlow(held, undefined), held);
  const state = reduce({ catalog: { settings: [] }, settings: {}, history: [], flow: held, selection: null },
    { type: 'state', sizes: [2, 2, 1], config: {}, gradflow: { stride: 1, from: 5, points: [point(5)] } });
  assert.equal(state.flow.length, 6);
});

test('the log axis spans whole decades of the positive values', () => {
  assert.deepEqual(decades([3e-5, 0.2, 0, null]), [1e-5, 1]);
  assert.deepEqual(decades([0.01, 0.01]), [0.01, 0.1]);
  assert.equal(decades([0, null]), null);
  assert.notEqual(layerColor(0, 7), layerColor(6, 7));
  assert.equal(layerColor(1, 2), layerColor(6, 7), 'the output is always the same colour');
});

/** A context that records the lines it strokes (each a list of points) and the texts it writes. */
function recorder() {
  const lines = [];
  const texts = [];
  let current = null;
  return {
    lines, texts,
    clearRect() {}, fillRect() {}, strokeRect() {},
    beginPath() { current = []; },
    moveTo(x, y) { current.push([x, y]); },
    lineTo(x, y) { current.push([x, y]); },
    stroke() { if (current.length > 1) lines.push({ points: current, color: this.strokeStyle }); },
    fillText(text) { texts.push(String(text)); },
    measureText: (text) => ({ width: 7 * String(text).length }),
  };
}

const OPTIONS = { width: 600, height: 300, colors: { fg: '#000', muted: '#666', bg: '#fff', grid: '#eee' },
  titles: ['‖∂L/∂W‖', 'média |δ|'], layerName: (l, n) => (l === n - 1 ? 'saída' : `camada ${l + 1}`),
  xLabel: 'época', emptyText: 'Sem dados ainda' };

test('each layer gets one line in each plot, lower gradients drawn lower, zeros left out', () => {
  const ctx = recorder();
  const points = [point(0), point(1, 2), [2, [0, 2e-2], [0, 2e-3]], point(3, 3)];
  drawGradflow(ctx, points, OPTIONS);
  const curves = ctx.lines.filter((line) => line.color.startsWith('hsl'));
  assert.equal(curves.length, 4, 'two layers × two plots');
  const [firstTop, lastTop] = curves;
  assert.equal(firstTop.points.length, 3, 'the 0 at epoch 2 is a gap, not a point');
  assert.ok(firstTop.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  assert.ok(firstTop.points[0][1] > lastTop.points[0][1], 'layer 1 (1e-5) below the output (1e-2)');
  for (const label of ['‖∂L/∂W‖', 'média |δ|', 'camada 1', 'saída', 'época']) assert.ok(ctx.texts.includes(label), label);
  const empty = recorder();
  drawGradflow(empty, [], OPTIONS);
  assert.deepEqual(empty.texts, ['Sem dados ainda']);
});

test('the bands on the picture fade with the gradient, over at least a decade', () => {
  assert.deepEqual(flowShades([1e-5, 1e-3, 1e-1]).map((a) => Number(a.toFixed(4))), [0.03, 0.105, 0.18]);
  assert.deepEqual(flowShades([0.5, 1]).map((a) => Number(a.toFixed(4))), [0.1348, 0.18]);
  assert.deepEqual(flowShades([0, 1]), [0.03, 0.18]);
  const rects = [];
  const ctx = { fillRect: (...r) => rects.push(r), set globalAlpha(v) { rects.push(v); } };
  const layout = { header: 20, height: 300, neurons: [[{ x: 10 }], [{ x: 110 }], [{ x: 210 }]] };
  drawFlowBands(ctx, [1e-5, 1e-1], layout, '#00f');
  assert.deepEqual(rects.filter(Array.isArray), [[10, 20, 100, 280], [110, 20, 100, 280]]);
  const none = [];
  drawFlowBands({ fillRect: () => none.push(1) }, [0, 0], layout, '#00f');
  drawFlowBands({ fillRect: () => none.push(1) }, undefined, layout, '#00f');
  assert.equal(none.length, 0);
});
