// equations.mjs — a checker for the equations the page writes: each row's numeric segments are
// evaluated with the numbers as written (interval arithmetic: every written number stands for
// the interval its last digit allows), and the segment after an "=" must agree with them.
// Not a test file itself (node --test runs *.test.mjs only): equations.test.mjs and
// equations-cli.mjs (driven by tests/test_equations.py with real states) use it.

import { numberText, num, op, row } from '../../static/js/math-terms.js';

const SUPER = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };

/**
 * A number as the page writes it ("−0,0257", "1,00×10⁻¹²", "0.5") → {lo, hi}: the values its
 * digits allow. A written zero is exactly 0 (formatNumber writes any other value too small for
 * its places in scientific notation), and a number written exactly (precision null) is exact.
 */
export function writtenInterval(text, exact = false) {
  const plain = text.replace(/\u2212/g, '-').replace(',', '.');
  const [mantissa, power] = plain.split('×10');
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(mantissa) || (power !== undefined && !/^⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(power))) return null;
  const exponent = power === undefined ? 0 : Number([...power].map((c) => SUPER[c]).join(''));
  const value = Number(`${mantissa}e${exponent}`);
  if (exact || value === 0) return widen({ lo: value, hi: value });
  const places = (mantissa.split('.')[1] || '').length;
  const half = 0.5 * Number(`1e${exponent - places}`);
  return { lo: value - half, hi: value + half };
}

// Floating point is not directed rounding: each result is widened by a few ulps of its size.
function widen(iv, rel = 4e-16) {
  const ends = [iv.lo, iv.hi].filter(Number.isFinite).map(Math.abs);
  const slack = rel * Math.max(0, ...ends) + 1e-320;
  return { lo: iv.lo - slack, hi: iv.hi + slack };
}

const point = (x) => ({ lo: x, hi: x });
const add = (a, b) => widen({ lo: a.lo + b.lo, hi: a.hi + b.hi });
const neg = (a) => ({ lo: -a.hi, hi: -a.lo });
function mul(a, b) {
  const ps = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map((x) => (Number.isNaN(x) ? 0 : x)); // 0 × ∞
  return widen({ lo: Math.min(...ps), hi: Math.max(...ps) });
}
function div(a, b) {
  if (b.lo <= 0 && b.hi >= 0) return { lo: -Infinity, hi: Infinity };
  return mul(a, { lo: 1 / b.hi, hi: 1 / b.lo });
}
function square(a) {
  const ends = [a.lo * a.lo, a.hi * a.hi];
  return widen({ lo: a.lo <= 0 && a.hi >= 0 ? 0 : Math.min(...ends), hi: Math.max(...ends) });
}
const rising = (f) => (a) => widen({ lo: f(a.lo), hi: f(a.hi) }, 1e-15);
const sigma = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const FUNCTIONS = {
  σ: rising(sigma), tanh: rising(Math.tanh), ReLU: rising((x) => Math.max(0, x)), exp: rising(Math.exp),
  ln: (a) => (a.lo <= 0 ? { lo: -Infinity, hi: a.hi > 0 ? Math.log(a.hi) : -Infinity } : rising(Math.log)(a)),
  softplus: rising((x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)))),
  '√': (a) => rising(Math.sqrt)({ lo: Math.max(0, a.lo), hi: Math.max(0, a.hi) }),
};
const abs = (a) => (a.lo >= 0 ? a : a.hi <= 0 ? neg(a) : { lo: 0, hi: Math.max(-a.lo, a.hi) });

// Words the page writes in place of a number: ReLU′'s two cases, a ∂L/∂ŷ past the float range.
const WORDS = { '1 (z > 0)': point(1), '0 (z ≤ 0)': point(0), '> 10³⁰⁸': { lo: Number.MAX_VALUE, hi: Infinity },
  '< −10³⁰⁸': { lo: -Infinity, hi: -Number.MAX_VALUE } };

class NotNumeric extends Error {}
// A number node whose text is no number a student can read ("9,5e−7", "NaN"): a failure of its own.
class Unreadable extends Error {}

/** The interval of a list of expression nodes, or null when it is not all numbers (it names a symbol). */
export function evaluate(nodes, lang = 'pt-BR', asWritten = false) {
  try {
    return new Parser(nodes, lang, asWritten).whole();
  } catch (e) {
    if (e instanceof NotNumeric) return null;
    if (e instanceof Unreadable) return { unreadable: e.message };
    throw e;
  }
}

