"""Start real servers as subprocesses on free loopback ports, and stop them."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dockerfile_cmd(dockerfile: Path = ROOT / "Dockerfile") -> list[str]:
    """Return the Dockerfile's last CMD instruction, which must be a JSON array."""
    instructions: list[str] = []
    current = ""
    for raw in dockerfile.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        current += line[:-1] + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            instructions.append(current.strip())
            current = ""
    cmds = [i for i in instructions if i.split(None, 1)[0].upper() == "CMD"]
    if not cmds:
        raise AssertionError("the Dockerfile has no CMD")
    argv = json.loads(cmds[-1].split(None, 1)[1])
    if not (isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv)):
        raise AssertionError(f"the Dockerfile's CMD is not a JSON array of strings: {argv!r}")
    return argv


def resolve_program(name: str) -> str:
    """Find a console script: beside this Python first (the one pip installed into), then PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise AssertionError(f"{name!r} is not installed: run bash scripts/test.sh")
    return found


class ServerProcess:
    """A server subprocess with its output kept in a temporary file for failure reports."""

    def __init__(self, argv: list[str], port: int, env: dict[str, str] | None = None):
        self.argv = argv
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log = tempfile.TemporaryFile(mode="w+b")
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def output(self) -> str:
        """Return everything the server printed so far."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def wait_healthy(self, timeout: float = 30.0) -> None:
        """Poll /healthz until it answers {"status": "ok"}; fail with the server's output."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out = self.output()
                self.stop()
                raise AssertionError(
                    f"{' '.join(self.argv)} exited with {self.proc.returncode}:\n{out}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as r:
                    body = json.loads(r.read().decode("utf-8"))
                    if r.status == 200 and body.get("status") == "ok":
                        return
                    last = f"{r.status} {body!r}"
            except (OSError, urllib.error.URLError, ValueError) as e:
                last = repr(e)
            time.sleep(0.1)
        out = self.output()
        self.stop()
        raise AssertionError(
            f"{' '.join(self.argv)} not healthy after {timeout}s ({last}):\n{out}")

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL) and close its log."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if not self.log.closed:
            self.log.close()


def start_dev_server(port: int | None = None) -> ServerProcess:
    """Run `python -m app --host 127.0.0.1 --port PORT` (the README's run command)."""
    port = port or free_port()
    server = ServerProcess(
        [sys.executable, "-m", "app", "--host", "127.0.0.1", "--port", str(port)], port)
    server.wait_healthy()
    return server


def start_gunicorn(port: int | None = None, env: dict[str, str] | None = None,
                   timeout: float = 30.0) -> ServerProcess:
    """Run exactly the Dockerfile's CMD with HOST=127.0.0.1 and PORT=<free port>; fail with its
    output unless it answers /healthz within timeout seconds."""
    port = port or free_port()
    argv = dockerfile_cmd()
    argv = [resolve_program(argv[0]), *argv[1:]]
    server = ServerProcess(argv, port, {"HOST": "127.0.0.1", "PORT": str(port), **(env or {})})
    server.wait_healthy(timeout)
    return server
