// i18n: every string the page shows, in pt-BR (the course's language, the default) and English,
// and the one function that picks a string and fills its {placeholders}.

export const DEFAULT_LANG = 'pt-BR';
export const LANGS = ['pt-BR', 'en'];

const PT = {
  page_title: 'Backpropagation – Passo a Passo',
  subtitle: 'Veja a rede calcular a saída (forward), espalhar o erro de volta (backward) ' +
    'e atualizar cada peso (update), um passo de cada vez.',
  lang_label: 'Idioma',
  theme_label: 'Tema',
  data_label: 'Conjunto de dados',
  data_xor: 'XOR',
  data_and: 'AND',
  data_or: 'OR',
  data_single: 'Exemplo único (y = 1)',
  data_passo_a_passo: 'Exemplo passo a passo (2–2–1)',
  data_clusters: 'Dois grupos (gaussianas)',
  data_circle: 'Círculo',
  data_spiral: 'Duas espirais',
  noise_label: 'Ruído (%)',
  points_label: 'Pontos',
  split_label: 'Validação (%)',
  noise_bad: 'O ruído deve ser um número inteiro entre {min} e {max}.',
  points_bad: 'O número de pontos deve ser um número inteiro entre {min} e {max}.',
  split_bad: 'A validação deve ser um número inteiro entre {min} e {max} (por cento).',
  val_err: 'Erro de validação (MSE)',
  curve_train: 'treino',
  curve_val: 'validação',
  boundary_title: 'Fronteira de decisão',
  batch_label: 'Atualização',
  batch_online: 'Online (1 exemplo)',
  batch_mini: 'Mini-lote',
  batch_full: 'Lote completo',
  batch_size_label: 'Tamanho do mini-lote',
  batch_size_bad: 'O tamanho do mini-lote deve ser um número inteiro entre {min} e {max}.',
  batch_of: 'exemplos {from} a {to} de {total}',
  unit_title: 'Neurônio oculto',
  unit_title_of: 'Ativação de {name}',
  unit_label: 'Ativação do neurônio oculto em foco sobre o plano das entradas',
  unit_note: 'Passe o mouse sobre um neurônio oculto da rede, ou foque-o (Tab até a rede, depois ' +
    'as setas), para ver sua ativação a em cada ponto do plano das entradas.',
  unit_empty: 'Nenhum neurônio oculto em foco',
  space_title: 'Espaço oculto',
  space_title_of: 'Espaço oculto da camada {n}',
  space_label: 'Os exemplos no espaço da última camada oculta, com a reta de decisão da saída',
  space_note: 'Cada exemplo na posição (a₁, a₂) que a última camada oculta lhe dá. A reta ' +
    'tracejada é onde a saída vale ŷ = 0,5: quando ela separa as cores, o problema ficou ' +
    'linearmente separável (como o XOR depois do treino).',
  space_line: '- - - ŷ = 0,5',
  arch_title: 'Arquitetura',
  arch_layers: 'Camadas ocultas: {n}',
  arch_remove_layer: 'Remover a última camada oculta',
  arch_add_layer: 'Adicionar uma camada oculta',
  arch_units: 'Camada {n}: {units}',
  arch_fewer: 'Menos um neurônio na camada oculta {n}',
  arch_more: 'Mais um neurônio na camada oculta {n}',
  boundary_label: 'Mapa da saída prevista ŷ sobre o plano das entradas x₁ e x₂, com a linha ' +
    'ŷ = 0,5 e os exemplos: preenchidos os de treino, vazados os de validação.',
  boundary_legend: 'ŷ',
  decimal_sign: ',',
  boundary_note: 'Cor de cada ponto do plano: a saída ŷ que a rede dá para aquela entrada. ' +
    'A linha é ŷ = 0,5. Círculos cheios: exemplos de treino; vazados: de validação.',
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
    'exemplos de treino do conjunto de dados, com os pesos atuais: um ponto por época.',
  loss_note_mean_bce: 'A curva e a leitura “{label}” mostram sempre a média de ½(y − ŷ)² sobre ' +
    'todos os exemplos de treino do conjunto de dados, com os pesos atuais: um ponto por época.',
  loss_empty: 'Sem dados ainda',
  loss_axis_x: 'época',
  loss_axis_y: 'perda',
  loss_readout: 'época {epoch}: {loss}',
  loss_readout_val: 'época {epoch}: treino {loss}, validação {val}',
  loss_hint: 'Passe o mouse (ou toque) sobre a curva para ler a época e a perda.',
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
  hidden_hint: 'neurônios por camada, ex.: 2 ou 3,2; 0 = um só neurônio',
  seed_label: 'Semente',
  speed_label: 'Velocidade',
  speed_phase: 'uma fase a cada {s} s',
  speed_phase_frame: 'uma fase por quadro',
  speed_epoch: '1 época por quadro',
  speed_epochs: '{n} épocas por quadro',
  speed_max: 'máxima',
  target_loss_label: 'Parar quando o erro (MSE) ≤',
  max_epochs_label: 'ou na época',
  target_bad: 'O erro-alvo deve estar entre {min} e {max}.',
  max_epochs_bad: 'O número máximo de épocas deve ser um inteiro entre {min} e {max}.',
  stopped_target: 'Treino parado: o erro (MSE) chegou a {loss}, no alvo ≤ {target}, na época {epoch}.',
  stopped_max: 'Treino parado: chegou à época {max}, o máximo escolhido.',
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
  import_bad: 'Este arquivo não é uma sessão exportada por esta página. Nada foi alterado.',
  import_ok: 'Sessão importada.',
  csv_empty: 'Ainda não há perdas para exportar: dê alguns passos ou treine primeiro.',
  number_bad: 'Digite um número, por exemplo 0.25.',
  example_learned: 'Este exemplo acabou de ser treinado e já não pode ser mudado. Para mudar x ' +
    'ou y, dê o próximo passo: o forward do próximo exemplo.',
  hidden_bad: 'Use até {layers} números inteiros de 1 a {units}, separados por vírgula, por exemplo 2 ou 3,2 (ou 0 para nenhuma camada oculta).',
  seed_bad: 'A semente deve ser um número inteiro entre {min} e {max}.',
  momentum_bad: 'O momento deve estar entre {min} e {max}.',
  resume_lost: 'A conexão voltou, mas a sessão anterior não pôde ser recuperada: ela recomeçou ' +
    'do início.',
};

