// experiments.js — owns which guided experiment is open: its link carries it in the address's
// fragment (#exp=high), so the query keeps only settings and a reload keeps it open; the links
// keep the page's presentation (an embed's language, theme and controls), and opening one is a
// step "Passo anterior" undoes, which closes it again and puts back the page's own settings it
// changed ("Conferir minha conta", the pace, …: the server's undo knows only its own). The
// spotlight itself (lazy/experiment-spot.js) loads only when an experiment is open.

import { formatValue, keepCommas, readSettings, sameValue } from './settings.js';

/** The experiment named by a fragment ("#exp=dead" → "dead"), or null. */
export function experimentId(hash) {
  const match = /^#exp=([a-z]+)$/.exec(hash || '');
  return match ? match[1] : null;
}

/**
 * Whatever a fragment names as its experiment ("#exp=dead2" → "dead2", percent-escapes read), even
 * what experimentId refuses: a teacher's typo is named back to them (embed.js). Null for no name.
 */
export function experimentName(hash) {
  const match = /^#exp=(.+)$/.exec(hash || '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1]; // a stray "%": the name as typed
  }
}

/** The experiment a link opens, from its fragment. */
const linkedExperiment = (link) => experimentId(link.getAttribute('href').replace(/^[^#]*/, ''));

/** Show only the items of the offered experiments (embed.js), and the list only when it has one. */
export function offerExperiments(list, offered) {
  for (const link of list.querySelectorAll('a[data-experiment]')) {
    link.closest('li').hidden = !offered.includes(linkedExperiment(link));
  }
  list.hidden = offered.length === 0;
}

/**
 * An experiment's link (`base`, its own settings and fragment) with the page's presentation added:
 * every setting the table marks `presentation` (language, theme, the controls an embed shows,
 * decimals, loss axis) that the link does not set itself and the page has away from its default.
 * Not `autotrain` (the teacher's page starts training on arrival; an experiment asks the student
 * to start it) nor what runs the training (speed, target, …): the experiment sets those up.
 */
export function experimentHref(base, catalog, settings) {
  const [query, fragment] = base.split('#');
  const own = new URLSearchParams(query);
  const added = catalog.settings
    .filter((entry) => entry.presentation && !own.has(entry.param))
    .filter((entry) => settings[entry.key] !== undefined && !sameValue(settings[entry.key], entry.default))
    .map((entry) => `${entry.param}=${keepCommas(encodeURIComponent(formatValue(entry, settings[entry.key])))}`);
  const href = [query, ...added].join('&');
  return fragment === undefined ? href : `${href}#${fragment}`;
}

/** Point the experiment links (relative, so /embed stays /embed) at the page's presentation. */
export function keepPresentation(links, catalog, settings) {
  for (const link of links) {
    if (link.getAttribute('data-base') === null) link.setAttribute('data-base', link.getAttribute('href'));
    link.setAttribute('href', experimentHref(link.getAttribute('data-base'), catalog, settings));
  }
}

/**
 * The page's own settings (no `config`: the server does not keep them, so its undo cannot bring
 * them back) that differ between `before` and `after`, with their values from before.
 */
export function pageSettingsChanged(catalog, before, after) {
  return Object.fromEntries(catalog.settings
    .filter((entry) => !entry.config && !sameValue(before[entry.key], after[entry.key]))
    .map((entry) => [entry.key, before[entry.key]]));
}

/**
 * The link that sets experiment `id` up from this page (its catalog query, the page's
 * presentation kept), when the page's settings are not the ones it sets up; else null. Compared:
 * every server setting (the link leaves the others at their defaults) and whatever else its
 * query names, but the presentation (language, theme, …), which the link keeps. An address whose fragment names the experiment ("#exp=high" written by hand, or
 * after other settings) would otherwise show its instructions over another network (η = 0,1
 * under "η alto demais (η = 5)").
 */
export function experimentToSetUp(catalog, settings, id) {
  const experiment = catalog.experiments.find((entry) => entry.id === id);
  if (!experiment) return null;
  const own = new URLSearchParams(experiment.query);
  const wanted = readSettings(catalog, `?${experiment.query}`).settings;
  const differs = catalog.settings.some((entry) => !entry.presentation && (entry.config || own.has(entry.param))
    && !sameValue(settings[entry.key], wanted[entry.key]));
  return differs ? experimentHref(`?${experiment.query}#exp=${id}`, catalog, settings) : null;
}

/**
 * A plain click on an experiment's link sets the experiment up in this page (openInPage, false
 * when it cannot: no connection yet); otherwise the page loads the link afresh, even when it
 * differs only in its fragment (the same experiment again: the browser would only scroll there).
 */
function openLinksHere(page, openInPage) {
  for (const link of page.doc.querySelectorAll('a[data-experiment]')) {
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (!openInPage(link.href)) page.reload(link.href);
    });
  }
}

/**
 * setUp(id): the experiment the address names, on the settings it sets up (experimentToSetUp, as
 * its link would), through openInPage(href) → false when there is no connection yet; then on the
 * first state of one, if the fragment (named()) still names it.
 */
function settingUp(page, store, openInPage, named) {
  let waiting = null; // unsubscribes the wait for a connection
  const setUp = (id) => {
    const { catalog, settings } = store.getState();
    const link = id && experimentToSetUp(catalog, settings, id);
    if (!link || openInPage(new URL(link, page.doc.baseURI).href) || waiting) return;
    waiting = store.subscribe((state) => {
      if (state.connection.status !== 'open' || !state.server) return;
      waiting();
      waiting = null;
      if (named() === id) setUp(id);
    });
  };
  return setUp;
}

/**
 * Follow the fragment: open the experiment it names (loading the spotlight on first use) and
 * close it when it names none, or one not offered here, or when the step that opened it is
 * undone. An experiment the address names over other settings is set up as its link would
 * (experimentToSetUp), once connected; not in a page that resumes the session its reload kept
 * (`resumed`: the student's own session, maybe changed since the experiment opened, comes first).
 * page: {doc, hash(), offered (ids), onHashChange(fn), clearHash(), reload(href),
 * openHere(href) → Promise<reply> | null, t(), followed(hash), resumed}: followed is told each
 * fragment the page follows, so that the page can say why one names an experiment it does not open.
 */
export function followExperiments(page, store) {
  let spot = null;
  let openedAt = null; // the undo depth right after an experiment opened in this page
  let putBack = {}; // the page's own settings that opening it changed, as they were
  const named = () => {
    const id = experimentId(page.hash());
    return page.offered.includes(id) ? id : null;
  };
  // Set an experiment up in this page, as one step that "Passo anterior" takes back (page.openHere,
  // null when it cannot: no connection yet); false when it could not.
  const openInPage = (href) => {
    const before = store.getState().settings;
    const opening = page.openHere?.(href);
    if (!opening) return false;
    const { catalog, settings } = store.getState();
    openedAt = null;
    putBack = pageSettingsChanged(catalog, before, settings);
    sync();
    opening.then((reply) => {
      if (reply?.type === 'state') openedAt = reply.undo_depth;
    });
    return true;
  };
  const setUp = settingUp(page, store, (href) => openInPage(href), named);
  let loading = true; // the fragment the page was loaded with: not set up over a resumed session
  const sync = () => {
    const onLoad = loading;
    loading = false;
    page.followed(page.hash());
    if (!named() && !spot) return;
    if (!(onLoad && page.resumed)) setUp(named());
    import('./lazy/experiment-spot.js').then(({ createSpotlight }) => {
      spot = spot || createSpotlight(page, store, () => {
        page.clearHash();
        sync();
      });
      spot.open(named());
    });
  };
  openLinksHere(page, openInPage);
  store.subscribe((state) => {
    if (openedAt === null || !state.server || state.server.undo_depth >= openedAt) return;
    openedAt = null;
    store.dispatch({ type: 'settings', patch: putBack }); // the server's undo brought back its own
    page.clearHash();
    sync();
  });
  page.onHashChange(sync);
  sync();
}
