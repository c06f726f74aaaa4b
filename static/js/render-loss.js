// render-loss: draws the loss curve (epoch → loss) on a 2D context. Pure: everything it needs
// comes in through its arguments; it reads no DOM and keeps no state. Its axes' arithmetic is
// chart-scales.js; the key's layout and the point under a pointer are exported to be tested alone.

import { formatShort } from './format.js';
import { LABEL_SPACING, makeScales, niceTicks, logTicks, thinPoints } from './chart-scales.js';

const MARGIN = { left: 58, right: 16, top: 24, bottom: 34 };
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function drawAxes(ctx, scales, box, options) {
  const { colors } = options;
  ctx.font = FONT;
  ctx.lineWidth = 1;
  ctx.strokeStyle = colors.grid;
  ctx.fillStyle = colors.muted;
  const yTicks = scales.useLog ? logTicks(scales.yMin, scales.yMax, Math.floor(box.height / LABEL_SPACING)) : niceTicks(0, scales.yMax, 4);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of yTicks) {
    const y = Math.round(scales.y(tick)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.left + box.width, y);
    ctx.stroke();
    ctx.fillText(formatShort(tick, options.lang), box.left - 6, y);
  }
  const xCount = Math.max(2, Math.floor(box.width / 80));
  const xTicks = niceTicks(scales.xMin, scales.xMax, xCount).filter((t) => Number.isInteger(t));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of xTicks) ctx.fillText(formatShort(tick, options.lang), scales.x(tick), box.top + box.height + 6);
  ctx.strokeStyle = colors.muted;
  ctx.beginPath();
  ctx.moveTo(box.left + 0.5, box.top);
  ctx.lineTo(box.left + 0.5, box.top + box.height + 0.5);
  ctx.lineTo(box.left + box.width, box.top + box.height + 0.5);
  ctx.stroke();
  ctx.textAlign = 'right';
  ctx.fillText(options.xLabel ?? '', box.left + box.width, box.top + box.height + 20);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(options.yLabel ?? '', 4, 0);
}

/** One curve: column `column` of the points (1 training, 2 validation), thinned to the pixels. */
function drawCurve(ctx, points, scales, { color, column = 1, dash = [], width = 2 }) {
  const thinned = thinPoints(points.map((p) => [p[0], p[column]]), scales.x);
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.setLineDash(dash);
  ctx.beginPath();
  thinned.forEach(([x, y], i) => (i ? ctx.lineTo(scales.x(x), scales.y(y)) : ctx.moveTo(scales.x(x), scales.y(y))));
  ctx.stroke();
  ctx.setLineDash([]);
}

const KEY_ROW = 16;
const KEY_SWATCH = 20;

/** The key's entries: [label, color, dash, width] of the curves drawn (none for a lone curve). */
function keyEntries(points, options) {
  const { colors, trainLabel = '', valLabel = '', series = [] } = options;
  if (points[0].length <= 2 && series.length === 0) return [];
  const entries = [[trainLabel, colors.accent, [], 2]];
  if (points[0].length > 2) entries.push([valLabel, colors.negative, [5, 4], 2]);
  return entries.concat(series.map((line) => [line.label, line.color, line.dash ?? [], 1]));
}

/** Where each key entry goes: left-aligned rows that wrap at `width`; label widths from measure(text). */
export function keyLayout(labels, width, measure) {
  const spots = [];
  let x = 0;
  let row = 0;
  for (const label of labels) {
    const w = KEY_SWATCH + 4 + measure(label) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    spots.push({ x, row });
    x += w;
  }
  return { spots, rows: spots.length ? row + 1 : 0 };
}

// Label widths for the layout are estimated (the scales used by a pointer have no context), on
// the generous side so that the measured labels drawn never overlap.
const estimateWidth = (text) => String(text).length * 7.5;

/** The key above the plot: "— treino  - - validação  — ex. 1 …", wrapping into rows. */
function drawKey(ctx, entries, layout, box, colors) {
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const top = box.top - 12 - (layout.rows - 1) * KEY_ROW;
  entries.forEach(([label, color, dash, width], i) => {
    const x = box.left + layout.spots[i].x;
    const y = top + layout.spots[i].row * KEY_ROW;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + KEY_SWATCH, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = colors.fg;
    ctx.fillText(label, x + KEY_SWATCH + 4, y);
  });
}

function drawLastValue(ctx, points, scales, box, options) {
  const [x, y] = points[points.length - 1];
  const px = scales.x(x);
  const py = scales.y(y);
  ctx.fillStyle = options.colors.accent;
  ctx.beginPath();
  ctx.arc(px, py, 3.5, 0, Math.PI * 2);
  ctx.fill();
  const label = options.formatValue ? options.formatValue(y) : formatShort(y, options.lang);
  ctx.font = `600 ${FONT}`;
  ctx.fillStyle = options.colors.fg;
  const width = ctx.measureText(label).width;
  const leftSide = px + 8 + width > box.left + box.width;
  ctx.textAlign = leftSide ? 'right' : 'left';
  ctx.textBaseline = py - 12 < box.top ? 'top' : 'bottom';
  ctx.fillText(label, leftSide ? px - 8 : px + 8, py + (py - 12 < box.top ? 6 : -6));
}

