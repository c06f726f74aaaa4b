// gradflow-panel: the "Fluxo do gradiente" panel, loaded the first time it is opened: fits its
// canvas, and on every change of the series, the size, the colours or the language draws the
// series and lists the current figures of each layer (the server's numbers, formatted).

import { watchCanvas } from '../canvas.js';
import { memoized } from '../lab-painters.js';
import { formatNumber } from '../format.js';
import { drawGradflow } from './render-gradflow.js';

/** "camada 2" for a hidden layer, "saída" for the output (weight layer n − 1 of n). */
function layerNamer(t) {
  return (l, n) => (l === n - 1 ? t('flow_out') : t('flow_layer', { n: l + 1 }));
}

function listNow(doc, list, gradflow, precision, t) {
  const name = layerNamer(t);
  const n = gradflow?.norm_W?.length ?? 0;
  const items = Array.from({ length: n }, (_, l) => {
    const item = doc.createElement('li');
    item.textContent = t('flow_now', { layer: name(l, n), norm: formatNumber(gradflow.norm_W[l], precision, t.lang),
      delta: formatNumber(gradflow.mean_delta[l], precision, t.lang) });
    return item;
  });
  list.replaceChildren(...items);
}

/** Start the panel: `page()` answers {t, colors} as the page has them now. */
export function openGradflow(win, el, store, page) {
  let size = null;
  const paint = memoized((flow, gradflow, fitted, precision, colors, t) => {
    if (fitted) {
      drawGradflow(fitted.ctx, flow, { width: fitted.width, height: fitted.height, colors, xLabel: t('loss_axis_x'),
        emptyText: t('loss_empty'), layerName: layerNamer(t), titles: ['‖∂L/∂W‖', t('flow_delta')], lang: t.lang });
    }
    listNow(el.bp_flowNow.ownerDocument, el.bp_flowNow, gradflow, precision, t);
  });
  const redraw = (state) => {
    const { t, colors } = page();
    paint(state.flow, state.server?.gradflow, size, state.settings.precision, colors, t);
  };
  store.subscribe(redraw);
  watchCanvas(win, el.bp_gradflow, (fitted) => {
    size = fitted;
    redraw(store.getState());
  });
  redraw(store.getState());
}
