// Tests for math-lines.js and mathpanel.js: the equations of each phase with the course's numbers
// (the classic "step by step backpropagation example": x = (0.05, 0.10), y = 0.01, η = 0.5), the
// chain rule of a selection, and the DOM built with MathML elements only (checked with a tiny fake
// document).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mathLines } from '../../static/js/math-lines.js';
import { numberText } from '../../static/js/math-terms.js';
import { buildMathPanel, breakPieces, buildOutline, buildRow, panelOutline, writeNumbers } from '../../static/js/mathpanel.js';
import { xorAfterUpdate, xorSecondForward } from './fixtures.mjs';

const M = '\u2212';

const before = { W: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]], b: [[0.35, 0.35], [0.6]] };

/**
 * The walkthrough's state right after the update (forward and backward values kept); g′ of every
 * unit, the parameters before the update and the example shown come from the server too.
 */
function courseState(overrides = {}) {
  return {
    type: 'state', protocol: 2, reply_to: 'step',
    config: { lr: 0.5, activation: 'sigmoid', loss: 'mse', optimizer: 'sgd', momentum: 0.9, dataset: 'passo_a_passo',
      hidden: [2], seed: 3, detailed: false, check_gradients: false, lang: 'pt-BR' },
    sizes: [2, 2, 1], dataset: { name: 'passo_a_passo', X: [[0.05, 0.1]], Y: [0.01] },
    epoch: 0, sample: 0, steps: 3, phase: 'update', layer: null, next: { phase: 'forward', layer: null },
    example: { x: [0.05, 0.1], y: 0.01 },
    params: { W: [[[0.149665802, 0.199331604], [0.2496250981, 0.2992501962]], [[0.3589164797, 0.4086661861]]],
      b: [[0.3433160398, 0.3425019623], [0.5307507192]] },
    forward: { z: [[0.3775, 0.3925], [1.105905967]], a: [[0.05, 0.1], [0.5932699921, 0.5968843783], [0.7513650696]],
      g_prime: [[0.24130070857366595, 0.2406134172414225], [0.18681560178498713]],
      y_hat: 0.7513650696, loss: 0.2748110832 },
    backward: { da: [[0.05539942465, 0.06232435273], [0.7413650696]], dz: [[0.01336792042, 0.01499607549], [0.1384985616]],
      dW: [[[0.0006683960211, 0.001336792042], [0.0007498037744, 0.001499607549]], [[0.08216704056, 0.08266762785]]],
      db: [[0.01336792042, 0.01499607549], [0.1384985616]] },
    update: { params_before: before, delta_W: [[[-0.0003341980106, -0.0006683960211], [-0.0003749018872, -0.0007498037744]], [[-0.04108352028, -0.04133381392]]],
      delta_b: [[-0.006683960211, -0.007498037744], [-0.06924928081]], clip_factor: 1, penalty_W: null,
      used: { W: [[[0.0006683960211, 0.001336792042], [0.0007498037744, 0.001499607549]], [[0.08216704056, 0.08266762785]]],
        b: [[0.01336792042, 0.01499607549], [0.1384985616]] } },
    gradcheck: null, metrics: { loss: 0.2748, mse: 0.2748, predictions: [0.7514], correct: 0 },
    shown: { sample: 0, x: [0.05, 0.1], y: 0.01, y_hat: 0.7513650696, abs_error: 0.7413650696, under_way: false },
    history: { from: 0, points: [] }, undo_depth: 3,
    ...overrides,
  };
}

const underWay = { sample: 0, x: [0.05, 0.1], y: 0.01, y_hat: 0.7513650696, abs_error: 0.7413650696, under_way: true };
const forwardState = () => courseState({ phase: 'forward', steps: 1, params: before, backward: null, update: null, shown: underWay, next: { phase: 'backward', layer: null } });
const backwardState = () => courseState({ phase: 'backward', steps: 2, params: before, update: null, shown: underWay, next: { phase: 'update', layer: null } });

/** A node list as plain text, close to how it reads on screen. */
function plain(nodes) {
  return nodes.map((n) => {
    if (n.t === 'id') return n.base + (n.sub === null ? '' : ` ${n.sub}`) + (n.sup ?? '');
    if (n.t === 'op' || n.t === 'text') return n.v;
    if (n.t === 'num') return n.paren ? `(${numberText(n, 'pt-BR')})` : numberText(n, 'pt-BR');
    if (n.t === 'frac') return `${plain(n.num)}/${plain(n.den)}`;
    if (n.t === 'paren') return `(${plain(n.items)})`;
    if (n.t === 'pow') return n.expNodes ? `${plain([n.base])}^(${plain(n.expNodes)})` : `${plain([n.base])}²`;
    return '?';
  }).join(' ');
}

const rowText = (r) => r.segments.map((seg, k) => (k ? ` ${r.rels[k - 1]} ` : '') + plain(seg)).join('');
const allRows = (data) => data.sections.flatMap((s) => s.rows.map(rowText));
const find = (data, start) => allRows(data).find((text) => text.startsWith(start));

