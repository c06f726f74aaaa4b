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
  verdict_agrees: 'concorda',
  verdict_disagrees: 'DISCORDA',
  verdict_below_resolution: 'abaixo da resolução',
  verdict_kink: 'dobra da ReLU',
  grads_check_note: 'Verificação por diferenças centrais (h = {h}): “concorda” se |a − n| ≤ {rtol}·(|a| + |n|); ' +
    '“abaixo da resolução” se |a − n| ≤ {resolution}·max(1, L), pois a verificação não distingue números tão pequenos ' +
    '(o gradiente não está errado); “dobra da ReLU” se ±h fez algum neurônio ReLU cruzar z = 0, onde a derivada muda de ' +
    'valor e a estimativa é a média das duas inclinações; “DISCORDA” nos demais casos.',
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
  import_bad: 'Este arquivo não é uma sessão exportada por esta página. Nada foi alterado.',
  import_ok: 'Sessão importada.',
  csv_empty: 'Ainda não há perdas para exportar: dê alguns passos ou treine primeiro.',
  number_bad: 'Digite um número, por exemplo 0.25.',
  example_learned: 'Este exemplo acabou de ser treinado e já não pode ser mudado. Para mudar x ' +
    'ou y, dê o próximo passo: o forward do próximo exemplo.',
  hidden_bad: 'Use até {layers} números inteiros de 1 a {units}, separados por vírgula, por exemplo 2 ou 3,2.',
  seed_bad: 'A semente deve ser um número inteiro entre {min} e {max}.',
  momentum_bad: 'O momento deve estar entre {min} e {max}.',
  init_label: 'Inicialização dos pesos',
  init_uniform: 'Uniforme ±1',
  init_xavier: 'Xavier/Glorot',
  init_he: 'He',
  clip_label: 'Corte do gradiente (norma máxima; 0 = desligado)',
  clip_bad: 'O corte do gradiente deve estar entre {min} e {max} (0 desliga).',
  schedule_label: 'Agenda da taxa de aprendizado',
  schedule_constant: 'Constante',
  schedule_step: 'Em degraus',
  schedule_exponential: 'Exponencial',
  schedule_cosine: 'Cosseno',
  schedule_period_label: 'Período da agenda (épocas)',
  l2_label: 'Regularização L2 (λ₂)',
  l1_label: 'Regularização L1 (λ₁)',
  l2_bad: 'λ₂ deve estar entre {min} e {max}.',
  l1_bad: 'λ₁ deve estar entre {min} e {max}.',
  penalty_value: 'penalidade λ₂/2·Σw² + λ₁·Σ|w| = {value} (somada à perda; os vieses não entram)',
  period_bad: 'O período deve ser um número inteiro entre {min} e {max}.',
  conventions: 'Convenções: momentum v ← μ·v + g, θ ← θ − η·v; Adam com β₁ = μ, β₂ = 0,999, ε = 10⁻⁸ e correção ' +
    'de viés; ReLU′(0) = 0; Xavier: Var w = 2/(n_entrada + n_saída), He: Var w = 2/n_entrada, vieses em 0; corte: ' +
    'g ← g·min(1, limite/‖g‖); agendas: degrau η·0,5^⌊época/N⌋, exponencial η·0,5^(época/N), cosseno ' +
    'η·½(1 + cos(π·(época mod N)/N)).',
  units_dead: 'neurônio morto: {names} (ReLU com z ≤ 0 em todos os exemplos: gradiente zero, não aprende mais)',
  units_saturated: 'saturado: {names} (g′(z) < 0,01 em todos os exemplos: quase nenhum gradiente passa)',
  lr_scheduled: 'η agora: {lr}',
  resume_lost: 'A conexão voltou, mas a sessão anterior não pôde ser recuperada: ela recomeçou ' +
    'do início.',
  arrow_legend: 'Setas: para onde cada parâmetro vai no update (−η·∇).',
  arrow_up: '▲ + aumenta',
  arrow_down: '▼ − diminui',
  controls_label: 'Controles visíveis',
  autotrain_label: 'Treinar ao abrir',
  url_invalid: 'Endereço: “{param}={text}” não é um valor válido; usado: {used}.',
  url_clamped: 'Endereço: “{param}={text}” está fora dos limites; usado: {used}.',
  share: 'Compartilhar',
  share_link: 'Link para estas configurações',
  share_snippet: 'Código para incorporar (iframe)',
  share_copy_snippet: 'Copiar código',
  share_copied: 'Link copiado. O código para incorporar numa página está logo abaixo.',
  share_snippet_copied: 'Código para incorporar copiado.',
  share_failed: 'Não foi possível copiar sozinho: selecione o texto abaixo e copie (Ctrl+C).',
  shortcuts_button: 'Atalhos (?)',
  shortcuts_title: 'Atalhos de teclado',
  shortcut_next: 'N ou Espaço: Próximo passo',
  shortcut_auto: 'A: Treinar automático / Pausar',
  shortcut_undo: 'U ou Ctrl+Z: Passo anterior',
  shortcut_reset: 'R: Reset',
  shortcut_help: '?: mostra ou esconde esta lista',
  shortcut_note: 'Os atalhos não funcionam enquanto você digita num campo.',
  offline_reason: 'Sem conexão com o servidor: os botões voltam a funcionar quando a conexão voltar.',
  set_restarted: 'A edição recomeçou este exemplo do forward: o {phase} que já estava feito foi ' +
    'descartado. “Passo anterior” desfaz a edição.',
  say_forward: 'Forward do exemplo {n} de {total}: saída prevista ŷ = {yhat}, alvo y = {y}, perda {loss}.',
  say_forward_layer: 'Forward, camada {n} de {total}, calculada.',
  say_backward: 'Backward do exemplo {n}: gradientes calculados; ∂L/∂ŷ = {dyhat}.',
  say_backward_layer: 'Backward, camada {n} de {total}, calculada.',
  say_update: 'Update: cada parâmetro andou −η·∂L/∂θ com η = {lr}. Erro (MSE) agora {mse}.',
  say_idle: 'Pronto para o forward do exemplo {n} de {total}.',
  say_training: 'Treinando: época {epoch}, erro (MSE) {mse}.',
  say_paused: 'Treino pausado na época {epoch}, erro (MSE) {mse}.',
  quiz_label: 'Conferir minha conta',
  quiz_intro: 'Calcule à mão os números que o próximo passo vai produzir, na ordem da conta, e digite-os ' +
    '(vírgula ou ponto). Deixe em branco o que não quiser conferir. “Conferir” dá o passo e compara cada valor ' +
    'com o do servidor, na precisão das casas decimais escolhidas (meia unidade da última casa).',
  quiz_check: 'Conferir',
  quiz_ask: 'Antes do {phase}: seus valores',
  quiz_ask_layer: 'Antes do {phase} ({layer}): seus valores',
  quiz_results: 'Conferência do {phase}',
  quiz_new: '{name} novo',
  quiz_right: 'certo ({value})',
  quiz_wrong: 'errado: você digitou {typed}, o certo é {value}',
  quiz_unreadable: 'um texto que não é número',
  quiz_of: '{right}/{answered}',
  quiz_score: 'Placar (certos/respondidos): {parts}',
  quiz_checked: '{phase} conferido: {right} certo(s) de {answered} respondido(s), {blank} em branco.',
  quiz_none: '{phase} dado sem nada para conferir: todos os campos estavam em branco.',
  quiz_busy: 'Pause o treino automático para conferir.',
  exp_title: 'Experimentos',
  exp_intro: 'Cada link prepara o widget; depois leia o que observar e responda à pergunta olhando a página.',
  exp_high_link: 'η alto demais (η = 5)',
  exp_high_what: 'Clique em “Treinar automático” e olhe a curva de perda. Com passos grandes cada update passa do ' +
    'ponto, e as setas sobre os pesos ficam enormes.',
  exp_high_q: 'Pergunta: a perda cai suavemente ou oscila e trava num valor alto?',
  exp_low_link: 'η baixo demais (η = 0,01)',
  exp_low_what: 'Treine automático por algumas centenas de épocas e compare a curva com a do η alto. Cada update ' +
    'move os pesos só um pouquinho.',
  exp_low_q: 'Pergunta: depois de 500 épocas o “Erro (MSE)” já caiu abaixo de 0,2?',
  exp_act_link: 'Sigmoid, Tanh e ReLU com a mesma semente',
  exp_act_what: 'Dê um forward e um backward e olhe os gradientes; depois troque a “Função de ativação” (Sigmoid, ' +
    'Tanh, ReLU) e repita. A semente é a mesma, então os pesos iniciais também.',
  exp_act_q: 'Pergunta: com qual função o g′(z) dos neurônios ocultos é maior, e com qual algum gradiente vira exatamente 0?',
  exp_deep_link: 'Rede funda com sigmoid (gradiente que some)',
  exp_deep_what: 'Dê dois passos (forward e backward) e leia a lista “Gradientes”, camada por camada. Cada camada ' +
    'multiplica o erro por g′(z) ≤ 0,25.',
  exp_deep_q: 'Pergunta: os gradientes da primeira camada são maiores ou menores que os da última?',
  exp_dead_link: 'Um neurônio ReLU morto',
  exp_dead_what: 'Leia o aviso ao lado da fase: ele diz “neurônio morto”. Dê forward e backward e olhe os ' +
    'gradientes que entram nesse neurônio.',
  exp_dead_q: 'Pergunta: quanto valem os ∂L/∂w desse neurônio, e ele volta a aprender depois de treinar?',
  exp_hand_link: 'O exemplo passo a passo, à mão',
  exp_hand_what: 'A rede 2–2–1 do curso com os pesos fixos e η = 0,5, e “Conferir minha conta” ligado. Calcule ' +
    'cada número no papel, digite e confira antes de cada passo.',
  exp_hand_q: 'Pergunta: quanto vale ŷ no primeiro forward, e quanto muda v₁ no primeiro update?',
  circuit_title: 'Circuito do neurônio {name}',
  circuit_label: 'Circuito do neurônio {name}: portas, valores e gradientes',
  circuit_lead: 'Cada porta do neurônio: × (peso vezes entrada), + (a soma com o viés), a ativação. Acima de ' +
    'cada fio o valor do forward, abaixo o gradiente ∂L/∂ do fio e o gradiente local da porta; em cada porta, ' +
    'o gradiente que desce = local × o que chega de cima.',
  circuit_check: 'porta {symbol}, ∂L/∂{of} = local × o que chega = {local} × {up} = {down}',
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
  verdict_agrees: 'agrees',
  verdict_disagrees: 'DISAGREES',
  verdict_below_resolution: 'below resolution',
  verdict_kink: 'ReLU kink',
  grads_check_note: 'Central-difference check (h = {h}): “agrees” if |a − n| ≤ {rtol}·(|a| + |n|); ' +
    '“below resolution” if |a − n| ≤ {resolution}·max(1, L), since the check cannot tell such small numbers apart ' +
    '(the gradient is not wrong); “ReLU kink” if ±h moved a ReLU unit across z = 0, where the derivative jumps and ' +
    'the estimate averages the two slopes; “DISAGREES” otherwise.',
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
  import_bad: 'This file is not a session exported by this page. Nothing was changed.',
  import_ok: 'Session imported.',
  csv_empty: 'There are no losses to export yet: take a few steps or train first.',
  number_bad: 'Type a number, for example 0.25.',
  example_learned: 'This example has just been learned and can no longer be changed. To change ' +
    'x or y, take the next step: the next example’s forward.',
  hidden_bad: 'Use up to {layers} whole numbers from 1 to {units}, separated by commas, for example 2 or 3,2.',
  seed_bad: 'The seed must be a whole number between {min} and {max}.',
  momentum_bad: 'The momentum must be between {min} and {max}.',
  init_label: 'Weight initialisation',
  init_uniform: 'Uniform ±1',
  init_xavier: 'Xavier/Glorot',
  init_he: 'He',
  clip_label: 'Gradient clipping (maximum norm; 0 = off)',
  clip_bad: 'Gradient clipping must be between {min} and {max} (0 turns it off).',
  schedule_label: 'Learning-rate schedule',
  schedule_constant: 'Constant',
  schedule_step: 'Step',
  schedule_exponential: 'Exponential',
  schedule_cosine: 'Cosine',
  schedule_period_label: 'Schedule period (epochs)',
  l2_label: 'L2 regularisation (λ₂)',
  l1_label: 'L1 regularisation (λ₁)',
  l2_bad: 'λ₂ must be between {min} and {max}.',
  l1_bad: 'λ₁ must be between {min} and {max}.',
  penalty_value: 'penalty λ₂/2·Σw² + λ₁·Σ|w| = {value} (added to the loss; biases are not penalised)',
  period_bad: 'The period must be a whole number between {min} and {max}.',
  conventions: 'Conventions: momentum v ← μ·v + g, θ ← θ − η·v; Adam with β₁ = μ, β₂ = 0.999, ε = 10⁻⁸ and bias ' +
    'correction; ReLU′(0) = 0; Xavier: Var w = 2/(n_in + n_out), He: Var w = 2/n_in, biases at 0; clipping: ' +
    'g ← g·min(1, limit/‖g‖); schedules: step η·0.5^⌊epoch/N⌋, exponential η·0.5^(epoch/N), cosine ' +
    'η·½(1 + cos(π·(epoch mod N)/N)).',
  units_dead: 'dead unit: {names} (ReLU with z ≤ 0 on every example: zero gradient, it no longer learns)',
  units_saturated: 'saturated: {names} (g′(z) < 0.01 on every example: almost no gradient gets through)',
  lr_scheduled: 'η now: {lr}',
  resume_lost: 'The connection is back, but the previous session could not be recovered: it ' +
    'started over.',
  arrow_legend: 'Arrows: where each parameter goes in the update (−η·∇).',
  arrow_up: '▲ + grows',
  arrow_down: '▼ − shrinks',
  controls_label: 'Visible controls',
  autotrain_label: 'Train on load',
  url_invalid: 'URL: “{param}={text}” is not a valid value; using {used}.',
  url_clamped: 'URL: “{param}={text}” is out of range; using {used}.',
  share: 'Share',
  share_link: 'Link to these settings',
  share_snippet: 'Embed code (iframe)',
  share_copy_snippet: 'Copy code',
  share_copied: 'Link copied. The code to embed it in a page is just below.',
  share_snippet_copied: 'Embed code copied.',
  share_failed: 'Could not copy by itself: select the text below and copy it (Ctrl+C).',
  shortcuts_button: 'Shortcuts (?)',
  shortcuts_title: 'Keyboard shortcuts',
  shortcut_next: 'N or Space: Next step',
  shortcut_auto: 'A: Train automatically / Pause',
  shortcut_undo: 'U or Ctrl+Z: Previous step',
  shortcut_reset: 'R: Reset',
  shortcut_help: '?: shows or hides this list',
  shortcut_note: 'Shortcuts do nothing while you type in a field.',
  offline_reason: 'No connection to the server: the buttons work again when it is back.',
  set_restarted: 'The edit restarted this example at its forward pass: the {phase} already done ' +
    'was discarded. “Previous step” undoes the edit.',
  say_forward: 'Forward of example {n} of {total}: predicted output ŷ = {yhat}, target y = {y}, loss {loss}.',
  say_forward_layer: 'Forward, layer {n} of {total}, computed.',
  say_backward: 'Backward of example {n}: gradients computed; ∂L/∂ŷ = {dyhat}.',
  say_backward_layer: 'Backward, layer {n} of {total}, computed.',
  say_update: 'Update: every parameter moved by −η·∂L/∂θ with η = {lr}. Error (MSE) now {mse}.',
  say_idle: 'Ready for the forward pass of example {n} of {total}.',
  say_training: 'Training: epoch {epoch}, error (MSE) {mse}.',
  say_paused: 'Training paused at epoch {epoch}, error (MSE) {mse}.',
  quiz_label: 'Check my working',
  quiz_intro: 'Work out by hand the numbers the next step will produce, in the order of the calculation, and ' +
    'type them (comma or point). Leave blank whatever you do not want checked. “Check” takes the step and ' +
    'compares each value with the server’s at the chosen decimal places (half a unit of the last place).',
  quiz_check: 'Check',
  quiz_ask: 'Before the {phase}: your values',
  quiz_ask_layer: 'Before the {phase} ({layer}): your values',
  quiz_results: 'Check of the {phase}',
  quiz_new: 'new {name}',
  quiz_right: 'right ({value})',
  quiz_wrong: 'wrong: you typed {typed}, the right value is {value}',
  quiz_unreadable: 'text that is not a number',
  quiz_of: '{right} of {answered}',
  quiz_score: 'Score (right of answered): {parts}',
  quiz_checked: '{phase} checked: {right} right of {answered} answered, {blank} blank.',
  quiz_none: '{phase} taken with nothing to check: every field was blank.',
  quiz_busy: 'Pause automatic training to check.',
  exp_title: 'Experiments',
  exp_intro: 'Each link sets the widget up; then read what to look at and answer the question by looking at the page.',
  exp_high_link: 'η too high (η = 5)',
  exp_high_what: 'Press “Train automatically” and watch the loss curve. With big steps every update overshoots, ' +
    'and the arrows over the weights get huge.',
  exp_high_q: 'Question: does the loss fall smoothly, or does it oscillate and get stuck at a high value?',
  exp_low_link: 'η too low (η = 0.01)',
  exp_low_what: 'Train automatically for a few hundred epochs and compare the curve with the high η one. Each ' +
    'update moves the weights only a tiny bit.',
  exp_low_q: 'Question: after 500 epochs, has the “Error (MSE)” fallen below 0.2?',
  exp_act_link: 'Sigmoid, Tanh and ReLU on the same seed',
  exp_act_what: 'Take a forward and a backward step and look at the gradients; then change the “Activation ' +
    'function” (Sigmoid, Tanh, ReLU) and repeat. The seed is the same, so are the initial weights.',
  exp_act_q: 'Question: with which function is the hidden units’ g′(z) largest, and with which does some gradient become exactly 0?',
  exp_deep_link: 'A deep sigmoid network (vanishing gradient)',
  exp_deep_what: 'Take two steps (forward and backward) and read the “Gradients” list, layer by layer. Each layer ' +
    'multiplies the error by g′(z) ≤ 0.25.',
  exp_deep_q: 'Question: are the first layer’s gradients larger or smaller than the last layer’s?',
  exp_dead_link: 'A dead ReLU unit',
  exp_dead_what: 'Read the notice beside the phase: it says “dead unit”. Take forward and backward and look at ' +
    'the gradients into that unit.',
  exp_dead_q: 'Question: what are that unit’s ∂L/∂w, and does it learn again after training?',
  exp_hand_link: 'The step-by-step example, by hand',
  exp_hand_what: 'The course’s 2–2–1 network with its fixed weights and η = 0.5, with “Check my working” on. ' +
    'Work out each number on paper, type it and check it before each step.',
  exp_hand_q: 'Question: what is ŷ after the first forward, and how much does v₁ change in the first update?',
  circuit_title: 'Circuit of neuron {name}',
  circuit_label: 'Circuit of neuron {name}: gates, values and gradients',
  circuit_lead: 'Each gate of the neuron: × (weight times input), + (the sum with the bias), the activation. ' +
    'Above each wire its forward value, below it the wire’s gradient ∂L/∂ and the gate’s local gradient; at ' +
    'every gate, the gradient sent down = local × the one arriving from above.',
  circuit_check: 'gate {symbol}, ∂L/∂{of} = local × upstream = {local} × {up} = {down}',
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
