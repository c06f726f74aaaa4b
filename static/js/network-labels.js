// network-labels.js — owns the labels of the parameters (value, Δ after an
// update, ∇ after backward; the selected one drawn last, on top, and kept with
// its focus ring inside the canvas) and their move
// arrows (where −η·∇ takes each parameter), each in the room layout.js keeps at
// the left of its label. Every number is written at the chosen precision or not
// at all, and a box holds only the lines written (never an empty one). Draws on the ctx it is given from a view (network-view.js) and a
// layout (layout.js); keeps no state.

import { exactNumber, font, withAlpha, roundRect, moveArrow, GLYPH_PX } from './draw-primitives.js';
import { formatNumber, formatSigned } from './format.js';
import { gradientWidth } from './network-view.js';
import { FOCUS_RING_PX } from './layout.js';

/** Room a selected label's text box keeps from the canvas's edges: its outline, drawn 1 px
 * outside it, is the box its hotspot takes, and the hotspot's focus ring goes round that. */
const SELECTED_EDGE = FOCUS_RING_PX + 1;

/** A box grown by `d` px on every side (shrunk when d < 0). */
function grown(b, d) {
  return { x: b.x - d, y: b.y - d, w: b.w + 2 * d, h: b.h + 2 * d };
}

/** The lines of a parameter's label: value, then Δ after an update, then ∇ after backward. */
function labelLines(value, delta, grad, maxLines) {
  const lines = [{ kind: 'value', value }];
  if (delta !== null) lines.push({ kind: 'delta', value: delta });
  if (grad !== null) lines.push({ kind: 'grad', value: grad });
  return lines.slice(0, maxLines);
}

/** A label's width: its box's, or, for a selected label (drawn on top), enough for its name and
 * every line, as far as the canvas has room (a line that then does not fit is left out). */
function labelWidth(ctx, anchor, lines, name, emphasis, layout, o) {
  const w = anchor.box.w;
  if (emphasis !== 'selected') return w;
  return Math.min(Math.max(w, layout.arrowW + 2 + widestLine(ctx, lines, name, layout, o)), layout.width - 2 * SELECTED_EDGE);
}

/** The box of `count` lines, `w` wide, centred on the anchor and kept `edge` px inside the canvas,
 * and the part of it left for text (right of the arrow's room). */