test('forward: z and a of every neuron, ŷ and the loss, with numbers and results', () => {
  const data = mathLines(forwardState(), { precision: 4 });
  assert.equal(data.title, 'Forward: propagação');
  assert.deepEqual(data.sections.map((s) => s.title), ['Camada oculta', 'Camada de saída']);
  assert.equal(find(data, 'z 1 ='), 'z 1 = w 11 · x 1 + w 12 · x 2 + b 1 = 0,1500 × 0,0500 + 0,2000 × 0,1000 + 0,3500 = 0,3775');
  assert.equal(find(data, 'a 1 ='), 'a 1 = σ (z 1) = σ (0,3775) = 0,5933');
  assert.equal(find(data, 'z out ='), 'z out = v 1 · a 1 + v 2 · a 2 + c = 0,4000 × 0,5933 + 0,4500 × 0,5969 + 0,6000 = 1,1059');
  assert.equal(find(data, 'ŷ ='), 'ŷ = σ (z out) = σ (1,1059) = 0,7514');
  assert.equal(find(data, 'L ='), `L = 1/2 (y ${M} ŷ)² = 1/2 (0,0100 ${M} 0,7514)² = 0,2748`);
  assert.ok(data.notes.some((n) => n.includes('z₂')), 'the z_out naming note is there');
  assert.ok(data.notes.some((n) => n.startsWith('Próximo passo, backward')));
});

/** The course's example on a network with no hidden layer (hidden=0), right after the forward. */
function noHiddenForward() {
  const params = { W: [[[0.4, 0.45]]], b: [[0.6]] };
  return courseState({
    config: { ...courseState().config, hidden: [] }, sizes: [2, 1], phase: 'forward', steps: 1, params,
    forward: { z: [[0.665]], a: [[0.05, 0.1], [0.6603826731]], g_prime: [[0.2242773982]], y_hat: 0.6603826731,
      loss: 0.2114988107 },
    backward: null, update: null, shown: { ...underWay, y_hat: 0.6603826731, abs_error: 0.6503826731 },
    next: { phase: 'backward', layer: null },
  });
}

test('with no hidden layer the zₒᵤₜ note names no hidden z₂ (one there is, 2–2–1, keeps the course’s name)', () => {
  const pt = mathLines(noHiddenForward(), { precision: 4 });
  assert.equal(find(pt, 'z out ='), 'z out = w 11(1) · x 1 + w 12(1) · x 2 + b 1(1) = 0,4000 × 0,0500 + 0,4500 × 0,1000 + 0,6000 = 0,6650');
  assert.ok(pt.notes.includes('Aqui zₒᵤₜ é a pré-ativação da saída: sem camada oculta, ela é a soma ponderada das entradas x mais o viés.'));
  const en = mathLines(noHiddenForward(), { precision: 4, lang: 'en' });
  assert.ok(en.notes.includes('Here zₒᵤₜ is the output pre-activation: with no hidden layer, it is the weighted sum of the inputs x plus the bias.'));
  for (const { notes } of [pt, en]) assert.ok(!notes.some((n) => /z₂|camada oculta\)|hidden z/.test(n)), notes.join('\n'));
  assert.ok(mathLines(forwardState(), { precision: 4 }).notes
    .includes('Aqui zₒᵤₜ é a pré-ativação da saída (o curso a chama de z₂, o mesmo nome do z₂ da camada oculta).'));
  assert.ok(mathLines(forwardState(), { precision: 4, lang: 'en' }).notes
    .includes('Here zₒᵤₜ is the output pre-activation (the course calls it z₂, the same name as the hidden z₂).'));
});

test('backward: output then hidden layer, every ∂L/∂w and ∂L/∂b', () => {
  const data = mathLines(backwardState(), { precision: 4 });
  assert.deepEqual(data.sections.map((s) => s.title), ['Camada de saída', 'Camada oculta']);
  assert.equal(find(data, '∂ L/∂ ŷ ='), `∂ L/∂ ŷ = ŷ ${M} y = 0,7514 ${M} 0,0100 = 0,7414`);
  assert.equal(find(data, 'σ′ (z out)'), `σ′ (z out) = ŷ (1 ${M} ŷ) = 0,7514 × (1 ${M} 0,7514) = 0,1868`);
  assert.equal(find(data, '∂ L/∂ z out ='), '∂ L/∂ z out = ∂ L/∂ ŷ · σ′ (z out) = 0,7414 × 0,1868 = 0,1385');
  assert.equal(find(data, '∂ L/∂ v 1 ='), '∂ L/∂ v 1 = a 1 · ∂ L/∂ z out = 0,5933 × 0,1385 = 0,0822');
  assert.equal(find(data, '∂ L/∂ c ='), '∂ L/∂ c = ∂ L/∂ z out = 0,1385');
  assert.equal(find(data, '∂ L/∂ a 1 ='), '∂ L/∂ a 1 = v 1 · ∂ L/∂ z out = 0,4000 × 0,1385 = 0,0554');
  assert.equal(find(data, '∂ L/∂ z 1 ='), '∂ L/∂ z 1 = ∂ L/∂ a 1 · σ′ (z 1) = 0,0554 × 0,2413 = 0,0134');
  assert.equal(find(data, '∂ L/∂ w 12 ='), '∂ L/∂ w 12 = x 2 · ∂ L/∂ z 1 = 0,1000 × 0,0134 = 0,0013');
  assert.equal(find(data, '∂ L/∂ b 2 ='), '∂ L/∂ b 2 = ∂ L/∂ z 2 = 0,0150');
  assert.equal(allRows(data).length, 6 + 12);
});

