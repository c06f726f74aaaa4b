"""Own the interpreter's time spent training: per connection, and for the whole process.

A `train` runs its epochs in slices of about a millisecond, shared out among the connections
training at the same time (ten trainers: a tenth of a millisecond each, at least one epoch, or
the few steps between two calls of `within_epoch` when one epoch is long). After each slice the
trainer lets whatever else is ready run (`yield_to_others`): that is what keeps the other connections' steps,
pages and health checks quick. It also pauses when it must: for the process's training to stay
within its share of the worker's time while two or more connections train (TrainingShare), and
for its own connection to stay within its epochs a second (EpochBudget). A connection training
alone is not paused for the share: nobody is waiting for that time, and idling would only slow
its curve (on a loaded machine a 0.1 ms sleep can cost tens of milliseconds before the
scheduler runs the process again; libev rounds a timer up to a millisecond).
"""
import sys
import threading
import time


def yield_to_others():
    """Let everything that is ready run, then carry on at once: under gevent the event loop
    polls the sockets and runs the ready greenlets (`gevent.idle`; `sleep(0)` would only requeue
    the trainer behind the ready greenlets, without polling); under threads, `sleep(0)` hands the
    interpreter to a thread that waits for it."""
    monkey = sys.modules.get("gevent.monkey")
    if monkey is not None and monkey.is_module_patched("time"):
        import gevent

        gevent.idle()
    else:
        time.sleep(0)


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

    def trainers_now(self):
        """How many connections trained within the last `together_seconds` (at least 1)."""
        with self.lock:
            return max(1, len(self.trainers))


class EpochBudget:
    """One connection's training: at most `per_second` epochs a second (a burst of one second's
    worth), in slices of `slice_seconds`, each followed by a pause that keeps `share` (the
    process's TrainingShare, if any), or by a yield when no pause is owed.

    A request ends with the first epoch that ends while another message of the connection is
    `waiting` (the page's stop, its next click: they wait for the request to end, and one epoch
    of the largest network is tens of milliseconds, a thousand of them half a minute), or that
    ends `max_request_seconds` after it began (pauses included).

    The transport calls `begin` before each message; the session calls `epoch_done` after
    every epoch of a `train`, which ends the request when it answers True. The last epoch of a
    request that ran its course does not pause for the slice or the share: its answer goes out
    at once, and what it owes is paid by the next request's first pause. But it pays the bucket
    past one epoch of slack: requests of one epoch never reach a pause, and a flood of them would
    otherwise train at the rate limit's pace, past the cap. One cut short by a waiting message is
    paced like any other epoch: a client that keeps a message waiting would otherwise make every
    epoch a last one, unpaced.
    """

    def __init__(self, per_second, share=None, slice_seconds=0.001, max_request_seconds=None,
                 waiting=lambda: False, sleep=time.sleep, yield_=yield_to_others, clock=time.monotonic):
        """`waiting()` says whether another message of the connection waits for an answer."""
        self.per_second, self.share, self.max_request_seconds = per_second, share, max_request_seconds
        self.waiting = waiting
        self.slice_seconds, self.sleep, self.yield_, self.clock = slice_seconds, sleep, yield_, clock
        self.tokens, self.updated = float(per_second), clock()
        self.slice_started = self.request_started = self.updated

    def begin(self):
        """A message is about to be answered: its first slice starts now."""
        self.slice_started = self.request_started = self.clock()

    def epoch_done(self, last=False):
        """Count an epoch; pause if the slice is over or the budget is spent, unless it is the
        request's last: the session says so (`last`), or the request's time is up (the answer is
        then True). True too, after the pause, when another message waits."""
        now = self.clock()
        if not last and self.max_request_seconds is not None:
            last = now - self.request_started >= self.max_request_seconds
        self._count(now)
        if not last and self.waiting():
            self._pace(now)
            return True
        if last:
            if self.tokens < -1:
                self.sleep((-1 - self.tokens) / self.per_second)
            if self.share:
                self.share.spend(now - self.slice_started, self)  # the next slice's pause pays it
            return True
        self._pace(now)
        return False

    def _count(self, now):
        self.tokens = min(self.per_second, self.tokens + (now - self.updated) * self.per_second) - 1
        self.updated = now

    def within_epoch(self):
        """Partway through an epoch (the session calls it every few steps): yield, or pause for
        the share, once the slice is over. No epoch is counted and no request ends here."""
        now = self.clock()
        if now - self.slice_started >= self._slice_seconds():
            self._pause(now, owed=0.0)

    def _pace(self, now):
        """Go on, yield, or pause, at the end of an epoch that is not the request's last (or that
        a waiting message made the last)."""
        if self.tokens >= 0 and now - self.slice_started < self._slice_seconds():
            return
        self._pause(now, owed=-self.tokens / self.per_second if self.tokens < 0 else 0.0)

    def _slice_seconds(self):
        # Every trainer that yielded runs its slice before the loop polls the sockets again: the
        # slices of all of them, not one, are what a waiting step sits behind.
        return self.slice_seconds / self.share.trainers_now() if self.share else self.slice_seconds

    def _pause(self, now, owed):
        """End the slice begun at slice_started: pause for the share or the epochs `owed` to the
        budget (seconds), else yield; the next slice starts when this returns."""
        wait = self.share.spend(now - self.slice_started, self) if self.share else 0.0
        wait = max(wait, owed)
        if wait > 0:
            self.sleep(wait)
        else:
            self.yield_()
        self.slice_started = self.clock()
