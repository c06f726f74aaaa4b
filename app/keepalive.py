"""Own the timers of this process's open WebSockets: one watch that asks every connection, once a
tick, what is due (a ping after a silence, a close for a missed pong or for idleness) and wakes
its handler to do it.

One loop for all of them, instead of a timer in every read and every wait: under gevent each such
wait makes and cancels a timer, which cost a bare echo about a quarter of its round trip. A due
chore is done late by at most a tick, which is small beside the intervals it serves (a quarter of
the shortest, at most a second, at least SHORTEST_TICK)."""
import logging
import threading
import time

log = logging.getLogger(__name__)


SHORTEST_TICK = 0.05  # an interval of a millisecond (allowed: any duration above 0) must not spin the loop


def tick_for(ping_interval, idle_seconds):
    return max(SHORTEST_TICK, min(1.0, ping_interval / 4, idle_seconds / 4))


class Watch:
    """Started by the first connection a process admits (after gunicorn's fork, never before)."""

    def __init__(self, sessions, tick):
        self.sessions, self.tick = sessions, tick
        self.lock, self.thread = threading.Lock(), None

    def ensure_running(self):
        if self.thread is None:
            with self.lock:
                if self.thread is None:  # under gevent, Thread is a greenlet
                    self.thread = threading.Thread(target=self._run, name="keepalive", daemon=True)
                    self.thread.start()

    def _run(self):
        while True:
            time.sleep(self.tick)
            self.visit(time.monotonic())

    def visit(self, now):
        """Wake every connection that has a chore due at `now`."""
        for ws in self.sessions.members():
            try:
                chore = ws.due(now)
                if chore is not None:
                    ws.wake(chore)
            except Exception:  # one broken connection must not stop the others' pings
                log.exception("keepalive: could not look at a connection")
