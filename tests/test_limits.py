"""Every connection is bounded: tested against the production command (the Dockerfile's CMD).

Each server here is started with BP_… settings small enough to reach each limit exactly.
"""
import json
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import websocket

from app.locked_socket import LINGER_SECONDS
from helpers.browser_ws import BrowserLikeSocket
from helpers.servers import ServerProcess, dockerfile_cmd, free_port, resolve_program
from helpers.ws import close_frame, connect, loads, recv_json, request, ws_url

RATE_LIMITED_PT = "Mensagens demais em um segundo; espere um instante."
RATE_LIMITED_EN = "Too many messages in one second; wait a moment."
FLOODED_PT = "Mensagens demais esperando resposta; a conexão foi fechada."
FLOODED_EN = "Too many messages waiting for an answer; the connection was closed."
MIB = 1024 * 1024


def worker_rss_kib(server):
    """Resident memory of the server's worker processes, in KiB."""
    total = 0
    for task in Path(f"/proc/{server.proc.pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def padded(op, size):
    """A JSON message of exactly `size` bytes (JSON whitespace as padding)."""
    head, tail = '{"op": "' + op + '"', "}"
    return head + " " * (size - len(head) - len(tail)) + tail


# ----- the rate limit counts messages when they arrive --------------------------------------


def test_rate_limit_counts_on_arrival_even_for_slow_work(servers, ws_connect):
    server = servers(BP_RATE_LIMIT=20)
    ws = ws_connect(server.base_url)
    request(ws, {"op": "configure", "seed": 3})  # 1 of 20
    for _ in range(25):  # sent at once; each train takes the handler a while
        ws.send(json.dumps({"op": "train", "epochs": 200}))
    replies = [recv_json(ws) for _ in range(25)]
    assert [r["type"] for r in replies[:19]] == ["state"] * 19
    assert [(r["code"], r["message"]) for r in replies[19:]] == [("rate_limited", RATE_LIMITED_PT)] * 6
    # Each train ended early, when the next message was waiting; the refused ones did no work.
    assert 19 <= replies[18]["epoch"] <= 19 * 200
    time.sleep(1.05)
    assert request(ws, {"op": "snapshot"})["epoch"] == replies[18]["epoch"]


def test_messages_kept_waiting_behind_trains_do_not_lift_the_epoch_cap(servers, ws_connect):
    """Every train here ends at its first epoch (the next message is already waiting), so each
    epoch is a request's last; they are paced all the same: 20 a second after the first 20."""
    ws = ws_connect(servers(BP_MAX_EPOCHS_PER_SECOND=20).base_url)
    request(ws, {"op": "configure", "seed": 3})
    started = time.monotonic()
    for _ in range(60):
        ws.send(json.dumps({"op": "train", "epochs": 1000}))
    ws.send('{"op": "snapshot"}')
    replies = [recv_json(ws) for _ in range(61)]
    elapsed = time.monotonic() - started
    assert [r["reply_to"] for r in replies] == ["train"] * 60 + ["snapshot"]
    epochs = replies[-1]["epoch"]
    assert 60 <= epochs < 60 * 1000
    assert epochs <= 20 + 20 * elapsed + 1


def test_a_flood_of_one_epoch_trains_is_held_to_the_epoch_cap(servers, ws_connect):
    """A one-epoch `train` never reaches a pause of its own: before, 150 of them a second (under
    the rate limit) trained 150 epochs a second past a cap of 20."""
    ws = ws_connect(servers(BP_MAX_EPOCHS_PER_SECOND=20).base_url)
    request(ws, {"op": "configure", "seed": 3})
    started = time.monotonic()
    for _ in range(150):
        ws.send(json.dumps({"op": "train", "epochs": 1}))
        time.sleep(1 / 150)  # within the rate limit (200 a second): every one is answered
    replies = [recv_json(ws) for _ in range(150)]
    elapsed = time.monotonic() - started
    assert [r["reply_to"] for r in replies] == ["train"] * 150
    assert replies[-1]["epoch"] == 150
    assert 150 <= 20 + 20 * elapsed + 1, f"150 epochs in {elapsed:.2f} s"


def test_the_message_past_the_rate_limit_is_refused_in_english_and_does_nothing(servers, ws_connect):
    url = servers(BP_RATE_LIMIT=20).base_url
    ws, control = ws_connect(url, "/ws?lang=en"), ws_connect(url, "/ws?lang=en")
    for sender, count in ((ws, 21), (control, 20)):
        for _ in range(count):
            sender.send('{"op": "step"}')
    replies = [recv_json(ws) for _ in range(21)]
    assert [r["type"] for r in replies[:20]] == ["state"] * 20  # the 20th, at the limit, is served
    assert (replies[20]["code"], replies[20]["message"]) == ("rate_limited", RATE_LIMITED_EN)
    assert [recv_json(control) for _ in range(20)] == replies[:20]
    time.sleep(1.05)  # the window has passed: the next step is the 21st
    assert request(ws, {"op": "step"}) == request(control, {"op": "step"})


# ----- frames waiting for an answer -----------------------------------------------------------

SLOW = {"BP_MAX_EPOCHS_PER_SECOND": 1, "BP_MAX_WAITING": 10, "BP_MAX_WAITING_BYTES": 4096,
        "BP_MAX_MESSAGE_BYTES": 4096}


def busy(ws):
    """Start a train that holds the handler about two seconds (3 epochs at 1 a second)."""
    request(ws, {"op": "configure", "seed": 3})
    ws.send(json.dumps({"op": "train", "epochs": 3}))
    time.sleep(0.3)  # let the handler take the train out of the inbox: what follows is "waiting"


def test_frames_waiting_at_the_limit_are_all_answered(servers, ws_connect):
    ws = ws_connect(servers(**SLOW).base_url)
    busy(ws)
    for _ in range(10):
        ws.send('{"op": "snapshot"}')
    assert recv_json(ws)["epoch"] == 3
    assert [recv_json(ws)["reply_to"] for _ in range(10)] == ["snapshot"] * 10


def test_one_frame_past_the_limit_closes_with_1008_and_a_reason(servers, ws_connect):
    ws = ws_connect(servers(**SLOW).base_url)
    busy(ws)
    for _ in range(11):
        ws.send('{"op": "snapshot"}')
    code, reason, texts = close_frame(ws)
    assert (code, reason, texts) == (1008, FLOODED_PT, [])


def test_bytes_waiting_at_the_limit_are_answered_and_one_more_closes(servers, ws_connect):
    url = servers(**SLOW).base_url
    ws = ws_connect(url)
    busy(ws)
    ws.send(padded("snapshot", 2048))
    ws.send(padded("snapshot", 2048))
    assert [recv_json(ws)["reply_to"] for _ in range(3)] == ["train", "snapshot", "snapshot"]

    ws = ws_connect(url, "/ws?lang=en")
    busy(ws)
    ws.send(padded("snapshot", 2048))
    ws.send(padded("snapshot", 2049))
    assert close_frame(ws) == (1008, FLOODED_EN, [])


# ----- the frame limit counts bytes, whatever the characters ---------------------------------

FRAME_LIMITS = {"BP_MAX_MESSAGE_BYTES": 2048, "BP_MAX_FRAME_BYTES": 8192}
TOO_LARGE_EN = "The message is too large (the limit is 2 KiB)."
FRAME_TOO_LARGE_EN = "The message was over 8 KiB; the connection was closed."


def text_of(size, char):
    """As many of `char` as fit in `size` UTF-8 bytes, filled up with ASCII."""
    count = size // len(char.encode("utf-8"))
    return char * count + "a" * (size - len(char.encode("utf-8")) * count)


@pytest.mark.parametrize("char", ["a", "é", "€", "\U0001F600"], ids=["1 byte", "2 bytes", "3 bytes", "4 bytes"])
def test_a_text_frame_is_measured_in_bytes_at_the_frame_limit_and_one_past_it(servers, ws_connect, char):
    """simple-websocket counted characters: a frame of 4-byte characters four times past the limit
    (15.9 MiB on the default settings) was read whole and answered `too_large`, the socket left open."""
    url = servers(**FRAME_LIMITS).base_url
    ws = ws_connect(url, "/ws?lang=en")
    at_limit = text_of(8192, char)
    assert len(at_limit.encode("utf-8")) == 8192
    ws.send(at_limit)
    reply = recv_json(ws)  # past the message limit: refused, the connection goes on
    assert (reply["code"], reply["message"]) == ("too_large", TOO_LARGE_EN)
    ws.send(at_limit + "a")
    assert close_frame(ws) == (1009, FRAME_TOO_LARGE_EN, [])


# ----- a client that sends and never reads --------------------------------------------------


def never_reading(server):
    """Ask for ~2 MB of answers (12 KB each, within the rate limit) and read none of them."""
    ws = websocket.create_connection(
        ws_url(server.base_url), timeout=15, skip_utf8_validation=True,
        sockopt=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)])
    ws.send(json.dumps({"op": "configure", "hidden": [8, 8, 8]}))
    for _ in range(190):
        ws.send('{"op": "snapshot"}')
    return ws


