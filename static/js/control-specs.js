// control-specs: what each input of the page offers, read from the settings table: the options of
// every select (value, and a label or the i18n key of one), the bounds and step of the number
// fields, and the learning-rate slider's positions (every value the table keeps). Pure:
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

/**
 * Every value a `significant`-digit entry keeps between its bounds, in order: for η 0.001, 0.0011,
 * …, 0.0099, 0.01, …, 9.9, 10. Decimal literals, so each is the very number snapNumber gives.
 */
export function keptValues(entry) {
  const digits = entry.significant;
  const values = [];
  for (let decade = Math.floor(Math.log10(entry.min)); decade <= Math.floor(Math.log10(entry.max)); decade += 1) {
    for (let mantissa = 10 ** (digits - 1); mantissa < 10 ** digits; mantissa += 1) {
      const value = Number(`${mantissa}e${decade - digits + 1}`);
      if (value >= entry.min && value <= entry.max) values.push(value);
    }
  }
  return values;
}

/**
 * The learning-rate slider: {min, max, step} of the range input, toPosition(η) → its value text,
 * and toValue(text) → η. A position is one of the values the table keeps (keptValues), so each
 * arrow press shows and sends the next η: on a log10 scale in steps of 0.01, η moved by 2.3 %,
 * less than two digits keep near 0.1, and one or two presses left η as it was. Every decade is
 * as long as the next, so the scale stays logarithmic from decade to decade.
 */
export function lrSlider(catalog) {
  const entry = settingEntry(catalog, 'lr');
  const values = keptValues(entry);
  const position = (lr) => values.indexOf(snapNumber(entry, lr));
  return {
    min: '0', max: String(values.length - 1), step: '1',
    toPosition: (lr) => String(Math.max(0, position(lr))),
    toValue: (text) => values[Math.min(values.length - 1, Math.max(0, Math.round(Number(text)) || 0))],
  };
}

/** η as the page writes it: the table's own rounding, no padding (0,1, 2,5, 0,002 in pt-BR). */
export function lrText(catalog, lr, lang) {
  if (typeof lr !== 'number' || !Number.isFinite(lr)) return MISSING;
  return editableNumber(snapNumber(settingEntry(catalog, 'lr'), lr), lang);
}