/** The index of the point whose epoch is nearest the pixel column x, or -1 (no points). */
export function indexAt(points, scales, x) {
  let best = -1;
  points?.forEach((point, i) => {
    if (best < 0 || Math.abs(scales.x(point[0]) - x) < Math.abs(scales.x(points[best][0]) - x)) best = i;
  });
  return best;
}

/** The point whose epoch is nearest the pixel column x, or null (for the hover read-out). */
export function pointAt(points, scales, x) {
  const i = indexAt(points, scales, x);
  return i < 0 ? null : points[i];
}

/** The read-out's marker and its text box, at the point under the pointer (index i). */
function drawHover(ctx, points, i, scales, box, options) {
  const { colors, series = [] } = options;
  const point = points[i];
  const px = scales.x(point[0]);
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(px) + 0.5, box.top);
  ctx.lineTo(Math.round(px) + 0.5, box.top + box.height);
  ctx.stroke();
  ctx.setLineDash([]);
  const marks = point.slice(1).map((y, k) => [y, k ? colors.negative : colors.accent, 4])
    .concat(series.map((line) => [line.values[i], line.color, 3]));
  for (const [y, color, radius] of marks) {
    if (!Number.isFinite(y)) continue;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(px, scales.y(y), radius, 0, Math.PI * 2);
    ctx.fill();
  }
  const text = options.hoverText(point);
  ctx.font = FONT;
  const width = ctx.measureText(text).width + 12;
  const left = Math.min(Math.max(box.left, px - width / 2), box.left + box.width - width);
  ctx.fillStyle = colors.bg;
  ctx.strokeStyle = colors.muted;
  ctx.fillRect(left, box.top + 2, width, 20);
  ctx.strokeRect(left + 0.5, box.top + 2.5, width - 1, 19);
  ctx.fillStyle = colors.fg;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, left + 6, box.top + 12);
}

/** Each thin line (options.series): its values beside the points, null where it has none. */
function drawSeries(ctx, points, series, scales) {
  for (const line of series) {
    const pairs = [];
    points.forEach((p, i) => {
      if (Number.isFinite(line.values[i])) pairs.push([p[0], line.values[i]]);
    });
    if (pairs.length > 1) drawCurve(ctx, pairs, scales, { color: line.color, dash: line.dash, width: 1 });
  }
}

/** The plot box, its scales and the key's layout for these points and lines at this size. */
function frame(points, width, height, options) {
  const entries = keyEntries(points, options);
  const layout = keyLayout(entries.map(([label]) => label), Math.max(10, width - MARGIN.left - MARGIN.right),
    estimateWidth);
  const shift = Math.max(0, layout.rows - 1) * KEY_ROW;
  const box = { left: MARGIN.left, top: MARGIN.top + shift, width: Math.max(10, width - MARGIN.left - MARGIN.right),
    height: Math.max(10, height - MARGIN.top - shift - MARGIN.bottom) };
  const extra = (options.series ?? []).flatMap((line) => line.values);
  return { box, entries, layout, scales: makeScales(points, box, options.logScale, extra) };
}

/** The scales drawLoss uses for these points at this size (for pointAt from a pointer). */
export function lossScales(points, width, height, logScale, series = []) {
  return frame(points, width, height, { logScale, series, colors: {} }).scales;
}

/**
 * Draw the curve. points: [[epoch, loss], …], or [[epoch, loss, validation loss], …] with a
 * split (then a dashed validation curve and a key); options: {width, height, colors: {fg, muted,
 * bg, accent, negative, grid}, logScale, emptyText, xLabel, yLabel, trainLabel, valLabel, lang (the
 * ticks' decimal sign), formatValue(loss) → string, hoverX (CSS px of the pointer, or null), hoverText(point) → string,
 * series: thin lines [{values (one per point, null where none), color, label, dash}], each with
 * its key entry and a hover mark}.
 */
export function drawLoss(ctx, points, options) {
  const { width, height, colors } = options;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, width, height);
  if (!points || points.length === 0) {
    ctx.font = FONT;
    ctx.fillStyle = colors.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(options.emptyText ?? '', width / 2, height / 2);
    return;
  }
  const { box, entries, layout, scales } = frame(points, width, height, options);
  drawAxes(ctx, scales, box, options);
  drawSeries(ctx, points, options.series ?? [], scales);
  if (points[0].length > 2) drawCurve(ctx, points, scales, { color: colors.negative, column: 2, dash: [5, 4] });
  if (entries.length) drawKey(ctx, entries, layout, box, colors);
  drawCurve(ctx, points, scales, { color: colors.accent });
  drawLastValue(ctx, points, scales, box, options);
  const hovered = options.hoverX === null || options.hoverX === undefined ? -1 : indexAt(points, scales, options.hoverX);
  if (hovered >= 0 && options.hoverText) drawHover(ctx, points, hovered, scales, box, options);
}
