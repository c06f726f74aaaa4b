// controls: the page's inputs and text panel. Wires every input to a command or a setting,
// keeps each input showing the current settings, and writes the read-outs, status line,
// gradients list and messages (textContent only). Elements come in from main.js.

import { hiddenLayers, settingEntry } from './settings.js';
import { parseUserNumber } from './commands.js';
import { editableNumber } from './format.js';
import { SELECTS, NUMBER_FIELDS, optionsOf, numberBounds, checkNumber, lrSlider, lrText } from './control-specs.js';
import { actionsBlockedReason } from './embed.js';
import { speedText } from './pace.js';
import { readoutTexts, readoutScopes, statusText, cycleStatusTexts, exampleText, gradientsText, trainsWithCrossEntropy,
  lossNoteTexts, checkNote, healthText } from './readouts.js';

/** Ids of the elements this module and main.js use (bp_* as in the course widget). */
export const ELEMENT_IDS = [
  'bp_page', 'bp_lang', 'bp_data', 'bp_act', 'bp_lr', 'bp_lrVal', 'bp_next', 'bp_auto', 'bp_undo',
  'bp_reset', 'bp_showGrads', 'bp_detailed', 'bp_check', 'bp_prec', 'bp_status', 'bp_statusSlot', 'bp_example',
  'bp_msg', 'bp_msgClose', 'bp_network', 'bp_canvas', 'bp_math', 'bp_mathWaiting', 'bp_epoch', 'bp_err', 'bp_trainLoss',
  'bp_trainLossStat', 'bp_out', 'bp_target', 'bp_abs', 'bp_correct', 'bp_grads', 'bp_loss', 'bp_log',
  'bp_lossNoteMse', 'bp_lossNoteBce', 'bp_lossNoteBceMean', 'bp_lossNoteMean', 'bp_optimizer', 'bp_lossFn',
  'bp_momentum', 'bp_hidden', 'bp_seed', 'bp_speed', 'bp_export', 'bp_import', 'bp_importFile', 'bp_csv',
  'bp_lower', 'bp_gradsNote', 'bp_init', 'bp_clip', 'bp_schedule', 'bp_period', 'bp_health', 'bp_l2', 'bp_l1',
  'bp_share', 'bp_sharePanel', 'bp_shareStatus', 'bp_shareLink', 'bp_shareSnippet',
  'bp_shareCopySnippet', 'bp_arrowLegend', 'bp_keys', 'bp_shortcuts', 'bp_actionsNote', 'bp_urlNotice', 'bp_announce',
  'bp_errScope', 'bp_trainLossScope', 'bp_outScope', 'bp_targetScope', 'bp_absScope', 'bp_valErrScope',
  'bp_noise', 'bp_points', 'bp_dataHint', 'bp_split', 'bp_valErr', 'bp_valErrStat', 'bp_boundary',
  'bp_arch', 'bp_batch', 'bp_batchSize', 'bp_speedVal', 'bp_targetLoss', 'bp_maxEpochs',
  'bp_lossReadout', 'bp_unitMap', 'bp_unitPanel', 'bp_unitTitle', 'bp_hiddenSpace', 'bp_spacePanel', 'bp_spaceTitle',
  'bp_quiz', 'bp_quizPanel', 'bp_quizForm', 'bp_quizList', 'bp_quizAsk', 'bp_quizCheck', 'bp_quizResults',
  'bp_quizResultsTitle', 'bp_quizResultList', 'bp_quizScore', 'bp_quizSay',
  'bp_circuit', 'bp_circuitTitle', 'bp_circuitFigure', 'bp_circuitChecks', 'bp_wholeCircuit',
  'bp_patience', 'bp_patienceHint', 'bp_flowPanel', 'bp_gradflow', 'bp_flowNow',
];

const wholeNumber = (text) => (/^\s*\d+\s*$/.test(text) ? +text : NaN);
// A decimal field is a text field: it shows the page's decimal sign and reads "0,01" and "0.01" alike.
const decimalNumber = (text) => parseUserNumber(text) ?? NaN;

