// experiments.js — owns which guided experiment is open: its link carries it in the address's
// fragment (#exp=high), so the query keeps only settings and a reload keeps it open; the links
// keep the page's language. The spotlight itself (lazy/experiment-spot.js) loads only when an
// experiment is open.

/** The experiment named by a fragment ("#exp=dead" → "dead"), or null. */
export function experimentId(hash) {
  const match = /^#exp=([a-z]+)$/.exec(hash || '');
  return match ? match[1] : null;
}

/** The experiment links (relative, so /embed stays /embed) keep the page's language. */
export function localizeLinks(links, lang) {
  for (const link of links) {
    const [query, fragment = ''] = link.getAttribute('href').split('#');
    const base = query.replace(/&lang=[^&]*$/, '');
    const localized = lang === 'pt-BR' ? base : `${base}&lang=${encodeURIComponent(lang)}`;
    link.setAttribute('href', fragment ? `${localized}#${fragment}` : localized);
  }
}

/**
 * An experiment's link sets the widget up afresh even when the address differs only in its
 * fragment (the same experiment again, after training): the browser would only scroll there.
 */
function reloadSameDocumentLinks(page) {
  for (const link of page.doc.querySelectorAll('a[data-experiment]')) {
    link.addEventListener('click', (event) => {
      const [here] = page.doc.URL.split('#');
      if (link.href.split('#')[0] !== here) return;
      event.preventDefault();
      page.reload(link.href);
    });
  }
}

/**
 * Follow the fragment: open the experiment it names (loading the spotlight on first use) and
 * close it when it names none. page: {doc, hash(), onHashChange(fn), clearHash(), reload(href), t()}.
 */
export function followExperiments(page, store) {
  reloadSameDocumentLinks(page);
  let spot = null;
  const sync = () => {
    const id = experimentId(page.hash());
    if (!id && !spot) return;
    import('./lazy/experiment-spot.js').then(({ createSpotlight }) => {
      spot = spot || createSpotlight(page, store, () => {
        page.clearHash();
        sync();
      });
      spot.open(experimentId(page.hash()));
    });
  };
  page.onHashChange(sync);
  sync();
}
