"""The connection's own bounds in-process: the inbox (arrival) and the epoch budget (work a second)."""
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import keepalive
from app.inbox import Inbox, Refused
from app.locked_socket import LockedSocket
from app.pacing import EpochBudget, TrainingShare


class FakeTime:
    def __init__(self):
        self.now, self.sleeps, self.yields = 100.0, [], 0

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def yield_(self):
        self.yields += 1


def drain(inbox):
    items = []
    while len(inbox):
        item = inbox.pop(0)
        items.append(item.code if isinstance(item, Refused) else item)
    return items


def test_pings_pongs_and_fragments_have_a_budget_but_pieces_of_one_frame_and_messages_do_not_count():
    """note_frame counts what is not a whole message: pings, pongs, and fragments (a frame that
    ends without ending its message). The pieces of one large frame, read as they come, are one
    frame; a message's last frame is counted as a message (by `append`)."""
    from wsproto.events import Ping, Pong, TextMessage

    inbox = Inbox(rate_limit=3, max_message_bytes=100, max_frames=10, max_bytes=1000)
    pieces = [TextMessage("x" * 10, frame_finished=False, message_finished=False) for _ in range(1000)]
    messages = [TextMessage("{}", frame_finished=True, message_finished=True) for _ in range(10)]
    assert all(inbox.note_frame(event) for event in pieces + messages)
    budget = [Ping(b"p"), Pong(b"p"), TextMessage("{", frame_finished=True, message_finished=False)]
    assert all(inbox.note_frame(event) for event in budget)
    assert inbox.overflow is None
    assert not inbox.note_frame(Pong(b"p"))
    assert inbox.overflow_code == "frames_flooded" and "3 pings, pongs or fragments a second" in inbox.overflow


def test_rate_limit_counts_frames_when_they_arrive():
    inbox = Inbox(rate_limit=3, max_message_bytes=100, max_frames=10, max_bytes=1000)
    for i in range(6):
        inbox.append(f"m{i}")
    assert drain(inbox) == ["m0", "m1", "m2", "rate_limited", "rate_limited", "rate_limited"]
    assert inbox.frames == inbox.bytes == 0 and inbox.overflow is None


def test_refused_frames_are_one_marker_and_keep_no_payload():
    inbox = Inbox(rate_limit=1, max_message_bytes=100, max_frames=10, max_bytes=1000)
    for _ in range(10_001):
        inbox.append("x" * 50)
    assert len(inbox.items) == 2 and inbox.bytes == 50
    assert drain(inbox) == ["x" * 50] + ["rate_limited"] * 10_000


def test_frame_over_the_message_limit_is_refused_on_arrival():
    inbox = Inbox(rate_limit=10, max_message_bytes=4, max_frames=10, max_bytes=1000)
    for frame in ("1234", "12345", "é12", b"12345"):
        inbox.append(frame)
    assert drain(inbox) == ["1234", "too_large", "é12", "too_large"]


@pytest.mark.parametrize("frames, overflow", [(3, False), (4, True)])
def test_frames_waiting_are_bounded_in_number(frames, overflow):
    inbox = Inbox(rate_limit=100, max_message_bytes=100, max_frames=3, max_bytes=1000)
    for _ in range(frames):
        inbox.append("{}")
    assert (inbox.overflow is not None) == overflow


@pytest.mark.parametrize("last, overflow", [(40, False), (41, True)])
def test_frames_waiting_are_bounded_in_bytes(last, overflow):
    inbox = Inbox(rate_limit=100, max_message_bytes=100, max_frames=10, max_bytes=100)
    inbox.append("x" * 60)
    inbox.append("x" * last)
    assert (inbox.overflow is not None) == overflow
    inbox.append("x")  # after an overflow nothing more is kept
    assert len(inbox) == (2 if overflow else 3)


def test_epoch_budget_allows_one_seconds_worth_then_paces():
    t = FakeTime()
    budget = EpochBudget(per_second=100, slice_seconds=10, sleep=t.sleep, yield_=t.yield_, clock=t.clock)
    for _ in range(100):
        budget.epoch_done()
    assert t.sleeps == []
    for _ in range(50):
        budget.epoch_done()
    assert sum(t.sleeps) == pytest.approx(0.5)  # 50 more epochs at 100 a second
    assert t.sleeps[0] == pytest.approx(0.01)