/** Each input ⇄ one setting: how to show the setting, and how to read the input back. */
function boundInputs(catalog) {
  const slider = lrSlider(catalog);
  return [
    { id: 'bp_data', key: 'dataset' },
    { id: 'bp_noise', key: 'noise', show: String, read: wholeNumber },
    { id: 'bp_points', key: 'points', show: String, read: wholeNumber },
    { id: 'bp_split', key: 'split', show: String, read: wholeNumber },
    { id: 'bp_batch', key: 'batch' },
    { id: 'bp_batchSize', key: 'batchSize', show: String, read: wholeNumber },
    { id: 'bp_act', key: 'activation' },
    { id: 'bp_lr', key: 'lr', show: slider.toPosition, read: slider.toValue },
    { id: 'bp_showGrads', key: 'showGradients', checkbox: true },
    { id: 'bp_detailed', key: 'detailed', checkbox: true },
    { id: 'bp_check', key: 'checkGradients', checkbox: true },
    { id: 'bp_prec', key: 'precision', show: String, read: Number },
    { id: 'bp_log', key: 'logScale', checkbox: true },
    { id: 'bp_quiz', key: 'quiz', checkbox: true },
    { id: 'bp_optimizer', key: 'optimizer' },
    { id: 'bp_lossFn', key: 'loss' },
    { id: 'bp_momentum', key: 'momentum', show: editableNumber, read: decimalNumber },
    { id: 'bp_hidden', key: 'hidden', show: hiddenLayers(catalog).format },
    { id: 'bp_seed', key: 'seed', show: String, read: wholeNumber },
    { id: 'bp_speed', key: 'speed', show: String, read: Number },
    { id: 'bp_targetLoss', key: 'targetLoss', show: editableNumber, read: decimalNumber },
    { id: 'bp_maxEpochs', key: 'maxEpochs', show: String, read: wholeNumber },
    { id: 'bp_patience', key: 'patience', show: String, read: wholeNumber },
    { id: 'bp_lang', key: 'lang' },
    { id: 'bp_init', key: 'init' },
    { id: 'bp_clip', key: 'clip', show: editableNumber, read: decimalNumber },
    { id: 'bp_schedule', key: 'schedule' },
    { id: 'bp_l2', key: 'l2', show: editableNumber, read: decimalNumber },
    { id: 'bp_l1', key: 'l1', show: editableNumber, read: decimalNumber },
    { id: 'bp_period', key: 'schedulePeriod', show: String, read: (text) => (/^\s*\d+\s*$/.test(text) ? +text : NaN) },
  ];
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** η beside the slider, and as the slider's spoken value (its own value is log10 η). */
function showLr(el, text) {
  setText(el.bp_lrVal, text);
  if (el.bp_lr.getAttribute('aria-valuetext') !== text) el.bp_lr.setAttribute('aria-valuetext', text);
}

/** One <option>: a translated label carries data-i18n, so translatePage names it. */
function optionElement(doc, { value, label, labelKey, lang }) {
  const option = doc.createElement('option');
  option.value = value;
  if (labelKey) option.dataset.i18n = labelKey;
  option.textContent = label ?? labelKey;
  if (lang) option.lang = lang;
  return option;
}

/** Give every select its options and every number field its bounds, from the table. */
export function buildControls(el, catalog) {
  for (const [id, key] of Object.entries(SELECTS)) {
    const select = el[id];
    select.replaceChildren(...optionsOf(settingEntry(catalog, key))
      .map((option) => optionElement(select.ownerDocument, option)));
  }
  for (const [id, key] of Object.entries(NUMBER_FIELDS)) {
    Object.assign(el[id], numberBounds(settingEntry(catalog, key)));
  }
  const { min, max, step } = lrSlider(catalog);
  Object.assign(el.bp_lr, { min, max, step });
  const speed = settingEntry(catalog, 'speed');
  Object.assign(el.bp_speed, { min: String(speed.min), max: String(speed.max), step: '1' });
}

/**
 * How each input's change is carried out: a server setting (shown at once, confirmed by the
 * server's answer, put back by store.reduce if refused), a page setting, or a check first.
 */
function changeHandlers(commands, store, onLanguage, catalog) {
  const patch = (key, value) => store.dispatch({ type: 'settings', patch: { [key]: value } });
  const local = (key) => (value) => patch(key, value);
  const remote = (key, field) => (value) => {
    patch(key, value);
    return commands.configure({ [field]: value });
  };
  const refuse = ({ key, params }) => store.dispatch({ type: 'notice', kind: 'error', key, params });
  const checked = (key, field, badKey) => (value) => {
    const { refused } = checkNumber(settingEntry(catalog, key), value, badKey);
    return refused ? refuse(refused) : remote(key, field)(value);
  };
  const checkedLocal = (key, badKey) => (value) => {
    const { refused } = checkNumber(settingEntry(catalog, key), value, badKey);
    return refused ? refuse(refused) : patch(key, value);
  };
  const hidden = settingEntry(catalog, 'hidden');
  return {
    dataset: (value) => {
      patch('dataset', value);
      return commands.configure(value === 'passo_a_passo' ? { preset: value } : { dataset: value });
    },
    activation: remote('activation', 'activation'),
    lr: remote('lr', 'lr'),
    detailed: remote('detailed', 'detailed'),
    checkGradients: remote('checkGradients', 'check_gradients'),
    optimizer: remote('optimizer', 'optimizer'),
    loss: remote('loss', 'loss'),
    momentum: checked('momentum', 'momentum', 'momentum_bad'),
    hidden: (text) => {
      const sizes = hiddenLayers(catalog).parse(text);
      return sizes ? remote('hidden', 'hidden')(sizes)
        : refuse({ key: 'hidden_bad', params: { layers: hidden.max_layers, units: hidden.max } });
    },
    seed: checked('seed', 'seed', 'seed_bad'),
    init: remote('init', 'init'),
    clip: checked('clip', 'clip', 'clip_bad'),
    schedule: remote('schedule', 'schedule'),
    schedulePeriod: checked('schedulePeriod', 'schedule_period', 'period_bad'),
    l2: checked('l2', 'l2', 'l2_bad'),
    l1: checked('l1', 'l1', 'l1_bad'),
    noise: checked('noise', 'noise', 'noise_bad'),
    points: checked('points', 'points', 'points_bad'),
    split: checked('split', 'split', 'split_bad'),
    batch: remote('batch', 'batch'),
    batchSize: checked('batchSize', 'batch_size', 'batch_size_bad'),
    showGradients: local('showGradients'),
    precision: local('precision'),
    logScale: local('logScale'),
    quiz: local('quiz'),
    speed: local('speed'),
    targetLoss: checkedLocal('targetLoss', 'target_bad'),
    maxEpochs: checkedLocal('maxEpochs', 'max_epochs_bad'),
    patience: checkedLocal('patience', 'patience_bad'),
    lang: onLanguage,
  };
}

/** Wire the inputs. actions: {onLanguage(lang), onExport(), onImport(file), onExportCsv(), onQuizCheck()}. */
export function bindControls(el, commands, store, actions) {
  const { catalog } = store.getState();
  const handlers = changeHandlers(commands, store, actions.onLanguage, catalog);
  for (const { id, key, checkbox, read, show } of boundInputs(catalog)) {
    el[id].addEventListener('change', () => {
      const raw = checkbox ? el[id].checked : el[id].value;
      handlers[key](read ? read(raw) : raw);
    });
    // A field is not rewritten while typed in: a decimal one takes the page's notation when left.
    if (show === editableNumber) {
      el[id].addEventListener('blur', () => {
        const { settings } = store.getState();
        el[id].value = show(settings[key], settings.lang);
      });
    }
  }
  const slider = lrSlider(catalog);
  el.bp_lr.addEventListener('input', () =>
    showLr(el, lrText(catalog, slider.toValue(el.bp_lr.value), store.getState().settings.lang)));
  el.bp_speed.addEventListener('input', () => handlers.speed(Number(el.bp_speed.value)));
  el.bp_next.addEventListener('click', () => commands.act({ op: 'step' }));
  el.bp_auto.addEventListener('click', () => commands.toggleTraining());
  el.bp_undo.addEventListener('click', () => commands.act({ op: 'undo' }));
  el.bp_reset.addEventListener('click', () => commands.act({ op: 'reset' }));
  el.bp_msgClose.addEventListener('click', () => {
    const hadFocus = el.bp_msgClose.ownerDocument.activeElement === el.bp_msgClose;
    store.dispatch({ type: 'clearMessage' });
    // The × goes with its message: the keyboard goes on from the main action, where the page
    // scrolls no further (on a phone it is in the pinned bar).
    if (hadFocus && !el.bp_next.disabled) el.bp_next.focus({ preventScroll: true });
  });
  el.bp_quizForm.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.onQuizCheck();
  });
  el.bp_export.addEventListener('click', () => actions.onExport());
  el.bp_csv.addEventListener('click', () => actions.onExportCsv());
  el.bp_import.addEventListener('click', () => el.bp_importFile.click());
  el.bp_importFile.addEventListener('change', () => {
    const [file] = el.bp_importFile.files;
    el.bp_importFile.value = '';
    if (file) actions.onImport(file);
  });
}

