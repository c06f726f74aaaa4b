// Every text the network picture draws, recorded from drawNetwork on a fake canvas that measures
// as format.js's textWidth estimates (DejaVu Sans, what Chromium draws with here; tests/test_canvas_labels.py
// checks the same in the browser with the real font): at least 11 CSS px, inside the canvas, no
// two overlapping, every number at the chosen precision; for 0 to 6 hidden layers of 1 to 8
// units, at the canvas sizes a 320 … 1280 px window gives the picture, after each phase.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawNetwork } from '../../static/js/render-network.js';
import { layoutNetwork, MIN_FONT_PX } from '../../static/js/layout.js';
import { hotspotItems } from '../../static/js/hotspots.js';
import { textWidth } from '../../static/js/format.js';
import { formatNumber } from '../../static/js/format.js';

/** A 2d context that records each fillText as a box (CSS px), with its font size. */
function recordingContext() {
  const texts = [];
  const ctx = {
    texts, font: '10px sans-serif', fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1,
    textAlign: 'start', textBaseline: 'alphabetic', lineCap: 'butt', lineJoin: 'miter',
    measureText(text) { return { width: textWidth(text, px(ctx.font), bold(ctx.font)) }; },
    fillText(text, x, y) {
      const size = px(ctx.font);
      const w = textWidth(text, size, bold(ctx.font));
      const left = ctx.textAlign === 'center' ? x - w / 2 : ctx.textAlign === 'right' || ctx.textAlign === 'end' ? x - w : x;
      const top = ctx.textBaseline === 'middle' ? y - size / 2 : ctx.textBaseline === 'top' ? y : y - size * 0.8;
      texts.push({ text: String(text), size, box: { x: left, y: top, w, h: size } });
    },
  };
  for (const name of ['save', 'restore', 'clearRect', 'fillRect', 'beginPath', 'moveTo', 'lineTo', 'arc', 'arcTo',
    'closePath', 'stroke', 'fill', 'setLineDash', 'setTransform', 'strokeRect', 'strokeText']) ctx[name] = () => {};
  return ctx;
}

const px = (font) => Number(/(\d+(?:\.\d+)?)px/.exec(font)[1]);
const bold = (font) => /^[67]00 /.test(font);

/** A deterministic spread of values: signs, sizes from 10⁻⁹ to 3, exact zeros. */
function valueAt(k) {
  const magnitudes = [0.5, 0.031, 1.7, 0.00042, 0.12, 3.2e-9, 0, 0.87, 2.4, 6.1e-6];
  return (k % 3 === 0 ? -1 : 1) * magnitudes[k % magnitudes.length];
}

function grid(sizes, start, shape) {
  let k = start;
  return sizes.slice(1).map((n, l) => Array.from({ length: n }, () => (shape === 'W'
    ? Array.from({ length: sizes[l] }, () => valueAt(k++)) : valueAt(k++))));
}

/** A protocol state of this phase for a network of these sizes. */
function stateFor(sizes, phase) {
  const L = sizes.length - 1;
  const a = sizes.map((n, k) => Array.from({ length: n }, (_, i) => (k === 0 ? i : Math.abs(valueAt(k + i)) % 1)));
  const s = {
    type: 'state', sizes, epoch: 0, sample: 0, steps: 1, phase, layer: null, next: { phase: 'backward', layer: null },
    config: { lr: 0.1, activation: 'tanh' }, example: { x: [0, 1], y: 1 },
    shown: { sample: 0, x: [0, 1], y: 1, y_hat: a[L][0], abs_error: 1 - a[L][0], under_way: phase !== 'update' },
    params: { W: grid(sizes, 1, 'W'), b: grid(sizes, 5, 'b') },
    forward: { z: grid(sizes, 2, 'b'), a, y_hat: a[L][0], loss: 0.2748110832 },
    backward: null, update: null,
  };
  if (phase !== 'forward') {
    s.backward = { dW: grid(sizes, 3, 'W'), db: grid(sizes, 4, 'b'), da: sizes.slice(1).map((n) => Array(n).fill(-0.49)) };
  }
  if (phase === 'update') s.update = { delta_W: grid(sizes, 6, 'W'), delta_b: grid(sizes, 7, 'b') };
  return s;
}

const overlap = (a, b) => a.x < b.x + b.w - 0.01 && b.x < a.x + a.w - 0.01 && a.y < b.y + b.h - 0.01 && b.y < a.y + a.h - 0.01;

