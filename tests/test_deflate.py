"""Compression as browsers negotiate it (permessage-deflate, app/deflate.py), against the
production command: what the server agrees to, replies that are the uncompressed replies text
for text, a client's compressed frames read at the limits, and a browser's session costing the
memory of one that does not compress; and Chromium's own handshake and page."""
import json

import pytest
import websocket
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Request, TextMessage

from app.deflate import LeanDeflate
from helpers.browser_ws import BrowserLikeSocket, ChromiumDeflate
from helpers.ws import connect, ws_url
from test_browser import expect_phase, next_step, open_widget
from test_limits import worker_rss_kib

LIMITS = {"BP_MAX_MESSAGE_BYTES": "2048", "BP_MAX_FRAME_BYTES": "8192"}
TOO_LARGE_PT = "A mensagem é grande demais (o máximo é 2 KiB)."
FRAME_TOO_LARGE_PT = "A mensagem passou de 8 KiB; a conexão foi fechada."


def padded_configure(size):
    head, tail = '{"op": "configure"', "}"
    return head + " " * (size - len(head) - len(tail)) + tail


CONVERSATION = [  # every kind of reply: each phase, a train, an undo, an edit, an error, a snapshot
    json.dumps({"op": "configure", "seed": 7}), *['{"op":"step"}'] * 12,
    json.dumps({"op": "train", "epochs": 20}), '{"op":"undo"}',
    json.dumps({"op": "set", "what": "weight", "layer": 0, "row": 0, "col": 1, "value": 0.25}),
    '{"op":"update"}', "not json", '{"op":"snapshot"}',
    json.dumps({"op": "configure", "hidden": [8, 8], "dataset": "spiral", "seed": 2}),
    *['{"op":"step"}'] * 4, json.dumps({"op": "train", "epochs": 3}),
]


def test_chromiums_offer_is_answered_with_no_context_kept_on_either_side(servers):
    ws = BrowserLikeSocket(ws_url(servers().base_url))
    try:
        assert ws.extension.enabled()
        assert ws.extension.server_no_context_takeover and ws.extension.client_no_context_takeover
    finally:
        ws.close()


@pytest.mark.parametrize("offer, answer", [
    ("permessage-deflate; client_max_window_bits=x", None),
    ("permessage-deflate; server_max_window_bits=abc", None),
    ("permessage-deflate; server_max_window_bits=8", None),  # zlib cannot: declined
    ("permessage-deflate; server_max_window_bits=10",
     "permessage-deflate; client_no_context_takeover; server_no_context_takeover; server_max_window_bits=10"),
])
def test_an_offer_with_a_bad_parameter_is_declined_and_the_connection_goes_on(servers, offer, answer):
    server = servers()
    tracebacks = server.output().count("Traceback")
    ws = websocket.create_connection(ws_url(server.base_url), timeout=15, skip_utf8_validation=True,
                                     header=[f"Sec-WebSocket-Extensions: {offer}"])
    try:
        assert ws.getheaders().get("sec-websocket-extensions") == answer
        if answer is None:  # websocket-client reads only uncompressed frames
            assert json.loads(request_text(ws, '{"op":"configure","seed":1}'))["type"] == "state"
    finally:
        ws.close()
    assert server.output().count("Traceback") == tracebacks  # it was: wsproto raised, and the upgrade got 500


def request_text(ws, text):
    ws.send(text)
    return ws.recv()


def test_compressed_replies_are_the_uncompressed_replies_text_for_text(servers):
    url = servers().base_url
    compressed, plain = BrowserLikeSocket(ws_url(url)), connect(url)
    try:
        texts = []
        for message in CONVERSATION:
            plain.send(message)
            compressed.send(message)
            texts.append(plain.recv())
            assert compressed.recv() == texts[-1]
        replies = [json.loads(text) for text in texts]
        assert {"configure", "step", "train", "undo", "set", "update", "snapshot"} <= {r["reply_to"] for r in replies}
        assert compressed.wire_bytes < 0.75 * sum(map(len, texts))  # it was compressed
        # The largest message a page sends, a restore, through a compressed frame as well.
        snapshot = next(r["snapshot"] for r in replies if r["reply_to"] == "snapshot")
        restore = json.dumps({"op": "restore", "snapshot": snapshot})
        plain.send(restore)
        compressed.send(restore)
        assert compressed.recv() == plain.recv()
    finally:
        compressed.close()
        plain.close()


def test_a_compressed_message_is_measured_inflated_at_both_limits(servers):
    """A frame of spaces is a few bytes on the wire; its limits count what it inflates to."""
    url = ws_url(servers(**LIMITS).base_url)
    ws = BrowserLikeSocket(url)
    try:
        ws.send(padded_configure(2048))
        assert json.loads(ws.recv())["type"] == "state"
        ws.send(padded_configure(2049))
        assert json.loads(ws.recv())["message"] == TOO_LARGE_PT
        ws.send(padded_configure(8192))
        assert json.loads(ws.recv())["code"] == "too_large"
        ws.send(padded_configure(8193))
        with pytest.raises(ConnectionError):
            ws.recv()
        assert ws.closed == (1009, FRAME_TOO_LARGE_PT)
    finally:
        ws.close()


