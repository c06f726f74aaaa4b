// experiment-spot.js — owns the spotlight of the open experiment: a banner under the status line
// (its two sentences of what to look at, its question, a button that closes it) and the one element
// it is about, outlined and labelled "Olhe aqui: …" (not colour alone; the pulse stops under
// prefers-reduced-motion, see experiment.css). Placed again on every state: the dead unit on the
// picture follows the server's `units`. Loaded only when an experiment is open.

import { selectionKey } from '../format.js';
import { makeSelection } from '../layout.js';

const SPOT = 'bp-spot';

/** The first dead hidden unit's button on the picture (the server's `units.dead`), or null. */
function deadUnit(doc, state) {
  const dead = state.server?.units?.dead || [];
  for (const [l, layer] of dead.entries()) {
    const i = (layer || []).indexOf(true);
    if (i >= 0) {
      const key = selectionKey(makeSelection('neuron', { layer: l + 1, index: i }));
      return doc.querySelector(`#bp_network button[data-key="${key}"]`);
    }
  }
  return null;
}

const byId = (id) => (doc) => doc.getElementById(id);
const panelOf = (id) => (doc) => doc.getElementById(id)?.closest('.bp-panel, .bp-stat') ?? null;

/** What each experiment spotlights, and how the label names it. */
export const SPOTS = {
  high: { find: panelOf('bp_loss'), name: (t) => t('loss_curve_mse') },
  low: { find: panelOf('bp_err'), name: (t) => t('err_mse') },
  act: { find: panelOf('bp_math'), name: (t) => t('math_title') },
  deep: { find: panelOf('bp_grads'), name: (t) => t('grads') },
  dead: { find: (doc, state) => deadUnit(doc, state) || panelOf('bp_canvas')(doc),
    name: (t, el) => (el.classList.contains('bp-hotspot') ? el.getAttribute('aria-label') : t('network_title')) },
  hand: { find: byId('bp_quizPanel'), name: (t) => t('quiz_label') },
};

/**
 * Add this file's stylesheet and call ready() once it has arrived (or failed: the spot then shows
 * unstyled rather than never). Nothing is marked before: a class set first showed the banner bare
 * and the element without its outline until the sheet came.
 */
function loadStyle(doc, ready) {
  let link = doc.getElementById('bp_expStyle');
  if (link?.sheet) {
    ready();
    return;
  }
  if (!link) {
    link = doc.createElement('link');
    link.id = 'bp_expStyle';
    link.rel = 'stylesheet';
    link.href = '/static/css/experiment.css';
    doc.head.append(link);
  }
  link.addEventListener('load', ready, { once: true });
  link.addEventListener('error', ready, { once: true });
}

function buildBanner(doc, onClose) {
  const banner = doc.createElement('section');
  banner.className = 'bp-exp-now';
  banner.id = 'bp_expNow';
  banner.setAttribute('aria-labelledby', 'bp_expNowTitle');
  const title = doc.createElement('h2');
  title.id = 'bp_expNowTitle';
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'md-button bp-exp-now__close';
  close.addEventListener('click', onClose);
  banner.append(title, doc.createElement('p'), doc.createElement('p'), close);
  banner.children[2].className = 'bp-experiments__question';
  return banner;
}

/**
 * The spotlight of one page: open(id) shows experiment `id` (null or an unknown id closes it).
 * page: {doc, t()}; onClose: the banner's button was pressed; the store's states move the spot
 * (a dead unit may revive).
 */
export function createSpotlight(page, store, onClose) {
  const { doc } = page;
  let id = null;
  let target = null;
  let styled = false;
  let wanted = null; // what open() asked for before the stylesheet arrived
  const banner = buildBanner(doc, () => {
    onClose();
    // The button is gone: focus goes to the list the experiments open from, without a jump.
    doc.querySelector('#bp_experiments > summary')?.focus({ preventScroll: true });
  });
  const unmark = () => {
    target?.classList.remove(SPOT);
    target?.removeAttribute('data-spot');
    target = null;
  };
  const place = (state) => {
    const spot = SPOTS[id];
    const found = spot ? spot.find(doc, state) : null;
    if (found !== target) unmark();
    if (!found) return;
    const t = page.t();
    target = found;
    target.classList.add(SPOT);
    const label = t('exp_look', { what: spot.name(t, found) });
    if (target.dataset.spot !== label) target.dataset.spot = label; // no restyle while training
  };
  const render = (state) => {
    if (!SPOTS[id]) return;
    const t = page.t();
    const [title, what, question, close] = banner.children;
    title.textContent = t(`exp_${id}_link`);
    what.textContent = t(`exp_${id}_what`);
    question.textContent = t(`exp_${id}_q`);
    close.textContent = t('exp_close');
    for (const link of doc.querySelectorAll('a[data-experiment]')) {
      if (link.getAttribute('href').endsWith(`#exp=${id}`)) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    place(state);
  };
  store.subscribe(render);
  const show = (next) => {
    id = SPOTS[next] ? next : null;
    unmark();
    if (!id) {
      banner.remove();
      for (const link of doc.querySelectorAll('a[data-experiment]')) link.removeAttribute('aria-current');
      return;
    }
    doc.querySelector('.bp-status-area').after(banner);
    render(store.getState());
  };
  loadStyle(doc, () => {
    styled = true;
    show(wanted);
  });
  return {
    open(next) {
      wanted = next;
      if (styled) show(next);
    },
  };
}
