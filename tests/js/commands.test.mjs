// Tests for commands.js: auto-training back-pressure, stopping, one request per action, resume
// from the held snapshot, edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCommands, editOutOfRange, parseUserNumber, setMessage } from '../../static/js/commands.js';
import { reduce, initialState } from '../../static/js/store.js';
import { defaultSettings } from '../../static/js/settings.js';
import { CATALOG } from './catalog.mjs';

const RESUME = { format: 'backprop-passo-a-passo/2', session: { epoch: 0, steps: 2 } };

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A fake server: requests wait until the test answers them, one at a time, in order. */
function harness({ resume = null, history = [], wait, kept = null } = {}) {
  let state = { ...initialState(defaultSettings(CATALOG), CATALOG), history,
    server: resume ? { type: 'state', resume, config: { lang: 'pt-BR' } } : null };
  const sent = [];
  const cutIns = [];
  const waiting = [];
  const frames = [];
  const commands = createCommands({
    request: (message, { cutIn = false } = {}) => new Promise((resolve, reject) => {
      sent.push(message);
      if (cutIn) cutIns.push(message.op);
      waiting.push({ message, resolve, reject });
    }),
    dispatch: (action) => { state = reduce(state, action); },
    getState: () => state,
    nextFrame: () => new Promise((resolve) => frames.push(resolve)),
    ...(wait ? { wait } : {}),
    kept,
  });
  return {
    commands, sent, cutIns, frames,
    state: () => state,
    async answer(reply = { type: 'state' }) {
      const next = waiting.shift();
      const full = { reply_to: next.message.op, ...reply };
      state = reduce(state, full);
      next.resolve(full);
      await tick();
    },
    async drop() {
      waiting.shift().reject(new Error('disconnected'));
      await tick();
    },
    async frame() {
      frames.shift()();
      await tick();
    },
  };
}

test('auto-training sends one train at a time, the next only after the answer and a frame', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  assert.deepEqual(h.sent, [{ op: 'train', epochs: 10, until: 0.01 }]);
  assert.equal(h.state().training, true);
  await h.answer();
  const trains = () => h.sent.filter((m) => m.op === 'train');
  assert.equal(trains().length, 1, 'waits for the frame');
  await h.frame();
  assert.equal(trains().length, 2);
  assert.deepEqual(trains()[1], { op: 'train', epochs: 10, until: 0.01 });
});

test('pausing cuts in with an empty configure (the train in flight ends at its next epoch), then nothing more', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  h.commands.toggleTraining();
  assert.equal(h.state().training, false);
  assert.deepEqual(h.sent, [h.sent[0], { op: 'configure' }]);
  assert.deepEqual(h.cutIns, ['configure']);
  await h.answer();
  await h.answer();
  await tick();
  assert.deepEqual(h.sent.map((m) => m.op), ['train', 'configure']);
});

test('pausing between two trains sends nothing: none is in flight to cut short', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  await h.answer();
  h.commands.toggleTraining(); // while the page waits for the frame before the next train
  await h.frame();
  assert.deepEqual(h.sent.map((m) => m.op), ['train']);
});

test('an error (e.g. diverged) stops training and stays visible', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  await h.answer({ type: 'error', code: 'diverged', message: 'Divergiu.' });
  assert.equal(h.state().training, false);
  assert.equal(h.state().message.text, 'Divergiu.');
  assert.equal(h.frames.length, 0);
  assert.deepEqual(h.sent.map((m) => m.op), ['train']);
});

test('a manual step during training stops training first and is queued', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  h.commands.act({ op: 'step' });
  assert.equal(h.state().training, false);
  assert.deepEqual(h.sent.map((m) => m.op), ['train', 'step']);
  assert.deepEqual(h.cutIns, ['step']); // it ends the train in flight; no empty configure besides
});

test('a configure during training does not stop it', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  h.commands.configure({ lr: 0.5 });
  assert.equal(h.state().training, true);
  assert.deepEqual(h.sent[1], { op: 'configure', lr: 0.5 });
});

test('the speed setting decides the epochs per request', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  await h.answer();
  h.state().settings.speed = 9;
  await h.frame();
  assert.deepEqual(h.sent.at(-1), { op: 'train', epochs: 300, until: 0.01 });
});

test('the slow speeds step one phase at a time, pausing between phases', async () => {
  const waits = [];
  const h = harness({ wait: (ms) => new Promise((resolve) => waits.push([ms, resolve])) });
  h.state().settings.speed = 0;
  h.commands.toggleTraining();
  await tick();
  assert.deepEqual(h.sent, [{ op: 'step' }]);
  await h.answer({ type: 'state', phase: 'forward', sample: 0, epoch: 0, metrics: { mse: 0.2 } });
  assert.equal(waits[0][0], 700);
  assert.equal(h.sent.length, 1, 'waits 0.7 s before the next phase');
  waits[0][1]();
  await tick();
  assert.deepEqual(h.sent.at(-1), { op: 'step' });
  h.commands.toggleTraining(); // a step in flight is quick: the pause sends nothing to cut it short
  assert.deepEqual(h.sent.map((m) => m.op), ['step', 'step']);
});

