// Tests for render-boundary.js: decoding the server's grid, the colour ramp, the 0.5 contour, the
// plot box, and a draw on a recording context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorRamp, contourSegments, decodeGrid, drawBoundary, boundaryScratch, planeScale, plotBox, CLASS_COLORS }
  from '../../static/js/render-boundary.js';

const base64 = (bytes) => Buffer.from(bytes).toString('base64');
const atob = (text) => Buffer.from(text, 'base64').toString('latin1');

test('a grid decodes to one byte a cell, and a wrong length is refused', () => {
  const grid = decodeGrid({ size: 2, plane: [0, 1, 0, 1], values: base64([0, 64, 128, 255]) }, atob);
  assert.deepEqual([...grid.values], [0, 64, 128, 255]);
  assert.equal(decodeGrid({ size: 3, plane: [0, 1, 0, 1], values: base64([1, 2]) }, atob), null);
  assert.equal(decodeGrid(null, atob), null);
});

test('a 16-bit grid decodes two bytes a cell, little-endian, with its shades on the ramp’s scale', () => {
  const cells = [0, 32767, 32768, 65535];
  const bytes = cells.flatMap((v) => [v & 255, v >> 8]);
  const grid = decodeGrid({ size: 2, plane: [0, 1, 0, 1], bits: 16, values: base64(bytes) }, atob);
  assert.ok(grid.values instanceof Uint16Array);
  assert.deepEqual([...grid.values], cells);
  assert.equal(grid.top, 65535);
  assert.deepEqual([...grid.shades], [0, 127, 128, 255]);
  assert.equal(decodeGrid({ size: 2, plane: [0, 1, 0, 1], bits: 16, values: base64([1, 2, 3, 4]) }, atob), null);
});

test('a nearly flat 16-bit grid puts the 0.5 line between cell centres where ŷ crosses it', () => {
  // ŷ 0.4990 and 0.5020 side by side: as bytes both were 127 or 128 and the line sat halfway.
  const [low, high] = [Math.round(0.499 * 65535), Math.round(0.502 * 65535)];
  const segments = contourSegments([low, high, low, high], 2, 65535 / 2);
  assert.equal(segments.length, 1);
  const [x0, , x1] = segments[0];
  const expected = (65535 / 2 - low) / (high - low);
  assert.ok(Math.abs(x0 - expected) < 1e-12 && Math.abs(x1 - expected) < 1e-12 && expected < 0.4);
});

test('the ramp runs from the class-0 colour through the background to the class-1 colour', () => {
  const ramp = colorRamp('#ffffff');
  assert.equal(ramp.length, 256);
  assert.deepEqual(ramp[128].map((v) => v > 240), [true, true, true]);
  assert.ok(ramp[0][0] > ramp[0][2], 'class 0 is orange');
  assert.ok(ramp[255][2] > ramp[255][0], 'class 1 is blue');
  assert.deepEqual(colorRamp('not a colour')[128], colorRamp('#ffffff')[128]);
  assert.ok(CLASS_COLORS.zero && CLASS_COLORS.one);
});

test('the contour of a left/right split is a vertical line halfway', () => {
  const n = 4;
  const values = Array.from({ length: n * n }, (_, k) => (k % n < 2 ? 0 : 255));
  const segments = contourSegments(values, n);
  assert.equal(segments.length, n - 1);
  for (const [x0, , x1] of segments) assert.deepEqual([x0, x1], [1.5, 1.5]);
});

test('no contour when every cell is on one side; a saddle gives two segments', () => {
  assert.deepEqual(contourSegments(new Array(9).fill(200), 3), []);
  assert.equal(contourSegments([0, 255, 255, 0], 2).length, 2);
});

