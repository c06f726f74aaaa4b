// reload: the session kept across a reload of the same page (F5, a phone's pull-to-refresh, a
// tab the browser discarded and loads again): when the page is left, the snapshot it holds goes
// to sessionStorage (this tab's, this origin's), and only a reload of the very same address
// takes it back. Any other visit, a link or a typed URL, starts from its URL as before.
// No DOM beyond the window it is given.

const KEY = 'bp-session';

/** Write `snapshotNow()` (or forget the kept one when there is none) each time the page is left. */
export function keepWhenLeaving(win, snapshotNow) {
  win.addEventListener('pagehide', () => {
    const snapshot = snapshotNow();
    try {
      if (snapshot) win.sessionStorage.setItem(KEY, JSON.stringify({ href: win.location.href, snapshot }));
      else win.sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused (a sandboxed frame, a full quota): a reload starts afresh, as it always did.
    }
  });
}

/**
 * The snapshot kept by the page this one reloads, or null: the kept entry is taken (read and
 * removed) in any case, and answered only when this visit is a reload of the address it was
 * kept for.
 */
export function takeKept(win) {
  try {
    const text = win.sessionStorage.getItem(KEY);
    win.sessionStorage.removeItem(KEY);
    if (!text) return null;
    const kept = JSON.parse(text);
    const navigation = win.performance?.getEntriesByType?.('navigation')?.[0];
    const reloaded = navigation?.type === 'reload' && kept?.href === win.location.href;
    return reloaded && kept.snapshot ? kept.snapshot : null;
  } catch {
    return null;
  }
}
