// on-screen: which drawings are in (or near) the viewport. Auto-training redraws only those the
// student can see; the others wait until they scroll in or training stops, so the frames while
// training carry no work for pictures nobody is looking at (issue 8: ≥ 55 frames a second).

/** How far outside the viewport a drawing still counts as on screen (it is drawn before it shows). */
export const NEAR = '200px 0px';

/** Whether the view `name` is drawn now: it has a size, and it is on screen or nothing trains. */
export function drawsNow(view, name, training) {
  return Boolean(view[name]) && !(training && view.offScreen?.has(name));
}

/**
 * Watch `targets` ({name: element}); onChange(offScreen) gets the Set of the names out of view,
 * each time one comes into view (so it can be drawn) and once at the start. Returns a stop function.
 */
export function watchOnScreen(win, targets, onChange) {
  const names = new Map(Object.entries(targets).map(([name, element]) => [element, name]));
  const offScreen = new Set();
  let started = false;
  const observer = new win.IntersectionObserver((entries) => {
    let cameIn = false;
    for (const { target, isIntersecting } of entries) {
      const name = names.get(target);
      if (isIntersecting) cameIn = offScreen.delete(name) || cameIn;
      else offScreen.add(name);
    }
    // Leaving the viewport needs no drawing; the Set is shared, so it is up to date anyway.
    if (cameIn || !started) onChange(offScreen);
    started = true;
  }, { rootMargin: NEAR });
  for (const element of names.keys()) observer.observe(element);
  return () => observer.disconnect();
}
