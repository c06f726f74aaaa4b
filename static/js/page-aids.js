// page-aids: the page's helpers around the widget: the "Compartilhar" panel (link and iframe
// snippet, copied through the clipboard with the text boxes as the visible fallback), the
// keyboard shortcuts, the polite live region's announcements, the notices about URL values and
// the controls a URL hides. Elements and the page's globals (location, clipboard, clock) come in
// from main.js; the words come from embed.js, shortcuts.js and announce.js.

import { controlShown, hiddenControlNames, shareTexts } from './embed.js';
import { shortcutFor } from './shortcuts.js';
import { phaseAnnouncement, trainingAnnouncement, TRAINING_ANNOUNCE_MS } from './announce.js';

/** Hide every part of the page (data-control="…") the URL's `controls=` leaves out. */
export function hideControls(parts, catalog, settings) {
  const hidden = new Set(hiddenControlNames(catalog, settings));
  for (const part of parts) part.hidden = hidden.has(part.dataset.control);
}

/**
 * Give every text that speaks of a control the URL's `controls=` leaves out (data-without-control)
 * its other wording (data-i18n-without), so the page never promises what it hides. Before the page
 * is translated: a later language switch keeps the wording too.
 */
export function wordForHiddenControls(texts, catalog, settings) {
  for (const text of texts) {
    if (!controlShown(catalog, settings, text.dataset.withoutControl)) text.dataset.i18n = text.dataset.i18nWithout;
  }
}

/**
 * The URL notices as a list (textContent only) in `region`, their polite live region, left empty
 * when there are none. A notice already shown keeps its element: a screen reader reads what was
 * added, so a new fragment's notice is read alone, not with the address's settings again.
 */
export function showUrlNotices(region, texts) {
  if (texts.length === 0) return region.replaceChildren();
  const doc = region.ownerDocument;
  let list = region.querySelector(':scope > ul');
  if (!list) {
    list = doc.createElement('ul');
    list.className = 'bp-url-notice__list';
    region.appendChild(list);
  }
  for (const item of [...list.children]) if (!texts.includes(item.textContent)) item.remove();
  texts.forEach((text, k) => {
    const at = list.children[k] ?? null;
    if (at?.textContent === text) return;
    const item = doc.createElement('li');
    item.textContent = text;
    list.insertBefore(item, at);
  });
  while (list.children.length > texts.length) list.lastElementChild.remove();
}

async function copyText(clipboard, text) {
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Wire "Compartilhar": env = {location, clipboard() (may answer undefined), query(), t()}. */
export function bindShare(el, env) {
  const say = (key) => { el.bp_shareStatus.textContent = env.t()(key); };
  el.bp_share.addEventListener('click', async () => {
    const { origin, pathname } = env.location;
    const texts = shareTexts({ origin, pathname, query: env.query(), title: env.t()('page_title') });
    el.bp_shareLink.value = texts.link;
    el.bp_shareSnippet.value = texts.snippet;
    el.bp_sharePanel.hidden = false;
    el.bp_share.setAttribute('aria-expanded', 'true');
    const clipboard = env.clipboard();
    const copied = clipboard ? await copyText(clipboard, texts.link) : false;
    say(copied ? 'share_copied' : 'share_failed');
    if (!copied) el.bp_shareLink.select();
  });
  el.bp_shareCopySnippet.addEventListener('click', async () => {
    const clipboard = env.clipboard();
    const copied = clipboard ? await copyText(clipboard, el.bp_shareSnippet.value) : false;
    say(copied ? 'share_snippet_copied' : 'share_failed');
    if (!copied) el.bp_shareSnippet.select();
  });
}

function toggleShortcutList(el) {
  el.bp_shortcuts.hidden = !el.bp_shortcuts.hidden;
  el.bp_keys.setAttribute('aria-expanded', String(!el.bp_shortcuts.hidden));
}

/** Keyboard shortcuts on `target` (the document): each presses its visible, enabled button. */
export function bindShortcuts(target, el) {
  const buttons = { next: el.bp_next, auto: el.bp_auto, undo: el.bp_undo, reset: el.bp_reset };
  el.bp_keys.addEventListener('click', () => toggleShortcutList(el));
  target.addEventListener('keydown', (event) => {
    const action = shortcutFor(event);
    if (!action) return;
    event.preventDefault();
    if (action === 'help') return toggleShortcutList(el);
    const button = buttons[action];
    if (!button.disabled && !button.hidden) button.click();
  });
}

/**
 * A store subscriber that speaks in the live region: after each new state a sentence about its
 * phase; while training, one about the epoch at most every TRAINING_ANNOUNCE_MS; when training
 * stops, where it stopped, and again for the answers that end it (the last `train`, the pause's
 * empty `configure`: see commands.js). The first state (the page opening) says nothing. now() is
 * the clock.
 */
export function createAnnouncer(region, now) {
  let lastServer = null;
  let wasTraining = false;
  let stopping = false; // training stopped, and only the answers that end it came since
  let lastSpoken = -Infinity;
  const speak = (text) => {
    if (text && region.textContent !== text) region.textContent = text;
    lastSpoken = now();
  };
  return (state, t) => {
    const { server, training, settings } = state;
    const stopped = wasTraining && !training;
    if (!server || server === lastServer) {
      if (stopped) speak(trainingAnnouncement(server, t, settings.precision, true));
      stopping = stopping || stopped;
      wasTraining = training;
      return;
    }
    const first = lastServer === null;
    lastServer = server;
    const endsTraining = server.reply_to === 'train' || (stopping && server.reply_to === 'configure');
    if (training) {
      if (!wasTraining || now() - lastSpoken >= TRAINING_ANNOUNCE_MS) speak(trainingAnnouncement(server, t, settings.precision));
    } else if (stopped || endsTraining) {
      // Stopped, or the last batch answered after the pause: where training stopped.
      speak(trainingAnnouncement(server, t, settings.precision, true));
    } else if (!first) {
      speak(phaseAnnouncement(server, t, settings.precision));
    }
    // The stop's answers are the train in flight and then the pause's own configure: after
    // that configure, a configure is a setting the student changed, not the stop again.
    stopping = !training && (stopped || server.reply_to === 'train');
    wasTraining = training;
  };
}
