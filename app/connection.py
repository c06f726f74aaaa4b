"""Own one WebSocket connection's bounds: frames waiting, bytes waiting to be sent, messages a second.

simple-websocket's Server keeps a reader thread (a greenlet under gevent) that appends every
complete frame to `input_buffer` and a `send` that writes with `sock.send`, which may write only
part of a frame and has no timeout. BoundedServer keeps the handshake and the frame handling and
bounds both ends:

- reading and waiting carry no timer: the reader blocks in `recv` on a socket with no timeout
  under gevent (writes carry their own deadline: LockedSocket), and the handler waits for a
  frame with no timeout. Pings and the idle close are the watch's (app/keepalive.py):
  it asks every connection of the process, once a tick, what is due, and wakes its handler to do
  it. simple-websocket's reader waits on a new selector before every `recv`, and a wait with a
  timeout makes a timer under gevent: the two cost about a quarter of a bare echo's round trip
  (benchmarks/step_reply.py).
- arrival: each frame is counted and bounded when it arrives (app/inbox.py).
- the reader hands the loop back under gevent after every chunk that filled its buffer (more
  bytes were waiting): a client whose bytes are always waiting would otherwise keep `recv`
  returning at once, and no other connection, page or /healthz of the worker would run meanwhile.
- departure: every write is whole, timed and bounded (app/locked_socket.py).
- size: the frame limit counts a message's bytes, as documented. simple-websocket measures a
  message with `len(event.data)`, characters for text: a frame of 4-byte characters went four
  times past the limit, read whole, and was answered as an ordinary message too large. Each piece
  of text is measured in UTF-8 before simple-websocket counts it (BoundedServer.counter; ASCII,
  the common case, is its length: one `isascii` pass).
- closes: the ones that simple-websocket starts by itself (a frame past the frame limit, or a
  compressed one inflating past it; a frame that breaks the protocol) carry the student's
  sentence, as every close the server starts does.
- compression, which browsers offer, is accepted on app/deflate.py's terms (zlib's fastest
  level, no context kept between messages on either side: no compressor held by an open session).
"""
import logging
import socket
import time
import weakref

from simple_websocket import ConnectionClosed, Server
from wsproto.events import AcceptConnection, CloseConnection, Ping, TextMessage
from wsproto.utilities import LocalProtocolError

from .deflate import LeanDeflate
from .locked_socket import LINGER_SECONDS, LockedSocket

try:
    from gevent import sleep as gevent_sleep
except ImportError:  # gevent is the production worker's; a reader without it never yields
    gevent_sleep = None

log = logging.getLogger(__name__)

POLICY_VIOLATION, GOING_AWAY, TRY_AGAIN_LATER, NORMAL, MESSAGE_TOO_BIG = 1008, 1001, 1013, 1000, 1009
PROTOCOL_ERROR, INVALID_DATA = 1002, 1007
TURN_SECONDS = 0.002  # the longest a handler answers a backlog before the loop gets a turn



