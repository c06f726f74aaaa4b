// Tests for experiments.js: the open experiment is read from the fragment; links keep it and the language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentId, localizeLinks } from '../../static/js/experiments.js';

function fakeLink(href) {
  const attrs = { href };
  return { getAttribute: (name) => attrs[name], setAttribute: (name, value) => { attrs[name] = value; } };
}

test('the fragment names the experiment, and nothing else does', () => {
  assert.equal(experimentId('#exp=dead'), 'dead');
  assert.equal(experimentId('#exp=high'), 'high');
  for (const hash of ['', '#', '#exp=', '#exp=Dead', '#bp_loss', '#exp=high&x', undefined]) {
    assert.equal(experimentId(hash), null, String(hash));
  }
});

test('a link keeps its fragment when the language is added, changed or dropped', () => {
  const link = fakeLink('?dataset=xor&activation=relu&seed=3#exp=dead');
  localizeLinks([link], 'en');
  assert.equal(link.getAttribute('href'), '?dataset=xor&activation=relu&seed=3&lang=en#exp=dead');
  localizeLinks([link], 'en');
  assert.equal(link.getAttribute('href'), '?dataset=xor&activation=relu&seed=3&lang=en#exp=dead');
  localizeLinks([link], 'pt-BR');
  assert.equal(link.getAttribute('href'), '?dataset=xor&activation=relu&seed=3#exp=dead');
  const plain = fakeLink('?dataset=xor');
  localizeLinks([plain], 'en');
  assert.equal(plain.getAttribute('href'), '?dataset=xor&lang=en');
});