def test_client_that_never_reads_is_cut_off_and_memory_stays_bounded(servers):
    server = servers(BP_SEND_TIMEOUT=1, BP_MAX_WAITING=5000, BP_WORKERS=1)
    for round in range(4):
        if round == 1:  # the first round warmed the worker up; from here on it must not grow
            before = worker_rss_kib(server)
        cut_offs = server.output().count("client not reading")
        ws = never_reading(server)
        deadline = time.monotonic() + 60
        while server.output().count("client not reading") == cut_offs and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.output().count("client not reading") == cut_offs + 1
        replies = 0
        with pytest.raises((OSError, websocket.WebSocketException)):
            while True:  # what got through before the cut, then the end of the stream
                assert recv_json(ws)["type"] == "state"
                replies += 1
        ws.shutdown()
        assert replies < 191
    assert worker_rss_kib(server) - before < 8 * 1024


def flood(server):
    """Send `train` requests without reading until the server stops the connection."""
    ws = connect(server.base_url)
    frame = json.dumps({"op": "train", "epochs": 1000})
    try:
        for _ in range(2_000_000):
            ws.send(frame)
    except (OSError, websocket.WebSocketException):
        return True
    finally:
        ws.shutdown()
    return False


def test_flood_on_default_settings_is_closed_and_memory_stays_bounded(servers):
    server = servers(BP_WORKERS=1)
    assert flood(server), "a client sending without reading was never stopped"
    before = worker_rss_kib(server)  # after one flood: the worker is warm
    for _ in range(3):
        assert flood(server)
    assert worker_rss_kib(server) - before < 8 * 1024


