// Tests for the math panel's notes on units (math-lines.js): a dead or saturated unit the panel shows is
// named, with the reason, in both languages; a healthy one, or one the panel does not show, is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mathLines } from '../../static/js/math-lines.js';
import { xorAfterUpdate, xorSecondForward } from './fixtures.mjs';

const DEAD_H1 = { dead: [[true, false]], saturated: [[false, false]] };
const SATURATED_H2 = { dead: [[false, false]], saturated: [[false, true]] };
const notesOf = (state, options = {}) => mathLines(state, { lang: 'pt-BR', ...options }).notes;
const deadLine = (notes) => notes.find((note) => note.includes('neurônio morto'));

test('after an update every hidden unit is shown: the dead one is named and why', () => {
  const notes = notesOf(xorAfterUpdate({ units: DEAD_H1 }));
  assert.equal(deadLine(notes), 'a₁ é um neurônio morto: ReLU com z ≤ 0 em todos os exemplos do conjunto, então ' +
    'a = 0 e ReLU′(z) = 0 em todos. Pela regra da cadeia ∂L/∂z = ∂L/∂a · ReLU′(z) = 0: nenhum gradiente chega aos ' +
    'pesos e ao viés que entram nele, eles não mudam mais, e ele não volta a aprender sozinho.');
  assert.equal(notes.filter((note) => note.includes('a₂')).length, 0, 'a₂ is healthy');
  const english = mathLines(xorAfterUpdate({ units: DEAD_H1 }), { lang: 'en' }).notes;
  assert.ok(english.some((note) => note.startsWith('a₁ is a dead unit: ReLU with z ≤ 0 on every example')));
});

test('a saturated unit says that less than 1 % of the gradient gets through', () => {
  const notes = notesOf(xorSecondForward(), {});
  assert.equal(notes.filter((note) => note.includes('saturado')).length, 0, 'no marks, no note');
  const marked = notesOf({ ...xorSecondForward(), units: SATURATED_H2 });
  assert.ok(marked.some((note) => note.startsWith('a₂ está saturado: g′(z) < 0,01 em todos os exemplos') &&
    note.includes('menos de 1 % do gradiente passa')));
});

test('a selection names only its own unit: the neuron, or the one a weight or bias feeds', () => {
  const state = xorAfterUpdate({ units: DEAD_H1 });
  assert.ok(deadLine(notesOf(state, { selection: { what: 'neuron', layer: 1, index: 0 } })));
  assert.ok(deadLine(notesOf(state, { selection: { what: 'weight', layer: 0, row: 0, col: 1 } })));
  assert.ok(deadLine(notesOf(state, { selection: { what: 'bias', layer: 0, row: 0 } })));
  assert.equal(deadLine(notesOf(state, { selection: { what: 'neuron', layer: 1, index: 1 } })), undefined);
  assert.equal(deadLine(notesOf(state, { selection: { what: 'weight', layer: 1, row: 0, col: 0 } })), undefined,
    'v₁ feeds the output, which is never marked');
  assert.equal(deadLine(notesOf(state, { selection: { what: 'input', index: 0 } })), undefined);
});

test('a detailed step through the output layer shows no hidden unit', () => {
  const state = { ...xorAfterUpdate({ units: DEAD_H1 }), phase: 'forward', layer: 1 };
  assert.equal(deadLine(notesOf(state)), undefined);
  assert.ok(deadLine(notesOf({ ...state, layer: 0 })));
  assert.equal(deadLine(notesOf({ ...state, phase: 'idle', layer: null })), undefined);
});
