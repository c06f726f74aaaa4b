// network-nodes.js — owns the drawing of the network's nodes: each neuron
// (its activation inside, z or the input's name above, the glow of the phase
// that ran) and, past the output, the target box and the loss with ∂L/∂ŷ.
// Draws on the ctx it is given from a view and a layout; keeps no state.

import { formatNumber, prettyName, isCourseNet, toSubscript } from './format.js';
import { font, fit, fitNumber, haloText, withAlpha, roundRect, signColor, circle } from './draw-primitives.js';

export function drawNeuron(ctx, n, view, layout, o) {
  const c = o.colors;
  const key = `n:${n.layer}:${n.index}`;
  const a = view.activation(n.layer, n.index);
  if (view.onPath.has(key)) withAlpha(ctx, 0.5, () => { circle(ctx, n, 5); ctx.fillStyle = c.accent; ctx.fill(); });
  else if (view.ranNeurons.has(n.layer)) withAlpha(ctx, view.dimmed(key) ? 0.2 : 0.55, () => { circle(ctx, n, 5); ctx.fillStyle = c.highlight; ctx.fill(); });
  withAlpha(ctx, view.dimmed(key) ? 0.35 : 1, () => {
    circle(ctx, n);
    ctx.fillStyle = c.bg;
    ctx.fill();
    if (a !== null) withAlpha(ctx, Math.min(0.3, 0.08 + Math.abs(a) * 0.22), () => { ctx.fillStyle = signColor(c, a); ctx.fill(); });
    ctx.lineWidth = n.kind === 'input' ? 1.5 : 2;
    ctx.strokeStyle = a === null ? c.muted : c.fg;
    ctx.setLineDash(n.kind === 'input' ? [3, 2] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    drawUnitMark(ctx, n, view.unitMark?.(n.layer, n.index), c);
    drawNeuronText(ctx, n, a, view, layout, o);
  });
}

/** A dead unit gets a dashed ring in the negative colour, a saturated one a dotted muted ring
 * (the status line says which and why, in words). */
function drawUnitMark(ctx, n, mark, c) {
  if (n.kind !== 'hidden' || !mark) return;
  circle(ctx, n, 4);
  ctx.lineWidth = 2;
  ctx.strokeStyle = mark === 'dead' ? c.negative : c.muted;
  ctx.setLineDash(mark === 'dead' ? [5, 3] : [2, 3]);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Inside: the activation (a small name above it when the circle is big enough). */
function drawNeuronText(ctx, n, a, view, layout, o) {
  const c = o.colors;
  const inner = innerName(view.sizes, n);
  const roomy = n.r >= 16 && inner;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  if (roomy) {
    ctx.font = font(Math.max(8, layout.fontSize - 2));
    ctx.fillStyle = c.muted;
    ctx.fillText(inner, n.x, n.y - n.r * 0.48);
  }
  ctx.fillStyle = a === null ? c.muted : c.fg;
  const shown = a === null ? '—' : fitInside(ctx, a, Math.min(o.precision, 4), n.r * 2 - 4, layout.fontSize);
  ctx.fillText(shown, n.x, roomy ? n.y + n.r * 0.18 : n.y);
  drawAboveNeuron(ctx, n, view, layout, o);
}

/** The activation at full precision in a slightly smaller font if that fits; else fewer decimals. */
function fitInside(ctx, a, precision, maxW, size) {
  for (const px of [size, size - 1, size - 2]) {
    ctx.font = font(px, '600');
    const text = formatNumber(a, precision);
    if (ctx.measureText(text).width <= maxW) return text;
  }
  return fitNumber(ctx, a, precision, maxW);
}

function innerName(sizes, n) {
  if (n.kind === 'input') return '';
  if (n.kind === 'output') return 'ŷ';
  return isCourseNet(sizes) ? `a${toSubscript(n.index + 1)}` : '';
}

/** Above: the input's name, or z with its course name (z₁, zₒᵤₜ). */
function drawAboveNeuron(ctx, n, view, layout, o) {
  const b = n.zBox;
  if (!n.zVisible) return;
  ctx.font = font(layout.fontSize);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = o.colors.muted;
  if (n.kind === 'input') {
    haloText(ctx, prettyName(n.name), b.x + b.w / 2, b.y + b.h / 2, o.colors.bg);
    return;
  }
  const z = view.preActivation(n.layer, n.index);
  const name = zName(view.sizes, n);
  const value = z === null ? '' : fitNumber(ctx, z, o.precision, b.w - ctx.measureText(`${name} `).width);
  haloText(ctx, fit(ctx, [`${name} ${value}`.trim(), value], b.w + 2), b.x + b.w / 2, b.y + b.h / 2, o.colors.bg);
}

function zName(sizes, n) {
  if (n.kind === 'output') return 'zₒᵤₜ';
  return isCourseNet(sizes) ? `z${toSubscript(n.index + 1)}` : 'z';
}

export function drawTarget(ctx, view, layout, o) {
  const c = o.colors;
  const t = layout.target;
  const out = layout.neurons[layout.neurons.length - 1][0];
  const selected = view.selectedKey === 'target';
  if (view.ranTarget) withAlpha(ctx, 0.5, () => { roundRect(ctx, { x: t.box.x - 4, y: t.box.y - 4, w: t.box.w + 8, h: t.box.h + 8 }, 8); ctx.fillStyle = c.highlight; ctx.fill(); });
  withAlpha(ctx, view.dimmed('target') ? 0.4 : 1, () => {
    ctx.strokeStyle = c.muted;
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(out.x + out.r + 2, out.y);
    ctx.lineTo(t.box.x - 2, t.y);
    ctx.stroke();
    ctx.setLineDash([]);
    roundRect(ctx, t.box, 5);
    ctx.fillStyle = c.bg;
    ctx.fill();
    ctx.lineWidth = selected || view.onPath.has('target') ? 2 : 1.25;
    ctx.strokeStyle = selected || view.onPath.has('target') ? c.accent : c.fg;
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = font(Math.max(8, layout.fontSize - 1));
    ctx.fillStyle = c.muted;
    ctx.fillText('y', t.x, t.box.y + layout.lineH / 2 + 1);
    ctx.font = font(layout.fontSize, '600');
    ctx.fillStyle = view.target === null ? c.muted : c.fg;
    const shown = view.target === null ? '—' : fitNumber(ctx, view.target, Math.min(o.precision, 4), t.box.w - 4);
    ctx.fillText(shown, t.x, t.box.y + t.box.h - layout.lineH / 2 - 1);
  });
  drawLoss(ctx, view, layout, o);
}

function drawLoss(ctx, view, layout, o) {
  const c = o.colors;
  const b = layout.loss.box;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = font(layout.fontSize, '600');
  ctx.fillStyle = view.loss === null ? c.muted : c.fg;
  const full = `L = ${formatNumber(view.loss, o.precision)}`;
  const loss = view.loss === null ? 'L —' : fit(ctx, [full, full.replace(' = ', '=')], b.w) === full
    ? full : fitNumber(ctx, view.loss, o.precision, b.w, { prefix: 'L=' });
  haloText(ctx, loss, b.x + b.w / 2, b.y + layout.lineH / 2, c.bg);
  const g = view.gradYHat;
  if (g === null) return;
  ctx.font = font(Math.max(8, layout.fontSize - 1));
  ctx.fillStyle = signColor(c, g);
  haloText(ctx, fitNumber(ctx, g, o.precision, b.w, { prefix: '∂L/∂ŷ ', signed: true }), b.x + b.w / 2, b.y + layout.lineH * 1.5, c.bg);
}
