// shown-example.js — reads which example's numbers are on screen from the server's `state.shown`
// ({sample, x, y, y_hat, abs_error, under_way}): the last forward's example (right after an
// update, the one just learned), before any forward the one under way. Pure: no DOM, and it
// computes nothing, it only reads fields.

const finite = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * {sample, x(j), y, yHat, absError, underWay} of the example drawn for `state`. underWay is true
 * when that example is the one a `set` of input or target would edit.
 */
export function shownExample(state) {
  const shown = state?.shown || {};
  return {
    sample: Number.isInteger(shown.sample) ? shown.sample : null,
    x: (j) => finite(shown.x?.[j]),
    y: finite(shown.y),
    yHat: finite(shown.y_hat),
    absError: finite(shown.abs_error),
    underWay: shown.under_way !== false,
  };
}
