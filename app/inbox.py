"""Own what a connection has received and not yet answered, bounded on arrival.

Each frame is counted against the rate limit when it arrives; a frame over the limit,
or larger than the message limit, is replaced by a small `Refused` marker (consecutive markers
are one counter), so the payload is dropped at once. The frames still waiting are bounded in
number and bytes; past either bound the connection is closed with 1008 and a reason. Frames
that are not a whole message (pings, pongs, a fragment of a message) have a budget of their
own, as many a second as messages: each costs a pass of the reader and a ping a pong, and a
flood of them once held a gevent worker for as long as it lasted (past the heartbeat, gunicorn
killed the worker and every session on it); past the budget the connection is closed (1008).
"""
import time
from collections import deque

from wsproto.events import Ping, Pong


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
