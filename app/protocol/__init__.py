"""The protocol room: the only place that knows the wire format (see docs/protocol.md)."""
from .conversation import Conversation

__all__ = ["Conversation"]
