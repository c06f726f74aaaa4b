// store: the page's one state object, the pure reduce() that computes the next one from a server
// message or a UI action, and a tiny subscribe/dispatch store whose redraws are coalesced into
// one animation frame per change.

import { settingsFromConfig } from './settings.js';

/**
 * The state:
 *   server      the last `state` message (without `history` and `snapshot`), or null
 *   history     the loss curve, [[epoch, loss], …], kept by history.from + points
 *   snapshot    the last snapshot the server gave us (to restore after a reconnect), or null
 *   message     {kind: 'error' | 'info', text (from the server) or key (i18n), code}, or null
 *   settings    see settings.js
 *   selection   what the student picked on the network, or null
 *   training    true while auto-training
 *   connection  {status: 'connecting' | 'open' | 'waiting', retryInMs, reason}
 */
export function initialState(settings) {
  return {
    server: null,
    history: [],
    snapshot: null,
    message: null,
    settings,
    selection: null,
    training: false,
    connection: { status: 'connecting', retryInMs: 0 },
  };
}

/** Keep the first `from` points we hold, then append the new ones (protocol: history). */
export function mergeHistory(previous, history) {
  if (!history || !Array.isArray(history.points)) return previous;
  const from = Number.isInteger(history.from) ? history.from : previous.length;
  if (history.points.length === 0 && from >= previous.length) return previous; // nothing new
  const kept = previous.slice(0, Math.max(0, Math.min(from, previous.length)));
  return kept.concat(history.points);
}

function reduceServerState(state, message) {
  const { history, snapshot, ...server } = message;
  return {
    ...state,
    server,
    history: mergeHistory(state.history, history),
    snapshot: snapshot ?? state.snapshot,
    settings: settingsFromConfig(state.settings, server.config),
    selection: stillSelectable(state.selection, server.sizes) ? state.selection : null,
  };
}

/** A selection survives a new state only if the network still has that parameter. */
function stillSelectable(selection, sizes) {
  if (!selection || !Array.isArray(sizes)) return false;
  const { what, layer, row, col, index } = selection;
  if (what === 'weight') return row < (sizes[layer + 1] ?? 0) && col < sizes[layer];
  if (what === 'bias') return row < (sizes[layer + 1] ?? 0);
  if (what === 'neuron') return index < (sizes[layer] ?? 0);
  return true;
}

/**
 * The server refused a message and changed nothing: show its sentence. A refused `configure`
 * also puts the settings back to what the server still has (inputs show them at once).
 */
function reduceServerError(state, { code, message, reply_to: replyTo }) {
  const settings = replyTo === 'configure' && state.server
    ? settingsFromConfig(state.settings, state.server.config)
    : state.settings;
  return { ...state, settings, message: { kind: 'error', code, text: String(message ?? code) } };
}

const ACTIONS = {
  state: reduceServerState,
  error: reduceServerError,
  notice: (state, { kind = 'info', key, text }) => ({ ...state, message: { kind, key, text } }),
  clearMessage: (state) => (state.message ? { ...state, message: null } : state),
  settings: (state, { patch }) => ({ ...state, settings: { ...state.settings, ...patch } }),
  select: (state, { selection }) => ({ ...state, selection }),
  training: (state, { on }) => (state.training === on ? state : { ...state, training: on }),
  connection: (state, { status, retryInMs = 0, reason = '' }) => (
    { ...state, connection: { status, retryInMs, reason } }),
  forgetSnapshot: (state) => ({ ...state, snapshot: null }),
};

/** The next state after `message` (a server message or a UI action); never mutates `state`. */
export function reduce(state, message) {
  const action = message && ACTIONS[message.type];
  return action ? action(state, message) : state;
}

/**
 * A store around reduce(). Subscribers run at most once per animation frame, with the latest
 * state, however many messages arrived in between. `scheduleFrame` is requestAnimationFrame.
 */
export function createStore(initial, scheduleFrame) {
  let state = initial;
  let frameRequested = false;
  const subscribers = new Set();

  function notify() {
    frameRequested = false;
    for (const subscriber of subscribers) subscriber(state);
  }

  return {
    getState: () => state,
    dispatch(message) {
      const next = reduce(state, message);
      if (next === state) return;
      state = next;
      if (!frameRequested) {
        frameRequested = true;
        scheduleFrame(notify);
      }
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
  };
}
