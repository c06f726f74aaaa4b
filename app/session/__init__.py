"""The session room: one student's stepper over one network. Knows nothing of sockets or JSON."""
from . import ahead
from .records import Example, SessionError, Settings
from .stepper import DIVERGENCE_LIMIT, EXAMPLE_LINES_LIMIT, HISTORY_LIMIT, MEMORY_LIMIT, UNDO_DEPTH, Session, load_data, validation_count

__all__ = ["DIVERGENCE_LIMIT", "ahead", "EXAMPLE_LINES_LIMIT", "Example", "HISTORY_LIMIT", "MEMORY_LIMIT", "Session", "SessionError", "Settings", "UNDO_DEPTH", "load_data", "validation_count"]
