// Tests for store.js: reduce() with server messages and UI actions, history merging, the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce, initialState, mergeHistory, createStore, heldSnapshot } from '../../static/js/store.js';
import { defaultSettings } from '../../static/js/settings.js';
import { CATALOG } from './catalog.mjs';

const serverState = (fields = {}) => ({
  type: 'state', protocol: 2, reply_to: 'step',
  config: { lr: 0.1, activation: 'sigmoid', loss: 'mse', optimizer: 'sgd', momentum: 0.9,
    dataset: 'xor', hidden: [2], seed: 3, detailed: false, check_gradients: false, lang: 'pt-BR' },
  sizes: [2, 2, 1], epoch: 0, sample: 0, steps: 1, phase: 'forward', undo_depth: 1,
  history: { from: 0, points: [[0, 0.125]] },
  ...fields,
});

const fresh = () => initialState(defaultSettings(CATALOG), CATALOG);

test('a state message becomes the server state, without its history', () => {
  const next = reduce(fresh(), serverState());
  assert.equal(next.server.phase, 'forward');
  assert.equal('history' in next.server, false);
  assert.deepEqual(next.history, [[0, 0.125]]);
});

test('history keeps the first `from` points and appends the new ones', () => {
  const held = [[0, 0.3], [1, 0.2], [2, 0.1]];
  assert.deepEqual(mergeHistory(held, { from: 3, points: [[3, 0.05]] }),
    [[0, 0.3], [1, 0.2], [2, 0.1], [3, 0.05]]);
  assert.deepEqual(mergeHistory(held, { from: 1, points: [[1, 0.9]] }), [[0, 0.3], [1, 0.9]]);
  assert.deepEqual(mergeHistory(held, { from: 0, points: [] }), []);
  assert.equal(mergeHistory(held, { from: 3, points: [] }), held, 'nothing new: the same array');
});

test('a whole curve from the server (from 0) replaces the history', () => {
  let state = reduce(fresh(), serverState({ history: { from: 0, points: [[0, 1], [1, 0.9], [2, 0.8]] } }));
  state = reduce(state, serverState({ history: { from: 0, points: [[0, 1], [2, 0.8]] } }));
  assert.deepEqual(state.history, [[0, 1], [2, 0.8]]);
});

test('thin drops every point at an odd index before keeping `from` and appending', () => {
  const held = [[0, 0.5], [1, 0.4], [2, 0.3], [3, 0.2], [4, 0.1]];
  assert.deepEqual(mergeHistory(held, { thin: true, from: 3, points: [[6, 0.05]] }),
    [[0, 0.5], [2, 0.3], [4, 0.1], [6, 0.05]]);
  assert.deepEqual(mergeHistory(held, { thin: false, from: 5, points: [] }), held);
});

test('a `from` beyond what we hold appends at our end instead of leaving holes', () => {
  assert.deepEqual(mergeHistory([[0, 1]], { from: 5, points: [[5, 0.5]] }), [[0, 1], [5, 0.5]]);
});

test('a message without history keeps the curve', () => {
  const state = reduce(fresh(), serverState());
  const next = reduce(state, serverState({ history: undefined }));
  assert.deepEqual(next.history, [[0, 0.125]]);
});

test('an error is shown and leaves the server state and the curve untouched', () => {
  const state = reduce(fresh(), serverState());
  const next = reduce(state, { type: 'error', code: 'diverged', reply_to: 'train',
    message: 'O treino divergiu.' });
  assert.equal(next.server, state.server);
  assert.equal(next.history, state.history);
  assert.deepEqual(next.message, { kind: 'error', code: 'diverged', text: 'O treino divergiu.' });
});

test('a refused configure puts the settings back to the server configuration', () => {
  let state = reduce(fresh(), serverState());
  state = reduce(state, { type: 'settings', patch: { hidden: [9] } });
  state = reduce(state, { type: 'error', code: 'out_of_range', reply_to: 'configure', message: 'x' });
  assert.deepEqual(state.settings.hidden, [2]);
});

