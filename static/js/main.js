// main: the composition root, and the only module that touches document, location and window.
// Reads the server's settings table from the page and the settings from the URL, draws the
// network of the state the page carries before anything else, then builds the controls from the
// table, the store, the socket and the commands, wires the controls, and has every change drawn
// in one frame (frame.js: the pictures first; while training, only the pictures on screen, see
// on-screen.js, and the math panel once training pauses, two frames later); every picture before
// the page is printed.

import { loadTranslator, translatePage } from './i18n.js';
import { configureMessage, readSettings, serializeSettings } from './settings.js';
import { createStore, initialState, heldSnapshot, stateStamp } from './store.js';
import { createSocket, socketUrl } from './socket.js';
import { createCommands, editOutOfRange, parseUserNumber, setMessage } from './commands.js';
import { formatShort } from './format.js';
import { ELEMENT_IDS, bindControls, buildControls } from './controls.js';
import { watchCanvas } from './canvas.js';
import { createLabPainters, createLossPainter, memoized } from './lab-painters.js';
import { rememberLayout } from './layout.js';
import { createDrawing, fitNetworkHeight, paintNetwork } from './frame.js';
import { drawNetwork } from './render-network.js';
import { createMathView } from './math-view.js';
import { createHotspots } from './hotspots.js';
import { controlShown, experimentNoticeTexts, offeredExperiments, urlNoticeTexts } from './embed.js';
import { bindShare, bindShortcuts, createAnnouncer, hideControls, showUrlNotices, wordForHiddenControls } from './page-aids.js';
import { values } from './math-terms.js';
import { bindWholeCircuit, createCircuitPanel } from './circuit-panel.js';
import { experimentName, followExperiments, keepPresentation, offerExperiments } from './experiments.js';
import { createQuizStandIn, loadFiles, loadQuiz } from './on-demand.js';
import { watchOnScreen } from './on-screen.js';
import { openingState } from './opening.js';
import { keepWhenLeaving, takeKept } from './reload.js';
import { keepFocus } from './focus-keeper.js';

const COLOR_PROPERTIES = {
  fg: '--bp-fg', muted: '--bp-muted', bg: '--bp-bg', accent: '--bp-accent',
  positive: '--bp-positive', negative: '--bp-negative', grid: '--bp-grid', highlight: '--bp-highlight',
};

/** The settings table the server embedded: {settings: [...], presets: {...}, booleanWords: {...}}. */
function readCatalog() {
  return JSON.parse(document.getElementById('bp_catalog').textContent);
}

function findElements() {
  return Object.fromEntries(ELEMENT_IDS.map((id) => [id, document.getElementById(id)]));
}

/** The canvas colours: the --bp-* custom properties of the current theme. */
function readColors() {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(Object.entries(COLOR_PROPERTIES)
    .map(([name, property]) => [name, style.getPropertyValue(property).trim()]));
}

/** One dark palette in the CSS: the system's choice is resolved here, unless the URL chose. */
function applyTheme(theme, systemIsDark) {
  const resolved = theme === 'light' || theme === 'dark' ? theme : (systemIsDark ? 'dark' : 'light');
  document.documentElement.dataset.theme = resolved;
}

/** Put the page's static text in `lang` with its translator t; answers t for the dynamic text. */
function applyLanguage(lang, t) {
  document.documentElement.lang = lang;
  document.title = t('page_title');
  translatePage(document, t);
  return t;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
// A frame's callbacks run before it is painted: the one after next comes after that paint.
const afterNextPaint = (fn) => requestAnimationFrame(() => requestAnimationFrame(fn));

/** Tell the host page (when framed) how tall we are, so it can size the iframe. */
function reportHeightToHost(page) {
  if (window.parent === window) return;
  let lastHeight = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(page.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    window.parent.postMessage({ type: 'bp-height', height }, '*');
  }).observe(page);
}

/**
 * The socket and the commands that use it; the socket resumes the session on each open (the one
 * a reload kept first: `commands.resumesKept`).
 */
function connect(store) {
  let commands = null;
  const kept = takeKept(window);
  const socket = createSocket({
    url: () => socketUrl(location, store.getState().settings.lang),
    WebSocketImpl: WebSocket,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id) },
    onReply: (reply) => store.dispatch(reply),
    onStatus: (status, retryInMs, reason) => store.dispatch({ type: 'connection', status, retryInMs, reason }),
    onOpen: () => commands.resume(),
  });
  commands = createCommands({
    request: (message, options) => socket.request(message, options),
    dispatch: store.dispatch,
    getState: store.getState,
    nextFrame,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    kept,
  });
  keepWhenLeaving(window, () => heldSnapshot(store.getState()));
  return Object.assign(commands, { resumesKept: kept !== null });
}

