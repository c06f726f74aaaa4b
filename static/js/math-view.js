// math-view.js — owns what the math panel's element (#bp_math) holds from one state to the next.
// A panel of the shape already on screen (same words and elements, other numbers) takes its new
// numbers in place: rebuilding ~470 MathML elements is the page's costliest layout (~5 ms warm,
// 10–16 ms the first time on a 2-core machine), rewriting their numbers ~2 ms. While auto-training
// the panel waits for the pause, and for the frame that shows it to be painted (main.js).

import { buildOutline, panelOutline, writeNumbers } from './mathpanel.js';

/** view.show(server, options) puts the panel of a state on screen (options: mathpanel's {precision, selection, lang}). */
export function createMathView(doc, container) {
  let shown = null; // {shape, root, numbers} on screen, or null

  function show(server, options) {
    if (!server) {
      container.replaceChildren();
      shown = null;
      return;
    }
    const outline = panelOutline(server, options);
    if (shown?.shape === outline.shape) {
      writeNumbers(shown.numbers, outline.numbers);
      return;
    }
    const built = buildOutline(doc, outline, options);
    container.replaceChildren(built.root);
    shown = { shape: outline.shape, root: built.root, numbers: built.numbers };
  }

  return { show };
}
