// control-specs: what each input of the page offers, read from the settings table: the options of
// every select (value, and a label or the i18n key of one), the bounds and step of the number
// fields, and the learning-rate slider's scale (logarithmic when the table says so). Pure:
// controls.js applies these to the elements.

import { editableNumber, MISSING } from './format.js';
import { settingEntry, snapNumber } from './settings.js';

/** Select element id → settings key. */
export const SELECTS = {
  bp_lang: 'lang', bp_data: 'dataset', bp_act: 'activation', bp_lossFn: 'loss',
  bp_optimizer: 'optimizer', bp_prec: 'precision', bp_batch: 'batch', bp_init: 'init', bp_schedule: 'schedule',
};

/** Number field id → settings key. */
export const NUMBER_FIELDS = {
  bp_momentum: 'momentum', bp_seed: 'seed', bp_noise: 'noise', bp_points: 'points', bp_split: 'split',
  bp_batchSize: 'batchSize', bp_targetLoss: 'targetLoss', bp_maxEpochs: 'maxEpochs', bp_clip: 'clip',
  bp_period: 'schedulePeriod', bp_l2: 'l2', bp_l1: 'l1', bp_patience: 'patience',
};

/** Names shown as they are, in every language. */
const FIXED_LABELS = {
  lang: { 'pt-BR': 'Português', en: 'English' },
  activation: { sigmoid: 'Sigmoid', tanh: 'Tanh', relu: 'ReLU' },
};

/** Choices whose label is translated: i18n key = prefix + value (data_xor, opt_sgd, loss_mse). */
const LABEL_PREFIXES = { dataset: 'data_', optimizer: 'opt_', loss: 'loss_', batch: 'batch_', init: 'init_',
  schedule: 'schedule_' };

const SLIDER_STEP = 0.01;

function valuesOf(entry) {
  if (entry.kind !== 'integer') return entry.choices;
  return Array.from({ length: entry.max - entry.min + 1 }, (_, k) => entry.min + k);
}

/** [{value, label} or {value, labelKey}, plus lang for a language] of one select. */
export function optionsOf(entry) {
  return valuesOf(entry).map((value) => {
    const option = { value: String(value) };
    if (LABEL_PREFIXES[entry.key]) option.labelKey = `${LABEL_PREFIXES[entry.key]}${value}`;
    else option.label = FIXED_LABELS[entry.key]?.[value] ?? String(value);
    if (entry.key === 'lang') option.lang = String(value);
    return option;
  });
}

/** {min, max, step} of a number field: integers step by 1, decimals by 10^−decimals (any value
 * when the entry keeps significant digits). */
export function numberBounds(entry) {
  if (Number.isInteger(entry.significant)) return { min: String(entry.min), max: String(entry.max), step: 'any' };
  const step = entry.kind === 'integer' ? 1 : 10 ** -(entry.decimals ?? 2);
  return { min: String(entry.min), max: String(entry.max), step: String(step) };
}

/** A value of its entry, or null with the message to show: {key, params} for i18n. */
export function checkNumber(entry, value, key) {
  const ok = Number.isFinite(value) && value >= entry.min && value <= entry.max &&
    (entry.kind !== 'integer' || Number.isInteger(value));
  return ok ? { value } : { refused: { key, params: { min: entry.min, max: entry.max } } };
}

const round = (x) => Math.round(x / SLIDER_STEP) * SLIDER_STEP;
// The range input's value: machine notation, whatever the page's language.
const sliderText = (x) => String(Number(round(x).toFixed(2)));

/**
 * The learning-rate slider: {min, max, step} of the range input, toPosition(η) → its value text,
 * and toValue(text) → η snapped as the table says. On a log scale the position is log10(η).
 */
export function lrSlider(catalog) {
  const entry = settingEntry(catalog, 'lr');
  const log = entry.scale === 'log';
  const forward = log ? Math.log10 : (x) => x;
  const back = log ? (x) => 10 ** x : (x) => x;
  return {
    min: sliderText(forward(entry.min)), max: sliderText(forward(entry.max)), step: String(SLIDER_STEP),
    toPosition: (lr) => sliderText(forward(lr)),
    toValue: (text) => snapNumber(entry, back(Number(text))),
  };
}

/** η as the page writes it: the table's own rounding, no padding (0,1, 2,5, 0,002 in pt-BR). */
export function lrText(catalog, lr, lang) {
  if (typeof lr !== 'number' || !Number.isFinite(lr)) return MISSING;
  return editableNumber(snapNumber(settingEntry(catalog, 'lr'), lr), lang);
}