test('update: θ ← θ − η·∂L/∂θ with the old value the server sent (update.params_before)', () => {
  const data = mathLines(courseState(), { precision: 4 });
  assert.equal(data.title, 'Atualização dos parâmetros (η = 0,5)');
  assert.equal(find(data, 'w 12 ←'), `w 12 ← w 12 ${M} η · ∂ L/∂ w 12 = 0,2000 ${M} 0,5 × 0,0013 = 0,1993`);
  assert.equal(find(data, 'v 1 ←'), `v 1 ← v 1 ${M} η · ∂ L/∂ v 1 = 0,4000 ${M} 0,5 × 0,0822 = 0,3589`);
  assert.equal(find(data, 'c ←'), `c ← c ${M} η · ∂ L/∂ c = 0,6000 ${M} 0,5 × 0,1385 = 0,5308`);
  assert.equal(allRows(data).length, 9);
});

test('the page writes the server’s numbers and recomputes none: old θ and g′ are read, not derived', () => {
  const state = courseState();
  state.update.params_before = { ...before, W: [[[0.15, 0.2222], [0.25, 0.3]], [[0.4, 0.45]]] };
  state.forward.g_prime = [[0.3333, 0.2406134172414225], [0.18681560178498713]];
  assert.ok(find(mathLines(state, { precision: 4 }), 'w 12 ←').includes('= 0,2222'), 'not params − delta');
  const back = backwardState();
  back.forward.g_prime = [[0.3333, 0.2406134172414225], [0.1111]];
  const data = mathLines(back, { precision: 4 });
  assert.ok(find(data, 'σ′ (z 1)').endsWith('= 0,3333'), 'not a·(1 − a)');
  assert.ok(find(data, '∂ L/∂ z out =').includes('× 0,1111'), 'σ′(z_out) from forward.g_prime');
});

test('momentum and Adam write θ + Δθ and say why', () => {
  const state = courseState({ config: { ...courseState().config, optimizer: 'adam' } });
  const data = mathLines(state, { precision: 4 });
  assert.equal(find(data, 'w 12 ←'), `w 12 ← w 12 + Δ w 12 = 0,2000 + (${M}0,0007) = 0,1993`);
  assert.ok(data.notes.some((n) => n.includes('Δθ = −η·m̂/(√v̂ + ε), ε = 10⁻⁸') && n.includes('β₂ = 0,999')),
    'the update note states Adam’s rule and constants');
  const momentum = mathLines(courseState({ config: { ...courseState().config, optimizer: 'momentum' } }), { precision: 4 });
  assert.ok(momentum.notes.some((n) => n.startsWith('Momentum: v ← μ·v + g') && n.includes('Δθ = −η·v')));
  assert.ok(!momentum.notes.some((n) => n.includes('Adam')), 'each optimiser its own rule');
  const sgd = mathLines(courseState(), { precision: 4 });
  assert.ok(!sgd.notes.some((n) => n.includes('Δθ')), 'plain SGD writes θ − η·g and needs no note');
});

test('selection: the whole chain from the loss down to w12, every factor and the product', () => {
  const sel = { what: 'weight', layer: 0, row: 0, col: 1, index: null };
  const data = mathLines(backwardState(), { precision: 4, selection: sel });
  assert.equal(data.title, 'Peso w₁₂');
  const chain = find(data, '∂ L/∂ w 12 = ∂ L/∂ ŷ');
  assert.equal(chain, '∂ L/∂ w 12 = ∂ L/∂ ŷ · ∂ ŷ/∂ z out · ∂ z out/∂ a 1 · ∂ a 1/∂ z 1 · ∂ z 1/∂ w 12'
    + ` = (ŷ ${M} y) · σ′ (z out) · v 1 · σ′ (z 1) · x 2`
    + ' = 0,7414 × 0,1868 × 0,4000 × 0,2413 × 0,1000 = 0,0013');
  assert.ok(find(data, 'σ′ (z 1) ='), 'g′(z₁) is worked out below the chain');
});

