"""The page's files over a real server: gzip when asked, a validator that answers 304, one joined
first script holding every module the first drawing needs, nothing outside the static folder,
and a compressed page."""
import gzip
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from app.assets import slim, static_closure

STATIC = Path(__file__).resolve().parent.parent / "static"


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.parametrize("path", ["js/main.js", "js/store.js", "css/app.css"])
def test_static_files_travel_gzipped_and_unchanged(live_server, path):
    status, headers, body = fetch(f"{live_server}/static/{path}", {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
    kind = "text/css" if path.endswith(".css") else "text/javascript"
    served = slim(kind, (STATIC / path).read_bytes())
    assert gzip.decompress(body) == served
    plain_status, plain_headers, plain = fetch(f"{live_server}/static/{path}")
    assert plain_status == 200 and "Content-Encoding" not in plain_headers and plain == served
    assert headers["ETag"] == plain_headers["ETag"]


def test_a_repeat_visit_revalidates_with_a_304(live_server):
    _, headers, _ = fetch(f"{live_server}/static/js/socket.js")
    assert headers["Cache-Control"] == "no-cache" and headers["Content-Type"].startswith("text/javascript")
    status, _, body = fetch(f"{live_server}/static/js/socket.js", {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    status, _, _ = fetch(f"{live_server}/static/js/socket.js", {"If-None-Match": '"another"'})
    assert status == 200


@pytest.mark.parametrize("route", ["/", "/embed?lang=en"])
def test_a_repeat_visit_of_a_page_revalidates_with_a_304_that_keeps_its_policy(live_server, route):
    _, headers, _ = fetch(f"{live_server}{route}", {"Accept-Encoding": "gzip"})
    assert headers["Cache-Control"] == "no-cache" and headers["ETag"]
    status, again, body = fetch(f"{live_server}{route}", {"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})
    assert status == 304 and body == b"" and again["Content-Security-Policy"] == headers["Content-Security-Policy"]
    assert fetch(f"{live_server}{route}&seed=4" if "?" in route else f"{live_server}/?seed=4",
                 {"If-None-Match": headers["ETag"]})[0] == 200  # another page, another validator


@pytest.mark.parametrize("path", ["../app/__init__.py", "js/nothing.js", "..%2Fapp%2F__init__.py"])
def test_nothing_outside_the_static_folder_is_served(live_server, path):
    assert fetch(f"{live_server}/static/{path}")[0] == 404


def test_a_weak_validator_revalidates_with_a_304_as_the_page_does(live_server):
    """If-None-Match compares weakly (RFC 9110 §13.1.2): a proxy that marked the validator weak
    still gets its 304; the static files answered it 200 with the whole file."""
    for path in ("/static/js/socket.js", "/static/js/bundle.js", "/"):
        _, headers, _ = fetch(f"{live_server}{path}")
        status, _, body = fetch(f"{live_server}{path}", {"If-None-Match": "W/" + headers["ETag"]})
        assert (path, status, body) == (path, 304, b"")


@pytest.mark.parametrize("path", ["%00", "js/%00.js", "a" * 300, "js/" + "b" * 300 + ".js"],
                         ids=["null byte", "null byte in js", "300 characters", "300 characters in js"])
def test_a_name_no_file_can_have_is_not_found(live_server, path):
    """A null byte or a name too long for the file system made the lookup raise: 500."""
    status, _, body = fetch(f"{live_server}/static/{path}")
    assert status == 404 and b"Not Found" in body


@pytest.mark.parametrize("accept, gzipped", [
    ("gzip;q=0", False), ("identity, *;q=0", False), ("br, gzip;q=0, *", False), ("", False),
    ("gzip;q=0.5", True), ("*", True), ("identity;q=1, *;q=0.1", True),
])
@pytest.mark.parametrize("path", ["/", "/static/js/bundle.js", "/static/css/app.css"])
def test_gzip_goes_only_to_a_browser_that_takes_it(live_server, path, accept, gzipped):
    """`gzip;q=0` refuses gzip (RFC 9110 §12.5.3), as `*;q=0` does for whatever it does not name:
    both got it all the same, the name being looked up without its quality."""
    status, headers, body = fetch(f"{live_server}{path}", {"Accept-Encoding": accept})
    assert status == 200 and headers.get("Content-Encoding") == ("gzip" if gzipped else None)
    assert "Accept-Encoding" in headers["Vary"]
    _, _, plain = fetch(f"{live_server}{path}")
    assert (gzip.decompress(body) if gzipped else body) == plain


@pytest.mark.parametrize("route", ["/", "/embed"])
def test_the_page_is_gzipped_and_loads_one_script_holding_every_module_but_those_fetched_on_demand(live_server, route):
    status, headers, body = fetch(f"{live_server}{route}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(body).decode()
    assert re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html) == ["/static/js/bundle.js"]
    assert "modulepreload" not in html
    status, headers, body = fetch(f"{live_server}/static/js/bundle.js", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Content-Type"].startswith("text/javascript")
    joined = set(re.findall(r"^const \$module_([\w]+) = \(\(\) => \{$", gzip.decompress(body).decode(), re.MULTILINE))
    scripts = {path.name: path.read_text(encoding="utf-8") for path in (STATIC / "js").glob("*.js")}
    on_demand = {name for text in scripts.values() for name in re.findall(r"import\('\./([\w.-]+\.js)'\)", text)}
    assert {"quiz.js", "circuit-view.js", "files.js", "i18n-en.js"} <= on_demand
    expected = set(scripts) - only_reached_through(on_demand)
    assert "main.js" in expected and joined == {name[:-3].replace("-", "_") for name in expected}


def only_reached_through(on_demand):
    """The on-demand modules plus every module that only they (or lazy/ files) import statically."""
    texts = {path.relative_to(STATIC / "js").as_posix(): path.read_text(encoding="utf-8")
             for path in (STATIC / "js").rglob("*.js")}
    importers = {name: {other for other, text in texts.items()
                        if re.search(rf"from '\.\.?/{re.escape(name)}'", text)} for name in texts}
    lazy = set(on_demand) | {name for name in texts if "/" in name}
    grew = True
    while grew:
        grew = False
        for name, by in importers.items():
            if name not in lazy and by and by <= lazy:
                lazy.add(name)
                grew = True
    return lazy


def test_a_module_only_a_lazy_module_imports_is_not_preloaded(tmp_path):
    (tmp_path / "main.js").write_text("import { a } from './a.js';\nexport {\n  b,\n} from './b.js';\n"
                                      "const later = () => import('./lazy.js');\n")
    (tmp_path / "a.js").write_text("import { x } from './missing.js';\nexport const a = 1;\n")
    (tmp_path / "b.js").write_text("export const b = 'from ./c.js';\n")
    (tmp_path / "lazy.js").write_text("import { a } from './a.js';\nimport { d } from './d.js';\n")
    (tmp_path / "d.js").write_text("export const d = 1;\n")
    assert static_closure(tmp_path, "main.js") == ["a.js", "b.js", "main.js"]


def test_slim_drops_only_comment_lines_blank_lines_and_indentation():
    source = b"""// a header comment
/**
 * A doc comment.
 */
export function f(a) {
  // why, not what
  const url = 'http://example.org'; // a trailing comment stays
  /* one line */
  return a /* inline */ + 1;
}
/* a block
   ends here */ const after = 2;
"""
    assert slim("text/javascript", source).decode() == (
        "export function f(a) {\n"
        "const url = 'http://example.org'; // a trailing comment stays\n"
        "return a /* inline */ + 1;\n"
        "}\n"
        "const after = 2;\n"
    )
    assert slim("image/png", source) == source


def test_every_served_script_parses(tmp_path):
    """node checks the syntax of every slimmed module (the browser tests then run them all)."""
    import shutil
    import subprocess

    for path in sorted((STATIC / "js").rglob("*.js")):  # lazy/ too: the modules loaded on first use
        target = tmp_path / (path.relative_to(STATIC / "js").with_suffix(".mjs").as_posix().replace("/", "_"))
        target.write_bytes(slim("text/javascript", path.read_bytes()))
        subprocess.run([shutil.which("node"), "--check", str(target)], check=True, capture_output=True)
