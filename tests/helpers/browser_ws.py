"""A WebSocket client that negotiates what a browser negotiates: permessage-deflate, offered as
Chromium offers it (`permessage-deflate; client_max_window_bits`). websocket-client offers no
extension, so a server's compression (its CPU, its memory, an inbound compressed frame) is met
only through this client or a real browser. wsproto frames, masks and (de)compresses."""

from __future__ import annotations

import os
import socket
import zlib
from urllib.parse import urlsplit

from wsproto import ConnectionType, WSConnection
from wsproto.events import (AcceptConnection, BytesMessage, CloseConnection, Message, Ping,
                            RejectConnection, Request, TextMessage)
from wsproto.extensions import PerMessageDeflate

CHROMIUM_OFFER = "client_max_window_bits"  # what follows "permessage-deflate; " in Chromium's header


class ChromiumDeflate(PerMessageDeflate):
    """permessage-deflate offered with Chromium's parameters; the server's answer is honoured."""

    def offer(self):
        return CHROMIUM_OFFER


class BrowserLikeSocket:
    """One connection: `send(text)`, `recv()` (the next text or bytes message, whole), `close()`,
    and the few more a fuzzer needs; `extension` is the deflate as the server agreed to it."""

    def __init__(self, url, timeout=15.0):
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.extension = ChromiumDeflate()
        self.messages, self.closed, self.connected = [], None, True
        self._write(Request(host=parts.netloc, target=parts.path + (f"?{parts.query}" if parts.query else ""),
                            extensions=[self.extension],
                            extra_headers=[(b"origin", f"http://{parts.netloc}".encode())]))
        self._handshake()
        self.wire_bytes = 0  # everything received since the handshake, as it came (compressed)

    def _write(self, event):
        self.sock.sendall(self.ws.send(event))

    def _handshake(self):
        self.wire_bytes = 0
        while True:
            events = self._events()
            for i, event in enumerate(events):
                if isinstance(event, AcceptConnection):
                    self._take(events[i + 1:])  # a refusal (1013) may come in the same read
                    return
                if isinstance(event, RejectConnection):
                    raise ConnectionError(f"refused with HTTP {event.status_code}")

    def _events(self):
        data = self.sock.recv(65536)
        if not data:
            self.connected = False
            raise ConnectionError("the server closed the connection")
        self.wire_bytes += len(data)
        self.ws.receive_data(data)
        return list(self.ws.events())

    def _take(self, events):
        for event in events:
            if isinstance(event, Message):
                self.messages.append(event)
            elif isinstance(event, Ping):
                self._write(event.response())
            elif isinstance(event, CloseConnection):
                self.closed, self.connected = (event.code, event.reason), False

    def send(self, text):
        self._write(TextMessage(text) if isinstance(text, str) else BytesMessage(text))

    def send_binary(self, data):
        self._write(BytesMessage(data))

    def send_fragments(self, parts):
        """One text message in several frames (compressed as one stream, as a browser would)."""
        for i, part in enumerate(parts):
            self._write(TextMessage(part, message_finished=i == len(parts) - 1))

    def send_text_bytes(self, data):
        """A compressed text frame of `data` as it is, even bytes that are not UTF-8 (which
        wsproto would refuse to send)."""
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        payload = (packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH))[:-4]
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        assert len(masked) < 126
        self.sock.sendall(bytes([0x80 | 0x40 | 0x1, 0x80 | len(masked)]) + mask + masked)  # FIN, RSV1, text

    def ping(self, payload=b""):
        self._write(Ping(payload))

    def recv(self):
        """The next whole message; raises ConnectionError with the close's code and reason."""
        parts = []
        while True:
            if self.messages:
                event = self.messages.pop(0)
                parts.append(event.data)
                if event.message_finished:
                    return "".join(parts) if isinstance(event, TextMessage) else b"".join(parts)
                continue
            if self.closed is not None:
                raise ConnectionError(f"closed {self.closed[0]}: {self.closed[1]}")
            self._take(self._events())

    def shutdown(self):
        """Drop the socket without a close frame."""
        self.connected = False
        self.sock.close()

    def close(self, timeout=None):
        """Say goodbye (1000) and close the socket without waiting for the answer (`timeout`:
        websocket-client's signature, which the benchmarks call)."""
        self.connected = False
        try:
            self._write(CloseConnection(code=1000))
        except Exception:  # already gone: nothing to say goodbye to
            pass
        self.sock.close()
