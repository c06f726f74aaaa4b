// embed: what a teacher's URL asks of the page, and what the page says back. Which controls the
// URL hides (`controls=`) and so which guided experiments it offers, the short notices for URL
// values that were dropped or clamped, the link and iframe snippet of "Compartilhar", and why the
// actions are off. Pure: main.js applies it.

import { settingEntry } from './settings.js';

/** The control names (data-control of the page's parts) that `settings.controls` leaves out. */
export function hiddenControlNames(catalog, settings) {
  const shown = new Set(settings.controls ?? []);
  return settingEntry(catalog, 'controls').choices.filter((name) => !shown.has(name));
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
