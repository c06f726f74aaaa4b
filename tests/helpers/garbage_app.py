"""The production app with the garbage collector off and one more route, /_garbage, which
collects once and names what was unreachable (type: count). Run under the Dockerfile's command by
a test, it finds what outlives a closed connection: anything in a reference cycle waits for the
collector's next full pass, with all it holds (a session's arrays, the last frame read)."""
import gc
import json
from collections import Counter

gc.disable()

from app.wsgi import app as production  # noqa: E402


def unreachable():
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage)
    finally:
        gc.garbage.clear()
        gc.set_debug(0)
        gc.collect()


def app(environ, start_response):
    if environ.get("PATH_INFO") != "/_garbage":
        return production(environ, start_response)
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(unreachable()).encode()]


app.extensions = production.extensions  # gunicorn.conf.py's goodbye on SIGTERM reads them