/** Every number in a text: fixed with exactly `precision` decimals, or scientific as formatNumber writes it. */
function wrongNumbers(text, precision) {
  const mantissa = Math.max(1, Math.min(precision - 2, 3));
  return (text.match(/\d+[.,]\d+(×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?/g) || []).filter((n) => (n.includes('×')
    ? !new RegExp(`^\\d[.,]\\d{${mantissa}}×`).test(n) : !new RegExp(`^\\d+[.,]\\d{${precision}}$`).test(n)));
}

export function assertLabels(texts, width, height, precision, what) {
  assert.ok(texts.length > 0, `${what}: nothing drawn`);
  for (const t of texts) {
    assert.ok(t.size >= MIN_FONT_PX, `${what}: “${t.text}” at ${t.size} px`);
    const b = t.box;
    assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height,
      `${what}: “${t.text}” leaves the ${width}×${height} canvas (${JSON.stringify(b)})`);
    assert.deepEqual(wrongNumbers(t.text, precision), [], `${what}: “${t.text}” is not at ${precision} decimals`);
  }
  for (let i = 0; i < texts.length; i += 1) {
    for (let j = i + 1; j < texts.length; j += 1) {
      assert.ok(!overlap(texts[i].box, texts[j].box), `${what}: “${texts[i].text}” overlaps “${texts[j].text}” (${JSON.stringify([texts[i].box, texts[j].box])})`);
    }
  }
}

/** The canvas the page gives the picture in a window this wide (app.css: 5:3, square on phones). */
function canvasSize(sizes, windowWidth) {
  const rows = Math.max(...sizes);
  if (windowWidth <= 560) {
    const width = windowWidth - 44;
    return [width, Math.max(width, 260, rows * 80 + 40)];
  }
  const width = windowWidth >= 1024 ? 544 : windowWidth - 84;
  return [width, Math.max(Math.round((width * 3) / 5), 240, rows * 80 + 40)];
}

const ARCHITECTURES = [[2, 1], [2, 2, 1], [2, 3, 2, 1], [2, 8, 8, 8, 8, 8, 8, 1], [2, 1, 1, 1, 1, 1, 1, 1], [2, 8, 1],
  [2, 5, 3, 1], [2, 8, 1, 8, 1, 8, 1], [2, 4, 4, 4, 1]];

for (const sizes of ARCHITECTURES) {
  for (const windowWidth of [320, 360, 414, 768, 1024, 1280]) {
    const [width, height] = canvasSize(sizes, windowWidth);
    test(`${sizes.join('–')} in a ${windowWidth} px window (${width}×${height}): labels ≥ 11 px, inside, apart, exact`, () => {
      for (const precision of [2, 4, 6]) {
        for (const phase of ['forward', 'backward', 'update']) {
          const ctx = recordingContext();
          drawNetwork(ctx, stateFor(sizes, phase), { width, height, precision, showGradients: true });
          assertLabels(ctx.texts, width, height, precision, `${phase}, ${precision} decimals`);
        }
      }
    });
  }
}

test('a selected parameter whose label had no room is drawn on top, still inside the canvas', () => {
  const sizes = [2, 8, 8, 8, 8, 8, 8, 1];
  const [width, height] = canvasSize(sizes, 320);
  const layout = layoutNetwork(sizes, width, height, { precision: 6 });
  for (const e of [layout.edges[0], layout.edges[layout.edges.length - 1]]) {
    assert.equal(e.label.visible, false);
    const ctx = recordingContext();
    const selection = { what: 'weight', layer: e.layer, row: e.row, col: e.col, index: null };
    drawNetwork(ctx, stateFor(sizes, 'backward'), { width, height, precision: 6, selection, layout });
    const value = formatNumber(stateFor(sizes, 'backward').params.W[e.layer][e.row][e.col], 6);
    const drawn = ctx.texts.filter((t) => t.text === value);
    assert.ok(drawn.length >= 1, `${e.name} = ${value} is drawn`);
    for (const { box: b } of drawn) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height, e.name);
  }
});

test('each label is drawn where its box is (its centre is the box’s centre)', () => {
  for (const sizes of ARCHITECTURES.slice(0, 3)) {
    const layout = layoutNetwork(sizes, 276, 276, { precision: 4 });
    for (const item of [...layout.biases, ...layout.edges.map((e) => e.label)]) {
      assert.ok(Math.abs(item.x - (item.box.x + item.box.w / 2)) < 1e-9 && Math.abs(item.y - (item.box.y + item.box.h / 2)) < 1e-9);
    }
  }
});

/** A recording context that keeps, in ctx[into], each rounded box (four arcTo corners) that its
 * `method` ('fill' or 'stroke') draws, with more(ctx) beside it. */
