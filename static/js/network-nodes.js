// network-nodes.js — owns the drawing of the network's nodes: each neuron
// (its activation inside, z or the input's name above, the glow of the phase
// that ran) and, past the output, the target box and the loss with ∂L/∂ŷ.
// Draws on the ctx it is given from a view and a layout; keeps no state.

import { exactNumber, font, haloText, withAlpha, roundRect, signColor, circle } from './draw-primitives.js';

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

/** Inside: the activation (its name small above it when the circle is big enough), or the
 * name alone when the activation is written above the circle (layout.js chose). */
function drawNeuronText(ctx, n, a, view, layout, o) {
  const c = o.colors;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  if (n.inside) {
    if (n.roomy) {
      ctx.font = font(layout.small);
      ctx.fillStyle = c.muted;
      ctx.fillText(n.name, n.x, n.y - n.r * 0.42);
    }
    ctx.font = font(layout.fontSize, '600');
    ctx.fillStyle = a === null ? c.muted : c.fg;
    const shown = a === null ? '—' : exactNumber(ctx, a, o, n.r * 2 - 2);
    if (shown) ctx.fillText(shown, n.x, n.roomy ? n.y + n.r * 0.24 : n.y);
  } else if (n.nameInside) {
    ctx.font = font(layout.fontSize);
    ctx.fillStyle = c.fg;
    ctx.fillText(n.name, n.x, n.y);
  }
  drawAboveNeuron(ctx, n, a, view, layout, o);
}

/** Above: the input's name, z with its name (z₁ −0.1234, zₒᵤₜ …), or the activation. */
function drawAboveNeuron(ctx, n, a, view, layout, o) {
  const b = n.zBox;
  if (!n.zVisible) return;
  const x = b.x + b.w / 2;
  const y = b.y + b.h / 2;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  if (n.above === 'value') {
    ctx.font = font(layout.fontSize, '600');
    ctx.fillStyle = a === null ? o.colors.muted : o.colors.fg;
    const shown = a === null ? '—' : exactNumber(ctx, a, o, b.w);
    if (shown) haloText(ctx, shown, x, y, o.colors.bg);
    return;
  }
  ctx.font = font(layout.fontSize);
  ctx.fillStyle = o.colors.muted;
  const z = n.above === 'z' ? view.preActivation(n.layer, n.index) : null;
  const full = z === null ? null : exactNumber(ctx, z, o, b.w, { prefix: `${n.zLabel} ` });
  haloText(ctx, full || n.zLabel, x, y, o.colors.bg);
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
    ctx.font = font(layout.small);
    ctx.fillStyle = c.muted;
    ctx.fillText('y', t.x, t.box.y + layout.lineH / 2 + 1);
    ctx.font = font(layout.fontSize, '600');
    ctx.fillStyle = view.target === null ? c.muted : c.fg;
    const shown = view.target === null ? '—' : exactNumber(ctx, view.target, o, t.box.w - 4);
    if (shown) ctx.fillText(shown, t.x, t.box.y + t.box.h - layout.lineH / 2 - 1);
  });
  drawLoss(ctx, view, layout, o);
}

/** Under the target: the loss and ∂L/∂ŷ, each on one line when it fits (layout.js decides), else
 * its name above its value. */
function drawLoss(ctx, view, layout, o) {
  const c = o.colors;
  const { box: b, inline, gradInline } = layout.loss;
  const lineY = (k) => b.y + layout.lineH * (k + 0.5);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = font(layout.fontSize, '600');
  ctx.fillStyle = view.loss === null ? c.muted : c.fg;
  const loss = view.loss === null ? null : exactNumber(ctx, view.loss, o, b.w, { prefix: inline ? 'L = ' : '' });
  // "—" says the loss is not computed yet; one too wide to fit (5.00×10⁻²⁵ on a phone) leaves its name alone.
  const missing = view.loss === null ? '—' : '';
  if (!inline) haloText(ctx, 'L', b.x + b.w / 2, lineY(0), c.bg);
  const text = loss || (inline ? `L ${missing}`.trim() : missing);
  if (text) haloText(ctx, text, b.x + b.w / 2, lineY(inline ? 0 : 1), c.bg);
  const g = view.gradYHat;
  if (g === null) return;
  const first = inline ? 1 : 2;
  ctx.font = font(layout.small);
  ctx.fillStyle = signColor(c, g);
  const grad = exactNumber(ctx, g, o, b.w, { prefix: gradInline ? '∂L/∂ŷ ' : '', signed: true });
  if (!gradInline) haloText(ctx, '∂L/∂ŷ', b.x + b.w / 2, lineY(first), c.bg);
  if (grad) haloText(ctx, grad, b.x + b.w / 2, lineY(first + (gradInline ? 0 : 1)), c.bg);
}
