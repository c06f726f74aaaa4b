// Tests for circuit-network.js: the whole 2–h–1 network as one circuit, every number the state's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkCircuit, networkCircuitFits, networkUnits } from '../../static/js/lazy/circuit-network.js';
import { circuitChecks } from '../../static/js/circuit.js';
import { xorAfterUpdate } from './fixtures.mjs';

function withGates() {
  const s = xorAfterUpdate();
  s.forward.products = [[[0.11, 0.12], [0.21, 0.22]], [[0.31, 0.32]]];
  s.backward.to_inputs = [[[0.41, 0.42], [0.51, 0.52]], [[0.61, 0.62]]];
  return s;
}

test('2–h–1 fits as one circuit; deeper or wider-output networks do not', () => {
  assert.equal(networkCircuitFits([2, 2, 1]), true);
  assert.equal(networkCircuitFits([2, 3, 1]), true);
  assert.equal(networkCircuitFits([2, 2, 2, 1]), false);
  assert.equal(networkCircuitFits([2, 2, 2]), false);
  assert.equal(networkCircuitFits(undefined), false);
  const deep = withGates();
  deep.sizes = [2, 2, 2, 1];
  assert.equal(networkCircuit(deep), null);
  assert.equal(networkCircuit(null), null);
});

test('each hidden unit, then the output unit, with the state\'s numbers on the wires they share', () => {
  const s = withGates();
  const net = networkCircuit(s);
  assert.deepEqual(networkUnits(net).map((u) => [u.k, u.i]), [[1, 0], [1, 1], [2, 0]]);
  assert.deepEqual(net.output.gates.map((g) => g.kind), ['mul', 'mul', 'add', 'act', 'loss']);
  for (const i of [0, 1]) {
    const hiddenOut = net.hidden[i].gates.find((g) => g.kind === 'act').output;
    const outputIn = net.output.gates[i].inputs[1];
    // The wire a_i leaves its unit's activation and enters the output's × gate with v_i.
    assert.equal(hiddenOut.name, outputIn.name);
    assert.equal(hiddenOut.value, s.forward.a[1][i]);
    assert.equal(outputIn.value, s.forward.a[1][i]);
    assert.equal(hiddenOut.grad, s.backward.da[0][i]);
    assert.equal(outputIn.grad, s.backward.to_inputs[1][0][i]);
    assert.equal(net.output.gates[i].inputs[0].value, s.update.params_before.W[1][0][i]);
  }
  const checks = networkUnits(net).flatMap(circuitChecks);
  assert.equal(checks.length, 8 + 8 + 9);
  assert.equal(checks.at(-1).downstream, s.backward.da[1][0]);
});

test('before the forward reached the output its wires hold null, never a number made up', () => {
  const s = withGates();
  s.forward = { sample: 0, y: 0, z: [[0.1, 0.2]], a: [[0, 0], [0.5, 0.6]], g_prime: [[0.25, 0.24]],
    products: [[[0.11, 0.12], [0.21, 0.22]]] };
  s.backward = null;
  s.update = null;
  const net = networkCircuit(s);
  assert.equal(net.hidden[0].gates[2].output.value, 0.1);
  assert.equal(net.output.gates[2].output.value, null);
  assert.equal(net.output.gates[0].output.value, null);
  assert.ok(networkUnits(net).flatMap(circuitChecks).every((c) => c.downstream === null));
});
