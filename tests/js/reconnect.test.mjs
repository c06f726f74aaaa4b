// Tests for reconnect.js: which notice a restore on a reconnect gives, from the page's state
// before the drop and the restored session's, and the sentences a student reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconnectNotice } from '../../static/js/reconnect.js';
import { createTranslator } from '../../static/js/i18n.js';
import { EN } from '../../static/js/i18n-en.js';

const keyOf = (situation) => reconnectNotice(situation)?.key ?? null;

test('the first open of the page says nothing, whatever it restored', () => {
  assert.equal(keyOf({ reopened: false, undoBefore: 0, undoAfter: 0, showing: false }), null);
  assert.equal(keyOf({ reopened: false, undoBefore: 3, undoAfter: 0, showing: false }), null);
});

test('a reconnect says the session continues, and that the undo history starts again when it had one', () => {
  assert.equal(keyOf({ reopened: true, undoBefore: 0, undoAfter: 0, showing: false }), 'resume_back');
  assert.equal(keyOf({ reopened: true, undoBefore: 3, undoAfter: 0, showing: false }), 'resume_back_undo');
  assert.equal(keyOf({ reopened: true, undoBefore: 1, undoAfter: 0, showing: false }), 'resume_back_undo');
  assert.equal(keyOf({ reopened: true, undoBefore: 2, undoAfter: 2, showing: false }), 'resume_back',
    'nothing shortened, nothing to say about it');
});

test('a message still on the line stays unless the undo history was lost', () => {
  assert.equal(keyOf({ reopened: true, undoBefore: 0, undoAfter: 0, showing: true }), null);
  assert.equal(keyOf({ reopened: true, undoBefore: 4, undoAfter: 0, showing: true }), 'resume_back_undo');
});

test('the notice is polite: an info, never an error', () => {
  assert.deepEqual(reconnectNotice({ reopened: true, undoBefore: 2, undoAfter: 0, showing: false }),
    { type: 'notice', kind: 'info', key: 'resume_back_undo' });
});

test('the sentences name the button by its course label, in both languages', () => {
  const pt = createTranslator('pt-BR');
  const en = createTranslator('en', EN);
  assert.equal(pt('resume_back'), 'A conexão voltou: a sessão continua de onde parou.');
  assert.equal(pt('resume_back_undo'),
    'A conexão voltou: a sessão continua de onde parou. O histórico de “Passo anterior” recomeça aqui.');
  assert.equal(en('resume_back'), 'The connection is back: the session continues where it left off.');
  assert.equal(en('resume_back_undo'),
    'The connection is back: the session continues where it left off. The “Previous step” history starts again here.');
  assert.ok(pt('resume_back_undo').includes(`“${pt('undo')}”`));
  assert.ok(en('resume_back_undo').includes(`“${en('undo')}”`));
});