class BoundedServer(Server):
    """simple_websocket.Server with a bounded inbox, whole timed writes, a way to be shut, and the
    chores the watch finds due (a ping, a close for a missed pong or for idleness)."""

    def __init__(self, environ, inbox, send_timeout, send_buffer, say, idle_seconds, **options):
        """`say(code, **details)` is the sentence, in the student's language, a close carries."""
        self.inbox, self.send_timeout, self.say, self.cut_off = inbox, send_timeout, say, None
        self.send_buffer, self.idle_seconds = send_buffer, idle_seconds
        self.heard, self.pinged, self.chore = time.monotonic(), None, None
        self.turn_began = self.heard  # since the handler last waited (or yielded): _take_turns
        # Used if the client offers it, as browsers do; it inflates no message past the frame limit.
        self.deflate = LeanDeflate(options.get("max_message_size"))
        super().__init__(environ, **options)  # ping_interval among them: the watch reads it (due)

    def handshake(self):
        self.sock = LockedSocket(self.sock, self.send_timeout, self.send_buffer)
        self.input_buffer = self.inbox
        self.ws = ServerTerms(self.ws, self.deflate, self.counter(), {
            (MESSAGE_TOO_BIG, "Message is too big"): self.say("frame_too_large", limit=self.max_message_size),
            (MESSAGE_TOO_BIG, "error in extension"): self.say("frame_too_large", limit=self.max_message_size),
            # wsproto's own words for what broke the protocol (bad framing, bytes that are not
            # UTF-8 or do not inflate) go to the log; the page gets a sentence.
            PROTOCOL_ERROR: self.say("protocol_violation"),
            INVALID_DATA: self.say("invalid_frame"),
        })
        super().handshake()

    def counter(self):
        """What ServerTerms shows each event to before simple-websocket handles it: the inbox's
        count (Inbox.note_frame), and a piece of text's bytes past one a character, added to the
        message's size (simple-websocket adds the characters, `len(event.data)`), so the frame
        limit counts UTF-8 bytes. The server is held weakly: it holds ServerTerms, and a cycle
        would keep a closed connection, with what it read, until the collector's next pass."""
        server, note_frame = weakref.ref(self), self.inbox.note_frame

        def counted(event):
            if isinstance(event, TextMessage) and not event.data.isascii():
                server().incoming_message_len += len(event.data.encode("utf-8")) - len(event.data)
            return note_frame(event)
        return counted

    def _thread(self):
        """The reader: every chunk the client sends, handled as it comes."""
        while self.connected:
            try:
                data = self.sock.recv(self.receive_bytes)
            except TimeoutError:  # a write's deadline, or a plain socket's: nothing is due here
                continue
            except OSError:
                break
            if not data:
                break
            self.heard = time.monotonic()
            try:
                with self.sock.lock:  # the handler's frames and our pongs share wsproto's connection
                    self.ws.receive_data(data)
                    self.connected = self._handle_events()
            except (OSError, LocalProtocolError):  # a pong or a close that could not be sent
                break
            if len(data) == self.receive_bytes and self.sock.cooperative:
                gevent_sleep(0)  # the loop's turn: more bytes were waiting, and may never stop coming
        self.connected = False
        self.event.set()
        self.sock.close()

    def due(self, now):
        """What the watch finds due at `now` (a chore for the handler), or None."""
        if self.chore is not None or not self.connected:
            return None
        if now - self.inbox.last_arrival >= self.idle_seconds:
            return self._close_idle
        if self.pinged is not None and not self.pong_received:
            return self._close_unanswered if now - self.pinged >= self.ping_interval else None
        if now - self.heard >= self.ping_interval:  # a pong is heard too: this counts from it
            return self._ping
        return None

    def wake(self, chore):
        self.chore = chore
        self.event.set()

    def _ping(self):
        with self.sock.lock:
            self.pong_received = False
            self.pinged = time.monotonic()
            self.sock.send(self.ws.send(Ping()))

    def _close_unanswered(self):
        self.shut(POLICY_VIOLATION, self.say("no_pong", seconds=self.ping_interval))

    def _close_idle(self):
        self.shut(NORMAL, self.say("idle", seconds=self.idle_seconds))

    def receive(self):
        """The next frame (or Refused marker), once it is there, doing the chores meanwhile.
        Raises ConnectionClosed once the connection is closed, even with frames left: they
        could not be answered."""
        while True:
            if not self.connected:
                raise ConnectionClosed(self.close_reason, self.close_message)
            if self.inbox:
                self._take_turns()
                return self.inbox.pop()
            chore, self.chore = self.chore, None
            if chore is not None:
                try:
                    chore()
                except TimeoutError:
                    self._timed_out()
                except (OSError, LocalProtocolError):  # the connection went meanwhile
                    self.connected = False
                continue
            self.event.wait()
            self.event.clear()
            self.turn_began = time.monotonic()

    def _take_turns(self):
        """Under gevent, hand the loop back once this handler has answered frames without
        waiting for TURN_SECONDS: a client far past the rate limit has every one of its
        messages answered (`rate_limited`), and its backlog must not hold the worker."""
        if self.sock.cooperative and time.monotonic() - self.turn_began >= TURN_SECONDS:
            gevent_sleep(0)
            self.turn_began = time.monotonic()

    def send(self, data):
        try:
            with self.sock.lock:  # wsproto's encoder is shared with the reader's pongs
                super().send(data)
        except TimeoutError:
            self._timed_out()

    def _timed_out(self):
        self.abort(f"client not reading: a frame waited {self.send_timeout} s to be sent")
        raise ConnectionClosed(POLICY_VIOLATION, self.cut_off) from None

    def shut(self, code, reason):
        """Close with `code` and `reason` from any thread, and wake the handler."""
        with self.sock.lock:
            self._shut(code, reason)

    def _shut(self, code, reason):
        """shut, for a caller that holds the lock."""
        try:
            self.close(code, reason)
        except (ConnectionClosed, OSError, LocalProtocolError):
            pass
        self.event.set()

    def finish(self):
        """Wait for the reader to close the socket (its server must not close it under it); a
        client that does not answer our close within LINGER_SECONDS is cut off, so the reader's
        `recv` (which has no timeout under gevent) returns."""
        self.thread.join(LINGER_SECONDS)
        if self.thread.is_alive():
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.thread.join(1)

    def abort(self, reason):
        """Drop the connection without a close frame (one could not get through)."""
        self.cut_off, self.connected = reason, False
        log.warning("WebSocket cut off: %s", reason)
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.event.set()

    def _handle_events(self):
        keep_going = super()._handle_events()
        if self.inbox.overflow and self.connected:
            log.warning("WebSocket closed: %s", self.inbox.overflow)
            self._shut(POLICY_VIOLATION, self.say(self.inbox.overflow_code))  # the reader holds the lock
            return False
        return keep_going


class ServerTerms:
    """wsproto's connection, on two of our terms where simple-websocket sets its own: the closes it
    starts by itself carry the student's sentence, not the library's English words (the page
    shows a close's reason as it is): a frame past `max_message_size` (or a compressed one that
    app/deflate.py stopped inflating there), and whatever broke the protocol (1002, 1007; keyed by
    the code alone); and the handshake accepts compression as app/deflate.py makes it, not with
    wsproto's defaults. Every event is shown to `counted` first, and the events stop where it
    says no (Inbox.note_frame: the rest of a flood is neither answered nor kept)."""

    def __init__(self, ws, deflate, counted, sentences):
        self.ws, self.deflate, self.sentences, self.counted = ws, deflate, sentences, counted
        self.receive_data = ws.receive_data  # read on every frame

    def events(self):
        for event in self.ws.events():
            if not self.counted(event):
                return
            yield event

    def send(self, event):
        if isinstance(event, CloseConnection):
            said = self.sentences.get((event.code, event.reason)) or self.sentences.get(event.code)
            if said is not None:
                if event.code in self.sentences:
                    log.warning("WebSocket closed with %s: %s", int(event.code), event.reason)
                event = CloseConnection(event.code, said)
        elif isinstance(event, AcceptConnection) and event.extensions:
            event = AcceptConnection(subprotocol=event.subprotocol, extensions=[self.deflate],
                                     extra_headers=event.extra_headers)
        return self.ws.send(event)

    def __getattr__(self, name):  # anything else: the connection's own
        return getattr(self.ws, name)
