"""A dev server (`python -m app`) that a test can stop and start again on the same port."""

from __future__ import annotations

import pytest

from helpers.servers import ServerProcess, free_port, start_dev_server


class RestartableServer:
    """`python -m app --host 127.0.0.1 --port P`, with P fixed for the server's whole life."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: ServerProcess | None = None

    def start(self) -> None:
        """Start the server and wait until /healthz answers (fails with its output otherwise)."""
        assert self.process is None, "the server is already running"
        self.process = start_dev_server(self.port)

    def stop(self) -> None:
        """Terminate the server: every open WebSocket drops."""
        if self.process is not None:
            self.process.stop()
            self.process = None


@pytest.fixture
def restartable_server():
    """A running RestartableServer, stopped after the test."""
    server = RestartableServer()
    server.start()
    yield server
    server.stop()
