"""Own the app's settings: their defaults, and how each one is read from a BP_… environment variable."""

import math

MIB = 1024 * 1024
GIB = 1024 * MIB

DEFAULTS = {
    # Which sites may embed the page in an <iframe>: any course site by default.
    "BP_FRAME_ANCESTORS": "*",
    # Origins, besides the page's own, whose pages may open /ws.
    "BP_ALLOWED_ORIGINS": [],
    # Open WebSockets per process; past it a new one is closed at once with 1013.
    "BP_MAX_SESSIONS": 800,
    "BP_MAX_MESSAGE_BYTES": MIB,
    # Frames above BP_MAX_MESSAGE_BYTES get a polite error; above this one the socket is closed.
    "BP_MAX_FRAME_BYTES": 4 * MIB,
    # Messages a second per connection, counted when they arrive.
    "BP_RATE_LIMIT": 200,
    # Frames (and their bytes) waiting for an answer; past either the socket is closed with 1008.
    "BP_MAX_WAITING": 256,
    "BP_MAX_WAITING_BYTES": 2 * MIB,
    # Seconds a reply may wait for a client that does not read before the socket is cut.
    "BP_SEND_TIMEOUT": 5,
    # Kernel send buffer per WebSocket (SO_SNDBUF): what a slow client can hold of our answers.
    "BP_SEND_BUFFER_BYTES": 256 * 1024,
    # Epochs of `train` a second per connection (a burst of one second's worth).
    "BP_MAX_EPOCHS_PER_SECOND": 12_000,
    # Seconds one `train` may take: it ends with the first epoch past them, so a stop (or any
    # message) the page sends meanwhile waits no longer, whatever the network's size.
    "BP_MAX_TRAIN_SECONDS": 1.0,
    # Share of a worker's time that training (all its connections together) may take; the rest
    # stays free for steps, pages and health checks.
    "BP_TRAINING_SHARE": 0.5,
    "BP_IDLE_SECONDS": 30 * 60,
    "BP_PING_INTERVAL": 25,
}

LISTS = {"BP_ALLOWED_ORIGINS"}
# Settings in seconds, and the most any of them may be.
DURATIONS = ("BP_SEND_TIMEOUT", "BP_MAX_TRAIN_SECONDS", "BP_IDLE_SECONDS", "BP_PING_INTERVAL")
A_WEEK = 7 * 24 * 3600
# The most a setting may be, and how the README says it. Past a week a wait raises OverflowError
# in every handler (from ~9.2e9 s); SO_SNDBUF takes a C int (2**31 and up: TypeError at every
# /ws); a frame's bound is memory a connection may take (and zlib's sizes are C integers).
MAXIMA = {**{name: (A_WEEK, "a week") for name in DURATIONS},
          # (BP_MAX_MESSAGE_BYTES is at most BP_MAX_FRAME_BYTES: see check.)
          **{name: (GIB, "1 GiB") for name in ("BP_SEND_BUFFER_BYTES", "BP_MAX_FRAME_BYTES", "BP_MAX_WAITING_BYTES")}}
# Below 1%, a trainer's pause (its slice divided by the share: after one ~30 ms epoch of the
# largest network, 3 s at 0.01) would outlast any page's patience; at 1e-300, forever.
LEAST_TRAINING_SHARE = 0.01


def given(environ, name):
    """The text of environ[name] without its spaces, or None when it is unset or blank (the default)."""
    text = environ.get(name)
    return text.strip() if text is not None and text.strip() else None


def from_environment(environ):
    """The settings set in environ (BP_… variables), typed like DEFAULTS; a bad value raises."""
    settings = {}
    for name, default in DEFAULTS.items():
        text = given(environ, name)
        if text is None:
            continue
        if name in LISTS:
            settings[name] = [part for part in text.replace(",", " ").split() if part]
        elif isinstance(default, str):
            settings[name] = text
        else:
            settings[name] = number(name, text, type(default))
    return settings


def check(config):
    """Refuse settings that contradict each other (a bad value stops the server at start)."""
    if config["BP_MAX_WAITING_BYTES"] < config["BP_MAX_MESSAGE_BYTES"]:
        raise ValueError("BP_MAX_WAITING_BYTES must be at least BP_MAX_MESSAGE_BYTES: "
                         "one message of the largest size must be able to wait")
    if config["BP_MAX_FRAME_BYTES"] < config["BP_MAX_MESSAGE_BYTES"]:
        raise ValueError("BP_MAX_FRAME_BYTES must be at least BP_MAX_MESSAGE_BYTES: a message within "
                         "the limit must get an answer, not a closed socket")
    if not LEAST_TRAINING_SHARE <= config["BP_TRAINING_SHARE"] <= 1:
        raise ValueError(f"BP_TRAINING_SHARE must be at least {LEAST_TRAINING_SHARE} and at most 1")
    for name, (most, said) in MAXIMA.items():
        if config[name] > most:
            raise ValueError(f"{name} must be at most {most} ({said})")
    if any(ord(c) < 32 or ord(c) == 127 for c in config["BP_FRAME_ANCESTORS"]):
        # It goes into a header of every page: a newline there makes every page a 500.
        raise ValueError("BP_FRAME_ANCESTORS must not contain a newline or other control character")


def number(name, text, kind):
    """text as a kind (int or float), finite and above 0; a bad value raises naming the setting."""
    try:
        value = kind(text.strip())
        finite = math.isfinite(value)
    except OverflowError:  # a whole number past a float's range (~1.8e308)
        raise ValueError(f"{name} is too large ({len(text.strip())} digits)") from None
    except ValueError:
        if kind is int and text.strip().lstrip("+-").isdigit():  # past int()'s 4,300 digits
            raise ValueError(f"{name} is too large ({len(text.strip())} digits)") from None
        raise ValueError(f"{name}={text!r} is not a {'whole ' if kind is int else ''}number") from None
    if not finite:
        raise ValueError(f"{name}={text!r} is not a finite number")
    if value <= 0:
        raise ValueError(f"{name}={text!r} must be above 0")
    return value


LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
HIGHEST_PORT = 65535


def log_level(environ):
    """BP_LOG_LEVEL in lower case (gunicorn reads any word it does not know as info, silently)."""
    text = given(environ, "BP_LOG_LEVEL")
    if text is None:
        return "info"
    if text.lower() not in LOG_LEVELS:
        raise ValueError(f"BP_LOG_LEVEL={text!r} must be one of: {', '.join(LOG_LEVELS)}")
    return text.lower()


def port(environ, default=8000):
    """PORT as a whole number from 1 to 65535 (0 would listen on a port nobody knows)."""
    text = given(environ, "PORT")
    if text is None:
        return default
    value = number("PORT", text, int)
    if value > HIGHEST_PORT:
        raise ValueError(f"PORT must be at most {HIGHEST_PORT}")
    return value


def socket_options(config):
    """What simple-websocket's Server is given, from the settings."""
    return {"ping_interval": config["BP_PING_INTERVAL"], "max_message_size": config["BP_MAX_FRAME_BYTES"]}