# ----- frames go out whole, however slowly the client reads ----------------------------------


@pytest.mark.parametrize("worker_class", ["gthread", "gevent"])
def test_a_slow_reader_gets_every_frame_whole(servers, worker_class):
    # gevent's socket.send may write part of a frame; simple-websocket would drop the rest.
    server = servers(BP_WORKER_CLASS=worker_class, BP_SEND_BUFFER_BYTES=4096)
    ws = websocket.create_connection(
        ws_url(server.base_url), timeout=15, skip_utf8_validation=True,
        sockopt=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)])
    try:
        first = request(ws, {"op": "configure", "hidden": [8, 8, 8], "seed": 5})
        for _ in range(190):  # ~12 KB each: each write meets a buffer too small for all of it
            ws.send('{"op": "snapshot"}')
        ws.sock.settimeout(15)
        for _ in range(190):
            time.sleep(0.005)  # a slow reader: the server's writes keep meeting a full buffer
            reply = recv_json(ws)
            assert (reply["reply_to"], reply["params"]) == ("snapshot", first["params"])
        assert request(ws, {"op": "step"})["phase"] == "forward"
    finally:
        ws.shutdown()


# ----- a string of a megabyte in any field ---------------------------------------------------

BIG = "x" * 1_000_000  # with the rest of its message, within BP_MAX_MESSAGE_BYTES (1 MiB)
NAMED = "x" * 40  # what a reply echoes of it
REFUSED_SNAPSHOT = ("Este arquivo não é uma sessão válida (o campo “{}” está ausente ou é inválido). "
                    "Nada foi alterado.")