const EN = {
  page_title: 'Backpropagation – Step by Step',
  subtitle: 'Watch the network compute its output (forward), send the error back (backward) ' +
    'and update every weight (update), one step at a time.',
  lang_label: 'Language',
  theme_label: 'Theme',
  data_label: 'Data set',
  data_single: 'Single example (y = 1)',
  data_passo_a_passo: 'Step-by-step example (2–2–1)',
  data_clusters: 'Two clusters (Gaussian)',
  data_circle: 'Circle',
  data_spiral: 'Two spirals',
  noise_label: 'Noise (%)',
  points_label: 'Points',
  split_label: 'Validation (%)',
  noise_bad: 'The noise must be a whole number between {min} and {max}.',
  points_bad: 'The number of points must be a whole number between {min} and {max}.',
  split_bad: 'The validation share must be a whole number between {min} and {max} (per cent).',
  val_err: 'Validation error (MSE)',
  curve_train: 'training',
  curve_val: 'validation',
  boundary_title: 'Decision boundary',
  batch_label: 'Update',
  batch_online: 'Online (1 example)',
  batch_mini: 'Mini-batch',
  batch_full: 'Full batch',
  batch_size_label: 'Mini-batch size',
  batch_size_bad: 'The mini-batch size must be a whole number between {min} and {max}.',
  batch_of: 'examples {from} to {to} of {total}',
  unit_title: 'Hidden neuron',
  unit_title_of: 'Activation of {name}',
  unit_label: 'Activation of the focused hidden neuron over the plane of the inputs',
  unit_note: 'Hover over a hidden neuron of the network, or focus it (Tab to the network, then ' +
    'the arrows), to see its activation a at each point of the plane of the inputs.',
  unit_empty: 'No hidden neuron in focus',
  space_title: 'Hidden space',
  space_title_of: 'Hidden space of layer {n}',
  space_label: 'The examples in the space of the last hidden layer, with the output’s decision line',
  space_note: 'Each example at the position (a₁, a₂) the last hidden layer gives it. The dashed ' +
    'line is where the output is ŷ = 0.5: when it separates the colours, the problem has become ' +
    'linearly separable (as XOR after training).',
  space_line: '- - - ŷ = 0.5',
  arch_title: 'Architecture',
  arch_layers: 'Hidden layers: {n}',
  arch_remove_layer: 'Remove the last hidden layer',
  arch_add_layer: 'Add a hidden layer',
  arch_units: 'Layer {n}: {units}',
  arch_fewer: 'One neuron fewer in hidden layer {n}',
  arch_more: 'One neuron more in hidden layer {n}',
  boundary_label: 'Map of the predicted output ŷ over the plane of the inputs x₁ and x₂, with ' +
    'the line ŷ = 0.5 and the examples: filled for training, hollow for validation.',
  boundary_legend: 'ŷ',
  decimal_sign: '.',
  boundary_note: 'Colour of each point of the plane: the output ŷ the network gives for that ' +
    'input. The line is ŷ = 0.5. Filled circles: training examples; hollow: validation.',
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
    'the training examples of the data set, with the current weights: one point per epoch.',
  loss_note_mean_bce: 'The curve and the “{label}” read-out always show the mean of ½(y − ŷ)² ' +
    'over all the training examples of the data set, with the current weights: one point per epoch.',
  loss_empty: 'No data yet',
  loss_axis_x: 'epoch',
  loss_axis_y: 'loss',
  loss_readout: 'epoch {epoch}: {loss}',
  loss_readout_val: 'epoch {epoch}: training {loss}, validation {val}',
  loss_hint: 'Hover over (or tap) the curve to read the epoch and the loss.',
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
  hidden_hint: 'neurons per layer, e.g. 2 or 3,2; 0 = a single neuron',
  seed_label: 'Seed',
  speed_label: 'Speed',
  speed_phase: 'one phase every {s} s',
  speed_phase_frame: 'one phase a frame',
  speed_epoch: '1 epoch a frame',
  speed_epochs: '{n} epochs a frame',
  speed_max: 'as fast as possible',
  target_loss_label: 'Stop when the error (MSE) ≤',
  max_epochs_label: 'or at epoch',
  target_bad: 'The target error must be between {min} and {max}.',
  max_epochs_bad: 'The maximum number of epochs must be a whole number between {min} and {max}.',
  stopped_target: 'Training stopped: the error (MSE) reached {loss}, at the target ≤ {target}, at epoch {epoch}.',
  stopped_max: 'Training stopped: it reached epoch {max}, the chosen maximum.',
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
  import_bad: 'This file is not a session exported by this page. Nothing was changed.',
  import_ok: 'Session imported.',
  csv_empty: 'There are no losses to export yet: take a few steps or train first.',
  number_bad: 'Type a number, for example 0.25.',
  example_learned: 'This example has just been learned and can no longer be changed. To change ' +
    'x or y, take the next step: the next example’s forward.',
  hidden_bad: 'Use up to {layers} whole numbers from 1 to {units}, separated by commas, for example 2 or 3,2 (or 0 for no hidden layer).',
  seed_bad: 'The seed must be a whole number between {min} and {max}.',
  momentum_bad: 'The momentum must be between {min} and {max}.',
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