/**
 * "Conferir": read the typed values, take the one step, and judge them against the numbers of
 * the server's reply (blanks skipped) at the precision shown; the store keeps the marks and score.
 */
async function checkQuiz(store, commands, quizView) {
  const { judgeAll, nextItems } = await loadQuiz();
  const state = store.getState();
  if (!state.server || state.training) return;
  const { phase, items } = nextItems(state.server);
  const texts = quizView.read();
  const precision = state.settings.precision;
  quizView.focusNextResults();
  const reply = await commands.act({ op: 'step' });
  if (reply?.type !== 'state') return;
  const marks = judgeAll(items, texts, values(reply), reply.sizes.length - 1, precision);
  store.dispatch({ type: 'quizChecked', check: { phase, precision, marks, stamp: stateStamp(reply) } });
}

/** What the session buttons, the language switch, the quiz and the network hotspots do. */
function pageActions(store, commands, quizView) {
  const notify = (key, kind = 'error', params) => store.dispatch({ type: 'notice', kind, key, params });
  const save = (files, stem, extension, text, type) =>
    files.downloadText(document, URL, files.timestampedName(stem, extension, new Date()), text, type);
  return {
    async onExport() {
      const snapshot = heldSnapshot(store.getState());
      if (!snapshot) return;
      const files = await loadFiles();
      save(files, 'backprop-sessao', 'json', files.snapshotFileText(snapshot), 'application/json');
    },
    async onImport(file) {
      const parsed = (await loadFiles()).parseSnapshotFile(await file.text());
      if (!parsed.ok) return notify('import_bad');
      const reply = await commands.act({ op: 'restore', snapshot: parsed.snapshot });
      if (reply?.type === 'state') notify('import_ok', 'info');
    },
    async onExportCsv() {
      const { history } = store.getState();
      if (!history.length) return notify('csv_empty');
      const files = await loadFiles();
      save(files, 'backprop-perdas', 'csv', files.lossCsv(history), 'text/csv');
    },
    onLanguage(lang) {
      store.dispatch({ type: 'settings', patch: { lang } });
      commands.configure({ lang });
    },
    onQuizCheck: () => checkQuiz(store, commands, quizView),
    onSelect: (selection) => store.dispatch({ type: 'select', selection }),
    onHover: (selection) => store.dispatch({ type: 'hover', selection }),
    onLearned: () => notify('example_learned', 'info'),
    onEdit(selection, text) {
      const value = parseUserNumber(text);
      if (value === null) return notify('number_bad');
      const { catalog, settings } = store.getState();
      const range = editOutOfRange(catalog.edits, selection?.what, value);
      // The editor's own sentence, as for a number it cannot read, not the protocol's (that one
      // names the wire's field, "value"); the bounds written in the page's language.
      if (range) {
        const [low, high] = range.map((bound) => formatShort(bound, settings.lang));
        return notify('number_range', 'error', { low, high });
      }
      const message = setMessage(selection, value);
      if (message) editNumber(commands, store.getState().server?.phase, message, notify);
    },
  };
}

/** Send a `set`; one that restarts an example half done says so (and that undo brings it back). */
async function editNumber(commands, phaseBefore, message, notify) {
  const reply = await commands.act(message);
  const halfDone = phaseBefore === 'forward' || phaseBefore === 'backward';
  if (reply?.type === 'state' && halfDone) notify('set_restarted', 'info', { phase: phaseBefore });
}

/** A performance mark the first time the network is drawn (benchmarks/page_load.py reads it). */
function markFirstDraw() {
  if (performance.getEntriesByName('bp-network-drawn').length === 0) performance.mark('bp-network-drawn');
}

/** The drawings, each redone only when its own inputs changed; onLoaded() redraws once a lazily
 * imported drawing arrived; edit: whether the network's numbers can be changed (`controls=`). */
function createPainters(el, actions, onLoaded, edit) {
  const layoutOf = rememberLayout();
  const mathView = createMathView(document, el.bp_math);
  const hotspots = createHotspots(el.bp_network, actions);
  return {
    network: memoized((server, size, precision, showGradients, selection, colors, lang) => {
      if (!server) return size.ctx.clearRect(0, 0, size.width, size.height);
      const { width, height } = size;
      const layout = layoutOf(server.sizes, width, height, precision);
      const { selectedLabel } = drawNetwork(size.ctx, server, { width, height, precision, showGradients, selection,
        colors, lang, layout });
      markFirstDraw();
      return hotspots.sync(layout, server, { precision, selection, selectedLabel, lang, showGradients, edit });
    }),
    math: memoized((server, precision, selection, lang) => mathView.show(server, { precision, selection, lang })),
    circuit: memoized(createCircuitPanel(document, el)),
    loss: createLossPainter(el, onLoaded),
    ...createLabPainters(el, () => document.createElement('canvas')),
  };
}

