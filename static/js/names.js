// names.js — owns the one set of names the page gives the network's parts: the picture, the
// hotspots' accessible names, the gradients list, the quiz and the math panel all ask here.
// The course's 2–h–1 net: x₁, a₁, ŷ, z₁, zₒᵤₜ, w₁₂, b₁, v₁, c. Deeper nets: the same letters with
// the layer as a superscript, a₁⁽²⁾, z₁⁽²⁾, w₁₂⁽³⁾, b₁⁽³⁾ (weight layer l feeds layer l). Each
// name is an identifier node {t: 'id', base, sub, sup} (the math panel writes it as MathML) or
// its plain text (nameText). Pure: no DOM.

import { isCourseNet, toSubscript, toSuperscript } from './format.js';

/** An identifier node: base letter with an optional subscript and superscript. */
export const id = (base, sub = null, sup = null) => ({ t: 'id', base, sub: sub === null ? null : String(sub), sup });

/** Symbols of the network: course names for 2–h–1, layer superscripts otherwise. */
export function symbols(sizes) {
  const L = sizes.length - 1;
  const course = isCourseNet(sizes);
  const sup = (k) => (course ? null : `(${k})`);
  return {
    L, course,
    a: (k, i) => (k === 0 ? id('x', i + 1) : k === L ? id('ŷ') : id('a', i + 1, sup(k))),
    z: (k, i) => (k === L ? id('z', 'out') : id('z', i + 1, sup(k))),
    w: (l, i, j) => (course && l === 1 ? id('v', j + 1) : id('w', `${i + 1}${j + 1}`, sup(l + 1))),
    b: (l, i) => (course && l === 1 ? id('c') : id('b', i + 1, sup(l + 1))),
  };
}

const SMALL_LETTERS = { o: 'ₒ', u: 'ᵤ', t: 'ₜ' };

/** An identifier node as plain text: z₁, zₒᵤₜ, w₁₂⁽²⁾, ŷ. */
export function nameText(node) {
  const sub = node.sub === null ? '' : toSubscript(node.sub).replace(/[out]/g, (c) => SMALL_LETTERS[c]);
  const sup = node.sup ? toSuperscript(node.sup).replace('(', '⁽').replace(')', '⁾') : '';
  return `${node.base}${sub}${sup}`;
}

/** The identifier node of a selection ({what, layer, row, col, index}); null for none. */
export function selectionSymbol(sizes, sel) {
  if (!sel) return null;
  const sy = symbols(sizes);
  if (sel.what === 'weight') return sy.w(sel.layer, sel.row, sel.col);
  if (sel.what === 'bias') return sy.b(sel.layer, sel.row);
  if (sel.what === 'input') return sy.a(0, sel.index);
  if (sel.what === 'target') return id('y');
  return sy.a(sel.layer, sel.index);
}

/** The name of a selection as text ('' for none): "w₁₂", "b₁⁽²⁾", "a₁", "x₂", "ŷ", "y". */
export function selectionName(sizes, sel) {
  return sel ? nameText(selectionSymbol(sizes, sel)) : '';
}

/** The name of weight W[l][i][j] ('weight') or bias b[l][i] ('bias') as text. */
export function paramName(sizes, what, layer, row, col) {
  return selectionName(sizes, { what, layer, row, col });
}

/** The name of unit `index` of layer k (0: the inputs) as text: x₁, a₁, a₁⁽²⁾, ŷ. */
export function neuronName(sizes, k, index) {
  return nameText(symbols(sizes).a(k, index));
}
