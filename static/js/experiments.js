// experiments.js — owns which guided experiment is open: its link carries it in the address's
// fragment (#exp=high), so the query keeps only settings and a reload keeps it open; the links
// keep the page's language. The spotlight itself (experiment-spot.js) loads only when an
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
 * Follow the fragment: open the experiment it names (loading the spotlight on first use) and
 * close it when it names none. page: {doc, hash(), onHashChange(fn), clearHash(), t()}.
 */
export function followExperiments(page, store) {
  let spot = null;
  const sync = () => {
    const id = experimentId(page.hash());
    if (!id && !spot) return;
    import('./experiment-spot.js').then(({ createSpotlight }) => {
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
