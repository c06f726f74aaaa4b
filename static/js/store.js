// store: the page's one state object, the pure reduce() that computes the next one from a server
// message or a UI action, the snapshot the page holds (composed from the last state's `resume`
// and the loss curve), and a tiny subscribe/dispatch store whose redraws are coalesced into one
// animation frame per change.

import { settingsFromConfig } from './settings.js';
import { addScore, emptyScore } from './quiz-score.js';

/**
 * The state:
 *   catalog     the server's settings table ({settings, booleanWords}), as the page got it
 *   server      the last `state` message (without `history` and `boundary`), its `dataset` and
 *               `metrics.predictions` kept from before when it says they did not change
 *   history     the loss curve, [[epoch, loss], …] ([epoch, loss, validation loss] with a split),
 *               kept by history.from + points (the server's)
 *   flow        the gradient-flow series, [[epoch, norm_W per layer, mean |δ| per layer], …],
 *               kept by gradflow.stride + from + points (the server's)
 *   exampleHistory  beside each point of `history`, each example's loss at that epoch (data sets
 *               of up to 8 examples), or null; kept by the same rule from history.examples
 *   boundary    the last decision-boundary grid the server sent ({size, plane, values}), or null
 *   message     {kind: 'error' | 'info', text (from the server) or key and params (i18n), code},
 *               or null
 *   settings    see settings.js
 *   selection   what the student picked on the network, or null
 *   hover       what the pointer is over on the network, or null
 *   lossHoverX  the pointer's x over the loss curve (CSS px), or null
 *   training    true while auto-training
 *   connection  {status: 'connecting' | 'open' | 'waiting', retryInMs, reason, lost}; lost: no
 *               connection since one failed or dropped, a retry's 'connecting' included
 *   wholeCircuit  true while the whole network is shown as one circuit (a 2–h–1 network)
 *   quiz        "Conferir minha conta": {score: {forward|backward|update: {right, answered}},
 *               check: {phase, stamp, precision, marks: {key: {status, typed}}} of the last check,
 *               or null}
 */
export function initialState(settings, catalog) {
  return {
    catalog,
    server: null,
    history: [],
    flow: [],
    exampleHistory: [],
    boundary: null,
    message: null,
    settings,
    selection: null,
    hover: null,
    lossHoverX: null,
    training: false,
    connection: { status: 'connecting', retryInMs: 0, reason: '', lost: false },
    quiz: { score: emptyScore(), check: null },
    wholeCircuit: false,
  };
}

/** Which state a check belongs to: its results show while this state is on screen. */
export function stateStamp(server) {
  return server ? `${server.epoch}:${server.sample}:${server.steps}:${server.phase}:${server.layer}` : '';
}

/**
 * The loss curve after one state's `history` (protocol: history): when the server thinned its
 * curve (`thin`), drop every point at an odd index as it did; keep the first `from` points we
 * hold, then append the new ones.
 */
export function mergeHistory(previous, history) {
  if (!history || !Array.isArray(history.points)) return previous;
  const held = history.thin === true ? previous.filter((_, i) => i % 2 === 0) : previous;
  const from = Number.isInteger(history.from) ? history.from : held.length;
  if (history.points.length === 0 && from >= held.length) return held; // nothing new
  const kept = held.slice(0, Math.max(0, Math.min(from, held.length)));
  return kept.concat(history.points);
}

/**
 * The gradient-flow series after one state's `gradflow` (protocol: gradflow): keep the points
 * whose epoch is a multiple of `stride` (the server's thinning), then the first `from`, then
 * append the new ones.
 */
export function mergeFlow(previous, gradflow) {
  if (!gradflow || !Array.isArray(gradflow.points)) return previous;
  if (gradflow.points.length === 0 && gradflow.from === previous.length) return previous;
  return previous.filter(([epoch]) => epoch % gradflow.stride === 0).slice(0, gradflow.from).concat(gradflow.points);
}

