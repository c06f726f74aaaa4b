// Tests for layout.js: positions, and label boxes that never overlap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutNetwork } from '../../static/js/layout.js';

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Every box the picture draws text in, with a name for the failure message. */
function textBoxes(layout) {
  const boxes = [];
  for (const e of layout.edges) if (e.label.visible) boxes.push([`label ${e.name}`, e.label.box]);
  for (const b of layout.biases) if (b.visible) boxes.push([`bias ${b.name}`, b.box]);
  for (const n of layout.neurons.flat()) {
    if (n.zVisible) boxes.push([`z of ${n.name}`, n.zBox]);
    boxes.push([`circle ${n.name}`, { x: n.x - n.r, y: n.y - n.r, w: 2 * n.r, h: 2 * n.r }]);
  }
  boxes.push(['target', layout.target.box], ['loss', layout.loss.box]);
  return boxes;
}

function assertNoOverlap(layout) {
  const boxes = textBoxes(layout);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      assert.ok(!overlap(boxes[i][1], boxes[j][1]), `${boxes[i][0]} overlaps ${boxes[j][0]}`);
    }
  }
}

function assertInside(layout) {
  for (const [name, b] of textBoxes(layout)) {
    assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= layout.width && b.y + b.h <= layout.height, `${name} leaves the canvas`);
  }
}

for (const [width, height] of [[500, 300], [340, 260], [320, 320], [760, 420]]) {
  test(`2–2–1 at ${width}×${height}: every label shown, none overlapping, all inside`, () => {
    const layout = layoutNetwork([2, 2, 1], width, height);
    assert.equal(layout.edges.length, 6);
    assert.equal(layout.biases.length, 3);
    assert.ok(layout.edges.every((e) => e.label.visible), 'an edge label was dropped');
    assert.ok(layout.biases.every((b) => b.visible), 'a bias label was dropped');
    assert.ok(layout.neurons.flat().every((n) => n.zVisible), 'a z read-out was dropped');
    assertNoOverlap(layout);
    assertInside(layout);
  });
}

test('the phone layout is compact and the desktop one is not', () => {
  assert.equal(layoutNetwork([2, 2, 1], 340, 260).compact, true);
  assert.equal(layoutNetwork([2, 2, 1], 500, 300).compact, false);
  assert.equal(layoutNetwork([2, 2, 1], 500, 300).labelLines, 3, 'value, Δ and ∇ all fit on the desktop');
  // The canvas a 1280 px window gives the picture (544 × 326): names fit beside 11 px numbers.
  assert.equal(layoutNetwork([2, 2, 1], 544, 326).labelNames, true, 'edge labels carry their names on the desktop');
});

test('columns run left to right: inputs, hidden, output, then the target box', () => {
  const layout = layoutNetwork([2, 2, 1], 500, 300);
  const xs = layout.neurons.map((col) => col[0].x);
  assert.ok(xs[0] < xs[1] && xs[1] < xs[2]);
  assert.ok(layout.target.box.x > xs[2] + layout.neurons[2][0].r);
  assert.deepEqual(layout.neurons.map((col) => col.map((n) => n.name)), [['x₁', 'x₂'], ['a₁', 'a₂'], ['ŷ']]);
  assert.deepEqual(layout.neurons.map((col) => col[0].kind), ['input', 'hidden', 'output']);
});

test('edges start and end on the circles they join', () => {
  const layout = layoutNetwork([2, 2, 1], 500, 300);
  for (const e of layout.edges) {
    const from = layout.neurons[e.layer][e.col];
    const to = layout.neurons[e.layer + 1][e.row];
    assert.ok(Math.abs(Math.hypot(e.x1 - from.x, e.y1 - from.y) - from.r) < 1e-6);
    assert.ok(Math.abs(Math.hypot(e.x2 - to.x, e.y2 - to.y) - to.r) < 1e-6);
  }
  assert.deepEqual(layout.edges.map((e) => e.name).sort(), ['v₁', 'v₂', 'w₁₁', 'w₁₂', 'w₂₁', 'w₂₂']);
});

