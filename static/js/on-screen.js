// on-screen: which drawings are in (or near) the viewport. Auto-training redraws only those the
// student can see; the others wait until they scroll in, or until the page is idle after training
// stopped (the frame that shows the stop draws only what is on screen), or until the page is
// printed. Issue 8: ≥ 55 frames a second while training.

/** How far outside the viewport a drawing still counts as on screen (it is drawn before it shows). */
export const NEAR = '200px 0px';
/** The longest wait for an idle moment before the views out of view catch up after training (ms). */
export const SETTLE_MS = 300;

/**
 * Watch `targets` ({name: element}) and answer {draws(name, training), drawAll(), stop()}. draws()
 * says whether the view `name` is drawn in this render: always, but while training and until the
 * page is idle after it, only when on screen. redraw() is called when a view comes into view, once
 * the views out of view may catch up, and by drawAll(), for which every view draws.
 */
export function watchOnScreen(win, targets, redraw) {
  const names = new Map(Object.entries(targets).map(([name, element]) => [element, name]));
  const offScreen = new Set();
  const memory = { training: false, settling: false, all: false };
  const observer = new win.IntersectionObserver((entries) => {
    let cameIn = false;
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting) cameIn = offScreen.delete(names.get(target)) || cameIn;
      else offScreen.add(names.get(target));
    }
    if (cameIn) redraw(); // leaving the viewport needs no drawing
  }, { rootMargin: NEAR });
  for (const element of names.keys()) observer.observe(element);
  const whenIdle = win.requestIdleCallback
    ? (fn) => win.requestIdleCallback(fn, { timeout: SETTLE_MS }) : (fn) => win.setTimeout(fn, 50);

  function draws(name, training) {
    if (memory.training && !training) {
      memory.settling = true;
      whenIdle(() => {
        memory.settling = false;
        redraw();
      });
    }
    memory.training = training;
    return memory.all || !((training || memory.settling) && offScreen.has(name));
  }

  /** Draw every view now, out of view or not: a printout (or a page saved as PDF) shows them all,
   * so all of them must show the numbers printed beside them. redraw() must draw before it returns. */
  function drawAll() {
    memory.all = true;
    try {
      redraw();
    } finally {
      memory.all = false;
    }
  }

  return { draws, drawAll, stop: () => observer.disconnect() };
}
