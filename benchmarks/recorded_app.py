"""The transport alone: the production app (app.wsgi, same settings, same transport and limits)
whose conversations answer pre-recorded replies instead of computing them. Each connection
answers its configure with the recorded configure reply, then its steps with the recorded
replies of a real XOR 2–2–1 session (seed 3), in order, so the frames have the real sizes and
phases. benchmarks/step_reply.py serves it with the Dockerfile's gunicorn command beside the
real app and the bare echo: what it costs beyond the echo is the transport's own work.

With BENCH_ARITHMETIC=1 in its environment each step also runs on the connection's real session
(`session.step()`: the arithmetic, its undo entry and checkpoint, nothing of the message) before
the recorded reply goes: the floor a reply could reach if building and encoding the state
message cost nothing."""
import itertools
import os

import app.transport
from app.protocol import Conversation

STEP = '{"op":"step"}'
CONFIGURE = '{"op":"configure","seed":3}'


def _recorded(steps=300):
    conversation = Conversation()
    first = conversation.reply(CONFIGURE)
    return first, [conversation.reply(STEP) for _ in range(steps)]


_FIRST, _STEPS = _recorded()
_ARITHMETIC = os.environ.get("BENCH_ARITHMETIC") == "1"


class Recorded(Conversation):
    """A Conversation (its `error` and session for the transport) whose replies are recorded."""

    def __init__(self, lang="pt-BR"):
        super().__init__(lang)
        self._next = itertools.cycle(_STEPS)
        if _ARITHMETIC:
            super().reply(CONFIGURE)  # the session the recorded replies came from

    def reply(self, text):
        if text == CONFIGURE:
            return _FIRST
        if _ARITHMETIC:
            self.session.step()
        return next(self._next)


app.transport.Conversation = Recorded
from app.wsgi import app  # noqa: E402  (built after the patch: the endpoint reads it per connection)
