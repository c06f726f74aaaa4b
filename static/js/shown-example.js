// shown-example.js — owns which example's x and y the page shows. While a forward pass exists
// its numbers belong to forward.sample (x = forward.a[0], y = forward.y); right after an update
// that is still the example just learned, while `sample`/`example` already name the next one.
// Before any forward, the example under way. Pure: no DOM.

const finite = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * {sample, x(j), y, underWay} of the example drawn for `state` (or null). underWay is true when
 * that example is the one under way, i.e. the one a `set` of input or target would edit.
 */
export function shownExample(state) {
  const s = state || {};
  const f = s.forward;
  const example = s.example || {};
  if (!f) {
    return { sample: Number.isInteger(s.sample) ? s.sample : null, x: (j) => finite(example.x?.[j]), y: finite(example.y), underWay: true };
  }
  const sample = Number.isInteger(f.sample) ? f.sample : s.sample;
  const underWay = !Number.isInteger(f.sample) || f.sample === s.sample;
  const xs = Array.isArray(f.a?.[0]) ? f.a[0] : s.dataset?.X?.[sample] ?? (underWay ? example.x : null);
  const y = finite(f.y) ?? finite(s.dataset?.Y?.[sample]) ?? (underWay ? finite(example.y) : null);
  return { sample: Number.isInteger(sample) ? sample : null, x: (j) => finite(xs?.[j]), y, underWay };
}
