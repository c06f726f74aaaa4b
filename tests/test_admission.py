"""Who may open /ws, and how a socket is let go: tested against the production command.

Bad upgrades get 400, other sites' pages 403; a full process, an idle socket and a shutdown each
close with their code and the sentence the page shows.
"""
import base64
import http.client
import signal
import socket
import struct
import time

import pytest
import websocket

from helpers.servers import start_gunicorn
from helpers.ws import close_frame, request, ws_url

COURSE = "https://course.example.org"
GOOD_KEY = base64.b64encode(b"0123456789abcdef").decode()
UPGRADE = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": GOOD_KEY}


@pytest.fixture(scope="module")
def server():
    server = start_gunicorn(env={"BP_ALLOWED_ORIGINS": f"{COURSE}, http://localhost:9999"})
    yield server
    server.stop()


def status_of(server, headers, path="/ws"):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


@pytest.mark.parametrize("change", [
    {"Upgrade": None, "Connection": None},          # a plain GET
    {"Sec-WebSocket-Key": None},
    {"Sec-WebSocket-Key": "not base64!"},
    {"Sec-WebSocket-Key": base64.b64encode(b"short").decode()},
    {"Sec-WebSocket-Version": "8"},
    {"Sec-WebSocket-Version": None},
    {"Upgrade": "h2c"},
    {"Connection": "keep-alive"},
])
def test_malformed_upgrade_gets_400(server, change):
    headers = {k: v for k, v in {**UPGRADE, **change}.items() if v is not None}
    status, text = status_of(server, headers)
    assert status == 400
    assert "WebSocket upgrade" in text


HOST_NEEDED = "Bad Request: a WebSocket upgrade needs a Host header naming a host (RFC 9112 §3.2).\n"


@pytest.mark.parametrize("host", [None, b"\xfc.example.org", b"xn--zz"], ids=["no Host", "not ASCII", "bad IDNA"])
@pytest.mark.parametrize("origin", [None, COURSE])
def test_an_upgrade_without_a_readable_host_gets_400(server, host, origin):
    """wsproto raised on these in the handshake: 500 and a traceback in the log."""
    lines = [b"GET /ws HTTP/1.1"] + [f"{k}: {v}".encode() for k, v in UPGRADE.items()]
    lines += [] if host is None else [b"Host: " + host]
    lines += [] if origin is None else [f"Origin: {origin}".encode()]
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as conn:
        conn.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        response = http.client.HTTPResponse(conn)
        response.begin()
        assert (response.status, response.read().decode()) == (400, HOST_NEEDED)
    assert "Traceback" not in server.output()


@pytest.mark.parametrize("version", [b"HTTP/1.0"])
def test_an_upgrade_before_http_1_1_gets_400(server, version):
    """RFC 6455 §4.1: the handshake is an HTTP/1.1 (or later) GET; an HTTP/1.0 one got 101."""
    lines = [b"GET /ws " + version, b"Host: 127.0.0.1"] + [f"{k}: {v}".encode() for k, v in UPGRADE.items()]
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as conn:
        conn.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        reply = b""
        while chunk := conn.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400 ") or reply.startswith(b"HTTP/1.0 400 "), reply[:80]
    assert reply.endswith(b"Bad Request: a WebSocket upgrade needs HTTP/1.1 or later (RFC 6455 \xc2\xa74.1).\n")


@pytest.mark.parametrize("origin", [
    "https://evil.example.com", "http://127.0.0.1:1", "null", "https://course.example.org.evil.com",
])
def test_other_origins_get_403(server, origin):
    status, text = status_of(server, {**UPGRADE, "Origin": origin})
    assert status == 403
    assert origin in text


@pytest.mark.parametrize("origin", [
    "http://127.0.0.1:{port}", "https://127.0.0.1:{port}", COURSE, COURSE.upper() + "/",
    "http://localhost:9999", None,
])
def test_own_and_listed_origins_are_accepted(server, origin):
    options = {"suppress_origin": True} if origin is None else {"origin": origin.format(port=server.port)}
    ws = websocket.create_connection(ws_url(server.base_url), timeout=15, skip_utf8_validation=True,
                                     **options)
    try:
        assert request(ws, {"op": "configure"})["type"] == "state"
    finally:
        ws.close()


def test_a_good_upgrade_still_gets_101(server):
    assert status_of(server, {**UPGRADE, "Origin": COURSE})[0] == 101


def test_idle_socket_is_closed_with_1000_and_a_reason():
    server = start_gunicorn(env={"BP_IDLE_SECONDS": "1"})
    try:
        pt = websocket.create_connection(ws_url(server.base_url), timeout=15, skip_utf8_validation=True)
        en = websocket.create_connection(ws_url(server.base_url, "/ws?lang=en"), timeout=15,
                                         skip_utf8_validation=True)
        talking = websocket.create_connection(ws_url(server.base_url), timeout=15, skip_utf8_validation=True)
        for _ in range(6):  # a message within each second keeps a socket open past the limit
            assert request(talking, {"op": "step"})["type"] == "state"
            time.sleep(0.5)
        assert close_frame(pt) == (1000, "Conexão fechada depois de 1 s sem mensagens.", [])
        assert close_frame(en) == (1000, "Connection closed after 1 s without messages.", [])
        assert close_frame(talking) == (1000, "Conexão fechada depois de 1 s sem mensagens.", [])
    finally:
        server.stop()


