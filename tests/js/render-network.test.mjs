// Tests for network-view.js and render-network.js: the view read from a state, the glow of the
// phase that ran, the gradient path of a selection, and drawNetwork on a recording fake canvas
// (it must draw every kind of state without throwing, show the numbers, and never change its inputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawNetwork } from '../../static/js/render-network.js';
import { buildView, gradientPath, ranParts, gradientWidth } from '../../static/js/network-view.js';
import { layoutNetwork } from '../../static/js/layout.js';
import { textWidth } from '../../static/js/format.js';
import { xorAfterUpdate, xorSecondForward, XOR_EXAMPLE_2_UNDER_WAY } from './fixtures.mjs';

/** A 2d context that records the text it is asked to draw, measured as format.js's textWidth estimates it
 * (the metrics of DejaVu Sans, the font Chromium draws with here). */
function fakeContext() {
  const texts = [];
  const ctx = {
    texts, font: '10px sans-serif', fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1,
    textAlign: 'left', textBaseline: 'alphabetic', lineCap: 'butt',
    measureText(text) {
      const size = Number((/(\d+(?:\.\d+)?)px/.exec(ctx.font) || [0, 10])[1]);
      return { width: textWidth(text, size, /^[67]00 /.test(ctx.font)) };
    },
    fillText(text) { texts.push(String(text)); },
  };
  for (const name of ['save', 'restore', 'clearRect', 'fillRect', 'beginPath', 'moveTo', 'lineTo', 'arc', 'arcTo',
    'closePath', 'stroke', 'fill', 'setLineDash', 'setTransform', 'strokeRect', 'strokeText']) ctx[name] = () => {};
  return ctx;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function state(phase, overrides = {}) {
  const base = {
    type: 'state', protocol: 2, config: { lr: 0.5, activation: 'sigmoid', loss: 'mse', optimizer: 'sgd', detailed: false, check_gradients: false },
    sizes: [2, 2, 1], epoch: 0, sample: 0, steps: 1, phase, layer: null, next: { phase: 'backward', layer: null },
    example: { x: [0.05, 0.1], y: 0.01 },
    params: { W: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], b: [[0.35, 0.35], [0.6]] },
    forward: { z: [[0.3775, 0.3925], [1.105905967]], a: [[0.05, 0.1], [0.5932699921, 0.5968843783], [0.7513650696]], y_hat: 0.7513650696, loss: 0.2748110832 },
    backward: null, update: null, gradcheck: null,
    shown: { sample: 0, x: [0.05, 0.1], y: 0.01, y_hat: 0.7513650696, abs_error: 0.7413650696, under_way: true },
  };
  const backward = { da: [[0.0554, 0.0623], [0.7414]], dz: [[0.01337, 0.015], [0.1385]], dW: [[[0.000668, 0.001337], [0.00075, 0.0015]], [[0.0822, 0.0827]]], db: [[0.01337, 0.015], [0.1385]] };
  if (phase === 'idle') Object.assign(base, { forward: null, next: { phase: 'forward', layer: null } });
  if (phase === 'backward' || phase === 'update') base.backward = backward;
  if (phase === 'update') base.update = { delta_W: [[[-0.000334, -0.000668], [-0.000375, -0.00075]], [[-0.0411, -0.0413]]], delta_b: [[-0.0067, -0.0075], [-0.0692]] };
  return deepFreeze({ ...base, ...overrides });
}

const draw = (s, options = {}) => {
  const ctx = fakeContext();
  drawNetwork(ctx, s, { width: 500, height: 300, precision: 4, showGradients: true, lang: 'pt-BR', ...options });
  return ctx.texts;
};

test('null state: a neutral network and "Conectando…"', () => {
  assert.ok(draw(null).includes('Conectando…'));
  assert.ok(draw(null, { lang: 'en' }).includes('Connecting…'));
});

test('idle: inputs, target and weights, no activations yet', () => {
  const texts = draw(state('idle'));
  for (const t of ['0,0500', '0,1000', '0,0100', '0,1500', '0,4500', '0,6000']) assert.ok(texts.some((x) => x.includes(t)), t);
  assert.ok(!texts.some((x) => x.includes('0,5933')));
  assert.ok(texts.some((x) => x.includes('forward')), 'says what comes next');
});

