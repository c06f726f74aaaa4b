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
- arrival: each frame is counted against the rate limit when it arrives; a frame over the limit,
  or larger than the message limit, is replaced by a small `Refused` marker (consecutive markers
  are one counter), so the payload is dropped at once. The frames still waiting are bounded in
  number and bytes; past either bound the connection is closed with 1008 and a reason. Frames
  that are not a whole message (pings, pongs, a fragment of a message) have a budget of their
  own, as many a second as messages: each costs a pass of the reader and a ping a pong, and a
  flood of them once held a gevent worker for as long as it lasted (past the heartbeat, gunicorn
  killed the worker and every session on it); past the budget the connection is closed (1008).
- the reader hands the loop back under gevent after every chunk that filled its buffer (more
  bytes were waiting): a client whose bytes are always waiting would otherwise keep `recv`
  returning at once, and no other connection, page or /healthz of the worker would run meanwhile.
- departure: every write is whole (a `send`, then `sendall` for whatever a full buffer left: a
  frame never goes out half-written, as gevent's `send` alone may leave it), under one lock
  (frames never interleave), with a deadline, into a send buffer of bounded size; a client that
  does not read for `send_timeout` seconds is cut off (a close frame cannot reach it: its
  buffers are full) and the reason is logged.
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
import threading
import time
import weakref
from collections import deque

from simple_websocket import ConnectionClosed, Server
from wsproto.events import AcceptConnection, CloseConnection, Ping, Pong, TextMessage
from wsproto.utilities import LocalProtocolError

from .deflate import LeanDeflate

try:
    from gevent import sleep as gevent_sleep
except ImportError:  # gevent is the production worker's; a reader without it never yields
    gevent_sleep = None

log = logging.getLogger(__name__)

POLICY_VIOLATION, GOING_AWAY, TRY_AGAIN_LATER, NORMAL, MESSAGE_TOO_BIG = 1008, 1001, 1013, 1000, 1009
PROTOCOL_ERROR, INVALID_DATA = 1002, 1007
LINGER_SECONDS = 2  # how long a closed socket waits for the client's side of the closing
TURN_SECONDS = 0.002  # the longest a handler answers a backlog before the loop gets a turn


class Refused:
    """Stands in the inbox for a frame refused on arrival; the handler answers `code`."""

    def __init__(self, code, **details):
        self.code, self.details, self.count = code, details, 1


class RateLimit:
    """At most `limit` messages in any one-second window."""

    def __init__(self, limit):
        self.limit, self.times = limit, deque()

    def allows(self, now):
        while self.times and now - self.times[0] >= 1.0:
            self.times.popleft()
        if len(self.times) >= self.limit:
            return False
        self.times.append(now)
        return True


class Inbox:
    """The frames waiting for the handler; simple-websocket uses it as its `input_buffer` list."""

    def __init__(self, rate_limit, max_message_bytes, max_frames, max_bytes):
        self.rate, self.max_message_bytes = RateLimit(rate_limit), max_message_bytes
        self.other_frames = RateLimit(rate_limit)  # pings, pongs, fragments: see note_frame
        self.max_frames, self.max_bytes = max_frames, max_bytes
        self.items, self.frames, self.bytes = deque(), 0, 0
        self.overflow = None  # the reason, once the bounds were passed
        self.overflow_code = "flooded"  # the sentence the close carries
        self.last_arrival = time.monotonic()  # of a message, refused or not: what idleness counts from

    def __len__(self):
        return len(self.items)

    def append(self, frame):
        if self.overflow:
            return
        size = len(frame.encode("utf-8", "surrogatepass")) if isinstance(frame, str) else len(frame)
        self.last_arrival = now = time.monotonic()
        if not self.rate.allows(now):
            self._refuse("rate_limited")
        elif size > self.max_message_bytes:
            self._refuse("too_large", limit=self.max_message_bytes)
        else:
            self.items.append((frame, size))
            self.frames, self.bytes = self.frames + 1, self.bytes + size
            if self.frames > self.max_frames or self.bytes > self.max_bytes:
                self.overflow = (f"more than {self.max_frames} messages or {self.max_bytes} bytes "
                                 "waiting for an answer")

    def note_frame(self, event):
        """Count a frame that is not a whole message (a ping, a pong, a finished fragment of a
        message) on arrival; False once past the budget (the connection must close). Parts of
        one frame read in pieces are not frames, and a message's last frame counts as a message."""
        if isinstance(event, (Ping, Pong)) or (
                getattr(event, "frame_finished", False) and not getattr(event, "message_finished", True)):
            if not self.other_frames.allows(time.monotonic()):
                self.overflow_code = "frames_flooded"
                self.overflow = f"more than {self.other_frames.limit} pings, pongs or fragments a second"
                return False
        return True

    def pop(self, _index=0):
        item = self.items[0]
        if isinstance(item, Refused):
            item.count -= 1
            if not item.count:
                self.items.popleft()
            return item
        self.items.popleft()
        frame, size = item
        self.frames, self.bytes = self.frames - 1, self.bytes - size
        return frame

    def _refuse(self, code, **details):
        last = self.items[-1] if self.items else None
        if isinstance(last, Refused) and last.code == code:
            last.count += 1
        else:
            self.items.append(Refused(code, **details))


class LockedSocket:
    """The connection's socket: every write whole, one at a time (its writers hold `lock`, which
    also keeps wsproto's connection to one thread), within `timeout` seconds; the kernel holds at
    most about `buffer_bytes` of them (SO_SNDBUF) for a client that is slow.

    Under gevent the socket rests with no timeout: the reader waits in `recv` between every two
    frames, and a wait with a timeout makes a timer. A write takes its deadline with it instead
    (a first try that never waits; a timeout set only while what a full buffer left goes out, a
    rare wait that a `recv` started meanwhile may share: the reader just reads again). A plain
    socket keeps `timeout` throughout, its reader reading again each time it passes: one without
    a timeout would be blocking, and a write could then outlast its deadline."""

    def __init__(self, sock, timeout, buffer_bytes):
        # Not an RLock: under gevent that is threading's pure-Python one, a few µs a frame.
        self.sock, self.lock, self.timeout = sock, threading.Lock(), timeout
        self.cooperative = type(sock).__module__.startswith("gevent")
        self.resting_timeout = None if self.cooperative else timeout
        sock.settimeout(self.resting_timeout)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, buffer_bytes)

    def send(self, data):
        """Write `data` whole; the caller holds `lock`."""
        # One plain send takes a whole frame whenever the buffer has room, which is nearly
        # always; sendall costs more per frame (gevent's asks the kernel for SO_SNDBUF each
        # time). What a full buffer left goes out by sendall, within what is left of the timeout.
        started = time.monotonic()
        sent = self._send_now(data)
        if sent < len(data):
            self._send_rest(memoryview(data)[sent:], started)
        return len(data)

    def _send_now(self, data):
        if not self.cooperative:
            return self.sock.send(data)
        try:
            return self.sock.send(data, 0, 0.0)  # gevent's own `timeout`: 0.0 never waits
        except BlockingIOError:
            return 0

    def _send_rest(self, rest, started):
        left = self.timeout - (time.monotonic() - started)
        if left <= 0:
            raise TimeoutError("timed out")
        self.sock.settimeout(left)
        try:
            self.sock.sendall(rest)
        finally:
            self.sock.settimeout(self.resting_timeout)

    def close(self):
        """Close without a reset: closing with the client's unread frames still in our receive
        buffer would send RST, and the client's kernel would drop our close frame with it (the
        page would see 1006 and no reason). So send FIN and read until the client closes too."""
        try:
            self.sock.shutdown(socket.SHUT_WR)
            self.sock.settimeout(LINGER_SECONDS)
            deadline = time.monotonic() + LINGER_SECONDS
            while time.monotonic() < deadline and self.sock.recv(4096):
                pass
        except OSError:
            pass
        self.sock.close()

    def __getattr__(self, name):  # recv, fileno, shutdown, settimeout: the socket's own
        return getattr(self.sock, name)


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
