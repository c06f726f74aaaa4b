"""Own one connection's conversation: a text frame in, exactly one JSON text frame out."""
import logging
from typing import NamedTuple

from ..session import Session, SessionError
from . import commands, snapshot, wire
from .boundary import boundary_message
from .catalog import resolve_language
from .derived import Derived
from .errors import ProtocolError
from .gradflow import FlowSent, gradflow_message
from .held import Held
from .state import HELD_PARTS, PROTOCOL_VERSION, held_parts, moving_parts, steady_parts

log = logging.getLogger(__name__)

PHASE_OPS = ("forward", "backward", "update")


class Steady(NamedTuple):
    """A state's steady parts (see derived.py): JSON members ("key":value,…) of the message and
    of its `resume.session`, ŷ of every example, the decision boundary, and the two parts sent
    only when the client lacks them (state.held_parts): the data set and the metrics."""
    members: str
    resume: str
    predictions: object
    boundary: dict
    dataset: dict
    metrics: dict


class Conversation:
    """Holds the session of one connection and what its client already has of the loss curve."""

    def __init__(self, lang="pt-BR"):
        self.session = Session()
        self.lang = resolve_language(lang)
        self._curve_sent = (None, 0, None, 0)  # list, points, token and thinnings the client holds
        self._set_up = False
        self.held = Held()  # the data set, predictions and boundary the client has: unchanged ones go as null
        self._steady = Derived(self._steady_parts)
        self._flow_sent = FlowSent()

    def reply(self, text):
        """The answer to one frame, as JSON text; the session is untouched unless it is a state."""
        op, checkpoint = None, self.session.checkpoint()
        try:
            op, fields = commands.read_message(text)
            commands.check_fields(op, fields)
            extra = self._run(op, fields)
            self._forget_set_up(op)
            text = self._state(op, extra)
            self.held.commit()
            return text
        except ProtocolError as error:
            return self.error(error, op)
        except SessionError as error:
            return self.error(ProtocolError(error.code, None, **error.details), op)
        except Exception:  # a bug: put everything back, keep the connection alive
            log.exception("unexpected failure answering %r", op)
            self.session.rollback(checkpoint)
            self.held.discard()
            return self.error(ProtocolError("internal"), op)

    def error(self, error, op=None):
        return self._encode({
            "type": "error", "protocol": PROTOCOL_VERSION, "reply_to": op, "code": error.wire_code,
            "field": error.field, "message": error.sentence(self.lang),
        })

    def _run(self, op, fields):
        session = self.session
        if op == "configure":
            settings, lang, start_over = commands.parse_configure(fields)
            session.configure(start_over=start_over, **settings)
            self.lang = lang or self.lang
        elif op == "step":
            session.step()
        elif op in PHASE_OPS:
            session.step(asked=op)
        elif op == "train":
            session.train(*commands.parse_train(fields))
        elif op == "reset":
            session.reset()
        elif op == "undo":
            session.undo()
        elif op == "set":
            session.set_value(**commands.parse_set(fields, session.settings.sizes))
        elif op == "restore":
            session.load(snapshot.load(commands.parse_restore(fields)))
        elif op == "snapshot":
            return {"snapshot": snapshot.dump(session)}
        return {}

    def _forget_set_up(self, op):
        """A page's first configure or restore sets the session up (a teacher's URL settings, a
        resumed session); "Passo anterior" must not undo it."""
        if not self._set_up and op in ("configure", "restore"):
            self.session.undo_stack.clear()
        self._set_up = True

    def _state(self, op, extra):
        """The state message as JSON text: its moving parts encoded now, its steady parts as kept
        (spliced in as JSON members, `resume` made of both)."""
        session = self.session
        history_from, thin = self._curve_update()
        steady = self._steady.of(session, self.lang)
        message = moving_parts(session, op, history_from, thin, steady.predictions)
        self._curve_sent = (session.history, len(session.history), session.curve_token, session.curve_thinnings)
        message["boundary"] = steady.boundary if self.held.offer("boundary", steady.boundary) else None
        message.update(held_parts(steady.dataset, steady.metrics, steady.predictions, self.held))
        message["gradflow"] = gradflow_message(session, self._flow_sent.update(session.flow))
        message.update(extra)
        resume = (f'{{"format":{self._encode(snapshot.FORMAT)},"session":{{{steady.resume},'
                  f'{self._encode(snapshot.moving_record(session))[1:-1]}}}}}')
        return f'{self._encode(message)[:-1]},"resume":{resume},{steady.members}}}'

    @classmethod
    def _steady_parts(cls, session, lang):
        parts, predictions = steady_parts(session, lang)
        members = {name: part for name, part in parts.items() if name not in HELD_PARTS}
        return Steady(members=cls._encode(members)[1:-1], resume=cls._encode(snapshot.steady_record(session))[1:-1],
                      predictions=predictions, boundary=boundary_message(session),
                      dataset=parts["dataset"], metrics=parts["metrics"])

    def _curve_update(self):
        """(from, thin) of the next `history`: how much of its copy the client keeps, and whether
        it first drops every point at an odd index, as the server did when the curve grew past
        its limit (one reply never thins twice: `train` is at most 1000 epochs). Anything else
        (a restore, a reset, an undo across a thinning) sends the whole curve from 0."""
        session = self.session
        sent_list, sent_points, sent_token, sent_thinnings = self._curve_sent
        if session.history is sent_list:
            return min(sent_points, len(session.history)), False
        if session.curve_token is sent_token and session.curve_thinnings == sent_thinnings + 1:
            return (sent_points + 1) // 2, True
        return 0, False

    @staticmethod
    def _encode(message):
        return wire.encode(message)  # strict: a non-finite number raises, even through a bug
