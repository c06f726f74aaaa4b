// network-labels.js — owns the labels of the parameters (value, Δ after an
// update, ∇ after backward; the selected one drawn last, on top) and the
// gradient arrows beside edges and biases. Draws on the ctx it is given from
// a view (network-view.js) and a layout (layout.js); keeps no state.

import { prettyName } from './format.js';
import { font, fitNumber, withAlpha, roundRect, signColor, arrow } from './draw-primitives.js';
import { weightWidth, gradientWidth } from './network-view.js';

/** The stretch of an edge (as t from, t to) left free by its label, toward the longer side. */
function freeStretch(e, labelShown) {
  const len = Math.hypot(e.x2 - e.x1, e.y2 - e.y1) || 1;
  if (!labelShown) return [0.85, 0.15];
  const half = (e.label.box.w / 2 + 4) / len;
  const before = e.label.t - half - 0.06;
  const after = 0.94 - (e.label.t + half);
  return after >= before ? [0.94, e.label.t + half] : [e.label.t - half, 0.06];
}

/** Gradient arrows beside every edge, pointing back toward the sender, beside the label. */
export function drawEdgeArrows(ctx, view, layout, o) {
  for (const e of layout.edges) {
    const g = view.gradW(e.layer, e.row, e.col);
    if (g === null) continue;
    const key = `e:${e.layer}:${e.row}:${e.col}`;
    const th = gradientWidth(g);
    const len = Math.hypot(e.x2 - e.x1, e.y2 - e.y1) || 1;
    const nx = -(e.y2 - e.y1) / len;
    const ny = (e.x2 - e.x1) / len;
    const off = weightWidth(view.weight(e.layer, e.row, e.col) ?? 0) / 2 + th / 2 + 2.5;
    const at = (t) => [e.x1 + (e.x2 - e.x1) * t - nx * off, e.y1 + (e.y2 - e.y1) * t - ny * off];
    const [from, to] = freeStretch(e, e.label.visible || view.selectedKey === key);
    const [xa, ya] = at(from);
    const [xb, yb] = at(to);
    withAlpha(ctx, view.dimmed(key) ? 0.25 : 1, () => {
      arrow(ctx, xa, ya, xb, yb, th || 1, g === 0 ? o.colors.muted : signColor(o.colors, g), g === 0);
    });
  }
}

/** A bias's gradient arrow: down, just left of its label (or under the neuron when the label is hidden). */
function drawBiasArrow(ctx, b, g, textW, layout, o) {
  const x = textW ? b.x - textW / 2 - 6 : b.x;
  const top = textW ? b.y - layout.lineH : b.box.y - 2;
  const bottom = textW ? b.y + layout.lineH * 0.8 : b.box.y + layout.lineH;
  arrow(ctx, x, top, x, bottom, gradientWidth(g) || 1, g === 0 ? o.colors.muted : signColor(o.colors, g), g === 0);
}

/** The lines of a parameter's label: value, then Δ after an update, then ∇ after backward. */
function labelLines(value, delta, grad, maxLines) {
  const lines = [{ kind: 'value', value }];
  if (delta !== null) lines.push({ kind: 'delta', value: delta });
  if (grad !== null) lines.push({ kind: 'grad', value: grad });
  return lines.slice(0, maxLines);
}

