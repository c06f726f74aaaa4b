// render-hidden-space: draws the hidden-space view: every example at its last hidden layer's two
// activations (a₁, a₂), coloured by class (validation hollow), and the output unit's decision
// line v₁a₁ + v₂a₂ + c = 0, where the output's ŷ is 0.5. The server sends the points and the
// line's ends; this only draws them. Pure: everything comes in through its arguments.

import { CLASS_COLORS, plotBox, planeScale } from './render-boundary.js';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function drawAxes(ctx, space, box, scale, view) {
  const { colors, labels, formatTick } = view;
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);
  ctx.font = FONT;
  ctx.fillStyle = colors.muted;
  const [lo1, hi1, lo2, hi2] = space.range;
  ctx.textBaseline = 'top';
  for (const [text, x, align] of [[formatTick(lo1), scale.x(lo1), 'center'], [labels.a1, box.left + box.width / 2, 'center'],
    [formatTick(hi1), scale.x(hi1), 'center']]) {
    ctx.textAlign = align;
    ctx.fillText(text, x, box.top + box.height + 4);
  }
  ctx.textAlign = 'right';
  for (const [text, y, base] of [[formatTick(hi2), scale.y(hi2), 'middle'], [labels.a2, box.top + box.height / 2, 'middle'],
    [formatTick(lo2), scale.y(lo2), 'middle']]) {
    ctx.textBaseline = base;
    ctx.fillText(text, box.left - 4, y);
  }
}

function drawPoints(ctx, space, data, scale, colors) {
  space.points.forEach(([a1, a2], k) => {
    const color = `rgb(${(data.Y[k] > 0.5 ? CLASS_COLORS.one : CLASS_COLORS.zero).join(',')})`;
    ctx.beginPath();
    ctx.arc(scale.x(a1), scale.y(a2), space.points.length > 30 ? 3 : 5, 0, Math.PI * 2);
    if (k < data.train) {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = colors.fg;
      ctx.lineWidth = 1;
    } else {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
    }
    ctx.stroke();
  });
}

/** The view widened by 6 % on each side, so points on the range's edge are drawn whole. */
function padded([lo1, hi1, lo2, hi2]) {
  const p1 = (hi1 - lo1) * 0.06;
  const p2 = (hi2 - lo2) * 0.06;
  return [lo1 - p1, hi1 + p1, lo2 - p2, hi2 + p2];
}

/**
 * Draw the hidden space. view: {space: {range, points, line} (the server's), data: {Y, train},
 * colors: {fg, muted, bg}, labels: {a1, a2, line}, formatTick}; size: {width, height}.
 */
export function drawHiddenSpace(ctx, view, size) {
  const { width, height } = size;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = view.colors.bg;
  ctx.fillRect(0, 0, width, height);
  const { space, data } = view;
  if (!space || !data) return;
  const box = plotBox(width, height);
  const scale = planeScale(padded(space.range), box);
  drawAxes(ctx, space, box, scale, view);
  if (space.line) {
    const [[x0, y0], [x1, y1]] = space.line;
    ctx.strokeStyle = view.colors.fg;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(scale.x(x0), scale.y(y0));
    ctx.lineTo(scale.x(x1), scale.y(y1));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  drawPoints(ctx, space, data, scale, view.colors);
  ctx.font = FONT;
  ctx.fillStyle = view.colors.muted;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(view.labels.line, box.left, box.legend.top - 2);
}
