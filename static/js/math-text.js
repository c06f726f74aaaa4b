// math-text.js — owns the words of the equations panel in each language
// (titles, notes, the hint about the next step) and the title of a layer.

const TEXT = {
  'pt-BR': {
    lang: 'pt-BR', // the numbers written into these words take its decimal sign (format.js)
    idle: 'Antes do primeiro passo', forward: 'Forward: propagação', backward: 'Backward: retropropagação',
    update: 'Atualização dos parâmetros', hidden: 'Camada oculta', output: 'Camada de saída', loss: 'Perda',
    chain: 'Regra da cadeia', value: 'Valor',
    kinds: { weight: 'Peso', bias: 'Viés', neuron: 'Neurônio', input: 'Entrada', target: 'Alvo' }, numeric: 'Verificação numérica',
    numericNote: 'Diferenças centrais (h = 10⁻⁵): a estimativa numérica deve coincidir com o gradiente calculado.',
    relError: 'erro relativo',
    verdict: 'veredito',
    verdicts: { agrees: 'concorda', disagrees: 'DISCORDA', below_resolution: 'abaixo da resolução', kink: 'dobra da ReLU' },
    zOut: 'Aqui zₒᵤₜ é a pré-ativação da saída (o curso a chama de z₂, o mesmo nome do z₂ da camada oculta).',
    zOutAlone: 'Aqui zₒᵤₜ é a pré-ativação da saída: sem camada oculta, ela é a soma ponderada das entradas x mais o viés.',
    waitBackward: 'Os números desta cadeia aparecem depois do passo backward.',
    waitForward: 'Os valores aparecem depois do passo forward.',
    sameRule: 'Cada ∂L/∂z da camada seguinte vem da mesma regra, camada a camada, a partir da saída:',
    optimizer: {
      momentum: 'Momentum: v ← μ·v + g (g: o gradiente do update) e Δθ = −η·v; a mudança usa também a memória v do otimizador. Abaixo, θ ← θ + Δθ.',
      adam: 'Adam: m ← β₁·m + (1 − β₁)·g e v ← β₂·v + (1 − β₂)·g², com β₁ = μ, β₂ = 0,999; correção de viés m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) (t: número do update); Δθ = −η·m̂/(√v̂ + ε), ε = 10⁻⁸. Abaixo, θ ← θ + Δθ.',
    },
    batchForward: (m, from, to) => `Lote de ${m} exemplos (${from} a ${to}): os valores de z, a e ŷ acima são os do primeiro exemplo do lote; L é a média das ${m} perdas por exemplo, a que o backward deriva.`,
    batch: (m, from, to) => `Lote de ${m} exemplos (${from} a ${to}): os valores de z, a e ∂L/∂z acima são os do primeiro exemplo do lote; cada ∂L/∂w e ∂L/∂b é a média dos ${m} gradientes por exemplo, e é ela que o update usa.`,
    inputUse: 'A entrada entra na soma ponderada de cada neurônio da primeira camada oculta:',
    relu: 'ReLU′(z) = 1 se z > 0, senão 0',
    gradMax: 'maior erro relativo',
    next: {
      forward: 'Próximo passo, forward: cada neurônio calcula z (soma ponderada das entradas mais o viés) e a = g(z); a saída dá ŷ e a perda L.',
      backward: 'Próximo passo, backward: a partir de ∂L/∂ŷ, a regra da cadeia leva o erro de volta, camada a camada, até cada peso e viés.',
      update: 'Próximo passo, atualização: cada parâmetro anda contra o seu gradiente, θ ← θ − η·∂L/∂θ.',
    },
    layerNext: (name) => ` (só a ${name})`,
    lrChanged: (used, now) => `Esta atualização usou η = ${used}; o novo η = ${now} vale a partir da próxima atualização.`,
    deadNote: (name) => `${name} é um neurônio morto: ReLU com z ≤ 0 em todos os exemplos do conjunto, então a = 0 e ReLU′(z) = 0 em todos. Pela regra da cadeia ∂L/∂z = ∂L/∂a · ReLU′(z) = 0: nenhum gradiente chega aos pesos e ao viés que entram nele, eles não mudam mais, e ele não volta a aprender sozinho.`,
    saturatedNote: (name) => `${name} está saturado: g′(z) < 0,01 em todos os exemplos (z longe de 0, onde a curva é plana). Como ∂L/∂z = ∂L/∂a · g′(z), menos de 1 % do gradiente passa: seus pesos quase não mudam e as camadas anteriores recebem quase nada.`,
  },
  en: {
    lang: 'en',
    idle: 'Before the first step', forward: 'Forward pass', backward: 'Backward pass',
    update: 'Parameter update', hidden: 'Hidden layer', output: 'Output layer', loss: 'Loss',
    chain: 'Chain rule', value: 'Value',
    kinds: { weight: 'Weight', bias: 'Bias', neuron: 'Neuron', input: 'Input', target: 'Target' }, numeric: 'Numerical check',
    numericNote: 'Central differences (h = 10⁻⁵): the numerical estimate should match the computed gradient.',
    relError: 'relative error',
    verdict: 'verdict',
    verdicts: { agrees: 'agrees', disagrees: 'DISAGREES', below_resolution: 'below resolution', kink: 'ReLU kink' },
    zOut: 'Here zₒᵤₜ is the output pre-activation (the course calls it z₂, the same name as the hidden z₂).',
    zOutAlone: 'Here zₒᵤₜ is the output pre-activation: with no hidden layer, it is the weighted sum of the inputs x plus the bias.',
    waitBackward: 'The numbers of this chain appear after the backward step.',
    waitForward: 'The values appear after the forward step.',
    sameRule: 'Each ∂L/∂z of the next layer comes from the same rule, layer by layer, starting at the output:',
    optimizer: {
      momentum: 'Momentum: v ← μ·v + g (g: the update’s gradient) and Δθ = −η·v; the change also uses the optimiser’s memory v. Below, θ ← θ + Δθ.',
      adam: 'Adam: m ← β₁·m + (1 − β₁)·g and v ← β₂·v + (1 − β₂)·g², with β₁ = μ, β₂ = 0.999; bias correction m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) (t: the update’s number); Δθ = −η·m̂/(√v̂ + ε), ε = 10⁻⁸. Below, θ ← θ + Δθ.',
    },
    batchForward: (m, from, to) => `A batch of ${m} examples (${from} to ${to}): the z, a and ŷ above are the batch’s first example’s; L is the mean of the ${m} per-example losses, the one the backward differentiates.`,
    batch: (m, from, to) => `A batch of ${m} examples (${from} to ${to}): the z, a and ∂L/∂z above are the batch’s first example’s; each ∂L/∂w and ∂L/∂b is the mean of the ${m} per-example gradients, and that is what the update uses.`,
    inputUse: 'The input enters the weighted sum of every neuron of the first hidden layer:',
    relu: 'ReLU′(z) = 1 if z > 0, else 0',
    gradMax: 'largest relative error',
    next: {
      forward: 'Next step, forward: each neuron computes z (the weighted sum of its inputs plus its bias) and a = g(z); the output gives ŷ and the loss L.',
      backward: 'Next step, backward: starting from ∂L/∂ŷ, the chain rule carries the error back, layer by layer, to every weight and bias.',
      update: 'Next step, update: every parameter moves against its gradient, θ ← θ − η·∂L/∂θ.',
    },
    layerNext: (name) => ` (only the ${name.toLowerCase()})`,
    lrChanged: (used, now) => `This update used η = ${used}; the new η = ${now} applies from the next update on.`,
    deadNote: (name) => `${name} is a dead unit: ReLU with z ≤ 0 on every example of the data set, so a = 0 and ReLU′(z) = 0 on all of them. By the chain rule ∂L/∂z = ∂L/∂a · ReLU′(z) = 0: no gradient reaches the weights and bias that feed it, they no longer change, and it does not learn again by itself.`,
    saturatedNote: (name) => `${name} is saturated: g′(z) < 0.01 on every example (z far from 0, where the curve is flat). Since ∂L/∂z = ∂L/∂a · g′(z), less than 1 % of the gradient gets through: its weights barely change and the layers before it receive almost nothing.`,
  },
};

export function strings(lang) {
  return TEXT[lang] || TEXT['pt-BR'];
}

export function layerTitle(t, sizes, l) {
  return l === sizes.length - 2 ? t.output : sizes.length === 3 ? t.hidden : `${t.hidden} ${l + 1}`;
}
