// files: what the page saves and opens. Builds the session (JSON) and loss (CSV) files, checks a
// file the student picked before it goes to the server, and hands a text to the browser as a
// download (the document and URL API come in as arguments). The session file is the snapshot the
// page holds (store.js heldSnapshot): exporting asks the server for nothing.

const SNAPSHOT_FORMAT_PREFIX = 'backprop-passo-a-passo/';

/** A file name with the date and time, e.g. "backprop-sessao-2024-05-01-1432.json". */
export function timestampedName(stem, extension, date) {
  const pad = (n) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${stem}-${day}-${pad(date.getHours())}${pad(date.getMinutes())}.${extension}`;
}

/** The text of a session file: the snapshot object, indented. */
export function snapshotFileText(snapshot) {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/**
 * Read a session file's text. Returns {ok: true, snapshot} or {ok: false}. Only the envelope is
 * checked here ({format: "backprop-passo-a-passo/…", session: {…}}); the server validates the rest,
 * including the format's version, and answers bad_snapshot with a sentence the page shows.
 */
export function parseSnapshotFile(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const looksRight = value !== null && typeof value === 'object' && !Array.isArray(value) &&
    typeof value.format === 'string' && value.format.startsWith(SNAPSHOT_FORMAT_PREFIX) &&
    value.session !== null && typeof value.session === 'object';
  return looksRight ? { ok: true, snapshot: value } : { ok: false };
}

/** The loss curve as CSV: a header line "epoch,loss", then one line per point. */
export function lossCsv(history) {
  const lines = ['epoch,loss'];
  for (const [epoch, loss] of history) lines.push(`${epoch},${loss}`);
  return `${lines.join('\n')}\n`;
}

/** Offer `text` as a download named `name` (Blob + object URL + a temporary link). */
export function downloadText(doc, urlApi, name, text, type) {
  const url = urlApi.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => urlApi.revokeObjectURL(url), 1000);
}
