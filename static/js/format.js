// format.js — owns how numbers and names are written for the student:
// numbers with a true minus sign (U+2212), "—" for missing values, sub- and
// superscript digits, and the keys of selections (the names are in names.js).
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