test('training stops by itself at the target loss and at the maximum epoch, and says why', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  await h.answer({ type: 'state', epoch: 812, sample: 0, metrics: { mse: 0.00995 } });
  assert.equal(h.state().training, false);
  assert.deepEqual(h.state().message, { kind: 'info', key: 'stopped_target', text: undefined,
    params: { loss: '0,0100', target: '0,01', epoch: 812 } });
  const m = harness();
  m.state().settings.maxEpochs = 30;
  m.commands.toggleTraining();
  await tick();
  assert.deepEqual(m.sent[0], { op: 'train', epochs: 10, until: 0.01 });
  await m.answer({ type: 'state', epoch: 25, sample: 0, metrics: { mse: 0.2 } });
  await m.frame();
  assert.deepEqual(m.sent[1], { op: 'train', epochs: 5, until: 0.01 }, 'never past the maximum');
  await m.answer({ type: 'state', epoch: 30, sample: 0, metrics: { mse: 0.2 } });
  assert.equal(m.state().training, false);
  assert.equal(m.state().message.key, 'stopped_max');
});

test('the fastest speed asks for a frame budget of training, the next request at once', async () => {
  const h = harness();
  h.state().settings.speed = 10;
  h.commands.toggleTraining();
  await tick();
  assert.deepEqual(h.sent[0], { op: 'train', epochs: 1000, until: 0.01, seconds: 0.03 });
  await h.answer({ type: 'state', epoch: 412, sample: 0, metrics: { mse: 0.2 } });
  assert.equal(h.sent.length, 2, 'sent at once: no frame awaited');
  assert.deepEqual(h.sent[1], { op: 'train', epochs: 1000, until: 0.01, seconds: 0.03 });
});

test('training sends trains only: no snapshot requests, however long it runs', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  for (let k = 0; k < 5; k += 1) {
    await h.answer();
    await h.frame();
  }
  assert.deepEqual(new Set(h.sent.map((m) => m.op)), new Set(['train']));
  assert.equal(h.sent.length, 6);
});

test('a drop ends training', async () => {
  const h = harness();
  h.commands.toggleTraining();
  await tick();
  await h.drop();
  assert.equal(h.state().training, false);
});

test('a manual action clears the message and is one request, one reply', async () => {
  const h = harness();
  h.state().message = { kind: 'error', text: 'old' };
  h.commands.act({ op: 'step' });
  assert.equal(h.state().message, null);
  await h.answer();
  assert.deepEqual(h.sent.map((m) => m.op), ['step']);
  h.commands.act({ op: 'undo' });
  await h.answer({ type: 'error', code: 'nothing_to_undo', message: 'Nada.' });
  assert.deepEqual(h.sent.map((m) => m.op), ['step', 'undo']);
});

test('resume configures from the settings when the page holds no session', async () => {
  const h = harness();
  h.commands.resume();
  assert.equal(h.sent[0].op, 'configure');
  assert.equal(h.sent[0].dataset, 'xor');
});

test('resume restores the snapshot composed from the last resume record and the curve', async () => {
  const ok = harness({ resume: RESUME, history: [[0, 0.25]] });
  ok.commands.resume();
  assert.deepEqual(ok.sent, [{ op: 'restore', snapshot: { format: RESUME.format,
    session: { ...RESUME.session, history: [[0, 0.25]] } } }]);
  await ok.answer({ type: 'state', config: { lang: 'pt-BR' } });
  assert.equal(ok.sent.length, 1);
  assert.equal(ok.state().message, null);
});

test('the first open after a reload restores the kept session; later opens, what the page holds', async () => {
  const kept = { format: RESUME.format, session: { epoch: 787, history: [[787, 0.0099]] } };
  const h = harness({ kept });
  h.commands.resume();
  assert.deepEqual(h.sent, [{ op: 'restore', snapshot: kept }]);
  await h.answer({ type: 'state', config: { lang: 'pt-BR' } });
  h.commands.resume(); // a reconnect: the page now holds no resume record in this fake, so it configures
  assert.equal(h.sent[1].op, 'configure');
});

test('resume puts the page language back when the restored session speaks another', async () => {
  const h = harness({ resume: RESUME });
  h.commands.resume();
  await h.answer({ type: 'state', config: { lang: 'en' } });
  assert.deepEqual(h.sent[1], { op: 'configure', lang: 'pt-BR' });
});

test('a refused restore configures afresh and tells the student', async () => {
  const refused = harness({ resume: RESUME });
  refused.commands.resume();
  await refused.answer({ type: 'error', code: 'bad_snapshot', message: 'x' });
  assert.equal(refused.sent[1].op, 'configure');
  await refused.answer({ type: 'state', config: { lang: 'pt-BR' } });
  assert.equal(refused.state().message.key, 'resume_lost', 'the student is told the session restarted');
});

