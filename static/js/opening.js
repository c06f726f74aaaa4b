// opening: the state the server embedded in the page for its URL's settings (app/protocol/opening.py),
// so the first drawing need not wait for the WebSocket. It is used only when the configure the page
// will send is the one the server answered; the socket's own answer to it then takes over.

import { configureMessage } from './settings.js';

/** Two parsed JSON values alike, key order aside; numbers by Object.is, so -0 is not 0. */
export function sameJson(a, b) {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

/**
 * The embedded state message for these settings, or null: no element text, text that is not
 * {configure, state}, or a configure other than the one the page sends for `settings`.
 */
export function openingState(text, catalog, settings) {
  if (!text) return null;
  let opening;
  try {
    opening = JSON.parse(text);
  } catch {
    return null;
  }
  if (opening?.state?.type !== 'state') return null;
  return sameJson(opening.configure, configureMessage(catalog, settings)) ? opening.state : null;
}
