// text-width.js — owns the layout's estimate of how wide a text is drawn, so label boxes can be
// sized before anything is drawn: advance widths (em) of DejaVu Sans, the widest of the usual
// sans-serif fonts (system-ui, Segoe UI and Roboto are narrower), so a box errs on the roomy side.
// Pure: no DOM, no canvas.

import { formatNumber, formatSigned } from './format.js';

const REGULAR = { digit: 0.637, '.': 0.318, ' ': 0.318, '\u2009': 0.2, '\u2212': 0.838, '+': 0.838, '=': 0.838, '×': 0.838,
  'Δ': 0.684, '∇': 0.669, '∂': 0.517, '/': 0.337, '—': 1, script: 0.53, upper: 0.75, letter: 0.82 };
const BOLD = { ...REGULAR, digit: 0.696, '.': 0.38, ' ': 0.348, 'Δ': 0.774, '∇': 0.697, script: 0.53, upper: 0.85, letter: 0.93 };

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
export function numberWidth(precision, px, { bold = false, signed = false } = {}) {
  const write = signed ? formatSigned : formatNumber;
  return textWidth(write(-1 / 3, precision), px, bold);
}

/** The width of a very small number at `precision` in scientific form ("−3.33×10⁻⁷"). */
export function tinyNumberWidth(precision, px, { bold = false, signed = false } = {}) {
  const write = signed ? formatSigned : formatNumber;
  return textWidth(write(-(10 ** -(precision + 3)) / 3, precision), px, bold);
}
