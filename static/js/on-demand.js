// on-demand: the features the first drawing does not need (the quiz, a unit's circuit, the
// session files), each fetched with import() the first time the student uses it. app/assets.py
// preloads only what main.js imports statically, so these stay off the first visit. Each
// stand-in here keeps the interface main.js used before and redraws once its module has arrived.

import { memoized } from './lab-painters.js';
import { neuronName, prettyName } from './format.js';

/** A loader that imports once and hands every caller the same promise. */
function once(load) {
  let pending = null;
  return () => (pending ??= load());
}

/** quiz.js and quiz-panel.js, as one object of their exports. */
export const loadQuiz = once(async () => {
  const [quiz, panel] = await Promise.all([import('./quiz.js'), import('./quiz-panel.js')]);
  return { ...quiz, ...panel };
});

/** circuit.js and circuit-view.js, as one object of their exports. */
const loadCircuit = once(async () => {
  const [circuit, view] = await Promise.all([import('./circuit.js'), import('./circuit-view.js')]);
  return { ...circuit, ...view };
});

/** files.js: snapshot and CSV files. */
export const loadFiles = once(() => import('./files.js'));

/**
 * The quiz region (quiz-panel.js createQuizView) once the quiz is first switched on: until then
 * render only keeps the region hidden, read() answers nothing typed.
 */
export function createQuizStandIn(doc, el, redraw) {
  let view = null;
  return {
    render(state, t) {
      if (view) return view.render(state, t);
      el.bp_quizPanel.hidden = true;
      if (state.settings.quiz) {
        loadQuiz().then((quiz) => {
          view ??= quiz.createQuizView(doc, el);
          redraw();
        });
      }
    },
    read: () => (view ? view.read() : {}),
    focusNextResults: () => view?.focusNextResults(),
  };
}

/**
 * render(server, selection, precision, t): a selected hidden or output neuron opens its circuit
 * view; anything else closes it. The circuit modules are fetched the first time a neuron is selected.
 */
export function createCircuitPanel(doc, el, redraw) {
  let circuit = null;
  const paint = memoized((server, selection, precision, t, modules) => {
    const unit = modules && selection?.what === 'neuron' ? modules.unitCircuit(server, selection.layer, selection.index) : null;
    el.bp_circuit.hidden = !unit;
    if (!unit) return;
    const name = prettyName(neuronName(server.sizes, unit.k, unit.i));
    el.bp_circuitTitle.textContent = t('circuit_title', { name });
    el.bp_circuitFigure.replaceChildren(
      modules.buildCircuitSvg(doc, unit, { precision, label: t('circuit_label', { name }) }));
    el.bp_circuitChecks.replaceChildren(...modules.buildCircuitChecks(doc, unit, t, precision));
  });
  return (server, selection, precision, t) => {
    if (!circuit && selection?.what === 'neuron') {
      loadCircuit().then((modules) => {
        circuit = modules;
        redraw();
      });
    }
    paint(server, selection, precision, t, circuit);
  };
}
