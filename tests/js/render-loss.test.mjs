// Tests for render-loss.js: ticks, thinning to ≤ 2 points per pixel, scales, and drawing calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceTicks, logTicks, thinPoints, makeScales } from '../../static/js/chart-scales.js';
import { drawLoss } from '../../static/js/render-loss.js';

test('nice ticks are round steps covering the range', () => {
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 1000, 4), [0, 500, 1000]);
  assert.deepEqual(niceTicks(1, 9, 4), [2, 4, 6, 8]);
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(3, 3), [3]);
  for (const tick of niceTicks(0.0123, 0.2871, 5)) assert.equal(Number(tick.toPrecision(12)), tick);
});

test('log ticks are 1, 2, 5 × 10ⁿ inside the range, or linear ticks for a narrow one', () => {
  assert.deepEqual(logTicks(0.002, 0.3), [0.01, 0.1]);
  assert.deepEqual(logTicks(0.03, 0.3), [0.05, 0.1, 0.2]);
  assert.deepEqual(logTicks(0.104, 0.156), [0.12, 0.14]);
  assert.deepEqual(logTicks(0.00001, 0.3), [0.00001, 0.0001, 0.001, 0.01, 0.1]);
});

test('log ticks over more decades than fit keep every k-th power of ten down from the top', () => {
  assert.deepEqual(logTicks(5e-25, 0.13, 7), [1e-21, 1e-17, 1e-13, 1e-9, 1e-5, 0.1]); // 24 decades, every 4th
  assert.deepEqual(logTicks(1e-300, 1, 4), [1e-228, 1e-152, 1e-76, 1]);
  assert.deepEqual(logTicks(1e-7, 0.1, 2), [1e-5, 0.1]);
});

const linear = (x) => x; // one x unit per pixel

test('thinning keeps at most two points per pixel column (plus the ends), with the extremes', () => {
  const points = [];
  for (let i = 0; i < 1000; i += 1) points.push([i / 10, Math.sin(i)]);
  const thinned = thinPoints(points, linear);
  const perColumn = new Map();
  for (const [x] of thinned) perColumn.set(Math.floor(x), (perColumn.get(Math.floor(x)) ?? 0) + 1);
  const counts = [...perColumn.values()];
  assert.ok(counts.slice(1, -1).every((n) => n <= 2));
  assert.ok(counts[0] <= 3 && counts[counts.length - 1] <= 3);
  assert.ok(thinned.length <= 2 * 100 + 2);
  const firstColumn = points.slice(0, 10).map((p) => p[1]);
  const keptFirst = thinned.filter(([x]) => x < 1).map((p) => p[1]);
  assert.ok(keptFirst.includes(Math.min(...firstColumn)));
  assert.ok(keptFirst.includes(Math.max(...firstColumn)));
});

test('thinning keeps order, the first and the last point', () => {
  const points = Array.from({ length: 500 }, (_, i) => [i, 1 / (i + 1)]);
  const thinned = thinPoints(points, (x) => x / 10);
  assert.equal(thinned[0], points[0]);
  assert.equal(thinned[thinned.length - 1], points[points.length - 1]);
  for (let i = 1; i < thinned.length; i += 1) assert.ok(thinned[i][0] > thinned[i - 1][0]);
});

test('few points are left alone', () => {
  const points = [[0, 1], [1, 0.5], [2, 0.25]];
  assert.deepEqual(thinPoints(points, (x) => x * 100), points);
});

test('tick labels are short, in the language’s notation; a log axis writes powers of ten as such', () => {
  const drawn = (points, lang, logScale = false) => {
    const ctx = recordingContext();
    drawLoss(ctx, points, { width: 400, height: 300, colors, logScale, lang, formatValue: () => 'last' });
    return ctx.calls.filter((c) => c[0] === 'fillText').map((c) => c[1]);
  };
  const linear = [[0, 0.25], [1500, 0.1]];
  assert.ok(drawn(linear, 'pt-BR').includes('0,1') && drawn(linear, 'pt-BR').includes('1500'), drawn(linear, 'pt-BR').join('|'));
  assert.ok(drawn(linear, 'en').includes('0.1') && !drawn(linear, 'en').includes('0,1'), drawn(linear, 'en').join('|'));
  const tiny = [[0, 0.13], [10, 5e-25]]; // 24 decades: every 4th power of ten, 10⁻²¹ … 0.1
  const log = drawn(tiny, 'pt-BR', true);
  for (const tick of ['10⁻²¹', '10⁻¹⁷', '10⁻¹³', '10⁻⁹', '10⁻⁵', '0,1']) assert.ok(log.includes(tick), `${tick} in ${log.join('|')}`);
  assert.ok(!log.some((text) => /e[+\-\u2212]?\d/.test(text)), log.join('|'));
});