const TYPED_INPUTS = new Set(['text', 'number', 'range']);

/** Make every input show the current settings (except a field the student is typing in). */
export function syncControls(el, settings, catalog) {
  for (const { id, key, checkbox, show } of boundInputs(catalog)) {
    const input = el[id];
    if (TYPED_INPUTS.has(input.type) && input.matches(':focus')) continue;
    if (checkbox) {
      if (input.checked !== settings[key]) input.checked = settings[key];
    } else {
      const value = show ? show(settings[key], settings.lang) : String(settings[key]);
      if (input.value !== value) input.value = value;
    }
  }
  if (!el.bp_lr.matches(':focus')) showLr(el, lrText(catalog, settings.lr, settings.lang));
}

function connectionText(connection, t) {
  if (connection.status === 'waiting') {
    const s = Math.max(1, Math.round(connection.retryInMs / 1000));
    return connection.reason ? t('conn_retry_reason', { reason: connection.reason, s }) : t('conn_retry', { s });
  }
  return connection.status === 'connecting' ? t('conn_connecting') : null;
}

/** While there is no connection the actions are off, with the reason beside them. */
function renderButtons(el, state, t) {
  const speed = speedText(state.settings.speed, t);
  setText(el.bp_speedVal, speed);
  if (el.bp_speed.getAttribute('aria-valuetext') !== speed) el.bp_speed.setAttribute('aria-valuetext', speed);
  setText(el.bp_auto, state.training ? t('pause') : t('auto'));
  el.bp_auto.classList.toggle('is-training', state.training);
  const blocked = actionsBlockedReason(state.connection, state.server);
  for (const id of ['bp_next', 'bp_auto', 'bp_reset']) el[id].disabled = Boolean(blocked);
  el.bp_undo.disabled = Boolean(blocked) || !(state.server.undo_depth > 0);
  // Through each retry's "Conectando…" too (connection.lost): on a phone the note is a line of the
  // pinned action bar, which would otherwise shrink and grow back at every retry.
  el.bp_actionsNote.hidden = !(blocked && state.connection.lost);
  // Written even while hidden: wider than a phone its line is kept (app.css), so a dropped
  // connection moves nothing below the buttons.
  setText(el.bp_actionsNote, t(blocked ?? 'offline_reason'));
  el.bp_csv.disabled = state.history.length === 0;
  el.bp_arrowLegend.hidden = !state.settings.showGradients;
}

