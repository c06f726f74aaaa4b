// Tests for pace.js: the speed levels, the train messages, the stop reasons and their words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paceOf, speedText, stopReason, trainMessage } from '../../static/js/pace.js';
import { createTranslator } from '../../static/js/i18n.js';
import { EN } from '../../static/js/i18n-en.js';

test('from one phase every 0.7 s to as fast as possible', () => {
  assert.deepEqual(paceOf(0), { mode: 'phase', pause: 700 });
  assert.deepEqual(paceOf(3), { mode: 'phase', pause: 0 });
  assert.deepEqual(paceOf(4), { mode: 'train', epochs: 1 });
  assert.deepEqual(paceOf(9), { mode: 'train', epochs: 300 });
  assert.deepEqual(paceOf(10), { mode: 'adaptive' });
  const t = createTranslator('pt-BR');
  assert.equal(speedText(0, t), 'uma fase a cada 0,7 s');
  assert.equal(speedText(6, t), '10 épocas por quadro');
  assert.equal(speedText(10, t), 'máxima');
  assert.equal(speedText(0, createTranslator('en', EN)), 'one phase every 0.7 s');
});

test('a train message never asks past the maximum epoch and carries the target', () => {
  const settings = { speed: 8, maxEpochs: 150, targetLoss: 0.02 };
  assert.deepEqual(trainMessage(settings, 0), { op: 'train', epochs: 100, until: 0.02 });
  assert.deepEqual(trainMessage(settings, 120), { op: 'train', epochs: 30, until: 0.02 });
  assert.deepEqual(trainMessage({ ...settings, speed: 1 }, 0), { op: 'step' });
});

test('the fastest level asks for what the server trains in a frame budget, up to 1000 epochs', () => {
  const settings = { speed: 10, maxEpochs: 20000, targetLoss: 0.01 };
  assert.deepEqual(trainMessage(settings, 0), { op: 'train', epochs: 1000, until: 0.01, seconds: 0.03 });
  assert.deepEqual(trainMessage(settings, 19850), { op: 'train', epochs: 150, until: 0.01, seconds: 0.03 });
});

test('stop at the target only at the end of an epoch; at the maximum epoch always', () => {
  const settings = { targetLoss: 0.01, maxEpochs: 100 };
  const state = (extra) => ({ epoch: 40, sample: 0, phase: 'update', metrics: { mse: 0.005 }, ...extra });
  assert.equal(stopReason(state({}), settings).key, 'stopped_target');
  assert.equal(stopReason(state({ phase: 'forward' }), settings), null, 'mid-epoch forward: not yet');
  assert.equal(stopReason(state({ sample: 2 }), settings), null);
  assert.equal(stopReason(state({ phase: 'forward', reply_to: 'train' }), settings).key, 'stopped_target');
  assert.equal(stopReason(state({ metrics: { mse: 0.5 }, epoch: 100 }), settings).key, 'stopped_max');
  const t = createTranslator('pt-BR');
  const { key, params } = stopReason(state({}), settings);
  assert.equal(t(key, params), 'Treino parado: o erro (MSE) chegou a 0,0050, no alvo ≤ 0,01, na época 40.');
});

test('patience goes with a train message only when the session has validation examples', () => {
  const settings = { speed: 8, maxEpochs: 1000, targetLoss: 0.02, patience: 40 };
  assert.deepEqual(trainMessage(settings, 0, true), { op: 'train', epochs: 100, until: 0.02, patience: 40 });
  assert.deepEqual(trainMessage(settings, 0, false), { op: 'train', epochs: 100, until: 0.02 });
  assert.deepEqual(trainMessage({ ...settings, patience: 0 }, 0, true), { op: 'train', epochs: 100, until: 0.02 });
});

test('early stopping: at the end of an epoch, patience epochs after the best validation loss', () => {
  const settings = { targetLoss: 0.0001, maxEpochs: 1000, patience: 20 };
  const state = (extra) => ({ epoch: 50, sample: 0, phase: 'update', reply_to: 'train',
    metrics: { mse: 0.1, val_best: { epoch: 30, loss: 0.12466 } }, ...extra });
  assert.equal(stopReason(state({}), settings).key, 'stopped_early');
  assert.equal(stopReason(state({ epoch: 49 }), settings), null, 'one epoch short');
  assert.equal(stopReason(state({}), { ...settings, patience: 0 }), null, 'off');
  assert.equal(stopReason(state({ metrics: { mse: 0.1, val_best: null } }), settings), null, 'no validation');
  assert.equal(stopReason(state({ reply_to: 'step', phase: 'forward', sample: 1 }), settings), null, 'mid-epoch');
  const { key, params } = stopReason(state({}), settings);
  assert.equal(createTranslator('pt-BR')(key, params), 'Treino parado (parada antecipada): a perda de validação ' +
    'não melhora há 20 épocas; a menor, 0,1247, foi na época 30. Agora é a época 50.');
  assert.equal(createTranslator('en', EN)(key, params), 'Training stopped (early stopping): the validation loss has ' +
    'not improved for 20 epochs; the lowest, 0,1247, was at epoch 30. It is now epoch 50.');
});
