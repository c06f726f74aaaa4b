"""Own the interpreter's time spent training: per connection, and for the whole process.

A `train` runs its epochs in slices of about a millisecond. Between slices the trainer pauses:
long enough for the process's training to stay within its share of the worker's time
(TrainingShare, all connections together, whenever two or more train at once), and for its own
connection to stay within its epochs a second (EpochBudget). A connection training alone pauses
only briefly between slices: what keeps the others' steps quick is that pause (the sockets are
polled after every slice), so holding it to half the time would only idle the worker. A pause is a timer: under gevent the event loop polls the
sockets before the trainer runs again (`sleep(0)` would only requeue it behind the other ready
greenlets); under gthread it hands the interpreter to the other threads.
"""
import threading
import time


class TrainingShare:
    """At most `share` of this process's time goes to training while two or more connections
    train (each has trained within the last `together_seconds`); one alone is not held back."""

    def __init__(self, share, burst_seconds=0.01, together_seconds=0.1, clock=time.monotonic):
        self.share, self.burst, self.together, self.clock = share, burst_seconds, together_seconds, clock
        self.credit, self.updated, self.lock = burst_seconds, clock(), threading.Lock()
        self.trainers = {}  # trainer -> when it last trained

    def spend(self, seconds, trainer=None):
        """Account `seconds` of `trainer`'s training; return how long it should now wait."""
        with self.lock:
            now = self.clock()
            self.credit = min(self.burst, self.credit + (now - self.updated) * self.share) - seconds
            self.updated = now
            self.trainers[trainer] = now
            for other, last in list(self.trainers.items()):
                if now - last > self.together:
                    del self.trainers[other]
            if len(self.trainers) < 2:
                # Alone: nobody waited, so no debt is kept (a second trainer starts afresh).
                self.credit = self.burst
                return 0.0
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
        wait = self.share.spend(worked, self) if self.share else 0.0
        if self.tokens < 0:
            wait = max(wait, -self.tokens / self.per_second)
        self.sleep(max(wait, self.pause))
        self.slice_started = self.clock()
