// loss-examples: each example's loss as a thin line on the loss curve (data sets of up to 8
// examples): the lines with their key labels, and the hover read-out's words for them. Imported the
// first time there is a line to draw (lab-painters.js); lazy/ is not in the first script
// (app/bundle.py), so the first visit does not carry it.

import { formatList, formatNumber } from '../format.js';

// Apart from the training (accent) and validation (negative) curves; readable on both themes.
export const LINE_COLORS = ['#2ca02c', '#9467bd', '#e377c2', '#8c564b', '#17becf', '#bcbd22', '#7f7f7f', '#ff7f0e'];

/** The thin lines, one per example, valued beside the curve's points; validation ones dashed. */
export function exampleSeries(exampleHistory, dataset, t) {
  const count = exampleHistory.find(Boolean)?.length ?? 0;
  const train = dataset?.train ?? count;
  return Array.from({ length: count }, (_, k) => ({
    values: exampleHistory.map((losses) => losses?.[k] ?? null),
    color: LINE_COLORS[k % LINE_COLORS.length],
    dash: k < train ? [] : [3, 3],
    label: t('curve_example', { n: k + 1 }),
  }));
}

/** "ex. 1 (0; 1): 0,0123 · ex. 2 (…): …" for one point's losses (inputs as short as a tick); '' when it has none. */
export function examplesReadout(losses, dataset, precision, t) {
  if (!losses) return '';
  return losses.map((loss, k) => {
    const inputs = dataset?.X?.[k];
    const x = inputs ? formatList(inputs.map(Number), t.lang) : '';
    return t('loss_readout_example', { n: k + 1, x, loss: formatNumber(loss, precision, t.lang) });
  }).join(' · ');
}