test('selection of v1 and c: the chain stops at the output', () => {
  const v1 = mathLines(backwardState(), { selection: { what: 'weight', layer: 1, row: 0, col: 0, index: null } });
  assert.ok(find(v1, '∂ L/∂ v 1 = ∂ L/∂ ŷ · ∂ ŷ/∂ z out · ∂ z out/∂ v 1').endsWith('= 0,7414 × 0,1868 × 0,5933 = 0,0822'));
  const c = mathLines(backwardState(), { selection: { what: 'bias', layer: 1, row: 0, col: null, index: null } });
  assert.ok(find(c, '∂ L/∂ c = ∂ L/∂ ŷ').endsWith('= 0,7414 × 0,1868 × 1 = 0,1385'));
});

test('selection before backward: the symbolic chain and a note that numbers come later', () => {
  const data = mathLines(forwardState(), { selection: { what: 'weight', layer: 0, row: 1, col: 0, index: null } });
  const chain = data.sections.find((s) => s.title === 'Regra da cadeia');
  assert.equal(chain.rows[0].segments.length, 3);
  assert.ok(chain.notes.some((n) => n.includes('backward')));
});

test('selection of a neuron, an input and the target', () => {
  const h1 = mathLines(backwardState(), { selection: { what: 'neuron', layer: 1, row: null, col: null, index: 0 } });
  assert.equal(h1.title, 'Neurônio a₁');
  assert.ok(find(h1, 'z 1 = w 11'));
  assert.ok(find(h1, '∂ L/∂ z 1 = ∂ L/∂ ŷ').endsWith('= 0,0134'));
  const x2 = mathLines(forwardState(), { selection: { what: 'input', layer: null, row: null, col: null, index: 1 } });
  assert.equal(x2.title, 'Entrada x₂');
  assert.equal(find(x2, 'x 2 ='), 'x 2 = 0,1000');
  const y = mathLines(backwardState(), { selection: { what: 'target', layer: null, row: null, col: null, index: null } });
  assert.equal(y.title, 'Alvo y');
  assert.ok(find(y, 'L ='));
});

test('gradient check: the numeric estimate and relative error of the selected parameter', () => {
  const gradcheck = { dW: [[[0.00066839, 0.0013367920]], [[0.082167, 0.082668]]], db: [[0.0133679, 0.0149961], [0.1384986]],
    rel_error_W: [[[1e-10, 2.5e-10]], [[1e-11, 1e-11]]], rel_error_b: [[1e-10, 1e-10], [1e-10]], max_rel_error: 2.5e-10 };
  const state = backwardState();
  state.config.check_gradients = true;
  state.gradcheck = gradcheck;
  const data = mathLines(state, { selection: { what: 'weight', layer: 0, row: 0, col: 1, index: null } });
  assert.ok(allRows(data).includes('∂ L/∂ w 12 ≈ 0,0013'));
  assert.ok(allRows(data).includes('erro relativo = 2,50×10⁻¹⁰'));
  assert.ok(allRows(mathLines(state, {})).some((r) => r.startsWith('maior erro relativo = ')));
});

test('detailed mode shows only the layer that just ran', () => {
  const state = forwardState();
  Object.assign(state, { layer: 0, next: { phase: 'forward', layer: 1 } });
  state.forward = { z: [[0.3775, 0.3925], null], a: [[0.05, 0.1], [0.5932699921, 0.5968843783], null], y_hat: null, loss: null };
  const data = mathLines(state, {});
  assert.equal(data.title, 'Forward: propagação · camada oculta');
  assert.deepEqual(data.sections.map((s) => s.title), ['Camada oculta']);
  assert.ok(data.notes.some((n) => n.includes('(só a camada de saída)')));
  const back = backwardState();
  Object.assign(back, { layer: 1, next: { phase: 'backward', layer: 0 } });
  back.backward = { da: [null, [0.7413650696]], dz: [null, [0.1384985616]], dW: [null, [[0.08216704056, 0.08266762785]]], db: [null, [0.1384985616]] };
  assert.deepEqual(mathLines(back, {}).sections.map((s) => s.title), ['Camada de saída']);
});

test('binary cross-entropy: its loss, ∂L/∂ŷ and ∂L/∂z_out = ŷ − y', () => {
  const state = backwardState();
  state.config.loss = 'bce';
  const data = mathLines(state, {});
  assert.ok(find(data, '∂ L/∂ z out =').startsWith(`∂ L/∂ z out = ŷ ${M} y = 0,7514 ${M} 0,0100`));
  // Written from the logit too, with the server's z_out substituted: exact where 1 − ŷ rounds to 0.
  assert.equal(find(data, '∂ L/∂ ŷ ='), `∂ L/∂ ŷ = ŷ ${M} y/ŷ (1 ${M} ŷ) = ${M} y · (1 + e^(${M} z out)) + (1 ${M} y) · (1 + e^(z out)) `
    + `= ${M} 0,0100 · (1 + e^(${M} 1,1059)) + (1 ${M} 0,0100) · (1 + e^(1,1059)) = 0,7414`);
  const forward = forwardState();
  forward.config.loss = 'bce';
  assert.equal(find(mathLines(forward, {}), 'L ='), `L = ${M} (y · ln ŷ + (1 ${M} y) · ln (1 ${M} ŷ)) `
    + `= ln (1 + e^(z out)) ${M} y · z out = ln (1 + e^(1,1059)) ${M} 0,0100 × 1,1059 = 0,2748`);
});

