// on-demand: the features the first drawing does not need (the quiz and the session files), each
// fetched with import() the first time the student uses it. The first script (app/bundle.py) joins
// only what main.js imports statically, so these stay off the first visit. Each stand-in here keeps the
// interface main.js used before and redraws once its module has arrived.

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
