// Tests for on-screen.js: which views are drawn while training, and the viewport watcher (with a
// stand-in IntersectionObserver whose callback the test calls).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawsNow, watchOnScreen, NEAR } from '../../static/js/on-screen.js';

const size = { width: 300, height: 200 };

test('a view with a size is drawn when nothing trains, or while it is on screen', () => {
  const view = { loss: size, boundary: size, unit: null, offScreen: new Set(['boundary']) };
  const cases = [
    ['loss', false, true], ['loss', true, true],
    ['boundary', false, true], ['boundary', true, false],
    ['unit', false, false], ['unit', true, false],
  ];
  for (const [name, training, drawn] of cases) assert.equal(drawsNow(view, name, training), drawn, `${name} ${training}`);
  assert.equal(drawsNow({ loss: size }, 'loss', true), true, 'before the first report, all are on screen');
});

function fakeWindow() {
  const observers = [];
  class IntersectionObserver {
    constructor(callback, options) {
      Object.assign(this, { callback, options, targets: [], disconnected: false });
      observers.push(this);
    }
    observe(target) { this.targets.push(target); }
    disconnect() { this.disconnected = true; }
  }
  return { IntersectionObserver, observers };
}

test('the watcher reports the views out of view at the start and each time one comes in', () => {
  const win = fakeWindow();
  const [loss, boundary] = [{ id: 'loss' }, { id: 'boundary' }];
  const calls = [];
  const stop = watchOnScreen(win, { loss, boundary }, (offScreen) => calls.push([...offScreen].sort()));
  const [observer] = win.observers;
  assert.deepEqual(observer.targets, [loss, boundary]);
  assert.equal(observer.options.rootMargin, NEAR);
  observer.callback([{ target: loss, isIntersecting: true }, { target: boundary, isIntersecting: false }]);
  assert.deepEqual(calls, [['boundary']]);
  observer.callback([{ target: loss, isIntersecting: false }]);
  assert.equal(calls.length, 1, 'leaving the viewport asks for no drawing');
  observer.callback([{ target: boundary, isIntersecting: true }]);
  assert.deepEqual(calls, [['boundary'], ['loss']]);
  stop();
  assert.equal(observer.disconnected, true);
});
