// settings: the page's settings, read from the server's one table (app/protocol/catalog.py, embedded
// in the page as JSON and passed in as `catalog`), and the translations it drives: URL query ⇄
// settings object (with clamping), and settings → the server's `configure` message.
// A teacher embedding the page sets any of these in the iframe's URL, e.g. ?lang=en&lr=0.5.

const clamp = (value, min, max) => Math.min(max, Math.max(min, value));

/** The table's entry for a settings key ('lr', 'hidden', …). */
export function settingEntry(catalog, key) {
  return catalog.settings.find((entry) => entry.key === key);
}

/** A number as its entry keeps it: clamped, then whole, `significant` digits or `decimals` places. */
export function snapNumber(entry, value) {
  const inRange = clamp(value, entry.min, entry.max);
  if (entry.kind === 'integer') return Math.round(inRange) + 0; // + 0: -0 is 0
  if (Number.isInteger(entry.significant)) {
    return clamp(Number(inRange.toPrecision(entry.significant)), entry.min, entry.max);
  }
  return Number.isInteger(entry.decimals) ? Number(inRange.toFixed(entry.decimals)) : inRange;
}

/** A choice by its text, any case; a language tag also by its first subtag (en-AU → en). */
function parseChoice(entry, text) {
  const lower = text.trim().toLowerCase();
  const exact = entry.choices.find((value) => String(value).toLowerCase() === lower);
  if (exact !== undefined || !entry.subtags) return exact;
  return entry.subtags[lower.split('-')[0]];
}

// Decimal notation only: a sign, digits with one decimal point or comma, an exponent (1e-3); not
// 0x10, 0b1, Infinity (which Number() would take). As app/protocol/opening.py's DECIMAL.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * {value, kind} of a number text, for `number` and `integer` entries alike: out of range is
 * clamped (kind 'clamped'), then snapped as the table says, which may round it (kind 'rounded');
 * kind null when the value is the text's own. Undefined when the text is not a decimal number.
 */
function readNumber(entry, text) {
  const cleaned = text.trim().replace(',', '.');
  if (!DECIMAL.test(cleaned)) return undefined;
  const asked = Number(cleaned);
  const value = snapNumber(entry, asked);
  const clamped = asked < entry.min || asked > entry.max;
  return { value, kind: clamped ? 'clamped' : value !== asked ? 'rounded' : null };
}

function parseBoolean(words, text) {
  const lower = text.trim().toLowerCase();
  if (words.true.includes(lower)) return true;
  return words.false.includes(lower) ? false : undefined;
}

/**
 * "2" or "3,2" (also "3-2", "3 2"): min_layers … max_layers hidden layers; a unit count out of
 * min … max is clamped (`hidden=99` → 8), more layers than max_layers is not a value; "0" (or
 * nothing) is no hidden layer, when the table allows it.
 */
function readSizes(entry, text) {
  const trimmed = String(text).trim();
  if (trimmed === '0' || trimmed === '') return entry.min_layers === 0 ? { value: [], kind: null } : undefined;
  const parts = trimmed.split(/\s*[,;\s-]\s*/);
  if (parts.length < entry.min_layers || parts.length > entry.max_layers) return undefined;
  if (!parts.every((part) => /^\d+$/.test(part))) return undefined;
  const asked = parts.map(Number);
  const sizes = asked.map((size) => clamp(size, entry.min, entry.max));
  return { value: sizes, kind: sizes.some((size, k) => size !== asked[k]) ? 'clamped' : null };
}

/** "next,auto" → the named choices in the table's order; unknown names make it not a value. */
function readSubset(entry, text) {
  const names = String(text).split(/[\s,;]+/).map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (!names.every((name) => entry.choices.includes(name))) return undefined;
  return { value: entry.choices.filter((choice) => names.includes(choice)), kind: null };
}

const exact = (value) => (value === undefined ? undefined : { value, kind: null });

/**
 * A URL text → {value, kind}, or undefined when it is not a value of the entry; kind says how
 * the value differs from the text's: 'clamped' (out of range), 'rounded' (snapped), or null.
 */
export function readValue(catalog, entry, text) {
  switch (entry.kind) {
    case 'choice': return exact(parseChoice(entry, text));
    case 'number': return readNumber(entry, text);
    case 'integer': return readNumber(entry, text);
    case 'boolean': return exact(parseBoolean(catalog.booleanWords, text));
    case 'sizes': return readSizes(entry, text);
    case 'subset': return readSubset(entry, text);
    default: return undefined;
  }
}

/** A URL (or input) text → the entry's value, or undefined when it is not one. */
export function parseValue(catalog, entry, text) {
  return readValue(catalog, entry, text)?.value;
}

/** A value as the URL writes it. */
export function formatValue(entry, value) {
  if (entry.kind === 'boolean') return value ? '1' : '0';
  if (entry.kind === 'sizes') return value.length ? value.join(',') : '0';
  return entry.kind === 'subset' ? value.join(',') : String(value);
}

