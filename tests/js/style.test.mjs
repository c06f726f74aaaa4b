// The house style's rule for the page's modules (STYLE.md): no module-level mutable state. Each
// module's state lives in an object its caller owns (e.g. createHotspots in main.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';

const DIR = new URL('../../static/js/', import.meta.url);
const MUTABLE = /^(let|var)\s|^(export\s+)?const\s+\w+\s*=\s*new\s+(WeakMap|Map|WeakSet)\b/;

test('no module of the page keeps mutable state at module level', async () => {
  const names = (await readdir(DIR)).filter((n) => n.endsWith('.js'));
  assert.ok(names.includes('hotspots.js'));
  for (const name of names) {
    const text = await readFile(new URL(name, DIR), 'utf8');
    assert.deepEqual(text.split('\n').filter((line) => MUTABLE.test(line)), [], name);
  }
});

test('the page asks for no snapshot and rebuilds no number the server sends', async () => {
  const names = (await readdir(DIR)).filter((n) => n.endsWith('.js'));
  for (const name of names) {
    const text = await readFile(new URL(name, DIR), 'utf8');
    assert.doesNotMatch(text, /op:\s*'snapshot'/, name);
    assert.doesNotMatch(text, /\ba\s*\*\s*\(1\s*-\s*a\)|1\s*-\s*a\s*\*\s*a\b/, name);
  }
});
