"""Own one connection's conversation: a text frame in, exactly one JSON text frame out."""
import logging
import weakref

from ..session import Session, SessionError, ahead
from . import commands, snapshot, wire
from .catalog import resolve_language
from .errors import ProtocolError
from .gradflow import FlowSent, series_message
from .held import Held
from .passes import PASSES, EncodedPasses
from .state import PROTOCOL_VERSION, counters_parts
from .steady import SteadyParts

log = logging.getLogger(__name__)

PHASE_OPS = ("forward", "backward", "update")
STEP = '{"op":"step"}'  # the page's own text for a step (JSON.stringify): read without a parse


class Conversation:
    """Holds the session of one connection and what its client already has of the loss curve."""

    def __init__(self, lang="pt-BR"):
        self.session = Session()
        self.lang = resolve_language(lang)
        self._curve_sent = (None, 0, None, 0)  # list, points, token and thinnings the client holds
        self._set_up = False
        self.held = Held()  # the data set, predictions and boundary the client has: unchanged ones go as null
        # self._encode as it is at the time (a test replaces it), through a weak reference: a
        # strong one would make a cycle, and a closed connection's session would wait for the
        # garbage collector's next full pass.
        me = weakref.ref(self)
        self._steady = SteadyParts(lambda message: me()._encode(message))
        self._flow_sent = FlowSent()
        self._passes = EncodedPasses()
        self._ahead = None  # a step's reply made before it was asked for: see prepare_step
        self._stepping = False  # the last frame was a step that succeeded

    def reply(self, text):
        """The answer to one frame, as JSON text; the session is untouched unless it is a state."""
        if self._ahead is not None:
            answer = self._answer_ahead(text)
            if answer is not None:
                return answer
        self._stepping = False
        op, checkpoint = None, self.session.checkpoint()
        try:
            op, fields = commands.read_message(text)
            commands.check_fields(op, fields)
            extra = self._run(op, fields)
            self._forget_set_up(op)
            text = self._state(op, extra)
            self.held.commit()
            self._stepping = op == "step"
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

    def prepare_step(self):
        """Answer the next `step` now, if the last frame was one: a student reads a step for a
        second or more before asking for the next, so its reply is ready by then (the transport
        calls this when no frame waits). Anything else that comes first finds the session, and
        what the client holds, exactly as they were (session.ahead); the reply is the same text
        `reply` would write then, bit for bit (tests/test_ahead.py)."""
        if not self._stepping or self._ahead is not None or not self._set_up:
            return
        self._stepping = False
        # The checkpoint (a microsecond) is what `_take_back` falls back on if taking back fails.
        checkpoint = self.session.checkpoint()
        kept = (ahead.mark(self.session), self._curve_sent, dict(vars(self._flow_sent)), checkpoint)
        try:
            self.session.step()
            text = self._state("step", {})
        except Exception:  # an error (a diverging update): `reply` meets it again when asked
            self._take_back(kept)
            return
        self._ahead = (text, kept)

    def _answer_ahead(self, text):
        """The prepared reply when `text` asks for a step, else None, the preparation taken back."""
        prepared, kept = self._ahead
        self._ahead = None
        if text == STEP or self._asks_step(text):
            self.held.commit()
            self._stepping = True
            return prepared
        self._take_back(kept)
        return None

    @staticmethod
    def _asks_step(text):
        try:
            op, fields = commands.read_message(text)
            commands.check_fields(op, fields)
        except ProtocolError:
            return False
        return op == "step"

    def _take_back(self, kept):
        mark, self._curve_sent, flow_sent, checkpoint = kept
        vars(self._flow_sent).update(flow_sent)
        self.held.discard()
        try:
            ahead.take_back(self.session, mark)
        except Exception:  # a bug: the session as `reply` puts it back after one, the connection kept
            log.exception("taking back a step answered ahead failed")
            self.session.rollback(checkpoint)

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
        """The state message as JSON text: its moving parts encoded now (`resume`'s moving record
        among them), its steady parts spliced in as kept."""
        session = self.session
        history_from, thin = self._curve_update()
        steady = self._steady.of(session, self.lang)
        message = counters_parts(session, op, history_from, thin, steady.predictions)
        self._curve_sent = (session.history, len(session.history), session.curve_token, session.curve_thinnings)
        message.update(extra)
        # Last, so that its record ends the text: see below.
        message["resume"] = {"format": snapshot.FORMAT, "session": snapshot.moving_record(session)}
        text = self._encode(message)
        # The record holds numbers only (no string can contain '"session":{'), so the last one
        # opens `resume.session`: the steady members of the record go in right after it.
        at = text.rindex('"session":{') + 11
        held = self.held
        boundary = steady.boundary_text if held.offer("boundary", steady.boundary_text) else "null"
        dataset = steady.dataset_text if held.offer("dataset", steady.dataset_text) else "null"
        metrics = steady.metrics_text(held.offer("predictions", steady.predictions))
        passes = ",".join(f'"{name}":{self._passes.text(name, session.example, self._encode)}' for name in PASSES)
        return (f'{text[:at]}{steady.resume},{text[at:-1]},{passes},"boundary":{boundary},"dataset":{dataset},'
                f'"metrics":{metrics},"gradflow":{{{steady.sizes},{self._series()}}},{steady.members}}}')

    def _series(self):
        """The members of `gradflow` that follow the series: stride, from, and the points the
        client lacks (none on most steps: no encoding then)."""
        flow = self.session.flow
        keep = self._flow_sent.update(flow)
        if keep == len(flow):
            return f'"stride":{flow.stride},"from":{keep},"points":[]'
        return self._encode(series_message(flow, keep))[1:-1]

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