for (const sizes of [[2, 1, 1], [2, 8, 1], [2, 3, 3, 1], [2, 8, 8, 8, 1], [2, 1, 8, 1]]) {
  for (const [width, height] of [[320, 320], [500, 300], [760, 420]]) {
    test(`${sizes.join('–')} at ${width}×${height}: neurons inside and apart, shown labels never overlap`, () => {
      const layout = layoutNetwork(sizes, width, height);
      const neurons = layout.neurons.flat();
      assert.equal(neurons.length, sizes.reduce((a, b) => a + b, 0));
      for (const n of neurons) assert.ok(n.x - n.r >= 0 && n.x + n.r <= width && n.y - n.r >= 0 && n.y + n.r <= height);
      for (let i = 0; i < neurons.length; i += 1) {
        for (let j = i + 1; j < neurons.length; j += 1) {
          const [a, b] = [neurons[i], neurons[j]];
          assert.ok(Math.hypot(a.x - b.x, a.y - b.y) > a.r + b.r);
        }
      }
      assertNoOverlap(layout);
    });
  }
}

test('layout is deterministic and does not keep the caller’s sizes array', () => {
  const sizes = [2, 2, 1];
  const a = layoutNetwork(sizes, 500, 300);
  sizes[1] = 5;
  assert.deepEqual(a.sizes, [2, 2, 1]);
  assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(layoutNetwork([2, 2, 1], 500, 300))));
});

// The lab's architectures: no hidden layer up to six of eight, at every width the page uses (the
// canvas is 5:3, at least 80 px a row of neurons tall; square on phones).
const LAB_SIZES = [[2, 1], [2, 8, 8, 8, 8, 8, 8, 1], [2, 1, 1, 1, 1, 1, 1, 1], [2, 8, 1, 8, 1, 8, 1], [2, 3, 3, 3, 3, 1]];
for (const sizes of LAB_SIZES) {
  for (const width of [280, 320, 400, 520, 700, 900, 1200]) {
    const rows = Math.max(...sizes);
    const height = Math.max(width < 520 ? width : (width * 3) / 5, 240, rows * 80 + 40);
    test(`${sizes.join('–')} at ${width}×${height}: circles inside and apart, no two labels overlap`, () => {
      const layout = layoutNetwork(sizes, width, height);
      const neurons = layout.neurons.flat();
      for (const n of neurons) assert.ok(n.x - n.r >= 0 && n.x + n.r <= width && n.y - n.r >= 0 && n.y + n.r <= height);
      for (let i = 0; i < neurons.length; i += 1) {
        for (let j = i + 1; j < neurons.length; j += 1) {
          const [a, b] = [neurons[i], neurons[j]];
          assert.ok(Math.hypot(a.x - b.x, a.y - b.y) > a.r + b.r, `${a.name} touches ${b.name}`);
        }
      }
      assertNoOverlap(layout);
      assertInside(layout);
    });
  }
}

test('a dense network shows no weight or bias numbers at all, a small one shows them all', () => {
  for (const sizes of [[2, 8, 8, 8, 8, 8, 8, 1], [2, 3, 3, 3, 1], [2, 8, 8, 1]]) {
    const layout = layoutNetwork(sizes, 700, 720);
    assert.equal(layout.dense, true, sizes.join('–'));
    assert.ok(layout.edges.every((e) => !e.label.visible) && layout.biases.every((b) => !b.visible));
  }
  for (const sizes of [[2, 1], [2, 2, 1], [2, 3, 2, 1]]) {
    const layout = layoutNetwork(sizes, 760, 456);
    assert.equal(layout.dense, false, sizes.join('–'));
    assert.ok(layout.edges.every((e) => e.label.visible) && layout.biases.every((b) => b.visible), sizes.join('–'));
  }
});

test('rememberLayout answers the same layout until the sizes, the canvas or the precision change', async () => {
  const { rememberLayout } = await import('../../static/js/layout.js');
  const layoutOf = rememberLayout();
  const first = layoutOf([2, 2, 1], 500, 300, 4);
  assert.equal(layoutOf([2, 2, 1], 500, 300, 4), first);
  assert.deepEqual(JSON.parse(JSON.stringify(first)), JSON.parse(JSON.stringify(layoutNetwork([2, 2, 1], 500, 300, { precision: 4 }))));
  assert.notEqual(layoutOf([2, 2, 1], 500, 300, 6), first);
  assert.equal(layoutOf([2, 2, 1], 500, 300, 6).precision, 6);
  assert.deepEqual(layoutOf([2, 3, 1], 500, 300, 6).sizes, [2, 3, 1]);
});