def test_epoch_budget_refills_while_idle():
    t = FakeTime()
    budget = EpochBudget(per_second=10, slice_seconds=1000, sleep=t.sleep, yield_=t.yield_, clock=t.clock)
    for _ in range(10):
        budget.epoch_done()
    t.now += 60  # a minute later the bucket is full again, not six times full
    for _ in range(10):
        budget.epoch_done()
    assert t.sleeps == []
    budget.epoch_done()
    assert t.sleeps == [pytest.approx(0.1)]


def test_epoch_budget_yields_between_slices():
    t = FakeTime()
    budget = EpochBudget(per_second=1000, slice_seconds=0.0015, sleep=t.sleep, yield_=t.yield_,
                         clock=t.clock)
    for _ in range(10):
        t.now += 0.001  # each epoch takes 1 ms: a yield after every second one, nothing owed
        budget.epoch_done()
    assert (t.sleeps, t.yields) == ([], 5)


def test_epoch_budget_yields_within_a_long_epoch_without_counting_it():
    """within_epoch: a slice over partway through an epoch ends with a yield (or the share's
    pause); no epoch is counted, so the request's answer and the per-second cap are untouched."""
    t = FakeTime()
    budget = EpochBudget(per_second=2, slice_seconds=0.001, sleep=t.sleep, yield_=t.yield_, clock=t.clock)
    for _ in range(10):
        t.now += 0.0006  # eight steps of a large network: a yield after every second call
        budget.within_epoch()
    assert (t.sleeps, t.yields) == ([], 5)
    assert budget.tokens == 2  # nothing counted: two epochs a second are still there to spend


def test_epoch_budget_pauses_within_an_epoch_for_the_share_of_two_trainers():
    t = FakeTime()
    share = TrainingShare(0.5, burst_seconds=0.0, clock=t.clock)
    first, second = (EpochBudget(per_second=1000, share=share, slice_seconds=0.001, sleep=t.sleep,
                                 yield_=t.yield_, clock=t.clock) for _ in range(2))
    t.now += 0.002
    first.within_epoch()  # alone so far: it yields, nothing is owed
    t.now += 0.002
    second.within_epoch()  # two train: 2 ms worked at half the time owes a pause
    assert t.yields == 1 and t.sleeps and t.sleeps[-1] > 0


def test_epoch_budget_ends_a_request_past_its_time_without_pausing_it():
    t = FakeTime()
    budget = EpochBudget(per_second=100, slice_seconds=0.5, max_request_seconds=1.0, sleep=t.sleep,
                         yield_=t.yield_, clock=t.clock)
    budget.begin()
    answers = []
    for _ in range(3):
        t.now += 0.4  # epochs of 0.4 s: the third ends 1.2 s after the request began
        answers.append(budget.epoch_done())
    assert (answers, t.yields) == ([False, False, True], 1)  # a yield after the second, none after the last
    budget.begin()  # the next request has a second of its own
    t.now += 0.4
    assert budget.epoch_done() is False


def test_epoch_budget_ends_a_request_when_a_message_waits():
    t, inbox = FakeTime(), []
    budget = EpochBudget(per_second=100, slice_seconds=10, waiting=lambda: bool(inbox), sleep=t.sleep,
                         yield_=t.yield_, clock=t.clock)
    budget.begin()
    assert [budget.epoch_done() for _ in range(3)] == [False] * 3
    inbox.append('{"op": "step"}')
    assert budget.epoch_done() is True


def test_epoch_budget_paces_the_epochs_a_waiting_message_cut_short():
    """A client that keeps a message waiting makes every epoch a request's last: each is still
    paced, so 50 one-epoch requests past the bucket take the half second the cap asks."""
    t = FakeTime()
    budget = EpochBudget(per_second=100, slice_seconds=10, waiting=lambda: True, sleep=t.sleep,
                         yield_=t.yield_, clock=t.clock)
    for _ in range(150):
        budget.begin()
        assert budget.epoch_done() is True
    assert sum(t.sleeps) == pytest.approx(0.5)


def test_epoch_budget_paces_one_epoch_requests_past_the_bucket():
    """A request of one epoch ends with its first epoch, never reaching a pause: past the
    bucket (and one epoch of slack) that epoch pays for itself, so 150 requests take what the cap
    asks of the 49 past 101."""
    t = FakeTime()
    budget = EpochBudget(per_second=100, slice_seconds=10, sleep=t.sleep, yield_=t.yield_, clock=t.clock)
    for _ in range(150):
        budget.begin()
        assert budget.epoch_done(last=True) is True
    assert sum(t.sleeps) == pytest.approx(0.49)
    assert len(t.sleeps) == 49


