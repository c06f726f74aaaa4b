// Tests for socket.js with a fake WebSocket: URL, one request in flight, reconnect and resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, socketUrl, backoffDelay, Disconnected } from '../../static/js/socket.js';

class FakeWebSocket {
  static opened = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeWebSocket.opened.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.drop(); }
  open() { this.readyState = 1; this.onopen?.(); }
  reply(message) { this.onmessage?.({ data: JSON.stringify(message) }); }
  drop(event = {}) { this.readyState = 3; this.onclose?.(event); }
}

function fakeTimers() {
  const pending = [];
  return {
    pending,
    setTimeout: (fn, ms) => { pending.push({ fn, ms }); return pending.length; },
    clearTimeout: () => {},
    runNext() { pending.shift().fn(); },
  };
}

function connect(options = {}) {
  FakeWebSocket.opened = [];
  const replies = [];
  const statuses = [];
  const timers = fakeTimers();
  const socket = createSocket({
    url: () => 'ws://test/ws?lang=pt-BR', WebSocketImpl: FakeWebSocket, timers,
    onReply: (reply) => replies.push(reply),
    onStatus: (status, ms, reason) => statuses.push(reason ? [status, ms, reason] : [status, ms]),
    random: () => 1, ...options,
  });
  return { socket, replies, statuses, timers, ws: () => FakeWebSocket.opened.at(-1) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the URL follows the page: ws under http, wss under https, with the language', () => {
  assert.equal(socketUrl({ protocol: 'http:', host: 'localhost:8000' }, 'en'), 'ws://localhost:8000/ws?lang=en');
  assert.equal(socketUrl({ protocol: 'https:', host: 'curso.example' }, 'pt-BR'), 'wss://curso.example/ws?lang=pt-BR');
});

test('back-off doubles and is capped', () => {
  const delays = [0, 1, 2, 3, 10, 20].map((n) => backoffDelay(n, { random: () => 1, baseMs: 500, capMs: 15000 }));
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 15000, 15000]);
  assert.equal(backoffDelay(1, { random: () => 0, baseMs: 500 }), 500);
});

test('never more than one request in flight; the rest wait their turn', async () => {
  const { socket, ws, replies } = connect();
  ws().open();
  const first = socket.request({ op: 'step' });
  const second = socket.request({ op: 'step' });
  const third = socket.request({ op: 'undo' });
  assert.deepEqual(ws().sent, [{ op: 'step' }]);
  ws().reply({ type: 'state', reply_to: 'step', epoch: 0 });
  assert.deepEqual((await first).reply_to, 'step');
  assert.equal(ws().sent.length, 2);
  ws().reply({ type: 'error', reply_to: 'step', code: 'diverged' });
  assert.equal((await second).type, 'error');
  assert.deepEqual(ws().sent.at(-1), { op: 'undo' });
  ws().reply({ type: 'state', reply_to: 'undo' });
  await third;
  assert.equal(replies.length, 3);
});

test('a cut-in goes behind the one request in flight, never behind two; replies are matched in order', async () => {
  const { socket, ws } = connect();
  ws().open();
  const train = socket.request({ op: 'train', epochs: 300 });
  const step = socket.request({ op: 'step' }, { cutIn: true });
  const undo = socket.request({ op: 'undo' }, { cutIn: true });
  const plain = socket.request({ op: 'step' });
  assert.deepEqual(ws().sent.map((m) => m.op), ['train', 'step']);
  ws().reply({ type: 'state', reply_to: 'train', epoch: 2 });
  assert.equal((await train).epoch, 2);
  assert.deepEqual(ws().sent.map((m) => m.op), ['train', 'step', 'undo']);
  ws().reply({ type: 'state', reply_to: 'step' });
  assert.equal((await step).reply_to, 'step');
  assert.equal(ws().sent.length, 3, 'a plain request waits for the wire to be empty');
  ws().reply({ type: 'state', reply_to: 'undo' });
  assert.equal((await undo).reply_to, 'undo');
  assert.deepEqual(ws().sent.at(-1), { op: 'step' });
  ws().reply({ type: 'state', reply_to: 'step' });
  await plain;
});

test('a cut-in queued behind a plain request follows it on the wire as soon as that one goes', async () => {
  const { socket, ws } = connect();
  ws().open();
  socket.request({ op: 'train', epochs: 300 });
  socket.request({ op: 'snapshot' });
  socket.request({ op: 'step' }, { cutIn: true });
  assert.deepEqual(ws().sent.map((m) => m.op), ['train']);
  ws().reply({ type: 'state', reply_to: 'train' });
  assert.deepEqual(ws().sent.map((m) => m.op), ['train', 'snapshot', 'step']);
});

test('a drop rejects every request on the wire', async () => {
  const { socket, ws } = connect();
  ws().open();
  const train = socket.request({ op: 'train', epochs: 300 });
  const step = socket.request({ op: 'step' }, { cutIn: true });
  ws().drop();
  await assert.rejects(train, Disconnected);
  await assert.rejects(step, Disconnected);
});

