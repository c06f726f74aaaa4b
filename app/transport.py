"""Own the WebSocket endpoint: one conversation per connection, and the connection's limits."""
import time
from collections import deque

from flask import current_app, request
from flask_sock import ConnectionClosed, Sock

from .protocol import Conversation
from .protocol.errors import ProtocolError

sock = Sock()


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


@sock.route("/ws")
def websocket(ws):
    config = current_app.config
    conversation = Conversation(request.args.get("lang", "pt-BR"))
    rate = RateLimit(config["BP_RATE_LIMIT"])
    try:
        while True:
            text = ws.receive(timeout=config["BP_IDLE_SECONDS"])
            if text is None:  # idle too long: free the thread for another student
                break
            ws.send(answer(conversation, rate, text, config["BP_MAX_MESSAGE_BYTES"]))
    except ConnectionClosed:
        pass
    ws.close()


def answer(conversation, rate, text, max_bytes):
    if not rate.allows(time.monotonic()):
        return conversation.error(ProtocolError("rate_limited"))
    size = len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str) else len(text)
    if size > max_bytes:
        return conversation.error(ProtocolError("too_large"))
    return conversation.reply(text)
