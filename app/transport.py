"""Own the WebSocket endpoint /ws: one conversation per connection, within the connection's limits."""
import logging

from flask import Response, current_app, request
from simple_websocket import ConnectionClosed

from . import admission, keepalive
from .connection import NORMAL, TRY_AGAIN_LATER, BoundedServer
from .inbox import Inbox, Refused
from .pacing import EpochBudget, TrainingShare
from .protocol import Conversation
from .protocol.errors import ProtocolError
from .settings import socket_options

log = logging.getLogger(__name__)


def init_app(app):
    sessions = app.extensions["bp_sessions"] = admission.Sessions(app.config["BP_MAX_SESSIONS"])
    tick = keepalive.tick_for(app.config["BP_PING_INTERVAL"], app.config["BP_IDLE_SECONDS"])
    app.extensions["bp_keepalive"] = keepalive.Watch(sessions, tick)
    app.extensions["bp_training"] = TrainingShare(app.config["BP_TRAINING_SHARE"])
    # Werkzeug routes an upgrade and a plain request to different rules: both reach `websocket`,
    # whose own check answers 400 to whatever is not a well-formed upgrade.
    app.add_url_rule("/ws", "websocket", websocket, websocket=True)
    app.add_url_rule("/ws", "not_websocket", websocket)


def websocket():
    config = current_app.config
    refused = admission.refusal(request.environ, config["BP_ALLOWED_ORIGINS"])
    if refused:
        status, text = refused
        return Response(text, status, mimetype="text/plain")
    conversation = Conversation(request.args.get("lang", "pt-BR"))

    def say(code, **details):
        return ProtocolError(code, **details).sentence(conversation.lang)

    inbox = Inbox(config["BP_RATE_LIMIT"], config["BP_MAX_MESSAGE_BYTES"],
                  config["BP_MAX_WAITING"], config["BP_MAX_WAITING_BYTES"])
    try:
        ws = BoundedServer(request.environ, inbox, config["BP_SEND_TIMEOUT"], config["BP_SEND_BUFFER_BYTES"],
                           say, config["BP_IDLE_SECONDS"], **socket_options(config))
    except OSError as error:  # the client went before our 101 did (a tab closed): nothing to answer
        log.info("WebSocket gone during its handshake: %s", error)
        return Upgraded("gunicorn" if "gunicorn.socket" in request.environ else "werkzeug")
    sessions = current_app.extensions["bp_sessions"]
    admitted = sessions.admit(ws, say)
    if admitted is not True:
        code, reason = admitted or (TRY_AGAIN_LATER, "server_full")
        ws.shut(code, say(reason))
        ws.finish()
        return Upgraded(ws.mode)
    current_app.extensions["bp_keepalive"].ensure_running()
    try:
        converse(ws, conversation, config)
    except (ConnectionClosed, OSError):
        pass
    finally:
        sessions.leave(ws)
        ws.shut(NORMAL, None)  # a no-op when it is closed already
        ws.finish()
    return Upgraded(ws.mode)


def converse(ws, conversation, config):
    # `waiting` reads the inbox, not `ws`: the session holds the budget and `ws` the session (by
    # its `say`), so a closure over `ws` would make a cycle, and a closed connection, with all it
    # read, would wait for the garbage collector instead of going at once.
    inbox = ws.inbox
    budget = EpochBudget(config["BP_MAX_EPOCHS_PER_SECOND"], current_app.extensions["bp_training"],
                         max_request_seconds=config["BP_MAX_TRAIN_SECONDS"], waiting=lambda: len(inbox) > 0)
    conversation.session.on_epoch, conversation.session.on_steps = budget.epoch_done, budget.within_epoch
    while True:
        frame = ws.receive()  # the watch closes an idle connection: that frees its slot
        if isinstance(frame, Refused):
            ws.send(conversation.error(ProtocolError(frame.code, **frame.details)))
        else:
            budget.begin()
            ws.send(conversation.reply(frame))
            if not inbox:  # nothing waits: the next step's reply, while the student reads this one
                conversation.prepare_step()


class Upgraded(Response):
    """What the view returns once the socket is done (or gone): nothing more goes on the wire.

    `mode` is simple-websocket's name for the server that handed the socket over."""

    def __init__(self, mode):
        super().__init__()
        self.mode = mode

    def __call__(self, environ, start_response):
        if self.mode == "gunicorn":
            raise StopIteration()  # gunicorn: the connection is ours, do not write a response
        if self.mode == "werkzeug":
            return super().__call__(environ, start_response)
        return []