/** The hidden-layers text field's parser and formatter, with the table's bounds. */
export function hiddenLayers(catalog) {
  const entry = settingEntry(catalog, 'hidden');
  const parse = (text) => {
    const read = readSizes(entry, text);
    return read && !read.kind ? read.value : undefined;
  };
  return { parse, format: (sizes) => formatValue(entry, sizes) };
}

/** The settings every page starts with before the URL is read. */
export function defaultSettings(catalog) {
  return Object.fromEntries(catalog.settings.map(({ key, default: initial }) =>
    [key, structuredClone(initial)]));
}

/** [name, fields] of the preset that configures this data set (the walkthrough's), or undefined. */
export function presetOf(catalog, dataset) {
  return Object.entries(catalog.presets ?? {}).find(([, fields]) => fields.dataset === dataset);
}

/**
 * The defaults on this data set: the table's, with its preset's values where it has one (the
 * walkthrough's η = 0.5), so that a URL names only what differs from what the preset sets. The
 * data set itself keeps the table's default: it is what a URL names to choose the preset.
 */
export function baseSettings(catalog, dataset) {
  const base = defaultSettings(catalog);
  const [, fields] = presetOf(catalog, dataset) ?? [];
  for (const { key, config } of catalog.settings) {
    if (fields && key !== 'dataset' && config in fields) base[key] = structuredClone(fields[config]);
  }
  return base;
}

/**
 * Read settings from a query string ("?lang=en&lr=0.5"), saying what it could not take as given:
 * {settings, notices: [{param, text, used, kind: 'invalid' | 'clamped' | 'rounded'}]}. A bad value
 * keeps the default (on a preset's data set, the preset's value), a number out of range is
 * clamped, one with more digits than its setting keeps is rounded; `used` is the value kept, as
 * the URL writes it.
 */
export function readSettings(catalog, search) {
  const params = new URLSearchParams(search);
  const datasetEntry = settingEntry(catalog, 'dataset');
  const datasetText = params.get(datasetEntry.param);
  const dataset = (datasetText !== null && parseValue(catalog, datasetEntry, datasetText)) || datasetEntry.default;
  const settings = baseSettings(catalog, dataset);
  const notices = [];
  for (const entry of catalog.settings) {
    const text = params.get(entry.param);
    if (text === null) continue;
    const read = readValue(catalog, entry, text);
    if (read) settings[entry.key] = read.value;
    if (!read || read.kind) {
      notices.push({ param: entry.param, text, kind: read ? read.kind : 'invalid',
        used: formatValue(entry, settings[entry.key]) });
    }
  }
  return { settings, notices };
}

/** Read settings from a query string; unknown or bad values keep defaults, out of range is clamped. */
export function parseSettings(catalog, search) {
  return readSettings(catalog, search).settings;
}

/** Whether two settings' values are the same (numbers, strings, lists of them). */
export const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * An escaped query text with its commas back: a comma is as good in a query (RFC 3986's
 * sub-delims) and reads back the same, so lists ("hidden=3,2") stay as a teacher would type them.
 */
export const keepCommas = (escaped) => escaped.replace(/%2C/g, ',');

/**
 * Write settings as a query string ("?lr=0.5"), naming only the ones that differ from the
 * defaults on their data set (baseSettings: on the walkthrough, η = 0.1 is named and 0.5 is not).
 */
export function serializeSettings(catalog, settings) {
  const params = new URLSearchParams();
  const base = baseSettings(catalog, settings.dataset);
  for (const entry of catalog.settings) {
    const value = settings[entry.key];
    if (value === undefined || sameValue(value, base[entry.key])) continue;
    params.set(entry.param, formatValue(entry, value));
  }
  const query = keepCommas(params.toString());
  return query ? `?${query}` : '';
}

/**
 * The `configure` message that gives the server these settings. On a preset's data set it names
 * the preset (the walkthrough's own weights) and then every setting, which the server applies
 * after it (docs/protocol.md): those the preset fixes are its values unless the student or the
 * URL changed them (baseSettings), so what the server runs is what the page and its URL say.
 */
export function configureMessage(catalog, settings) {
  const [preset] = presetOf(catalog, settings.dataset) ?? [];
  const message = preset ? { op: 'configure', preset } : { op: 'configure' };
  for (const { key, config } of catalog.settings) {
    if (config) message[config] = settings[key];
  }
  return message;
}

/** Settings updated from a server `state.config` (the page's own choices and language are kept). */
export function settingsFromConfig(catalog, settings, config) {
  const next = { ...settings };
  for (const { key, config: field } of catalog.settings) {
    if (!field || field === 'lang' || !config || !(field in config)) continue;
    next[key] = structuredClone(config[field]);
  }
  return next;
}