def in_snapshot(path, value):
    """restore of the connection's own snapshot with `value` put at `path` (keys joined by dots)."""
    def message(snapshot):
        *parents, last = path.split(".")
        node = snapshot["session"]
        for key in parents:
            node = node[key]
        node[last] = value
        return {"op": "restore", "snapshot": snapshot}
    return message


STRINGS = [
    ("op", lambda _: {"op": BIG}, "Operação desconhecida: “" + NAMED + "”. As operações são: configure, step, "
     "forward, backward, update, train, reset, undo, set, snapshot, restore."),
    ("field", lambda _: {"op": "configure", BIG: 1}, f"A operação “configure” não aceita o campo “{NAMED}”."),
    ("choice", lambda _: {"op": "configure", "dataset": BIG},
     f"“{NAMED}” não é um valor válido para “dataset”. "
     "Valores possíveis: xor, and, or, single, passo_a_passo, clusters, circle, spiral."),
    ("lang", lambda _: {"op": "configure", "lang": BIG},
     f"“{NAMED}” não é um valor válido para “lang”. Valores possíveis: pt-BR, en."),
    ("what", lambda _: {"op": "set", "what": BIG, "value": 1},
     f"“{NAMED}” não é um valor válido para “what”. Valores possíveis: weight, bias, input, target."),
    ("number", lambda _: {"op": "set", "what": "target", "value": BIG}, "O campo “value” deve ser um número."),
    ("snapshot-format", lambda _: {"op": "restore", "snapshot": {"format": BIG}}, "Este arquivo não é uma sessão "
     "válida (formato desconhecido; o esperado é “backprop-passo-a-passo/2”). Nada foi alterado."),
    ("snapshot-key", in_snapshot(BIG, 1), REFUSED_SNAPSHOT.format(NAMED)),
    ("snapshot-settings-key", in_snapshot(f"settings.{BIG}", 1), REFUSED_SNAPSHOT.format("settings." + NAMED)),
    ("snapshot-params-key", in_snapshot(f"params.{BIG}", 1), REFUSED_SNAPSHOT.format("params." + NAMED)),
    ("snapshot-progress-key", in_snapshot(f"progress.{BIG}", 1), REFUSED_SNAPSHOT.format("progress." + NAMED)),
    ("snapshot-setting", in_snapshot("settings.dataset", BIG), REFUSED_SNAPSHOT.format("settings.dataset")),
]


@pytest.mark.parametrize("build, sentence", [row[1:] for row in STRINGS], ids=[row[0] for row in STRINGS])
def test_a_megabyte_string_is_named_in_a_short_error_and_changes_nothing(servers, ws_connect, build, sentence):
    url = servers().base_url
    ws, control = ws_connect(url), ws_connect(url)
    for each in (ws, control):
        request(each, {"op": "configure", "seed": 5})
        request(each, {"op": "step"})
    frame = json.dumps(build(request(ws, {"op": "snapshot"})["snapshot"]))
    assert MIB // 2 < len(frame) <= MIB
    ws.send(frame)
    reply = ws.recv()
    assert len(reply) < 1000, f"a reply of {len(reply)} bytes echoed the string"
    assert loads(reply)["message"] == sentence
    assert request(ws, {"op": "step"}) == request(control, {"op": "step"})


# ----- frames that are not a whole message: a budget of their own ----------------------------

