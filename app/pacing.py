"""Own one connection's share of the interpreter: epochs a second, and a pause between slices."""
import time


class EpochBudget:
    """At most `per_second` epochs a second (a burst of one second's worth), and a pause every
    `slice_seconds` of training so that no request holds the interpreter for long.

    `epoch_done` is called by the session after every epoch of a `train`. Between slices it
    sleeps `pause` seconds: under gevent a timer, so the event loop polls the sockets before the
    trainer runs again (`sleep(0)` would only requeue it behind other ready greenlets, and a few
    trainers could then hold the loop for 100 ms without reading a socket); under gthread it
    hands the interpreter to the other threads.
    """

    def __init__(self, per_second, slice_seconds=0.001, pause=0.0001, sleep=time.sleep,
                 clock=time.monotonic):
        self.per_second, self.slice_seconds, self.pause = per_second, slice_seconds, pause
        self.sleep, self.clock = sleep, clock
        self.tokens, self.updated = float(per_second), clock()
        self.slice_started = self.updated

    def epoch_done(self):
        now = self.clock()
        self.tokens = min(self.per_second, self.tokens + (now - self.updated) * self.per_second) - 1
        self.updated = now
        if self.tokens < 0:
            self.sleep(-self.tokens / self.per_second)
        elif now - self.slice_started >= self.slice_seconds:
            self.sleep(self.pause)
        else:
            return
        self.slice_started = self.clock()
