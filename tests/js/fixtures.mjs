// Shared protocol (v2) states for the JS tests, copied from a real session (XOR, seed 3, η = 0.1).
// Not a test file itself (node --test runs *.test.mjs only).

const CONFIG = { lr: 0.1, activation: 'sigmoid', loss: 'mse', optimizer: 'sgd', momentum: 0.9, dataset: 'xor',
  hidden: [2], seed: 3, detailed: false, check_gradients: false, lang: 'pt-BR' };

/**
 * XOR right after the first update (three steps): `forward` and `backward` still hold example 1
 * (x = (0, 0), y = 0, ŷ = 0.5067, L = 0.1284), while `sample`/`example` already name example 2
 * (x = (0, 1), y = 1). `update.lr` is the η the update used, `update.params_before` the weights
 * the update started from; `shown` is example 1, no longer under way.
 */
export function xorAfterUpdate(overrides = {}) {
  return {
    type: 'state', protocol: 2, reply_to: 'step',
    config: { ...CONFIG },
    sizes: [2, 2, 1],
    dataset: { name: 'xor', X: [[0, 0], [0, 1], [1, 0], [1, 1]], Y: [0, 1, 1, 0] },
    epoch: 0, sample: 1, steps: 3, phase: 'update', layer: null,
    next: { phase: 'forward', layer: null },
    example: { x: [0, 1], y: 1 },
    params: {
      W: [[[-0.8287016657127513, -0.5263789868078006], [0.6025489304127938, 0.16432407212873557]],
        [[-0.8179427605633837, -0.13800351889703666]]],
      b: [[-0.03932827498112583, -0.6801441644908297], [0.4564889283824471]],
    },
    forward: {
      sample: 0, y: 0,
      z: [[-0.04189740371833195, -0.6805221707258429], [0.026826121063125596]],
      a: [[0, 0], [0.48952718101786885, 0.33614476946604305], [0.5067061281036715]],
      g_prime: [[0.2498903200625675, 0.2231514634266638], [0.24995502784585716]],
      y_hat: 0.5067061281036715, loss: 0.1283755501289072,
    },
    backward: {
      da: [[-0.1028102543773148, -0.016939446831697184], [0.5067061281036715]],
      dz: [[-0.025691287372061177, -0.0037800623501313903], [0.1266537443598197]],
      dW: [[[0, 0], [0, 0]], [[0.062000450441820336, 0.04257399369984274]]],
      db: [[-0.025691287372061177, -0.0037800623501313903], [0.1266537443598197]],
    },
    update: {
      lr: 0.1,
      params_before: {
        W: [[[-0.8287016657127513, -0.5263789868078006], [0.6025489304127938, 0.16432407212873557]],
          [[-0.8117427155192016, -0.1337461195270524]]],
        b: [[-0.04189740371833195, -0.6805221707258429], [0.46915430281842907]],
      },
      delta_W: [[[0, 0], [0, 0]], [[-0.006200045044182034, -0.0042573993699842605]]],
      delta_b: [[0.0025691287372061195, 0.0003780062350131619], [-0.01266537443598198]],
      clip_factor: 1, penalty_W: null,
      used: {
        W: [[[0, 0], [0, 0]], [[0.062000450441820336, 0.04257399369984274]]],
        b: [[-0.025691287372061177, -0.0037800623501313903], [0.1266537443598197]],
      },
    },
    gradcheck: null,
    shown: { sample: 0, x: [0, 0], y: 0, y_hat: 0.5067061281036715, abs_error: 0.5067061281036715,
      under_way: false },
    metrics: { loss: 0.12482232541607574, mse: 0.12482232541607574,
      predictions: [0.5022894286048422, 0.5271276673236486, 0.5370137586991358, 0.555265189432717], correct: 2 },
    history: { thin: false, from: 0, points: [] }, undo_depth: 3,
    resume: { format: 'backprop-passo-a-passo/2', session: { steps: 3, epoch: 0, sample: 1 } },
    ...overrides,
  };
}

/** The step after: the forward of example 2 (x = (0, 1), y = 1) with the updated weights. */
export function xorSecondForward() {
  return xorAfterUpdate({
    phase: 'forward', steps: 4, next: { phase: 'backward', layer: null }, backward: null, update: null,
    forward: {
      sample: 1, y: 1,
      z: [[-0.5657072617889264, -0.5158200923620941], [0.108617329904318]],
      a: [[0, 1], [0.36222794065042513, 0.3738301541993408], [0.5271276673236486]],
      g_prime: [[0.2310188596625772, 0.2340811700106379], [0.24926408966557745]],
      y_hat: 0.5271276673236486, loss: 0.11180412150538699,
    },
    shown: { sample: 1, x: [0, 1], y: 1, y_hat: 0.5271276673236486, abs_error: 0.4728723326763514,
      under_way: true },
  });
}

/** Example 2 under way before its forward (after a `set`, say): `shown` is that example. */
export const XOR_EXAMPLE_2_UNDER_WAY = { sample: 1, x: [0, 1], y: 1, y_hat: 0.5271276673236486,
  abs_error: 0.4728723326763514, under_way: true };
