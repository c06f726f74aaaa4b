// mathpanel.js — owns the equations panel as DOM: it takes the plain data of
// mathLines (math-lines.js) and builds HTML sections around MathML elements
// (createElementNS and textContent, never innerHTML), each row wrapping at its
// relations and before top-level + − × ·. A panel's outline separates its shape (every
// element and word) from its numbers, so a panel of the same shape can take new numbers in
// place (math-view.js).

import { mathLines } from './math-lines.js';
import { numberText, op } from './math-terms.js';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

function mathEl(doc, tag, children = [], text = null) {
  const el = doc.createElementNS(MATHML, tag);
  if (text !== null) el.textContent = text;
  for (const child of children) el.appendChild(child);
  return el;
}

function token(doc, text) {
  if (/^[0-9.]+$/.test(text)) return mathEl(doc, 'mn', [], text);
  if (/^[()]$/.test(text)) return mathEl(doc, 'mo', [], text);
  return mathEl(doc, 'mi', [], text);
}

function scriptText(doc, text) {
  const parts = String(text).match(/[()]|[0-9]+|[^()0-9]+/g) || [];
  return parts.length === 1 ? token(doc, parts[0]) : mathEl(doc, 'mrow', parts.map((part) => token(doc, part)));
}

function prime(doc) {
  const mo = mathEl(doc, 'mo', [], '′');
  mo.setAttribute('lspace', '0');
  mo.setAttribute('rspace', '0');
  return mo;
}

function identifier(doc, node) {
  const primed = node.base.endsWith('′');
  const base = primed ? mathEl(doc, 'mrow', [mathEl(doc, 'mi', [], node.base.slice(0, -1)), prime(doc)]) : mathEl(doc, 'mi', [], node.base);
  if (node.sub !== null && node.sup) return mathEl(doc, 'msubsup', [base, scriptText(doc, node.sub), scriptText(doc, node.sup)]);
  if (node.sub !== null) return mathEl(doc, 'msub', [base, scriptText(doc, node.sub)]);
  if (node.sup) return mathEl(doc, 'msup', [base, scriptText(doc, node.sup)]);
  return base;
}

function parenthesised(doc, children) {
  return mathEl(doc, 'mrow', [mathEl(doc, 'mo', [], '('), ...children, mathEl(doc, 'mo', [], ')')]);
}

/** A bracket of a number that may need them: '(' or ')' when it does, empty (and no space) when not. */
function bracketEl(doc, text) {
  const mo = mathEl(doc, 'mo', [], text);
  mo.setAttribute('lspace', '0');
  mo.setAttribute('rspace', '0');
  return mo;
}

/**
 * A number's <mn>, in brackets when it may need them (empty ones when it does not); the
 * elements whose text is the number's go into `numbers` (build order), to be rewritten in place.
 */
function numberEl(doc, node, numbers) {
  const mn = mathEl(doc, 'mn', [], '');
  if (!node.bracket) {
    numbers.push(mn);
    return mn;
  }
  const open = bracketEl(doc, node.paren ? '(' : '');
  const close = bracketEl(doc, node.paren ? ')' : '');
  numbers.push(open, mn, close);
  return mathEl(doc, 'mrow', [open, mn, close]);
}

/** One expression node as a MathML element; each number's <mn> goes into `numbers`. */
function mathNode(doc, node, numbers) {
  const sub = (n) => mathNode(doc, n, numbers);
  switch (node.t) {
    case 'id': return identifier(doc, node);
    case 'op': return mathEl(doc, 'mo', [], node.v);
    case 'num': return numberEl(doc, node, numbers);
    case 'text': return /^[0-9.]+$/.test(node.v) ? mathEl(doc, 'mn', [], node.v) : node.v === 'ln' ? mathEl(doc, 'mi', [], 'ln') : mathEl(doc, 'mtext', [], node.v);
    case 'frac': return mathEl(doc, 'mfrac', [mathRow(doc, node.num, numbers), mathRow(doc, node.den, numbers)]);
    case 'paren': return parenthesised(doc, node.items.map(sub));
    case 'pow': {
      const base = sub(node.base);
      const wrapped = node.base.t === 'id' && node.base.sup ? parenthesised(doc, [base]) : base;
      const exponent = node.expNodes ? mathRow(doc, node.expNodes, numbers) : mathEl(doc, 'mn', [], node.exp);
      return mathEl(doc, 'msup', [wrapped, exponent]);
    }
    default: return mathEl(doc, 'mtext', [], '');
  }
}

