// loss-painter: the loss curve's painter. Draws the curve (render-loss.js) and, for data sets of
// up to 8 examples, each example's loss as a thin line (lazy/loss-examples.js, imported the first time
// there is a line to draw, then a redraw is asked for); writes the hover read-out beside it.

import { drawLoss, indexAt, lossScales } from './render-loss.js';
import { lossReadout, memoized } from './lab-painters.js';
import { formatNumber } from './format.js';

/** Whether the per-example losses make a line yet (two points that have them). */
const hasLines = (exampleHistory) => exampleHistory.filter(Boolean).length > 1;

function paint(el, history, exampleHistory, dataset, size, view, lines) {
  const { logScale, precision, colors, t, hoverX } = view;
  const series = lines && hasLines(exampleHistory) ? lines.exampleSeries(exampleHistory, dataset, t) : [];
  const hoverText = (point) => lossReadout(point, precision, t);
  drawLoss(size.ctx, history, { width: size.width, height: size.height, colors, logScale, series,
    emptyText: t('loss_empty'), xLabel: t('loss_axis_x'), yLabel: t('loss_axis_y'),
    trainLabel: t('curve_train'), valLabel: t('curve_val'), hoverX, hoverText,
    formatValue: (loss) => formatNumber(loss, precision) });
  const i = hoverX === null || !history.length ? -1
    : indexAt(history, lossScales(history, size.width, size.height, logScale, series), hoverX);
  const perExample = i >= 0 && series.length ? lines.examplesReadout(exampleHistory[i], dataset, precision, t) : '';
  el.bp_lossReadout.textContent = i < 0 ? '' : [hoverText(history[i]), perExample].filter(Boolean).join(' · ');
}

/** painter(state, size, {logScale, precision, colors, t, hoverX}); onLoaded() after the lines' module came. */
export function createLossPainter(el, onLoaded) {
  let lines = null;
  let loading = false;
  const draw = memoized((history, exampleHistory, dataset, size, logScale, precision, colors, t, hoverX, module) =>
    paint(el, history, exampleHistory, dataset, size, { logScale, precision, colors, t, hoverX }, module));
  return (state, size, { logScale, precision, colors, t, hoverX }) => {
    const examples = state.exampleHistory ?? [];
    if (!lines && !loading && hasLines(examples)) {
      loading = true;
      import('./lazy/loss-examples.js').then((module) => {
        lines = module;
        onLoaded();
      }, () => { loading = false; }); // offline for a moment: the next state tries again
    }
    draw(state.history, examples, state.server?.dataset, size, logScale, precision, colors, t, hoverX, lines);
  };
}