FRAMES_FLOODED_PT = "Pings, pongs ou fragmentos demais por segundo; a conexão foi fechada."
FRAMES_FLOODED_EN = "Too many pings, pongs or fragments a second; the connection was closed."


def burst(kind, count):
    """`count` frames that are not a whole message, as one write's bytes; for fragments, the
    opening fragment of '{"op":"step"}' and count − 1 empty continuations (none of them final)."""
    ABNF = websocket.ABNF
    if kind == "fragment":
        frames = [ABNF.create_frame('{"op":', ABNF.OPCODE_TEXT, fin=0)]
        frames += [ABNF.create_frame("", ABNF.OPCODE_CONT, fin=0) for _ in range(count - 1)]
    else:
        opcode = ABNF.OPCODE_PING if kind == "ping" else ABNF.OPCODE_PONG
        frames = [ABNF.create_frame("p" * 125, opcode) for _ in range(count)]
    return b"".join(frame.format() for frame in frames)


@pytest.mark.parametrize("kind", ["ping", "pong", "fragment"])
def test_pings_pongs_and_fragments_at_the_budget_pass_and_one_more_closes_with_a_sentence(servers, ws_connect, kind):
    """BP_RATE_LIMIT = 20: 20 such frames at once are fine (pings answered, the fragmented
    message completed and answered); 21 close the connection with 1008 and the sentence."""
    url = servers(BP_RATE_LIMIT=20).base_url
    ws = ws_connect(url)
    ws.sock.sendall(burst(kind, 20))
    if kind == "fragment":
        ws.sock.sendall(websocket.ABNF.create_frame('"step"}', websocket.ABNF.OPCODE_CONT, fin=1).format())
    else:
        ws.send('{"op": "step"}')
    pongs = 0
    while True:
        opcode, data = ws.recv_data_frame(control_frame=True)
        if opcode == websocket.ABNF.OPCODE_PONG:
            pongs += 1
        elif opcode == websocket.ABNF.OPCODE_TEXT:
            assert loads(data.data.decode())["type"] == "state"
            break
    assert pongs == (20 if kind == "ping" else 0)
    for lang, sentence in (("pt-BR", FRAMES_FLOODED_PT), ("en", FRAMES_FLOODED_EN)):
        flooder = ws_connect(url, path=f"/ws?lang={lang}")
        flooder.sock.sendall(burst(kind, 21))
        code, reason = frames_until_close(flooder)[:2]
        assert (code, reason) == (1008, sentence)


def test_a_ping_flood_is_closed_and_never_holds_the_worker(servers, ws_connect):
    """One gevent worker, default settings: a client writes pings back to back for 4 s,
    reconnecting each time it is closed. Each of its connections is closed with the sentence,
    and meanwhile /healthz and another student's steps are answered: the flood once held the
    worker for as long as it lasted (past gunicorn's 30 s heartbeat, the worker was killed)."""
    server = servers(BP_WORKERS=1)
    student = ws_connect(server.base_url)
    request(student, {"op": "configure", "seed": 3})
    closes, stop = [], threading.Event()

    def flood():
        one_write = burst("ping", 64)
        while not stop.is_set():
            flooder = ws_connect(server.base_url)
            try:
                while not stop.is_set():
                    flooder.sock.sendall(one_write)
            except OSError:
                pass  # closed under the flood: its close frame is read below
            flooder.settimeout(5)
            try:
                closes.append(frames_until_close(flooder)[:2])
            except (OSError, websocket.WebSocketException):
                closes.append("reset")  # the close came after a TCP reset of the unread pings

    flooding = threading.Thread(target=flood, daemon=True)
    flooding.start()
    longest, end = 0.0, time.monotonic() + 4
    while time.monotonic() < end:
        started = time.monotonic()
        with urllib.request.urlopen(server.base_url + "/healthz", timeout=30) as answer:
            assert answer.status == 200
        assert request(student, {"op": "step"})["type"] == "state"
        longest = max(longest, time.monotonic() - started)
        time.sleep(0.1)
    stop.set()
    flooding.join(10)
    assert (1008, FRAMES_FLOODED_PT) in closes and {c for c in closes if c != "reset"} == {(1008, FRAMES_FLOODED_PT)}
    assert longest < 2, f"/healthz and a step waited {longest:.1f} s behind the flood"


