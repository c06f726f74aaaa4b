// mathpanel.js — owns the equations panel: the formulas of the phase that just
// ran (forward, backward, update; one layer in detailed mode) written as the
// course writes them, with the current numbers substituted and the result, and
// the chain rule from the loss down to a selected parameter or neuron.
// mathLines(state, options) is pure and returns plain data (sections of rows of
// expression nodes); buildMathPanel(doc, state, options) turns that data into
// DOM with MathML (createElementNS, never innerHTML).

import { formatNumber, editableNumber, isCourseNet, prettyName, selectionName, MINUS } from './format.js';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

const TEXT = {
  'pt-BR': {
    idle: 'Antes do primeiro passo', forward: 'Forward: propagação', backward: 'Backward: retropropagação',
    update: 'Atualização dos parâmetros', hidden: 'Camada oculta', output: 'Camada de saída', loss: 'Perda',
    chain: 'Regra da cadeia', value: 'Valor',
    kinds: { weight: 'Peso', bias: 'Viés', neuron: 'Neurônio', input: 'Entrada', target: 'Alvo' }, numeric: 'Verificação numérica',
    numericNote: 'Diferenças centrais (h = 10⁻⁵): a estimativa numérica deve coincidir com o gradiente calculado.',
    relError: 'erro relativo',
    zOut: 'Aqui zₒᵤₜ é a pré-ativação da saída (o curso a chama de z₂, o mesmo nome do z₂ da camada oculta).',
    waitBackward: 'Os números desta cadeia aparecem depois do passo backward.',
    waitForward: 'Os valores aparecem depois do passo forward.',
    sameRule: 'Cada ∂L/∂z da camada seguinte vem da mesma regra, camada a camada, a partir da saída:',
    optimizer: 'Com momentum ou Adam, a mudança Δθ usa também a memória do otimizador; abaixo, θ ← θ + Δθ.',
    inputUse: 'A entrada entra na soma ponderada de cada neurônio da primeira camada oculta:',
    relu: 'ReLU′(z) = 1 se z > 0, senão 0',
    gradMax: 'maior erro relativo',
    next: {
      forward: 'Próximo passo, forward: cada neurônio calcula z (soma ponderada das entradas mais o viés) e a = g(z); a saída dá ŷ e a perda L.',
      backward: 'Próximo passo, backward: a partir de ∂L/∂ŷ, a regra da cadeia leva o erro de volta, camada a camada, até cada peso e viés.',
      update: 'Próximo passo, atualização: cada parâmetro anda contra o seu gradiente, θ ← θ − η·∂L/∂θ.',
    },
    layerNext: (name) => ` (só a ${name})`,
  },
  en: {
    idle: 'Before the first step', forward: 'Forward pass', backward: 'Backward pass',
    update: 'Parameter update', hidden: 'Hidden layer', output: 'Output layer', loss: 'Loss',
    chain: 'Chain rule', value: 'Value',
    kinds: { weight: 'Weight', bias: 'Bias', neuron: 'Neuron', input: 'Input', target: 'Target' }, numeric: 'Numerical check',
    numericNote: 'Central differences (h = 10⁻⁵): the numerical estimate should match the computed gradient.',
    relError: 'relative error',
    zOut: 'Here zₒᵤₜ is the output pre-activation (the course calls it z₂, the same name as the hidden z₂).',
    waitBackward: 'The numbers of this chain appear after the backward step.',
    waitForward: 'The values appear after the forward step.',
    sameRule: 'Each ∂L/∂z of the next layer comes from the same rule, layer by layer, starting at the output:',
    optimizer: 'With momentum or Adam the change Δθ also uses the optimiser’s memory; below, θ ← θ + Δθ.',
    inputUse: 'The input enters the weighted sum of every neuron of the first hidden layer:',
    relu: 'ReLU′(z) = 1 if z > 0, else 0',
    gradMax: 'largest relative error',
    next: {
      forward: 'Next step, forward: each neuron computes z (the weighted sum of its inputs plus its bias) and a = g(z); the output gives ŷ and the loss L.',
      backward: 'Next step, backward: starting from ∂L/∂ŷ, the chain rule carries the error back, layer by layer, to every weight and bias.',
      update: 'Next step, update: every parameter moves against its gradient, θ ← θ − η·∂L/∂θ.',
    },
    layerNext: (name) => ` (only the ${name.toLowerCase()})`,
  },
};

function strings(lang) {
  return TEXT[lang] || TEXT['pt-BR'];
}

// ── expression nodes (plain data) ─────────────────────────────────────────