test('forward: activations inside, z beside, the output and the loss', () => {
  const texts = draw(state('forward'));
  for (const t of ['0,5933', '0,5969', '0,7514', 'z₁ 0,3775', 'zₒᵤₜ 1,1059', 'L', '0,2748']) assert.ok(texts.includes(t), t);
  assert.ok(draw(state('forward'), { width: 544, height: 326 }).includes('L = 0,2748'), 'on one line where there is room');
});

test('backward with gradients: every ∇ value beside its weight or bias', () => {
  const texts = draw(state('backward'));
  for (const t of ['∇\u2009+0,0822', '∇\u2009+0,0013', '∇\u2009+0,1385']) assert.ok(texts.includes(t), t);
  assert.ok(texts.includes('∂L/∂ŷ') && texts.includes('+0,7414'), 'its name above its value where a line is short');
  const hidden = draw(state('backward'), { showGradients: false });
  assert.ok(!hidden.some((t) => t.startsWith('∇')));
});

test('update: the new value and the change it took', () => {
  const texts = draw(state('update', { params: { W: [[[0.1497, 0.1993], [0.2496, 0.2993]], [[0.3589, 0.4087]]], b: [[0.3433, 0.3425], [0.5308]] } }));
  for (const t of ['0,3589', 'Δ\u2009\u22120,0411', 'Δ\u2009\u22120,0692']) assert.ok(texts.some((x) => x.includes(t)), t);
});

test('phone width at 10 decimals: each number drawn has all ten, what has no room is left out', () => {
  const ctx = fakeContext();
  drawNetwork(ctx, state('update'), { width: 340, height: 260, precision: 10, showGradients: true });
  const numbers = ctx.texts.flatMap((t) => t.match(/\d+,\d+/g) || []);
  assert.ok(numbers.includes('0,0100000000'), 'the target at least');
  assert.ok(numbers.every((n) => /,\d{10}$/.test(n)), numbers.join(' '));
});

test('in English the picture writes a decimal point, in pt-BR a comma, and never the other', () => {
  const pt = draw(state('update')).join(' ');
  const en = draw(state('update'), { lang: 'en' }).join(' ');
  assert.match(pt, /Δ\s−0,0411/);
  assert.doesNotMatch(pt, /\d\.\d/);
  assert.match(en, /Δ\s−0\.0411/);
  assert.doesNotMatch(en, /\d,\d/);
});

test('any network size and detailed-mode partial states draw without throwing', () => {
  for (const sizes of [[2, 1, 1], [2, 8, 1], [2, 3, 3, 1], [2, 8, 8, 8, 1]]) {
    const L = sizes.length - 1;
    const W = sizes.slice(1).map((n, l) => Array.from({ length: n }, () => Array(sizes[l]).fill(0.1)));
    const b = sizes.slice(1).map((n) => Array(n).fill(0));
    const forward = { z: sizes.slice(1).map((n, l) => (l === 0 ? Array(n).fill(0.2) : null)), a: sizes.map((n, k) => (k <= 1 ? Array(n).fill(0.5) : null)), y_hat: null, loss: null };
    const s = state('forward', { sizes, params: { W, b }, forward, layer: 0, next: { phase: 'forward', layer: 1 } });
    for (const [width, height] of [[320, 320], [500, 300], [900, 500]]) draw(s, { width, height, selection: { what: 'weight', layer: L - 1, row: 0, col: 0 } });
  }
});

test('a layout passed in is used; a stale one is replaced', () => {
  const layout = layoutNetwork([2, 2, 1], 500, 300);
  assert.doesNotThrow(() => draw(state('forward'), { layout }));
  assert.doesNotThrow(() => draw(state('forward', { sizes: [2, 3, 1], params: { W: [[[1, 1], [1, 1], [1, 1]], [[1, 1, 1]]], b: [[0, 0, 0], [0]] }, forward: null }), { layout }));
});