/**
 * The parts a state carries only when they changed (protocol: `dataset`, `metrics.predictions`;
 * null: unchanged since the last state): the copies held from before, the same objects, so the
 * drawings that depend on them are not redone.
 */
export function withHeldParts(server, previous) {
  const dataset = server.dataset ?? previous?.dataset ?? null;
  if (!server.metrics || server.metrics.predictions) return { ...server, dataset };
  const predictions = previous?.metrics?.predictions ?? null;
  return { ...server, dataset, metrics: { ...server.metrics, predictions } };
}

/** history.examples as points for mergeHistory: null entries where the server sent none. */
function exampleLosses(history) {
  const points = Array.isArray(history.points) ? history.points : [];
  const examples = Array.isArray(history.examples) ? history.examples : [];
  return { ...history, points: points.map((_, i) => examples[i] ?? null) };
}

function reduceServerState(state, message) {
  const { history, boundary, ...fresh } = message;
  const server = withHeldParts(fresh, state.server);
  return {
    ...state,
    server,
    history: mergeHistory(state.history, history),
    flow: mergeFlow(state.flow, message.gradflow),
    exampleHistory: mergeHistory(state.exampleHistory, history && exampleLosses(history)),
    boundary: boundary ?? state.boundary, // null: unchanged since the last state
    settings: settingsFromConfig(state.catalog, state.settings, server.config),
    selection: stillSelectable(state.selection, server.sizes) ? state.selection : null,
  };
}

const sameHover = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The hidden unit whose map is shown: the hovered one, else the selected one, else the first unit
 * of the first hidden layer (a phone has no hover: the map is there before a tap); {layer, index}
 * (layer k of the sizes, 1 … L−1), or null for a network without a hidden layer.
 */
export function shownUnit(state) {
  const sizes = state.server?.sizes;
  if (!sizes || sizes.length < 3) return null;
  for (const sel of [state.hover, state.selection]) {
    if (sel?.what === 'neuron' && sel.layer >= 1 && sel.layer < sizes.length - 1) {
      return { layer: sel.layer, index: sel.index };
    }
  }
  return { layer: 1, index: 0 };
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
    ? settingsFromConfig(state.catalog, state.settings, state.server.config)
    : state.settings;
  return { ...state, settings, message: { kind: 'error', code, text: String(message ?? code) } };
}

const ACTIONS = {
  state: reduceServerState,
  error: reduceServerError,
  notice: (state, { kind = 'info', key, params, text }) =>
    ({ ...state, message: { kind, key, params, text } }),
  clearMessage: (state) => (state.message ? { ...state, message: null } : state),
  settings: (state, { patch }) => ({ ...state, settings: { ...state.settings, ...patch } }),
  select: (state, { selection }) => ({ ...state, selection }),
  wholeCircuit: (state, { open }) => ({ ...state, wholeCircuit: Boolean(open) }),
  lossHover: (state, { x }) => (state.lossHoverX === x ? state : { ...state, lossHoverX: x }),
  hover: (state, { selection }) => (sameHover(state.hover, selection) ? state : { ...state, hover: selection }),
  training: (state, { on }) => (state.training === on ? state : { ...state, training: on }),
  // A retry is 'connecting' for a moment between two waits: still lost, so what the page shows
  // while offline (the buttons' note) stays put rather than blink at each retry.
  connection: (state, { status, retryInMs = 0, reason = '' }) => {
    const lost = status === 'waiting' || (status === 'connecting' && state.connection.lost);
    return { ...state, connection: { status, retryInMs, reason, lost } };
  },
  quizChecked: (state, { check }) => ({
    ...state, quiz: { score: addScore(state.quiz.score, check.phase, check.marks), check },
  }),
};

/**
 * The session as a snapshot for `restore` (a reconnect, the export file): the last state's
 * `resume` record plus the loss curve we hold, which mirrors the server's. Null before a state.
 */
export function heldSnapshot(state) {
  const resume = state.server?.resume;
  if (!resume || typeof resume.format !== 'string' || !resume.session) return null;
  return { format: resume.format, session: { ...resume.session, history: state.history } };
}

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
