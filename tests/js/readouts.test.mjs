// Tests for readouts.js: "—" before the first step, read-outs of the last forward, the status
// line, and the gradient list by course names with the numeric check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readoutTexts, readoutScopes, statusText, cycleStatusTexts, exampleText, gradientsText, hasStarted, trainsWithCrossEntropy,
  checkNote, healthText, lossNoteTexts } from '../../static/js/readouts.js';
import { createTranslator } from '../../static/js/i18n.js';
import { EN } from '../../static/js/i18n-en.js';

const pt = createTranslator('pt-BR');
const en = createTranslator('en', EN);

const base = {
  sizes: [2, 2, 1], epoch: 0, sample: 0, steps: 0, phase: 'idle', layer: null,
  next: { phase: 'forward', layer: null },
  dataset: { name: 'xor', X: [[0, 0], [0, 1], [1, 0], [1, 1]], Y: [0, 1, 1, 0] },
  example: { x: [0, 0], y: 0 },
  forward: null, backward: null, gradcheck: null,
  shown: { sample: 0, x: [0, 0], y: 0, y_hat: 0.5, abs_error: 0.5, under_way: true },
  metrics: { loss: 0.125, mse: 0.125, predictions: [0.5, 0.53, 0.54, 0.56], correct: 2 },
};

/** The server's `shown` of an example: ŷ and |ŷ − y| are the server's numbers, not recomputed. */
const shown = (sample, x, y, yHat, absError, underWay = true) =>
  ({ sample, x, y, y_hat: yHat, abs_error: absError, under_way: underWay });

test('before the first step every read-out is "—"', () => {
  assert.equal(hasStarted(base), false);
  assert.equal(hasStarted(null), false);
  assert.deepEqual(readoutTexts(base, 4, pt),
    { epoch: '—', err: '—', trainLoss: '—', out: '—', target: '—', abs: '—', correct: '—', valErr: '—' });
  assert.match(gradientsText(base, 4, pt), /^∂L\/∂w₁₁ = —\n[^]*\n\n\(ainda não calculado\)$/);
  assert.equal(gradientsText(null, 4, pt), '—');
});

test('the gradient box has as many lines before any gradient as after them, so nothing under it moves', () => {
  const backward = { dW: [[[0.1, -0.2], [0.3, 0.4]], [[0.5, -0.6]]], db: [[0.01, 0.02], [-0.03]] };
  const moments = [base, { ...base, phase: 'forward', steps: 1 },
    { ...base, phase: 'backward', layer: 1, steps: 2, backward: { dW: [null, backward.dW[1]], db: [null, backward.db[1]] } },
    { ...base, phase: 'backward', steps: 2, backward }, { ...base, phase: 'update', steps: 3, backward }];
  for (const t of [pt, en]) {
    const counts = moments.map((server) => gradientsText(server, 4, t).split('\n').length);
    assert.deepEqual(counts, [11, 11, 11, 11, 11], t.lang);
  }
  assert.match(gradientsText(moments[3], 4, pt), /\n\n\(calculados no último backward\)$/);
  assert.match(gradientsText(moments[3], 4, en), /\n\n\(from the last backward pass\)$/);
});

test('after a forward: ŷ, y and |ŷ − y| of that forward, as the server sends them', () => {
  const server = { ...base, phase: 'forward', steps: 1, next: { phase: 'backward', layer: null },
    forward: { sample: 0, y: 0, y_hat: 0.5067, loss: 0.128 }, shown: shown(0, [0, 0], 0, 0.5067, 0.5067) };
  assert.deepEqual(readoutTexts(server, 4, pt),
    { epoch: '0', err: '0,1250', trainLoss: '0,1250', out: '0,5067', target: '0', abs: '0,5067', correct: '2 de 4',
      valErr: '—' });
});

