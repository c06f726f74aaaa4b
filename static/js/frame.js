// frame: what one frame draws for a state, and in which order: the network first, then the loss
// curve and the lab's views on screen, the page's own elements (text panel, architecture buttons,
// quiz), and the math panel and circuit, which wait while training runs epochs at a time. The
// first state's network reaches the screen alone. Touches no window, document or location: what
// does (the frame after a paint, the language, the address) comes in from main.js.

import { settingEntry } from './settings.js';
import { shownUnit } from './store.js';
import { renderPanel } from './controls.js';
import { unitName } from './lab-painters.js';
import { architectureActions, renderArchitecture } from './architecture.js';
import { paceOf } from './pace.js';

/** Give the network picture more height when a layer has more units. */
export function fitNetworkHeight(canvas, server) {
  const rows = server ? String(Math.max(...server.sizes)) : '2';
  if (canvas.style.getPropertyValue('--bp-net-rows') !== rows) {
    canvas.style.setProperty('--bp-net-rows', rows);
  }
}

/** The network of this state, at the canvas's size (none yet: nothing to draw on). */
export function paintNetwork(painters, view, { server, settings, selection }) {
  if (!view.network) return;
  painters.network(server, view.network, settings.precision, settings.showGradients, selection, view.colors,
    settings.lang);
}

/**
 * The math panel and the circuit. Training epochs at a time, the arithmetic of one update is stale
 * before it can be read: they wait for the pause (the panel's MathML layout is the page's costliest
 * redraw), and then for the frame that shows the pause to be painted (they are drawn two frames
 * later), so that no frame of the animation, the last included, lays the panel out (it was built
 * ahead in idle time during training until 2026-12-03: traced, those idle tasks took 8–26 ms in
 * the first 150 ms after the click).
 */
function paintPanels(el, painters, view, { server, settings, selection, training, wholeCircuit }, afterNextPaint) {
  if (training && paceOf(settings.speed).mode !== 'phase') {
    view.panels = 'waiting';
    showPanelWaiting(el, true);
    return;
  }
  if (view.panels === 'waiting') {
    const pause = {};
    view.panels = pause;
    // Only this pause's callback may end the wait: a new run and pause meanwhile has its own.
    afterNextPaint(() => {
      if (view.panels !== pause) return;
      view.panels = null;
      view.redraw();
    });
  }
  if (view.panels) return;
  showPanelWaiting(el, false);
  painters.math(server, settings.precision, selection, settings.lang);
  painters.circuit(server, selection, wholeCircuit, settings.precision, view.t);
}

/** While the panels wait, their numbers (of an earlier step) are framed apart under a note saying
 * so, which is also the math panel's description for a screen reader. */
function showPanelWaiting(el, waiting) {
  if (el.bp_mathWaiting.hidden === !waiting) return;
  el.bp_mathWaiting.hidden = !waiting;
  for (const panel of [el.bp_math, el.bp_circuitFigure]) panel.toggleAttribute('data-waiting', waiting);
  if (waiting) el.bp_math.setAttribute('aria-describedby', el.bp_mathWaiting.id);
  else el.bp_math.removeAttribute('aria-describedby');
}

/** The loss curve and the lab's views (decision boundary, hidden-unit map, hidden space) on screen. */
function paintLab(el, painters, view, state, draws) {
  const { settings, server } = state;
  if (draws('loss')) {
    painters.loss(state, view.loss, { logScale: settings.logScale, precision: settings.precision,
      colors: view.colors, t: view.t, hoverX: state.lossHoverX });
  }
  if (draws('boundary')) painters.boundary(state.boundary, server?.dataset, view.boundary, view.colors, view.t);
  const unit = shownUnit(state);
  const unitless = Boolean(server) && !unit; // no hidden layer: no unit, no panel
  if (el.bp_unitPanel.hidden !== unitless) el.bp_unitPanel.hidden = unitless;
  painters.unitTitle(unitName(state.boundary, unit?.layer, unit?.index, server?.sizes), view.t);
  if (!unitless && draws('unit')) {
    painters.unit(state.boundary, unit?.layer, unit?.index, server?.dataset, view.unit, view.colors, view.t);
  }
  const space = state.boundary?.hidden_space ?? null;
  if (el.bp_spacePanel.hidden !== !space) el.bp_spacePanel.hidden = !space;
  if (space && draws('space')) painters.space(space, server?.dataset, view.space, view.colors, view.t);
}

/** The text panel, the architecture buttons and the quiz: the page's own elements. */
function renderControls(el, view, state, quizView) {
  renderPanel(el, state, view.t);
  renderArchitecture(el.bp_arch, architectureActions(state.settings.hidden, settingEntry(state.catalog, 'hidden')),
    view.t, view.onHidden);
  quizView.render(state, view.t);
}

/**
 * draw(state): one frame of the page for a state. `page` holds what touches the window: {afterNextPaint(fn),
 * switchLanguage(lang), syncUrl(catalog, settings)}.
 */
export function createDrawing(el, view, painters, quizView, page) {
  return function draw(state) {
    const { settings, server } = state;
    const draws = (name) => (view.onScreen?.draws(name, state.training) ?? true) && Boolean(view[name]);
    page.switchLanguage(settings.lang);
    // The pictures before the page's elements: a canvas resolves its font against the page's style,
    // so a drawing after the writes below forced their style and layout in the middle of the frame
    // (traced while auto-training: drawHeader, drawAxes), and the frame laid out again at its end.
    fitNetworkHeight(el.bp_canvas, server);
    if (draws('network')) paintNetwork(painters, view, state);
    const firstNetworkAlone = server && view.firstNetwork !== 'shown';
    if (!firstNetworkAlone) paintLab(el, painters, view, state, draws);
    renderControls(el, view, state, quizView);
    // The first state's network reaches the screen alone (one frame painted); the other views follow.
    if (firstNetworkAlone) {
      if (view.network && !view.firstNetwork) {
        view.firstNetwork = 'drawn';
        page.afterNextPaint(() => { view.firstNetwork = 'shown'; view.redraw(); });
      }
      return page.syncUrl(state.catalog, settings);
    }
    paintPanels(el, painters, view, state, page.afterNextPaint);
    page.syncUrl(state.catalog, settings);
  };
}
