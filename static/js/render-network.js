// render-network.js — owns the picture of the network as a whole: drawNetwork
// reads the view (network-view.js) and the layout, then paints the background,
// the header (phase that ran, next step), each layer's gradient-flow band
// (drawFlowBands), the weighted edges, and in order the
// gradient arrows and parameter labels (network-labels.js), the neurons, target
// and loss (network-nodes.js). drawNetwork is a pure function of its arguments:
// it reads no DOM and keeps no state. Coordinates are CSS pixels (the caller
// sets the devicePixelRatio transform).

import { layoutNetwork } from './layout.js';
import { font, fit, withAlpha, signColor, glowLine } from './draw-primitives.js';
import { buildView, weightWidth } from './network-view.js';
import { drawNeuron, drawTarget } from './network-nodes.js';
import { drawEdgeLabels, drawBiasLabels } from './network-labels.js';

const DEFAULT_COLORS = {
  fg: '#1f2328', muted: '#6b7280', bg: '#ffffff', accent: '#2563eb',
  positive: '#1d6fd1', negative: '#c2410c', grid: '#e5e7eb', highlight: '#f5a524',
};

const TEXT = {
  'pt-BR': {
    idle: 'Pronto: nenhum passo ainda', forward: 'Forward (propagação)', backward: 'Backward (retropropagação)',
    update: 'Atualização dos pesos', next: 'próximo', layerOut: 'camada de saída', layerHidden: 'camada oculta',
    connecting: 'Conectando…',
    phaseShort: { idle: 'início', forward: 'forward', backward: 'backward', update: 'atualização' },
  },
  en: {
    idle: 'Ready: no step yet', forward: 'Forward pass', backward: 'Backward pass',
    update: 'Weight update', next: 'next', layerOut: 'output layer', layerHidden: 'hidden layer',
    connecting: 'Connecting…',
    phaseShort: { idle: 'start', forward: 'forward', backward: 'backward', update: 'update' },
  },
};

function text(lang) {
  return TEXT[lang] || TEXT['pt-BR'];
}

function normalize(options) {
  const o = options || {};
  return {
    width: o.width || 500, height: o.height || 300,
    precision: Number.isFinite(o.precision) ? o.precision : 4,
    showGradients: o.showGradients !== false, selection: o.selection || null,
    colors: { ...DEFAULT_COLORS, ...(o.colors || {}) }, lang: o.lang || 'pt-BR', layout: o.layout || null,
  };
}

function layoutFor(sizes, o) {
  const l = o.layout;
  const fits = l && l.width === o.width && l.height === o.height && l.sizes.join() === sizes.join();
  return fits && l.precision === o.precision ? l : layoutNetwork(sizes, o.width, o.height, { precision: o.precision });
}

function drawHeader(ctx, view, layout, o) {
  const t = text(o.lang);
  const c = o.colors;
  const y = layout.header / 2 + 1;
  ctx.font = font(layout.fontSize, '600');
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = view.phase === 'idle' ? c.muted : c.fg;
  const title = view.layer === null ? t[view.phase] : `${t[view.phase]} · ${layerLabel(view, t)}`;
  const right = view.next ? `${t.next}: ${t.phaseShort[view.next.phase] || view.next.phase}` : '';
  ctx.font = font(layout.fontSize);
  const rightW = ctx.measureText(right).width;
  ctx.font = font(layout.fontSize, '600');
  ctx.fillText(fit(ctx, [title, t[view.phase], t.phaseShort[view.phase]], layout.width - rightW - 16), 4, y);
  ctx.font = font(layout.fontSize);
  ctx.textAlign = 'right';
  ctx.fillStyle = c.muted;
  ctx.fillText(right, layout.width - 4, y);
}

function layerLabel(view, t) {
  return view.layer === view.sizes.length - 2 ? t.layerOut : `${t.layerHidden} ${view.layer + 1}`;
}

