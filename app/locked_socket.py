"""Own a connection's writes: whole, one at a time, within a deadline, and a close without a reset.

Every write is whole (a `send`, then `sendall` for whatever a full buffer left: a
frame never goes out half-written, as gevent's `send` alone may leave it), under one lock
(frames never interleave), with a deadline, into a send buffer of bounded size; a client that
does not read for `send_timeout` seconds is cut off (a close frame cannot reach it: its
buffers are full) and the reason is logged.
"""
import socket
import threading
import time

LINGER_SECONDS = 2  # how long a closed socket waits for the client's side of the closing


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
