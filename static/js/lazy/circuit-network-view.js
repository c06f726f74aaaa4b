// circuit-network-view.js — owns the SVG of the whole 2–h–1 network as one circuit: each hidden
// unit drawn as in the per-unit view (stacked), its output wire a_i running right into the output
// unit's × gate with v_i, then the output's +, σ and loss gates; the same conventions (value above
// each wire, gradient and local gradient below). The check list, one <li> per gate input, names
// its unit. Built with createElementNS and textContent from circuit-network.js's plain data.

import { neuronName, numberWriter } from '../format.js';
import { networkCircuit, networkUnits } from './circuit-network.js';
import { ROW, TOP, R, X, buildCircuitChecks, circuitSvg, drawUnitBody, gateEl, svgEl, wireEl } from '../circuit-view.js';

/** The output unit's columns: the hidden unit's, moved right past the a wires. */
const SHIFT = 620;
const O = Object.fromEntries(Object.entries(X).map(([key, x]) => [key, x + SHIFT]));
const GAP = 40;

/** The output unit's × gates, each level with the a wire that comes in from its hidden unit. */
function drawOutputMuls(doc, svg, muls, mids, write) {
  return muls.map((gate, j) => {
    const cy = mids[j] - 22;
    const [v, a] = gate.inputs;
    svg.append(wireEl(doc, v, X.act + R + 10, O.mulIn, cy - 22, write, gate.checks[0].local),
      wireEl(doc, a, X.act + R, O.mulIn, cy + 22, write, gate.checks[1].local),
      svgEl(doc, 'line', { x1: O.mulIn, y1: cy - 22, x2: O.mul - R, y2: cy, class: 'bp-circuit__join' }),
      svgEl(doc, 'line', { x1: O.mulIn, y1: cy + 22, x2: O.mul - R, y2: cy, class: 'bp-circuit__join' }),
      gateEl(doc, gate, O.mul, cy, write), wireEl(doc, gate.output, O.mul + R, O.prod, cy, write));
    return cy;
  });
}

/** The output unit: × gates, the bias c, +, σ, the loss gate and L. */
function drawOutput(doc, svg, output, mids, write) {
  const muls = output.gates.filter((gate) => gate.kind === 'mul');
  const [add, act, loss] = output.gates.slice(muls.length);
  const rows = drawOutputMuls(doc, svg, muls, mids, write);
  const mid = (rows[0] + rows[rows.length - 1] + 70) / 2;
  const join = (y1) => svgEl(doc, 'line', { x1: O.prod, y1, x2: O.add - R, y2: mid, class: 'bp-circuit__join' });
  const c = add.inputs[add.inputs.length - 1];
  const cy = rows[rows.length - 1] + 70;
  svg.append(...rows.map(join), wireEl(doc, c, O.mul, O.prod, cy, write, 1), join(cy),
    gateEl(doc, { ...add, local: 1 }, O.add, mid, write), wireEl(doc, add.output, O.add + R, O.zEnd, mid, write, act.local),
    gateEl(doc, act, O.act, mid, write), wireEl(doc, act.output, O.act + R, O.aEnd, mid, write, loss.local),
    gateEl(doc, loss, O.loss, mid, write), wireEl(doc, loss.output, O.loss + R, O.end, mid, write));
}

/** The SVG of the whole network (role img, named by `label`). */
export function buildNetworkSvg(doc, network, { precision = 4, label = '', lang } = {}) {
  const write = numberWriter(precision, lang);
  const inputs = network.hidden[0].gates.filter((gate) => gate.kind === 'mul').length;
  const block = ROW * inputs + 20 + GAP;
  const svg = circuitSvg(doc, O.end, TOP + block * network.hidden.length, label);
  const mids = network.hidden.map((unit, i) => {
    const g = svgEl(doc, 'g', { class: 'bp-circuit__unit' });
    svg.append(g);
    return drawUnitBody(doc, g, unit, write, TOP + block * i).mid;
  });
  drawOutput(doc, svg, network.output, mids, write);
  return svg;
}

/** The checks of every unit, each <li> opening with its unit's name (names: one per unit). */
export function buildNetworkChecks(doc, network, names, t, precision = 4) {
  return networkUnits(network).flatMap((unit, u) => buildCircuitChecks(doc, unit, t, precision).map((li) => {
    li.dataset.unit = names[u];
    li.textContent = `${names[u]} · ${li.textContent}`;
    return li;
  }));
}

/** Fill the circuit panel (el.bp_circuit…) with the whole network's circuit, or hide it. */
export function fillNetworkPanel(doc, el, { server, precision, t }) {
  const network = networkCircuit(server);
  el.bp_circuit.hidden = !network;
  if (!network) return;
  const names = networkUnits(network).map((unit) => neuronName(server.sizes, unit.k, unit.i));
  el.bp_circuitTitle.textContent = t('circuit_whole');
  el.bp_circuitFigure.replaceChildren(buildNetworkSvg(doc, network, { precision, label: t('circuit_whole_label'), lang: t.lang }));
  el.bp_circuitChecks.replaceChildren(...buildNetworkChecks(doc, network, names, t, precision));
}