class Parser {
  constructor(nodes, lang, asWritten = false) {
    this.nodes = nodes;
    this.k = 0;
    this.lang = lang;
    this.asWritten = asWritten; // each number exactly its digits, no rounding interval
  }

  sub(nodes) { return new Parser(nodes, this.lang, this.asWritten).whole(); }

  whole() {
    if (!this.nodes.length) throw new NotNumeric();
    const value = this.expr();
    if (this.k !== this.nodes.length) throw new NotNumeric();
    return value;
  }

  peek() { return this.nodes[this.k]; }

  isOp(node, ...vs) { return node && node.t === 'op' && vs.includes(node.v); }

  expr() {
    let sign = 1;
    if (this.isOp(this.peek(), '−', '+')) sign = this.nodes[this.k++].v === '−' ? -1 : 1;
    let value = this.term();
    if (sign < 0) value = neg(value);
    while (this.isOp(this.peek(), '+', '−')) {
      const minus = this.nodes[this.k++].v === '−';
      const right = this.term();
      value = add(value, minus ? neg(right) : right);
    }
    return value;
  }

  term() {
    let value = this.primary();
    for (;;) {
      const next = this.peek();
      if (this.isOp(next, '×', '·')) {
        this.k += 1;
        value = mul(value, this.primary());
      } else if (next && !(next.t === 'op')) value = mul(value, this.primary()); // juxtaposed: 4e⁻²ᶻ
      else return value;
    }
  }

  primary() {
    const node = this.nodes[this.k++];
    if (!node) throw new NotNumeric();
    if (this.isOp(node, '|')) {
      const start = this.k;
      while (this.k < this.nodes.length && !this.isOp(this.nodes[this.k], '|')) this.k += 1;
      if (this.k >= this.nodes.length) throw new NotNumeric();
      const inner = this.sub(this.nodes.slice(start, this.k));
      this.k += 1;
      return abs(inner);
    }
    if (this.isOp(node, '−')) return neg(this.primary());
    const fn = functionName(node);
    const arg = this.peek();
    // ln(1 + e^x), the cross-entropy written from the logit: past x ≈ 709 e^x is no double, the
    // softplus log(1 + e^x) = x + log(1 + e^−x) still is.
    if (fn === 'ln' && arg && arg.t === 'paren' && arg.items.length === 3 && arg.items[0].t === 'text'
      && arg.items[0].v === '1' && this.isOp(arg.items[1], '+') && arg.items[2].t === 'pow' && arg.items[2].expNodes) {
      this.k += 1;
      return FUNCTIONS.softplus(this.sub(arg.items[2].expNodes));
    }
    if (fn) {
      this.k += 1;
      if (!arg || arg.t !== 'paren') throw new NotNumeric();
      return FUNCTIONS[fn](this.sub(arg.items));
    }
    return this.value(node);
  }

  value(node) {
    switch (node.t) {
      case 'num': {
        const text = numberText(node, this.lang);
        // An exact number is exact only if its text is (η = 7,07106781187 is √50 to 12 digits).
        const iv = writtenInterval(text, this.asWritten || (node.precision === null && Number(text.replace(/\u2212/g, '-').replace(',', '.')) === node.v));
        if (!iv) throw new Unreadable(text);
        return iv;
      }
      case 'text':
        if (/^[0-9]+$/.test(node.v)) return point(Number(node.v));
        if (WORDS[node.v]) return WORDS[node.v];
        throw new NotNumeric();
      case 'paren': return this.sub(node.items);
      case 'frac': return div(this.sub(node.num), this.sub(node.den));
      case 'pow': {
        if (node.expNodes) {
          if (!(node.base.t === 'id' && node.base.base === 'e')) throw new NotNumeric();
          return FUNCTIONS.exp(this.sub(node.expNodes));
        }
        if (node.exp !== '2') throw new NotNumeric();
        return square(this.sub([node.base]));
      }
      default: throw new NotNumeric();
    }
  }
}

function functionName(node) {
  if (node.t === 'id' && node.fn && FUNCTIONS[node.base]) return node.base;
  if (node.t === 'text' && node.v === 'ln') return 'ln';
  return null;
}