/** The pointer over the loss curve (mouse, pen or a tap) sets the read-out's x; leaving clears it. */
function watchLossPointer(canvas, store) {
  const at = (event) => store.dispatch({ type: 'lossHover', x: event.clientX - canvas.getBoundingClientRect().left });
  canvas.addEventListener('pointermove', at);
  canvas.addEventListener('pointerdown', at);
  canvas.addEventListener('pointerleave', () => store.dispatch({ type: 'lossHover', x: null }));
}

/** Keep the address bar's query equal to the settings, so the link can be shared. */
function syncUrl(view, catalog, settings) {
  const query = serializeSettings(catalog, settings);
  if (query === view.query) return;
  view.query = query;
  keepPresentation(document.querySelectorAll('a[data-experiment]'), catalog, settings);
  try {
    history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
  } catch {
    // A sandboxed iframe (opaque origin) may refuse: the link simply stays as it was.
  }
}

/** Put the page in lang once its strings are here (English is fetched the first time), then redraw. */
function switchLanguage(el, view, lang) {
  if (view.wantedLang === lang) return;
  view.wantedLang = lang;
  loadTranslator(lang).then((t) => {
    if (view.wantedLang !== lang) return; // a later choice won
    view.lang = lang;
    view.t = applyLanguage(lang, t);
    view.showNotices();
    view.redraw();
  });
}

/** Draw a state; a control it disables under the keyboard focus hands the focus on (focus-keeper.js). */
function createRenderer(el, view, painters, quizView) {
  const draw = createDrawing(el, view, painters, quizView, {
    afterNextPaint,
    switchLanguage: (lang) => switchLanguage(el, view, lang),
    syncUrl: (catalog, settings) => syncUrl(view, catalog, settings),
  });
  return function render(state) {
    const focused = document.activeElement;
    draw(state);
    keepFocus(document, focused);
  };
}

/**
 * The URL-notice list in the page's language: the URL's settings the page could not take as
 * given, then why the fragment's experiment does not open. `settings` are the page's as it
 * loaded: they decide which experiments it offers (offeredExperiments) for as long as it is open.
 */
function noticeTexts(catalog, settings, notices, view) {
  return [...urlNoticeTexts(notices, view.t),
    ...experimentNoticeTexts(catalog, settings, experimentName(view.hash), view.t)];
}

/** The fragment the page now follows: its notice changes only when the fragment did. */
function showFragmentNotice(view, hash) {
  if (hash === view.hash) return;
  view.hash = hash;
  view.showNotices();
}

/** Close the experiment the address names: drop its fragment, keep the settings. */
function clearHash() {
  try {
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  } catch {
    // A sandboxed iframe (opaque origin) may refuse: the fragment stays, the spotlight still closes.
  }
}

/**
 * Set up the experiment of `href` in this page: its settings (the link carries the page's
 * presentation), the address, and a fresh network in one `configure` that "Passo anterior" takes
 * back, said in a notice. Null when there is no session to start over (the link loads instead).
 */
function openExperimentHere(store, commands, catalog, href) {
  const state = store.getState();
  if (state.connection.status !== 'open' || !state.server) return null;
  const url = new URL(href);
  const { settings } = readSettings(catalog, url.search);
  commands.stopTraining();
  store.dispatch({ type: 'settings', patch: settings });
  try {
    history.replaceState(null, '', `${location.pathname}${url.search}${url.hash}`);
  } catch {
    // A sandboxed iframe (opaque origin) may refuse: the address stays, the experiment still opens.
  }
  return commands.act({ ...configureMessage(catalog, settings), start_over: true }).then((reply) => {
    if (reply?.type === 'state') store.dispatch({ type: 'notice', kind: 'info', key: 'exp_opened' });
    return reply;
  });
}

/** `autotrain=1`: start auto-training once, as soon as the first state is on screen. */
function startTrainingWhenAsked(store, commands) {
  if (!store.getState().settings.autotrain) return;
  const stop = store.subscribe((state) => {
    if (!state.server || state.connection.status !== 'open') return;
    stop();
    if (!state.training) commands.toggleTraining();
  });
}

/**
 * The network first, before anything else is built: its canvas measured (the one layout the drawing
 * waits for) and the opening state drawn on it. Until the renderer exists, a redraw is this drawing.
 */
function drawNetworkFirst(el, view, store, painters) {
  // Meanwhile style and layout skip the rest of the page (app.css): the frame does it, painting it all.
  el.bp_page.dataset.measuring = '';
  view.colors = readColors();
  view.redraw = () => paintNetwork(painters, view, store.getState());
  fitNetworkHeight(el.bp_canvas, store.getState().server);
  watchCanvas(window, el.bp_canvas, (size) => { view.network = size; view.redraw(); }, { now: true });
  delete el.bp_page.dataset.measuring;
}

