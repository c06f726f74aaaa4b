// format.js — owns how numbers and names are written for the student:
// numbers with a true minus sign (U+2212), "—" for missing values, sub- and
// superscript digits, and the decimal sign of the page's language (pt-BR "0,25", English "0.25"):
// each writer takes the language last, so a drawing is written from the state it is given;
// the one set of names the page gives the network's parts
// (the picture, the hotspots' accessible names, the gradients list, the quiz and
// the math panel all ask here); the keys of selections; and how wide such text
// is drawn (the layout sizes its boxes with it).
// Pure functions, no DOM. (The language is an argument, not a setting kept here: the lazy
// modules import their own copy of this module, and the first script joins another.)

import { DEFAULT_LANG, normalizeLang } from './i18n.js';

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

const DECIMAL_SIGNS = { 'pt-BR': ',', en: '.' };

/** The decimal sign of a language: "," in pt-BR (the page's default), "." in English. */
export function decimalSign(lang) {
  return DECIMAL_SIGNS[normalizeLang(lang)];
}

/** Between the items of a list of numbers: "; " where the decimal sign is a comma ("(1,0; 0,5)"). */
export function listSeparator(lang) {
  return decimalSign(lang) === ',' ? '; ' : ', ';
}

/** Numbers written in JavaScript's notation ("0.25", "3.20e-7") with the language's decimal sign. */
function withSign(digits, lang) {
  return digits.replace('.', decimalSign(lang));
}

/** 1e-5 as "10⁻⁵" (a power of ten the server states as a threshold); other numbers as formatNumber. */
export function formatPowerOfTen(x, lang) {
  const exponent = Math.round(Math.log10(x));
  return x > 0 && Number(`1e${exponent}`) === x ? `10${toSuperscript(String(exponent))}` : formatNumber(x, 4, lang);
}

/**
 * Write a number for a student: fixed decimals, U+2212 for negatives, "—" for
 * null/undefined/non-finite, the decimal sign of `lang`. Values too small to show at this
 * precision (but not zero) and very large values use scientific notation, e.g. "3,20×10⁻⁷",
 * so that a vanishing gradient never reads as 0.
 */
export function formatNumber(x, precision = 4, lang = DEFAULT_LANG) {
  if (x === null || x === undefined || typeof x !== 'number' || !Number.isFinite(x)) return MISSING;
  const p = clampPrecision(precision);
  if (x === 0) return withSign((0).toFixed(p), lang);
  const written = writtenDigits(x, p);
  if (written.includes('e')) return scientific(withSign(written, lang));
  return withSign(/^-0\.?0*$/.test(written) ? written.slice(1) : written.replace('-', MINUS), lang);
}

/** x → formatNumber(x, precision, lang): one way of writing, handed to a drawing. */
export function numberWriter(precision, lang) {
  return (x) => formatNumber(x, precision, lang);
}

/**
 * The unit of the last digit formatNumber writes for x: 10⁻ᵖ in fixed notation, that of the
 * mantissa's last digit in scientific ("1.00×10⁻¹²": 10⁻¹⁴). A value is read to half of it.
 */
export function lastDigitUnit(x, precision = 4) {
  const p = clampPrecision(precision);
  const written = Number.isFinite(x) && x !== 0 ? writtenDigits(x, p) : '0';
  if (!written.includes('e')) return Number(`1e-${p}`);
  const [mantissa, exponent] = written.split('e');
  return Number(`1e${Number(exponent) - (mantissa.split('.')[1]?.length ?? 0)}`);
}

/** Three significant digits at most, as a tick or an input is labelled: "0,05", "−1", "2×10⁻²⁴", "10⁶". */
export function formatShort(x, lang = DEFAULT_LANG) {
  if (!Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 1e4 && abs >= 1e-3) return withSign(String(Number(x.toPrecision(3))).replace('-', MINUS), lang);
  const [mantissa, exponent] = Number(x.toPrecision(3)).toExponential().split('e');
  const power = `10${toSuperscript(String(Number(exponent)))}`;
  if (mantissa === '1' || mantissa === '-1') return `${mantissa === '-1' ? MINUS : ''}${power}`;
  return `${withSign(mantissa.replace('-', MINUS), lang)}×${power}`;
}

/** Numbers written as a list, each by `write` (formatShort unless told), with the language's separator. */
export function formatList(values, lang = DEFAULT_LANG, write = (x) => formatShort(x, lang)) {
  return values.map(write).join(listSeparator(lang));
}

