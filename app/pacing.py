"""Own the interpreter's time spent training: per connection, and for the whole process.

A `train` runs its epochs in slices of about a millisecond. Between slices the trainer pauses:
long enough for the process's training to stay within its share of the worker's time
(TrainingShare, all connections together), and for its own connection to stay within its
epochs a second (EpochBudget). A pause is a timer: under gevent the event loop polls the
sockets before the trainer runs again (`sleep(0)` would only requeue it behind the other ready
greenlets); under gthread it hands the interpreter to the other threads.
"""
import threading
import time


class TrainingShare:
    """At most `share` of this process's time goes to training, whichever connections train."""

    def __init__(self, share, burst_seconds=0.01, clock=time.monotonic):
        self.share, self.burst, self.clock = share, burst_seconds, clock
        self.credit, self.updated, self.lock = burst_seconds, clock(), threading.Lock()

    def spend(self, seconds):
        """Account `seconds` of training; return how long the trainer should now wait."""
        with self.lock:
            now = self.clock()
            self.credit = min(self.burst, self.credit + (now - self.updated) * self.share) - seconds
            self.updated = now
            return max(0.0, -self.credit / self.share)


class EpochBudget:
    """One connection's training: at most `per_second` epochs a second (a burst of one second's
    worth), in slices of `slice_seconds`, each followed by a pause that keeps `share` (the
    process's TrainingShare, if any) and by at least `pause` seconds.

    The transport calls `begin` before each message; the session calls `epoch_done` after
    every epoch of a `train`.
    """

    def __init__(self, per_second, share=None, slice_seconds=0.001, pause=0.0001,
                 sleep=time.sleep, clock=time.monotonic):
        self.per_second, self.share = per_second, share
        self.slice_seconds, self.pause, self.sleep, self.clock = slice_seconds, pause, sleep, clock
        self.tokens, self.updated = float(per_second), clock()
        self.slice_started = self.updated

    def begin(self):
        """A message is about to be answered: its first slice starts now."""
        self.slice_started = self.clock()

    def epoch_done(self):
        now = self.clock()
        self.tokens = min(self.per_second, self.tokens + (now - self.updated) * self.per_second) - 1
        self.updated = now
        worked = now - self.slice_started
        if self.tokens >= 0 and worked < self.slice_seconds:
            return
        wait = self.share.spend(worked) if self.share else 0.0
        if self.tokens < 0:
            wait = max(wait, -self.tokens / self.per_second)
        self.sleep(max(wait, self.pause))
        self.slice_started = self.clock()