test('binary cross-entropy past the float range: ∂L/∂ŷ (null from the server) is named, not blank', () => {
  const state = backwardState();
  state.config.loss = 'bce';
  state.backward.da[1] = [null];
  assert.ok(find(mathLines(state, {}), '∂ L/∂ ŷ =').endsWith('= > 10³⁰⁸'));
  // With y = 1 and a very negative z it is −(1 + e^−z): below −10³⁰⁸, the sign of ŷ − y (∂L/∂z).
  state.backward.dz[1] = [-1];
  assert.ok(find(mathLines(state, {}), '∂ L/∂ ŷ =').endsWith(`= < ${M}10³⁰⁸`));
});

test('tanh and ReLU derivatives are written out', () => {
  const tanh = backwardState();
  tanh.config.activation = 'tanh';
  assert.ok(find(mathLines(tanh, {}), 'tanh′ (z 1) =').startsWith(`tanh′ (z 1) = 1 ${M} a 1²`));
  const relu = backwardState();
  relu.config.activation = 'relu';
  relu.forward.g_prime = [[1, 0], [0.18681560178498713]];
  assert.equal(find(mathLines(relu, {}), 'ReLU′ (z 1) ='), 'ReLU′ (z 1) = 1 (z > 0) = 1,0000');
  assert.equal(find(mathLines(relu, {}), 'ReLU′ (z 2) ='), 'ReLU′ (z 2) = 0 (z ≤ 0) = 0,0000', 'the case is read from the server’s g′');
});

test('deeper networks use layer superscripts and a ladder of rows for a selection', () => {
  const state = {
    ...backwardState(), sizes: [2, 1, 1, 1], params: { W: [[[0.5, -0.5]], [[2]], [[1]]], b: [[0], [0], [0]] },
    forward: { z: [[0], [0], [0.5]], a: [[1, 1], [0.5], [0.5], [0.6225]], g_prime: [[0.25], [0.25], [0.235]], y_hat: 0.6225, loss: 0.0713 },
    shown: { sample: 0, x: [1, 1], y: 1, y_hat: 0.6225, abs_error: 0.3775, under_way: true },
    backward: { da: [[-0.0904], [-0.0452], [-0.3775]], dz: [[-0.0226], [-0.0113], [-0.0887]], dW: [[[-0.0226, -0.0226]], [[-0.0057]], [[-0.0443]]], db: [[-0.0226], [-0.0113], [-0.0887]] },
    example: { x: [1, 1], y: 1 },
  };
  const data = mathLines(state, { selection: { what: 'weight', layer: 0, row: 0, col: 1, index: null } });
  assert.equal(data.title, 'Peso w₁₂⁽¹⁾');
  assert.equal(find(data, '∂ L/∂ w 12(1) ='), `∂ L/∂ w 12(1) = ∂ L/∂ z 1(1) · ∂ z 1(1)/∂ w 12(1) = ∂ L/∂ z 1(1) · x 2 = (${M}0,0226) × 1,0000 = ${M}0,0226`);
  assert.ok(find(data, '∂ L/∂ a 1(1) ='));
  assert.ok(data.sections.some((s) => s.lead && s.lead.includes('mesma regra')));
  // In a batch the rung is the batch's mean: no product of the first example's numbers beside it.
  const batched = mathLines({ ...state, batch: { start: 0, size: 3 } }, { selection: { what: 'weight', layer: 0, row: 0, col: 1, index: null } });
  assert.equal(find(batched, '∂ L/∂ w 12(1) ='),
    `∂ L/∂ w 12(1) = 1/3 ∑ k ∂ L/∂ z 1(1) · ∂ z 1(1)/∂ w 12(1) = 1/3 ∑ k ∂ L/∂ z 1(1) · x 2 = ${M}0,0226`);
});

test('English strings and null states', () => {
  assert.equal(mathLines(forwardState(), { lang: 'en' }).title, 'Forward pass');
  assert.equal(mathLines(courseState(), { lang: 'en' }).sections[0].title, 'Output layer');
  const idle = mathLines(null, {});
  assert.equal(idle.sections.length, 0);
  assert.ok(idle.notes[0].startsWith('Próximo passo, forward'));
  const fresh = courseState({ phase: 'idle', forward: null, backward: null, update: null, next: { phase: 'forward', layer: null } });
  assert.equal(mathLines(fresh, {}).title, 'Antes do primeiro passo');
});

test('precision is respected (2 … 10)', () => {
  assert.equal(find(mathLines(forwardState(), { precision: 2 }), 'a 1 ='), 'a 1 = σ (z 1) = σ (0,38) = 0,59');
  assert.ok(find(mathLines(forwardState(), { precision: 10 }), 'a 1 =').endsWith('= 0,5932699921'));
});

