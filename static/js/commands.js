// commands: what each student action sends to the server, and in which order. Runs the
// auto-training loop (one `train` request at a time, the next only after the answer was drawn),
// cuts a `train` in flight short when the student acts or pauses, and resumes the session when
// the socket (re)opens, from the snapshot the store holds.
// No DOM: it talks to the socket's request() and the store's dispatch()/getState().

import { configureMessage } from './settings.js';
import { heldSnapshot } from './store.js';
import { paceOf, stopReason, trainMessage } from './pace.js';
import { reconnectNotice } from './reconnect.js';

/** Ops that end auto-training before they are sent (a student took the wheel). */
const STOPS_TRAINING = new Set(['step', 'forward', 'backward', 'update', 'reset', 'undo', 'set',
  'restore']);

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The page's scientific notation as JavaScript's: "1,00×10⁻¹²" → "1,00e-12" (other text as it is). */
function eNotation(text) {
  return text.replace(/\s*[×x]\s*10([⁻⁺]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/, (whole, sign, digits) =>
    `e${sign === '⁻' ? '-' : ''}${[...digits].map((d) => SUPERSCRIPT_DIGITS.indexOf(d)).join('')}`);
}

/**
 * Text a student typed as a number ("0,5" or "0.5" in either language, "−1.2", "3e-2", the
 * page's own "1,00×10⁻¹²") → number, or null. No number is written with thousands separators.
 */
export function parseUserNumber(text) {
  const cleaned = eNotation(String(text).trim()).replace(/\u2212/g, '-').replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** The `set` message that edits the selected number, or null if it is not editable. */
export function setMessage(selection, value) {
  const { what, layer, row, col, index } = selection ?? {};
  if (what === 'weight') return { op: 'set', what, layer, row, col, value };
  if (what === 'bias') return { op: 'set', what, layer, row, value };
  if (what === 'input') return { op: 'set', what, index, value };
  if (what === 'target') return { op: 'set', what, value };
  return null;
}

/**
 * The range [low, high] an edit of `what` must keep to (the catalog's `edits`, the very table the
 * server checks a `set` against) when `value` is outside it; null when it fits (or `what` has none).
 */
export function editOutOfRange(edits, what, value) {
  const range = edits?.[what];
  return range && (value < range[0] || value > range[1]) ? range : null;
}

/**
 * Options: request(message, {first, cutIn}) → Promise<reply>, dispatch, getState, nextFrame() →
 * Promise (one animation frame), wait(ms) → Promise (the slow paces' pause), kept: the snapshot
 * a reload of the page kept (reload.js), resumed on the first open. Every action is one
 * request and one reply: the page keeps no snapshot round trips, since each state carries the
 * session's `resume` record. An action cuts in behind a `train` in flight: the server ends that
 * train at its next epoch (a thousand epochs of a large network are half a minute).
 */
export function createCommands({ request, dispatch, getState, nextFrame, wait = () => nextFrame(), kept = null }) {
  let trainLoopRunning = false;
  let trainInFlight = false;
  let reloaded = kept; // the session a reload of this page kept (reload.js): the first open resumes it
  let sessionSetUp = false; // an open has set up the session: a later open is a reconnect

  function stopTraining() {
    if (getState().training) dispatch({ type: 'training', on: false });
  }

  /** Send one student action; answers the reply, or null when the connection dropped. */
  async function act(message) {
    dispatch({ type: 'clearMessage' });
    if (STOPS_TRAINING.has(message.op)) stopTraining();
    try {
      return await request(message, { cutIn: true });
    } catch {
      return null;
    }
  }

  /** Auto-training: one request at a time at the chosen pace, until paused or a stop reason. */
  async function runTrainLoop() {
    if (trainLoopRunning) return;
    trainLoopRunning = true;
    try {
      while (getState().training) {
        const { settings, server } = getState();
        const pace = paceOf(settings.speed);
        const validated = Boolean(server?.metrics?.val_best);
        const message = trainMessage(settings, server?.epoch ?? 0, validated);
        trainInFlight = message.op === 'train'; // the slow paces send steps: quick, nothing to cut short
        const reply = await request(message);
        trainInFlight = false;
        if (reply.type !== 'state') break;
        const reason = stopReason(reply, getState().settings, getState().settings.precision);
        if (reason) {
          dispatch({ type: 'notice', kind: 'info', ...reason });
          break;
        }
        if (pace.mode === 'adaptive') {
          // As fast as possible: the next request goes at once, while the store draws the
          // latest state in the next frame (still one request in flight).
          continue;
        }
        await (pace.mode === 'phase' && pace.pause ? wait(pace.pause) : nextFrame());
      }
    } catch {
      // The connection dropped: training stops; the socket reconnects and restores.
    } finally {
      trainLoopRunning = trainInFlight = false;
      stopTraining();
    }
  }

  /** Pause: an empty `configure` (it changes nothing) ends the `train` in flight at its next epoch. */
  function pause() {
    stopTraining();
    if (trainInFlight) request({ op: 'configure' }, { cutIn: true }).catch(() => null);
  }

  function toggleTraining() {
    if (getState().training) return pause();
    dispatch({ type: 'clearMessage' });
    dispatch({ type: 'training', on: true });
    return runTrainLoop();
  }

  /**
   * On each (re)open: restore the session the page holds, else configure from the settings. A
   * reconnect that restored says so, and whether the undo history it had is gone (reconnect.js).
   */
  async function resume() {
    const first = (message) => request(message, { first: true });
    const state = getState();
    const snapshot = heldSnapshot(state) ?? reloaded;
    const reopened = sessionSetUp;
    reloaded = null;
    try {
      if (snapshot) {
        let reply = await first({ op: 'restore', snapshot });
        if (reply.type === 'state') {
          sessionSetUp = true;
          const { lang } = getState().settings;
          if (reply.config?.lang !== lang) reply = await first({ op: 'configure', lang });
          const notice = reconnectNotice({ reopened, undoBefore: state.server?.undo_depth ?? 0,
            undoAfter: reply.undo_depth ?? 0, showing: Boolean(getState().message) });
          if (notice) dispatch(notice);
          return;
        }
      }
      const reply = await first(configureMessage(state.catalog, getState().settings));
      if (reply.type === 'state') sessionSetUp = true;
      if (reply.type === 'state' && snapshot) dispatch({ type: 'notice', key: 'resume_lost' });
    } catch {
      // Dropped again: the next open tries again.
    }
  }

  return {
    act,
    configure: (fields) => act({ op: 'configure', ...fields }),
    toggleTraining,
    stopTraining,
    resume,
  };
}
