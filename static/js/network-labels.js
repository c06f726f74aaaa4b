// network-labels.js — owns the labels of the parameters (value, Δ after an
// update, ∇ after backward; the selected one drawn last, on top) and the
// move arrows (where −η·∇ takes each parameter) beside edges and biases. Draws on the ctx it is given from
// a view (network-view.js) and a layout (layout.js); keeps no state.

import { prettyName } from './format.js';
import { font, fitNumber, withAlpha, roundRect, moveArrow } from './draw-primitives.js';
import { gradientWidth } from './network-view.js';

/** Each weight's move arrow (where −η·∇ takes it), just left of its label. */
export function drawEdgeArrows(ctx, view, layout, o) {
  for (const e of layout.edges) {
    const g = view.gradW(e.layer, e.row, e.col);
    if (g === null) continue;
    const key = `e:${e.layer}:${e.row}:${e.col}`;
    const shown = e.label.visible || view.selectedKey === key;
    const x = shown ? e.label.x - e.label.box.w / 2 - 4 : e.label.x;
    withAlpha(ctx, view.dimmed(key) ? 0.25 : 1, () => {
      moveArrow(ctx, x, e.label.y, layout.lineH * 0.9, g, gradientWidth(g) || 1, o.colors);
    });
  }
}

/** A bias's move arrow: just left of its label (or under the neuron when the label is hidden). */
function drawBiasArrow(ctx, b, g, textW, layout, o) {
  const x = textW ? b.x - Math.max(textW, b.box.w) / 2 - 4 : b.x;
  const y = textW ? b.y : b.box.y + layout.lineH / 2;
  moveArrow(ctx, x, y, layout.lineH * 0.9, g, gradientWidth(g) || 1, o.colors);
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
  ctx.fillStyle = c.fg; // the sign is written; colour and arrows speak of the move, not of ∇
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
