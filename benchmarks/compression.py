"""What compressing a reply costs, as browsers negotiate it (permessage-deflate): time and bytes
per kind of reply, for the terms app/deflate.py sets and for the others it was chosen among.

    python benchmarks/compression.py [--quick]

Records the replies of two conversations in process (XOR 2–2–1: 300 steps, then 30 trains of
10 epochs; spiral 2–8–8–1: the same), then sends each through a real wsproto server connection
that accepted Chromium's offer (`permessage-deflate; client_max_window_bits`) on each of four
terms (taking turns, reply by reply, in an order that turns), three times over, and prints the
median time of a `send` (framing and compressing) and the median frame size per kind of reply.
What a session holds meanwhile is benchmarks/capacity.py's "memory per open session"
(`--no-deflate` to compare).
"""
from __future__ import annotations

import argparse
import statistics
import time

import common  # noqa: F401  (puts the project and tests/ on sys.path)
from helpers.browser_ws import ChromiumDeflate
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Request, TextMessage
from wsproto.extensions import PerMessageDeflate

from app.deflate import LeanDeflate
from app.protocol import Conversation

KINDS = ("forward", "backward", "update", "train")
NETWORKS = {
    "XOR 2–2–1": '{"op":"configure","seed":3}',
    "spiral 2–8–8–1": '{"op":"configure","seed":3,"hidden":[8,8],"dataset":"spiral"}',
}


def level_one_with_context():
    """app/deflate.py's compressor, kept for the connection (the terms it does not ask for)."""
    deflate = LeanDeflate()
    deflate.server_no_context_takeover = False
    return deflate


TERMS = {  # name: a new extension object with those terms
    "now: level 1, no context (a compressor per message)": LeanDeflate,
    "before: level 6, context kept (wsproto's defaults)": PerMessageDeflate,
    "level 1, context kept": level_one_with_context,
    "level 6, no context": lambda: PerMessageDeflate(server_no_context_takeover=True),
}


def record(configure, steps, trains):
    """(kind, reply text) of one conversation."""
    conversation = Conversation()
    conversation.reply(configure)
    replies = []
    for _ in range(steps):
        phase = conversation.session.next_move()[0]
        replies.append((phase, conversation.reply('{"op":"step"}')))
    for _ in range(trains):
        replies.append(("train", conversation.reply('{"op":"train","epochs":10}')))
    return replies


def server_with(extension):
    """A wsproto server connection that accepted Chromium's offer with `extension`."""
    client, server = WSConnection(ConnectionType.CLIENT), WSConnection(ConnectionType.SERVER)
    server.receive_data(client.send(Request(host="x", target="/ws", extensions=[ChromiumDeflate()])))
    next(server.events())
    server.send(AcceptConnection(extensions=[extension]))
    assert extension.enabled()
    return server


def measure(replies, rounds):
    """{terms: {kind: (median µs of a send, median frame bytes)}}; the terms take turns, reply
    by reply, in an order that turns, so that all see the same machine."""
    times = {name: {kind: [] for kind in KINDS} for name in TERMS}
    sizes = {name: {kind: [] for kind in KINDS} for name in TERMS}
    for _ in range(rounds):
        servers = [(name, server_with(make())) for name, make in TERMS.items()]
        for turn, (kind, text) in enumerate(replies):
            # The order turns with every reply: the first to read a reply reads it from memory,
            # the others from the cache.
            for name, server in servers[turn % len(servers):] + servers[:turn % len(servers)]:
                started = time.perf_counter()
                frame = server.send(TextMessage(text))
                times[name][kind].append(time.perf_counter() - started)
                sizes[name][kind].append(len(frame))
    return {name: {kind: (statistics.median(times[name][kind]) * 1e6, statistics.median(sizes[name][kind]))
                   for kind in KINDS} for name in TERMS}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 steps and 10 trains, one round")
    args = parser.parse_args(argv)
    steps, trains, rounds = (100, 10, 1) if args.quick else (300, 30, 3)
    for network, configure in NETWORKS.items():
        replies = record(configure, steps, trains)
        plain = {kind: statistics.median(len(text.encode()) for k, text in replies if k == kind) for kind in KINDS}
        print(f"\n== {network}: median reply size " + ", ".join(f"{k} {plain[k]:,.0f} B" for k in KINDS) + " ==")
        print(f"  {'terms':54}" + "".join(f"{kind:>20}" for kind in KINDS))
        for name, figures in measure(replies, rounds).items():
            print(f"  {name:54}" + "".join(f"{f'{us:,.0f} µs {size:,.0f} B':>20}" for us, size in figures.values()),
                  flush=True)


if __name__ == "__main__":
    main()