function labelFrame(anchor, w, count, layout, edge) {
  const h = count * layout.lineH;
  const x = Math.min(Math.max(edge, anchor.x - w / 2), layout.width - edge - w);
  const y = Math.min(Math.max(edge, anchor.y - h / 2), layout.height - edge - h);
  const b = { x, y, w, h };
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
 * What a line writes in `w` px: {kind, text, name} (the name only when it fits beside the value),
 * or null when its number has no room at the chosen precision (a scientific 1.23×10⁻⁵, a weight
 * of 98.7654 in a box sized for −0.3333).
 */
function fitLine(ctx, line, name, w, layout, o) {
  if (line.kind !== 'value') {
    ctx.font = font(layout.small);
    const prefix = line.kind === 'delta' ? 'Δ\u2009' : '∇\u2009';
    const text = exactNumber(ctx, line.value, o, w, { prefix, signed: true });
    return text && { kind: line.kind, text, name: '' };
  }
  ctx.font = font(layout.fontSize, '600');
  const text = line.value === null ? '—' : exactNumber(ctx, line.value, o, w);
  if (!text) return null;
  const valueW = ctx.measureText(text).width;
  ctx.font = font(layout.small);
  const label = name ? `${name} ` : '';
  return { kind: 'value', text, name: label && ctx.measureText(label).width + valueW <= w ? label : '' };
}

/**
 * One label: its background, the lines whose numbers have room, then its move arrow. The box
 * holds those lines only, so a line that is left out leaves no gap, and a label with none is not
 * drawn at all (the hotspot and the gradients list still give its numbers). Returns the box drawn,
 * its outline included, or null.
 */
function drawLabel(ctx, anchor, lines, name, emphasis, grad, layout, o) {
  const c = o.colors;
  const w = labelWidth(ctx, anchor, lines, name, emphasis, layout, o);
  const fitted = lines.map((line) => fitLine(ctx, line, name, w - layout.arrowW - 2, layout, o)).filter(Boolean);
  if (!fitted.length) return null;
  const { b, textX, textW } = labelFrame(anchor, w, fitted.length, layout, emphasis === 'selected' ? SELECTED_EDGE : 1);
  const outline = grown(b, 1);
  roundRect(ctx, outline, 4);
  withAlpha(ctx, 0.9, () => { ctx.fillStyle = c.bg; ctx.fill(); });
  if (emphasis) {
    // Stroked inside the outline's box, which the layout keeps in the canvas: centred on it, half the
    // line passed a label at the canvas's edge.
    const lineWidth = emphasis === 'selected' ? 2 : 1.5;
    roundRect(ctx, grown(outline, -lineWidth / 2), 4 - lineWidth / 2);
    ctx.lineWidth = lineWidth;
    ctx.strokeStyle = emphasis === 'selected' ? c.accent : c.highlight;
    ctx.stroke();
  }
  ctx.textBaseline = 'middle';
  fitted.forEach((line, k) => drawLabelLine(ctx, line, textX, textW, b.y + layout.lineH * (k + 0.5), layout, o));
  if (grad !== null) {
    const half = Math.min(layout.lineH * 0.9, b.h / 2 - 1);
    const glyph = layout.arrowW > 12; // phones keep the arrow alone: its direction carries the sign
    const glyphOffset = Math.min(half * 0.45, Math.max(0, (b.h - GLYPH_PX) / 2)); // the glyph stays in the box
    moveArrow(ctx, b.x + (glyph ? 13 : 5), b.y + b.h / 2, half, grad, gradientWidth(grad) || 1, o.colors, { glyph, glyphOffset });
  }
  return outline;
}

function drawLabelLine(ctx, line, x, w, y, layout, o) {
  ctx.textAlign = 'center';
  if (line.kind === 'value') return drawValueLine(ctx, line, x, w, y, layout, o);
  ctx.font = font(layout.small);
  ctx.fillStyle = o.colors.fg; // the sign is written; colour and arrows speak of the move, not of ∇
  ctx.fillText(line.text, x + w / 2, y);
}

/** "w₁₂ 0.1500": the name small and muted (when it fitted), the value bold. */
function drawValueLine(ctx, { text, name }, x, w, y, layout, o) {
  const c = o.colors;
  ctx.font = font(layout.small);
  const nameW = name ? ctx.measureText(name).width : 0;
  ctx.font = font(layout.fontSize, '600');
  const left = x + (w - (nameW + ctx.measureText(text).width)) / 2;
  ctx.textAlign = 'left';
  if (name) {
    ctx.font = font(layout.small);
    ctx.fillStyle = c.muted;
    ctx.fillText(name, left, y);
    ctx.font = font(layout.fontSize, '600');
  }
  ctx.fillStyle = text === '—' ? c.muted : c.fg;
  ctx.fillText(text, left + nameW, y);
  ctx.textAlign = 'center';
}

function emphasisOf(view, key, ran) {
  if (view.selectedKey === key) return 'selected';
  return ran ? 'ran' : null;
}

/** Every weight's label that has room (or is selected); the selected one is returned to draw last
 * (drawing it returns its box). */
export function drawEdgeLabels(ctx, view, layout, o) {
  const late = [];
  for (const e of layout.edges) {
    const key = `e:${e.layer}:${e.row}:${e.col}`;
    if (!e.label.visible && view.selectedKey !== key) continue;
    const draw = () => {
      const grad = view.gradW(e.layer, e.row, e.col);
      const lines = labelLines(view.weight(e.layer, e.row, e.col), view.deltaW(e.layer, e.row, e.col), grad, layout.labelLines);
      const name = layout.labelNames || view.selectedKey === key ? e.name : '';
      return withAlpha(ctx, view.dimmed(key) ? 0.4 : 1, () => drawLabel(ctx, e.label, lines, name,
        emphasisOf(view, key, view.ranLabels.has(e.layer)), grad, layout, o));
    };
    if (view.selectedKey === key) late.push(draw); else draw();
  }
  return late;
}

/** Every bias's label that has room (or is selected); the selected one is returned to draw last
 * (drawing it returns its box). */
export function drawBiasLabels(ctx, view, layout, o) {
  const late = [];
  for (const b of layout.biases) {
    const key = `b:${b.layer}:${b.row}`;
    if (!b.visible && view.selectedKey !== key) continue;
    const draw = () => withAlpha(ctx, view.dimmed(key) ? 0.4 : 1, () => {
      const grad = view.gradB(b.layer, b.row);
      const lines = labelLines(view.bias(b.layer, b.row), view.deltaB(b.layer, b.row), grad, layout.labelLines);
      return drawLabel(ctx, b, lines, b.name, emphasisOf(view, key, view.ranLabels.has(b.layer)), grad, layout, o);
    });
    if (view.selectedKey === key) late.push(draw); else draw();
  }
  return late;
}
