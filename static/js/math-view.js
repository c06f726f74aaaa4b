// math-view.js — owns what the math panel's element (#bp_math) holds from one state to the next.
// A panel of the shape already on screen (same words and elements, other numbers) takes its new
// numbers in place: rebuilding ~470 MathML elements is the page's costliest layout (~5 ms warm,
// 10–16 ms the first time on a 2-core machine), rewriting their numbers ~2 ms. While auto-training
// the panel waits for the pause, and for the frame that shows it to be painted (main.js).
// A large network's panel (up to ~45,000 elements for a backward pass through six layers of 8)
// is built a screenful first and the rest of its rows in idle time after, a few at a time: built
// in one go it held the page for 0.5–0.9 s (2026-12-03, docs/performance.md: "The math panel of a large network").
// The idle-time builder goes top-down; a row the student scrolls to first is built as it comes
// into view.

import { buildOutline, buildRow, panelOutline, writeNumbers } from './mathpanel.js';

// A panel costing at most WHOLE_PANEL (mathpanel's row cost: its JSON length, ~8 characters an
// element) is built at once: every panel of a 2–2–1 network (≤ ~7,500). A larger one builds rows
// costing FIRST_ROWS first (about what a forward or update shows in the panel's box), then at most
// LATER_ROWS a task: on screen, MathML costs ~25 µs an element to lay out on a 2-core machine.
export const WHOLE_PANEL = 12000;
const FIRST_ROWS = 4000;
const LATER_ROWS = 6000;
// How far below or above the panel's box a stand-in counts as in view (built before it shows).
const IN_VIEW_MARGIN = '200px 0px';

/** Run fn when the page is idle (or soon, where the browser cannot tell). */
function whenIdle(win, fn) {
  if (win.requestIdleCallback) win.requestIdleCallback(fn, { timeout: 500 });
  else win.setTimeout(fn, 16);
}

/** view.show(server, options) puts the panel of a state on screen (options: mathpanel's {precision, selection, lang}). */
export function createMathView(doc, container, win = doc.defaultView) {
  let shown = null; // {shape, outline, built, inView (its observer)} on screen, or null

  /** Build the next stand-ins of the panel on screen, then come back for the rest. */
  function buildLater(panel) {
    if (shown !== panel) return; // replaced meanwhile: its rows are no longer wanted
    const { built, outline } = panel;
    let cost = 0;
    for (let k = 0; k < built.rows.length && cost < LATER_ROWS; k += 1) {
      if (built.rows[k].numbers) continue;
      buildRow(doc, outline, built, k);
      cost += outline.rows[k].cost;
    }
    if (built.rows.some((r) => !r.numbers)) whenIdle(win, () => buildLater(panel));
    else panel.inView?.disconnect();
  }

  /** Watch the panel's stand-ins and build each as it comes near the screen (null without an observer). */
  function buildInView(panel) {
    if (!win.IntersectionObserver) return null;
    const standIns = new Map();
    panel.built.rows.forEach((r, k) => r.numbers || standIns.set(r.el, k));
    const observer = new win.IntersectionObserver((entries) => {
      if (shown !== panel) return observer.disconnect();
      for (const { target, isIntersecting } of entries) {
        const k = standIns.get(target);
        if (!isIntersecting || k === undefined) continue;
        observer.unobserve(target);
        if (!panel.built.rows[k].numbers) buildRow(doc, panel.outline, panel.built, k);
      }
    }, { rootMargin: IN_VIEW_MARGIN });
    for (const el of standIns.keys()) observer.observe(el);
    return observer;
  }

  function show(server, options) {
    if (!server) {
      container.replaceChildren();
      shown?.inView?.disconnect();
      shown = null;
      return;
    }
    const outline = panelOutline(server, options);
    if (shown?.shape === outline.shape) {
      shown.outline = outline; // rows still to build take these numbers
      shown.built.rows.forEach((r, k) => r.numbers && writeNumbers(r.numbers, outline.rows[k].numbers));
      return;
    }
    const whole = outline.rows.reduce((sum, r) => sum + r.cost, 0) <= WHOLE_PANEL;
    const built = buildOutline(doc, outline, options, whole ? Infinity : FIRST_ROWS);
    container.replaceChildren(built.root);
    shown?.inView?.disconnect();
    const panel = { shape: outline.shape, outline, built, inView: null };
    shown = panel;
    if (built.rows.some((r) => !r.numbers)) {
      panel.inView = buildInView(panel);
      whenIdle(win, () => buildLater(panel));
    }
  }

  return { show };
}