test('the snapshot the page holds is the last resume record plus the loss curve it holds', () => {
  assert.equal(heldSnapshot(fresh()), null, 'nothing before the first state');
  const resume = { format: 'backprop-passo-a-passo/2', session: { epoch: 1, steps: 12 } };
  let state = reduce(fresh(), serverState({ resume, history: { from: 0, points: [[0, 0.3]] } }));
  state = reduce(state, serverState({ resume: { ...resume, session: { epoch: 2, steps: 24 } },
    history: { from: 1, points: [[1, 0.2]] } }));
  assert.deepEqual(heldSnapshot(state), { format: 'backprop-passo-a-passo/2',
    session: { epoch: 2, steps: 24, history: [[0, 0.3], [1, 0.2]] } });
  const refused = reduce(state, { type: 'error', code: 'out_of_order', message: 'x' });
  assert.deepEqual(heldSnapshot(refused), heldSnapshot(state), 'an error changes nothing');
});

test('server config updates the settings but not the page language', () => {
  const message = serverState();
  message.config = { ...message.config, lr: 0.5, dataset: 'passo_a_passo', lang: 'en' };
  const next = reduce(fresh(), message);
  assert.equal(next.settings.lr, 0.5);
  assert.equal(next.settings.dataset, 'passo_a_passo');
  assert.equal(next.settings.lang, 'pt-BR');
});

test('a selection that no longer exists is dropped when the network changes', () => {
  let state = reduce(fresh(), serverState());
  state = reduce(state, { type: 'select', selection: { what: 'weight', layer: 0, row: 2, col: 0 } });
  state = reduce(state, serverState({ sizes: [2, 2, 1] }));
  assert.equal(state.selection, null);
  state = reduce(state, { type: 'select', selection: { what: 'weight', layer: 0, row: 1, col: 1 } });
  state = reduce(state, serverState());
  assert.deepEqual(state.selection, { what: 'weight', layer: 0, row: 1, col: 1 });
});

test('UI actions: notice, clearMessage, training, connection; unknown messages change nothing', () => {
  let state = reduce(fresh(), { type: 'notice', key: 'import_ok' });
  assert.deepEqual(state.message, { kind: 'info', key: 'import_ok', params: undefined, text: undefined });
  state = reduce(state, { type: 'notice', kind: 'error', key: 'seed_bad', params: { min: 0, max: 9 } });
  assert.deepEqual(state.message.params, { min: 0, max: 9 });
  state = reduce(state, { type: 'clearMessage' });
  assert.equal(state.message, null);
  assert.equal(reduce(state, { type: 'clearMessage' }), state);
  state = reduce(state, { type: 'training', on: true });
  assert.equal(state.training, true);
  state = reduce(state, { type: 'connection', status: 'waiting', retryInMs: 2000 });
  assert.deepEqual(state.connection, { status: 'waiting', retryInMs: 2000, reason: '', lost: true });
  state = reduce(state, { type: 'connection', status: 'waiting', retryInMs: 500, reason: 'Servidor cheio.' });
  assert.deepEqual(state.connection, { status: 'waiting', retryInMs: 500, reason: 'Servidor cheio.', lost: true });
  assert.equal(reduce(state, { type: 'nonsense' }), state);
  assert.equal(reduce(state, null), state);
});

test('the connection stays lost through each retry until one opens; the first connecting is not lost', () => {
  const lostAfter = (statuses) => statuses.reduce((state, status) => reduce(state, { type: 'connection', status }), fresh())
    .connection.lost;
  assert.equal(fresh().connection.lost, false);
  assert.equal(lostAfter(['connecting']), false);
  assert.equal(lostAfter(['connecting', 'open']), false);
  assert.equal(lostAfter(['connecting', 'open', 'waiting']), true);
  assert.equal(lostAfter(['connecting', 'open', 'waiting', 'connecting']), true);
  assert.equal(lostAfter(['connecting', 'open', 'waiting', 'connecting', 'waiting', 'connecting']), true);
  assert.equal(lostAfter(['connecting', 'open', 'waiting', 'connecting', 'open']), false);
  assert.equal(lostAfter(['connecting', 'waiting', 'connecting']), true); // the server was down from the start
});

test('reduce never mutates the state it is given', () => {
  const state = Object.freeze(fresh());
  const next = reduce(state, serverState());
  assert.notEqual(next, state);
  assert.equal(state.server, null);
});

test('the store notifies once per frame with the latest state', () => {
  const frames = [];
  const store = createStore(fresh(), (callback) => frames.push(callback));
  const seen = [];
  store.subscribe((state) => seen.push(state.server?.epoch));
  store.dispatch(serverState({ epoch: 1 }));
  store.dispatch(serverState({ epoch: 2 }));
  store.dispatch(serverState({ epoch: 3 }));
  assert.equal(frames.length, 1);
  frames[0]();
  assert.deepEqual(seen, [3]);
  store.dispatch({ type: 'nonsense' });
  assert.equal(frames.length, 1, 'no change, no frame');
  store.dispatch({ type: 'training', on: true });
  assert.equal(frames.length, 2);
});