function renderReadouts(el, state, t) {
  const { server, settings } = state;
  const texts = readoutTexts(server, settings.precision, t);
  for (const [id, key] of [['bp_epoch', 'epoch'], ['bp_err', 'err'], ['bp_trainLoss', 'trainLoss'],
    ['bp_out', 'out'], ['bp_target', 'target'], ['bp_abs', 'abs'], ['bp_correct', 'correct'],
    ['bp_valErr', 'valErr']]) {
    setText(el[id], texts[key]);
    el[id].style.setProperty('--bp-chars', String(Math.max(6, [...texts[key]].length)));
  }
  const scopes = readoutScopes(server, t);
  for (const [id, key] of [['bp_errScope', 'mean'], ['bp_trainLossScope', 'mean'], ['bp_valErrScope', 'valMean'],
    ['bp_outScope', 'example'], ['bp_targetScope', 'example'], ['bp_absScope', 'example']]) setText(el[id], scopes[key]);
  setText(el.bp_grads, gradientsText(server, settings.precision, t));
  el.bp_lower.classList.toggle('has-wide-grads', Boolean(server?.gradcheck));
  setText(el.bp_gradsNote, checkNote(server?.gradcheck, t));
  el.bp_gradsNote.hidden = !server?.gradcheck;
  const bce = trainsWithCrossEntropy(server, settings);
  const notes = lossNoteTexts(bce, t);
  el.bp_trainLossStat.hidden = !bce;
  el.bp_valErrStat.hidden = !(server?.metrics && server.metrics.val_mse !== null);
  setText(el.bp_lossNoteBceMean, notes.bceMean);
  setText(el.bp_lossNoteMean, notes.mean);
  el.bp_lossNoteMse.hidden = bce;
  el.bp_lossNoteBce.hidden = !bce;
}

