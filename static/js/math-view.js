// math-view.js — owns what the math panel's element (#bp_math) holds from one state to the next.
// A panel of the shape already on screen (same words and elements, other numbers) takes its new
// numbers in place: rebuilding ~470 MathML elements is the page's costliest layout (~5 ms warm,
// 10–16 ms the first time on a 2-core machine), rewriting their numbers ~2 ms. While auto-training
// the panel waits for the pause, and the panel the pause will show is built ahead, in idle time
// and hidden: the frame that shows the stop then only writes its numbers and unhides it
// (issue 8: ≥ 55 frames a second, the stop frame included).

import { buildOutline, panelOutline, writeNumbers } from './mathpanel.js';

/** The class that keeps a panel built ahead out of sight (and of the layout's height): network.css. */
export const AHEAD_CLASS = 'bp-mathpanel--ahead';
/** A panel built ahead moves in a few elements at a time, while an idle period has this much left (ms). */
const SLICE_MS = 4;

/** A built panel's parts as [parent, child] in build order, taken out of it: rows one by one. */
function takeApart(root) {
  const parts = [];
  for (const child of [...root.children]) {
    parts.push([root, child]);
    const rows = child.querySelector('.bp-math-rows');
    for (const row of rows ? [...rows.children] : []) parts.push([rows, row]);
  }
  for (const [, child] of parts) child.remove();
  return parts;
}

/**
 * view.show(server, options) puts the panel of a state on screen (options: mathpanel's
 * {precision, selection, lang}); view.prepare(server, options) builds it ahead, hidden, in idle
 * time (whenIdle(fn) calls fn({timeRemaining}) once the page is idle), for a later show().
 */
export function createMathView(doc, container, whenIdle) {
  let shown = null; // {shape, root, numbers} on screen, or null
  let ahead = null; // {shape, root, numbers, pending: [parent, child] still to put in} built ahead, hidden
  let wanted = null; // {server, options} prepare() was last asked for, until the idle time takes it
  let waiting = false; // an idle callback is asked for

  function dropAhead() {
    ahead?.root.remove();
    ahead = null;
  }

  function show(server, options) {
    wanted = null;
    if (!server) {
      dropAhead();
      container.replaceChildren();
      shown = null;
      return;
    }
    const outline = panelOutline(server, options);
    if (shown?.shape === outline.shape) {
      dropAhead();
      writeNumbers(shown.numbers, outline.numbers);
      return;
    }
    if (ahead?.shape === outline.shape) {
      for (const [parent, child] of ahead.pending) parent.appendChild(child);
      writeNumbers(ahead.numbers, outline.numbers);
      shown?.root.remove();
      ahead.root.classList.remove(AHEAD_CLASS);
      ahead.root.removeAttribute('aria-hidden');
      shown = ahead;
      ahead = null;
      return;
    }
    dropAhead();
    const built = buildOutline(doc, outline, options);
    container.replaceChildren(built.root);
    shown = { shape: outline.shape, root: built.root, numbers: built.numbers };
  }

  /** Build the wanted panel ahead if its shape is new, then put its parts in while the idle time lasts. */
  function work(deadline) {
    waiting = false;
    if (wanted) {
      const outline = panelOutline(wanted.server, wanted.options);
      if (outline.shape !== shown?.shape && outline.shape !== ahead?.shape) {
        dropAhead();
        const built = buildOutline(doc, outline, wanted.options);
        built.root.classList.add(AHEAD_CLASS);
        built.root.setAttribute('aria-hidden', 'true');
        ahead = { shape: outline.shape, root: built.root, numbers: built.numbers, pending: takeApart(built.root) };
        container.appendChild(built.root);
      }
      wanted = null;
    }
    while (ahead?.pending.length && deadline.timeRemaining() > SLICE_MS) {
      const [parent, child] = ahead.pending.shift();
      parent.appendChild(child);
      child.getBoundingClientRect(); // laid out now, in idle time, rather than in the next frame
    }
    if (ahead?.pending.length) ask();
  }

  function ask() {
    if (waiting) return;
    waiting = true;
    whenIdle(work);
  }

  /** Build the panel of `server` ahead, in idle time: the later show() of a state of its shape is cheap. */
  function prepare(server, options) {
    if (!server) return;
    wanted = { server, options };
    ask();
  }

  return { show, prepare };
}
