// circuit-panel.js — owns the circuit panel (#bp_circuit): which circuit it shows (the whole
// network when the student asked for it and the network is 2–h–1, else the selected unit's, else
// none) and the button that asks for the whole network. The drawing modules load on first use
// (dynamic import): most visits never open a circuit, so the first visit does not carry them.

import { isCourseNet, neuronName, prettyName } from './format.js';

const loadUnit = () => Promise.all([import('./circuit.js'), import('./circuit-view.js')]);
const loadNetwork = () => Promise.all([import('./circuit-network.js'), import('./circuit-network-view.js')]);

function drawUnit(doc, el, [{ unitCircuit }, view], { server, selection, precision, t }) {
  const unit = unitCircuit(server, selection.layer, selection.index);
  el.bp_circuit.hidden = !unit;
  if (!unit) return;
  const name = prettyName(neuronName(server.sizes, unit.k, unit.i));
  el.bp_circuitTitle.textContent = t('circuit_title', { name });
  el.bp_circuitFigure.replaceChildren(view.buildCircuitSvg(doc, unit, { precision, label: t('circuit_label', { name }) }));
  el.bp_circuitChecks.replaceChildren(...view.buildCircuitChecks(doc, unit, t, precision));
}

function drawNetwork(doc, el, [{ networkCircuit, networkUnits }, view], { server, precision, t }) {
  const network = networkCircuit(server);
  el.bp_circuit.hidden = !network;
  if (!network) return;
  const names = networkUnits(network).map((unit) => prettyName(neuronName(server.sizes, unit.k, unit.i)));
  el.bp_circuitTitle.textContent = t('circuit_whole');
  el.bp_circuitFigure.replaceChildren(view.buildNetworkSvg(doc, network, { precision, label: t('circuit_whole_label') }));
  el.bp_circuitChecks.replaceChildren(...view.buildNetworkChecks(doc, network, names, t, precision));
}

/**
 * The panel's painter: show(server, selection, whole, precision, t). A drawing waits for its
 * modules; only the latest call draws (a newer one supersedes a load under way).
 */
export function createCircuitPanel(doc, el) {
  let latest = 0;
  return function show(server, selection, whole, precision, t) {
    const fits = Boolean(server) && isCourseNet(server.sizes);
    el.bp_wholeCircuit.hidden = !fits;
    el.bp_wholeCircuit.setAttribute('aria-pressed', String(fits && whole));
    const args = { server, selection, precision, t };
    const call = ++latest;
    const [load, draw] = fits && whole ? [loadNetwork, drawNetwork]
      : selection?.what === 'neuron' && server ? [loadUnit, drawUnit] : [null, null];
    if (!load) {
      el.bp_circuit.hidden = true;
      return null;
    }
    return load().then((modules) => { if (call === latest) draw(doc, el, modules, args); });
  };
}

/** The whole-network button opens and closes the whole network's circuit. */
export function bindWholeCircuit(button, store) {
  button.addEventListener('click', () => store.dispatch({ type: 'wholeCircuit', open: !store.getState().wholeCircuit }));
}