/** x as formatNumber rounds it, in JavaScript's notation: "0.1235" or, scientific, "3.20e-7". */
function writtenDigits(x, p) {
  const abs = Math.abs(x);
  return abs < 0.5 * 10 ** -p || abs >= 1e6 ? x.toExponential(Math.max(1, Math.min(p - 2, 3))) : x.toFixed(p);
}

function scientific(digits) {
  const [mantissa, exponent] = digits.split('e');
  return `${mantissa.replace('-', MINUS)}×10${toSuperscript(String(Number(exponent)))}`;
}

/** The number formatNumber writes for x, e.g. 3.2e-7 for 3.2049e-7 ("3.20×10⁻⁷"): what an editor starts from. */
export function writtenValue(x, precision = 4) {
  return x === 0 ? 0 : Number(writtenDigits(x, clampPrecision(precision)));
}

/** A change or gradient with an explicit sign: "+0,0123", "−0,0123". */
export function formatSigned(x, precision = 4, lang = DEFAULT_LANG) {
  const text = formatNumber(x, precision, lang);
  if (text === MISSING || text.startsWith(MINUS) || x === 0) return text;
  return `+${text}`;
}

/** A number as the student would type it back (ASCII minus, no rounding noise, the language's decimal sign). */
export function editableNumber(x, lang = DEFAULT_LANG) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '';
  return withSign(String(Number(x.toPrecision(12))), lang);
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

// ── names ──────────────────────────────────────────────────────────────────
// The course's 2–h–1 net: x₁, a₁, ŷ, z₁, zₒᵤₜ, w₁₂, b₁, v₁, c. Deeper nets: the same letters with
// the layer as a superscript, a₁⁽²⁾, z₁⁽²⁾, w₁₂⁽³⁾, b₁⁽³⁾ (weight layer l feeds layer l). Each
// name is an identifier node {t: 'id', base, sub, sup} (the math panel writes it as MathML) or
// its plain text (nameText).

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

// ── text widths ────────────────────────────────────────────────────────────
// Advance widths (em) of DejaVu Sans, the widest of the usual sans-serif fonts (system-ui,
// Segoe UI and Roboto are narrower), so a box sized with them errs on the roomy side.

const REGULAR = { digit: 0.637, '.': 0.318, ',': 0.318, ' ': 0.318, '\u2009': 0.2, '\u2212': 0.838, '+': 0.838, '=': 0.838, '×': 0.838,
  'Δ': 0.684, '∇': 0.669, '∂': 0.517, '/': 0.337, '—': 1, script: 0.53, upper: 0.75, letter: 0.82 };
const BOLD = { ...REGULAR, digit: 0.696, '.': 0.38, ',': 0.38, ' ': 0.348, 'Δ': 0.774, '∇': 0.697, script: 0.53, upper: 0.85, letter: 0.93 };

function advance(ch, em) {
  if (/[0-9]/.test(ch)) return em.digit;
  if (em[ch] !== undefined) return em[ch];
  if (/[\u2070-\u209f\u00b2\u00b3\u00b9]/.test(ch)) return em.script; // sub- and superscripts
  return /[A-Z]/.test(ch) ? em.upper : em.letter;
}

/** The estimated width in CSS px of `text` at `px` (bold when `bold`). */
export function textWidth(text, px, bold = false) {
  const em = bold ? BOLD : REGULAR;
  let sum = 0;
  for (const ch of String(text)) sum += advance(ch, em);
  return sum * px;
}

/** The typical widest number written at `precision`: a sign, one integer digit, every decimal. */
export function numberWidth(precision, px, { bold = false, signed = false, lang = DEFAULT_LANG } = {}) {
  const write = signed ? formatSigned : formatNumber;
  return textWidth(write(-1 / 3, precision, lang), px, bold);
}

/**
 * Write `title` as `text` with `name` (a unit's name, a₁⁽¹⁾) in an element of its own kept in its
 * case under the uppercased titles (app.css .bp-unit-name: a₁ is not A₁). text: the sentence with
 * NUL where the name goes.
 */
export function writeTitleWithName(title, text, name) {
  const [before, after = ''] = text.split('\u0000');
  const span = title.ownerDocument.createElement('span');
  span.className = 'bp-unit-name';
  span.textContent = name;
  title.replaceChildren(before, span, after);
}
