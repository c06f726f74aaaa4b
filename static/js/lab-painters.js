// lab-painters: the lab's views as painters that redraw only when their inputs changed: the
// decision boundary, the shown hidden unit's map (the same drawing with the unit's grid), the
// hidden space, and the loss curve with its read-out and, for data sets of up to 8 examples, each
// example's loss as a thin line (lazy/loss-examples.js, imported the first time there is a line
// to draw, then a redraw is asked for). Draws on the canvases main.js fits and
// writes the panel titles it is given; creates no element but through makeCanvas, and the unit's
// name in its title.

import { decodeGrid, drawBoundary, boundaryScratch } from './render-boundary.js';
import { drawHiddenSpace } from './render-hidden-space.js';
import { drawLoss, indexAt, lossScales } from './render-loss.js';
import { formatNumber, formatShort, selectionName, writeTitleWithName } from './format.js';

/** Call draw(...inputs) only when one of the inputs changed since the last call. */
export function memoized(draw) {
  let last = null;
  return (...inputs) => {
    if (last && inputs.length === last.length && inputs.every((input, i) => input === last[i])) return;
    last = inputs;
    draw(...inputs);
  };
}

/** A plane's tick, written in the language of `t` (format.js). */
const tickWriter = (t) => (value) => formatShort(value, t.lang);

/** The decision boundary, drawn when the grid, the examples, the size or the colours change. */
function boundaryPainter(scratch) {
  const decoded = memoizedValue((boundary) => decodeGrid(boundary, (text) => atob(text)));
  return memoized((boundary, dataset, size, colors, t) => {
    const data = dataset && { X: dataset.X, Y: dataset.Y, train: dataset.train ?? dataset.Y.length };
    drawBoundary(size.ctx, { grid: decoded(boundary), data, colors, scratch,
      labels: { x1: 'x₁', x2: 'x₂', legend: t('boundary_legend'), empty: t('loss_empty') },
      formatTick: tickWriter(t) }, size);
  });
}

/** The boundary message's map of hidden unit `index` of layer `layer` (1 … L−1), or null. */
function unitMap(boundary, layer, index) {
  return (layer === undefined ? null : boundary?.units?.layers?.[layer - 1]?.[index]) ?? null;
}

/** The name of the hidden unit whose map the boundary message holds ("a₁"), or null. */
export function unitName(boundary, layer, index, sizes) {
  return unitMap(boundary, layer, index) ? selectionName(sizes, { what: 'neuron', layer, index }) : null;
}

/** "Ativação de a₁": the unit's name in an element of its own, kept lower case under the
 * uppercased panel titles (app.css: a₁ is not A₁). Written whenever the name or the language
 * changes, the map on screen or not (a language switch rewrote it to the bare title). */
function showUnitTitle(title, name, t) {
  if (!name) {
    title.textContent = t('unit_title');
    return;
  }
  writeTitleWithName(title, t('unit_title_of', { name: '\u0000' }), name);
}

/** The shown hidden unit's map: the boundary's drawing with the unit's grid and range. */
function unitPainter(scratch) {
  return memoized((boundary, layer, index, dataset, size, colors, t) => {
    const map = unitMap(boundary, layer, index);
    const grid = map && decodeGrid({ size: boundary.units.size, plane: boundary.plane, values: map.values },
      (text) => atob(text));
    const data = dataset && { X: dataset.X, Y: dataset.Y, train: dataset.train ?? dataset.Y.length };
    drawBoundary(size.ctx, { grid, data, colors, scratch, contour: false, legendRange: map?.range,
      labels: { x1: 'x₁', x2: 'x₂', legend: 'a', empty: t('loss_empty') },
      formatTick: tickWriter(t) }, size);
  });
}

