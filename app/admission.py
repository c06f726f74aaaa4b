"""Own who may open a WebSocket: a well-formed upgrade with a Host, an allowed Origin, a free session slot."""
import base64
import binascii
import threading


def refusal(environ, allowed_origins):
    """(status, text) when the upgrade must be refused, or None to accept it."""
    connection = {t.strip().lower() for t in environ.get("HTTP_CONNECTION", "").split(",")}
    if (environ.get("REQUEST_METHOD") != "GET" or "upgrade" not in connection
            or environ.get("HTTP_UPGRADE", "").lower() != "websocket"
            or environ.get("HTTP_SEC_WEBSOCKET_VERSION") != "13"
            or not valid_key(environ.get("HTTP_SEC_WEBSOCKET_KEY", ""))):
        return 400, "Bad Request: /ws expects a WebSocket upgrade (RFC 6455).\n"
    if not at_least_http_1_1(environ.get("SERVER_PROTOCOL", "")):
        return 400, "Bad Request: a WebSocket upgrade needs HTTP/1.1 or later (RFC 6455 §4.1).\n"
    if not valid_host(environ.get("HTTP_HOST")):
        return 400, "Bad Request: a WebSocket upgrade needs a Host header naming a host (RFC 9112 §3.2).\n"
    origin = environ.get("HTTP_ORIGIN")
    if origin is not None and not origin_allowed(origin, environ.get("HTTP_HOST", ""), allowed_origins):
        return 403, f"Forbidden: pages from {origin} may not open this WebSocket.\n"
    return None


def valid_key(key):
    try:
        return len(base64.b64decode(key.strip(), validate=True)) == 16
    except (binascii.Error, ValueError):
        return False


def at_least_http_1_1(protocol):
    """"HTTP/1.1" or a later version; an HTTP/1.0 upgrade cannot be one (RFC 6455 §4.1)."""
    name, _, version = protocol.partition("/")
    major, _, minor = version.partition(".")
    if name != "HTTP" or not major.isdigit() or not (minor or "0").isdigit():
        return False
    return (int(major), int(minor or 0)) >= (1, 1)


def valid_host(host):
    """Present and readable as wsproto reads it (IDNA, after simple-websocket's UTF-8): without
    it wsproto raised out of the handshake and the upgrade was answered 500."""
    if host is None:
        return False
    try:
        host.encode("utf-8").decode("idna")
    except UnicodeError:
        return False
    return True


def origin_allowed(origin, host, allowed):
    """The page's own origin (this Host, http or https) or one of the configured origins.

    A request without Origin does not come from a browser page, so it is let through."""
    own = {normalised(f"http://{host}"), normalised(f"https://{host}")}
    return normalised(origin) in own | {normalised(o) for o in allowed}


def normalised(origin):
    """scheme://host[:port] in lower case, without a trailing slash or the scheme's default port."""
    origin = origin.strip().rstrip("/").lower()
    for scheme, port in (("http://", ":80"), ("https://", ":443")):
        if origin.startswith(scheme) and origin.endswith(port):
            return origin[: -len(port)]
    return origin


class Sessions:
    """The open WebSockets of this process, at most `cap` of them."""

    def __init__(self, cap):
        self.cap, self.open, self.lock = cap, {}, threading.Lock()
        self.closing = None  # (code, reason code) once shut_all was called

    def admit(self, ws, farewell):
        """Count ws in; or None past the cap, or (code, reason code) once the process is closing.

        `farewell(reason code)` is the sentence its close will carry."""
        with self.lock:
            if self.closing:
                return self.closing
            if len(self.open) >= self.cap:
                return None
            self.open[ws] = farewell
            return True

    def leave(self, ws):
        with self.lock:
            self.open.pop(ws, None)

    def __len__(self):
        return len(self.open)

    def members(self):
        with self.lock:
            return list(self.open)

    def shut_all(self, code, reason_code):
        """Close every open socket with `code` at once (one thread, or greenlet, each)."""
        with self.lock:  # a socket not yet admitted is refused by admit from now on
            self.closing = (code, reason_code)
            open_now = list(self.open.items())
        for ws, farewell in open_now:  # under gevent, Thread is a greenlet
            threading.Thread(target=ws.shut, args=(code, farewell(reason_code)), daemon=True).start()
