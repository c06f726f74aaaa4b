import test from 'node:test';
import assert from 'node:assert/strict';
import { keepWhenLeaving, takeKept } from '../../static/js/reload.js';

/** A window with a sessionStorage, a location, a navigation entry and a pagehide to fire. */
function fakeWindow({ href = 'https://x/?lr=0.5', navigation = 'reload', storage = new Map(), refuse = false } = {}) {
  const listeners = {};
  const sessionStorage = {
    getItem: (k) => (storage.has(k) ? storage.get(k) : null),
    setItem: (k, v) => { if (refuse) throw new Error('QuotaExceededError'); storage.set(k, String(v)); },
    removeItem: (k) => storage.delete(k),
  };
  return {
    storage, sessionStorage, location: { href },
    performance: { getEntriesByType: (type) => (type === 'navigation' ? [{ type: navigation }] : []) },
    addEventListener: (name, fn) => { listeners[name] = fn; },
    leave: () => listeners.pagehide?.(),
  };
}

const SNAPSHOT = { format: 'backprop-passo-a-passo/2', session: { epoch: 787, history: [[0, 0.25], [787, 0.0099]] } };

test('a reload of the same address takes back the session kept when the page was left', () => {
  const before = fakeWindow();
  keepWhenLeaving(before, () => SNAPSHOT);
  before.leave();
  const after = fakeWindow({ storage: before.storage });
  assert.deepEqual(takeKept(after), SNAPSHOT);
  assert.equal(takeKept(after), null, 'taken once');
});

test('a link, a typed address or another address starts from its URL', () => {
  for (const [navigation, href] of [['navigate', 'https://x/?lr=0.5'], ['reload', 'https://x/?lr=5'],
    ['back_forward', 'https://x/?lr=0.5']]) {
    const before = fakeWindow();
    keepWhenLeaving(before, () => SNAPSHOT);
    before.leave();
    const after = fakeWindow({ storage: before.storage, navigation, href });
    assert.equal(takeKept(after), null, `${navigation} ${href}`);
    assert.equal(after.storage.size, 0, 'the kept entry is dropped either way');
  }
});

test('leaving before any state forgets what an earlier visit kept', () => {
  const before = fakeWindow();
  before.storage.set('bp-session', JSON.stringify({ href: 'https://x/?lr=0.5', snapshot: SNAPSHOT }));
  keepWhenLeaving(before, () => null);
  before.leave();
  assert.equal(before.storage.size, 0);
});

test('storage that refuses or holds garbage never breaks the page', () => {
  const refusing = fakeWindow({ refuse: true });
  keepWhenLeaving(refusing, () => SNAPSHOT);
  assert.doesNotThrow(() => refusing.leave());
  const garbage = fakeWindow();
  garbage.storage.set('bp-session', '{not json');
  assert.equal(takeKept(garbage), null);
  const noStorage = { location: { href: 'https://x/' }, get sessionStorage() { throw new Error('SecurityError'); } };
  assert.equal(takeKept(noStorage), null);
});