/** The hidden space of a last layer of two units, with its title. */
function spacePainter(el) {
  return memoized((space, dataset, size, colors, t) => {
    el.bp_spaceTitle.textContent = t('space_title_of', { n: space.layer });
    drawHiddenSpace(size.ctx, { space, data: dataset && { Y: dataset.Y, train: dataset.train ?? dataset.Y.length },
      colors, labels: { a1: 'a₁', a2: 'a₂', line: t('space_line') }, formatTick: tickWriter(t) }, size);
  });
}

/** {boundary, unit, space}: the lab's painters; makeCanvas() gives a canvas for their scratch layers. */
export function createLabPainters(el, makeCanvas) {
  return { boundary: boundaryPainter(boundaryScratch(makeCanvas)), unit: unitPainter(boundaryScratch(makeCanvas)),
    unitTitle: memoized((name, t) => {
      showUnitTitle(el.bp_unitTitle, name, t);
      el.bp_unitMap.setAttribute('aria-label', name ? t('unit_label_of', { name }) : t('unit_label'));
    }), space: spacePainter(el) };
}

/** "época 120: 0,0345" (with a validation loss, both). */
export function lossReadout(point, precision, t) {
  const [epoch, loss, val] = point;
  const params = { epoch, loss: formatNumber(loss, precision, t.lang), val: formatNumber(val, precision, t.lang) };
  return t(point.length > 2 ? 'loss_readout_val' : 'loss_readout', params);
}


/** f(input) computed once per distinct input (the last one). */
function memoizedValue(f) {
  let last = { input: undefined, output: null };
  return (input) => {
    if (input !== last.input) last = { input, output: f(input) };
    return last.output;
  };
}

/** Whether the per-example losses make a line yet (two points that have them). */
const hasLines = (exampleHistory) => exampleHistory.filter(Boolean).length > 1;

function paint(el, history, exampleHistory, dataset, size, view, lines) {
  const { logScale, precision, colors, t, hoverX } = view;
  const series = lines && hasLines(exampleHistory) ? lines.exampleSeries(exampleHistory, dataset, t) : [];
  const hoverText = (point) => lossReadout(point, precision, t);
  drawLoss(size.ctx, history, { width: size.width, height: size.height, colors, logScale, series,
    emptyText: t('loss_empty'), xLabel: t('loss_axis_x'), yLabel: t('loss_axis_y'),
    trainLabel: t('curve_train'), valLabel: t('curve_val'), hoverX, hoverText,
    formatValue: (loss) => formatNumber(loss, precision, t.lang), lang: t.lang });
  const i = hoverX === null || !history.length ? -1
    : indexAt(history, lossScales(history, size.width, size.height, logScale, series), hoverX);
  const perExample = i >= 0 && series.length ? lines.examplesReadout(exampleHistory[i], dataset, precision, t) : '';
  el.bp_lossReadout.textContent = i < 0 ? '' : [hoverText(history[i]), perExample].filter(Boolean).join(' · ');
}

/**
 * painter(state, size, {logScale, precision, colors, t, hoverX}); onLoaded() after the lines' module
 * came. painter.warm() fetches that module ahead (before training, whose first frames draw lines).
 */
export function createLossPainter(el, onLoaded) {
  let lines = null;
  let loading = null;
  let waiting = false; // a state asked for the lines: redraw once they came
  const load = () => (loading ??= import('./lazy/loss-examples.js').then((module) => { lines = module; },
    () => { loading = null; })); // offline for a moment: the next state tries again
  const draw = memoized((history, exampleHistory, dataset, size, logScale, precision, colors, t, hoverX, module) =>
    paint(el, history, exampleHistory, dataset, size, { logScale, precision, colors, t, hoverX }, module));
  const painter = (state, size, { logScale, precision, colors, t, hoverX }) => {
    const examples = state.exampleHistory ?? [];
    if (!lines && !waiting && hasLines(examples)) {
      waiting = true;
      load().then(() => {
        waiting = false;
        if (lines) onLoaded();
      });
    }
    draw(state.history, examples, state.server?.dataset, size, logScale, precision, colors, t, hoverX, lines);
  };
  painter.warm = () => { load(); };
  return painter;
}
