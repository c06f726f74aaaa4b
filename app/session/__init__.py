"""The session room: one student's stepper over one network. Knows nothing of sockets or JSON."""
from .records import Cache, SessionError, Settings
from .stepper import DIVERGENCE_LIMIT, HISTORY_LIMIT, UNDO_DEPTH, Session

__all__ = ["Cache", "DIVERGENCE_LIMIT", "HISTORY_LIMIT", "Session", "SessionError", "Settings", "UNDO_DEPTH"]