/** A node list as plain text, as it reads on screen ("0,15 × 0,05 + 0,35"). */
export function plainText(nodes, lang = 'pt-BR') {
  return nodes.map((n) => {
    if (n.t === 'id') return n.base + (n.sub === null || n.sub === undefined ? '' : `_${n.sub}`) + (n.sup ?? '');
    if (n.t === 'op') return ` ${n.v} `;
    if (n.t === 'text') return n.v;
    if (n.t === 'num') return n.paren ? `(${numberText(n, lang)})` : numberText(n, lang);
    if (n.t === 'frac') return `[${plainText(n.num, lang)}]/[${plainText(n.den, lang)}]`;
    if (n.t === 'paren') return `(${plainText(n.items, lang)})`;
    if (n.t === 'pow') return n.expNodes ? `${plainText([n.base], lang)}^(${plainText(n.expNodes, lang)})` : `${plainText([n.base], lang)}²`;
    return '?';
  }).join('').replace(/ {2,}/g, ' ').trim();
}

export function rowText(r, lang = 'pt-BR') {
  return r.segments.map((s, k) => (k ? ` ${r.rels[k - 1]} ` : '') + plainText(s, lang)).join('');
}

const overlap = (a, b) => a.lo <= b.hi && b.lo <= a.hi;
const nearZero = (iv) => Math.max(Math.abs(iv.lo), Math.abs(iv.hi)) < 1e-300;
// Sums and products of numbers only: there the numbers as written cancel exactly or not at all
// (in ln(1 + e^45,19) − 45,19 a double cannot tell 2,4×10⁻²⁰ from 0).
const plainSum = (nodes) => nodes.every((n) => n.t === 'num' || n.t === 'op' || (n.t === 'text' && /^[0-9]+$/.test(n.v))
  || (n.t === 'paren' && plainSum(n.items)));
// Numbers written at fewer than the page's most places (10): it could have told them apart. At
// 10 a cancellation the server's float leaves (old + Δ = 2,8×10⁻¹⁷) is past what can be written.
const belowTen = (nodes) => nodes.some((n) => (n.t === 'num' && n.precision !== null && n.precision < 10) || (n.t === 'paren' && belowTen(n.items)));
const holdsZero = (iv) => iv.lo <= 0 && iv.hi >= 0; // the numbers as written: an interval of a few ulps

/**
 * Every "=" of a row between two segments made of numbers alone: {checked, failures: [{text,
 * left, right, at, reason}]}, `at` the index of the segment after the "=". Rows with no such pair
 * check nothing (a symbolic row, a "≈"). Two reasons: 'disagree' (no value the written digits
 * allow makes both sides equal) and 'reads 0' (the numbers as written cancel exactly, e.g.
 * "1,0000 − 1,0000", beside a result that is not 0: within the rounding, but a student reads it
 * as false).
 */
export function checkRow(r, lang = 'pt-BR') {
  const failures = [];
  let checked = 0;
  const ivs = r.segments.map((s) => evaluate(s, lang));
  ivs.forEach((iv, k) => {
    if (iv?.unreadable) failures.push({ text: rowText(r, lang), at: k, reason: `unreadable number “${iv.unreadable}”` });
  });
  for (let k = 0; k + 1 < r.segments.length; k += 1) {
    if (ivs[k]?.unreadable || ivs[k + 1]?.unreadable) continue;
    if (r.rels[k] !== '=' || !ivs[k] || !ivs[k + 1]) continue;
    checked += 1;
    const fail = (reason) => failures.push({ text: rowText(r, lang), left: ivs[k], right: ivs[k + 1], at: k + 1, reason });
    if (!overlap(ivs[k], ivs[k + 1])) fail('disagree');
    else if (!nearZero(ivs[k + 1]) && plainSum(r.segments[k]) && belowTen(r.segments[k]) && holdsZero(evaluate(r.segments[k], lang, true))) fail('reads 0');
  }
  return { checked, failures };
}

/** A circuit check (circuit.js) as the row the page writes: local × upstream = downstream. */
export function circuitRow(c, p) {
  return row([[num(c.local, p, true), op('×'), num(c.upstream, p, true)], [num(c.downstream, p)]]);
}
