// chart-scales: the axes' arithmetic the charts share (the loss curve, the gradient flow): round
// ticks on a linear or log axis, the scales from data to a plot box, and the thinning of a long
// curve to what its pixels can show. Pure.

export const LABEL_SPACING = 20; // CSS px between the y axis's labels, at least: 12 px text and a gap

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10ⁿ). */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

/**
 * Ticks for a log axis over [min, max] (both > 0): 1, 2, 5 × 10ⁿ inside it (only the powers of
 * ten when that is too many, and of those every k-th down from the top so that at most `count` remain: a loss of
 * 10⁻²⁵ beside one of 0.1 spans 25 decades), or linear ticks for a range narrower than that.
 */
export function logTicks(min, max, count = 6) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e += 1) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * 10 ** e).toPrecision(12));
      if (value >= min && value <= max) ticks.push(value);
    }
  }
  if (ticks.length < 2) return niceTicks(min, max, 3).filter((t) => t >= min && t <= max);
  const decades = ticks.filter((t) => Number.isInteger(Math.round(Math.log10(t) * 1e9) / 1e9));
  const room = Math.max(2, count);
  if (ticks.length <= room || decades.length < 2) return ticks;
  const every = Math.ceil(decades.length / room);
  const top = Math.round(Math.log10(decades[decades.length - 1]));
  return decades.filter((t) => (top - Math.round(Math.log10(t))) % every === 0);
}

/**
 * Keep at most two points per pixel column: the lowest and the highest of each column, in their
 * original order, so oscillations stay visible. The first and last points are always kept.
 */
export function thinPoints(points, toPixel) {
  if (points.length <= 2) return points;
  const kept = [];
  let column = null;
  let low = null;
  let high = null;
  const flush = () => {
    if (low === null) return;
    if (low === high) kept.push(points[low]);
    else kept.push(points[Math.min(low, high)], points[Math.max(low, high)]);
  };
  points.forEach(([x, y], index) => {
    const pixel = Math.floor(toPixel(x));
    if (pixel !== column) {
      flush();
      column = pixel;
      low = index;
      high = index;
    } else {
      if (y < points[low][1]) low = index;
      if (y > points[high][1]) high = index;
    }
  });
  flush();
  if (kept[0] !== points[0]) kept.unshift(points[0]);
  if (kept[kept.length - 1] !== points[points.length - 1]) kept.push(points[points.length - 1]);
  return kept;
}

/** Linear or log scales from data to the plot box; `extra` values (thin lines) count for y too. */
export function makeScales(points, box, logScale, extra = []) {
  const xs = points.map((p) => p[0]);
  let xMin = Math.min(...xs);
  let xMax = Math.max(...xs);
  if (xMax === xMin) xMax = xMin + 1;
  const ys = points.flatMap((p) => p.slice(1)).concat(extra).filter(Number.isFinite);
  const positive = ys.filter((y) => y > 0);
  const useLog = logScale && positive.length > 0;
  let yMin = useLog ? Math.min(...positive) : 0;
  let yMax = Math.max(...ys, useLog ? yMin : 0);
  if (useLog) {
    yMin /= 1.25;
    yMax *= 1.25;
  } else {
    yMax = yMax > 0 ? niceCeiling(yMax) : 1;
  }
  const ty = useLog ? (y) => Math.log10(Math.max(y, yMin)) : (y) => y;
  const x = (value) => box.left + ((value - xMin) / (xMax - xMin)) * box.width;
  const y = (value) => box.top + box.height - ((ty(value) - ty(yMin)) / (ty(yMax) - ty(yMin))) * box.height;
  return { x, y, xMin, xMax, yMin, yMax, useLog };
}

function niceCeiling(value) {
  const ticks = niceTicks(0, value, 4);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : value;
  return Math.ceil(value / step - 1e-9) * step;
}
