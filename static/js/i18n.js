// i18n: every string the page shows, in pt-BR (the course's language, the default) and English,
// and the one function that picks a string and fills its {placeholders}.

export const DEFAULT_LANG = 'pt-BR';
export const LANGS = ['pt-BR', 'en'];

const PT = {
  page_title: 'Backpropagation – Passo a Passo',
  subtitle: 'Veja a rede calcular a saída (forward), espalhar o erro de volta (backward) ' +
    'e atualizar cada peso (update), um passo de cada vez.',
  lang_label: 'Idioma',
  data_label: 'Conjunto de dados',
  data_xor: 'XOR',
  data_and: 'AND',
  data_or: 'OR',
  data_single: 'Exemplo único (y = 1)',
  data_passo_a_passo: 'Exemplo passo a passo (2–2–1)',
  act_label: 'Função de ativação',
  lr_label: 'Taxa de aprendizado (η)',
  next: 'Próximo passo',
  auto: 'Treinar automático',
  pause: 'Pausar',
  reset: 'Reset',
  undo: 'Passo anterior',
  show_grads: 'Mostrar gradientes',
  detailed: 'Passo detalhado',
  check: 'Verificar gradientes',
  prec: 'Casas decimais',
  epoch: 'Época',
  err_mse: 'Erro (MSE)',
  train_loss_bce: 'Perda de treino (entropia cruzada)',
  out: 'Saída prevista',
  target: 'Alvo (y)',
  abs: 'Erro absoluto |ŷ − y|',
  correct: 'Acertos',
  correct_value: '{n} de {total}',
  grads: 'Gradientes',
  grads_numeric: 'numérico',
  grads_rel: 'erro rel.',
  grads_pending: 'ainda não calculado',
  loss_curve_mse: 'Curva de perda (MSE)',
  loss_log: 'Escala logarítmica',
  loss_note_mse: 'Perda de um exemplo: ',
  loss_note_bce: 'O treino usa a entropia cruzada binária: ',
  loss_note_bce_mean: 'A leitura “{label}” é a média dessa perda sobre todos os exemplos.',
  loss_note_mean: 'A curva e a leitura “{label}” mostram a média dessa perda sobre todos os ' +
    'exemplos do conjunto de dados, com os pesos atuais: um ponto por época.',
  loss_note_mean_bce: 'A curva e a leitura “{label}” mostram sempre a média de ½(y − ŷ)² sobre ' +
    'todos os exemplos do conjunto de dados, com os pesos atuais: um ponto por época.',
  loss_empty: 'Sem dados ainda',
  loss_axis_x: 'época',
  loss_axis_y: 'perda',
  math_title: 'As contas do passo atual',
  network_title: 'A rede',
  network_hint: 'Clique num peso, viés, entrada ou alvo para ver suas contas e mudar o valor ' +
    '(Enter confirma, Esc cancela). No teclado: Tab até a rede, depois as setas. Logo após um ' +
    'update, x e y mostram o exemplo que acabou de ser treinado: para mudar x ou y, dê antes o ' +
    'próximo passo (forward do próximo exemplo).',
  network_label: 'Diagrama da rede neural: neurônios, pesos, ativações e, se ligados, os ' +
    'gradientes. Os mesmos números estão nas leituras e no painel de contas.',
  loss_label: 'Gráfico da perda por época. O valor mais recente está na leitura de erro.',
  readouts_title: 'Leituras',
  advanced: 'Avançado',
  optimizer_label: 'Otimizador',
  opt_sgd: 'Gradiente descendente',
  opt_momentum: 'Momentum',
  opt_adam: 'Adam',
  loss_fn_label: 'Função de perda',
  loss_mse: 'MSE (½(y − ŷ)²)',
  loss_bce: 'Entropia cruzada binária',
  momentum_label: 'Momento (μ; β₁ no Adam)',
  hidden_label: 'Camadas ocultas',
  hidden_hint: 'neurônios por camada, ex.: 2 ou 3,2',
  seed_label: 'Semente',
  speed_label: 'Épocas por quadro',
  session_title: 'Sessão',
  export_json: 'Exportar sessão (JSON)',
  import_json: 'Importar sessão',
  export_csv: 'Exportar perdas (CSV)',
  phase_label: 'Fase',
  next_label: 'próximo',
  phase_idle: 'início',
  phase_forward: 'forward (propagação)',
  phase_backward: 'backward (retropropagação)',
  phase_update: 'update (atualização dos pesos)',
  layer_of: 'camada {n} de {total}',
  example_of: 'exemplo {n} de {total}',
  example_now: 'Exemplo atual',
  conn_connecting: 'Conectando ao servidor…',
  conn_retry: 'Conexão perdida. Tentando de novo em {s} s…',
  conn_retry_reason: '{reason} Tentando de novo em {s} s…',
  import_bad: 'Este arquivo não é uma sessão exportada por esta página. Nada foi alterado.',
  import_ok: 'Sessão importada.',
  csv_empty: 'Ainda não há perdas para exportar: dê alguns passos ou treine primeiro.',
  number_bad: 'Digite um número, por exemplo 0.25.',
  example_learned: 'Este exemplo acabou de ser treinado e já não pode ser mudado. Para mudar x ' +
    'ou y, dê o próximo passo: o forward do próximo exemplo.',
  hidden_bad: 'Use números inteiros separados por vírgula, por exemplo 2 ou 3,2.',
  seed_bad: 'A semente deve ser um número inteiro entre 0 e 2147483647.',
  momentum_bad: 'O momento deve estar entre 0 e 0.99.',
  resume_lost: 'A conexão voltou, mas a sessão anterior não pôde ser recuperada: ela recomeçou ' +
    'do início.',
};