def wsproto_pair(limit):
    """A client offering deflate as Chromium does and a server accepting it on app/deflate.py's
    terms, both real wsproto connections, handshake done."""
    client, server, deflate = WSConnection(ConnectionType.CLIENT), WSConnection(ConnectionType.SERVER), LeanDeflate(limit)
    server.receive_data(client.send(Request(host="x", target="/ws", extensions=[ChromiumDeflate()])))
    next(server.events())
    client.receive_data(server.send(AcceptConnection(extensions=[deflate])))
    next(client.events())
    return client, server, deflate


@pytest.mark.parametrize("size, read", [(8192, True), (8193, False), (64 * 1024 * 1024, False)])
@pytest.mark.parametrize("frames", [1, 3])
def test_a_message_is_inflated_no_further_than_one_byte_past_the_limit(size, read, frames):
    client, server, deflate = wsproto_pair(8192)
    cuts = [size * i // frames for i in range(frames + 1)]
    for i in range(frames):  # the limit is the message's, however many frames carry it
        part = TextMessage(" " * (cuts[i + 1] - cuts[i]), message_finished=i == frames - 1)
        server.receive_data(client.send(part))
    events = list(server.events())
    if read:
        assert "".join(e.data for e in events if isinstance(e, TextMessage)) == " " * size
    else:
        assert [(e.code, e.reason) for e in events if isinstance(e, CloseConnection)] == [(1009, "error in extension")]
        assert deflate.inflated == 8193  # wsproto alone inflated 64 MiB in one go
    assert deflate.inflated <= 8193


def test_each_message_is_counted_from_zero():
    client, server, deflate = wsproto_pair(8192)
    for _ in range(3):
        server.receive_data(client.send(TextMessage(" " * 8192)))
        assert sum(len(e.data) for e in server.events()) == 8192


def test_a_compressed_frame_that_does_not_inflate_closes_with_1007_and_a_sentence(servers):
    ws = BrowserLikeSocket(ws_url(servers().base_url))
    try:
        payload = b"\xff\xff\xff\xff not deflate"
        ws.sock.sendall(bytes([0x80 | 0x40 | 0x1, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)  # FIN, RSV1, text
        with pytest.raises(ConnectionError):
            ws.recv()
        assert ws.closed == (1007, "O servidor recebeu uma mensagem que não é texto UTF-8 válido "
                                   "(ou não se descomprime); a conexão foi fechada.")
    finally:
        ws.close()


def test_a_compression_bomb_is_closed_with_the_sentence_and_the_worker_keeps_nothing(servers):
    """64 MiB of spaces compress to ~64 KB. The worker grew by the megabytes each such connection
    read until the collector's next full pass (a cycle through the connection's `say`)."""
    server = servers(**LIMITS, BP_WORKERS="1")
    bomb = padded_configure(64 * 1024 * 1024)
    for round in range(4):
        if round == 1:  # the first bomb warmed the worker up; from here on it must not grow
            before = worker_rss_kib(server)
        ws = BrowserLikeSocket(ws_url(server.base_url))
        ws.send(bomb)
        with pytest.raises(ConnectionError):
            ws.recv()
        assert ws.closed == (1009, FRAME_TOO_LARGE_PT)
        ws.close()
    assert worker_rss_kib(server) - before < 8 * 1024
    healthy = BrowserLikeSocket(ws_url(server.base_url))
    healthy.send('{"op":"step"}')
    assert json.loads(healthy.recv())["type"] == "state"
    healthy.close()


def test_a_compressing_session_costs_the_memory_of_a_plain_one(servers):
    """wsproto's defaults kept a compressor (~256 KiB) and a decompressor (~40 KiB) for the life
    of every browser's connection: ~4× a session's memory."""
    server = servers(BP_WORKERS="1", BP_MAX_SESSIONS="300")

    def growth_per_session(open_one, count=100):
        before, sockets = worker_rss_kib(server), []
        for seed in range(count):
            ws = open_one()
            for message in (json.dumps({"op": "configure", "seed": seed}), *['{"op":"step"}'] * 6):
                ws.send(message)
                ws.recv()
            sockets.append(ws)
        grown = (worker_rss_kib(server) - before) / count
        for ws in sockets:
            ws.close()
        return grown

    growth_per_session(lambda: connect(server.base_url))  # warms the worker up
    plain = growth_per_session(lambda: connect(server.base_url))
    compressing = growth_per_session(lambda: BrowserLikeSocket(ws_url(server.base_url)))
    assert compressing < plain + 64, f"{compressing:.0f} KiB a compressing session, {plain:.0f} a plain one"


def test_chromium_gets_the_same_terms_and_its_page_steps_through_them(page, live_server):
    answers = []
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.webSocketHandshakeResponseReceived",
           lambda event: answers.append(event["response"]["headers"]))
    open_widget(page, live_server)
    for phase in ("forward", "backward", "update"):
        next_step(page)
        expect_phase(page, phase)
    extensions = {name.lower(): value for name, value in answers[0].items()}["sec-websocket-extensions"]
    terms = [term.strip() for term in extensions.split(";")]
    assert terms[0] == "permessage-deflate"
    assert {"client_no_context_takeover", "server_no_context_takeover"} <= set(terms)
