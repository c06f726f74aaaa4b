// quiz-panel.js — owns the DOM of "Conferir minha conta": the labelled inputs for the quantities
// the next step will produce, the results of the last check (right or wrong, the server's value
// and the math panel's row that explains it), the score per phase and the sentence read to
// screen readers. Builds elements with createElement and textContent (MathML through
// mathpanel.js); what to ask and how to judge come from quiz.js. Elements come in from main.js.

import { formatNumber } from './format.js';
import { values } from './math-terms.js';
import { strings, layerTitle } from './math-text.js';
import { writtenRowElement } from './mathpanel.js';
import { actionsBlockedReason } from './embed.js';
import { stateStamp } from './store.js';
import { QUIZ_PHASES, itemRow, itemValue, nextItems, ranItems, tally } from './quiz.js';

const inputId = (key) => `bp_quiz_${key.replace(/[^a-zA-Z0-9]/g, '_')}`;

function el(doc, tag, className, text = null) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  return node;
}

/** An item's label as the student reads it: "z₁", "∂L/∂w₁₁", "novo w₁₁". */
export function itemLabel(item, t) {
  return item.fresh ? t('quiz_new', { name: item.label }) : item.label;
}

/** One <li>: the label and a text input (decimal comma accepted) for each item. */
export function buildQuizInputs(doc, items, t) {
  return items.map((item) => {
    const li = el(doc, 'li', 'bp-quiz__item');
    const label = el(doc, 'label', 'bp-quiz__label', itemLabel(item, t));
    const input = el(doc, 'input', 'bp-quiz__input');
    Object.assign(input, { type: 'text', id: inputId(item.key), autocomplete: 'off', spellcheck: false });
    input.setAttribute('inputmode', 'decimal');
    input.dataset.key = item.key;
    label.htmlFor = input.id;
    li.append(label, input);
    return li;
  });
}

/** {key: text} of every input of the form. */
export function readQuizInputs(list) {
  return Object.fromEntries([...list.querySelectorAll('input[data-key]')].map((input) => [input.dataset.key, input.value]));
}

function resultItem(doc, item, mark, server, check, t) {
  const v = values(server);
  const correct = formatNumber(itemValue(item, v, server.sizes.length - 1), check.precision, t.lang);
  const li = el(doc, 'li', `bp-quiz__result is-${mark.status === 'right' ? 'right' : 'wrong'}`);
  li.dataset.key = item.key;
  const typed = mark.status === 'unreadable' ? t('quiz_unreadable') : formatNumber(mark.typed, check.precision, t.lang);
  const verdict = mark.status === 'right' ? t('quiz_right', { value: correct }) : t('quiz_wrong', { typed, value: correct });
  const head = el(doc, 'p', 'bp-quiz__verdict');
  head.append(el(doc, 'span', 'bp-quiz__mark', mark.status === 'right' ? '✓' : '✗'),
    el(doc, 'strong', 'bp-quiz__name', itemLabel(item, t)), el(doc, 'span', 'bp-quiz__text', verdict));
  li.appendChild(head);
  const row = itemRow(item, server.sizes, v, check.precision);
  if (row && mark.status !== 'right') li.appendChild(writtenRowElement(doc, row, t.lang));
  return li;
}

/** The results of the last check, for the state it produced (blanks skipped). */
export function buildQuizResults(doc, server, check, t) {
  if (!server || !check) return [];
  return ranItems(server).filter((item) => check.marks[item.key] && check.marks[item.key].status !== 'blank')
    .map((item) => resultItem(doc, item, check.marks[item.key], server, check, t));
}

/** "forward 3/4 · backward 0/0 · update —" */
export function scoreText(score, t) {
  const parts = QUIZ_PHASES.map((phase) => {
    const { right, answered } = score[phase];
    return `${phase} ${answered ? t('quiz_of', { right, answered }) : '—'}`;
  });
  return t('quiz_score', { parts: parts.join(' · ') });
}

/** The sentence read after a check: how many right of those answered, and the blanks. */
export function checkSentence(check, t) {
  const { right, answered, blank } = tally(check.marks);
  if (!answered) return t('quiz_none', { phase: check.phase });
  return t('quiz_checked', { phase: check.phase, right, answered, blank });
}

function askTitle(next, server, lang, t) {
  if (!next.phase) return '';
  if (next.layer === null) return t('quiz_ask', { phase: next.phase });
  return t('quiz_ask_layer', { phase: next.phase, layer: layerTitle(strings(lang), server.sizes, next.layer).toLowerCase() });
}

/**
 * The quiz region: render(state, t) shows it when `settings.quiz` is on, rebuilds the inputs
 * only when the step they ask about changes (typed text survives other redraws), shows the last
 * check's results while the state it produced is on screen, and says each new check once.
 * el: {bp_quizPanel, bp_quizList, bp_quizAsk, bp_quizResults, bp_quizResultsTitle,
 * bp_quizResultList, bp_quizScore, bp_quizSay, bp_quizCheck}.
 */
export function createQuizView(doc, el) {
  let asked = '';
  let shown = null;
  let focusWanted = false;
  function renderResults(state, t) {
    const { server, quiz, settings } = state;
    const check = quiz.check && quiz.check.stamp === stateStamp(server) ? quiz.check : null;
    const key = check && `${settings.lang}`;
    if (check === shown?.check && key === shown?.key) return;
    const fresh = check && check !== shown?.check;
    shown = { check, key };
    const answered = Boolean(check) && tally(check.marks).answered > 0;
    el.bp_quizResults.hidden = !answered;
    el.bp_quizResultList.replaceChildren(...buildQuizResults(doc, server, check, t));
    el.bp_quizResultsTitle.textContent = check ? t('quiz_results', { phase: check.phase }) : '';
    if (fresh) el.bp_quizSay.textContent = checkSentence(check, t);
    if (fresh && focusWanted) (answered ? el.bp_quizResults : el.bp_quizList.querySelector('input') ?? el.bp_quizCheck).focus();
    focusWanted = false;
  }
  return {
    render(state, t) {
      const { server, settings } = state;
      el.bp_quizPanel.hidden = !settings.quiz;
      if (!settings.quiz || !server) return;
      const next = nextItems(server);
      const signature = `${stateStamp(server)}|${settings.lang}|${server.sizes.join(',')}`;
      if (signature !== asked) {
        asked = signature;
        el.bp_quizList.replaceChildren(...buildQuizInputs(doc, next.items, t));
        el.bp_quizAsk.textContent = askTitle(next, server, settings.lang, t);
      }
      renderResults(state, t);
      el.bp_quizScore.textContent = scoreText(state.quiz.score, t);
      const blocked = actionsBlockedReason(state.connection, server);
      el.bp_quizCheck.disabled = Boolean(blocked) || state.training || next.items.length === 0;
    },
    /** {key: text} typed now. */
    read: () => readQuizInputs(el.bp_quizList),
    /** Move the focus to the results when the next check is drawn (the student pressed Conferir). */
    focusNextResults() { focusWanted = true; },
  };
}