function drawEdges(ctx, view, layout, o) {
  const c = o.colors;
  for (const e of layout.edges) {
    const w = view.weight(e.layer, e.row, e.col);
    const key = `e:${e.layer}:${e.row}:${e.col}`;
    const width = w === null ? 1 : weightWidth(w);
    if (view.onPath.has(key)) glowLine(ctx, e.x1, e.y1, e.x2, e.y2, width + 2, c.accent);
    else if (view.ranEdges.has(e.layer)) withAlpha(ctx, view.dimmed(key) ? 0.3 : 1, () => glowLine(ctx, e.x1, e.y1, e.x2, e.y2, width, c.highlight));
    withAlpha(ctx, view.dimmed(key) ? 0.25 : 0.9, () => {
      ctx.strokeStyle = w === null ? c.muted : signColor(c, w);
      ctx.lineWidth = width;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(e.x1, e.y1);
      ctx.lineTo(e.x2, e.y2);
      ctx.stroke();
    });
  }
}

// ── the gradient flow: behind each weight layer's edges a band whose shade follows
// log10 ‖∂L/∂W‖ of that layer (the server's gradflow.norm_W), from the weakest layer
// (faint) to the strongest, over at least one decade: a vanishing gradient fades
// toward the input.

/** Band opacity of each weight layer, from 0.03 (weakest, or no gradient) to 0.18 (strongest). */
export function flowShades(norms) {
  const logs = norms.map((v) => (v > 0 ? Math.log10(v) : null));
  const known = logs.filter((v) => v !== null);
  const top = Math.max(...known);
  const span = Math.max(1, top - Math.min(...known));
  return logs.map((v) => 0.03 + 0.15 * (v === null ? 0 : 1 - (top - v) / span));
}

/** The bands of every weight layer, under the edges. */
export function drawFlowBands(ctx, norms, layout, color) {
  if (!Array.isArray(norms) || !norms.some((v) => v > 0)) return;
  flowShades(norms).forEach((alpha, l) => {
    const left = layout.neurons[l][0].x;
    ctx.globalAlpha = alpha;
    ctx.fillStyle = color;
    ctx.fillRect(left, layout.header, layout.neurons[l + 1][0].x - left, layout.height - layout.header);
  });
  ctx.globalAlpha = 1;
}

// ── the entry point ───────────────────────────────────────────────────────

function drawConnecting(ctx, layout, o) {
  const t = text(o.lang);
  ctx.font = font(layout.fontSize + 2, '600');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = o.colors.muted;
  ctx.fillText(t.connecting, layout.width / 2, layout.header / 2 + 1);
}

/**
 * Draw the network for a protocol `state` (null before the first message).
 * options: {width, height, precision, showGradients, selection, colors, lang, layout}.
 * Returns {layout, selectedLabel}: the box the selected weight's or bias's label was drawn in, its
 * outline included, or null. Its hotspot takes that box, wider than the layout's when the label
 * grew to show its name and a long number, so the focus ring goes round the label, not across it.
 */
export function drawNetwork(ctx, state, options) {
  const o = normalize(options);
  const view = buildView(state, o);
  const layout = layoutFor(view.sizes, o);
  ctx.save();
  ctx.clearRect(0, 0, o.width, o.height);
  ctx.fillStyle = o.colors.bg;
  ctx.fillRect(0, 0, o.width, o.height);
  if (view.connected) drawHeader(ctx, view, layout, o); else drawConnecting(ctx, layout, o);
  drawFlowBands(ctx, state?.gradflow?.norm_W, layout, o.colors.accent);
  drawEdges(ctx, view, layout, o);
  for (const col of layout.neurons) for (const n of col) drawNeuron(ctx, n, view, layout, o);
  drawTarget(ctx, view, layout, o);
  let selectedLabel = null;
  if (view.connected) {
    const late = [...drawEdgeLabels(ctx, view, layout, o), ...drawBiasLabels(ctx, view, layout, o)];
    for (const draw of late) selectedLabel = draw() ?? selectedLabel;
  }
  ctx.restore();
  return { layout, selectedLabel };
}
