// mathpanel.js — owns the equations panel as DOM: it takes the plain data of
// mathLines (math-lines.js) and builds HTML sections around MathML elements
// (createElementNS and textContent, never innerHTML), each row wrapping at its
// relations and before top-level + − × ·.

import { mathLines } from './math-lines.js';
import { op } from './math-terms.js';

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

/** One expression node as a MathML element. */
function mathNode(doc, node) {
  switch (node.t) {
    case 'id': return identifier(doc, node);
    case 'op': return mathEl(doc, 'mo', [], node.v);
    case 'num': return node.paren ? parenthesised(doc, [mathEl(doc, 'mn', [], node.text)]) : mathEl(doc, 'mn', [], node.text);
    case 'text': return /^[0-9.]+$/.test(node.v) ? mathEl(doc, 'mn', [], node.v) : node.v === 'ln' ? mathEl(doc, 'mi', [], 'ln') : mathEl(doc, 'mtext', [], node.v);
    case 'frac': return mathEl(doc, 'mfrac', [mathRow(doc, node.num), mathRow(doc, node.den)]);
    case 'paren': return parenthesised(doc, node.items.map((n) => mathNode(doc, n)));
    case 'pow': {
      const base = mathNode(doc, node.base);
      const wrapped = node.base.t === 'id' && node.base.sup ? parenthesised(doc, [base]) : base;
      const exponent = node.expNodes ? mathRow(doc, node.expNodes) : mathEl(doc, 'mn', [], node.exp);
      return mathEl(doc, 'msup', [wrapped, exponent]);
    }
    default: return mathEl(doc, 'mtext', [], '');
  }
}

function mathRow(doc, nodes) {
  return mathEl(doc, 'mrow', nodes.map((n) => mathNode(doc, n)));
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

function pieceMath(doc, nodes) {
  const children = nodes.map((n) => mathNode(doc, n));
  if (nodes[0] && nodes[0].t === 'op') children[0].setAttribute('form', 'infix');
  const math = mathEl(doc, 'math', [mathEl(doc, 'mrow', children)]);
  math.setAttribute('displaystyle', 'true');
  return math;
}

/** One row: each segment its own box (so the row wraps at its "=" signs), each wrapping at + and ×. */
export function mathRowElement(doc, r) {
  const el = htmlEl(doc, 'div', 'bp-math-row');
  r.segments.forEach((segment, k) => {
    const seg = htmlEl(doc, 'span', 'bp-math-seg');
    if (k > 0 && k === r.segments.length - 1 && r.segments.length > 2) seg.classList.add('bp-math-result');
    const [first, ...rest] = breakPieces(segment);
    seg.appendChild(pieceMath(doc, k > 0 ? [op(r.rels[k - 1]), ...first] : first));
    for (const piece of rest) seg.appendChild(pieceMath(doc, piece));
    el.appendChild(seg);
  });
  return el;
}

function sectionElement(doc, section, level) {
  const el = htmlEl(doc, 'section', 'bp-math-section');
  if (section.title) el.appendChild(htmlEl(doc, `h${Math.min(6, level + 1)}`, 'bp-math-subtitle', section.title));
  if (section.lead) el.appendChild(htmlEl(doc, 'p', 'bp-math-lead', section.lead));
  const rows = htmlEl(doc, 'div', 'bp-math-rows');
  for (const r of section.rows) rows.appendChild(mathRowElement(doc, r));
  el.appendChild(rows);
  for (const note of section.notes || []) el.appendChild(htmlEl(doc, 'p', 'bp-math-note', note));
  return el;
}

/**
 * The math panel for a state as a DOM node (a <div class="bp-mathpanel">).
 * options: {precision (2–10), selection, lang ('pt-BR' | 'en'), headingLevel (default 3)}.
 */
export function buildMathPanel(doc, state, options = {}) {
  const data = mathLines(state, options);
  const level = options.headingLevel || 3;
  const root = htmlEl(doc, 'div', 'bp-mathpanel');
  root.setAttribute('lang', options.lang === 'en' ? 'en' : 'pt-BR');
  root.appendChild(htmlEl(doc, `h${level}`, 'bp-math-title', data.title));
  for (const section of data.sections) root.appendChild(sectionElement(doc, section, level));
  for (const note of data.notes) root.appendChild(htmlEl(doc, 'p', 'bp-math-note', note));
  return root;
}