test('the plot is square and fits above its legend at every size', () => {
  for (const [width, height] of [[420, 462], [280, 308], [1000, 300], [120, 500]]) {
    const box = plotBox(width, height);
    assert.equal(box.width, box.height);
    assert.ok(box.left >= 0 && box.left + box.width <= width + 1e-9, `${width}×${height}`);
    assert.ok(box.legend.top + box.legend.height + 14 <= height || box.width === 20, `${width}×${height}`);
    const scale = planeScale([-1, 1, -2, 2], box);
    assert.equal(scale.x(-1), box.left);
    assert.equal(scale.y(2), box.top);
  }
});

function recorder() {
  const calls = [];
  const ctx = new Proxy({}, {
    get: (target, name) => {
      if (name in target) return target[name];
      if (name === 'measureText') return (text) => ({ width: text.length * 6 });
      if (name === 'createLinearGradient') return () => ({ addColorStop() {} });
      return (...args) => calls.push([name, ...args]);
    },
    set: (target, name, value) => { target[name] = value; return true; },
  });
  return { ctx, calls };
}

/** A boundaryScratch whose heat canvas records its images in `put` and whose examples' layer
 * draws on `ctx` (so the recorder sees the circles). */
function mockScratch(ctx, put) {
  const heat = { getContext: () => ({ createImageData: (w, h) => ({ data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: (image) => put.push(image) }) };
  const canvases = [heat];
  return boundaryScratch(() => canvases.shift() ?? { getContext: () => ctx });
}

test('a draw paints the map through the scratch canvas, the contour and every example', () => {
  const { ctx, calls } = recorder();
  const put = [];
  const scratch = mockScratch(ctx, put);
  const canvas = scratch.heat.canvas;
  const n = 4;
  const values = Uint8Array.from({ length: n * n }, (_, k) => (k % n < 2 ? 0 : 255));
  drawBoundary(ctx, { grid: { size: n, plane: [0, 1, 0, 1], values },
    data: { X: [[0.1, 0.1], [0.9, 0.9], [0.5, 0.5]], Y: [0, 1, 1], train: 2 },
    colors: { fg: '#000', muted: '#666', bg: '#ffffff' }, scratch,
    labels: { x1: 'x₁', x2: 'x₂', legend: 'ŷ' }, formatTick: String }, { width: 300, height: 330 });
  assert.equal(put.length, 1);
  assert.equal(canvas.width, n);
  assert.equal(calls.filter(([name]) => name === 'drawImage').length, 2); // the map, the examples' layer
  assert.equal(calls.filter(([name]) => name === 'arc').length, 3);
  assert.equal(calls.filter(([name]) => name === 'stroke').length >= 4, true);
  assert.ok(calls.filter(([name]) => name === 'fill').length >= 2);
});

test('the hidden space draws each example and the dashed output line, and nothing without data', async () => {
  const { drawHiddenSpace } = await import('../../static/js/render-hidden-space.js');
  const { ctx, calls } = recorder();
  const view = { space: { layer: 1, range: [0, 1, 0, 1], points: [[0.1, 0.9], [0.9, 0.1], [0.1, 0.1]],
    line: [[0, 0.5], [0.5, 0]] }, data: { Y: [1, 1, 0], train: 3 }, colors: { fg: '#000', muted: '#666', bg: '#fff' },
    labels: { a1: 'a₁', a2: 'a₂', line: 'ŷ = 0,5' }, formatTick: String };
  drawHiddenSpace(ctx, view, { width: 300, height: 330 });
  assert.equal(calls.filter(([name]) => name === 'arc').length, 3);
  assert.ok(calls.some(([name, dash]) => name === 'setLineDash' && dash.length === 2));
  const empty = recorder();
  drawHiddenSpace(empty.ctx, { ...view, space: null }, { width: 300, height: 330 });
  assert.equal(empty.calls.filter(([name]) => name === 'arc').length, 0);
});

test('a unit map takes its legend from the unit’s range and draws no 0.5 contour', () => {
  const { ctx, calls } = recorder();
  const scratch = mockScratch(ctx, []);
  const values = Uint8Array.from({ length: 16 }, (_, k) => (k % 4 < 2 ? 0 : 255));
  drawBoundary(ctx, { grid: { size: 4, plane: [0, 1, 0, 1], values }, data: null, contour: false,
    legendRange: [-1, 1], colors: { fg: '#000', muted: '#666', bg: '#ffffff' }, scratch,
    labels: { x1: 'x₁', x2: 'x₂', legend: 'a' }, formatTick: String }, { width: 300, height: 330 });
  const texts = calls.filter(([name]) => name === 'fillText').map(([, text]) => text);
  assert.ok(texts.includes('-1') && texts.includes('0') && texts.includes('1'));
  assert.equal(calls.filter(([name]) => name === 'lineTo').length, 0);
});

test('the map’s pixels are the ramp’s colours, top row = top of the plane, and a new grid reuses the scratch', () => {
  const { ctx } = recorder();
  const images = [];
  let created = 0;
  const heat = { getContext: () => ({
    createImageData: (w, h) => { created += 1; return { data: new Uint8ClampedArray(w * h * 4) }; },
    putImageData: (image) => images.push(Uint8Array.from(image.data)) }) };
  const canvases = [heat];
  const scratch = boundaryScratch(() => canvases.shift() ?? { getContext: () => ctx });
  const view = { data: null, colors: { fg: '#000', muted: '#666', bg: '#f0f0f0' }, scratch,
    labels: { x1: 'x₁', x2: 'x₂', legend: 'ŷ' }, formatTick: String };
  const ramp = colorRamp('#f0f0f0');
  const bottomUp = [0, 40, 200, 255]; // a 2 × 2 grid: cells (0,0) (1,0) on the plane's bottom row
  drawBoundary(ctx, { ...view, grid: { size: 2, plane: [0, 1, 0, 1], values: Uint8Array.from(bottomUp) } },
    { width: 300, height: 330 });
  drawBoundary(ctx, { ...view, grid: { size: 2, plane: [0, 1, 0, 1], values: Uint8Array.from([9, 9, 9, 9]) } },
    { width: 300, height: 330 });
  assert.equal(created, 1, 'one ImageData for every grid of the same size');
  const pixel = (image, k) => [...image.slice(k * 4, k * 4 + 4)];
  // Image row 0 (top) holds the grid's row 1 (x2 max).
  assert.deepEqual([0, 1, 2, 3].map((k) => pixel(images[0], k)),
    [200, 255, 0, 40].map((v) => [...ramp[v], 255]));
  assert.deepEqual(pixel(images[1], 3), [...ramp[9], 255]);
});

test('the examples are painted once and copied while only the grid changes', () => {
  const { ctx, calls } = recorder();
  const scratch = mockScratch(ctx, []);
  const data = { X: [[0.1, 0.1], [0.9, 0.9]], Y: [0, 1], train: 2 };
  const view = { data, colors: { fg: '#000', muted: '#666', bg: '#ffffff' }, scratch,
    labels: { x1: 'x₁', x2: 'x₂', legend: 'ŷ' }, formatTick: String };
  const grid = (v) => ({ size: 2, plane: [0, 1, 0, 1], values: Uint8Array.from([v, v, v, v]) });
  const arcs = () => calls.filter(([name]) => name === 'arc').length;
  drawBoundary(ctx, { ...view, grid: grid(10) }, { width: 300, height: 330 });
  drawBoundary(ctx, { ...view, grid: grid(20) }, { width: 300, height: 330 });
  assert.equal(arcs(), 2);
  drawBoundary(ctx, { ...view, data: { ...data, X: [[0.2, 0.2], [0.8, 0.8]] }, grid: grid(20) }, { width: 300, height: 330 });
  assert.equal(arcs(), 4, 'new examples are painted again');
  drawBoundary(ctx, { ...view, data: { ...data, X: [[0.2, 0.2], [0.8, 0.8]] }, grid: grid(20) }, { width: 320, height: 330 });
  assert.equal(arcs(), 6, 'so is a new size');
});
