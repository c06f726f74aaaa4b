// network-labels.js — owns the labels of the parameters (value, Δ after an
// update, ∇ after backward; the selected one drawn last, on top) and their move
// arrows (where −η·∇ takes each parameter), each in the room layout.js keeps at
// the left of its label. Every number is written at the chosen precision or not
// at all. Draws on the ctx it is given from a view (network-view.js) and a
// layout (layout.js); keeps no state.

import { exactNumber, font, withAlpha, roundRect, moveArrow, GLYPH_PX } from './draw-primitives.js';
import { formatNumber, formatSigned } from './format.js';
import { gradientWidth } from './network-view.js';

/** The lines of a parameter's label: value, then Δ after an update, then ∇ after backward. */
function labelLines(value, delta, grad, maxLines) {
  const lines = [{ kind: 'value', value }];
  if (delta !== null) lines.push({ kind: 'delta', value: delta });
  if (grad !== null) lines.push({ kind: 'grad', value: grad });
  return lines.slice(0, maxLines);
}

/** A label's box, and the part of it left for text (right of the arrow's room); a selected label,
 * drawn on top, grows to hold its name and every line (kept inside the canvas). */
function labelFrame(ctx, anchor, lines, name, emphasis, layout, o) {
  const h = lines.length * layout.lineH;
  let w = anchor.box.w;
  if (emphasis === 'selected') w = Math.max(w, layout.arrowW + 2 + widestLine(ctx, lines, name, layout, o));
  const x = Math.min(Math.max(1, anchor.x - w / 2), layout.width - 1 - w);
  const b = { x, y: anchor.y - h / 2, w, h };
  return { b, textX: b.x + layout.arrowW, textW: b.w - layout.arrowW - 2 };
}

/** The width of the widest line of a label, its value line with the name. */
function widestLine(ctx, lines, name, layout, o) {
  return Math.max(...lines.map((line) => {
    if (line.kind !== 'value') {
      ctx.font = font(layout.small);
      return ctx.measureText(`Δ\u2009${formatSigned(line.value, o.precision, o.lang)}`).width;
    }
    ctx.font = font(layout.small);
    const nameW = name ? ctx.measureText(`${name} `).width : 0;
    ctx.font = font(layout.fontSize, '600');
    return nameW + ctx.measureText(formatNumber(line.value, o.precision, o.lang)).width;
  }));
}

/**
 * One label: its background, its lines, then its move arrow. A line whose number has no room at
 * the chosen precision is left out (the hotspot and the gradients list still give it).
 */
function drawLabel(ctx, anchor, lines, name, emphasis, grad, layout, o) {
  const c = o.colors;
  const { b, textX, textW } = labelFrame(ctx, anchor, lines, name, emphasis, layout, o);
  roundRect(ctx, { x: b.x - 1, y: b.y - 1, w: b.w + 2, h: b.h + 2 }, 4);
  withAlpha(ctx, 0.9, () => { ctx.fillStyle = c.bg; ctx.fill(); });
  if (emphasis) {
    ctx.lineWidth = emphasis === 'selected' ? 2 : 1.5;
    ctx.strokeStyle = emphasis === 'selected' ? c.accent : c.highlight;
    ctx.stroke();
  }
  ctx.textBaseline = 'middle';
  lines.forEach((line, k) => drawLabelLine(ctx, line, name, textX, textW, b.y + layout.lineH * (k + 0.5), layout, o));
  if (grad !== null) {
    const half = Math.min(layout.lineH * 0.9, b.h / 2 - 1);
    const glyph = layout.arrowW > 12; // phones keep the arrow alone: its direction carries the sign
    const glyphOffset = Math.min(half * 0.45, Math.max(0, (b.h - GLYPH_PX) / 2)); // the glyph stays in the box
    moveArrow(ctx, b.x + (glyph ? 13 : 5), b.y + b.h / 2, half, grad, gradientWidth(grad) || 1, o.colors, { glyph, glyphOffset });
  }
}

function drawLabelLine(ctx, line, name, x, w, y, layout, o) {
  ctx.textAlign = 'center';
  if (line.kind === 'value') return drawValueLine(ctx, line.value, name, x, w, y, layout, o);
  ctx.font = font(layout.small);
  ctx.fillStyle = o.colors.fg; // the sign is written; colour and arrows speak of the move, not of ∇
  const prefix = line.kind === 'delta' ? 'Δ\u2009' : '∇\u2009';
  const shown = exactNumber(ctx, line.value, o, w, { prefix, signed: true });
  if (shown) ctx.fillText(shown, x + w / 2, y);
}

/** "w₁₂ 0.1500": the name small and muted (dropped when there is no room), the value bold. */
function drawValueLine(ctx, value, name, x, w, y, layout, o) {
  const c = o.colors;
  const label = name ? `${name} ` : '';
  ctx.font = font(layout.small);
  const nameW = ctx.measureText(label).width;
  ctx.font = font(layout.fontSize, '600');
  const shown = value === null ? '—' : exactNumber(ctx, value, o, w);
  if (!shown) return;
  const valueW = ctx.measureText(shown).width;
  const withName = label && nameW + valueW <= w;
  const left = x + (w - (withName ? nameW + valueW : valueW)) / 2;
  ctx.textAlign = 'left';
  if (withName) {
    ctx.font = font(layout.small);
    ctx.fillStyle = c.muted;
    ctx.fillText(label, left, y);
    ctx.font = font(layout.fontSize, '600');
  }
  ctx.fillStyle = value === null ? c.muted : c.fg;
  ctx.fillText(shown, left + (withName ? nameW : 0), y);
  ctx.textAlign = 'center';
}

function emphasisOf(view, key, ran) {
  if (view.selectedKey === key) return 'selected';
  return ran ? 'ran' : null;
}

/** Every weight's label that has room (or is selected); the selected one is returned to draw last. */
export function drawEdgeLabels(ctx, view, layout, o) {
  const late = [];
  for (const e of layout.edges) {
    const key = `e:${e.layer}:${e.row}:${e.col}`;
    if (!e.label.visible && view.selectedKey !== key) continue;
    const draw = () => {
      const grad = view.gradW(e.layer, e.row, e.col);
      const lines = labelLines(view.weight(e.layer, e.row, e.col), view.deltaW(e.layer, e.row, e.col), grad, layout.labelLines);
      const name = layout.labelNames || view.selectedKey === key ? e.name : '';
      withAlpha(ctx, view.dimmed(key) ? 0.4 : 1, () => drawLabel(ctx, e.label, lines, name,
        emphasisOf(view, key, view.ranLabels.has(e.layer)), grad, layout, o));
    };
    if (view.selectedKey === key) late.push(draw); else draw();
  }
  return late;
}

/** Every bias's label that has room (or is selected); the selected one is returned to draw last. */
export function drawBiasLabels(ctx, view, layout, o) {
  const late = [];
  for (const b of layout.biases) {
    const key = `b:${b.layer}:${b.row}`;
    if (!b.visible && view.selectedKey !== key) continue;
    const draw = () => withAlpha(ctx, view.dimmed(key) ? 0.4 : 1, () => {
      const grad = view.gradB(b.layer, b.row);
      const lines = labelLines(view.bias(b.layer, b.row), view.deltaB(b.layer, b.row), grad, layout.labelLines);
      drawLabel(ctx, b, lines, b.name, emphasisOf(view, key, view.ranLabels.has(b.layer)), grad, layout, o);
    });
    if (view.selectedKey === key) late.push(draw); else draw();
  }
  return late;
}
