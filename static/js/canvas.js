// canvas: keeps a canvas's backing store at its CSS size × devicePixelRatio, so drawing code can
// work in CSS pixels and still be sharp; re-fits when the element resizes or the ratio changes
// (zoom, moving the window to another screen).

/** Resize the backing store for this CSS size and ratio; return the context in CSS pixels. */
export function fitCanvas(canvas, cssWidth, cssHeight, ratio) {
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/**
 * Watch a canvas: call onFit({ctx, width, height}) (CSS pixels) now-ish and whenever its CSS
 * size or the window's devicePixelRatio changes. `win` is the window. With `now`, the canvas is
 * measured at once (a layout forced now rather than in the next frame) and onFit called before
 * this returns; the observer's first report of that same size is then not handed on again.
 * Returns a stop function.
 */
export function watchCanvas(win, canvas, onFit, { now = false } = {}) {
  let size = { width: 0, height: 0 };
  let stopRatioWatch = () => {};

  function refit() {
    if (size.width <= 0 || size.height <= 0) return;
    const ctx = fitCanvas(canvas, size.width, size.height, win.devicePixelRatio || 1);
    onFit({ ctx, width: size.width, height: size.height });
  }

  function watchRatio() {
    stopRatioWatch();
    const query = win.matchMedia(`(resolution: ${win.devicePixelRatio || 1}dppx)`);
    const changed = () => {
      watchRatio();
      refit();
    };
    query.addEventListener('change', changed, { once: true });
    stopRatioWatch = () => query.removeEventListener('change', changed);
  }

  const observer = new win.ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    if (box.width === size.width && box.height === size.height) return; // fitted to it already
    size = { width: box.width, height: box.height };
    refit();
  });
  observer.observe(canvas);
  watchRatio();
  if (now) {
    const box = canvas.getBoundingClientRect(); // the canvas has no border or padding: its content box
    size = { width: box.width, height: box.height };
    refit();
  }
  return () => {
    observer.disconnect();
    stopRatioWatch();
  };
}
