// format.js — owns how numbers and names are written for the student:
// numbers with a true minus sign (U+2212), "—" for missing values, and the
// course's names for parameters and neurons (w12, b1, v1, c, x1, h1, ŷ, y).
// Pure functions, no DOM.

export const MINUS = '\u2212';
export const MISSING = '—';

const SUBSCRIPTS = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉' };
const SUPERSCRIPTS = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '-': '⁻', [MINUS]: '⁻' };

/** Clamp a precision to an integer in 0 … 10 (default 4). */
export function clampPrecision(precision) {
  const p = Number.isFinite(precision) ? Math.round(precision) : 4;
  return Math.min(10, Math.max(0, p));
}

/** Digits (and minus signs) written as subscripts: "12" → "₁₂". */
export function toSubscript(text) {
  return String(text).replace(/[0-9]/g, (d) => SUBSCRIPTS[d]);
}

/** Digits (and minus signs) written as superscripts: "-7" → "⁻⁷". */
export function toSuperscript(text) {
  return String(text).replace(/[0-9\-\u2212]/g, (d) => SUPERSCRIPTS[d]);
}

/**
 * Write a number for a student: fixed decimals, U+2212 for negatives, "—" for
 * null/undefined/non-finite. Values too small to show at this precision (but
 * not zero) and very large values use scientific notation, e.g. "3.20×10⁻⁷",
 * so that a vanishing gradient never reads as 0.
 */
/** 1e-5 as "10⁻⁵" (a power of ten the server states as a threshold); other numbers as formatNumber. */
export function formatPowerOfTen(x) {
  const exponent = Math.round(Math.log10(x));
  return x > 0 && Number(`1e${exponent}`) === x ? `10${toSuperscript(String(exponent))}` : formatNumber(x, 4);
}

export function formatNumber(x, precision = 4) {
  if (x === null || x === undefined || typeof x !== 'number' || !Number.isFinite(x)) return MISSING;
  const p = clampPrecision(precision);
  const abs = Math.abs(x);
  if (abs === 0) return (0).toFixed(p);
  if (abs < 0.5 * 10 ** -p || abs >= 1e6) return scientific(x, Math.max(1, Math.min(p - 2, 3)));
  const text = x.toFixed(p);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace('-', MINUS);
}

function scientific(x, decimals) {
  const [mantissa, exponent] = x.toExponential(decimals).split('e');
  return `${mantissa.replace('-', MINUS)}×10${toSuperscript(String(Number(exponent)))}`;
}

/** A change or gradient with an explicit sign: "+0.0123", "−0.0123". */
export function formatSigned(x, precision = 4) {
  const text = formatNumber(x, precision);
  if (text === MISSING || text.startsWith(MINUS) || x === 0) return text;
  return `+${text}`;
}

/** A number as the student would type it back (ASCII minus, no rounding noise). */
export function editableNumber(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '';
  return String(Number(x.toPrecision(12)));
}

/** True for the course's own shape: 2 inputs, one hidden layer, 1 output. */
export function isCourseNet(sizes) {
  return Array.isArray(sizes) && sizes.length === 3 && sizes[0] === 2 && sizes[2] === 1;
}

/**
 * The name of one parameter. 2–h–1 networks use the course's names: W[0][i][j] → "w{i+1}{j+1}",
 * b[0][i] → "b{i+1}", W[1][0][j] → "v{j+1}", b[1][0] → "c". Deeper networks number weight
 * layers from 1: W[l][i][j] → "W{l+1}[{i+1},{j+1}]", b[l][i] → "b{l+1}[{i+1}]".
 */
export function paramName(sizes, what, layer, row, col) {
  if (isCourseNet(sizes)) {
    if (what === 'weight') return layer === 0 ? `w${row + 1}${col + 1}` : `v${col + 1}`;
    return layer === 0 ? `b${row + 1}` : 'c';
  }
  if (what === 'weight') return `W${layer + 1}[${row + 1},${col + 1}]`;
  return `b${layer + 1}[${row + 1}]`;
}

/**
 * The name of a neuron: layer k indexes sizes. Inputs "x1", "x2"; the output "ŷ";
 * hidden units "h1", "h2" with one hidden layer, "h1[2]" (layer 1, unit 2) with more.
 */
export function neuronName(sizes, k, index) {
  const last = sizes.length - 1;
  if (k === 0) return `x${index + 1}`;
  if (k === last) return sizes[last] === 1 ? 'ŷ' : `ŷ${index + 1}`;
  return sizes.length === 3 ? `h${index + 1}` : `h${k}[${index + 1}]`;
}

export const TARGET_NAME = 'y';

/** The name of any selection object ({what, layer, row, col, index}). */
export function selectionName(sizes, sel) {
  if (!sel) return '';
  if (sel.what === 'weight' || sel.what === 'bias') return paramName(sizes, sel.what, sel.layer, sel.row, sel.col);
  if (sel.what === 'input') return neuronName(sizes, 0, sel.index);
  if (sel.what === 'target') return TARGET_NAME;
  return neuronName(sizes, sel.layer, sel.index);
}

/** A stable string key for a selection, e.g. "weight:0:1:0". */
export function selectionKey(sel) {
  if (!sel) return '';
  const part = (v) => (v === null || v === undefined ? '' : v);
  return `${sel.what}:${part(sel.layer)}:${part(sel.row)}:${part(sel.col)}:${part(sel.index)}`;
}

/** True when two selections address the same thing. */
export function sameSelection(a, b) {
  return Boolean(a && b) && selectionKey(a) === selectionKey(b);
}

/** A name for drawing: trailing digits as subscripts, "w12" → "w₁₂"; bracketed names unchanged. */
export function prettyName(name) {
  return /^[a-zŷ]+\d+$/i.test(name) ? name.replace(/\d+$/, (d) => toSubscript(d)) : name;
}
