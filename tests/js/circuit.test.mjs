// Tests for circuit.js: a unit's gates read every number from the state, in forward order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unitCircuit, circuitChecks } from '../../static/js/circuit.js';
import { xorAfterUpdate } from './fixtures.mjs';

function withGates() {
  const s = xorAfterUpdate();
  s.forward.products = [[[0.11, 0.12], [0.21, 0.22]], [[0.31, 0.32]]];
  s.backward.to_inputs = [[[0.41, 0.42], [0.51, 0.52]], [[0.61, 0.62]]];
  return s;
}

test('a hidden unit: two × gates, the + gate and the activation, with the state\'s numbers', () => {
  const s = withGates();
  const c = unitCircuit(s, 1, 0);
  assert.deepEqual(c.gates.map((g) => g.kind), ['mul', 'mul', 'add', 'act']);
  const [mul] = c.gates;
  assert.deepEqual(mul.inputs.map((w) => w.name), ['w₁₁', 'x₁']);
  assert.equal(mul.inputs[0].value, s.update.params_before.W[0][0][0]);
  assert.equal(mul.inputs[0].grad, s.backward.dW[0][0][0]);
  assert.equal(mul.inputs[1].grad, 0.41);
  assert.equal(mul.output.value, 0.11);
  assert.equal(mul.output.grad, s.backward.dz[0][0]);
  const act = c.gates[3];
  assert.equal(act.symbol, 'σ');
  assert.equal(act.local, s.forward.g_prime[0][0]);
  assert.deepEqual(act.checks[0], { of: 'z₁', local: s.forward.g_prime[0][0], upstream: s.backward.da[0][0],
    downstream: s.backward.dz[0][0] });
});

test('the output unit ends with the loss gate; inputs and missing units have no circuit', () => {
  const s = withGates();
  const c = unitCircuit(s, 2, 0);
  assert.deepEqual(c.gates.map((g) => g.kind), ['mul', 'mul', 'add', 'act', 'loss']);
  assert.deepEqual(c.gates[0].inputs.map((w) => w.name), ['v₁', 'a₁']);
  assert.equal(circuitChecks(c).length, 9);
  assert.equal(c.gates[4].checks[0].downstream, s.backward.da[1][0]);
  assert.equal(unitCircuit(s, 0, 0), null);
  assert.equal(unitCircuit(s, 1, 5), null);
  assert.equal(unitCircuit(null, 1, 0), null);
});

test('before the backward every gradient is null, never a number the page made up', () => {
  const s = withGates();
  s.backward = null;
  s.update = null;
  const checks = circuitChecks(unitCircuit(s, 1, 1));
  assert.ok(checks.every((c) => c.downstream === null && c.upstream === null));
});

test('in a batch, the weights\u2019 and biases\u2019 gradients and L are marked as the batch\u2019s means, nothing else', () => {
  const s = { ...withGates(), batch: { start: 0, size: 4 } };
  for (const [k, i] of [[1, 0], [1, 1], [2, 0]]) {
    const c = unitCircuit(s, k, i);
    const meant = circuitChecks(c).filter((check) => check.mean === 4).map((check) => check.of);
    const params = k === 1 ? [`w${'₁₂'[i]}₁`, `w${'₁₂'[i]}₂`, `b${'₁₂'[i]}`] : ['v₁', 'v₂', 'c'];
    assert.deepEqual(meant, params, `unit ${k},${i}`);
    const wires = c.gates.flatMap((g) => [...g.inputs, g.output]).filter((w) => w.mean === 4).map((w) => w.name);
    assert.deepEqual([...new Set(wires)], k === 2 ? [...params, 'L'] : params);
  }
  const single = unitCircuit({ ...withGates(), batch: { start: 3, size: 1 } }, 2, 0);
  assert.ok(circuitChecks(single).every((check) => check.mean === undefined), 'a batch of one is one example');
});