const EN = {
  page_title: 'Backpropagation – Step by Step',
  subtitle: 'Watch the network compute its output (forward), send the error back (backward) ' +
    'and update every weight (update), one step at a time.',
  lang_label: 'Language',
  data_label: 'Data set',
  data_single: 'Single example (y = 1)',
  data_passo_a_passo: 'Step-by-step example (2–2–1)',
  act_label: 'Activation function',
  lr_label: 'Learning rate (η)',
  next: 'Next step',
  auto: 'Train automatically',
  pause: 'Pause',
  undo: 'Previous step',
  show_grads: 'Show gradients',
  detailed: 'Detailed step',
  check: 'Check gradients',
  prec: 'Decimal places',
  epoch: 'Epoch',
  err_mse: 'Error (MSE)',
  train_loss_bce: 'Training loss (cross-entropy)',
  out: 'Predicted output',
  target: 'Target (y)',
  abs: 'Absolute error |ŷ − y|',
  correct: 'Correct',
  correct_value: '{n} of {total}',
  grads: 'Gradients',
  grads_numeric: 'numeric',
  grads_rel: 'rel. error',
  grads_pending: 'not computed yet',
  loss_curve_mse: 'Loss curve (MSE)',
  loss_log: 'Log scale',
  loss_note_mse: 'Loss of one example: ',
  loss_note_bce: 'Training uses binary cross-entropy: ',
  loss_note_bce_mean: 'The “{label}” read-out is the mean of this loss over all the examples.',
  loss_note_mean: 'The curve and the “{label}” read-out show the mean of this loss over all ' +
    'the examples of the data set, with the current weights: one point per epoch.',
  loss_note_mean_bce: 'The curve and the “{label}” read-out always show the mean of ½(y − ŷ)² ' +
    'over all the examples of the data set, with the current weights: one point per epoch.',
  loss_empty: 'No data yet',
  loss_axis_x: 'epoch',
  loss_axis_y: 'loss',
  math_title: 'The arithmetic of the current step',
  network_title: 'The network',
  network_hint: 'Click a weight, bias, input or target to see its arithmetic and change its ' +
    'value (Enter confirms, Esc cancels). With the keyboard: Tab to the network, then the arrows. ' +
    'Right after an update, x and y show the example just learned: to change x or y, first take ' +
    'the next step (the next example’s forward).',
  network_label: 'Neural network diagram: neurons, weights, activations and, when on, the ' +
    'gradients. The same numbers are in the read-outs and the arithmetic panel.',
  loss_label: 'Chart of the loss per epoch. The latest value is in the error read-out.',
  readouts_title: 'Read-outs',
  advanced: 'Advanced',
  optimizer_label: 'Optimizer',
  opt_sgd: 'Gradient descent',
  loss_fn_label: 'Loss function',
  loss_bce: 'Binary cross-entropy',
  momentum_label: 'Momentum (μ; β₁ in Adam)',
  hidden_label: 'Hidden layers',
  hidden_hint: 'neurons per layer, e.g. 2 or 3,2',
  seed_label: 'Seed',
  speed_label: 'Epochs per frame',
  session_title: 'Session',
  export_json: 'Export session (JSON)',
  import_json: 'Import session',
  export_csv: 'Export losses (CSV)',
  phase_label: 'Phase',
  next_label: 'next',
  phase_idle: 'start',
  phase_forward: 'forward (propagation)',
  phase_backward: 'backward (backpropagation)',
  phase_update: 'update (weight update)',
  layer_of: 'layer {n} of {total}',
  example_of: 'example {n} of {total}',
  example_now: 'Current example',
  conn_connecting: 'Connecting to the server…',
  conn_retry: 'Connection lost. Trying again in {s} s…',
  conn_retry_reason: '{reason} Trying again in {s} s…',
  import_bad: 'This file is not a session exported by this page. Nothing was changed.',
  import_ok: 'Session imported.',
  csv_empty: 'There are no losses to export yet: take a few steps or train first.',
  number_bad: 'Type a number, for example 0.25.',
  example_learned: 'This example has just been learned and can no longer be changed. To change ' +
    'x or y, take the next step: the next example’s forward.',
  hidden_bad: 'Use whole numbers separated by commas, for example 2 or 3,2.',
  seed_bad: 'The seed must be a whole number between 0 and 2147483647.',
  momentum_bad: 'The momentum must be between 0 and 0.99.',
  resume_lost: 'The connection is back, but the previous session could not be recovered: it ' +
    'started over.',
};

const DICTIONARIES = { 'pt-BR': PT, en: EN };

/** Map any language tag ("en-US", "pt", "PT-br", …) to one the page supports. */
export function normalizeLang(tag) {
  const lower = String(tag ?? '').trim().toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return DEFAULT_LANG;
}

/** Return t(key, params): the string for key in lang, with {name} filled from params. */
export function createTranslator(lang) {
  const dictionary = DICTIONARIES[normalizeLang(lang)];
  return function translate(key, params = {}) {
    const template = dictionary[key] ?? PT[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      (name in params ? String(params[name]) : whole));
  };
}

/** Every key the page may ask for (the pt-BR dictionary is the complete one). */
export function translationKeys() {
  return Object.keys(PT);
}

/** Put the strings of lang into the page: [data-i18n] text, [data-i18n-label] aria-label. */
export function translatePage(root, t) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of root.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  }
}
