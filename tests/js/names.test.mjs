// Tests for the names of format.js: one set of names for the picture, the hotspots, the gradients list, the quiz
// and the math panel: the course's for 2–h–1, the same letters with layer superscripts deeper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { id, nameText, neuronName, paramName, selectionName, selectionSymbol, symbols } from '../../static/js/format.js';

test('2–2–1 parameters use the course names, with subscripts', () => {
  const s = [2, 2, 1];
  assert.deepEqual([[0, 0], [0, 1], [1, 0], [1, 1]].map(([i, j]) => paramName(s, 'weight', 0, i, j)), ['w₁₁', 'w₁₂', 'w₂₁', 'w₂₂']);
  assert.deepEqual([0, 1].map((i) => paramName(s, 'bias', 0, i)), ['b₁', 'b₂']);
  assert.deepEqual([0, 1].map((j) => paramName(s, 'weight', 1, 0, j)), ['v₁', 'v₂']);
  assert.equal(paramName(s, 'bias', 1, 0), 'c');
});

test('any 2–h–1 network keeps the course names', () => {
  assert.equal(paramName([2, 5, 1], 'weight', 0, 4, 1), 'w₅₂');
  assert.equal(paramName([2, 5, 1], 'weight', 1, 0, 4), 'v₅');
  assert.equal(paramName([2, 5, 1], 'bias', 0, 4), 'b₅');
});

test('deeper networks write the layer as a superscript, weight layer l feeding layer l', () => {
  const s = [2, 3, 3, 1];
  assert.equal(paramName(s, 'weight', 0, 0, 1), 'w₁₂⁽¹⁾');
  assert.equal(paramName(s, 'weight', 2, 0, 2), 'w₁₃⁽³⁾');
  assert.equal(paramName(s, 'bias', 1, 2), 'b₃⁽²⁾');
  assert.equal(neuronName(s, 2, 1), 'a₂⁽²⁾');
  assert.equal(neuronName(s, 3, 0), 'ŷ');
});

test('units: inputs x, hidden a, output ŷ; the target y', () => {
  assert.equal(neuronName([2, 2, 1], 0, 1), 'x₂');
  assert.equal(neuronName([2, 2, 1], 1, 0), 'a₁');
  assert.equal(neuronName([2, 2, 1], 2, 0), 'ŷ');
  assert.equal(selectionName([2, 2, 1], { what: 'target' }), 'y');
  assert.equal(selectionName([2, 2, 1], { what: 'input', index: 0 }), 'x₁');
  assert.equal(selectionName([2, 2, 1], { what: 'neuron', layer: 1, index: 1 }), 'a₂');
  assert.equal(selectionName([2, 2, 1], null), '');
});

test('the text of a name is the math panel’s identifier, written with sub- and superscripts', () => {
  for (const sizes of [[2, 2, 1], [2, 3, 2, 1], [2, 8, 8, 8, 8, 8, 8, 1]]) {
    const sy = symbols(sizes);
    const L = sizes.length - 1;
    for (let l = 0; l < L; l += 1) {
      for (let i = 0; i < sizes[l + 1]; i += 1) {
        const sel = { what: 'bias', layer: l, row: i };
        assert.deepEqual(selectionSymbol(sizes, sel), sy.b(l, i));
        assert.equal(selectionName(sizes, sel), nameText(sy.b(l, i)));
        for (let j = 0; j < sizes[l]; j += 1) {
          assert.equal(paramName(sizes, 'weight', l, i, j), nameText(sy.w(l, i, j)));
        }
      }
    }
  }
  assert.equal(nameText(id('z', 'out')), 'zₒᵤₜ');
  assert.equal(nameText(id('w', '12', '(3)')), 'w₁₂⁽³⁾');
});

test('every parameter of the largest network has a name of its own', () => {
  const sizes = [2, 8, 8, 8, 8, 8, 8, 1];
  const names = new Set();
  let count = 0;
  for (let l = 0; l < sizes.length - 1; l += 1) {
    for (let i = 0; i < sizes[l + 1]; i += 1) {
      names.add(paramName(sizes, 'bias', l, i));
      count += 1;
      for (let j = 0; j < sizes[l]; j += 1) {
        names.add(paramName(sizes, 'weight', l, i, j));
        count += 1;
      }
    }
  }
  assert.equal(names.size, count);
});
