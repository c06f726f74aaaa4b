"""A small WebSocket client for the wire protocol (docs/protocol.md) and checks on its messages."""

from __future__ import annotations

import json
import math
from typing import Any

import websocket


def ws_url(base_url: str, path: str = "/ws") -> str:
    """Turn http://host:port into ws://host:port/ws (https into wss)."""
    scheme, rest = base_url.split("://", 1)
    return ("wss" if scheme == "https" else "ws") + "://" + rest.rstrip("/") + path


def connect(base_url: str, path: str = "/ws", timeout: float = 15.0) -> websocket.WebSocket:
    """Open a WebSocket to base_url + path (UTF-8 is validated by our own parser instead)."""
    return websocket.create_connection(
        ws_url(base_url, path), timeout=timeout, skip_utf8_validation=True)


def _no_constants(name: str) -> Any:
    raise ValueError(f"the server sent {name}, which is not JSON")


def loads(text: str) -> Any:
    """Parse strict JSON: NaN and Infinity are refused (the protocol forbids them)."""
    return json.loads(text, parse_constant=_no_constants)


def recv_json(ws: websocket.WebSocket) -> dict:
    """Read one text frame and parse it as a JSON object."""
    frame = ws.recv()
    assert isinstance(frame, str), f"expected a text frame, got {type(frame).__name__}"
    message = loads(frame)
    assert isinstance(message, dict), f"expected a JSON object, got {message!r}"
    return message


def request(ws: websocket.WebSocket, message: dict) -> dict:
    """Send one JSON message and return the one JSON reply."""
    ws.send(json.dumps(message))
    return recv_json(ws)


def non_finite(value: Any, path: str = "$") -> list[str]:
    """Return the paths of every number in value that is NaN or infinite."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [] if math.isfinite(value) else [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in non_finite(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in non_finite(v, f"{path}[{i}]")]
    return [f"{path} (unexpected {type(value).__name__})"]


def numbers(value: Any) -> list[float]:
    """Return every number inside value, flattened."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in numbers(v)]
    if isinstance(value, list):
        return [x for v in value for x in numbers(v)]
    return []


def close_frame(ws: websocket.WebSocket) -> tuple[int, str, list[str]]:
    """Read until the server's close frame; return its code, its reason and the text frames before it."""
    texts = []
    while True:
        opcode, frame = ws.recv_data_frame(control_frame=True)
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            data = frame.data
            code = int.from_bytes(data[:2], "big") if len(data) >= 2 else None
            ws.shutdown()  # the closing handshake is done: release the socket
            return code, data[2:].decode("utf-8"), texts
        if opcode == websocket.ABNF.OPCODE_TEXT:
            texts.append(frame.data.decode("utf-8"))