function start(catalog, { settings, notices }, t) {
  const el = findElements();
  const systemDark = matchMedia('(prefers-color-scheme: dark)');
  applyTheme(settings.theme, systemDark.matches);
  const store = createStore(initialState(settings, catalog), (callback) => requestAnimationFrame(callback));
  const opening = openingState(document.getElementById('bp_opening')?.textContent, catalog, settings);
  if (opening) store.dispatch(opening);
  const view = { t, lang: settings.lang, wantedLang: settings.lang, colors: null,
    network: null, loss: null, boundary: null, unit: null, space: null, query: serializeSettings(catalog, settings),
    hash: location.hash };
  // The network's hotspots call these on a student's click, by then filled in below.
  const actions = {};
  const redraw = () => view.redraw();
  const painters = createPainters(el, actions, redraw, controlShown(catalog, settings, 'edit'));
  drawNetworkFirst(el, view, store, painters);

  buildControls(el, catalog);
  wordForHiddenControls(document.querySelectorAll('[data-without-control]'), catalog, settings);
  view.t = applyLanguage(settings.lang, t);
  view.showNotices = () => showUrlNotices(el.bp_urlNotice, noticeTexts(catalog, settings, notices, view));
  view.showNotices();
  keepPresentation(document.querySelectorAll('a[data-experiment]'), catalog, settings);
  hideControls(document.querySelectorAll('[data-control]'), catalog, settings);
  const offered = offeredExperiments(catalog, settings);
  offerExperiments(document.getElementById('bp_experiments'), offered);
  const commands = connect(store);
  const quizView = createQuizStandIn(document, el, redraw);
  Object.assign(actions, pageActions(store, commands, quizView));
  bindControls(el, commands, store, actions);
  bindWholeCircuit(el.bp_wholeCircuit, store);
  view.onHidden = (hidden) => {
    store.dispatch({ type: 'settings', patch: { hidden } });
    commands.configure({ hidden });
  };
  const render = createRenderer(el, view, painters, quizView);
  // Training's first frames draw each example's loss line: its module comes when the student heads for the button.
  for (const type of ['pointerenter', 'focus']) el.bp_auto.addEventListener(type, painters.loss.warm, { once: true });
  view.redraw = () => render(store.getState());

  store.subscribe(render);
  const announce = createAnnouncer(el.bp_announce, () => performance.now());
  store.subscribe((state) => announce(state, view.t));
  startTrainingWhenAsked(store, commands);
  followExperiments({ doc: document, t: () => view.t, hash: () => location.hash, offered, clearHash,
    followed: (hash) => showFragmentNotice(view, hash),
    onHashChange: (fn) => window.addEventListener('hashchange', fn),
    reload: (href) => { location.assign(href); location.reload(); },
    openHere: (href) => openExperimentHere(store, commands, catalog, href),
    resumed: commands.resumesKept }, store);
  bindShare(el, { location, clipboard: () => navigator.clipboard, t: () => view.t,
    query: () => serializeSettings(catalog, store.getState().settings) });
  bindShortcuts(document, el);
  watchCanvas(window, el.bp_loss, (size) => { view.loss = size; redraw(); });
  watchLossPointer(el.bp_loss, store);
  watchCanvas(window, el.bp_boundary, (size) => { view.boundary = size; redraw(); });
  watchCanvas(window, el.bp_unitMap, (size) => { view.unit = size; redraw(); });
  watchCanvas(window, el.bp_hiddenSpace, (size) => { view.space = size; redraw(); });
  view.onScreen = watchOnScreen(window, { network: el.bp_canvas, loss: el.bp_loss, boundary: el.bp_boundary,
    unit: el.bp_unitMap, space: el.bp_hiddenSpace }, redraw);
  // The print is taken right after this event: the views out of view are drawn now, not in a frame.
  window.addEventListener('beforeprint', view.onScreen.drawAll);
  // The gradient-flow panel's code arrives the first time the panel is opened.
  el.bp_flowPanel.addEventListener('toggle', () => import('./lazy/gradflow-panel.js')
    .then(({ openGradflow }) => openGradflow(window, el, store, () => view)), { once: true });
  systemDark.addEventListener('change', () => {
    applyTheme(settings.theme, systemDark.matches);
    view.colors = readColors();
    redraw();
  });
  reportHeightToHost(el.bp_page);
  redraw();
  // The first frame (with the network) is painted: the sections below it may be laid out now.
  afterNextPaint(() => delete el.bp_page.dataset.starting);
}

// The settings' language is read before anything is built: English strings arrive first when chosen.
const catalog = readCatalog();
const read = readSettings(catalog, location.search);
loadTranslator(read.settings.lang).then((t) => start(catalog, read, t));