test('scales map the data into the box; the y axis starts at zero', () => {
  const box = { left: 10, top: 0, width: 100, height: 50 };
  const scales = makeScales([[0, 0.2], [10, 0.1]], box, false);
  assert.equal(scales.x(0), 10);
  assert.equal(scales.x(10), 110);
  assert.equal(scales.y(0), 50);
  assert.ok(scales.yMax >= 0.2);
  const log = makeScales([[0, 0.5], [10, 0.002]], box, true);
  assert.equal(log.useLog, true);
  assert.ok(log.y(0.002) > log.y(0.5));
});

/** A 2D context that records what was drawn. */
function recordingContext() {
  const calls = [];
  const ctx = new Proxy({}, {
    get(target, name) {
      if (name === 'calls') return calls;
      if (name === 'measureText') return (text) => ({ width: text.length * 7 });
      if (name in target) return target[name];
      return (...args) => calls.push([name, ...args]);
    },
    set(target, name, value) {
      target[name] = value;
      return true;
    },
  });
  return ctx;
}

const colors = { fg: '#000', muted: '#666', bg: '#fff', accent: '#00f', grid: '#eee' };

test('no points: the empty-state text is drawn, nothing else', () => {
  const ctx = recordingContext();
  drawLoss(ctx, [], { width: 300, height: 200, colors, emptyText: 'Sem dados ainda' });
  const texts = ctx.calls.filter((c) => c[0] === 'fillText').map((c) => c[1]);
  assert.deepEqual(texts, ['Sem dados ainda']);
});

test('with points: the curve, the axis labels and the last value are drawn', () => {
  const ctx = recordingContext();
  const points = Array.from({ length: 5000 }, (_, i) => [i, 0.25 * Math.exp(-i / 1000)]);
  drawLoss(ctx, points, { width: 400, height: 200, colors, xLabel: 'época', yLabel: 'perda',
    formatValue: (v) => `v=${v.toFixed(4)}` });
  const texts = ctx.calls.filter((c) => c[0] === 'fillText').map((c) => c[1]);
  assert.ok(texts.includes('época'));
  assert.ok(texts.includes('perda'));
  assert.ok(texts.includes(`v=${points[4999][1].toFixed(4)}`));
  const lineTos = ctx.calls.filter((c) => c[0] === 'lineTo').length;
  assert.ok(lineTos < 2 * 400, `thinned to the pixels: ${lineTos} segments`);
});

test('the hover read-out picks the point under the pointer and draws its text', async () => {
  const { pointAt, lossScales, drawLoss: draw } = await import('../../static/js/render-loss.js');
  const points = Array.from({ length: 101 }, (_, k) => [k, 0.25 / (1 + k), 0.3 / (1 + k)]);
  const scales = lossScales(points, 500, 220, false);
  assert.deepEqual(pointAt(points, scales, scales.x(40.2)), points[40]);
  assert.deepEqual(pointAt(points, scales, -50), points[0]);
  assert.equal(pointAt([], scales, 10), null);
  const texts = [];
  const ctx = new Proxy({}, {
    get: (target, name) => (name in target ? target[name]
      : name === 'measureText' ? (text) => ({ width: text.length * 6 })
        : name === 'fillText' ? (text) => texts.push(text) : () => {}),
    set: (target, name, value) => { target[name] = value; return true; },
  });
  draw(ctx, points, { width: 500, height: 220, colors: { fg: '#000', muted: '#666', bg: '#fff', accent: '#00f',
    negative: '#f00', grid: '#eee' }, hoverX: scales.x(40), hoverText: ([epoch]) => `época ${epoch}`,
  trainLabel: 'treino', valLabel: 'validação' });
  assert.ok(texts.includes('época 40'));
  assert.ok(texts.includes('validação'), 'the key of the two curves');
});