@pytest.mark.parametrize("worker_class", ["gthread", "gevent"])
def test_a_client_that_never_answers_our_close_is_let_go_within_seconds(worker_class):
    """A closed socket waits LINGER_SECONDS (2 s) for the client's side of the closing; a client
    that never gives it (gone, or a script) is then cut off, and the reader waiting on its socket
    (with no timeout under gevent) lets go: before, it waited for the next ping, ~50 s later."""
    server = start_gunicorn(env={"BP_WORKER_CLASS": worker_class, "BP_WORKERS": "1", "BP_IDLE_SECONDS": "1"})
    try:
        ws = websocket.create_connection(ws_url(server.base_url), timeout=15, skip_utf8_validation=True)
        started, received = time.monotonic(), b""
        while chunk := ws.sock.recv(4096):  # raw bytes: the close frame is read, never answered
            received += chunk
        waited = time.monotonic() - started
        ws.shutdown()
        reason = "Conexão fechada depois de 1 s sem mensagens.".encode()
        assert received == bytes([0x88, 2 + len(reason)]) + (1000).to_bytes(2, "big") + reason
        assert waited < 1 + 0.25 + 2 + 1.5, f"let go after {waited:.1f} s"  # idle, tick, linger, slack
    finally:
        server.stop()


@pytest.mark.parametrize("worker_class", ["gthread", "gevent"])
def test_a_client_gone_before_the_handshake_ends_is_let_go_quietly(worker_class):
    """A tab closed between its upgrade and our 101 (a reset): writing the 101 raised, and each
    such client left an ERROR, a 35-line traceback and a 500 in the log."""
    server = start_gunicorn(env={"BP_WORKER_CLASS": worker_class})
    try:
        upgrade = "".join(f"{k}: {v}\r\n" for k, v in UPGRADE.items())
        for _ in range(20):
            conn = socket.create_connection(("127.0.0.1", server.port), timeout=15)
            conn.sendall(f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n{upgrade}\r\n".encode())
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
            conn.close()
        time.sleep(1)  # every handshake has ended, one way or the other
        assert status_of(server, UPGRADE)[0] == 101
        out = server.output()
        assert "Traceback" not in out and "ERROR" not in out and '" 500 ' not in out, out
    finally:
        server.stop()


@pytest.mark.parametrize("worker_class", ["gthread", "gevent"])
def test_shutdown_closes_open_sockets_with_1001(worker_class):
    server = start_gunicorn(env={"BP_WORKER_CLASS": worker_class, "BP_WORKERS": "1"})
    try:
        pt = websocket.create_connection(ws_url(server.base_url), timeout=15, skip_utf8_validation=True)
        en = websocket.create_connection(ws_url(server.base_url, "/ws?lang=en"), timeout=15,
                                         skip_utf8_validation=True)
        assert request(pt, {"op": "step"})["type"] == "state"
        server.proc.send_signal(signal.SIGTERM)
        assert close_frame(pt) == (
            1001, "O servidor está reiniciando; reconectando e restaurando sua sessão.", [])
        assert close_frame(en) == (
            1001, "The server is restarting; reconnecting and restoring your session.", [])
        assert server.proc.wait(timeout=15) == 0
    finally:
        server.stop()


def test_past_the_session_cap_a_socket_is_closed_with_1013_and_a_reason(ws_connect):
    server = start_gunicorn(env={"BP_MAX_SESSIONS": "3", "BP_WORKERS": "1"})
    try:
        held = [ws_connect(server.base_url) for _ in range(3)]
        for ws in held:  # the three at the cap are served
            assert request(ws, {"op": "configure"})["type"] == "state"
        refused = ws_connect(server.base_url)
        assert close_frame(refused) == (1013, "Servidor cheio: muitos alunos conectados agora.", [])
        refused = ws_connect(server.base_url, "/ws?lang=en")
        assert close_frame(refused) == (1013, "Server full: too many students connected right now.", [])
        for _ in range(20):  # a page sends its resume at once: the close must still arrive, no reset
            refused = ws_connect(server.base_url)
            refused.send('{"op": "configure"}')
            assert close_frame(refused)[:2] == (1013, "Servidor cheio: muitos alunos conectados agora.")
        for path in ("/healthz", "/", "/static/js/main.js"):  # HTTP never waits behind sockets
            assert status_of(server, {}, path)[0] == 200
        held[0].close()  # a slot frees up: a page retrying (with its back-off) gets in
        for _ in range(100):
            retry = ws_connect(server.base_url)
            retry.send('{"op": "configure"}')
            opcode, frame = retry.recv_data_frame(control_frame=True)
            if opcode == websocket.ABNF.OPCODE_TEXT:
                break
            retry.shutdown()
            time.sleep(0.1)
        assert opcode == websocket.ABNF.OPCODE_TEXT and b'"type":"state"' in frame.data
    finally:
        server.stop()