function roundedBoxRecorder(method, into, more = () => ({})) {
  const ctx = recordingContext();
  let corners = [];
  ctx[into] = [];
  ctx.beginPath = () => { corners = []; };
  ctx.arcTo = (x1, y1) => { corners.push([x1, y1]); };
  ctx[method] = () => {
    if (corners.length !== 4) return;
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    ctx[into].push({ x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs),
      h: Math.max(...ys) - Math.min(...ys), ...more(ctx) });
  };
  return ctx;
}

/** The recording context, also keeping each rounded box it fills (a label's background). */
const boxRecordingContext = () => roundedBoxRecorder('fill', 'boxes');

/** An update with numbers wider than the labels are sized for: scientific changes, large weights. */
function wideUpdate(sizes) {
  const s = stateFor(sizes, 'update');
  s.update.delta_W = s.update.delta_W.map((rows) => rows.map((row) => row.map((_, k) => (k % 2 ? 2.57e-5 : -1.23e-5))));
  s.update.delta_b = s.update.delta_b.map((row) => row.map(() => 1.23e-5));
  s.params.W[0][0][0] = -98.7654;
  s.params.W[0][0][1] = 1.23e-5;
  s.params.b[0][0] = 1234.5678;
  return s;
}

test('a label holds only the lines it writes: no empty row, no empty box, at any width', () => {
  const lineH = Math.round(MIN_FONT_PX * 1.2);
  let checked = 0;
  for (const sizes of ARCHITECTURES.slice(0, 3)) {
    for (const windowWidth of [320, 1280]) {
      const [width, height] = canvasSize(sizes, windowWidth);
      for (const precision of [2, 4, 6]) {
        const ctx = boxRecordingContext();
        drawNetwork(ctx, wideUpdate(sizes), { width, height, precision, showGradients: true });
        const rows = (b) => (b.h - 2) / lineH;
        const labels = ctx.boxes.filter((b) => Math.abs(rows(b) - Math.round(rows(b))) < 1e-6);
        checked += labels.length;
        for (const b of labels) {
          for (let k = 0; k < Math.round(rows(b)); k += 1) {
            const rowY = b.y + 1 + lineH * (k + 0.5);
            const written = ctx.texts.some(({ box: t }) => Math.abs(t.y + t.h / 2 - rowY) < 2 && t.x >= b.x && t.x + t.w <= b.x + b.w);
            assert.ok(written, `${sizes.join('–')}, ${windowWidth} px, ${precision} decimals: row ${k + 1} of the box ${JSON.stringify(b)} is empty`);
          }
        }
      }
    }
  }
  assert.ok(checked > 50, `${checked} labels checked`);
});

/** The recording context, also keeping each rounded box it strokes (a label's outline) with its
 * line width and how many texts were drawn before it. */
const outlineRecordingContext = () => roundedBoxRecorder('stroke', 'outlines',
  (ctx) => ({ lineWidth: ctx.lineWidth, textsBefore: ctx.texts.length }));

/** network.css, .bp-hotspot:focus-visible: a 2 px outline 1 px off the hotspot, over a 4 px halo. */
const FOCUS_RING = 4;

/** inner lies in outer grown by `grow` px (negative: shrunk), give or take rounding. */
const within = (inner, outer, grow = 0) => {
  const slack = grow + 1e-9;
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack
    && inner.x + inner.w <= outer.x + outer.w + slack && inner.y + inner.h <= outer.y + outer.h + slack;
};

