// Tests for on-screen.js: which views are drawn while training and after it, with stand-ins for
// the window's IntersectionObserver and requestIdleCallback whose callbacks the test calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchOnScreen, NEAR, SETTLE_MS } from '../../static/js/on-screen.js';

function fakeWindow({ idle = true } = {}) {
  const win = { observers: [], idle: [], timers: [] };
  win.IntersectionObserver = class {
    constructor(callback, options) {
      Object.assign(this, { callback, options, targets: [], disconnected: false });
      win.observers.push(this);
    }
    observe(target) { this.targets.push(target); }
    disconnect() { this.disconnected = true; }
  };
  if (idle) win.requestIdleCallback = (fn, options) => win.idle.push({ fn, options });
  win.setTimeout = (fn, ms) => win.timers.push({ fn, ms });
  return win;
}

const targets = { loss: { id: 'loss' }, boundary: { id: 'boundary' } };

function watched(options) {
  const win = fakeWindow(options);
  const redraws = [];
  const onScreen = watchOnScreen(win, targets, () => redraws.push(1));
  const [observer] = win.observers;
  observer.callback([{ target: targets.loss, isIntersecting: true }, { target: targets.boundary, isIntersecting: false }]);
  return { win, redraws, onScreen, observer };
}

const drawn = (onScreen, training) => ['loss', 'boundary'].filter((name) => onScreen.draws(name, training));

test('while training only the views on screen are drawn; nothing trains: all of them', () => {
  const { onScreen, observer, redraws } = watched();
  assert.deepEqual(observer.targets, [targets.loss, targets.boundary]);
  assert.equal(observer.options.rootMargin, NEAR);
  assert.deepEqual(drawn(onScreen, false), ['loss', 'boundary']);
  assert.deepEqual(drawn(onScreen, true), ['loss']);
  assert.equal(redraws.length, 0, 'leaving the viewport asks for no drawing');
  observer.callback([{ target: targets.boundary, isIntersecting: true }]);
  assert.equal(redraws.length, 1, 'coming into view asks for a drawing');
  assert.deepEqual(drawn(onScreen, true), ['loss', 'boundary']);
});

test('after training, the views out of view catch up once the page is idle', () => {
  const { onScreen, win, redraws } = watched();
  drawn(onScreen, true);
  assert.deepEqual(drawn(onScreen, false), ['loss'], 'the frame that shows the stop');
  assert.equal(win.idle.length, 1, 'one idle callback, not one per view');
  assert.equal(win.idle[0].options.timeout, SETTLE_MS);
  win.idle[0].fn();
  assert.equal(redraws.length, 1);
  assert.deepEqual(drawn(onScreen, false), ['loss', 'boundary']);
});

test('training again before the idle moment keeps the views out of view waiting', () => {
  const { onScreen, win } = watched();
  drawn(onScreen, true);
  drawn(onScreen, false);
  drawn(onScreen, true);
  win.idle[0].fn();
  assert.deepEqual(drawn(onScreen, true), ['loss']);
});

test('without requestIdleCallback a short timer stands in; stop() disconnects', () => {
  const { onScreen, win, observer } = watched({ idle: false });
  drawn(onScreen, true);
  drawn(onScreen, false);
  assert.equal(win.timers.length, 1);
  win.timers[0].fn();
  assert.deepEqual(drawn(onScreen, false), ['loss', 'boundary']);
  onScreen.stop();
  assert.equal(observer.disconnected, true);
});

test('drawAll() redraws once with every view drawn, even while training; then only those on screen again', () => {
  const win = fakeWindow();
  const seen = [];
  const onScreen = watchOnScreen(win, targets, () => seen.push(drawn(onScreen, true)));
  win.observers[0].callback([{ target: targets.loss, isIntersecting: true },
    { target: targets.boundary, isIntersecting: false }]);
  assert.deepEqual(drawn(onScreen, true), ['loss']);
  onScreen.drawAll();
  assert.deepEqual(seen, [['loss', 'boundary']]);
  assert.deepEqual(drawn(onScreen, true), ['loss']);
});