def test_training_share_keeps_the_process_within_its_share_while_two_train():
    t = FakeTime()
    share = TrainingShare(0.5, burst_seconds=0.01, clock=t.clock)
    assert share.spend(0.0, "a") == 0
    assert share.spend(0.01, "b") == 0  # the burst
    assert share.spend(0.002, "a") == pytest.approx(0.004)  # 2 ms of debt at half time: wait 4 ms
    t.now += 0.004
    assert share.spend(0.0, "b") == pytest.approx(0.0)


def test_training_share_does_not_hold_back_a_trainer_alone():
    t = FakeTime()
    share = TrainingShare(0.5, burst_seconds=0.01, together_seconds=0.1, clock=t.clock)
    share.spend(0.0, "b")
    t.now += 0.2  # b has stopped training
    assert [share.spend(0.05, "a") for _ in range(3)] == [0, 0, 0]
    # A second trainer arrives: the share holds again, and a's solo run left no debt behind.
    assert share.spend(0.01, "b") == 0
    assert share.spend(0.002, "a") == pytest.approx(0.004)


def two_budgets_training(share, t, seconds):
    """Two connections training at once, 0.5 ms an epoch, for `seconds` of epochs each, on one
    interpreter: each runs in a greenlet and a pause hands over to whichever is ready first
    (fake time, as under gevent). Answers the fraction of the time spent training."""
    from greenlet import getcurrent, greenlet

    waking = {}  # greenlet -> when its pause ends
    scheduler = getcurrent()

    def sleep(duration):
        waking[getcurrent()] = t.now + duration
        scheduler.switch()

    def train():
        budget = EpochBudget(per_second=10_000, share=share, slice_seconds=0.001, sleep=sleep,
                             yield_=lambda: sleep(0.0), clock=t.clock)
        budget.begin()
        for _ in range(int(seconds / 0.0005)):
            t.now += 0.0005
            budget.epoch_done()

    started = t.now
    trainers = [greenlet(train) for _ in range(2)]
    for trainer in trainers:
        waking[trainer] = t.now
    while waking:
        trainer = min(waking, key=waking.get)
        t.now = max(t.now, waking.pop(trainer))
        trainer.switch()
    return 2 * seconds / (t.now - started)


def test_epoch_budgets_wait_for_the_process_share_between_slices():
    t = FakeTime()
    share = TrainingShare(0.25, burst_seconds=0.001, clock=t.clock)
    assert two_budgets_training(share, t, 0.2) == pytest.approx(0.25, rel=0.05)


def test_an_epoch_budget_alone_only_yields_between_slices():
    t = FakeTime()
    share = TrainingShare(0.25, burst_seconds=0.001, clock=t.clock)
    budget = EpochBudget(per_second=10_000, share=share, slice_seconds=0.001, sleep=t.sleep,
                         yield_=t.yield_, clock=t.clock)
    budget.begin()
    for _ in range(400):
        t.now += 0.0005  # 200 ms of epochs, a yield after every second one
        budget.epoch_done()
    assert (t.sleeps, t.yields) == ([], 200)


@pytest.mark.parametrize("others, yields", [(0, 200), (1, 400), (3, 400)])
def test_the_slice_is_shared_out_among_the_connections_training_together(others, yields):
    """A waiting step sits behind the slices of every trainer that yielded: with n training
    together each slice is 1/n ms (never less than one epoch)."""
    t = FakeTime()
    share = TrainingShare(1.0, burst_seconds=1.0, together_seconds=10.0, clock=t.clock)
    for other in range(others):
        share.spend(0.0, other)
    budget = EpochBudget(per_second=10_000, share=share, slice_seconds=0.001, sleep=t.sleep,
                         yield_=t.yield_, clock=t.clock)
    share.spend(0.0, budget)  # it trained in its previous request too
    budget.begin()
    for _ in range(400):
        t.now += 0.0006  # 0.6 ms epochs: alone a yield after every second one, else after each
        budget.epoch_done()
    assert (t.sleeps, t.yields) == ([], yields)


