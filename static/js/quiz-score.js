// quiz-score: the running score of "Conferir minha conta", per phase. Apart from quiz.js so that
// the store, which keeps the score from the first drawing on, does not pull in the quiz itself
// (fetched only when the student opens it). Pure.

export const QUIZ_PHASES = ['forward', 'backward', 'update'];

/** {right, answered, blank} of one check. */
export function tally(marks) {
  const all = Object.values(marks);
  const answered = all.filter((m) => m.status !== 'blank').length;
  return { right: all.filter((m) => m.status === 'right').length, answered, blank: all.length - answered };
}

export function emptyScore() {
  return Object.fromEntries(QUIZ_PHASES.map((phase) => [phase, { right: 0, answered: 0 }]));
}

/** The running score after one check of `phase`: right/answered added to that phase's. */
export function addScore(score, phase, marks) {
  const base = score || emptyScore();
  if (!QUIZ_PHASES.includes(phase)) return base;
  const { right, answered } = tally(marks);
  const held = base[phase];
  return { ...base, [phase]: { right: held.right + right, answered: held.answered + answered } };
}
