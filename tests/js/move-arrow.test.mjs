// Tests for the move arrows of draw-primitives.js: each arrow points where −η·∇ takes the
// parameter (up: it grows, down: it shrinks) and carries a + or − glyph, not colour alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moveArrow, moveDirection } from '../../static/js/draw-primitives.js';

const COLORS = { positive: '#1c6fd1', negative: '#c2410c' };

/** A 2D context that records the lines, fills and texts drawn. */
function recordingContext() {
  const log = { moves: [], texts: [], fills: [] };
  return {
    log,
    beginPath() {}, closePath() {}, stroke() {}, setLineDash() {},
    fill() { log.fills.push(this.fillStyle); },
    moveTo(x, y) { log.moves.push([x, y]); },
    lineTo() {},
    fillText(text, x, y) { log.texts.push({ text, x, y, color: this.fillStyle }); },
  };
}

test('the direction is that of −η·∇', () => {
  assert.equal(moveDirection(-0.0257), 'up');
  assert.equal(moveDirection(0.1267), 'down');
  assert.equal(moveDirection(0), null);
  assert.equal(moveDirection(null), null);
  assert.equal(moveDirection(Number.NaN), null);
});

for (const [gradient, dir, glyph, color] of [[-0.0257, 'up', '+', COLORS.positive],
  [0.1267, 'down', '\u2212', COLORS.negative]]) {
  test(`∇ ${gradient}: the arrow points ${dir} with “${glyph}”`, () => {
    const ctx = recordingContext();
    moveArrow(ctx, 50, 100, 10, gradient, 2, COLORS);
    const [tail, head] = ctx.log.moves; // the shaft starts at the tail; the head is drawn from its tip
    assert.equal(tail[0], 50);
    assert.equal(head[1] < tail[1], dir === 'up', JSON.stringify(ctx.log.moves));
    assert.deepEqual(ctx.log.texts.map((t) => t.text), [glyph]);
    assert.equal(ctx.log.texts[0].color, color);
  });
}

test('no arrow for a zero gradient', () => {
  const ctx = recordingContext();
  moveArrow(ctx, 50, 100, 10, 0, 2, COLORS);
  assert.deepEqual(ctx.log.moves, []);
});
