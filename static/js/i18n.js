// i18n: every string the page shows, in pt-BR (the course's language, the default) and English,
// and the one function that picks a string and fills its {placeholders}. The English strings
// live in i18n-en.js, fetched only when English is chosen (the first visit stays light).

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
  data_generated_only: 'Ruído (%) e Pontos valem só para os conjuntos gerados: {sets}.',
  noise_label: 'Ruído (%)',
  points_label: 'Pontos',
  split_label: 'Validação (%)',
  noise_bad: 'O ruído deve ser um número inteiro entre {min} e {max}.',
  points_bad: 'O número de pontos deve ser um número inteiro entre {min} e {max}.',
  split_bad: 'A validação deve ser um número inteiro entre {min} e {max} (por cento).',
  val_err: 'Erro de validação (MSE)',
  curve_train: 'treino',
  curve_val: 'validação',
  curve_example: 'ex. {n}',
  loss_readout_example: 'exemplo {n} ({x}): {loss}',
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
  unit_label: 'Ativação do neurônio oculto mostrado sobre o plano das entradas',
  unit_label_of: 'Ativação do neurônio oculto {name} sobre o plano das entradas',
  unit_note: 'A ativação a de um neurônio oculto em cada ponto do plano das entradas. Mostra o ' +
    'primeiro até você escolher outro: passe o mouse ou toque num neurônio oculto da rede (ou Tab ' +
    'até a rede, depois as setas).',
  space_title: 'Espaço oculto',
  space_title_of: 'Espaço oculto da camada {n}',
  space_label: 'Os exemplos no espaço da última camada oculta, com a reta de decisão da saída',
  space_note: 'Cada exemplo na posição (a₁, a₂) que a última camada oculta lhe dá. A reta ' +
    'tracejada é onde a saída vale ŷ = 0,5: quando ela separa as cores, o problema ficou ' +
    'linearmente separável (como o XOR depois do treino).',
  space_line: '- - - ŷ = 0,5',
  arch_title: 'Arquitetura',
  edit_control: 'Editar os números da rede',
  arch_layers: 'Camadas ocultas: {n}',
  arch_remove_layer: 'Remover a última camada oculta',
  arch_add_layer: 'Adicionar uma camada oculta',
  arch_units: 'Camada {n}: {units}',
  arch_fewer: 'Menos um neurônio na camada oculta {n}',
  arch_more: 'Mais um neurônio na camada oculta {n}',
  boundary_label: 'Mapa da saída prevista ŷ sobre o plano das entradas x₁ e x₂, com a linha ' +
    'ŷ = 0,5 e os exemplos: preenchidos os de treino, vazados os de validação.',
  boundary_legend: 'ŷ',
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
  scope_mean: 'média dos {total} exemplos',
  scope_example: 'exemplo {n}',
  scope_mean_one: 'do único exemplo',
  grads: 'Gradientes',
  grads_numeric: 'numérico',
  grads_rel: 'erro rel.',
  grads_done: 'calculados no último backward',
  grads_pending: 'ainda não calculado',
  verdict_agrees: 'concorda',
  verdict_disagrees: 'DISCORDA',
  verdict_below_resolution: 'abaixo da resolução',
  verdict_kink: 'dobra da ReLU',
  grads_check_note: 'Verificação por diferenças centrais (h = {h}): “concorda” se |a − n| ≤ {rtol}·(|a| + |n|) + s, ' +
    'em que s = |n − n₂ₕ| compara n com a mesma diferença tomada com passo 2h (o erro da própria estimativa); ' +
    '“abaixo da resolução” se |a − n| ≤ {resolution}·max(1, L), pois a verificação não distingue números tão pequenos ' +
    '(o gradiente não está errado); “dobra da ReLU” se ±h fez algum neurônio ReLU cruzar z = 0, onde a derivada muda de ' +
    'valor e a estimativa é a média das duas inclinações; “DISCORDA” nos demais casos.',
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
  math_waiting: 'Treinando: as contas abaixo são de um passo anterior; elas alcançam a rede quando o treino pausar.',
  network_title: 'A rede',
  network_hint: 'Clique num peso, viés, entrada ou alvo para ver suas contas e mudar o valor ' +
    '(Enter confirma, Esc cancela). No teclado: Tab até a rede, depois as setas. Logo após um ' +
    'update, x e y mostram o exemplo que acabou de ser treinado: para mudar x ou y, dê antes o ' +
    'próximo passo (forward do próximo exemplo).',
  // The hint when a teacher's `controls=` leaves out `edit`: the numbers can be read, not changed.
  network_hint_view: 'Clique num peso, viés, entrada ou alvo para ver suas contas. No teclado: Tab até a ' +
    'rede, depois as setas. Logo após um update, x e y mostram o exemplo que acabou de ser treinado.',
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
  patience_label: 'ou sem melhora na validação por (épocas; 0 = nunca)',
  patience_bad: 'A paciência deve ser um número inteiro de épocas entre {min} e {max}.',
  patience_no_val: 'A parada antecipada só vale com exemplos de validação: escolha Validação (%) > 0.',
  stopped_early: 'Treino parado (parada antecipada): a perda de validação não melhora há {patience} épocas; ' +
    'a menor, {loss}, foi na época {best}. Agora é a época {epoch}.',
  flow_title: 'Fluxo do gradiente',
  flow_label: 'Tamanho do gradiente de cada camada por época, em escala logarítmica',
  flow_note: 'Em cima ‖∂L/∂W‖ de cada camada, embaixo a média de |δ| = |∂L/∂z|, nos exemplos de treino, por época ' +
    '(escala log). Camada 1 muito abaixo da saída: o gradiente some no caminho (cada sigmoid multiplica por ' +
    'g′(z) ≤ 0,25); ReLU com He o mantém. Na rede, a faixa de uma camada é mais forte onde ‖∂L/∂W‖ é maior.',
  flow_layer: 'camada {n}',
  flow_out: 'saída',
  flow_delta: 'média |δ| = |∂L/∂z|',
  flow_now: '{layer}: ‖∂L/∂W‖ = {norm}, média |δ| = {delta}',
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
  exp_opened: 'Experimento aberto numa rede nova. “Passo anterior” traz de volta a sessão de antes.',
  csv_empty: 'Ainda não há perdas para exportar: dê alguns passos ou treine primeiro.',
  msg_close: 'Fechar a mensagem',
  number_bad: 'Digite um número, por exemplo 0,25.',
  number_range: 'Digite um número entre {low} e {high}.',
  example_learned: 'Este exemplo acabou de ser treinado e já não pode ser mudado. Para mudar x ' +
    'ou y, dê o próximo passo: o forward do próximo exemplo.',
  hidden_bad: 'Use até {layers} números inteiros de 1 a {units}, separados por vírgula, por exemplo 2 ou 3,2 (ou 0 para nenhuma camada oculta).',
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
    'de viés; ativações das camadas ocultas (a saída é sempre sigmoid): σ′ = σ(1 − σ) ≤ 0,25, tanh′ = 1 − tanh² ≤ 1, ' +
    'ReLU′(z) = 1 se z > 0, senão 0 (também em z = 0); Xavier: Var w = 2/(n_entrada + n_saída), He: Var w = 2/n_entrada, vieses em 0; corte: ' +
    'g ← g·min(1, limite/‖g‖); agendas: degrau η·0,5^⌊época/N⌋, exponencial η·0,5^(época/N), cosseno ' +
    'η·½(1 + cos(π·(época mod N)/N)).',
  units_dead: 'neurônio morto: {names} (ReLU com z ≤ 0 em todos os exemplos: gradiente zero, não aprende mais)',
  units_saturated: 'saturado: {names} (g′(z) < 0,01 em todos os exemplos: quase nenhum gradiente passa)',
  lr_scheduled: 'η agora: {lr}',
  resume_back: 'A conexão voltou: a sessão continua de onde parou.',
  resume_back_undo: 'A conexão voltou: a sessão continua de onde parou. O histórico de “Passo anterior” ' +
    'recomeça aqui.',
  resume_lost: 'A conexão voltou, mas a sessão anterior não pôde ser recuperada: ela recomeçou ' +
    'do início.',
  arrow_legend: 'Setas: para onde cada parâmetro vai no update (−η·∇).',
  arrow_up: '▲ + aumenta',
  arrow_down: '▼ − diminui',
  controls_label: 'Controles visíveis',
  autotrain_label: 'Treinar ao abrir',
  url_invalid: 'Endereço: “{param}={text}” não é um valor válido; usado: {used}.',
  url_clamped: 'Endereço: “{param}={text}” está fora dos limites; usado: {used}.',
  url_rounded: 'Endereço: “{param}={text}” tem mais casas do que a configuração guarda; usado: {used}.',
  url_exp_unknown: 'Endereço: o experimento “{id}” não existe; os disponíveis são {ids}.',
  url_exp_unknown_one: 'Endereço: o experimento “{id}” não existe; o disponível é {ids}.',
  url_exp_unknown_none: 'Endereço: o experimento “{id}” não existe, e esta página não oferece nenhum.',
  url_exp_hidden: 'Endereço: o experimento “{id}” precisa do controle {controls}, que esta página esconde.',
  url_exp_hidden_many: 'Endereço: o experimento “{id}” precisa dos controles {controls}, que esta página esconde.',
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
  actions_hint: 'Cada clique em “Próximo passo” faz uma fase da conta: forward → backward → update.',
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
  exp_low_what: 'Use “Treinar automático” por algumas centenas de épocas e compare a curva com a do η alto. Cada update ' +
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
  exp_dead_what: 'Leia o aviso acima das contas do passo atual: ele diz “neurônio morto”. Dê forward e backward e ' +
    'olhe os gradientes que entram nesse neurônio.',
  exp_dead_q: 'Pergunta: quanto valem os ∂L/∂w desse neurônio, e ele volta a aprender depois de treinar?',
  exp_hand_link: 'O exemplo passo a passo, à mão',
  exp_hand_what: 'A rede 2–2–1 do curso com os pesos fixos e η = 0,5, e “Conferir minha conta” ligado. Calcule ' +
    'cada número no papel, digite e confira antes de cada passo.',
  exp_hand_q: 'Pergunta: quanto vale ŷ no primeiro forward, e quanto muda v₁ no primeiro update?',
  circuit_title: 'Circuito do neurônio {name}',
  circuit_label: 'Circuito do neurônio {name}: portas, valores e gradientes',
  circuit_lead: 'Cada neurônio é um circuito de portas: × (peso vezes entrada), + (a soma com o viés), a ativação; na saída, ' +
    'também as portas da perda. Acima de ' +
    'cada fio o valor do forward, abaixo o gradiente ∂L/∂ do fio e o gradiente local da porta; em cada porta, ' +
    'o gradiente que desce = local × o que chega de cima.',
  circuit_check: 'porta {symbol}, ∂L/∂{of} = local × o que chega = {local} × {up} = {down}',
  circuit_check_mean: 'porta {symbol}, ∂L/∂{of} = média, nos {m} exemplos do lote, de local × o que chega = {down} (os números acima são os do primeiro exemplo)',
  circuit_whole: 'Circuito da rede inteira',
  circuit_whole_label: 'Circuito da rede inteira: as portas de cada neurônio, valores e gradientes',
  exp_look: 'Olhe aqui: {what}',
  exp_close: 'Fechar experimento',
};