test('the shown unit is the hovered hidden neuron, else the selected one, else the first; never an input or the output', async () => {
  const { shownUnit, reduce: step } = await import('../../static/js/store.js');
  const base = { server: { sizes: [2, 3, 1] }, hover: null, selection: null };
  const neuron = (layer, index) => ({ what: 'neuron', layer, index, row: null, col: null });
  assert.deepEqual(shownUnit(base), { layer: 1, index: 0 });
  assert.deepEqual(shownUnit({ ...base, selection: neuron(1, 2) }), { layer: 1, index: 2 });
  assert.deepEqual(shownUnit({ ...base, selection: neuron(1, 2), hover: neuron(1, 0) }), { layer: 1, index: 0 });
  assert.deepEqual(shownUnit({ ...base, selection: neuron(2, 0) }), { layer: 1, index: 0 });
  assert.equal(shownUnit({ ...base, server: { sizes: [2, 1] }, selection: neuron(1, 0) }), null);
  assert.equal(shownUnit({ ...base, server: null }), null);
  const hovered = step(base, { type: 'hover', selection: neuron(1, 1) });
  assert.deepEqual(hovered.hover, neuron(1, 1));
  assert.equal(step(hovered, { type: 'hover', selection: neuron(1, 1) }), hovered);
});

test('a state without a boundary keeps the grid the page holds', async () => {
  const { reduce: step, initialState: initial } = await import('../../static/js/store.js');
  const grid = { size: 48, plane: [0, 1, 0, 1], values: 'AA==' };
  const first = step(initial({}, { settings: [] }), { type: 'state', config: {}, sizes: [2, 1], boundary: grid });
  assert.equal(first.boundary, grid);
  const second = step(first, { type: 'state', config: {}, sizes: [2, 1], boundary: null });
  assert.equal(second.boundary, grid);
  assert.equal('boundary' in second.server, false);
});

test('a state without the data set or the predictions keeps the copies the page holds', () => {
  const dataset = { name: 'xor', X: [[0, 0], [0, 1]], Y: [0, 1], train: 2, plane: [0, 1, 0, 1] };
  const first = reduce(fresh(), serverState({ dataset, metrics: { mse: 0.2, predictions: [0.4, 0.6] } }));
  const second = reduce(first, serverState({ dataset: null, metrics: { mse: 0.1, predictions: null } }));
  assert.equal(second.server.dataset, dataset, 'the same object: drawings that use it are not redone');
  assert.deepEqual(second.server.metrics, { mse: 0.1, predictions: [0.4, 0.6] });
  const edited = { ...dataset, X: [[2, 0], [0, 1]] };
  const third = reduce(second, serverState({ dataset: edited, metrics: { mse: 0.1, predictions: [0.5, 0.5] } }));
  assert.equal(third.server.dataset, edited);
  assert.deepEqual(third.server.metrics.predictions, [0.5, 0.5]);
  const firstEver = reduce(fresh(), serverState({ dataset: null, metrics: { predictions: null } }));
  assert.equal(firstEver.server.dataset, null);
});

test('per-example losses are kept beside the points, by the same rule, null where none came', () => {
  let state = reduce(fresh(), serverState({ history: { from: 0, points: [[0, 0.3], [1, 0.2]],
    examples: [null, [0.1, 0.3]] } }));
  assert.deepEqual(state.exampleHistory, [null, [0.1, 0.3]]);
  state = reduce(state, serverState({ history: { from: 2, points: [[2, 0.1]], examples: [[0.05, 0.15]] } }));
  assert.deepEqual(state.exampleHistory, [null, [0.1, 0.3], [0.05, 0.15]]);
  state = reduce(state, serverState({ history: { thin: true, from: 2, points: [[4, 0.05]], examples: [[0, 0.1]] } }));
  assert.deepEqual(state.history, [[0, 0.3], [2, 0.1], [4, 0.05]]);
  assert.deepEqual(state.exampleHistory, [null, [0.05, 0.15], [0, 0.1]]);
  state = reduce(state, serverState({ history: { from: 0, points: [[0, 0.4]], examples: null } }));
  assert.deepEqual(state.exampleHistory, [null], 'a larger data set: no lines');
});
