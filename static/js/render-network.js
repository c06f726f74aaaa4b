// render-network.js — owns the picture of the network: neurons with z and a,
// inputs, target and loss, weighted edges, gradient arrows, the change each
// parameter took, the highlight of the phase that just ran and the gradient
// path of the selection. drawNetwork is a pure function of its arguments:
// it reads no DOM and keeps no state. Coordinates are CSS pixels (the caller
// sets the devicePixelRatio transform).

import { formatNumber, formatSigned, prettyName, isCourseNet, toSubscript } from './format.js';
import { layoutNetwork } from './layout.js';

const DEFAULT_COLORS = {
  fg: '#1f2328', muted: '#6b7280', bg: '#ffffff', accent: '#2563eb',
  positive: '#1d6fd1', negative: '#d1452b', grid: '#e5e7eb', highlight: '#f5a524',
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
  return fits ? l : layoutNetwork(sizes, o.width, o.height);
}

function font(size, weight = '') {
  return `${weight} ${size}px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif`.trim();
}

/** The longest of the candidate strings that fits maxWidth (the last one otherwise). */
function fit(ctx, candidates, maxWidth) {
  for (const c of candidates) if (ctx.measureText(c).width <= maxWidth) return c;
  return candidates[candidates.length - 1];
}

/** A number written with as many decimals (≤ precision) as fit maxWidth; prefix kept if it fits. */
function fitNumber(ctx, value, precision, maxWidth, { prefix = '', signed = false } = {}) {
  const write = signed ? formatSigned : formatNumber;
  const candidates = [];
  for (let p = precision; p >= 1; p -= 1) candidates.push(prefix + write(value, p));
  if (prefix) for (let p = precision; p >= 1; p -= 1) candidates.push(write(value, p));
  candidates.push(roughNumber(value));
  return fit(ctx, candidates, maxWidth);
}

/** Text with a halo of the background colour, readable over the lines it crosses. */
function haloText(ctx, textValue, x, y, bg) {
  ctx.save();
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = bg;
  ctx.strokeText(textValue, x, y);
  ctx.restore();
  ctx.fillText(textValue, x, y);
}

/** The last resort when nothing fits: one decimal, never scientific ("0.0" for a tiny value). */
function roughNumber(value) {
  const text = Math.abs(value) < 0.05 ? '0.0' : value.toFixed(1);
  return text.replace('-', '\u2212');
}

function withAlpha(ctx, alpha, draw) {
  ctx.save();
  ctx.globalAlpha *= alpha;
  draw();
  ctx.restore();
}

function roundRect(ctx, b, radius) {
  const r = Math.min(radius, b.w / 2, b.h / 2);
  ctx.beginPath();
  ctx.moveTo(b.x + r, b.y);
  ctx.arcTo(b.x + b.w, b.y, b.x + b.w, b.y + b.h, r);
  ctx.arcTo(b.x + b.w, b.y + b.h, b.x, b.y + b.h, r);
  ctx.arcTo(b.x, b.y + b.h, b.x, b.y, r);
  ctx.arcTo(b.x, b.y, b.x + b.w, b.y, r);
  ctx.closePath();
}

function signColor(c, value) {
  return value < 0 ? c.negative : c.positive;
}

/** Line width of an edge from its weight: thin near 0, about 5 px for |w| ≳ 3. */
function weightWidth(w) {
  return 0.8 + 4.2 * Math.tanh(Math.abs(w) / 2);
}

