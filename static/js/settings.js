// settings: the page's settings as one declarative table, and the three translations it
// drives: URL query ⇄ settings object, and settings → the server's `configure` message.
// A teacher embedding the page sets any of these in the iframe's URL, e.g. ?lang=en&lr=0.5.

const choice = (values) => ({
  parse: (text) => values.find((value) => value.toLowerCase() === text.toLowerCase()),
  format: String,
});

const boolean = {
  parse(text) {
    const lower = text.toLowerCase();
    if (['1', 'true', 'on', 'yes', 'sim'].includes(lower)) return true;
    if (['0', 'false', 'off', 'no', 'nao', 'não'].includes(lower)) return false;
    return undefined;
  },
  format: (value) => (value ? '1' : '0'),
};

const clamp = (value, min, max) => Math.min(max, Math.max(min, value));

const number = (min, max, decimals) => ({
  parse(text) {
    const value = Number(text.replace(',', '.'));
    if (text.trim() === '' || !Number.isFinite(value)) return undefined;
    return Number(clamp(value, min, max).toFixed(decimals));
  },
  format: String,
});

const numberChoice = (values) => ({
  parse: (text) => values.find((value) => String(value) === text.trim()),
  format: String,
});

const integer = (min, max) => ({
  parse(text) {
    if (!/^\s*\d+\s*$/.test(text)) return undefined;
    return clamp(Number(text), min, max);
  },
  format: String,
});

/** "2" or "3,2" (also "3-2", "3 2"): 1 … 3 hidden layers of 1 … 8 units. */
export const hiddenLayers = {
  parse(text) {
    const parts = String(text).trim().split(/\s*[,;\s-]\s*/);
    if (parts.length < 1 || parts.length > 3) return undefined;
    if (!parts.every((part) => /^\d+$/.test(part))) return undefined;
    const sizes = parts.map(Number);
    return sizes.every((size) => size >= 1 && size <= 8) ? sizes : undefined;
  },
  format: (sizes) => sizes.join(','),
};

/** Epochs per `train` request while auto-training (the "Épocas por quadro" choices). */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200];

/**
 * The table. key: the settings object's field; param: the URL parameter; config: the field of
 * the server's `configure` message and `state.config` (none for the page's own choices).
 */
export const SETTINGS = [
  { key: 'lang', param: 'lang', kind: choice(['pt-BR', 'en']), initial: 'pt-BR', config: 'lang' },
  { key: 'theme', param: 'theme', kind: choice(['auto', 'light', 'dark']), initial: 'auto' },
  { key: 'dataset', param: 'dataset', initial: 'xor', config: 'dataset',
    kind: choice(['xor', 'and', 'or', 'single', 'passo_a_passo']) },
  { key: 'lr', param: 'lr', kind: number(0.01, 1, 2), initial: 0.1, config: 'lr' },
  { key: 'activation', param: 'activation', initial: 'sigmoid', config: 'activation',
    kind: choice(['sigmoid', 'tanh', 'relu']) },
  { key: 'loss', param: 'loss', kind: choice(['mse', 'bce']), initial: 'mse', config: 'loss' },
  { key: 'optimizer', param: 'optimizer', initial: 'sgd', config: 'optimizer',
    kind: choice(['sgd', 'momentum', 'adam']) },
  { key: 'momentum', param: 'momentum', kind: number(0, 0.99, 2), initial: 0.9, config: 'momentum' },
  { key: 'hidden', param: 'hidden', kind: hiddenLayers, initial: [2], config: 'hidden' },
  { key: 'seed', param: 'seed', kind: integer(0, 2 ** 31 - 1), initial: 3, config: 'seed' },
  { key: 'detailed', param: 'detailed', kind: boolean, initial: false, config: 'detailed' },
  { key: 'checkGradients', param: 'check', kind: boolean, initial: false,
    config: 'check_gradients' },
  { key: 'showGradients', param: 'grads', kind: boolean, initial: true },
  { key: 'precision', param: 'prec', kind: integer(2, 10), initial: 4 },
  { key: 'speed', param: 'speed', kind: numberChoice(SPEEDS), initial: 10 },
  { key: 'logScale', param: 'log', kind: boolean, initial: false },
];

const LANG_ALIASES = { pt: 'pt-BR', 'pt-br': 'pt-BR', 'en-us': 'en', 'en-gb': 'en' };

/** The settings every page starts with before the URL is read. */
export function defaultSettings() {
  return Object.fromEntries(SETTINGS.map(({ key, initial }) => [key, structuredClone(initial)]));
}

/** Read settings from a query string ("?lang=en&lr=0.5"); unknown or bad values keep defaults. */
export function parseSettings(search) {
  const params = new URLSearchParams(search);
  const settings = defaultSettings();
  for (const { key, param, kind } of SETTINGS) {
    let text = params.get(param);
    if (text === null) continue;
    if (param === 'lang') text = LANG_ALIASES[text.toLowerCase()] ?? text;
    const value = kind.parse(text);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Write settings as a query string ("?lr=0.5"), naming only the ones that differ from defaults. */
export function serializeSettings(settings) {
  const params = new URLSearchParams();
  for (const { key, param, kind, initial } of SETTINGS) {
    if (settings[key] === undefined || sameValue(settings[key], initial)) continue;
    params.set(param, kind.format(settings[key]));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The `configure` message that gives the server these settings. */
export function configureMessage(settings) {
  if (settings.dataset === 'passo_a_passo') {
    // Fields after a preset override it, so send only the ones the preset does not set.
    const { detailed, checkGradients, lang } = settings;
    return { op: 'configure', preset: 'passo_a_passo', detailed,
      check_gradients: checkGradients, lang };
  }
  const message = { op: 'configure' };
  for (const { key, config } of SETTINGS) {
    if (config) message[config] = settings[key];
  }
  return message;
}

/** Settings updated from a server `state.config` (the page's own choices are kept). */
export function settingsFromConfig(settings, config) {
  const next = { ...settings };
  for (const { key, config: field } of SETTINGS) {
    if (!field || field === 'lang' || !config || !(field in config)) continue;
    next[key] = structuredClone(config[field]);
  }
  return next;
}