test('each read-out says what it is taken over: the errors the examples, ŷ, y and |ŷ − y| one example', () => {
  assert.deepEqual(readoutScopes(null, pt), { mean: '', valMean: '', example: '' });
  assert.deepEqual(readoutScopes({ ...base, shown: shown(2, [1, 0], 1, 0.5, 0.5) }, pt),
    { mean: 'média dos 4 exemplos', valMean: '', example: 'exemplo 3' });
  // Validation: the errors are means over each part; a single example is said so.
  const split = { ...base, dataset: { ...base.dataset, train: 3 } };
  assert.deepEqual(readoutScopes(split, en), { mean: 'mean over the 3 examples', valMean: 'of the only example', example: 'example 1' });
  const edited = { ...base, dataset: { name: 'xor', X: [[0, 0]], Y: [0] }, shown: shown(null, [0, 0], 0, null, null) };
  assert.deepEqual(readoutScopes(edited, pt), { mean: 'do único exemplo', valMean: '', example: '' });
});

test('right after an update the read-outs stay with the example that was trained', () => {
  const server = { ...base, phase: 'update', steps: 3, sample: 1, example: { x: [0, 1], y: 1 },
    forward: { sample: 0, y: 0, y_hat: 0.25 }, shown: shown(0, [0, 0], 0, 0.25, 0.25, false) };
  const texts = readoutTexts(server, 2, en);
  assert.equal(texts.out, '0.25');
  assert.equal(texts.abs, '0.25');
  assert.equal(texts.target, '0');
  assert.equal(texts.correct, '2 of 4');
});

test('a forward not yet at the output (detailed step) shows "—" for ŷ', () => {
  const server = { ...base, phase: 'forward', layer: 0, steps: 1, forward: { sample: 0, y: 0, y_hat: null },
    shown: shown(0, [0, 0], 0, null, null) };
  const texts = readoutTexts(server, 4, pt);
  assert.equal(texts.out, '—');
  assert.equal(texts.abs, '—');
  assert.equal(texts.target, '0');
});

test('the status line names the phase, the example and what comes next', () => {
  const server = { ...base, phase: 'forward', sample: 1, steps: 1, next: { phase: 'backward', layer: null },
    shown: shown(1, [0, 1], 1, 0.53, 0.47) };
  assert.equal(statusText(server, pt),
    'Fase: forward (propagação) — exemplo 2 de 4 · próximo: backward (retropropagação)');
  const detailed = { ...server, layer: 0, next: { phase: 'forward', layer: 1 } };
  assert.equal(statusText(detailed, en),
    'Phase: forward (propagation), layer 1 of 2 — example 2 of 4 · next: forward (propagation), layer 2 of 2');
});

test('the lines the status box is sized for are those of the cycle, with its widest numbers', () => {
  const forward = { ...base, phase: 'forward', sample: 1, steps: 1, next: { phase: 'backward', layer: null } };
  assert.deepEqual(cycleStatusTexts(forward, pt), [
    'Fase: início — exemplo 4 de 4 · próximo: forward (propagação)',
    'Fase: forward (propagação) — exemplo 4 de 4 · próximo: backward (retropropagação)',
    'Fase: backward (retropropagação) — exemplo 4 de 4 · próximo: update (atualização dos pesos)',
    'Fase: update (atualização dos pesos) — exemplo 4 de 4 · próximo: forward (propagação), exemplo 4 de 4',
  ]);
  const detailed = { ...forward, sizes: [2, 3, 2, 1], layer: 0, next: { phase: 'forward', layer: 1 } };
  const lines = cycleStatusTexts(detailed, en);
  assert.ok(lines.includes('Phase: forward (propagation), layer 3 of 3 — example 4 of 4 · '
    + 'next: backward (backpropagation), layer 3 of 3'), lines);
  assert.ok(lines.includes('Phase: backward (backpropagation), layer 3 of 3 — example 4 of 4 · '
    + 'next: backward (backpropagation), layer 3 of 3'), lines);
  const batch = { ...forward, dataset: { train: 100 }, batch: { start: 8, size: 8 } };
  assert.match(cycleStatusTexts(batch, pt)[1], /— exemplos 93 a 100 de 100 ·/);
});

