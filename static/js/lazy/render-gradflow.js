// render-gradflow: draws the gradient flow, each weight layer's gradient size over the epochs on a
// log scale: ‖∂L/∂W‖ in the top plot, the mean |δ| in the bottom one, one colour per layer from
// the input (cool) to the output (warm), with a key. Pure: everything comes in through the
// arguments (the server's series; the page computes no number). Loaded when the panel opens.

import { formatShort } from '../format.js';
import { LABEL_SPACING, logTicks, niceTicks } from '../chart-scales.js';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MARGIN = { left: 52, right: 12, top: 8, gap: 26, bottom: 36 };
// One hue per weight layer, sampled from blue (first layer) to red (the output).
const HUES = [215, 190, 160, 95, 45, 25, 0];

/** The colour of weight layer l of n (the output's is always red). */
export function layerColor(l, n) {
  const hue = HUES[Math.round((l / Math.max(1, n - 1)) * (HUES.length - 1))];
  return `hsl(${hue} 75% 45%)`;
}

/** [lo, hi] spanning the positive values, widened to whole decades (a flat series gets one). */
export function decades(values) {
  const positive = values.filter((v) => typeof v === 'number' && v > 0);
  if (!positive.length) return null;
  const power = (e) => Number(`1e${e}`); // exact, where 10 ** −5 is 9.999…e−6
  const lo = power(Math.floor(Math.log10(Math.min(...positive))));
  const hi = power(Math.ceil(Math.log10(Math.max(...positive))));
  return [lo, hi > lo ? hi : lo * 10];
}

/** The y of value v in a plot box over the decades [lo, hi]; null for 0 (no log of it). */
function yOf(v, range, box) {
  if (!(v > 0)) return null;
  const t = (Math.log10(v) - Math.log10(range[0])) / (Math.log10(range[1]) - Math.log10(range[0]));
  return box.top + box.height * (1 - t);
}

function drawPlot(ctx, points, column, box, x, o) {
  const n = points[0][column].length;
  const range = decades(points.flatMap((p) => p[column]));
  ctx.font = FONT;
  ctx.fillStyle = o.colors.muted;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText(o.titles[column - 1], box.left, box.top - 2);
  ctx.strokeStyle = o.colors.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width, box.height);
  if (!range) return;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of logTicks(range[0], range[1], Math.floor(box.height / LABEL_SPACING))) {
    const y = Math.round(yOf(tick, range, box)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.left + box.width, y);
    ctx.stroke();
    ctx.fillText(formatShort(tick, o.lang), box.left - 5, y);
  }
  for (let l = 0; l < n; l += 1) {
    ctx.strokeStyle = ctx.fillStyle = layerColor(l, n);
    ctx.lineWidth = 2;
    ctx.beginPath();
    let drawing = false;
    for (const point of points) {
      const y = yOf(point[column][l], range, box);
      if (y === null) drawing = false;
      else if (drawing) ctx.lineTo(x(point[0]), y);
      else {
        ctx.moveTo(x(point[0]), y);
        drawing = true;
      }
    }
    ctx.stroke();
    // The latest value as a dot: a series of one point (a fresh start) shows too.
    const end = points[points.length - 1];
    const y = yOf(end[column][l], range, box);
    if (y !== null) ctx.fillRect(x(end[0]) - 2.5, y - 2.5, 5, 5);
  }
}

/** The key, one swatch and name per layer, wrapped into rows; answers the height it took. */
function drawKey(ctx, n, width, top, o) {
  ctx.font = FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const left = 8;
  let x = left;
  let y = top + 6;
  for (let l = 0; l < n; l += 1) {
    const label = o.layerName(l, n);
    const w = ctx.measureText(label).width + 26;
    if (x + w > width && x > left) {
      x = left;
      y += 16;
    }
    ctx.fillStyle = layerColor(l, n);
    ctx.fillRect(x, y - 2, 14, 4);
    ctx.fillStyle = o.colors.fg;
    ctx.fillText(label, x + 18, y);
    x += w;
  }
  return y - top + 10;
}

/**
 * Draw the series [[epoch, norm_W[], mean_delta[]], …]. options: {width, height, colors: {fg,
 * muted, bg, grid}, titles: [top, bottom], layerName(l, n), xLabel, emptyText, lang}.
 */
export function drawGradflow(ctx, points, o) {
  const { width, height, colors } = o;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, width, height);
  if (!points?.length) {
    ctx.font = FONT;
    ctx.fillStyle = colors.muted;
    ctx.textAlign = 'center';
    ctx.fillText(o.emptyText ?? '', width / 2, height / 2);
    return;
  }
  const n = points[0][1].length;
  const keyHeight = drawKey(ctx, n, width, MARGIN.top, o);
  const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(10, (height - MARGIN.top - keyHeight - 2 * MARGIN.gap - MARGIN.bottom) / 2);
  const first = points[0][0];
  const last = Math.max(points[points.length - 1][0], first + 1);
  const x = (epoch) => MARGIN.left + ((epoch - first) / (last - first)) * plotWidth;
  const top = { left: MARGIN.left, top: MARGIN.top + keyHeight + MARGIN.gap, width: plotWidth, height: plotHeight };
  const bottom = { ...top, top: top.top + plotHeight + MARGIN.gap };
  drawPlot(ctx, points, 1, top, x, o);
  drawPlot(ctx, points, 2, bottom, x, o);
  ctx.fillStyle = colors.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xTicks = niceTicks(first, last, Math.max(2, Math.floor(plotWidth / 80))).filter(Number.isInteger);
  for (const tick of xTicks) ctx.fillText(formatShort(tick, o.lang), x(tick), bottom.top + plotHeight + 4);
  ctx.textAlign = 'right';
  ctx.fillText(o.xLabel ?? '', width - MARGIN.right, bottom.top + plotHeight + 18);
}