/** Arrow thickness from a gradient: 1 px at 1e−6 up to 4 px at 1, on a log scale so tiny gradients still show. */
export function gradientWidth(g) {
  if (!g) return 0;
  const t = (Math.log10(Math.abs(g)) + 6) / 6;
  return 1 + 3 * Math.min(1, Math.max(0, t));
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

function glowLine(ctx, x1, y1, x2, y2, width, color) {
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

/** An arrow from (x1, y1) to (x2, y2) with a head at the end. */
function arrow(ctx, x1, y1, x2, y2, width, color, dashed = false) {
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
function drawEdgeArrows(ctx, view, layout, o) {
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

function circle(ctx, n, extra = 0) {
  ctx.beginPath();
  ctx.arc(n.x, n.y, n.r + extra, 0, Math.PI * 2);
}

function drawNeuron(ctx, n, view, layout, o) {
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
    drawNeuronText(ctx, n, a, view, layout, o);
  });
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


// ── labels of edges and biases ────────────────────────────────────────────

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

function drawEdgeLabels(ctx, view, layout, o) {
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

function drawBiasLabels(ctx, view, layout, o) {
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

// ── target and loss ───────────────────────────────────────────────────────

function drawTarget(ctx, view, layout, o) {
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

// ── the view: what the state says, in the shape the drawing needs ─────────

function pick(root, ...path) {
  let v = root;
  for (const i of path) {
    if (v === null || v === undefined) return null;
    v = v[i];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function allLayers(sizes) {
  return sizes.slice(1).map((_, l) => l);
}

/** Which parts glow for the phase that just ran (only `layer` in detailed mode). */
export function ranParts(state) {
  const none = { edges: new Set(), neurons: new Set(), labels: new Set(), target: false };
  if (!state || !state.sizes) return none;
  const L = state.sizes.length - 1;
  const layers = state.layer === null || state.layer === undefined ? allLayers(state.sizes) : [state.layer];
  const detailed = state.layer !== null && state.layer !== undefined;
  if (state.phase === 'forward') {
    return { edges: new Set(detailed ? layers : []), neurons: new Set(layers.map((l) => l + 1)), labels: new Set(), target: layers.includes(L - 1) };
  }
  if (state.phase === 'backward') {
    return { edges: new Set(detailed ? layers : []), neurons: new Set(detailed ? layers.map((l) => l + 1) : []), labels: new Set(), target: false };
  }
  if (state.phase === 'update') return { edges: new Set(), neurons: new Set(), labels: new Set(layers), target: false };
  return none;
}

/** Keys of everything on the gradient path from the loss down to the selection. */
export function gradientPath(sizes, sel) {
  const keys = new Set();
  if (!sel) return keys;
  const L = sizes.length - 1;
  const downstream = (k, i) => {
    keys.add(`n:${k}:${i}`);
    if (k === L) return;
    for (let r = 0; r < sizes[k + 1]; r += 1) keys.add(`e:${k}:${r}:${i}`);
    for (let kk = k + 1; kk <= L; kk += 1) {
      for (let r = 0; r < sizes[kk]; r += 1) keys.add(`n:${kk}:${r}`);
      if (kk < L) for (let r = 0; r < sizes[kk + 1]; r += 1) for (let c = 0; c < sizes[kk]; c += 1) keys.add(`e:${kk}:${r}:${c}`);
    }
  };
  if (sel.what === 'weight') {
    keys.add(`e:${sel.layer}:${sel.row}:${sel.col}`);
    keys.add(`n:${sel.layer}:${sel.col}`);
    downstream(sel.layer + 1, sel.row);
  } else if (sel.what === 'bias') {
    keys.add(`b:${sel.layer}:${sel.row}`);
    downstream(sel.layer + 1, sel.row);
  } else if (sel.what === 'neuron') downstream(sel.layer, sel.index);
  else if (sel.what === 'input') downstream(0, sel.index);
  else if (sel.what === 'target') keys.add(`n:${L}:0`);
  keys.add('target');
  return keys;
}

function selectedKeyOf(sel) {
  if (!sel) return null;
  if (sel.what === 'weight') return `e:${sel.layer}:${sel.row}:${sel.col}`;
  if (sel.what === 'bias') return `b:${sel.layer}:${sel.row}`;
  if (sel.what === 'target') return 'target';
  return sel.what === 'input' ? `n:0:${sel.index}` : `n:${sel.layer}:${sel.index}`;
}

/** Everything the picture shows, read from a protocol `state` (or null) — pure. */
export function buildView(state, { selection = null, showGradients = true } = {}) {
  const s = state || {};
  const sizes = s.sizes || [2, 2, 1];
  const L = sizes.length - 1;
  const p = s.params || {};
  const f = s.forward || {};
  const bw = s.backward || {};
  const up = s.update || {};
  const ran = ranParts(state);
  const onPath = gradientPath(sizes, selection);
  return {
    sizes, connected: Boolean(state), phase: s.phase || 'idle', layer: s.layer ?? null, next: s.next || null,
    weight: (l, i, j) => pick(p.W, l, i, j), bias: (l, i) => pick(p.b, l, i),
    deltaW: (l, i, j) => pick(up.delta_W, l, i, j), deltaB: (l, i) => pick(up.delta_b, l, i),
    gradW: (l, i, j) => (showGradients ? pick(bw.dW, l, i, j) : null),
    gradB: (l, i) => (showGradients ? pick(bw.db, l, i) : null),
    activation: (k, i) => (k === 0 ? pick(f.a, 0, i) ?? pick(s.example && s.example.x, i) : pick(f.a, k, i)),
    preActivation: (k, i) => pick(f.z, k - 1, i),
    target: s.example ? pick(s.example, 'y') : null, loss: pick(f, 'loss'),
    gradYHat: showGradients ? pick(bw.da, L - 1, 0) : null,
    ranEdges: ran.edges, ranNeurons: ran.neurons, ranLabels: ran.labels, ranTarget: ran.target,
    onPath, selectedKey: selectedKeyOf(selection),
    dimmed: (key) => Boolean(selection) && !onPath.has(key),
  };
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
  drawEdges(ctx, view, layout, o);
  drawEdgeArrows(ctx, view, layout, o);
  for (const col of layout.neurons) for (const n of col) drawNeuron(ctx, n, view, layout, o);
  drawTarget(ctx, view, layout, o);
  if (view.connected) {
    const late = [...drawEdgeLabels(ctx, view, layout, o), ...drawBiasLabels(ctx, view, layout, o)];
    for (const draw of late) draw();
  }
  ctx.restore();
  return layout;
}