/** Map any language tag ("en-US", "pt", "PT-br", …) to one the page supports. */
export function normalizeLang(tag) {
  const lower = String(tag ?? '').trim().toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return DEFAULT_LANG;
}

/**
 * Return t(key, params): the string for key in lang, with {name} filled from params; t.lang is lang. English needs
 * its dictionary (i18n-en.js EN) passed in; a key it lacks falls back to pt-BR.
 */
export function createTranslator(lang, english = null) {
  const dictionary = normalizeLang(lang) === 'en' ? english : PT;
  if (!dictionary) throw new Error('createTranslator: the English strings are not loaded (use loadTranslator)');
  const translate = (key, params = {}) => {
    const template = dictionary[key] ?? PT[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      (name in params ? String(params[name]) : whole));
  };
  // The language travels with its strings: a number written into them takes its decimal sign (format.js).
  translate.lang = normalizeLang(lang);
  return translate;
}

/** The translator of lang, once its strings are here: English is fetched the first time it is asked for. */
export async function loadTranslator(lang) {
  if (normalizeLang(lang) !== 'en') return createTranslator(lang);
  const { EN } = await import('./i18n-en.js');
  return createTranslator(lang, EN);
}

/** Every key the page may ask for (the pt-BR dictionary is the complete one). */
export function translationKeys() {
  return Object.keys(PT);
}

/**
 * Put the strings of lang into the page: [data-i18n] text, [data-i18n-label] aria-label. Only
 * what differs is written: the page arrives in pt-BR, and a text set again, even to itself, is
 * a new text node to style and lay out before the first drawing.
 */
export function translatePage(root, t) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    const text = t(node.dataset.i18n);
    if (node.textContent !== text) node.textContent = text;
  }
  for (const node of root.querySelectorAll('[data-i18n-label]')) {
    const label = t(node.dataset.i18nLabel);
    if (node.getAttribute('aria-label') !== label) node.setAttribute('aria-label', label);
  }
}