test('the current example is written compactly', () => {
  const walkthrough = { ...base, dataset: { X: [[0.05, 0.1]], Y: [0.01] }, example: { x: [0.05, 0.1], y: 0.01 },
    shown: shown(0, [0.05, 0.1], 0.01, 0.75, 0.74) };
  assert.equal(exampleText(walkthrough, 4, pt), 'Exemplo atual: x = (0,0500; 0,1000), y = 0,0100');
  assert.equal(exampleText({ ...base, sample: 2, shown: shown(2, [1, 0], 1, 0.5, 0.5) }, 4, pt),
    'Exemplo atual: x = (1; 0), y = 1');
  assert.equal(exampleText(walkthrough, 4, en), 'Current example: x = (0.0500, 0.1000), y = 0.0100');
});

test('after an update, the status and example follow the numbers on screen and name the next', () => {
  const server = { ...base, phase: 'update', steps: 3, sample: 0, next: { phase: 'forward', layer: null },
    forward: { sample: 3, y: 0, y_hat: 0.4 }, shown: shown(3, [1, 1], 0, 0.4, 0.4, false) };
  assert.equal(statusText(server, pt),
    'Fase: update (atualização dos pesos) — exemplo 4 de 4 · próximo: forward (propagação), exemplo 1 de 4');
  assert.equal(exampleText(server, 4, pt), 'Exemplo atual: x = (1; 1), y = 0');
});

test('every gradient by its course name, in the course order', () => {
  const server = { ...base, phase: 'backward', steps: 2,
    backward: { dW: [[[0.1, -0.2], [0.3, 0.4]], [[0.5, -0.6]]], db: [[0.01, 0.02], [-0.03]] } };
  const lines = gradientsText(server, 2, pt).split('\n');
  assert.deepEqual(lines.slice(0, -2).map((l) => l.split('=')[0].trim()),
    ['∂L/∂w₁₁', '∂L/∂w₁₂', '∂L/∂w₂₁', '∂L/∂w₂₂', '∂L/∂b₁', '∂L/∂b₂', '∂L/∂v₁', '∂L/∂v₂', '∂L/∂c']);
  assert.match(lines[1], /= \u22120,20$/);
});

test('layers the backward pass has not reached show "—"; before it, a note says so', () => {
  const partial = { ...base, phase: 'backward', layer: 1, steps: 3,
    backward: { dW: [null, [[0.5, -0.6]]], db: [null, [-0.03]] } };
  const lines = gradientsText(partial, 2, pt).split('\n');
  assert.match(lines[0], /—$/);
  assert.match(lines[8], /−0,03$/);
  const before = { ...base, phase: 'forward', steps: 1 };
  assert.match(gradientsText(before, 2, pt), /ainda não calculado/);
});

test('with the check on, the numeric estimate and relative error sit beside each gradient', () => {
  const server = { ...base, phase: 'backward', steps: 2,
    backward: { dW: [[[0.1, 0], [0, 0]], [[0, 0]]], db: [[0, 0], [0]] },
    gradcheck: { dW: [[[0.1, 0], [0, 0]], [[0, 0]]], db: [[0, 0], [0]],
      rel_error_W: [[[2e-10, 0], [0, 0]], [[0, 0]]], rel_error_b: [[0, 0], [0]] } };
  const [first] = gradientsText(server, 4, pt).split('\n');
  assert.match(first, /^∂L\/∂w₁₁ = 0,1000 {3}numérico 0,1000 {3}erro rel\. 2,0×10⁻¹⁰$/);
});