test('a reconnect that restored says so, and that the undo history starts again; the first open says nothing', async () => {
  const h = harness({ resume: RESUME });
  h.commands.resume();
  await h.answer({ type: 'state', config: { lang: 'pt-BR' }, resume: RESUME, undo_depth: 0 });
  assert.equal(h.state().message, null, 'the page\'s first open is no reconnect');
  h.commands.act({ op: 'step' });
  await h.answer({ type: 'state', config: { lang: 'pt-BR' }, resume: RESUME, undo_depth: 1 });
  h.commands.resume(); // the connection dropped and came back
  assert.equal(h.sent.at(-1).op, 'restore');
  await h.answer({ type: 'state', config: { lang: 'pt-BR' }, resume: RESUME, undo_depth: 0 });
  assert.deepEqual([h.state().message.kind, h.state().message.key], ['info', 'resume_back_undo']);
  h.commands.act({ op: 'configure' }); // clears the line; nothing to undo any more
  await h.answer({ type: 'state', config: { lang: 'pt-BR' }, resume: RESUME, undo_depth: 0 });
  h.commands.resume();
  await h.answer({ type: 'state', config: { lang: 'pt-BR' }, resume: RESUME, undo_depth: 0 });
  assert.equal(h.state().message.key, 'resume_back');
});

test('a reconnect to a session in another language judges the undo history after the language is put back', async () => {
  const h = harness({ resume: RESUME });
  h.commands.resume();
  await h.answer({ type: 'state', config: { lang: 'pt-BR' }, resume: RESUME, undo_depth: 0 });
  h.commands.resume();
  await h.answer({ type: 'state', config: { lang: 'en' }, resume: RESUME, undo_depth: 0 });
  assert.equal(h.state().message, null, 'not before the language is back');
  assert.deepEqual(h.sent.at(-1), { op: 'configure', lang: 'pt-BR' });
  await h.answer({ type: 'state', config: { lang: 'pt-BR' }, resume: RESUME, undo_depth: 0 });
  assert.equal(h.state().message.key, 'resume_back');
});

test('numbers typed by students: commas, real minus signs, exponents', () => {
  assert.equal(parseUserNumber('0,5'), 0.5);
  assert.equal(parseUserNumber(' \u22121.25 '), -1.25);
  assert.equal(parseUserNumber('3e-2'), 0.03);
  assert.equal(parseUserNumber('.5'), 0.5);
  assert.equal(parseUserNumber('abc'), null);
  assert.equal(parseUserNumber(''), null);
  assert.equal(parseUserNumber('1e999'), null);
  assert.equal(parseUserNumber('1.2.3'), null);
  assert.equal(parseUserNumber('1,2,3'), null);
  assert.equal(parseUserNumber('1,5; 2'), null, 'one number, not a list');
});

test('numbers typed as the page writes them in scientific notation, in either language', () => {
  assert.equal(parseUserNumber('1,00×10⁻¹²'), 1e-12);
  assert.equal(parseUserNumber('\u22123.20×10⁻⁷'), -3.2e-7);
  assert.equal(parseUserNumber('2,5 × 10⁶'), 2.5e6);
  assert.equal(parseUserNumber('1×10³'), 1000);
  assert.equal(parseUserNumber('×10³'), null);
  assert.equal(parseUserNumber('1×10'), null);
});

test('set messages address exactly what the protocol asks for', () => {
  const sel = (what, fields) => ({ what, layer: null, row: null, col: null, index: null, ...fields });
  assert.deepEqual(setMessage(sel('weight', { layer: 0, row: 1, col: 0 }), 0.5),
    { op: 'set', what: 'weight', layer: 0, row: 1, col: 0, value: 0.5 });
  assert.deepEqual(setMessage(sel('bias', { layer: 1, row: 0 }), 1),
    { op: 'set', what: 'bias', layer: 1, row: 0, value: 1 });
  assert.deepEqual(setMessage(sel('input', { index: 1 }), 2), { op: 'set', what: 'input', index: 1, value: 2 });
  assert.deepEqual(setMessage(sel('target'), 1), { op: 'set', what: 'target', value: 1 });
  assert.equal(setMessage(sel('neuron', { layer: 1, index: 0 }), 1), null);
});

test('an edit outside the server\'s range for its kind is caught, its edges and inside are not', () => {
  const edits = CATALOG.edits; // the table the server checks every `set` against
  assert.deepEqual(Object.keys(edits).sort(), ['bias', 'input', 'target', 'weight']);
  for (const what of ['weight', 'bias', 'input']) {
    assert.deepEqual(edits[what], [-100, 100]);
    for (const value of [-100, -0, 0, 0.25, 100]) assert.equal(editOutOfRange(edits, what, value), null, `${what} ${value}`);
    for (const value of [-100.0001, 100.5, 1e9, -Infinity, Infinity]) {
      assert.deepEqual(editOutOfRange(edits, what, value), [-100, 100], `${what} ${value}`);
    }
  }
  assert.equal(editOutOfRange(edits, 'target', 0), null);
  assert.equal(editOutOfRange(edits, 'target', 1), null);
  assert.deepEqual(editOutOfRange(edits, 'target', 1.5), [0, 1]);
  assert.deepEqual(editOutOfRange(edits, 'target', -0.01), [0, 1]);
  assert.equal(editOutOfRange(edits, 'nothing', 500), null);
});