/** A notice's numbers (a field's bounds, …) as the page writes them in `lang`. */
function numbersWritten(params = {}, lang) {
  return Object.fromEntries(Object.entries(params)
    .map(([name, value]) => [name, typeof value === 'number' ? editableNumber(value, lang) : value]));
}

/**
 * Hidden copies of every status line of this cycle, stacked under the shown one (app.css): the
 * box keeps the height of the tallest at any width, so the network below it does not jump.
 */
function reserveStatusHeight(slot, texts) {
  while (slot.children.length > texts.length + 1) slot.lastElementChild.remove();
  while (slot.children.length < texts.length + 1) {
    const copy = slot.ownerDocument.createElement('p');
    copy.className = 'bp-status bp-status--reserve';
    copy.setAttribute('aria-hidden', 'true');
    slot.append(copy);
  }
  texts.forEach((text, i) => setText(slot.children[i + 1], text));
}

function renderStatus(el, state, t) {
  const offline = connectionText(state.connection, t);
  const server = state.server;
  setText(el.bp_status, offline ?? (server ? statusText(server, t) : t('conn_connecting')));
  // Kept while offline too: the shorter "Conexão perdida…" shares the cell, so the box stays as tall
  // and as wide (at 1280 px "Exemplo atual" climbed beside it, and the network 26 px with it).
  reserveStatusHeight(el.bp_statusSlot, server ? cycleStatusTexts(server, t) : []);
  el.bp_status.classList.toggle('is-offline', Boolean(offline));
  setText(el.bp_example, server ? exampleText(server, state.settings.precision, t) : '');
  // The message shares the actions' line with the buttons' note (app.css): while offline it waits,
  // so that the line says why the buttons are off; it comes back with the connection.
  const message = offline ? null : state.message;
  setText(el.bp_msg, message ? (message.text ?? t(message.key, numbersWritten(message.params, t.lang))) : '');
  el.bp_msg.classList.toggle('is-error', message?.kind === 'error');
  el.bp_msgClose.hidden = !message;
}

/** The notice of what holds training back, over the math panel (index.html says why there). */
function renderHealth(el, state, t) {
  const health = state.server ? healthText(state.server, state.settings.precision, t) : '';
  setText(el.bp_health, health);
  el.bp_health.hidden = !health;
}

/** Noise and points shape the generated sets only: disabled for the others, with a hint saying why
 * (the inputs' description while they are disabled). */
function renderDataOptions(el, state, t) {
  const generated = settingEntry(state.catalog, 'dataset').generated ?? [];
  const off = !generated.includes(state.settings.dataset);
  if (el.bp_noise.disabled !== off || el.bp_dataHint.hidden === (off && generated.length > 0)) {
    for (const input of [el.bp_noise, el.bp_points]) {
      input.disabled = off;
      input.toggleAttribute('aria-describedby', false);
      if (off && generated.length) input.setAttribute('aria-describedby', el.bp_dataHint.id);
    }
    el.bp_dataHint.hidden = !(off && generated.length);
  }
  setText(el.bp_dataHint, t('data_generated_only', { sets: generated.map((name) => t(`data_${name}`)).join(', ') }));
}

/** Write the whole text panel for this state. */
export function renderPanel(el, state, t) {
  syncControls(el, state.settings, state.catalog);
  renderDataOptions(el, state, t);
  // The size only means something for mini-batches; hidden otherwise, the select gets its width.
  el.bp_batchSize.disabled = el.bp_batchSize.hidden = state.settings.batch !== 'mini';
  // Early stopping needs validation examples: say so while it is asked for without them.
  el.bp_patienceHint.hidden = !(state.settings.patience > 0 && state.server && !state.server.metrics?.val_best);
  renderButtons(el, state, t);
  renderReadouts(el, state, t);
  renderStatus(el, state, t);
  renderHealth(el, state, t);
}