test('a selected weight or bias of −100 (name and a long number): its label, outline and focus ring stay inside the canvas, the ring round the label', () => {
  let checked = 0;
  for (const sizes of [[2, 2, 1], [2, 3, 2, 1]]) {
    for (const windowWidth of [320, 1280]) {
      const [width, height] = canvasSize(sizes, windowWidth);
      const canvas = { x: 0, y: 0, w: width, h: height };
      for (const precision of [4, 6]) {
        const layout = layoutNetwork(sizes, width, height, { precision });
        const params = [...layout.edges.map((e) => ({ what: 'weight', layer: e.layer, row: e.row, col: e.col, index: null })),
          ...layout.biases.map((b) => ({ what: 'bias', layer: b.layer, row: b.row, col: null, index: null }))];
        for (const phase of ['forward', 'update']) {
          for (const selection of params) {
            const state = stateFor(sizes, phase);
            if (selection.what === 'weight') state.params.W[selection.layer][selection.row][selection.col] = -100;
            else state.params.b[selection.layer][selection.row] = -100;
            const ctx = outlineRecordingContext();
            const drawn = drawNetwork(ctx, state, { width, height, precision, showGradients: true, selection, layout });
            const what = `${sizes.join('–')}, ${windowWidth} px, ${precision} decimals, ${phase}, ${JSON.stringify(selection)}`;
            const outline = ctx.outlines.at(-1); // the selected label is drawn last, on top
            assert.equal(outline.lineWidth, 2, `${what}: the selected label has the last outline`);
            assert.ok(within(outline, canvas, -outline.lineWidth / 2), `${what}: its outline ${JSON.stringify(outline)} leaves the canvas`);
            const texts = ctx.texts.slice(outline.textsBefore);
            assert.ok(texts.some((t) => t.text === formatNumber(-100, precision)), `${what}: −100 is written`);
            const item = hotspotItems(layout, state, { precision, selection, selectedLabel: drawn?.selectedLabel })
              .find((spot) => JSON.stringify(spot.sel) === JSON.stringify(selection));
            for (const t of texts) assert.ok(within(t.box, item.box), `${what}: “${t.text}” ${JSON.stringify(t.box)} passes its hotspot ${JSON.stringify(item.box)}, under the focus ring`);
            assert.ok(within(outline, item.box), `${what}: its outline passes its hotspot`);
            assert.ok(within(item.box, canvas, -FOCUS_RING), `${what}: the focus ring round ${JSON.stringify(item.box)} leaves the canvas`);
            checked += 1;
          }
        }
      }
    }
  }
  assert.ok(checked > 100, `${checked} selections checked`);
});

/** Every architecture at every window width and precision: its canvas, as the page sizes it. */
function* everyCanvas(architectures = ARCHITECTURES) {
  for (const sizes of architectures) {
    for (const windowWidth of [320, 360, 414, 768, 1024, 1280]) {
      const [width, height] = canvasSize(sizes, windowWidth);
      const canvas = { x: 0, y: 0, w: width, h: height };
      for (const precision of [2, 4, 6]) yield { sizes, windowWidth, width, height, canvas, precision };
    }
  }
}

test('every label’s outline (1.5 px after a step, 2 px selected) is drawn whole inside the canvas', () => {
  let checked = 0;
  for (const { sizes, windowWidth, width, height, canvas, precision } of everyCanvas()) {
    for (const phase of ['forward', 'backward', 'update']) {
      const ctx = outlineRecordingContext();
      drawNetwork(ctx, stateFor(sizes, phase), { width, height, precision, showGradients: true });
      for (const outline of ctx.outlines) {
        // A stroke reaches half its width past its path on either side.
        assert.ok(within(outline, canvas, -outline.lineWidth / 2), `${sizes.join('–')}, ${windowWidth} px, ${precision} decimals, ${phase}: the outline ${JSON.stringify(outline)} leaves the ${width}×${height} canvas`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 1000, `${checked} outlines checked`);
});

test('every hotspot keeps its focus ring’s room inside the canvas, and its 24 × 24 px', () => {
  let checked = 0;
  for (const { sizes, windowWidth, width, height, canvas, precision } of everyCanvas()) {
    const layout = layoutNetwork(sizes, width, height, { precision });
    for (const item of hotspotItems(layout, stateFor(sizes, 'backward'), { precision })) {
      const what = `${sizes.join('–')}, ${windowWidth} px, ${precision} decimals, ${item.label}`;
      assert.ok(within(item.box, canvas, -FOCUS_RING), `${what}: the focus ring round ${JSON.stringify(item.box)} leaves the ${width}×${height} canvas`);
      assert.ok(item.box.w >= 24 && item.box.h >= 24, what);
      checked += 1;
    }
  }
  assert.ok(checked > 1000, `${checked} hotspots checked`);
});

/** The sizes the page's − and + make where a weight's or bias's number may be written: no hidden
 * layer, one of 1 to 8 units, two of 1 to 8 each (past that, or past 16 edges into a layer, the
 * picture writes no parameter numbers: layout.js, isDense); and a few deeper ones for their z read-outs. */
const PAGE_SIZES = [
  [2, 1],
  ...Array.from({ length: 8 }, (_, i) => [2, i + 1, 1]),
  ...Array.from({ length: 64 }, (_, k) => [2, 1 + (k % 8), 1 + Math.floor(k / 8), 1]),
  [2, 2, 2, 2, 1], [2, 8, 8, 8, 1], [2, 3, 1, 3, 1, 3, 1],
];

/** The recording context, also keeping the box of each label's background: a rounded box filled
 * with the background colour at less than full opacity (the target's box is filled opaque). */
function labelBoxContext(bg) {
  const ctx = recordingContext();
  const alphas = [];
  let corners = [];
  ctx.labelBoxes = [];
  ctx.save = () => { alphas.push(ctx.globalAlpha); };
  ctx.restore = () => { ctx.globalAlpha = alphas.pop(); };
  ctx.beginPath = () => { corners = []; };
  ctx.arcTo = (x1, y1) => { corners.push([x1, y1]); };
  ctx.fill = () => {
    if (corners.length !== 4 || ctx.fillStyle !== bg || ctx.globalAlpha >= 1) return;
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    ctx.labelBoxes.push({ x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) });
  };
  return ctx;
}

test('no two drawn label boxes overlap, nor a label box a text outside it, at every size the page makes, 320 … 1280 px', () => {
  const bg = '#fefefe';
  let checked = 0;
  for (const { sizes, windowWidth, width, height, precision } of everyCanvas(PAGE_SIZES)) {
    const layout = layoutNetwork(sizes, width, height, { precision });
    for (const phase of ['forward', 'backward', 'update']) {
      const ctx = labelBoxContext(bg);
      drawNetwork(ctx, stateFor(sizes, phase), { width, height, precision, showGradients: true, colors: { bg }, layout });
      const what = `${sizes.join('–')}, ${windowWidth} px (${width}×${height}), ${precision} decimals, ${phase}`;
      const boxes = ctx.labelBoxes;
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          assert.ok(!overlap(boxes[i], boxes[j]), `${what}: the labels ${JSON.stringify(boxes[i])} and ${JSON.stringify(boxes[j])} overlap`);
        }
        for (const t of ctx.texts) {
          if (within(t.box, boxes[i])) continue;
          assert.ok(!overlap(t.box, boxes[i]), `${what}: the label ${JSON.stringify(boxes[i])} covers part of “${t.text}” ${JSON.stringify(t.box)}`);
        }
      }
      checked += boxes.length;
    }
  }
  assert.ok(checked > 10000, `${checked} label boxes checked`);
});

