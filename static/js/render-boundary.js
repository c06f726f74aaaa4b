// render-boundary: draws the decision boundary: the server's grid of ŷ over the input plane as a
// heat map (class-0 colour → background → class-1 colour), the ŷ = 0.5 contour, the examples
// (training filled, validation hollow), the axes and a 0–1 colour legend. Pure: everything comes
// in through its arguments (what it keeps between frames too: see boundaryScratch); it reads no DOM.
// Also exports its pieces (decoding, colour ramp, contour, plot box) for tests.

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LEGEND_HEIGHT = 34;
const MARGIN = { left: 30, right: 10, top: 10, bottom: 22 };
export const CLASS_COLORS = { zero: [232, 113, 10], one: [26, 115, 232] };
// How far the map's colours go towards a class colour (points keep the full colour).
const MAP_STRENGTH = 0.6;

/**
 * The server's `boundary` ({size, plane, bits (16, or 8 when absent), values: base64}) →
 * {size, plane, values, top, shades}: `values` the cells as integers (Uint16Array or Uint8Array),
 * `top` what the largest stands for (65535 or 255: ŷ = value/top), `shades` each cell on the
 * 0–255 scale of the colour ramp. A 16-bit cell is two bytes, little-endian.
 */
export function decodeGrid(boundary, decodeBase64) {
  if (!boundary || typeof boundary.values !== 'string') return null;
  const wide = boundary.bits === 16;
  const text = decodeBase64(boundary.values);
  const cells = boundary.size * boundary.size;
  if (text.length !== (wide ? 2 * cells : cells)) return null;
  const values = wide ? new Uint16Array(cells) : new Uint8Array(cells);
  const shades = wide ? new Uint8Array(cells) : values;
  if (wide) {
    for (let k = 0; k < cells; k += 1) {
      values[k] = text.charCodeAt(2 * k) | (text.charCodeAt(2 * k + 1) << 8);
      shades[k] = Math.round((values[k] * 255) / 65535);
    }
  } else {
    for (let k = 0; k < cells; k += 1) values[k] = text.charCodeAt(k);
  }
  return { ...boundary, values, top: wide ? 65535 : 255, shades };
}

