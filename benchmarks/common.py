"""What every benchmark shares: real servers, a WebSocket client that respects the rate limit, stats."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from helpers.servers import ServerProcess, start_dev_server, start_gunicorn  # noqa: E402
from helpers.ws import connect, request  # noqa: E402

__all__ = ["ServerProcess", "start_dev_server", "start_gunicorn", "connect", "request",
           "timed_request", "percentile", "rss_kib", "Pacer", "RequestFailed"]

# The server allows 200 messages a second per connection (docs/protocol.md): stay under it.
MAX_RATE = 180.0


class RequestFailed(RuntimeError):
    """The server answered an error where a state was expected."""


class Pacer:
    """Spaces one connection's messages so they never exceed MAX_RATE per second."""

    def __init__(self, rate: float = MAX_RATE):
        self.interval = 1.0 / rate
        self.next_at = 0.0

    def wait(self) -> None:
        now = time.perf_counter()
        if now < self.next_at:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def timed_request(ws, message: dict) -> tuple[dict, float]:
    """Send message, wait for the state; return it and the round trip in seconds."""
    t0 = time.perf_counter()
    reply = request(ws, message)
    elapsed = time.perf_counter() - t0
    if reply.get("type") != "state":
        raise RequestFailed(f"{message['op']}: {reply.get('code')}: {reply.get('message')}")
    return reply, elapsed


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    data = sorted(values)
    if not data:
        return float("nan")
    pos = (len(data) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def rss_kib(pid: int) -> int:
    """Resident set size of a process, in KiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def children_rss_kib(pid: int) -> int:
    """RSS of a process and all its descendants, in KiB."""
    total = rss_kib(pid)
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        for child in children.read_text().split():
            total += children_rss_kib(int(child))
    return total
