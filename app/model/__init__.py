"""The model room: pure NumPy, knows nothing of sessions, JSON or Flask."""
