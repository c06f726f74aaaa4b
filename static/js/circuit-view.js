// circuit-view.js — owns the circuit view of one unit: an SVG of its gates (× for each weight
// times its input, + with the bias, the activation, and the loss for the output), forward values
// above each wire, gradients below with each input's local gradient, and a list that writes
// "downstream = local × upstream" with the numbers at every gate. Built with createElementNS and
// textContent from circuit.js's plain data; the page's numbers, formatted, never recomputed.

import { formatNumber, neuronName, numberWriter, writeTitleWithName } from './format.js';
import { circuitChecks, unitCircuit } from './circuit.js';

const SVG = 'http://www.w3.org/2000/svg';
export const ROW = 100;
export const TOP = 20;
export const R = 16;
/** x of each column: input wires end, × gates, product wires end, +, z wire end, activation, … */
export const X = { mulIn: 195, mul: 215, prod: 370, add: 410, zEnd: 600, act: 616, aEnd: 800, loss: 816, end: 960 };

export function svgEl(doc, tag, attrs = {}, text = null) {
  const node = doc.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

const raw = (x) => (x === null || x === undefined ? '' : x);

/** "1/m ∑ₖ", the math panel's mark of a batch's mean. */
const meanMark = (m) => `1/${m} ∑ₖ`;

/** A wire from (x1, y) to (x2, y): its name = value above, ∂ gradient (and local) below, each number
 * written by write(x); the raw numbers in data-* (for tests and tools). A batch's mean (w.mean: its
 * size) says so where the local would be: the first example's local does not give it. */
export function wireEl(doc, w, x1, x2, y, write, local = null) {
  const g = svgEl(doc, 'g', { class: 'bp-circuit__wire', 'data-name': w.name, 'data-value': raw(w.value), 'data-grad': raw(w.grad) });
  const value = `${w.name} = ${write(w.value)}${w.mean && w.name === 'L' ? `  (${meanMark(w.mean)})` : ''}`;
  const how = w.mean && w.name !== 'L' ? `  (${meanMark(w.mean)})` : local === null ? '' : `  (local ${write(local)})`;
  g.append(svgEl(doc, 'line', { x1, y1: y, x2, y2: y }),
    svgEl(doc, 'text', { x: x1 + 4, y: y - 5, class: 'bp-circuit__value' }, value),
    svgEl(doc, 'text', { x: x1 + 4, y: y + 14, class: 'bp-circuit__grad' }, `∂ ${write(w.grad)}${how}`));
  return g;
}

export function gateEl(doc, gate, cx, cy, write) {
  const g = svgEl(doc, 'g', { class: `bp-circuit__gate bp-circuit__gate--${gate.kind}` });
  g.append(svgEl(doc, 'circle', { cx, cy, r: R }), svgEl(doc, 'text', { x: cx, y: cy + 5, 'text-anchor': 'middle' }, gate.symbol));
  if (gate.local !== undefined) {
    g.append(svgEl(doc, 'text', { x: cx, y: cy + R + 14, 'text-anchor': 'middle', class: 'bp-circuit__local' },
      `local ${write(gate.local)}`));
  }
  return g;
}

/** Geometry and elements of the × gates and their input wires (from x = 0, rows from `top`);
 * answers the gates' centres. */
export function drawMuls(doc, svg, muls, write, top = TOP) {
  return muls.map((gate, j) => {
    const cy = top + ROW * j + ROW / 2;
    const [w, a] = gate.inputs;
    svg.append(wireEl(doc, w, 0, X.mulIn, cy - 22, write, gate.checks[0].local),
      wireEl(doc, a, 0, X.mulIn, cy + 22, write, gate.checks[1].local),
      svgEl(doc, 'line', { x1: X.mulIn, y1: cy - 22, x2: X.mul - R, y2: cy, class: 'bp-circuit__join' }),
      svgEl(doc, 'line', { x1: X.mulIn, y1: cy + 22, x2: X.mul - R, y2: cy, class: 'bp-circuit__join' }),
      gateEl(doc, gate, X.mul, cy, write), wireEl(doc, gate.output, X.mul + R, X.prod, cy, write));
    return cy;
  });
}

/**
 * The × gates (rows from `top`), the bias, the + gate, the z wire and the activation gate of one
 * unit; answers {mid, bottom, act, loss}: the y of the + and activation gates, the y of the bias
 * wire, the activation and loss gates (loss undefined for a hidden unit).
 */
export function drawUnitBody(doc, svg, circuit, write, top = TOP) {
  const muls = circuit.gates.filter((gate) => gate.kind === 'mul');
  const [add, act, loss] = circuit.gates.slice(muls.length);
  const bottom = top + ROW * muls.length + 20;
  const mid = top + (ROW * muls.length) / 2;
  const join = (x1, y1) => svgEl(doc, 'line', { x1, y1, x2: X.add - R, y2: mid, class: 'bp-circuit__join' });
  for (const cy of drawMuls(doc, svg, muls, write, top)) svg.append(join(X.prod, cy));
  const b = add.inputs[add.inputs.length - 1];
  svg.append(wireEl(doc, b, X.mul, X.prod, bottom, write, 1), join(X.prod, bottom),
    gateEl(doc, { ...add, local: 1 }, X.add, mid, write), wireEl(doc, add.output, X.add + R, X.zEnd, mid, write, act.local),
    gateEl(doc, act, X.act, mid, write));
  return { mid, bottom, act, loss };
}

/** An empty circuit SVG of this size (role img, named by `label`). */
export function circuitSvg(doc, width, height, label) {
  return svgEl(doc, 'svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'bp-circuit__svg', role: 'img', 'aria-label': label });
}

/** The SVG of a circuit (role img, named by `label`). */
export function buildCircuitSvg(doc, circuit, { precision = 4, label = '', lang } = {}) {
  const write = numberWriter(precision, lang);
  const rows = circuit.gates.filter((gate) => gate.kind === 'mul').length;
  const loss = circuit.gates.find((gate) => gate.kind === 'loss');
  const svg = circuitSvg(doc, loss ? X.end : X.aEnd, TOP + ROW * rows + 50, label);
  const { mid, act } = drawUnitBody(doc, svg, circuit, write);
  svg.append(wireEl(doc, act.output, X.act + R, X.aEnd, mid, write, loss ? loss.local : null));
  if (loss) svg.append(gateEl(doc, loss, X.loss, mid, write), wireEl(doc, loss.output, X.loss + R, X.end, mid, write));
  return svg;
}

/** One <li> per check: "∂L/∂w₁₁: x₁ × ∂ = 0,05 × 0,1385 = 0,0069", raw numbers in data-*. */
export function buildCircuitChecks(doc, circuit, t, precision = 4) {
  return circuitChecks(circuit).map((c) => {
    const li = doc.createElement('li');
    li.className = 'bp-circuit__check';
    for (const key of ['local', 'upstream', 'downstream']) li.dataset[key] = c[key] === null ? '' : String(c[key]);
    li.dataset.gate = c.gate;
    const numbers = { symbol: c.symbol, of: c.of, down: formatNumber(c.downstream, precision, t.lang),
      local: formatNumber(c.local, precision, t.lang), up: formatNumber(c.upstream, precision, t.lang) };
    li.textContent = c.mean ? t('circuit_check_mean', { ...numbers, m: c.mean }) : t('circuit_check', numbers);
    return li;
  });
}

/** Fill the circuit panel (el.bp_circuit…) with the selected unit's circuit, or hide it. */
export function fillUnitPanel(doc, el, { server, selection, precision, t }) {
  const unit = unitCircuit(server, selection.layer, selection.index);
  el.bp_circuit.hidden = !unit;
  if (!unit) return;
  const name = neuronName(server.sizes, unit.k, unit.i);
  writeTitleWithName(el.bp_circuitTitle, t('circuit_title', { name: '\u0000' }), name);
  el.bp_circuitFigure.replaceChildren(buildCircuitSvg(doc, unit, { precision, label: t('circuit_label', { name }), lang: t.lang }));
  el.bp_circuitChecks.replaceChildren(...buildCircuitChecks(doc, unit, t, precision));
}