test('the view reads the state; old values after an update are not its business', () => {
  const view = buildView(state('update'), { showGradients: true });
  assert.equal(view.weight(0, 0, 1), 0.2);
  assert.equal(view.deltaW(1, 0, 0), -0.0411);
  assert.equal(view.gradB(1, 0), 0.1385);
  assert.equal(view.activation(0, 1), 0.1);
  assert.equal(view.preActivation(2, 0), 1.105905967);
  assert.equal(view.target, 0.01);
  assert.equal(buildView(state('idle'), {}).activation(1, 0), null);
  assert.equal(buildView(state('idle'), {}).activation(0, 0), 0.05, 'inputs come from the example before a forward');
  assert.equal(buildView(state('backward'), { showGradients: false }).gradW(0, 0, 0), null);
});

test('after an update the picture shows x, y and L of the example just learned', () => {
  const view = buildView(deepFreeze(xorAfterUpdate()), {});
  assert.equal(view.target, 0, 'y of forward.sample 0, not of the next example (1)');
  assert.equal(view.activation(0, 1), 0);
  assert.equal(view.loss, 0.1283755501289072);
  const texts = draw(deepFreeze(xorAfterUpdate()));
  assert.ok(texts.includes('L') && texts.includes('0,1284'));
  assert.ok(!texts.some((t) => t.startsWith('1,0')), 'no y = 1 drawn beside L of an example whose y is 0');
  const next = buildView(deepFreeze(xorSecondForward()), {});
  assert.equal(next.target, 1);
  assert.equal(next.activation(0, 1), 1);
  const idle = buildView(deepFreeze(xorAfterUpdate({ phase: 'idle', forward: null, backward: null, update: null,
    shown: XOR_EXAMPLE_2_UNDER_WAY })), {});
  assert.equal(idle.target, 1, 'before a forward, the example under way');
  assert.equal(idle.activation(0, 1), 1);
});

test('the glow follows the phase, and only the layer that ran in detailed mode', () => {
  assert.deepEqual([...ranParts(state('forward')).neurons], [1, 2]);
  assert.equal(ranParts(state('forward')).target, true);
  assert.deepEqual([...ranParts(state('forward', { layer: 0 })).neurons], [1]);
  assert.deepEqual([...ranParts(state('forward', { layer: 0 })).edges], [0]);
  assert.equal(ranParts(state('forward', { layer: 0 })).target, false);
  assert.deepEqual([...ranParts(state('backward', { layer: 1 })).edges], [1]);
  assert.deepEqual([...ranParts(state('update')).labels], [0, 1]);
  assert.equal(ranParts(state('idle')).neurons.size, 0);
  assert.equal(ranParts(null).edges.size, 0);
});

test('the gradient path of w12 runs from the loss through v1 and h1 to x2', () => {
  const path = gradientPath([2, 2, 1], { what: 'weight', layer: 0, row: 0, col: 1 });
  for (const key of ['e:0:0:1', 'n:0:1', 'n:1:0', 'e:1:0:0', 'n:2:0', 'target']) assert.ok(path.has(key), key);
  for (const key of ['e:1:0:1', 'n:1:1', 'e:0:1:0', 'n:0:0']) assert.ok(!path.has(key), key);
  const deep = gradientPath([2, 2, 2, 1], { what: 'bias', layer: 0, row: 1 });
  for (const key of ['b:0:1', 'n:1:1', 'e:1:0:1', 'e:1:1:1', 'n:2:0', 'n:2:1', 'e:2:0:0', 'e:2:0:1']) assert.ok(deep.has(key), key);
  assert.ok(!deep.has('e:1:0:0'));
  assert.equal(gradientPath([2, 2, 1], null).size, 0);
});

test('gradient arrows: zero is no arrow, tiny still shows, thickness grows with |g| and is capped', () => {
  assert.equal(gradientWidth(0), 0);
  assert.ok(gradientWidth(1e-9) >= 1);
  assert.ok(gradientWidth(1e-4) < gradientWidth(1e-2));
  assert.equal(gradientWidth(-0.5), gradientWidth(0.5));
  assert.ok(gradientWidth(1e6) <= 4);
});

test('dead and saturated hidden units are marked from the server\'s `units`', async () => {
  const { unitMark } = await import('../../static/js/network-view.js');
  const units = { dead: [[false, true]], saturated: [[true, false]] };
  assert.equal(unitMark(units, 1, 1), 'dead');
  assert.equal(unitMark(units, 1, 0), 'saturated');
  assert.equal(unitMark(units, 2, 0), null, 'the output layer is never marked');
  assert.equal(unitMark(undefined, 1, 0), null);
});