// ── right after an update: forward/backward belong to the example just learned ──

const W12 = { what: 'weight', layer: 0, row: 0, col: 1, index: null };
const TARGET = { what: 'target', layer: null, row: null, col: null, index: null };
const X2 = { what: 'input', layer: null, row: null, col: null, index: 1 };

test('after an update, y and x are those of the example just learned, not of the next one', () => {
  const state = xorAfterUpdate();
  const y = mathLines(state, { precision: 4, selection: TARGET });
  assert.equal(find(y, 'y ='), 'y = 0,0000');
  assert.equal(find(y, 'L ='), `L = 1/2 (y ${M} ŷ)² = 1/2 (0,0000 ${M} 0,5067)² = 0,1284`);
  assert.equal(find(y, '∂ L/∂ ŷ ='), `∂ L/∂ ŷ = ŷ ${M} y = 0,5067 ${M} 0,0000 = 0,5067`);
  const w12 = mathLines(state, { precision: 4, selection: W12 });
  assert.equal(find(w12, '∂ L/∂ ŷ ='), `∂ L/∂ ŷ = ŷ ${M} y = 0,5067 ${M} 0,0000 = 0,5067`);
  assert.ok(find(w12, '∂ L/∂ w 12 = ∂ L/∂ ŷ').includes('× 0,0000 = 0,0000'), 'x2 of the example learned is 0');
  assert.equal(find(mathLines(state, { precision: 4, selection: X2 }), 'x 2 ='), 'x 2 = 0,0000');
  const bce = xorAfterUpdate({ config: { ...xorAfterUpdate().config, loss: 'bce' } });
  assert.ok(find(mathLines(bce, { selection: TARGET }), 'L =').includes(`ln (1 + e^(0,0268)) ${M} 0,0000 × 0,0268`));
});

test('once the next forward ran, x and y are the new example\'s', () => {
  const data = mathLines(xorSecondForward(), { precision: 4, selection: TARGET });
  assert.equal(find(data, 'y ='), 'y = 1,0000');
  assert.equal(find(data, 'L ='), `L = 1/2 (y ${M} ŷ)² = 1/2 (1,0000 ${M} 0,5271)² = 0,1118`);
  assert.equal(find(mathLines(xorSecondForward(), { selection: X2 }), 'x 2 ='), 'x 2 = 1,0000');
});

test('the update rows use the η the update used, even after the slider moved', () => {
  const moved = xorAfterUpdate({ config: { ...xorAfterUpdate().config, lr: 0.2 }, reply_to: 'configure' });
  const data = mathLines(moved, { precision: 4 });
  assert.equal(data.title, 'Atualização dos parâmetros (η = 0,1)');
  assert.equal(find(data, 'v 1 ←'), `v 1 ← v 1 ${M} η · ∂ L/∂ v 1 = (${M}0,8117) ${M} 0,1 × 0,0620 = ${M}0,8179`);
  assert.ok(data.notes.includes('Esta atualização usou η = 0,1; o novo η = 0,2 vale a partir da próxima atualização.'));
  const v1 = mathLines(moved, { precision: 4, selection: { what: 'weight', layer: 1, row: 0, col: 0, index: null } });
  assert.equal(find(v1, 'v 1 ←'), `v 1 ← v 1 ${M} η · ∂ L/∂ v 1 = (${M}0,8117) ${M} 0,1 × 0,0620 = ${M}0,8179`);
  assert.ok(!mathLines(xorAfterUpdate(), {}).notes.some((n) => n.includes('novo η')), 'no note while η is unchanged');
  const en = mathLines(moved, { lang: 'en' });
  assert.ok(en.notes.includes('This update used η = 0.1; the new η = 0.2 applies from the next update on.'));
});

test('without update.lr (an older server) the update rows fall back to config.lr', () => {
  const state = xorAfterUpdate();
  delete state.update.lr;
  assert.ok(find(mathLines(state, {}), 'v 1 ←').includes(`${M} 0,1 × 0,0620`));
});

test('long sums break before + and ×, never inside a bracket', () => {
  const nodes = [{ t: 'num', text: '1' }, { t: 'op', v: '×' }, { t: 'num', text: '2' }, { t: 'op', v: '+' },
    { t: 'paren', items: [{ t: 'num', text: '3' }, { t: 'op', v: '+' }, { t: 'num', text: '4' }] }];
  assert.deepEqual(breakPieces(nodes).map((p) => p.length), [1, 2, 2]);
});

// ── DOM, with a minimal fake document ──────────────────────────────────

function fakeDocument() {
  const make = (ns, tag) => {
    const el = {
      namespaceURI: ns, tagName: tag, children: [], attributes: {}, textContent: '', className: '', dataset: {},
      classList: { add: (c) => { el.className = `${el.className} ${c}`.trim(); } },
      appendChild(child) { el.children.push(child); child.parent = el; return child; },
      replaceWith(other) { el.parent.children[el.parent.children.indexOf(el)] = other; other.parent = el.parent; },
      setAttribute(name, value) { el.attributes[name] = String(value); },
    };
    return el;
  };
  return {
    createElement: (tag) => make('http://www.w3.org/1999/xhtml', tag),
    createElementNS: (ns, tag) => make(ns, tag),
  };
}