function mathRow(doc, nodes, numbers) {
  return mathEl(doc, 'mrow', nodes.map((n) => mathNode(doc, n, numbers)));
}

function htmlEl(doc, tag, className, text = null) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== null) el.textContent = text;
  return el;
}

const BREAKS = new Set(['+', '−', '×', '·']);

/** Split a segment before each top-level binary operator, so long sums and products can wrap. */
export function breakPieces(nodes) {
  const pieces = [[]];
  nodes.forEach((node, k) => {
    if (k > 0 && node.t === 'op' && BREAKS.has(node.v) && pieces[pieces.length - 1].length) pieces.push([]);
    pieces[pieces.length - 1].push(node);
  });
  return pieces;
}

function pieceMath(doc, nodes, numbers) {
  const children = nodes.map((n) => mathNode(doc, n, numbers));
  if (nodes[0] && nodes[0].t === 'op') children[0].setAttribute('form', 'infix');
  const math = mathEl(doc, 'math', [mathEl(doc, 'mrow', children)]);
  math.setAttribute('displaystyle', 'true');
  return math;
}

/**
 * One row: each segment its own box (so the row wraps at its "=" signs), each wrapping at + and ×.
 * The <mn> of each number goes into `numbers`, in the order the outline lists them.
 */
export function mathRowElement(doc, r, numbers = []) {
  const el = htmlEl(doc, 'div', 'bp-math-row');
  r.segments.forEach((segment, k) => {
    const seg = htmlEl(doc, 'span', 'bp-math-seg');
    if (k > 0 && k === r.segments.length - 1 && r.segments.length > 2) seg.classList.add('bp-math-result');
    const [first, ...rest] = breakPieces(segment);
    seg.appendChild(pieceMath(doc, k > 0 ? [op(r.rels[k - 1]), ...first] : first, numbers));
    for (const piece of rest) seg.appendChild(pieceMath(doc, piece, numbers));
    el.appendChild(seg);
  });
  return el;
}

/** A section without its rows: {el, rows (the element they go in)}. */
function sectionShell(doc, section, level) {
  const el = htmlEl(doc, 'section', 'bp-math-section');
  if (section.title) el.appendChild(htmlEl(doc, `h${Math.min(6, level + 1)}`, 'bp-math-subtitle', section.title));
  if (section.lead) el.appendChild(htmlEl(doc, 'p', 'bp-math-lead', section.lead));
  const rows = htmlEl(doc, 'div', 'bp-math-rows');
  el.appendChild(rows);
  for (const note of section.notes || []) el.appendChild(htmlEl(doc, 'p', 'bp-math-note', note));
  return { el, rows };
}

/**
 * The panel of a state as {data, shape, numbers, rows}: data is mathLines' result; rows, for each
 * row in the order the panel shows them, {data, numbers: the texts of its numbers (with its brackets,
 * '(' or '', when they may need them), cost: how much there is to build}; numbers all of them in
 * that order; shape a string of everything else (words, symbols, language, heading level). Two
 * outlines of the same shape build the same elements: only the numbers' texts differ.
 * options: {precision (2–10), selection, lang ('pt-BR' | 'en'), headingLevel (default 3)}.
 */
export function panelOutline(state, options = {}) {
  const data = mathLines(state, options);
  const lang = options.lang === 'en' ? 'en' : 'pt-BR';
  const rowData = data.sections.flatMap((section) => section.rows);
  const written = rowData.map((r) => writtenNumbers(r, lang));
  const frame = JSON.stringify(data, (key, value) => (key === 'rows' ? value.length : value));
  const rows = written.map(({ body, numbers }, k) => ({ data: rowData[k], numbers, cost: body.length }));
  const shape = `${lang} ${options.headingLevel || 3} ${frame} ${written.map(({ body }) => body).join(' ')}`;
  return { data, numbers: rows.flatMap((r) => r.numbers), rows, shape };
}

