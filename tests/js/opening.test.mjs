// Tests for opening.js: the embedded first state is used only for the configure the page sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openingState, sameJson } from '../../static/js/opening.js';
import { configureMessage, readSettings } from '../../static/js/settings.js';
import { CATALOG } from './catalog.mjs';

// As the server writes it: -0.0 (JSON.stringify would write -0 as 0).
const STATE_TEXT = '{"type":"state","epoch":0,"params":{"W":[[[-0.0,0.5]]]}}';
const STATE = { type: 'state', epoch: 0, params: { W: [[[-0, 0.5]]] } };
const settingsOf = (query) => readSettings(CATALOG, query).settings;
const embedded = (configure, stateText = STATE_TEXT) => `{"configure":${JSON.stringify(configure)},"state":${stateText}}`;

test('the embedded state is used when its configure is the one the page sends, in any key order', () => {
  const settings = settingsOf('?lr=0.5&hidden=3,2');
  const reversed = Object.fromEntries(Object.entries(configureMessage(CATALOG, settings)).reverse());
  const state = openingState(embedded(reversed), CATALOG, settings);
  assert.deepEqual(state, STATE);
  assert.ok(Object.is(state.params.W[0][0][0], -0));
});

test('another configure, a missing or broken element, or a message that is not a state is not used', () => {
  const settings = settingsOf('?lr=0.5');
  const other = configureMessage(CATALOG, settingsOf('?lr=0.6'));
  assert.equal(openingState(embedded(other), CATALOG, settings), null);
  const mine = configureMessage(CATALOG, settings);
  assert.equal(openingState(embedded({ ...mine, extra: 1 }), CATALOG, settings), null);
  assert.equal(openingState(embedded(mine, '{"type":"error","message":"x"}'), CATALOG, settings), null);
  for (const text of [undefined, null, '', '{"configure":', '[]', '{"state":{"type":"state"}}']) {
    assert.equal(openingState(text, CATALOG, settings), null, String(text));
  }
});

test('sameJson tells -0 from 0, arrays from objects, and ignores key order only', () => {
  assert.equal(sameJson({ a: [1, { b: -0 }] }, { a: [1, { b: -0 }] }), true);
  assert.equal(sameJson({ a: -0 }, { a: 0 }), false);
  assert.equal(sameJson([1, 2], { 0: 1, 1: 2 }), false);
  assert.equal(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
  assert.equal(sameJson({ a: 1 }, { a: 1, b: undefined }), false);
  assert.equal(sameJson(null, {}), false);
  assert.equal(sameJson('1', 1), false);
});