function walk(el, visit) {
  visit(el);
  for (const child of el.children) walk(child, visit);
}

test('buildMathPanel builds HTML around MathML elements, text via textContent only', () => {
  const root = buildMathPanel(fakeDocument(), backwardState(), { precision: 4, lang: 'en' });
  assert.equal(root.tagName, 'div');
  assert.equal(root.attributes.lang, 'en');
  const maths = [];
  const texts = [];
  walk(root, (el) => {
    if (el.tagName === 'math') maths.push(el);
    if (el.textContent) texts.push(el.textContent);
  });
  assert.ok(maths.length > 20);
  for (const math of maths) walk(math, (el) => assert.equal(el.namespaceURI, 'http://www.w3.org/1998/Math/MathML'));
  assert.ok(texts.includes('Backward pass'));
  assert.ok(texts.includes('0.0822'));
  assert.ok(texts.includes('∂'));
});


/** A fake element tree as text: tag, attributes, own text and children. */
function tree(el) {
  const attributes = Object.entries(el.attributes).map(([k, v]) => `${k}=${v}`).join(' ');
  return `<${el.tagName} ${el.className} ${attributes}>${el.textContent}${el.children.map(tree).join('')}</${el.tagName}>`;
}

/** The course state after its update with other numbers: every weight scaled, v₁'s sign flipped. */
function otherNumbers() {
  const state = courseState();
  const scale = (W) => W.map((layer) => layer.map((row) => row.map((w) => w * 1.37)));
  state.params = { ...state.params, W: scale(state.params.W) };
  state.update = { ...state.update, params_before: { ...before, W: [before.W[0], [[-0.4, 0.45]]] } };
  return state;
}

test('the panel writes its numbers in its language: a decimal comma in pt-BR, a point in English', () => {
  const texts = (lang) => {
    const found = [];
    walk(buildMathPanel(fakeDocument(), xorAfterUpdate(), { precision: 4, lang }), (el) => {
      if (el.tagName === 'mn' || el.tagName === 'h3' || el.tagName === 'p') found.push(el.textContent);
    });
    return found.join(' | ');
  };
  assert.match(texts('pt-BR'), /0,0822|\d,\d{4}/);
  assert.doesNotMatch(texts('pt-BR'), /\d\.\d/);
  assert.match(texts('pt-BR'), /η = 0,1\)/, 'the title\'s η');
  assert.match(texts('en'), /\d\.\d{4}/);
  assert.doesNotMatch(texts('en'), /\d,\d/);
  const outline = panelOutline(xorAfterUpdate(), { precision: 4, lang: 'pt-BR' });
  assert.ok(outline.numbers.some((text) => /^−?\d,\d{4}$/.test(text)), outline.numbers.join(' '));
});

test('two states whose panels differ only in numbers (and their signs) share a shape', () => {
  const a = panelOutline(courseState(), { precision: 4, lang: 'pt-BR' });
  const b = panelOutline(otherNumbers(), { precision: 4, lang: 'pt-BR' });
  assert.equal(a.shape, b.shape);
  assert.notDeepEqual(a.numbers, b.numbers);
  assert.ok(b.numbers.includes('(') && !a.numbers.includes('('), 'v₁ before the update is now negative: bracketed');
  assert.notEqual(panelOutline(courseState(), { precision: 4, lang: 'en' }).shape, a.shape);
  assert.notEqual(panelOutline(backwardState(), { precision: 4, lang: 'pt-BR' }).shape, a.shape);
});

test('numbers written in place give the very panel a fresh build gives', () => {
  const doc = fakeDocument();
  const options = { precision: 4, lang: 'pt-BR' };
  const built = buildOutline(doc, panelOutline(courseState(), options), options);
  const next = panelOutline(otherNumbers(), options);
  assert.equal(built.numbers.length, next.numbers.length);
  assert.ok(writeNumbers(built.numbers, next.numbers) >= 8);
  assert.equal(tree(built.root), tree(buildMathPanel(doc, otherNumbers(), options)));
  assert.equal(writeNumbers(built.numbers, next.numbers), 0, 'nothing left to change');
});

test('a panel built in part has stand-ins past its budget; built later in their place, the rows give the whole panel', () => {
  const doc = fakeDocument();
  const options = { precision: 4, lang: 'pt-BR' };
  const outline = panelOutline(backwardState(), options);
  const built = buildOutline(doc, outline, options, outline.rows[0].cost + outline.rows[1].cost);
  assert.deepEqual(built.rows.map((r) => Boolean(r.numbers)), outline.rows.map((_, k) => k < 2));
  assert.ok(outline.rows.length > 4 && built.rows[2].el.children.length === 0, 'a stand-in is an empty row');
  built.rows.forEach((r, k) => r.numbers || buildRow(doc, outline, built, k));
  const whole = buildMathPanel(doc, backwardState(), options);
  assert.equal(whole.className, 'bp-mathpanel', 'built whole, a panel is not marked large');
  whole.classList.add('bp-mathpanel--large');
  assert.equal(tree(built.root), tree(whole));
});