# ----- pings: a client has one interval to answer each --------------------------------------


def frames_until_close(ws):
    """Read raw frames, answering no ping, until the server's close; return its code and reason
    and the opcodes before it."""
    opcodes = []
    while True:
        frame = ws.recv_frame()  # unlike recv, this never sends a pong
        if frame.opcode == websocket.ABNF.OPCODE_CLOSE:
            ws.shutdown()
            return int.from_bytes(frame.data[:2], "big"), frame.data[2:].decode("utf-8"), opcodes
        opcodes.append(frame.opcode)


@pytest.mark.parametrize("worker_class", ["gevent", "gthread"])
def test_only_a_silent_client_is_pinged(servers, ws_connect, worker_class):
    """BP_PING_INTERVAL is a silence: a client that sends within every interval is not pinged
    (its messages say it is there); once silent, it is pinged within the interval and a tick.
    An interval of 2 s against a message every 0.3 s: a loaded machine that answers late (it
    did, once, at 1 s) still leaves the client talking well within every interval."""
    ws = ws_connect(servers(BP_PING_INTERVAL=2, BP_WORKER_CLASS=worker_class).base_url)
    ws.settimeout(0.3)
    for _ in range(10):  # 3 s of talking, longer than the interval: only answers come back
        ws.send('{"op": "snapshot"}')
        opcode, _ = ws.recv_data_frame(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_TEXT
        with pytest.raises(websocket.WebSocketTimeoutException):
            ws.recv_data_frame(control_frame=True)
    ws.settimeout(15)
    silent_from = time.monotonic()
    opcode, _ = ws.recv_data_frame(control_frame=True)
    assert opcode == websocket.ABNF.OPCODE_PING
    # Silent since the last message, ≥ 0.3 s before silent_from; a tick (0.5 s) late at most.
    assert 2.0 - 0.3 - 0.1 <= time.monotonic() - silent_from <= 2.0 + 0.5 + 0.5


@pytest.mark.parametrize("worker_class", ["gevent", "gthread"])
def test_a_client_that_answers_pings_stays_and_one_that_misses_a_pong_is_closed(servers, ws_connect, worker_class):
    url = servers(BP_PING_INTERVAL=1, BP_WORKER_CLASS=worker_class).base_url
    answering, silent, silent_en = ws_connect(url), ws_connect(url), ws_connect(url, "/ws?lang=en")
    pings = 0
    while pings < 3:  # recv_data_frame answers each ping as it reads it
        opcode, _ = answering.recv_data_frame(control_frame=True)
        pings += opcode == websocket.ABNF.OPCODE_PING
    assert request(answering, {"op": "step"})["type"] == "state"
    assert frames_until_close(silent) == (
        1008, "O navegador não respondeu ao servidor por 1 s; a conexão foi fechada.", [websocket.ABNF.OPCODE_PING])
    assert frames_until_close(silent_en)[:2] == (
        1008, "The browser did not answer the server for 1 s; the connection was closed.")


# ----- a closed connection is let go at once ----------------------------------------------------

OURS = ("app.", "wsproto.", "simple_websocket.", "numpy.", "flask_sock.")


def garbage_after(server):
    """What the collector found unreachable since the last call (tests/helpers/garbage_app.py)."""
    with urllib.request.urlopen(server.base_url + "/_garbage", timeout=10) as response:
        return json.loads(response.read())


def test_a_closed_connection_leaves_nothing_for_the_garbage_collector():
    """A cycle kept a closed connection with its session and the last frame it read until the
    collector's next full pass: with a compressed frame, megabytes a connection."""
    argv = dockerfile_cmd()
    port = free_port()
    argv = [resolve_program(argv[0]), *argv[1:-1], "--pythonpath", str(Path(__file__).parent / "helpers"),
            "garbage_app:app"]
    server = ServerProcess(argv, port, {"HOST": "127.0.0.1", "PORT": str(port), "BP_WORKERS": "1",
                                        "BP_MAX_MESSAGE_BYTES": "2048", "BP_MAX_FRAME_BYTES": "8192"})
    try:
        server.wait_healthy()
        garbage_after(server)  # what starting up left
        connections = 0
        for open_one in (lambda: connect(server.base_url), lambda: BrowserLikeSocket(ws_url(server.base_url))):
            for seed in range(3):  # a lesson: every phase, a train, a snapshot, an error, a goodbye
                ws = open_one()
                for message in (json.dumps({"op": "configure", "seed": seed}), *['{"op":"step"}'] * 4,
                                '{"op":"train","epochs":3}', '{"op":"snapshot"}', "not json"):
                    ws.send(message)
                    ws.recv()
                ws.close()
            for frame in (padded("configure", 8193), padded("configure", 1 << 20)):  # past the frame limit
                ws = open_one()
                ws.send(frame)
                with pytest.raises((ConnectionError, websocket.WebSocketException)):
                    for _ in range(3):
                        ws.recv()
                ws.close()
            ws = open_one()  # a lid closed mid-lesson: gone without a close frame
            ws.send('{"op":"step"}')
            ws.recv()
            (ws.sock.close if isinstance(ws, BrowserLikeSocket) else ws.shutdown)()
            connections += 6
        time.sleep(LINGER_SECONDS + 1)
        found = garbage_after(server)
        ours = {kind: count for kind, count in found.items() if kind.startswith(OURS)}
        assert ours == {}
        assert sum(found.values()) < 20 * connections, found  # Werkzeug's routing leaves ~9 a request
    finally:
        server.stop()


# ----- a frame that breaks the protocol: closed with a sentence, wsproto's words in the log -----

MASK = b"\0\0\0\0"
VIOLATIONS = {  # a frame as the client sends it: (code, what wsproto says, for the log)
    "not UTF-8": (bytes([0x81, 0x80 | 4]) + MASK + b"\xff\xfe\xfd\xfc", 1007, "'utf-8' codec can't decode"),
    "unmasked": (bytes([0x81, 4]) + b"abcd", 1002, "unmasked frame"),
    "reserved bit": (bytes([0x81 | 0x20, 0x80 | 2]) + MASK + b"{}", 1002, "Reserved bit"),
    "long ping": (bytes([0x89, 0x80 | 126, 0, 200]) + MASK + b"x" * 200, 1002, "payload len > 125"),
    "lone continuation": (bytes([0x80, 0x80 | 2]) + MASK + b"{}", 1002, "CONTINUATION"),
    "unknown opcode": (bytes([0x83, 0x80 | 2]) + MASK + b"{}", 1002, "Invalid opcode"),
}
BROKE = {
    "pt-BR": {1002: "O servidor recebeu dados fora do protocolo WebSocket; a conexão foi fechada.",
              1007: "O servidor recebeu uma mensagem que não é texto UTF-8 válido (ou não se descomprime); "
                    "a conexão foi fechada."},
    "en": {1002: "The server received data outside the WebSocket protocol; the connection was closed.",
           1007: "The server received a message that is not valid UTF-8 text (or does not decompress); "
                 "the connection was closed."},
}


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
@pytest.mark.parametrize("violation", sorted(VIOLATIONS))
def test_a_frame_that_breaks_the_protocol_closes_with_a_sentence(servers, ws_connect, violation, lang):
    frame, code, words = VIOLATIONS[violation]
    server = servers()
    ws = ws_connect(server.base_url, f"/ws?lang={lang}")
    ws.sock.sendall(frame)
    assert close_frame(ws) == (code, BROKE[lang][code], [])
    assert words in server.output()  # what a developer of a client needs, where a developer looks
