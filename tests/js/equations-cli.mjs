// equations-cli.mjs — reads real states (JSON on stdin: [{tag, state}]) and checks every equation
// the page would write for them: the math panel of the phase and of every selection, the quiz's
// explanation of every item the step produced, and every circuit check, at precisions 2, 4 and
// 10 (the selections' panels, two thirds of the rows, at one of them in turn). Prints {checked, rows, false, failures, kinds} as JSON (failures: the first 200, each with where
// it was written; kinds: how many checked rows hold each kind of node). Used by tests/test_equations.py.

import { mathLines } from '../../static/js/math-lines.js';
import { values } from '../../static/js/math-terms.js';
import { ranItems, itemRow } from '../../static/js/quiz.js';
import { unitCircuit, circuitChecks } from '../../static/js/circuit.js';
import { checkRow, circuitRow, evaluate } from './equations.mjs';
import { numberText } from '../../static/js/math-terms.js';

// EQUATIONS_PRECISIONS=3,5,7 checks other places (by hand: the test keeps 2, 4 and 10).
const PRECISIONS = (process.env.EQUATIONS_PRECISIONS || '2,4,10').split(',').map(Number);

/** Every selection of a network: each weight, bias, neuron, each input and the target. */
export function selections(state) {
  const sizes = state.sizes;
  const out = [{ what: 'target' }, ...[0, 1].map((index) => ({ what: 'input', index }))];
  for (let l = 0; l + 1 < sizes.length; l += 1) {
    for (let i = 0; i < sizes[l + 1]; i += 1) {
      out.push({ what: 'neuron', layer: l + 1, index: i }, { what: 'bias', layer: l, row: i });
      for (let j = 0; j < sizes[l]; j += 1) out.push({ what: 'weight', layer: l, row: i, col: j });
    }
  }
  return out;
}

/** [{where, row}] of every equation row the page can write for this state at precision p (with
 * `selected` false, all but the panels of the selections). */
export function writtenRows(state, p, lang, selected = true) {
  const out = [];
  const panel = (where, options) => {
    for (const section of mathLines(state, { ...options, precision: p, lang }).sections) {
      for (const r of section.rows) out.push({ where, row: r });
    }
  };
  panel(`panel ${state.phase}`, {});
  for (const sel of selected ? selections(state) : []) panel(`selection ${JSON.stringify(sel)}`, { selection: sel });
  const v = values(state);
  for (const item of ranItems(state)) {
    const r = itemRow(item, state.sizes, v, p);
    if (r) out.push({ where: `quiz ${item.key}`, row: r });
  }
  const L = state.sizes.length - 1;
  for (let k = 1; k <= L; k += 1) {
    for (let i = 0; i < state.sizes[k]; i += 1) {
      for (const c of circuitChecks(unitCircuit(state, k, i))) {
        if (c.mean || c.local === null || c.upstream === null || c.downstream === null) continue;
        out.push({ where: `circuit ${k},${i} gate ${c.gate} ∂L/∂${c.of}`, row: circuitRow(c, p) });
      }
    }
  }
  return out;
}

/** The kinds of node in a list (what the checker had to evaluate): σ, tanh, ReLU, ln, e^, … */
function kinds(nodes, out = new Set()) {
  for (const n of nodes) {
    if (n.t === 'id' && n.fn) out.add(`${n.base}(·)`);
    else if (n.t === 'text' && n.v === 'ln') out.add('ln');
    else if (n.t === 'text' && /[a-z<>]/.test(n.v)) out.add(`“${n.v}”`);
    else if (n.t === 'num') out.add(n.precision === null ? 'exact number' : numberText(n, 'en').includes('×10') ? 'scientific' : 'number');
    else if (n.t === 'frac') { out.add('fraction'); kinds(n.num, out); kinds(n.den, out); }
    else if (n.t === 'paren') { out.add('brackets'); kinds(n.items, out); }
    else if (n.t === 'pow') { out.add(n.expNodes ? 'e^' : 'square'); kinds(n.expNodes || [n.base], out); }
    else if (n.t === 'op' && n.v === '|') out.add('|·|');
  }
  return out;
}

export function checkStates(cases) {
  let checked = 0;
  let rows = 0;
  let bad = 0;
  const failures = [];
  const seen = {};
  cases.forEach(({ tag, state }, n) => {
    const lang = n % 2 ? 'en' : 'pt-BR';
    for (const p of PRECISIONS) {
      for (const { where, row } of writtenRows(state, p, lang, p === PRECISIONS[n % PRECISIONS.length])) {
        rows += 1;
        const result = checkRow(row, lang);
        checked += result.checked;
        if (result.checked) {
          const numeric = row.segments.filter((segment) => evaluate(segment, lang));
          for (const kind of kinds(numeric.flat())) seen[kind] = (seen[kind] || 0) + 1;
        }
        for (const f of result.failures) {
          bad += 1;
          if (failures.length < 200) failures.push({ tag, where, precision: p, ...f });
        }
      }
    }
  });
  return { checked, rows, false: bad, failures, kinds: seen };
}

async function main() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  process.stdout.write(JSON.stringify(checkStates(JSON.parse(text))));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