test('on a phone (320 … 360 px) a selected weight’s or bias’s label writes its name, whether the labels carry names or not', () => {
  let checked = 0;
  for (const sizes of [[2, 2, 1], [2, 3, 2, 1], [2, 8, 1]]) {
    for (const windowWidth of [320, 360]) {
      const [width, height] = canvasSize(sizes, windowWidth);
      for (const precision of [2, 4, 6]) {
        const layout = layoutNetwork(sizes, width, height, { precision });
        const params = [...layout.edges.map((e) => [e.name, { what: 'weight', layer: e.layer, row: e.row, col: e.col, index: null }]),
          ...layout.biases.map((b) => [b.name, { what: 'bias', layer: b.layer, row: b.row, col: null, index: null }])];
        for (const [name, selection] of params) {
          const ctx = outlineRecordingContext();
          drawNetwork(ctx, stateFor(sizes, 'update'), { width, height, precision, showGradients: true, selection, layout });
          const label = ctx.texts.slice(ctx.outlines.at(-1).textsBefore).map((t) => t.text.trim());
          assert.ok(label.includes(name), `${sizes.join('–')}, ${windowWidth} px, ${precision} decimals: the selected ${name} writes ${JSON.stringify(label)}`);
          checked += 1;
        }
      }
    }
  }
  assert.ok(checked > 200, `${checked} selections checked`);
});

test('a phone’s weight labels carry their names where there is room for them', () => {
  const named = [];
  for (const sizes of PAGE_SIZES.slice(0, 20)) {
    for (const windowWidth of [320, 360, 414]) {
      const [width, height] = canvasSize(sizes, windowWidth);
      const layout = layoutNetwork(sizes, width, height, { precision: 4 });
      if (!layout.labelNames) continue;
      named.push(`${sizes.join('–')} at ${windowWidth}`);
      // Numbers as wide as the labels are sized for (a wider one drops its name: network-labels.js).
      const state = stateFor(sizes, 'backward');
      state.params.W = state.params.W.map((rows) => rows.map((row) => row.map(() => -0.5264)));
      const ctx = recordingContext();
      drawNetwork(ctx, state, { width, height, precision: 4, showGradients: true, layout });
      const texts = ctx.texts.map((t) => t.text.trim());
      for (const e of layout.edges.filter((x) => x.label.visible)) assert.ok(texts.includes(e.name), `${sizes.join('–')} at ${windowWidth}: ${e.name}`);
    }
  }
  for (const want of ['2–2–1 at 414', '2–8–1 at 320', '2–1–1 at 414']) assert.ok(named.includes(want), `${want}: ${named}`);
});
