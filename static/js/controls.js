// controls: the page's inputs and text panel. Wires every input to a command or a setting,
// keeps each input showing the current settings, and writes the read-outs, status line,
// gradients list and messages (textContent only). Elements come in from main.js.

import { hiddenLayers } from './settings.js';
import { readoutTexts, statusText, exampleText, gradientsText, hasStarted, trainsWithCrossEntropy,
  lossNoteTexts } from './readouts.js';

/** Ids of the elements this module and main.js use (bp_* as in the course widget). */
export const ELEMENT_IDS = [
  'bp_page', 'bp_lang', 'bp_data', 'bp_act', 'bp_lr', 'bp_lrVal', 'bp_next', 'bp_auto', 'bp_undo',
  'bp_reset', 'bp_showGrads', 'bp_detailed', 'bp_check', 'bp_prec', 'bp_status', 'bp_example',
  'bp_msg', 'bp_network', 'bp_canvas', 'bp_math', 'bp_epoch', 'bp_err', 'bp_trainLoss',
  'bp_trainLossStat', 'bp_out', 'bp_target', 'bp_abs', 'bp_correct', 'bp_grads', 'bp_loss', 'bp_log',
  'bp_lossNoteMse', 'bp_lossNoteBce', 'bp_lossNoteBceMean', 'bp_lossNoteMean', 'bp_optimizer', 'bp_lossFn',
  'bp_momentum', 'bp_hidden', 'bp_seed', 'bp_speed', 'bp_export', 'bp_import', 'bp_importFile', 'bp_csv',
  'bp_lower',
];

/** Each input ⇄ one setting: how to show the setting, and how to read the input back. */
const BOUND_INPUTS = [
  { id: 'bp_data', key: 'dataset' },
  { id: 'bp_act', key: 'activation' },
  { id: 'bp_lr', key: 'lr', show: (lr) => lr.toFixed(2), read: Number },
  { id: 'bp_showGrads', key: 'showGradients', checkbox: true },
  { id: 'bp_detailed', key: 'detailed', checkbox: true },
  { id: 'bp_check', key: 'checkGradients', checkbox: true },
  { id: 'bp_prec', key: 'precision', show: String, read: Number },
  { id: 'bp_log', key: 'logScale', checkbox: true },
  { id: 'bp_optimizer', key: 'optimizer' },
  { id: 'bp_lossFn', key: 'loss' },
  { id: 'bp_momentum', key: 'momentum', show: String, read: (text) => (text.trim() ? +text : NaN) },
  { id: 'bp_hidden', key: 'hidden', show: hiddenLayers.format },
  { id: 'bp_seed', key: 'seed', show: String },
  { id: 'bp_speed', key: 'speed', show: String, read: Number },
  { id: 'bp_lang', key: 'lang' },
];

const MAX_SEED = 2 ** 31 - 1;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * How each input's change is carried out: a server setting (shown at once, confirmed by the
 * server's answer, put back by store.reduce if refused), a page setting, or a check first.
 */
function changeHandlers(commands, store, onLanguage) {
  const patch = (key, value) => store.dispatch({ type: 'settings', patch: { [key]: value } });
  const local = (key) => (value) => patch(key, value);
  const remote = (key, field) => (value) => {
    patch(key, value);
    return commands.configure({ [field]: value });
  };
  const refuse = (key) => store.dispatch({ type: 'notice', kind: 'error', key });
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
    momentum: (value) => (value >= 0 && value <= 0.99
      ? remote('momentum', 'momentum')(value) : refuse('momentum_bad')),
    hidden: (text) => {
      const hidden = hiddenLayers.parse(text);
      return hidden ? remote('hidden', 'hidden')(hidden) : refuse('hidden_bad');
    },
    seed: (text) => {
      const seed = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
      return seed <= MAX_SEED ? remote('seed', 'seed')(seed) : refuse('seed_bad');
    },
    showGradients: local('showGradients'),
    precision: local('precision'),
    logScale: local('logScale'),
    speed: local('speed'),
    lang: onLanguage,
  };
}

