"""Own how the page's files travel: gzip when the browser takes it, a content validator (ETag)
so a repeat visit revalidates in one round trip, and the page's first script.

That script, js/bundle.js, is main.js and every module it imports statically, joined into one
file (app/bundle.py): a first visit fetches one script instead of forty, each of which waited
its turn on one of the browser's six connections. The modules a feature fetches with `import()`
the first time it is used (static/js/on-demand.js) are left out. Scripts and style sheets travel
without their comment lines and indentation (`slim`): the source stays as readable as it is, the
page arrives a quarter lighter. Files are read, slimmed and compressed once per change of their bytes.
"""
import gzip
import hashlib
import mimetypes
from pathlib import Path

from flask import Response, abort, request

from .bundle import STATIC_IMPORT, join

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Below this a gzip header costs more than it saves.
MIN_COMPRESS_BYTES = 512
# The joined first script: not a file of the folder, made from main.js and what it imports.
BUNDLE, ENTRY = "js/bundle.js", "main.js"


class Assets:
    """The static folder's files in memory: bytes, gzip, ETag, keyed by path and modification time."""

    def __init__(self, folder):
        self.folder = Path(folder).resolve()
        self._cache = {}

    def entry(self, filename):
        """(data, gzip or None, etag, content type) of a static file, or of the joined first script."""
        if filename == BUNDLE:
            folder = self.folder / "js"
            stamp = max(path.stat().st_mtime_ns for path in folder.glob("*.js"))
            return self._packed(BUNDLE, stamp, "text/javascript", lambda: bundle(folder))
        try:
            path = (self.folder / filename).resolve()
            found = self.folder in path.parents and path.is_file()
        except (OSError, ValueError):  # a null byte, a name too long for the file system: no file
            found = False
        if not found:
            abort(404)
        kind = content_type(path)
        return self._packed(path, path.stat().st_mtime_ns, kind, lambda: slim(kind, path.read_bytes()))

    def _packed(self, key, stamp, kind, read):
        cached = self._cache.get(key)
        if cached is None or cached[0] != stamp:
            data = read()
            packed = gzip.compress(data, 9, mtime=0) if compressible(kind, data) else None
            etag = hashlib.sha256(data).hexdigest()[:20]
            cached = (stamp, data, packed, etag, kind)
            self._cache[key] = cached
        return cached[1:]

    def response(self, filename):
        """The file's response for this request: 304, gzip or plain, always with its validator."""
        data, packed, etag, kind = self.entry(filename)
        headers = {"ETag": f'"{etag}"', "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        # If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" names the same bytes as "x".
        if request.if_none_match.contains_weak(etag):
            return Response(status=304, headers=headers)
        if packed is not None and takes_gzip():
            return Response(packed, mimetype=kind, headers=dict(headers, **{"Content-Encoding": "gzip"}))
        return Response(data, mimetype=kind, headers=headers)


def static_closure(folder, entry):
    """Sorted names of entry and of every module it statically imports, directly or not."""
    seen, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name not in seen and (folder / name).is_file():
            seen.add(name)
            todo.extend(STATIC_IMPORT.findall((folder / name).read_text(encoding="utf-8")))
    return sorted(seen)


def bundle(folder):
    """main.js and the modules it reaches by static imports, slimmed and joined into one module."""
    names = static_closure(folder, ENTRY)
    sources = {name: slim("text/javascript", (folder / name).read_bytes()).decode("utf-8") for name in names}
    return join(sources, ENTRY).encode("utf-8")


def slim(kind, data):
    """A script or style sheet without comment-only lines, blank lines and indentation; other
    files as they are. Only whole lines go (a line that starts a block comment and has code after
    its end is kept), and newlines stay, so no statement or string can change: the page has no
    template literal or string spanning lines."""
    if kind not in ("text/javascript", "text/css"):
        return data
    kept, in_comment = [], False
    for line in data.decode("utf-8").split("\n"):
        text = line.strip()
        if in_comment:
            in_comment = "*/" not in text
            if not in_comment and not text.endswith("*/"):
                kept.append(text[text.index("*/") + 2:].strip())
            continue
        if text.startswith("/*") and "*/" not in text:
            in_comment = True
        elif text and not text.startswith("//") and not (text.startswith("/*") and text.endswith("*/")):
            kept.append(text)
    return ("\n".join(kept) + "\n").encode("utf-8")


def content_type(path):
    if path.suffix in (".js", ".mjs"):
        return "text/javascript"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def compressible(kind, data):
    return len(data) >= MIN_COMPRESS_BYTES and kind.startswith(COMPRESSIBLE)


def takes_gzip():
    """Whether this request's browser takes gzip: named, or under `*`, with a quality above 0
    (RFC 9110 §12.5.3: `gzip;q=0` and `identity, *;q=0` refuse it; a request with no Accept-Encoding
    gets plain bytes, as before)."""
    return request.accept_encodings["gzip"] > 0


def compress_page(response):
    """An HTML page with its validator (a repeat visit of the same page gets a 304) and, for a
    browser that takes it, gzipped (the static files are handled by Assets)."""
    if (response.status_code != 200 or response.direct_passthrough or "Content-Encoding" in response.headers
            or not response.mimetype == "text/html"):
        return response
    data = response.get_data()
    response.set_etag(hashlib.sha256(data).hexdigest()[:20])
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Vary"] = "Accept-Encoding"
    response.make_conditional(request.environ)  # 304 without a body when the browser has this page
    if response.status_code == 304:
        return response
    if len(data) >= MIN_COMPRESS_BYTES and takes_gzip():
        response.set_data(gzip.compress(data, 6))
        response.headers["Content-Encoding"] = "gzip"
    return response
