// draw-primitives.js — owns the small canvas drawing tools the network picture
// is made of: the font string, text that fits a width (numbers only at the
// chosen precision), text with a halo, alpha scopes, rounded boxes,
// circles, glowing lines, arrows and the colour of a sign. Each draws only on
// the ctx it is given and keeps no state.

import { formatNumber, formatSigned } from './format.js';

/** The size of the move arrows' +/− glyph, in CSS px. */
export const GLYPH_PX = 11;

export function font(size, weight = '') {
  return `${weight} ${size}px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif`.trim();
}

/** The longest of the candidate strings that fits maxWidth (the last one otherwise). */
export function fit(ctx, candidates, maxWidth) {
  for (const c of candidates) if (ctx.measureText(c).width <= maxWidth) return c;
  return candidates[candidates.length - 1];
}

/**
 * A number written at exactly `precision` in `lang` (formatNumber's form; both the drawing's
 * options), with its prefix, when that fits maxWidth; null otherwise: the picture never shows a
 * number rounded further than the student chose (the number stays on the hotspot, in the
 * gradients list and the math panel).
 */
export function exactNumber(ctx, value, { precision, lang }, maxWidth, { prefix = '', signed = false } = {}) {
  const text = prefix + (signed ? formatSigned : formatNumber)(value, precision, lang);
  return ctx.measureText(text).width <= maxWidth ? text : null;
}

/** Text with a halo of the background colour, readable over the lines it crosses. */
export function haloText(ctx, textValue, x, y, bg) {
  ctx.save();
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = bg;
  ctx.strokeText(textValue, x, y);
  ctx.restore();
  ctx.fillText(textValue, x, y);
}

/** draw() at `alpha` times the current opacity; returns what draw returns. */
export function withAlpha(ctx, alpha, draw) {
  ctx.save();
  ctx.globalAlpha *= alpha;
  const drawn = draw();
  ctx.restore();
  return drawn;
}

export function roundRect(ctx, b, radius) {
  const r = Math.min(radius, b.w / 2, b.h / 2);
  ctx.beginPath();
  ctx.moveTo(b.x + r, b.y);
  ctx.arcTo(b.x + b.w, b.y, b.x + b.w, b.y + b.h, r);
  ctx.arcTo(b.x + b.w, b.y + b.h, b.x, b.y + b.h, r);
  ctx.arcTo(b.x, b.y + b.h, b.x, b.y, r);
  ctx.arcTo(b.x, b.y, b.x + b.w, b.y, r);
  ctx.closePath();
}

export function signColor(c, value) {
  return value < 0 ? c.negative : c.positive;
}

export function circle(ctx, n, extra = 0) {
  ctx.beginPath();
  ctx.arc(n.x, n.y, n.r + extra, 0, Math.PI * 2);
}

export function glowLine(ctx, x1, y1, x2, y2, width, color) {
  withAlpha(ctx, 0.45, () => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width + 7;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  });
}

/**
 * Where a parameter moves in the update, from its gradient: θ changes by −η·∇, so 'up' (it
 * grows) when ∇ < 0, 'down' (it shrinks) when ∇ > 0, null when ∇ is 0 or missing.
 */
export function moveDirection(gradient) {
  if (typeof gradient !== 'number' || gradient === 0 || !Number.isFinite(gradient)) return null;
  return gradient < 0 ? 'up' : 'down';
}

/**
 * The move arrow of one parameter at (x, y): vertical, up when it will grow and down when it will
 * shrink, with a "+" or "−" beside its tail (unless glyph is false, where there is no room), so the
 * sign reads by shape as well as by colour.
 */
export function moveArrow(ctx, x, y, halfLength, gradient, width, colors, { glyph = true, glyphOffset = halfLength * 0.45 } = {}) {
  const dir = moveDirection(gradient);
  if (!dir) return;
  const sign = dir === 'up' ? -1 : 1;
  const color = dir === 'up' ? colors.positive : colors.negative;
  arrow(ctx, x, y - sign * halfLength, x, y + sign * halfLength, width, color);
  if (!glyph) return;
  ctx.font = font(GLYPH_PX, '700');
  ctx.fillStyle = color;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(dir === 'up' ? '+' : '\u2212', x - 3, y - sign * glyphOffset);
  ctx.textAlign = 'center';
}

/** An arrow from (x1, y1) to (x2, y2) with a head at the end. */
export function arrow(ctx, x1, y1, x2, y2, width, color, dashed = false) {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const head = Math.max(5, width * 1.6 + 3);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = Math.max(1, width);
  ctx.lineCap = 'butt';
  ctx.setLineDash(dashed ? [2, 3] : []);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2 - ux * head * 0.8, y2 - uy * head * 0.8);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x2, y2);
  ctx.lineTo(x2 - ux * head - uy * head * 0.55, y2 - uy * head + ux * head * 0.55);
  ctx.lineTo(x2 - ux * head + uy * head * 0.55, y2 - uy * head - ux * head * 0.55);
  ctx.closePath();
  ctx.fill();
}
