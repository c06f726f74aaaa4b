// Tests for files.js: the CSV of losses, session file checks and names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lossCsv, parseSnapshotFile, snapshotFileText, timestampedName } from '../../static/js/files.js';

test('the loss CSV has a header and one epoch,loss line per point', () => {
  assert.equal(lossCsv([[0, 0.25], [1, 0.125], [2, 1e-7]]), 'epoch,loss\n0,0.25\n1,0.125\n2,1e-7\n');
});

test('an empty history gives just the header', () => {
  assert.equal(lossCsv([]), 'epoch,loss\n');
});

test('the CSV keeps every digit of the losses', () => {
  const [, line] = lossCsv([[3, 0.12345678901234]]).split('\n');
  assert.equal(line, '3,0.12345678901234');
});

const snapshot = { format: 'backprop-passo-a-passo/2', session: { epoch: 3, history: [[0, -0], [1, 1e-300]] } };

test('a session file round-trips', () => {
  assert.deepEqual(parseSnapshotFile(snapshotFileText(snapshot)),
    { ok: true, snapshot: { ...snapshot, session: { epoch: 3, history: [[0, 0], [1, 1e-300]] } } });
});

test('an older version goes to the server, which answers with its own sentence', () => {
  const old = { format: 'backprop-passo-a-passo/1', checksum: 'a'.repeat(64), session: {} };
  assert.deepEqual(parseSnapshotFile(JSON.stringify(old)), { ok: true, snapshot: old });
});

const badFiles = [
  ['not JSON', 'hello'],
  ['empty', ''],
  ['an array', '[]'],
  ['null', 'null'],
  ['another format', JSON.stringify({ ...snapshot, format: 'something-else/1' })],
  ['no format', JSON.stringify({ session: {} })],
  ['no session', JSON.stringify({ format: snapshot.format })],
  ['session not an object', JSON.stringify({ ...snapshot, session: 3 })],
];

for (const [name, text] of badFiles) {
  test(`a bad session file is refused: ${name}`, () => {
    assert.deepEqual(parseSnapshotFile(text), { ok: false });
  });
}

test('file names carry the date and time', () => {
  const name = timestampedName('backprop-sessao', 'json', new Date(2024, 4, 1, 9, 5));
  assert.equal(name, 'backprop-sessao-2024-05-01-0905.json');
});