/** '#rrggbb' → [r, g, b]; anything else → white. */
export function parseHex(color) {
  const match = /^#([0-9a-f]{6})$/i.exec(String(color).trim());
  if (!match) return [255, 255, 255];
  const n = parseInt(match[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

/** 256 RGB colours for bytes 0 … 255 (ŷ = byte/255): class 0 → background → class 1. */
export function colorRamp(background) {
  const mid = parseHex(background);
  const zero = mix(mid, CLASS_COLORS.zero, MAP_STRENGTH);
  const one = mix(mid, CLASS_COLORS.one, MAP_STRENGTH);
  return Array.from({ length: 256 }, (_, v) => {
    const t = v / 255;
    return t < 0.5 ? mix(zero, mid, t * 2) : mix(mid, one, (t - 0.5) * 2);
  });
}

/** The ramp as 256 RGBA pixels, to copy into an ImageData one 32-bit word per cell. */
function rampPixels(background) {
  const bytes = new Uint8Array(256 * 4);
  colorRamp(background).forEach(([r, g, b], v) => bytes.set([r, g, b, 255], v * 4));
  return new Uint32Array(bytes.buffer); // same byte order as the ImageData: no endianness to mind
}

/**
 * What drawBoundary keeps between frames, so that a new grid costs one pass of 32-bit copies and
 * no allocation: `heat`, an n × n canvas with its ImageData and the ramp's pixels for the current
 * background; `examples`, a transparent layer the size of the canvas with the examples painted
 * once (400 circles become one drawImage while the map changes under them). makeCanvas() gives
 * a fresh canvas element.
 */
export function boundaryScratch(makeCanvas) {
  return {
    heat: { canvas: makeCanvas(), size: 0, image: null, pixels: null, background: null, ramp: null },
    examples: { canvas: null, X: null, Y: null, key: '' },
    makeCanvas,
  };
}

/**
 * The `level` contour of an n × n grid (byte k = j·n + i) by marching squares: calls
 * emit(x0, y0, x1, y1) for each segment, in grid units (cell centre (i, j) is at (i, j)).
 * Allocates nothing per cell: it runs on every new grid while training.
 */
export function traceContour(values, n, level, emit) {
  const xs = new Float64Array(4);
  const ys = new Float64Array(4);
  for (let j = 0; j + 1 < n; j += 1) {
    for (let i = 0; i + 1 < n; i += 1) {
      const a = values[j * n + i];
      const b = values[j * n + i + 1];
      const c = values[(j + 1) * n + i + 1];
      const d = values[(j + 1) * n + i];
      let found = 0;
      // The four edges, in order: bottom (a→b), right (b→c), top (c→d), left (d→a).
      if ((a > level) !== (b > level)) { xs[found] = i + (level - a) / (b - a); ys[found] = j; found += 1; }
      if ((b > level) !== (c > level)) { xs[found] = i + 1; ys[found] = j + (level - b) / (c - b); found += 1; }
      if ((c > level) !== (d > level)) { xs[found] = i + 1 - (level - c) / (d - c); ys[found] = j + 1; found += 1; }
      if ((d > level) !== (a > level)) { xs[found] = i; ys[found] = j + 1 - (level - d) / (a - d); found += 1; }
      for (let p = 0; p + 1 < found; p += 2) emit(xs[p], ys[p], xs[p + 1], ys[p + 1]);
    }
  }
}

/** The contour's segments as [x0, y0, x1, y1] (see traceContour). */
export function contourSegments(values, n, level = 127.5) {
  const segments = [];
  traceContour(values, n, level, (x0, y0, x1, y1) => segments.push([x0, y0, x1, y1]));
  return segments;
}

/** The square plot area and the legend's bar below it, in CSS pixels. */
export function plotBox(width, height) {
  const side = Math.max(20, Math.min(width - MARGIN.left - MARGIN.right,
    height - MARGIN.top - MARGIN.bottom - LEGEND_HEIGHT));
  const left = MARGIN.left + Math.max(0, (width - MARGIN.left - MARGIN.right - side) / 2);
  const legend = { left, top: MARGIN.top + side + MARGIN.bottom + 6, width: side, height: 8 };
  return { left, top: MARGIN.top, width: side, height: side, legend };
}

/** Data coordinates → pixels of the box, for the grid's plane [x1 min, x1 max, x2 min, x2 max]. */
export function planeScale(plane, box) {
  const [x1Min, x1Max, x2Min, x2Max] = plane;
  return {
    x: (x1) => box.left + ((x1 - x1Min) / (x1Max - x1Min)) * box.width,
    y: (x2) => box.top + box.height - ((x2 - x2Min) / (x2Max - x2Min)) * box.height,
  };
}

/** Paint the grid into the scratch's n × n pixels, then scale them onto the box (smoothed). */
function paintHeatMap(ctx, grid, box, view) {
  const { size: n } = grid;
  const shades = grid.shades ?? grid.values; // a grid of bytes is its own shades
  const scratch = view.scratch.heat;
  const sctx = scratch.canvas.getContext('2d');
  if (scratch.size !== n) {
    scratch.canvas.width = n; // resizing a canvas reallocates it: only when the grid's size changes
    scratch.canvas.height = n;
    scratch.image = sctx.createImageData(n, n);
    scratch.pixels = new Uint32Array(scratch.image.data.buffer);
    scratch.size = n;
  }
  if (scratch.background !== view.colors.bg) {
    scratch.ramp = rampPixels(view.colors.bg);
    scratch.background = view.colors.bg;
  }
  const { pixels, ramp } = scratch;
  for (let j = 0; j < n; j += 1) {
    const row = (n - 1 - j) * n; // the image's top row is the plane's top (x2 max)
    for (let i = 0; i < n; i += 1) pixels[row + i] = ramp[shades[j * n + i]];
  }
  sctx.putImageData(scratch.image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch.canvas, box.left, box.top, box.width, box.height);
}

function drawContour(ctx, grid, box, colors) {
  const n = grid.size;
  const px = (i) => box.left + ((i + 0.5) / n) * box.width;
  const py = (j) => box.top + box.height - ((j + 0.5) / n) * box.height;
  ctx.strokeStyle = colors.fg;
  ctx.lineWidth = 2;
  ctx.beginPath();
  traceContour(grid.values, n, (grid.top ?? 255) / 2, (x0, y0, x1, y1) => {
    ctx.moveTo(px(x0), py(y0));
    ctx.lineTo(px(x1), py(y1));
  });
  ctx.stroke();
}

/** The examples in four paths (training/validation × class), so 400 points cost eight calls. */
function drawExamples(ctx, data, scale, colors) {
  const { X, Y, train } = data;
  const radius = X.length > 30 ? 3 : 4.5;
  for (const [cls, rgb] of [[0, CLASS_COLORS.zero], [1, CLASS_COLORS.one]]) {
    const color = `rgb(${rgb.join(',')})`;
    for (const training of [true, false]) {
      ctx.beginPath();
      X.forEach(([x1, x2], k) => {
        if ((Y[k] > 0.5 ? 1 : 0) !== cls || (k < train) !== training) return;
        ctx.moveTo(scale.x(x1) + radius, scale.y(x2));
        ctx.arc(scale.x(x1), scale.y(x2), radius, 0, Math.PI * 2);
      });
      if (training) {
        ctx.fillStyle = color;
        ctx.fill();
      }
      ctx.strokeStyle = training ? colors.fg : color;
      ctx.lineWidth = training ? 1 : 2;
      ctx.stroke();
    }
  }
}

/** The examples' layer, repainted only when the examples, the plane, the size or the colours change. */
function drawExamplesLayer(ctx, data, plane, box, view, size) {
  const layer = view.scratch.examples;
  const ratio = ctx.getTransform?.()?.a || 1; // the canvas's devicePixelRatio, set by its owner
  const key = [plane.join(), box.left, box.width, size.width, size.height, ratio, data.train, view.colors.fg].join('|');
  if (layer.X !== data.X || layer.Y !== data.Y || layer.key !== key) {
    layer.canvas ??= view.scratch.makeCanvas();
    const width = Math.max(1, Math.round(size.width * ratio));
    const height = Math.max(1, Math.round(size.height * ratio));
    if (layer.canvas.width !== width) layer.canvas.width = width;
    if (layer.canvas.height !== height) layer.canvas.height = height;
    const lctx = layer.canvas.getContext('2d');
    lctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    lctx.clearRect(0, 0, size.width, size.height);
    drawExamples(lctx, data, planeScale(plane, box), view.colors);
    Object.assign(layer, { X: data.X, Y: data.Y, key });
  }
  ctx.drawImage(layer.canvas, 0, 0, size.width, size.height);
}

function drawFrame(ctx, plane, box, view) {
  const { colors, labels } = view;
  ctx.strokeStyle = colors.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);
  ctx.font = FONT;
  ctx.fillStyle = colors.muted;
  const label = view.formatTick ?? String;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(label(plane[0]), box.left, box.top + box.height + 4);
  ctx.textAlign = 'right';
  ctx.fillText(label(plane[1]), box.left + box.width, box.top + box.height + 4);
  ctx.textAlign = 'center';
  ctx.fillText(labels.x1, box.left + box.width / 2, box.top + box.height + 4);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(label(plane[2]), box.left - 4, box.top + box.height);
  ctx.textBaseline = 'top';
  ctx.fillText(label(plane[3]), box.left - 4, box.top);
  ctx.textBaseline = 'middle';
  ctx.fillText(labels.x2, box.left - 4, box.top + box.height / 2);
}

function drawLegend(ctx, box, view) {
  const [low, high] = view.legendRange ?? [0, 1];
  const { legend } = box;
  const ramp = new Uint8Array(view.scratch.heat.ramp.buffer); // set by paintHeatMap for this background
  const gradient = ctx.createLinearGradient(legend.left, 0, legend.left + legend.width, 0);
  for (const v of [0, 64, 128, 191, 255]) gradient.addColorStop(v / 255, `rgb(${ramp.subarray(v * 4, v * 4 + 3).join(',')})`);
  ctx.fillStyle = gradient;
  ctx.fillRect(legend.left, legend.top, legend.width, legend.height);
  ctx.strokeStyle = view.colors.muted;
  ctx.strokeRect(legend.left + 0.5, legend.top + 0.5, legend.width - 1, legend.height - 1);
  ctx.fillStyle = view.colors.muted;
  ctx.font = FONT;
  ctx.textBaseline = 'top';
  const ticks = [[0, 'left'], [0.5, 'center'], [1, 'right']];
  for (const [at, align] of ticks) {
    ctx.textAlign = align;
    ctx.fillText(view.formatTick(low + at * (high - low)), legend.left + at * legend.width, legend.top + legend.height + 2);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(view.labels.legend, legend.left - 6, legend.top + legend.height / 2);
}

/**
 * Draw the boundary. view: {grid: decodeGrid's result or null, data: {X, Y, train}, colors: {fg,
 * muted, bg}, labels: {x1, x2, legend, empty}, formatTick(number) → text, scratch: a
 * boundaryScratch kept from frame to frame (one per canvas), contour (default true: the 0.5
 * line), legendRange (default [0, 1]: what bytes 0 and 255 stand for)}; size: {width, height}.
 * A hidden unit's map is drawn by the same function.
 */
export function drawBoundary(ctx, view, size) {
  const { width, height } = size;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = view.colors.bg;
  ctx.fillRect(0, 0, width, height);
  const { grid } = view;
  if (!grid) {
    ctx.font = FONT;
    ctx.fillStyle = view.colors.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(view.labels.empty ?? '', width / 2, height / 2);
    return;
  }
  const box = plotBox(width, height);
  paintHeatMap(ctx, grid, box, view);
  if (view.contour !== false) drawContour(ctx, grid, box, view.colors);
  if (view.data) drawExamplesLayer(ctx, view.data, grid.plane, box, view, size);
  drawFrame(ctx, grid.plane, box, view);
  drawLegend(ctx, box, view);
}