function drawLabel(ctx, anchor, lines, name, emphasis, layout, o) {
  const c = o.colors;
  const lh = layout.lineH;
  const w = anchor.box.w;
  const b = { x: anchor.x - w / 2, y: anchor.y - (lines.length * lh) / 2, w, h: lines.length * lh };
  roundRect(ctx, { x: b.x - 1, y: b.y - 1, w: b.w + 2, h: b.h + 2 }, 4);
  withAlpha(ctx, 0.9, () => { ctx.fillStyle = c.bg; ctx.fill(); });
  if (emphasis) {
    ctx.lineWidth = emphasis === 'selected' ? 2 : 1.5;
    ctx.strokeStyle = emphasis === 'selected' ? c.accent : c.highlight;
    ctx.stroke();
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let widest = 0;
  lines.forEach((line, k) => {
    const y = b.y + lh * (k + 0.5);
    widest = Math.max(widest, drawLabelLine(ctx, line, name, anchor.x, y, w - 2, layout, o));
  });
  return widest;
}

function drawLabelLine(ctx, line, name, x, y, maxW, layout, o) {
  if (line.kind === 'value') return drawValueLine(ctx, line.value, name, x, y, maxW, layout, o);
  const c = o.colors;
  ctx.font = font(layout.compact ? 9 : layout.fontSize - 1);
  ctx.fillStyle = line.kind === 'delta' ? c.fg : signColor(c, line.value);
  const prefix = line.kind === 'delta' ? 'Δ\u2009' : '∇\u2009';
  const shown = fitNumber(ctx, line.value, o.precision, maxW, { prefix, signed: true });
  ctx.fillText(shown, x, y);
  return ctx.measureText(shown).width;
}

/** "w₁₂ 0.1500": the name small and muted (dropped when there is no room), the value bold. */
function drawValueLine(ctx, value, name, x, y, maxW, layout, o) {
  const c = o.colors;
  const nameFont = font(Math.max(8, layout.fontSize - 1));
  ctx.font = nameFont;
  const label = name ? `${prettyName(name)} ` : '';
  const nameW = ctx.measureText(label).width;
  ctx.font = font(layout.fontSize, '600');
  const shown = value === null ? '—' : fitNumber(ctx, value, o.precision, maxW);
  const valueW = ctx.measureText(shown).width;
  const withName = label && nameW + valueW <= maxW;
  const total = withName ? nameW + valueW : valueW;
  ctx.textAlign = 'left';
  if (withName) {
    ctx.font = nameFont;
    ctx.fillStyle = c.muted;
    ctx.fillText(label, x - total / 2, y);
    ctx.font = font(layout.fontSize, '600');
  }
  ctx.fillStyle = value === null ? c.muted : c.fg;
  ctx.fillText(shown, x - total / 2 + (withName ? nameW : 0), y);
  ctx.textAlign = 'center';
  return total;
}

function emphasisOf(view, key, ran) {
  if (view.selectedKey === key) return 'selected';
  return ran ? 'ran' : null;
}

export function drawEdgeLabels(ctx, view, layout, o) {
  const late = [];
  for (const e of layout.edges) {
    const key = `e:${e.layer}:${e.row}:${e.col}`;
    if (!e.label.visible && view.selectedKey !== key) continue;
    const draw = () => {
      const lines = labelLines(view.weight(e.layer, e.row, e.col), view.deltaW(e.layer, e.row, e.col),
        view.gradW(e.layer, e.row, e.col), layout.labelLines);
      const ran = view.ranLabels.has(e.layer);
      withAlpha(ctx, view.dimmed(key) ? 0.4 : 1, () => drawLabel(ctx, e.label, lines, layout.labelNames || view.selectedKey === key ? e.name : '', emphasisOf(view, key, ran), layout, o));
    };
    if (view.selectedKey === key) late.push(draw); else draw();
  }
  return late;
}

export function drawBiasLabels(ctx, view, layout, o) {
  const late = [];
  for (const b of layout.biases) {
    const key = `b:${b.layer}:${b.row}`;
    const g = view.gradB(b.layer, b.row);
    const shown = b.visible || view.selectedKey === key;
    const draw = () => withAlpha(ctx, view.dimmed(key) ? 0.4 : 1, () => {
      let textW = 0;
      if (shown) {
        const lines = labelLines(view.bias(b.layer, b.row), view.deltaB(b.layer, b.row), g, layout.labelLines);
        textW = drawLabel(ctx, b, lines, b.name, emphasisOf(view, key, view.ranLabels.has(b.layer)), layout, o);
      }
      if (g !== null) drawBiasArrow(ctx, b, g, textW, layout, o);
    });
    if (view.selectedKey === key) late.push(draw); else draw();
  }
  return late;
}