const id = (base, sub = null, sup = null) => ({ t: 'id', base, sub: sub === null ? null : String(sub), sup });
const op = (v) => ({ t: 'op', v });
const txt = (v) => ({ t: 'text', v });
const num = (v, precision, paren = false) => ({ t: 'num', v, text: formatNumber(v, precision), paren: paren && v < 0 });
const exact = (v) => ({ t: 'num', v, text: editableNumber(v).replace('-', MINUS), paren: v < 0 });
const frac = (top, bottom) => ({ t: 'frac', num: top, den: bottom });
const group = (items) => ({ t: 'paren', items });
const pow2 = (base) => ({ t: 'pow', base, exp: '2' });
const partial = (of, wrt) => frac([op('∂'), of], [op('∂'), wrt]);
const call = (name, args) => [{ t: 'id', base: name, sub: null, sup: null, fn: true }, group(args)];

/** A row: segments joined by relations ('=' unless told). */
function row(segments, rels = []) {
  return { segments, rels: segments.slice(1).map((_, k) => rels[k] || '=') };
}

function joinWith(items, sep) {
  return items.flatMap((item, k) => (k ? [op(sep), ...item] : item));
}

// ── names and values read from the state ──────────────────────────────────

/** Symbols of the network: course names for 2–h–1, layer superscripts otherwise. */
function symbols(sizes) {
  const L = sizes.length - 1;
  const course = isCourseNet(sizes);
  const sup = (k) => (course ? null : `(${k})`);
  return {
    L, course,
    a: (k, i) => (k === 0 ? id('x', i + 1) : k === L ? id('ŷ') : id('a', i + 1, sup(k))),
    z: (k, i) => (k === L ? id('z', 'out') : id('z', i + 1, sup(k))),
    w: (l, i, j) => (course && l === 1 ? id('v', j + 1) : id('w', `${i + 1}${j + 1}`, sup(l + 1))),
    b: (l, i) => (course && l === 1 ? id('c') : id('b', i + 1, sup(l + 1))),
  };
}

