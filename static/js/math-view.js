// math-view.js — owns what the math panel's element (#bp_math) holds from one state to the next.
// A panel of the shape already on screen (same words and elements, other numbers) takes its new
// numbers in place: rebuilding ~470 MathML elements is the page's costliest layout (~5 ms warm,
// 10–16 ms the first time on a 2-core machine), rewriting their numbers ~2 ms. While auto-training
// the panel waits for the pause, and the panel the pause will show is built ahead, in idle time
// and hidden: the frame after the one that shows the stop (main.js) then only writes its numbers
// and unhides it (issue 8: ≥ 55 frames a second, the stop frame included).

import { buildOutline, outlineSteps, panelOutline, writeNumbers } from './mathpanel.js';

/** The class that keeps a panel built ahead out of sight (and of the layout's height): network.css. */
export const AHEAD_CLASS = 'bp-mathpanel--ahead';
/**
 * A panel built ahead grows one row at a time while an idle period has this much left (ms): a
 * row takes 1–2 ms to build and lay out, up to ~8 ms cold on a busy 2-core machine.
 */
const SLICE_MS = 8;

/**
 * view.show(server, options) puts the panel of a state on screen (options: mathpanel's
 * {precision, selection, lang}); view.prepare(server, options) builds it ahead, hidden, in idle
 * time (whenIdle(fn) calls fn({timeRemaining}) once the page is idle), for a later show().
 */
export function createMathView(doc, container, whenIdle) {
  let shown = null; // {shape, root, numbers} on screen, or null
  let ahead = null; // {shape, root, numbers, steps: those still to run} built ahead, hidden
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
      for (const step of ahead.steps) step();
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

  /** Start the wanted panel ahead if its shape is new, then build it a row at a time while the idle time lasts. */
  function work(deadline) {
    waiting = false;
    if (wanted && deadline.timeRemaining() > SLICE_MS) {
      const outline = panelOutline(wanted.server, wanted.options);
      if (outline.shape !== shown?.shape && outline.shape !== ahead?.shape) {
        dropAhead();
        const { root, numbers, steps } = outlineSteps(doc, outline, wanted.options);
        root.classList.add(AHEAD_CLASS);
        root.setAttribute('aria-hidden', 'true');
        container.appendChild(root);
        ahead = { shape: outline.shape, root, numbers, steps };
      }
      wanted = null;
    }
    while (ahead?.steps.length && deadline.timeRemaining() > SLICE_MS) {
      ahead.steps.shift()().getBoundingClientRect(); // laid out now, in idle time, not in the next frame
    }
    if (wanted || ahead?.steps.length) ask();
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