test('each checked gradient carries the server\'s verdict, and the note states its thresholds', () => {
  const server = { ...base, phase: 'backward', steps: 2,
    backward: { dW: [[[0.1, 0], [1e-13, 0]], [[0, 0]]], db: [[0, 0], [0]] },
    gradcheck: { dW: [[[0.1, 0.2], [3e-11, 0]], [[0, 0]]], db: [[0, 0], [0]],
      rel_error_W: [[[2e-10, 1], [0.3, 0]], [[0, 0]]], rel_error_b: [[0, 0], [0]],
      verdict_W: [[['agrees', 'kink'], ['below_resolution', 'agrees']], [['agrees', 'disagrees']]],
      verdict_b: [['agrees', 'agrees'], ['agrees']], verdict: 'disagrees', step: 1e-5, rtol: 1e-5, resolution: 1e-10 } };
  const lines = gradientsText(server, 4, pt).split('\n');
  assert.match(lines[0], /concorda$/);
  assert.match(lines[1], /dobra da ReLU$/);
  assert.match(lines[2], /erro rel\. — {3}abaixo da resolução$/); // its 0.3 is |a − n| over the floor, no ratio
  assert.match(lines[7], /DISCORDA$/);  // v2
  const note = checkNote(server.gradcheck, pt);
  assert.match(note, /h = 10⁻⁵/);
  assert.match(note, /≤ 10⁻⁵·\(\|a\| \+ \|n\|\)/);
  assert.match(note, /≤ 10⁻¹⁰·max\(1, L\)/);
  assert.equal(checkNote(null, pt), '');
});

test('with cross-entropy, "Erro (MSE)" still shows the MSE and the training loss has its own read-out', () => {
  const server = { ...base, phase: 'forward', steps: 1, config: { loss: 'bce' },
    forward: { sample: 0, y: 0, y_hat: 0.5067, loss: 0.7067 }, shown: shown(0, [0, 0], 0, 0.5067, 0.5067),
    metrics: { ...base.metrics, loss: 0.6931, mse: 0.125 } };
  const texts = readoutTexts(server, 4, pt);
  assert.equal(texts.err, '0,1250', 'metrics.mse, the number of the curve');
  assert.equal(texts.trainLoss, '0,6931', 'metrics.loss, the cross-entropy');
  assert.equal(trainsWithCrossEntropy(server, { loss: 'mse' }), true, 'the server\'s word wins');
  assert.equal(trainsWithCrossEntropy({ ...server, config: { loss: 'mse' } }, { loss: 'bce' }), false);
  assert.equal(trainsWithCrossEntropy(null, { loss: 'bce' }), true, 'before the first state, the setting');
});

test('the note under the curve is true with either loss, and the labels stay the course\'s', () => {
  const mse = lossNoteTexts(false, pt);
  assert.equal(mse.mean, 'A curva e a leitura “Erro (MSE)” mostram a média dessa perda sobre todos os ' +
    'exemplos de treino do conjunto de dados, com os pesos atuais: um ponto por época.');
  const bce = lossNoteTexts(true, pt);
  assert.equal(bce.mean, 'A curva e a leitura “Erro (MSE)” mostram sempre a média de ½(y − ŷ)² sobre ' +
    'todos os exemplos de treino do conjunto de dados, com os pesos atuais: um ponto por época.');
  assert.equal(bce.bceMean, 'A leitura “Perda de treino (entropia cruzada)” é a média dessa perda sobre todos os exemplos.');
  assert.ok(lossNoteTexts(true, en).mean.startsWith('The curve and the “Error (MSE)” read-out always show the mean of ½(y − ŷ)²'));
  assert.equal(pt('train_loss_bce'), 'Perda de treino (entropia cruzada)');
  assert.equal(en('train_loss_bce'), 'Training loss (cross-entropy)');
});


test('dead and saturated units and the scheduled η are said in words, with the picture\'s names', () => {
  const server = { ...base, units: { dead: [[false, true]], saturated: [[false, false]] },
    config: { ...base.config, schedule: 'step' }, lr_now: 0.05 };
  assert.equal(healthText(server, 4, pt), 'neurônio morto: a₂ (ReLU com z ≤ 0 em todos os exemplos: gradiente ' +
    'zero, não aprende mais) · η agora: 0,0500');
  const deep = { ...base, sizes: [2, 3, 2, 1], units: { dead: [[false, false, false], [false, false]],
    saturated: [[true, false, false], [false, true]] } };
  assert.match(healthText(deep, 4, pt), /^saturado: a₁⁽¹⁾, a₂⁽²⁾ \(g′\(z\) < 0,01/);
  assert.equal(healthText({ ...base, units: { dead: [[false, false]], saturated: [[false, false]] } }, 4, pt), '');
});
