"""The transport alone: the production app (app.wsgi, same settings, same transport and limits)
whose conversations answer pre-recorded replies instead of computing them. Each connection
answers its configure with the recorded configure reply, then its steps with the recorded
replies of a real XOR 2–2–1 session (seed 3), in order, so the frames have the real sizes and
phases. benchmarks/step_reply.py serves it with the Dockerfile's gunicorn command beside the
real app and the bare echo: what it costs beyond the echo is the transport's own work."""
import itertools

import app.transport
from app.protocol import Conversation

STEP = '{"op":"step"}'
CONFIGURE = '{"op":"configure","seed":3}'


def _recorded(steps=300):
    conversation = Conversation()
    first = conversation.reply(CONFIGURE)
    return first, [conversation.reply(STEP) for _ in range(steps)]


_FIRST, _STEPS = _recorded()


class Recorded(Conversation):
    """A Conversation (its `error` and session for the transport) whose replies are recorded."""

    def __init__(self, lang="pt-BR"):
        super().__init__(lang)
        self._next = itertools.cycle(_STEPS)

    def reply(self, text):
        return _FIRST if text == CONFIGURE else next(self._next)


app.transport.Conversation = Recorded
from app.wsgi import app  # noqa: E402  (built after the patch: the endpoint reads it per connection)