def test_the_last_epoch_of_a_request_does_not_pause_but_its_time_counts():
    t = FakeTime()
    share = TrainingShare(0.5, burst_seconds=0.001, clock=t.clock)
    share.spend(0.0, "other")  # another connection trains too: the share holds
    budget = EpochBudget(per_second=10_000, share=share, slice_seconds=0.001, sleep=t.sleep,
                         yield_=t.yield_, clock=t.clock)
    budget.begin()
    t.now += 0.004
    budget.epoch_done(last=True)
    assert t.sleeps == []
    budget.begin()  # the next request: its first pause pays for the last one's 4 ms too
    t.now += 0.001
    budget.epoch_done()
    # 5 ms trained against 1 ms of burst and 0.5 ms earned since: 3.5 ms owed at half time.
    assert t.sleeps == [pytest.approx(0.007)]


def test_a_yield_under_gevent_runs_what_is_ready_and_returns():
    script = """
from gevent import monkey; monkey.patch_all()
import gevent, time
from app.pacing import yield_to_others
ran = []
gevent.spawn(ran.append, 1)
started = time.monotonic()
yield_to_others()
assert ran == [1], ran
print(round(time.monotonic() - started, 4))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr


def test_under_gevent_the_socket_rests_without_a_timeout_and_a_write_keeps_its_deadline():
    """The reader waits in `recv` with no timeout (under gevent a timeout is a timer made per
    wait), yet a write to a client that does not read still gives up at its deadline."""
    script = """
from gevent import monkey; monkey.patch_all()
import socket, time
from app.locked_socket import LockedSocket
ours, client = socket.socketpair()
locked = LockedSocket(ours, timeout=0.5, buffer_bytes=4096)
assert ours.gettimeout() is None
frames, started = 0, time.monotonic()
try:
    while True:  # the client never reads: its buffer and ours fill up
        locked.send(b"x" * 65536)
        frames, started = frames + 1, time.monotonic()
except TimeoutError:
    waited = time.monotonic() - started
assert 0.45 < waited < 1.5, (frames, waited)
assert ours.gettimeout() is None, ours.gettimeout()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr


class TrickleSocket:
    """A socket whose buffer takes `room` bytes per send, each send taking `seconds_per_call`."""

    def __init__(self, room, seconds_per_call=0.0):
        self.room, self.seconds_per_call, self.timeout, self.out, self.calls = room, seconds_per_call, None, b"", []

    def settimeout(self, timeout):
        self.timeout = timeout

    def gettimeout(self):
        return self.timeout

    def setsockopt(self, *args):
        pass

    def send(self, data):
        self.calls.append(("send", self.timeout))
        time.sleep(self.seconds_per_call)
        self.out += bytes(data[: self.room])
        return min(self.room, len(data))

    def sendall(self, data):
        self.calls.append(("sendall", self.timeout))
        self.out += bytes(data)


def test_a_frame_goes_out_in_one_send_when_the_buffer_has_room():
    sock = TrickleSocket(room=1 << 20)
    assert LockedSocket(sock, timeout=5, buffer_bytes=4096).send(b"x" * 9000) == 9000
    assert sock.out == b"x" * 9000 and sock.calls == [("send", 5)]


def test_what_a_full_buffer_left_goes_out_whole_within_the_time_left():
    sock = TrickleSocket(room=4096, seconds_per_call=0.05)
    frame = bytes(range(256)) * 40
    assert LockedSocket(sock, timeout=5, buffer_bytes=4096).send(frame) == len(frame)
    assert sock.out == frame
    (first, _), (then, timeout_left) = sock.calls
    assert (first, then) == ("send", "sendall") and 4.5 < timeout_left < 4.96
    assert sock.timeout == 5  # the socket's own timeout is put back


def test_a_send_that_used_up_the_timeout_is_not_followed_by_more_waiting():
    sock = TrickleSocket(room=10, seconds_per_call=0.2)
    with pytest.raises(TimeoutError):
        LockedSocket(sock, timeout=0.1, buffer_bytes=4096).send(b"y" * 100)
    assert [name for name, _ in sock.calls] == ["send"]


@pytest.mark.parametrize("ping, idle, tick", [(25, 1800, 1.0), (1, 1800, 0.25), (25, 0.4, 0.1), (0.001, 1800, 0.05)])
def test_the_watch_ticks_a_quarter_of_the_shortest_interval_between_a_floor_and_a_second(ping, idle, tick):
    assert keepalive.tick_for(ping, idle) == tick