test('thin lines: one per series under the curve, counted in the scale, keyed, marked on hover', async () => {
  const { drawLoss: draw, lossScales } = await import('../../static/js/render-loss.js');
  const points = Array.from({ length: 50 }, (_, k) => [k, 0.1 / (1 + k)]);
  const series = [
    { values: points.map((_, k) => (k < 10 ? null : 0.3 - k / 1000)), color: '#0a0', label: 'ex. 1' },
    { values: points.map(() => 0.05), color: '#a0a', label: 'ex. 2', dash: [3, 3] },
  ];
  const ctx = recordingContext();
  const strokeStyles = [];
  const withStyles = new Proxy(ctx, {
    get: (target, name) => target[name],
    set: (target, name, value) => { if (name === 'strokeStyle') strokeStyles.push(value); target[name] = value; return true; },
  });
  const scales = lossScales(points, 500, 220, false, series);
  assert.ok(scales.yMax >= 0.29, 'the lines fit in the plot');
  assert.ok(lossScales(points, 500, 220, false).yMax < scales.yMax);
  draw(withStyles, points, { width: 500, height: 220, colors, series, trainLabel: 'treino', valLabel: 'validação',
    hoverX: scales.x(20), hoverText: ([epoch]) => `época ${epoch}` });
  const texts = ctx.calls.filter((c) => c[0] === 'fillText').map((c) => c[1]);
  assert.ok(['treino', 'ex. 1', 'ex. 2'].every((label) => texts.includes(label)), texts.join('|'));
  assert.ok(!texts.includes('validação'), 'no validation curve, no key entry for it');
  assert.ok(strokeStyles.includes('#0a0') && strokeStyles.includes('#a0a'));
  const marks = ctx.calls.filter((c) => c[0] === 'arc').map((c) => [Math.round(c[1]), Math.round(c[2] * 1000)]);
  const x = Math.round(scales.x(20));
  for (const y of [0.1 / 21, 0.3 - 20 / 1000, 0.05]) {
    assert.ok(marks.some(([mx, my]) => mx === x && my === Math.round(scales.y(y) * 1000)), `a mark at ${y}`);
  }
});

test('the key wraps into rows, never two entries on one spot', async () => {
  const { keyLayout } = await import('../../static/js/render-loss.js');
  const labels = ['treino', 'validação', 'ex. 1', 'ex. 2', 'ex. 3', 'ex. 4'];
  const measure = (text) => text.length * 7.5;
  for (const width of [120, 216, 400, 900]) {
    const { spots, rows } = keyLayout(labels, width, measure);
    assert.equal(spots.length, labels.length);
    assert.equal(rows, Math.max(...spots.map((s) => s.row)) + 1);
    for (let i = 1; i < spots.length; i += 1) {
      const same = spots[i].row === spots[i - 1].row;
      if (same) assert.ok(spots[i].x >= spots[i - 1].x + 24 + measure(labels[i - 1]), `${width}: ${labels[i]}`);
    }
    spots.forEach((spot, i) => assert.ok(spot.x === 0 || spot.x + 24 + measure(labels[i]) <= width, `${width}: fits`));
  }
  assert.equal(keyLayout(labels, 900, measure).rows, 1);
  assert.ok(keyLayout(labels, 216, measure).rows > 1);
});

test('per-example lines: one per example, validation ones dashed, and their read-out', async () => {
  const { exampleSeries, examplesReadout } = await import('../../static/js/lazy/loss-examples.js');
  const t = (key, params) => `${key}:${JSON.stringify(params)}`;
  const history = [null, [0.1, 0.2, 0.3], [0.05, 0.15, 0.35]];
  const dataset = { X: [[0, 0], [0.05, -1], [1, 1]], Y: [0, 1, 0], train: 2 };
  const series = exampleSeries(history, dataset, t);
  assert.deepEqual(series.map((s) => s.values), [[null, 0.1, 0.05], [null, 0.2, 0.15], [null, 0.3, 0.35]]);
  assert.deepEqual(series.map((s) => s.dash), [[], [], [3, 3]]);
  assert.equal(new Set(series.map((s) => s.color)).size, 3);
  assert.equal(series[0].label, 'curve_example:{"n":1}');
  const text = examplesReadout(history[2], dataset, 3, t);
  assert.equal(text, ['loss_readout_example:{"n":1,"x":"0; 0","loss":"0,050"}',
    'loss_readout_example:{"n":2,"x":"0,05; \u22121","loss":"0,150"}',
    'loss_readout_example:{"n":3,"x":"1; 1","loss":"0,350"}'].join(' · '));
  const en = Object.assign((key, params) => t(key, params), { lang: 'en' });
  assert.equal(examplesReadout(history[2], dataset, 3, en).split(' · ')[1],
    'loss_readout_example:{"n":2,"x":"0.05, \u22121","loss":"0.150"}');
  assert.equal(examplesReadout(null, dataset, 3, t), '');
});
