// render-hidden-space: draws the hidden-space view: every example at its last hidden layer's two
// activations (a₁, a₂), coloured by class (validation hollow), and the output unit's decision
// line v₁a₁ + v₂a₂ + c = 0, where the output's ŷ is 0.5. The server sends the points and the
// line's ends; this only draws them. Pure: everything comes in through its arguments.

import { CLASS_COLORS, plotBox, planeScale } from './render-boundary.js';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function drawAxes(ctx, space, box, view) {
  const { colors, labels, formatTick } = view;
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);
  ctx.font = FONT;
  ctx.fillStyle = colors.muted;
  const [lo1, hi1, lo2, hi2] = space.range;
  ctx.textBaseline = 'top';
  for (const [text, x, align] of [[formatTick(lo1), box.left, 'left'], [labels.a1, box.left + box.width / 2, 'center'],
    [formatTick(hi1), box.left + box.width, 'right']]) {
    ctx.textAlign = align;
    ctx.fillText(text, x, box.top + box.height + 4);
  }
  ctx.textAlign = 'right';
  for (const [text, y, base] of [[formatTick(hi2), box.top, 'top'], [labels.a2, box.top + box.height / 2, 'middle'],
    [formatTick(lo2), box.top + box.height, 'bottom']]) {
    ctx.textBaseline = base;
    ctx.fillText(text, box.left - 4, y);
  }
}

function drawPoints(ctx, space, data, scale, colors) {
  space.points.forEach(([a1, a2], k) => {
    const color = `rgb(${(data.Y[k] > 0.5 ? CLASS_COLORS.one : CLASS_COLORS.zero).join(',')})`;
    ctx.beginPath();
    ctx.arc(scale.x(a1), scale.y(a2), space.points.length > 100 ? 3 : 5, 0, Math.PI * 2);
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
  const scale = planeScale(space.range, box);
  drawAxes(ctx, space, box, view);
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