test('requests made before the socket opens wait for it; onOpen goes first', async () => {
  const { socket, ws } = connect({
    onOpen: () => socket.request({ op: 'configure' }, { first: true }),
  });
  socket.request({ op: 'step' });
  assert.deepEqual(ws().sent, []);
  ws().open();
  assert.deepEqual(ws().sent, [{ op: 'configure' }]);
  ws().reply({ type: 'state' });
  await tick();
  assert.deepEqual(ws().sent, [{ op: 'configure' }, { op: 'step' }]);
});

test('while the session resumes, queued requests wait for the whole resume', async () => {
  let finishResume;
  const { socket, ws } = connect({
    onOpen: () => new Promise((resolve) => {
      finishResume = resolve;
      socket.request({ op: 'restore' }, { first: true }).then(() =>
        socket.request({ op: 'configure' }, { first: true })).then(resolve);
    }),
  });
  socket.request({ op: 'step' });
  ws().open();
  assert.deepEqual(ws().sent, [{ op: 'restore' }]);
  ws().reply({ type: 'error', code: 'bad_snapshot' });
  await tick();
  assert.deepEqual(ws().sent, [{ op: 'restore' }, { op: 'configure' }], 'the step waits');
  ws().reply({ type: 'state' });
  await tick();
  assert.deepEqual(ws().sent.at(-1), { op: 'step' });
  assert.ok(finishResume);
});

test('a drop rejects what was pending, waits with back-off, then reconnects and resumes', async () => {
  let opens = 0;
  const { socket, ws, timers, statuses } = connect({ onOpen: () => { opens += 1; } });
  ws().open();
  const pending = socket.request({ op: 'train', epochs: 10 });
  const waiting = socket.request({ op: 'step' });
  ws().drop();
  await assert.rejects(pending, Disconnected);
  const clickedWhileDown = socket.request({ op: 'reset' });
  assert.deepEqual(statuses.at(-1), ['waiting', 500]);
  timers.runNext();
  assert.equal(FakeWebSocket.opened.length, 2);
  ws().drop();
  assert.deepEqual(statuses.at(-1), ['waiting', 1000]);
  timers.runNext();
  ws().open();
  assert.equal(opens, 2);
  assert.deepEqual(ws().sent, [{ op: 'step' }], 'what was not sent yet goes out after the reopen');
  ws().reply({ type: 'state' }); // a reply resets the back-off
  assert.equal((await waiting).type, 'state');
  assert.deepEqual(ws().sent.at(-1), { op: 'reset' });
  ws().reply({ type: 'state' });
  await clickedWhileDown;
  ws().drop();
  assert.deepEqual(statuses.at(-1), ['waiting', 500]);
});

test('a drop during the resume drops its unsent requests; the next open resumes afresh', async () => {
  let resumes = 0;
  const { socket, ws, timers } = connect({
    onOpen: () => {
      resumes += 1;
      const first = (op) => socket.request({ op }, { first: true });
      return first('restore').then(() => first('configure')).catch(() => null);
    },
  });
  socket.request({ op: 'step' });
  ws().open();
  ws().drop();
  await tick();
  timers.runNext();
  ws().open();
  assert.equal(resumes, 2);
  assert.deepEqual(ws().sent, [{ op: 'restore' }]);
  ws().reply({ type: 'state' });
  await tick();
  assert.deepEqual(ws().sent, [{ op: 'restore' }, { op: 'configure' }]);
  ws().reply({ type: 'state' });
  await tick();
  assert.deepEqual(ws().sent.at(-1), { op: 'step' }, 'the student\'s step survives the drop');
});

test('close() stops reconnecting', () => {
  const { socket, ws, timers } = connect();
  ws().open();
  socket.close();
  assert.equal(timers.pending.length, 0);
});

test('a frame that is not JSON is ignored', async () => {
  const { socket, ws, replies } = connect();
  ws().open();
  const answer = socket.request({ op: 'step' });
  ws().onmessage({ data: 'not json' });
  assert.equal(replies.length, 0);
  ws().reply({ type: 'state' });
  assert.equal((await answer).type, 'state');
  await tick();
});

test('a server going away (1001) is left at once; a full one (1013) gives its reason and backs off', () => {
  const { ws, timers, statuses } = connect();
  ws().open();
  ws().drop({ code: 1001, reason: 'O servidor está reiniciando; reconectando e restaurando sua sessão.' });
  assert.deepEqual(statuses.at(-1),
    ['waiting', 0, 'O servidor está reiniciando; reconectando e restaurando sua sessão.']);
  timers.runNext();
  ws().drop({ code: 1013, reason: 'Servidor cheio: muitos alunos conectados agora.' });
  assert.deepEqual(statuses.at(-1), ['waiting', 500, 'Servidor cheio: muitos alunos conectados agora.']);
  timers.runNext();
  ws().drop({ code: 1013, reason: 'Servidor cheio: muitos alunos conectados agora.' });
  assert.deepEqual(statuses.at(-1), ['waiting', 1000, 'Servidor cheio: muitos alunos conectados agora.']);
});
