// settings: the page's settings, read from the server's one table (app/protocol/catalog.py, embedded
// in the page as JSON and passed in as `catalog`), and the translations it drives: URL query ⇄
// settings object (with clamping), and settings → the server's `configure` message.
// A teacher embedding the page sets any of these in the iframe's URL, e.g. ?lang=en&lr=0.5.

const clamp = (value, min, max) => Math.min(max, Math.max(min, value));

/** The table's entry for a settings key ('lr', 'hidden', …). */
export function settingEntry(catalog, key) {
  return catalog.settings.find((entry) => entry.key === key);
}

/** A number as its entry keeps it: clamped, then `significant` digits or `decimals` places. */
export function snapNumber(entry, value) {
  const inRange = clamp(value, entry.min, entry.max);
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

/** {value, clamped} of a number text: out of range is clamped, then snapped as the table says. */
function readNumber(entry, text) {
  const value = Number(text.replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) return undefined;
  return { value: snapNumber(entry, value), clamped: value < entry.min || value > entry.max };
}

function readInteger(entry, text) {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return { value: clamp(value, entry.min, entry.max), clamped: value < entry.min || value > entry.max };
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
  if (trimmed === '0' || trimmed === '') return entry.min_layers === 0 ? { value: [], clamped: false } : undefined;
  const parts = trimmed.split(/\s*[,;\s-]\s*/);
  if (parts.length < entry.min_layers || parts.length > entry.max_layers) return undefined;
  if (!parts.every((part) => /^\d+$/.test(part))) return undefined;
  const asked = parts.map(Number);
  const sizes = asked.map((size) => clamp(size, entry.min, entry.max));
  return { value: sizes, clamped: sizes.some((size, k) => size !== asked[k]) };
}

/** "next,auto" → the named choices in the table's order; unknown names make it not a value. */
function readSubset(entry, text) {
  const names = String(text).split(/[\s,;]+/).map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (!names.every((name) => entry.choices.includes(name))) return undefined;
  return { value: entry.choices.filter((choice) => names.includes(choice)), clamped: false };
}

const exact = (value) => (value === undefined ? undefined : { value, clamped: false });

/** A URL text → {value, clamped}, or undefined when it is not a value of the entry. */
export function readValue(catalog, entry, text) {
  switch (entry.kind) {
    case 'choice': return exact(parseChoice(entry, text));
    case 'number': return readNumber(entry, text);
    case 'integer': return readInteger(entry, text);
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
    return read && !read.clamped ? read.value : undefined;
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
 * {settings, notices: [{param, text, used, kind: 'invalid' | 'clamped'}]}. A bad value keeps the
 * default (on a preset's data set, the preset's value), a number out of range is clamped; `used`
 * is the value kept, as the URL writes it.
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
    if (!read || read.clamped) {
      notices.push({ param: entry.param, text, kind: read ? 'clamped' : 'invalid',
        used: formatValue(entry, settings[entry.key]) });
    }
  }
  return { settings, notices };
}

/** Read settings from a query string; unknown or bad values keep defaults, out of range is clamped. */
export function parseSettings(catalog, search) {
  return readSettings(catalog, search).settings;
}

const sameValue = (a, b) => JSON.stringify(a) === JSON.stringify(b);

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
  const query = params.toString();
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
