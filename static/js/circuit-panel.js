// circuit-panel.js — owns which circuit the panel (#bp_circuit) shows: the whole network when the
// student asked for it and the network is 2–h–1, else the selected unit's, else none; and the
// button that asks for the whole network. The drawing modules load on first use (import()): most
// visits never open a circuit, so the first visit does not carry them.

import { isCourseNet } from './format.js';

const fillUnit = () => import('./circuit-view.js').then((m) => m.fillUnitPanel);
const fillNetwork = () => import('./lazy/circuit-network-view.js').then((m) => m.fillNetworkPanel);

/**
 * The panel's painter: show(server, selection, whole, precision, t). A drawing waits for its
 * module; only the latest call draws (a newer one supersedes a load under way).
 */
export function createCircuitPanel(doc, el) {
  let latest = 0;
  return function show(server, selection, whole, precision, t) {
    const fits = Boolean(server) && isCourseNet(server.sizes);
    el.bp_wholeCircuit.hidden = !fits;
    el.bp_wholeCircuit.setAttribute('aria-pressed', String(fits && whole));
    const call = ++latest;
    const load = fits && whole ? fillNetwork : server && selection?.what === 'neuron' ? fillUnit : null;
    if (!load) {
      el.bp_circuit.hidden = true;
      return null;
    }
    return load().then((fill) => { if (call === latest) fill(doc, el, { server, selection, precision, t }); });
  };
}

/** The whole-network button opens and closes the whole network's circuit. */
export function bindWholeCircuit(button, store) {
  button.addEventListener('click', () => store.dispatch({ type: 'wholeCircuit', open: !store.getState().wholeCircuit }));
}