/** Wire the inputs. actions: {onLanguage(lang), onExport(), onImport(file), onExportCsv()}. */
export function bindControls(el, commands, store, actions) {
  const handlers = changeHandlers(commands, store, actions.onLanguage);
  for (const { id, key, checkbox, read } of BOUND_INPUTS) {
    el[id].addEventListener('change', () => {
      const raw = checkbox ? el[id].checked : el[id].value;
      handlers[key](read ? read(raw) : raw);
    });
  }
  el.bp_lr.addEventListener('input', () => setText(el.bp_lrVal, Number(el.bp_lr.value).toFixed(2)));
  el.bp_next.addEventListener('click', () => commands.act({ op: 'step' }));
  el.bp_auto.addEventListener('click', () => commands.toggleTraining());
  el.bp_undo.addEventListener('click', () => commands.act({ op: 'undo' }));
  el.bp_reset.addEventListener('click', () => commands.act({ op: 'reset' }));
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
export function syncControls(el, settings) {
  for (const { id, key, checkbox, show } of BOUND_INPUTS) {
    const input = el[id];
    if (TYPED_INPUTS.has(input.type) && input.matches(':focus')) continue;
    if (checkbox) {
      if (input.checked !== settings[key]) input.checked = settings[key];
    } else {
      const value = show ? show(settings[key]) : String(settings[key]);
      if (input.value !== value) input.value = value;
    }
  }
  if (!el.bp_lr.matches(':focus')) setText(el.bp_lrVal, settings.lr.toFixed(2));
}

function connectionText(connection, t) {
  if (connection.status === 'waiting') {
    const s = Math.max(1, Math.round(connection.retryInMs / 1000));
    return connection.reason ? t('conn_retry_reason', { reason: connection.reason, s }) : t('conn_retry', { s });
  }
  return connection.status === 'connecting' ? t('conn_connecting') : null;
}

function renderButtons(el, state, t) {
  setText(el.bp_auto, state.training ? t('pause') : t('auto'));
  el.bp_auto.classList.toggle('is-training', state.training);
  el.bp_undo.disabled = !state.server || !(state.server.undo_depth > 0);
  el.bp_csv.disabled = state.history.length === 0;
}

function renderReadouts(el, state, t) {
  const { server, settings } = state;
  const texts = readoutTexts(server, settings.precision, t);
  for (const [id, key] of [['bp_epoch', 'epoch'], ['bp_err', 'err'], ['bp_trainLoss', 'trainLoss'],
    ['bp_out', 'out'], ['bp_target', 'target'], ['bp_abs', 'abs'], ['bp_correct', 'correct']]) {
    setText(el[id], texts[key]);
    el[id].style.setProperty('--bp-chars', String(Math.max(6, [...texts[key]].length)));
  }
  setText(el.bp_grads, hasStarted(server) ? gradientsText(server, settings.precision, t) : '—');
  el.bp_lower.classList.toggle('has-wide-grads', Boolean(server?.gradcheck));
  const bce = trainsWithCrossEntropy(server, settings);
  const notes = lossNoteTexts(bce, t);
  el.bp_trainLossStat.hidden = !bce;
  setText(el.bp_lossNoteBceMean, notes.bceMean);
  setText(el.bp_lossNoteMean, notes.mean);
  el.bp_lossNoteMse.hidden = bce;
  el.bp_lossNoteBce.hidden = !bce;
}

function renderStatus(el, state, t) {
  const offline = connectionText(state.connection, t);
  const server = state.server;
  setText(el.bp_status, offline ?? (server ? statusText(server, t) : t('conn_connecting')));
  el.bp_status.classList.toggle('is-offline', Boolean(offline));
  setText(el.bp_example, server ? exampleText(server, state.settings.precision, t) : '');
  const message = state.message;
  setText(el.bp_msg, message ? (message.text ?? t(message.key)) : '');
  el.bp_msg.classList.toggle('is-error', message?.kind === 'error');
}

/** Write the whole text panel for this state. */
export function renderPanel(el, state, t) {
  syncControls(el, state.settings);
  renderButtons(el, state, t);
  renderReadouts(el, state, t);
  renderStatus(el, state, t);
}
