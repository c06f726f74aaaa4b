"""The page's opening state (app/protocol/opening.py): the configure the server expects the page
to send for its URL, read as static/js/settings.js reads it (checked by running that module in
node), and the state embedded in the HTML, equal to the one a real socket answers to it."""
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.protocol.catalog import script_safe
from app.protocol.opening import configure_for_query, opening_json
from helpers.ws import connect, recv_json

ROOT = Path(__file__).resolve().parent.parent
OPENING = re.compile(r'<script type="application/json" id="bp_opening">(.*?)</script>', re.DOTALL)

# The state of this URL had −0.0s (its hidden space's points and line): the server writes none.
NEGATIVE_ZERO_URL = "?dataset=clusters&activation=tanh&seed=2"
# Query strings the page reads without a notice; the server must expect the same configure.
CANONICAL = [
    "", "?lang=en", "?lang=EN-au&lr=0.5&hidden=3,2", "?dataset=passo_a_passo&quiz=1", "?hidden=0",
    "?dataset=clusters&activation=tanh&seed=2", "?dataset=spiral&noise=30&points=200&split=20",
    "?optimizer=adam&momentum=0.85&loss=bce&batch=mini&batch_size=16&init=he",
    "?clip=2.5&schedule=cosine&period=50&l2=0.0015&l1=0.0001&detailed=sim&check=on",
    "?lr=0.001&hidden=8%3B8-8+8&theme=dark&prec=6&grads=0", "?lr=1,5", "?seed=2147483647&clip=-0",
    "?dataset=xor&lr=5&seed=3", "?dataset=passo_a_passo&lr=7&lang=pt", "?seed=%2B7&noise=12,0&points=1e2",
    "?seed=-0", "?dataset=passo_a_passo&optimizer=momentum&l2=0.01&clip=0.5&lr=0.1",
]
# Query strings the page clamps, snaps or refuses (it shows a notice): the server embeds nothing.
NOT_CANONICAL = [
    "?lr=abc", "?lr=0.123", "?lr=20", "?lr=0x10", "?lr=Infinity", "?lr=", "?momentum=0.999",
    "?seed=-1", "?seed=1.5", "?seed=%D9%A3", "?hidden=9", "?hidden=1,2,3,4,5,6,7", "?hidden=2,,2",
    "?dataset=moons", "?lang=fr", "?detailed=maybe", "?noise=51", "?points=%EF%BC%91%EF%BC%90%EF%BC%90",
    "?noise=-1", "?l2=0,00005", "?lr=0x1", "?seed=0x10", "?seed=1e400", "?points=100.5",
]


def page_configures(queries):
    """What static/js/settings.js makes of each query: its configure message and its notices."""
    script = ("import { CATALOG } from './tests/js/catalog.mjs';\n"
              "import { readSettings, configureMessage } from './static/js/settings.js';\n"
              f"const queries = {json.dumps(queries)};\n"
              "console.log(JSON.stringify(queries.map((q) => { const read = readSettings(CATALOG, q);\n"
              "  return { message: configureMessage(CATALOG, read.settings), notices: read.notices.length }; })));\n")
    done = subprocess.run([shutil.which("node"), "--input-type=module", "-e", script], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def args_of(query):
    from werkzeug.datastructures import MultiDict
    from urllib.parse import parse_qsl

    return MultiDict(parse_qsl(query.lstrip("?"), keep_blank_values=True))


def test_the_server_expects_the_configure_the_page_sends_for_each_canonical_url():
    for query, page in zip(CANONICAL, page_configures(CANONICAL)):
        assert page["notices"] == 0, query
        assert configure_for_query(args_of(query)) == page["message"], query


def test_a_url_the_page_would_clamp_snap_or_refuse_gets_no_opening():
    for query, page in zip(NOT_CANONICAL, page_configures(NOT_CANONICAL)):
        assert page["notices"] > 0 or page["message"] != configure_for_query(args_of("")), query
        assert configure_for_query(args_of(query)) is None, query
        assert opening_json(args_of(query)) is None, query


def test_the_opening_cannot_end_its_script_element():
    text = script_safe(json.dumps({"x": "</script><!--<script>&amp;"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!--<script>&amp;"}


def opening_in(client_or_html, query, route="/"):
    html = client_or_html.get(route + query).get_data(as_text=True)
    found = OPENING.search(html)
    return json.loads(found.group(1)) if found else None


@pytest.mark.parametrize("query", ["?lr=abc", "?hidden=9"])
def test_the_page_for_a_url_the_page_would_correct_has_no_opening(client, query):
    assert opening_in(client, query) is None
    assert opening_in(client, "") is not None


def canonical_text(value):
    """JSON text that tells -0.0 from 0.0 and keeps key order: equal texts are equal states."""
    return json.dumps(value, allow_nan=False, separators=(",", ":"))


@pytest.mark.parametrize("query", CANONICAL[:8])
@pytest.mark.parametrize("route", ["/", "/embed"])
def test_the_embedded_state_is_the_first_state_the_socket_answers(live_server, query, route):
    import urllib.request

    with urllib.request.urlopen(f"{live_server}{route}{query}", timeout=10) as response:
        html = response.read().decode()
    opening = json.loads(OPENING.search(html).group(1))
    ws = connect(live_server, f"/ws?lang={opening['configure']['lang']}")
    try:
        ws.send(json.dumps(opening["configure"]))
        first = recv_json(ws)
    finally:
        ws.close()
    assert first["type"] == "state" and "resume" in first and "resume" not in opening["state"]
    del first["resume"]
    assert canonical_text(opening["state"]) == canonical_text(first)


def negative_zeros(value, path="$"):
    """The paths of every -0.0 in a parsed JSON value."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in negative_zeros(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for k, item in enumerate(value) for p in negative_zeros(item, f"{path}[{k}]")]
    return [path] if isinstance(value, float) and value == 0 and math.copysign(1, value) < 0 else []


def test_the_embedded_state_has_no_negative_zero(client):
    assert negative_zeros(opening_in(client, NEGATIVE_ZERO_URL)["state"]) == []


@pytest.mark.parametrize("query, english", [("", False), ("?lang=en", True), ("?lang=EN-gb&lr=abc", True),
                                            ("?lang=fr", False), ("?lang=pt", False)])
def test_an_english_page_fetches_its_strings_with_its_first_script(client, query, english):
    html = client.get("/" + query).get_data(as_text=True)
    assert ('<link rel="modulepreload" href="/static/js/i18n-en.js">' in html) is english


def test_a_page_request_makes_at_most_ten_new_openings_a_second_and_keeps_serving_the_kept_ones(monkeypatch):
    """A script inventing URLs cannot buy a new session (~20 ms) per request: past the budget a
    page comes without its opening (it draws from its socket), and the kept ones are still embedded."""
    import app
    from app import OPENINGS_MADE_PER_SECOND, create_app

    monkeypatch.setattr(app, "clock", lambda: 100.0)  # all within one second, however slow the machine
    client = create_app().test_client()
    seeds = range(1000, 1000 + OPENINGS_MADE_PER_SECOND + 5)  # URLs no other test asks for
    embedded = [OPENING.search(client.get(f"/?seed={seed}").get_data(as_text=True)) is not None for seed in seeds]
    assert embedded == [True] * OPENINGS_MADE_PER_SECOND + [False] * 5
    assert OPENING.search(client.get(f"/?seed={seeds[0]}").get_data(as_text=True)), "a kept opening needs no budget"