function pick(root, ...path) {
  let v = root;
  for (const k of path) {
    if (v === null || v === undefined) return null;
    v = v[k];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function minus(a, b) {
  return a === null || b === null ? null : a - b;
}

/** Numbers of the state. w/b are the values the forward and backward used (before an update). */
function values(state) {
  const s = state;
  const f = s.forward || {};
  const bw = s.backward || {};
  const up = s.update || {};
  const cfg = s.config || {};
  const L = s.sizes.length - 1;
  const x = (j) => pick(f.a, 0, j) ?? pick(s.example && s.example.x, j);
  return {
    x, y: pick(s.example, 'y'), yHat: pick(f, 'y_hat'), loss: pick(f, 'loss'),
    a: (k, i) => (k === 0 ? x(i) : pick(f.a, k, i)), z: (k, i) => pick(f.z, k - 1, i),
    wNew: (l, i, j) => pick(s.params.W, l, i, j), bNew: (l, i) => pick(s.params.b, l, i),
    dW: (l, i, j) => pick(up.delta_W, l, i, j), dB: (l, i) => pick(up.delta_b, l, i),
    w: (l, i, j) => (s.update ? minus(pick(s.params.W, l, i, j), pick(up.delta_W, l, i, j)) : pick(s.params.W, l, i, j)),
    b: (l, i) => (s.update ? minus(pick(s.params.b, l, i), pick(up.delta_b, l, i)) : pick(s.params.b, l, i)),
    gW: (l, i, j) => pick(bw.dW, l, i, j), gB: (l, i) => pick(bw.db, l, i),
    dz: (k, i) => pick(bw.dz, k - 1, i), da: (k, i) => pick(bw.da, k - 1, i),
    dYHat: pick(bw.da, L - 1, 0),
    lr: typeof cfg.lr === 'number' ? cfg.lr : null, activation: cfg.activation || 'sigmoid',
    lossKind: cfg.loss || 'mse', optimizer: cfg.optimizer || 'sgd',
  };
}

// ── activation derivatives, written out ──────────────────────────────────

const ACT_NAME = { sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU' };

/** g′ of a neuron as a number (from its a and z), or null. */
function derivative(kind, z, a) {
  if (kind === 'relu') return z === null ? null : z > 0 ? 1 : 0;
  if (a === null) return null;
  return kind === 'tanh' ? 1 - a * a : a * (1 - a);
}

/** The row "g′(z) = a(1 − a) = 0.59 × (1 − 0.59) = 0.24" for neuron (k, i). */
function derivativeRow(sy, v, k, i, p) {
  const kind = k === sy.L ? 'sigmoid' : v.activation;
  const z = v.z(k, i);
  const a = v.a(k, i);
  const name = k === sy.L ? 'σ′' : `${ACT_NAME[kind]}′`;
  const lhs = call(name, [sy.z(k, i)]);
  const d = derivative(kind, z, a);
  const result = [d === null ? txt('—') : num(d, p)];
  if (kind === 'relu') return row([lhs, [txt(z !== null && z > 0 ? '1 (z > 0)' : '0 (z ≤ 0)')], result]);
  const symbolic = kind === 'tanh' ? [txt('1'), op('−'), pow2(sy.a(k, i))] : [sy.a(k, i), group([txt('1'), op('−'), sy.a(k, i)])];
  if (a === null) return row([lhs, symbolic]);
  const numeric = kind === 'tanh' ? [txt('1'), op('−'), pow2(num(a, p, true))] : [num(a, p, true), op('×'), group([txt('1'), op('−'), num(a, p, true)])];
  return row([lhs, symbolic, numeric, result]);
}

// ── forward ──────────────────────────────────────────────────────────────

/** z = Σ w·a + b for neuron (k, i), symbolic, substituted and computed. */
function zRow(sy, v, sizes, k, i, p) {
  const l = k - 1;
  const cols = [...Array(sizes[l]).keys()];
  const symbolic = [...joinWith(cols.map((j) => [sy.w(l, i, j), op('·'), sy.a(l, j)]), '+'), op('+'), sy.b(l, i)];
  const z = v.z(k, i);
  if (z === null) return row([[sy.z(k, i)], symbolic]);
  const numeric = [...joinWith(cols.map((j) => [num(v.w(l, i, j), p, true), op('×'), num(v.a(l, j), p, true)]), '+'),
    op('+'), num(v.b(l, i), p, true)];
  return row([[sy.z(k, i)], symbolic, numeric, [num(z, p)]]);
}

/** a = g(z) for neuron (k, i). */
function aRow(sy, v, k, i, p) {
  const name = k === sy.L ? 'σ' : ACT_NAME[v.activation];
  const a = v.a(k, i);
  if (a === null) return row([[sy.a(k, i)], call(name, [sy.z(k, i)])]);
  return row([[sy.a(k, i)], call(name, [sy.z(k, i)]), call(name, [num(v.z(k, i), p)]), [num(a, p)]]);
}

function lossRow(v, p) {
  const y = id('y');
  const yHat = id('ŷ');
  if (v.lossKind === 'bce') {
    const symbolic = [op('−'), group([y, op('·'), txt('ln'), yHat, op('+'), group([txt('1'), op('−'), y]), op('·'), txt('ln'), group([txt('1'), op('−'), yHat])])];
    if (v.loss === null) return row([[id('L')], symbolic]);
    const numeric = [op('−'), group([num(v.y, p), op('×'), txt('ln'), num(v.yHat, p), op('+'), group([txt('1'), op('−'), num(v.y, p)]), op('×'), txt('ln'), group([txt('1'), op('−'), num(v.yHat, p)])])];
    return row([[id('L')], symbolic, numeric, [num(v.loss, p)]]);
  }
  const half = frac([txt('1')], [txt('2')]);
  const symbolic = [half, pow2(group([y, op('−'), yHat]))];
  if (v.loss === null) return row([[id('L')], symbolic]);
  return row([[id('L')], symbolic, [half, pow2(group([num(v.y, p), op('−'), num(v.yHat, p)]))], [num(v.loss, p)]]);
}

function layerTitle(t, sizes, l) {
  return l === sizes.length - 2 ? t.output : sizes.length === 3 ? t.hidden : `${t.hidden} ${l + 1}`;
}

function forwardSections(state, v, sy, t, p, layers) {
  const sizes = state.sizes;
  return layers.map((l) => {
    const k = l + 1;
    const rows = [];
    for (let i = 0; i < sizes[k]; i += 1) rows.push(zRow(sy, v, sizes, k, i, p), aRow(sy, v, k, i, p));
    if (k === sy.L) rows.push(lossRow(v, p));
    return { title: layerTitle(t, sizes, l), rows };
  });
}

// ── backward ─────────────────────────────────────────────────────────────

/** ∂L/∂ŷ: ŷ − y for MSE, (ŷ − y)/(ŷ(1 − ŷ)) for BCE. */
function dYHatRow(sy, v, p) {
  const lhs = [partial(id('L'), id('ŷ'))];
  const diff = [id('ŷ'), op('−'), id('y')];
  if (v.lossKind === 'bce') {
    const symbolic = [frac(diff, [id('ŷ'), group([txt('1'), op('−'), id('ŷ')])])];
    if (v.dYHat === null) return row([lhs, symbolic]);
    const numeric = [frac([num(v.yHat, p), op('−'), num(v.y, p)], [num(v.yHat, p), op('×'), group([txt('1'), op('−'), num(v.yHat, p)])])];
    return row([lhs, symbolic, numeric, [num(v.dYHat, p)]]);
  }
  if (v.dYHat === null) return row([lhs, diff]);
  return row([lhs, diff, [num(v.yHat, p), op('−'), num(v.y, p)], [num(v.dYHat, p)]]);
}

/** ∂L/∂z_out = ∂L/∂ŷ · σ′(z_out)  (BCE: simply ŷ − y). */
function dzOutRow(sy, v, p) {
  const lhs = [partial(id('L'), sy.z(sy.L, 0))];
  const dz = v.dz(sy.L, 0);
  if (v.lossKind === 'bce') {
    const diff = [id('ŷ'), op('−'), id('y')];
    return dz === null ? row([lhs, diff]) : row([lhs, diff, [num(v.yHat, p), op('−'), num(v.y, p)], [num(dz, p)]]);
  }
  const symbolic = [partial(id('L'), id('ŷ')), op('·'), ...call('σ′', [sy.z(sy.L, 0)])];
  if (dz === null) return row([lhs, symbolic]);
  const s = derivative('sigmoid', null, v.yHat);
  return row([lhs, symbolic, [num(v.dYHat, p, true), op('×'), num(s, p, true)], [num(dz, p)]]);
}

/** ∂L/∂a of a hidden neuron: the sum over the neurons it feeds. */
function daRow(sy, v, sizes, k, i, p) {
  const rows = [...Array(sizes[k + 1]).keys()];
  const lhs = [partial(id('L'), sy.a(k, i))];
  const symbolic = joinWith(rows.map((r) => [sy.w(k, r, i), op('·'), partial(id('L'), sy.z(k + 1, r))]), '+');
  const da = v.da(k, i);
  if (da === null) return row([lhs, symbolic]);
  const numeric = joinWith(rows.map((r) => [num(v.w(k, r, i), p, true), op('×'), num(v.dz(k + 1, r), p, true)]), '+');
  return row([lhs, symbolic, numeric, [num(da, p)]]);
}

/** ∂L/∂z of a hidden neuron = ∂L/∂a · g′(z). */
function dzHiddenRow(sy, v, k, i, p) {
  const lhs = [partial(id('L'), sy.z(k, i))];
  const gName = `${ACT_NAME[v.activation]}′`;
  const symbolic = [partial(id('L'), sy.a(k, i)), op('·'), ...call(gName, [sy.z(k, i)])];
  const dz = v.dz(k, i);
  if (dz === null) return row([lhs, symbolic]);
  const g = derivative(v.activation, v.z(k, i), v.a(k, i));
  return row([lhs, symbolic, [num(v.da(k, i), p, true), op('×'), num(g, p, true)], [num(dz, p)]]);
}

/** ∂L/∂w = a_j · ∂L/∂z_i (x_j for the first layer) and ∂L/∂b = ∂L/∂z_i. */
function paramGradRows(sy, v, sizes, l, p) {
  const k = l + 1;
  const rows = [];
  for (let i = 0; i < sizes[k]; i += 1) {
    for (let j = 0; j < sizes[l]; j += 1) {
      const lhs = [partial(id('L'), sy.w(l, i, j))];
      const symbolic = [sy.a(l, j), op('·'), partial(id('L'), sy.z(k, i))];
      const g = v.gW(l, i, j);
      rows.push(g === null ? row([lhs, symbolic]) : row([lhs, symbolic, [num(v.a(l, j), p, true), op('×'), num(v.dz(k, i), p, true)], [num(g, p)]]));
    }
    const g = v.gB(l, i);
    const lhs = [partial(id('L'), sy.b(l, i))];
    rows.push(g === null ? row([lhs, [partial(id('L'), sy.z(k, i))]]) : row([lhs, [partial(id('L'), sy.z(k, i))], [num(g, p)]]));
  }
  return rows;
}

function backwardSections(state, v, sy, t, p, layers) {
  const sizes = state.sizes;
  return layers.map((l) => {
    const k = l + 1;
    const rows = [];
    if (k === sy.L) rows.push(dYHatRow(sy, v, p), derivativeRow(sy, v, k, 0, p), dzOutRow(sy, v, p));
    else {
      for (let i = 0; i < sizes[k]; i += 1) rows.push(daRow(sy, v, sizes, k, i, p), derivativeRow(sy, v, k, i, p), dzHiddenRow(sy, v, k, i, p));
    }
    rows.push(...paramGradRows(sy, v, sizes, l, p));
    return { title: layerTitle(t, sizes, l), rows };
  });
}

// ── update ───────────────────────────────────────────────────────────────

/** θ ← θ − η·∂L/∂θ = old − η × g = new (or θ + Δθ for momentum/Adam). */
function updateRow(v, symbol, old, grad, delta, now, p) {
  const lhs = [symbol];
  if (v.optimizer === 'sgd' && v.lr !== null) {
    const symbolic = [symbol, op('−'), id('η'), op('·'), partial(id('L'), symbol)];
    return row([lhs, symbolic, [num(old, p, true), op('−'), exact(v.lr), op('×'), num(grad, p, true)], [num(now, p)]], ['←']);
  }
  const symbolic = [symbol, op('+'), txt('Δ'), symbol];
  return row([lhs, symbolic, [num(old, p, true), op('+'), num(delta, p, true)], [num(now, p)]], ['←']);
}

function updateSections(state, v, sy, t, p) {
  const sizes = state.sizes;
  const sections = [];
  for (let l = sizes.length - 2; l >= 0; l -= 1) {
    const rows = [];
    for (let i = 0; i < sizes[l + 1]; i += 1) {
      for (let j = 0; j < sizes[l]; j += 1) rows.push(updateRow(v, sy.w(l, i, j), v.w(l, i, j), v.gW(l, i, j), v.dW(l, i, j), v.wNew(l, i, j), p));
      rows.push(updateRow(v, sy.b(l, i), v.b(l, i), v.gB(l, i), v.dB(l, i), v.bNew(l, i), p));
    }
    sections.push({ title: layerTitle(t, sizes, l), rows });
  }
  return sections;
}

// ── the chain rule for a selection ───────────────────────────────────────

/** Factors from the loss down to the output pre-activation. */
function outputFactors(sy, v) {
  const diff = [id('ŷ'), op('−'), id('y')];
  const named = v.lossKind === 'bce' ? [frac(diff, [id('ŷ'), group([txt('1'), op('−'), id('ŷ')])])] : [group(diff)];
  return [
    { sym: [partial(id('L'), id('ŷ'))], named, value: v.dYHat },
    { sym: [partial(id('ŷ'), sy.z(sy.L, 0))], named: call('σ′', [sy.z(sy.L, 0)]), value: v.dYHat === null ? null : derivative('sigmoid', null, v.yHat) },
  ];
}

/** 2–h–1 only: the factors of the chain for a selection and the result the server computed. */
function courseChain(sy, v, sel) {
  const factors = outputFactors(sy, v);
  const hiddenUnit = (i) => [
    { sym: [partial(sy.z(2, 0), sy.a(1, i))], named: [sy.w(1, 0, i)], value: v.w(1, 0, i) },
    { sym: [partial(sy.a(1, i), sy.z(1, i))], named: call(`${ACT_NAME[v.activation]}′`, [sy.z(1, i)]), value: derivative(v.activation, v.z(1, i), v.a(1, i)) },
  ];
  const one = { named: [txt('1')], value: 1 };
  if (sel.what === 'neuron') {
    if (sel.layer === 2) return { lhs: partial(id('L'), sy.z(2, 0)), factors, result: v.dz(2, 0) };
    return { lhs: partial(id('L'), sy.z(1, sel.index)), factors: [...factors, ...hiddenUnit(sel.index)], result: v.dz(1, sel.index) };
  }
  const isW = sel.what === 'weight';
  const symbol = isW ? sy.w(sel.layer, sel.row, sel.col) : sy.b(sel.layer, sel.row);
  const result = isW ? v.gW(sel.layer, sel.row, sel.col) : v.gB(sel.layer, sel.row);
  if (sel.layer === 1) {
    const last = isW ? { named: [sy.a(1, sel.col)], value: v.a(1, sel.col) } : one;
    return { lhs: partial(id('L'), symbol), factors: [...factors, { sym: [partial(sy.z(2, 0), symbol)], ...last }], result };
  }
  const i = sel.row;
  const last = isW ? { named: [sy.a(0, sel.col)], value: v.x(sel.col) } : one;
  return { lhs: partial(id('L'), symbol), factors: [...factors, ...hiddenUnit(i), { sym: [partial(sy.z(1, i), symbol)], ...last }], result };
}

function chainRow(chain, p) {
  const sym = joinWith(chain.factors.map((f) => f.sym), '·');
  const named = joinWith(chain.factors.map((f) => f.named), '·');
  const ready = chain.result !== null && chain.factors.every((f) => f.value !== null);
  if (!ready) return row([[chain.lhs], sym, named]);
  const numbers = joinWith(chain.factors.map((f) => [f.value === 1 && f.named[0].v === '1' ? exact(1) : num(f.value, p, true)]), '×');
  return row([[chain.lhs], sym, named, numbers, [num(chain.result, p)]]);
}

/** Supporting rows of a 2–h–1 chain: ∂L/∂ŷ, σ′(z_out) and g′(z_i) worked out. */
function courseSupport(sy, v, sel, p) {
  const rows = [dYHatRow(sy, v, p), derivativeRow(sy, v, sy.L, 0, p)];
  const unit = sel.what === 'neuron' ? (sel.layer === 1 ? sel.index : null) : sel.layer === 0 ? sel.row : null;
  if (unit !== null) rows.push(derivativeRow(sy, v, 1, unit, p));
  return rows;
}

/** Deeper networks: the chain as a ladder of rows from the parameter up to the output. */
function ladderRows(sy, v, sizes, sel, p) {
  const rows = [];
  const k = sel.what === 'neuron' ? sel.layer : sel.layer + 1;
  const i = sel.what === 'neuron' ? sel.index : sel.row;
  if (sel.what !== 'neuron') {
    const isW = sel.what === 'weight';
    const symbol = isW ? sy.w(sel.layer, i, sel.col) : sy.b(sel.layer, i);
    const lhs = [partial(id('L'), symbol)];
    const symbolic = [partial(id('L'), sy.z(k, i)), op('·'), partial(sy.z(k, i), symbol)];
    const named = [partial(id('L'), sy.z(k, i)), op('·'), isW ? sy.a(k - 1, sel.col) : txt('1')];
    const g = isW ? v.gW(sel.layer, i, sel.col) : v.gB(sel.layer, i);
    const factor = isW ? num(v.a(k - 1, sel.col), p, true) : exact(1);
    rows.push(g === null ? row([lhs, symbolic, named]) : row([lhs, symbolic, named, [num(v.dz(k, i), p, true), op('×'), factor], [num(g, p)]]));
  }
  if (k < sy.L) rows.push(dzHiddenRow(sy, v, k, i, p), derivativeRow(sy, v, k, i, p), daRow(sy, v, sizes, k, i, p));
  return rows;
}

function valueRows(sy, v, state, sel, p) {
  const isW = sel.what === 'weight';
  const symbol = isW ? sy.w(sel.layer, sel.row, sel.col) : sy.b(sel.layer, sel.row);
  const now = isW ? v.wNew(sel.layer, sel.row, sel.col) : v.bNew(sel.layer, sel.row);
  if (!state.update) return [row([[symbol], [num(now, p)]])];
  const old = isW ? v.w(sel.layer, sel.row, sel.col) : v.b(sel.layer, sel.row);
  const grad = isW ? v.gW(sel.layer, sel.row, sel.col) : v.gB(sel.layer, sel.row);
  const delta = isW ? v.dW(sel.layer, sel.row, sel.col) : v.dB(sel.layer, sel.row);
  return [updateRow(v, symbol, old, grad, delta, now, p)];
}

function gradcheckSection(state, sy, t, sel, p) {
  const gc = state.gradcheck;
  const cfg = state.config || {};
  if (!gc || !cfg.check_gradients || (sel.what !== 'weight' && sel.what !== 'bias')) return null;
  const isW = sel.what === 'weight';
  const symbol = isW ? sy.w(sel.layer, sel.row, sel.col) : sy.b(sel.layer, sel.row);
  const estimate = isW ? pick(gc.dW, sel.layer, sel.row, sel.col) : pick(gc.db, sel.layer, sel.row);
  const rel = isW ? pick(gc.rel_error_W, sel.layer, sel.row, sel.col) : pick(gc.rel_error_b, sel.layer, sel.row);
  if (estimate === null) return null;
  const lhs = [partial(id('L'), symbol)];
  return {
    title: t.numeric, notes: [t.numericNote],
    rows: [row([lhs, [num(estimate, p)]], ['≈']), row([[txt(t.relError)], [num(rel, Math.max(p, 2))]])],
  };
}

function selectionTitle(state, t, sel) {
  return `${t.kinds[sel.what]} ${prettyName(selectionName(state.sizes, sel))}`;
}

function selectionSections(state, v, sy, t, sel, p) {
  const sizes = state.sizes;
  if (sel.what === 'input') {
    const rows = [row([[sy.a(0, sel.index)], [num(v.x(sel.index), p)]])];
    for (let i = 0; i < sizes[1]; i += 1) rows.push(zRow(sy, v, sizes, 1, i, p));
    return [{ title: t.value, lead: t.inputUse, rows }];
  }
  if (sel.what === 'target') return [{ title: t.value, rows: [row([[id('y')], [num(v.y, p)]]), lossRow(v, p), dYHatRow(sy, v, p)] }];
  const sections = [];
  if (sel.what === 'neuron') sections.push({ title: t.value, rows: [zRow(sy, v, sizes, sel.layer, sel.index, p), aRow(sy, v, sel.layer, sel.index, p)] });
  else sections.push({ title: t.value, rows: valueRows(sy, v, state, sel, p) });
  sections.push(chainSection(state, v, sy, t, sel, p, t.chain));
  if (sy.course === false) sections.push({ title: '', lead: t.sameRule, rows: [dzOutRow(sy, v, p), dYHatRow(sy, v, p)] });
  const check = gradcheckSection(state, sy, t, sel, p);
  if (check) sections.push(check);
  return sections;
}

function chainSection(state, v, sy, t, sel, p, title) {
  const waiting = v.dYHat === null ? [t.waitBackward] : [];
  if (sy.course) {
    const chain = courseChain(sy, v, sel);
    return { title, rows: [chainRow(chain, p), ...courseSupport(sy, v, sel, p)], notes: waiting };
  }
  const rows = ladderRows(sy, v, state.sizes, sel, p);
  if (sel.what === 'neuron' && sel.layer === sy.L) rows.push(dzOutRow(sy, v, p));
  return { title, rows, notes: waiting };
}

// ── the whole panel, as data ─────────────────────────────────────────────

function allLayers(sizes) {
  return sizes.slice(1).map((_, l) => l);
}

function phaseTitle(state, t, v) {
  const base = t[state.phase] || t.idle;
  const layer = state.layer;
  const withLayer = layer === null || layer === undefined ? base : `${base} · ${layerTitle(t, state.sizes, layer).toLowerCase()}`;
  return state.phase === 'update' && v.lr !== null ? `${withLayer} (η = ${editableNumber(v.lr)})` : withLayer;
}

function phaseSections(state, v, sy, t, p) {
  const layers = state.layer === null || state.layer === undefined ? allLayers(state.sizes) : [state.layer];
  if (state.phase === 'forward') return forwardSections(state, v, sy, t, p, layers);
  if (state.phase === 'backward') {
    const sections = backwardSections(state, v, sy, t, p, layers.slice().reverse());
    const gc = state.gradcheck;
    if (gc && (state.config || {}).check_gradients) sections.push({ title: t.numeric, rows: [row([[txt(t.gradMax)], [num(gc.max_rel_error, p)]])] });
    return sections;
  }
  if (state.phase === 'update') return updateSections(state, v, sy, t, p);
  return [];
}

function nextNote(state, t) {
  const next = state.next;
  if (!next || !t.next[next.phase]) return null;
  const layer = next.layer === null || next.layer === undefined ? '' : t.layerNext(layerTitle(t, state.sizes, next.layer).toLowerCase());
  return t.next[next.phase].replace(':', `${layer}:`);
}

function mentionsZOut(state, selection) {
  if (selection) return selection.what !== 'input' && selection.what !== 'target';
  const last = state.sizes.length - 2;
  const ranOutput = state.layer === null || state.layer === undefined || state.layer === last;
  return (state.phase === 'forward' || state.phase === 'backward') && ranOutput;
}

/**
 * The panel as plain data: {title, sections: [{title, lead?, rows, notes?}], notes}. A row is
 * {segments, rels}: segments are arrays of expression nodes, rels the relation before each
 * later segment ('=', '←', '≈'). Pure: no DOM.
 */
export function mathLines(state, options = {}) {
  const t = strings(options.lang);
  const p = Math.min(10, Math.max(2, Number.isFinite(options.precision) ? Math.round(options.precision) : 4));
  if (!state || !Array.isArray(state.sizes) || !state.params) return { title: t.idle, sections: [], notes: [t.next.forward] };
  const sy = symbols(state.sizes);
  const v = values(state);
  const sel = options.selection || null;
  const sections = sel ? selectionSections(state, v, sy, t, sel, p) : phaseSections(state, v, sy, t, p);
  const notes = [];
  if (mentionsZOut(state, sel)) notes.push(t.zOut);
  if (v.optimizer !== 'sgd' && state.phase === 'update') notes.push(t.optimizer);
  const next = nextNote(state, t);
  if (next) notes.push(next);
  return { title: sel ? selectionTitle(state, t, sel) : phaseTitle(state, t, v), sections, notes };
}

// ── DOM ──────────────────────────────────────────────────────────────────

function mathEl(doc, tag, children = [], text = null) {
  const el = doc.createElementNS(MATHML, tag);
  if (text !== null) el.textContent = text;
  for (const child of children) el.appendChild(child);
  return el;
}

function token(doc, text) {
  if (/^[0-9.]+$/.test(text)) return mathEl(doc, 'mn', [], text);
  if (/^[()]$/.test(text)) return mathEl(doc, 'mo', [], text);
  return mathEl(doc, 'mi', [], text);
}

function scriptText(doc, text) {
  const parts = String(text).match(/[()]|[0-9]+|[^()0-9]+/g) || [];
  return parts.length === 1 ? token(doc, parts[0]) : mathEl(doc, 'mrow', parts.map((part) => token(doc, part)));
}

function prime(doc) {
  const mo = mathEl(doc, 'mo', [], '′');
  mo.setAttribute('lspace', '0');
  mo.setAttribute('rspace', '0');
  return mo;
}

function identifier(doc, node) {
  const primed = node.base.endsWith('′');
  const base = primed ? mathEl(doc, 'mrow', [mathEl(doc, 'mi', [], node.base.slice(0, -1)), prime(doc)]) : mathEl(doc, 'mi', [], node.base);
  if (node.sub !== null && node.sup) return mathEl(doc, 'msubsup', [base, scriptText(doc, node.sub), scriptText(doc, node.sup)]);
  if (node.sub !== null) return mathEl(doc, 'msub', [base, scriptText(doc, node.sub)]);
  if (node.sup) return mathEl(doc, 'msup', [base, scriptText(doc, node.sup)]);
  return base;
}

function parenthesised(doc, children) {
  return mathEl(doc, 'mrow', [mathEl(doc, 'mo', [], '('), ...children, mathEl(doc, 'mo', [], ')')]);
}

/** One expression node as a MathML element. */
function mathNode(doc, node) {
  switch (node.t) {
    case 'id': return identifier(doc, node);
    case 'op': return mathEl(doc, 'mo', [], node.v);
    case 'num': return node.paren ? parenthesised(doc, [mathEl(doc, 'mn', [], node.text)]) : mathEl(doc, 'mn', [], node.text);
    case 'text': return /^[0-9.]+$/.test(node.v) ? mathEl(doc, 'mn', [], node.v) : node.v === 'ln' ? mathEl(doc, 'mi', [], 'ln') : mathEl(doc, 'mtext', [], node.v);
    case 'frac': return mathEl(doc, 'mfrac', [mathRow(doc, node.num), mathRow(doc, node.den)]);
    case 'paren': return parenthesised(doc, node.items.map((n) => mathNode(doc, n)));
    case 'pow': {
      const base = mathNode(doc, node.base);
      const wrapped = node.base.t === 'id' && node.base.sup ? parenthesised(doc, [base]) : base;
      return mathEl(doc, 'msup', [wrapped, mathEl(doc, 'mn', [], node.exp)]);
    }
    default: return mathEl(doc, 'mtext', [], '');
  }
}

function mathRow(doc, nodes) {
  return mathEl(doc, 'mrow', nodes.map((n) => mathNode(doc, n)));
}

function htmlEl(doc, tag, className, text = null) {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== null) el.textContent = text;
  return el;
}

const BREAKS = new Set(['+', '−', '×', '·']);

/** Split a segment before each top-level binary operator, so long sums and products can wrap. */
export function breakPieces(nodes) {
  const pieces = [[]];
  nodes.forEach((node, k) => {
    if (k > 0 && node.t === 'op' && BREAKS.has(node.v) && pieces[pieces.length - 1].length) pieces.push([]);
    pieces[pieces.length - 1].push(node);
  });
  return pieces;
}

function pieceMath(doc, nodes) {
  const children = nodes.map((n) => mathNode(doc, n));
  if (nodes[0] && nodes[0].t === 'op') children[0].setAttribute('form', 'infix');
  const math = mathEl(doc, 'math', [mathEl(doc, 'mrow', children)]);
  math.setAttribute('displaystyle', 'true');
  return math;
}

/** One row: each segment its own box (so the row wraps at its "=" signs), each wrapping at + and ×. */
function rowElement(doc, r) {
  const el = htmlEl(doc, 'div', 'bp-math-row');
  r.segments.forEach((segment, k) => {
    const seg = htmlEl(doc, 'span', 'bp-math-seg');
    if (k > 0 && k === r.segments.length - 1 && r.segments.length > 2) seg.classList.add('bp-math-result');
    const [first, ...rest] = breakPieces(segment);
    seg.appendChild(pieceMath(doc, k > 0 ? [op(r.rels[k - 1]), ...first] : first));
    for (const piece of rest) seg.appendChild(pieceMath(doc, piece));
    el.appendChild(seg);
  });
  return el;
}

function sectionElement(doc, section, level) {
  const el = htmlEl(doc, 'section', 'bp-math-section');
  if (section.title) el.appendChild(htmlEl(doc, `h${Math.min(6, level + 1)}`, 'bp-math-subtitle', section.title));
  if (section.lead) el.appendChild(htmlEl(doc, 'p', 'bp-math-lead', section.lead));
  const rows = htmlEl(doc, 'div', 'bp-math-rows');
  for (const r of section.rows) rows.appendChild(rowElement(doc, r));
  el.appendChild(rows);
  for (const note of section.notes || []) el.appendChild(htmlEl(doc, 'p', 'bp-math-note', note));
  return el;
}

/**
 * The math panel for a state as a DOM node (a <div class="bp-mathpanel">).
 * options: {precision (2–10), selection, lang ('pt-BR' | 'en'), headingLevel (default 3)}.
 */
export function buildMathPanel(doc, state, options = {}) {
  const data = mathLines(state, options);
  const level = options.headingLevel || 3;
  const root = htmlEl(doc, 'div', 'bp-mathpanel');
  root.setAttribute('lang', options.lang === 'en' ? 'en' : 'pt-BR');
  root.appendChild(htmlEl(doc, `h${level}`, 'bp-math-title', data.title));
  for (const section of data.sections) root.appendChild(sectionElement(doc, section, level));
  for (const note of data.notes) root.appendChild(htmlEl(doc, 'p', 'bp-math-note', note));
  return root;
}