/**
 * The texts of the numbers in a row written in `lang`, with their brackets ('(' or '') when they
 * may need them, in the order the panel shows them; body: the row without them, as JSON.
 */
function writtenNumbers(data, lang) {
  const numbers = [];
  // JSON.stringify walks objects and arrays in the order the row is built (segments, then each
  // node's parts: a fraction's top before its bottom, a power's base first).
  const body = JSON.stringify(data, (key, value) => {
    if (value && value.t === 'num') {
      const text = numberText(value, lang);
      if (value.bracket) numbers.push(value.paren ? '(' : '', text, value.paren ? ')' : '');
      else numbers.push(text);
      return { t: 'num', bracket: Boolean(value.bracket) };
    }
    return value;
  });
  return { body, numbers };
}

/** One row as an element (mathRowElement) with its numbers written in `lang`. */
export function writtenRowElement(doc, r, lang) {
  return builtRow(doc, r, writtenNumbers(r, lang).numbers).el;
}

/** A row of an outline built, its numbers written: {el, numbers: the elements whose text is a number's}. */
function builtRow(doc, r, texts) {
  const numbers = [];
  const el = mathRowElement(doc, r, numbers);
  writeNumbers(numbers, texts);
  return { el, numbers };
}

/**
 * The DOM of an outline: {root (a <div class="bp-mathpanel">), numbers: the elements whose text
 * is a number's, in the outline's order, rows: for each row {el, numbers}}. Rows are built in
 * order while their cost so far stays under `budget`; each row past it is an empty stand-in
 * (numbers null) that buildRow replaces later (math-view.js), and the panel is marked
 * `bp-mathpanel--large` (its rows are then not laid out off screen: network.css).
 */
export function buildOutline(doc, outline, options = {}, budget = Infinity) {
  const { data } = outline;
  const level = options.headingLevel || 3;
  const root = htmlEl(doc, 'div', 'bp-mathpanel');
  root.setAttribute('lang', options.lang === 'en' ? 'en' : 'pt-BR');
  root.appendChild(htmlEl(doc, `h${level}`, 'bp-math-title', data.title));
  const rows = [];
  let cost = 0;
  for (const section of data.sections) {
    const shell = sectionShell(doc, section, level);
    for (const r of section.rows) {
      const { numbers, cost: rowCost } = outline.rows[rows.length];
      cost += rowCost;
      const built = cost <= budget || rows.length === 0 ? builtRow(doc, r, numbers)
        : { el: htmlEl(doc, 'div', 'bp-math-row'), numbers: null };
      rows.push(built);
      shell.rows.appendChild(built.el);
    }
    root.appendChild(shell.el);
  }
  for (const note of data.notes) root.appendChild(htmlEl(doc, 'p', 'bp-math-note', note));
  if (cost > budget) root.classList.add('bp-mathpanel--large');
  return { root, rows, numbers: rows.flatMap((r) => r.numbers || []) };
}

/** Build row k of an outline in place of its stand-in (buildOutline); answers the built row. */
export function buildRow(doc, outline, built, k) {
  const row = builtRow(doc, outline.rows[k].data, outline.rows[k].numbers);
  built.rows[k].el.replaceWith(row.el);
  built.rows[k] = row;
  return row;
}

/** Write an outline's numbers into the <mn> elements built for one of the same shape; answers how many changed. */
export function writeNumbers(elements, numbers) {
  let changed = 0;
  numbers.forEach((text, k) => {
    if (elements[k].textContent === text) return;
    elements[k].textContent = text;
    changed += 1;
  });
  return changed;
}

/**
 * The math panel for a state as a DOM node (a <div class="bp-mathpanel">).
 * options: {precision (2–10), selection, lang ('pt-BR' | 'en'), headingLevel (default 3)}.
 */
export function buildMathPanel(doc, state, options = {}) {
  return buildOutline(doc, panelOutline(state, options), options).root;
}