test('with a penalty and clipping, g = (∂L/∂θ + λ₂θ + λ₁ sign θ) × factor is written before each update row', () => {
  const state = courseState({});
  state.update = { ...state.update, clip_factor: 0.5, penalty_W: [[[0.01, 0.02], [0.03, 0.04]], [[0.05, 0.06]]],
    used: { W: [[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]], b: [[0.7, 0.8], [0.9]] } };
  const data = mathLines(state, {});
  const rows = allRows(data);
  const g = rows.find((text) => text.startsWith('g = (∂ L/∂ v 1 + λ₂ v 1 + λ₁ sign v 1) × 0,5000'));
  assert.ok(g, rows.join('\n'));
  assert.match(g, /= \(0,0822 \+ 0,0500\) × 0,5000 = 0,5000$/);
  assert.ok(rows.some((text) => text.startsWith(`v 1 ← v 1 ${M} η · g = 0,4000 ${M} 0,5 × 0,5000`)), rows.join('\n'));
  assert.ok(rows.some((text) => text.startsWith('g = (∂ L/∂ c) × 0,5000')), 'biases: clipping only');
});

test('a batch shows each parameter gradient as the mean over its examples, with a note', async () => {
  const { mathLines } = await import('../../static/js/math-lines.js');
  const { xorAfterUpdate } = await import('./fixtures.mjs');
  const state = { ...xorAfterUpdate(), phase: 'backward', update: null };
  assert.ok(state.backward, 'a backward fixture');
  const batched = { ...state, batch: { start: 0, size: 4 } };
  const lines = mathLines(batched, { lang: 'pt-BR', precision: 4 });
  const text = JSON.stringify(lines);
  assert.match(text, /"base":"∑"/);
  assert.ok(lines.notes.some((note) => note.startsWith('Lote de 4 exemplos (1 a 4)')));
  const single = JSON.stringify(mathLines(state, { lang: 'pt-BR', precision: 4 }));
  assert.doesNotMatch(single, /"base":"∑"/);
});

// ── a batch: L and every ∂L/∂w, ∂L/∂b are means; one example's numbers would not give them ──

const W11_OUT = { what: 'weight', layer: 1, row: 0, col: 0, index: null };
const batchOf4 = (state) => ({ ...state, batch: { start: 0, size: 4 } });

test('a batch forward writes L as the mean of the examples\u2019 losses, with the server\u2019s number alone', () => {
  const lines = mathLines(batchOf4(forwardState()), { precision: 4 });
  assert.equal(find(lines, 'L ='), `L = 1/4 ∑ k 1/2 (y k ${M} ŷ k)² = 0,2748`);
  assert.ok(lines.notes.some((note) => note.startsWith('Lote de 4 exemplos (1 a 4): os valores de z, a e ŷ acima')), lines.notes.join('\n'));
  const bce = batchOf4(forwardState());
  bce.config = { ...bce.config, loss: 'bce' };
  assert.equal(find(mathLines(bce, { precision: 4 }), 'L ='),
    `L = 1/4 ∑ k ${M} (y k · ln ŷ k + (1 ${M} y k) · ln (1 ${M} ŷ k)) = 0,2748`);
  // A batch of one (an epoch's last, smaller batch) is one example: its own numbers.
  const one = { ...forwardState(), batch: { start: 3, size: 1 } };
  assert.equal(find(mathLines(one, { precision: 4 }), 'L ='), `L = 1/2 (y ${M} ŷ)² = 1/2 (0,0100 ${M} 0,7514)² = 0,2748`);
});

test('a batch\u2019s selected weight or bias: its chain as a mean, with no single product equal to it', () => {
  const state = batchOf4(xorAfterUpdate());
  for (const [sel, start] of [[W12, '∂ L/∂ w 12 ='], [W11_OUT, '∂ L/∂ v 1 =']]) {
    const text = find(mathLines(state, { precision: 4, selection: sel }), start);
    assert.ok(text.includes('= 1/4 ∑ k ∂ L/∂ ŷ'), text);
    assert.doesNotMatch(text, /×/, text);
  }
  const y = mathLines(state, { precision: 4, selection: TARGET });
  assert.equal(find(y, 'L ='), `L = 1/4 ∑ k 1/2 (y k ${M} ŷ k)² = 0,1284`);
  // A neuron's ∂L/∂z is the first example's: its product stands.
  const neuron = { what: 'neuron', layer: 1, row: null, col: null, index: 0 };
  assert.match(find(mathLines(state, { precision: 4, selection: neuron }), '∂ L/∂ z 1 ='), /×/);
});
