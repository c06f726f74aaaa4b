// embed: what a teacher's URL asks of the page, and what the page says back. Which controls the
// URL hides (`controls=`) and so which guided experiments it offers, the short notices for URL
// values that were dropped or clamped and for a fragment's experiment the page does not open,
// the link and iframe snippet of "Compartilhar", and why the actions are off. Pure: main.js
// applies it.

import { settingEntry } from './settings.js';

/** The control names (data-control of the page's parts) that `settings.controls` leaves out. */
export function hiddenControlNames(catalog, settings) {
  const shown = new Set(settings.controls ?? []);
  return settingEntry(catalog, 'controls').choices.filter((name) => !shown.has(name));
}

/** Whether `settings.controls` keeps the control `name` (every one, without `controls=`). */
export function controlShown(catalog, settings, name) {
  return !hiddenControlNames(catalog, settings).includes(name);
}

/** Ids of the guided experiments the page offers: those whose instructions use only shown controls. */
export function offeredExperiments(catalog, settings) {
  const hidden = new Set(hiddenControlNames(catalog, settings));
  return catalog.experiments.filter(({ needs }) => !needs.some((name) => hidden.has(name))).map(({ id }) => id);
}

/** One sentence per URL value the page could not take as given (see settings.readSettings). */
export function urlNoticeTexts(notices, t) {
  const keys = { clamped: 'url_clamped', rounded: 'url_rounded' };
  return notices.map(({ param, text, used, kind }) => t(keys[kind] ?? 'url_invalid', { param, text, used }));
}

// The i18n key of the name each part a URL's `controls=` can hide goes by on the page: its
// button's, its field's label, its section's title; the toggles by their first, the course's own.
const CONTROL_LABELS = {
  next: 'next', auto: 'auto', speed: 'speed_label', undo: 'undo', reset: 'reset', share: 'share',
  lang: 'lang_label', dataset: 'data_label', activation: 'act_label', batch: 'batch_label', lr: 'lr_label',
  architecture: 'arch_title', edit: 'edit_control', toggles: 'show_grads', advanced: 'advanced', session: 'session_title',
};

/** The name the page shows on the part a `controls=` name stands for (every one the catalog lists). */
export function controlLabel(name, t) {
  return t(CONTROL_LABELS[name]);
}

/** "a, b e c" in pt-BR, "a, b, and c" in English. */
const listed = (items, t) => new Intl.ListFormat(t.lang, { type: 'conjunction' }).format(items);

/**
 * Why the page opens no experiment for the name its fragment gives (experiments.js experimentName;
 * null when none): a sentence for an unknown name, listing those offered here, or for a known one
 * this page does not offer, naming the controls it needs that `controls=` hides. None when it opens.
 */
export function experimentNoticeTexts(catalog, settings, name, t) {
  const offered = offeredExperiments(catalog, settings);
  if (name === null || offered.includes(name)) return [];
  const experiment = catalog.experiments.find(({ id }) => id === name);
  if (!experiment) {
    const key = { 0: 'url_exp_unknown_none', 1: 'url_exp_unknown_one' }[offered.length] ?? 'url_exp_unknown';
    return [t(key, { id: name, ids: listed(offered, t) })];
  }
  const hidden = new Set(hiddenControlNames(catalog, settings));
  const missing = experiment.needs.filter((control) => hidden.has(control));
  const controls = listed(missing.map((control) => `“${controlLabel(control, t)}”`), t);
  return [t(missing.length === 1 ? 'url_exp_hidden' : 'url_exp_hidden_many', { id: name, controls })];
}

/**
 * What "Compartilhar" offers: `link`, this page with the current settings; `embedLink`, the
 * widget alone (/embed) with the same settings; `snippet`, the iframe that shows it.
 */
export function shareTexts({ origin, pathname, query, title }) {
  const embedPath = pathname.replace(/\/(embed)?$/, '/embed');
  const embedLink = `${origin}${embedPath}${query}`;
  const safeTitle = title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const snippet = `<iframe src="${embedLink.replace(/&/g, '&amp;')}" title="${safeTitle}"\n` +
    '        style="width: 100%; max-width: 980px; border: 0; height: 1100px"\n' +
    '        loading="lazy"></iframe>';
  return { link: `${origin}${pathname}${query}`, embedLink, snippet };
}

/** The i18n key of why the action buttons are off (no connection), or null when they work. */
export function actionsBlockedReason(connection, server) {
  return connection.status === 'open' && server ? null : 'offline_reason';
}
