"""The WSGI entry point gunicorn serves: `app.wsgi:app`, built from the BP_… environment variables.

Also the production process's garbage collector. Measured with `python benchmarks/capacity.py`
(1,020 sessions, 20 training flat out), the collector's full passes over every session's objects
paused a worker for up to 135 ms, seven times in 20 s, and made the steppers' p99 25–45 ms.
A session's state is arrays, lists and numbers, which reference counting frees, so the objects
of the loaded program are frozen out of the collector and every generation is collected less
often (it still runs, for whatever cycles there are): no pause past 50 ms in the runs since,
p99 14–16 ms (README, "Capacity")."""
import gc
import os

from . import create_app
from .settings import from_environment

app = create_app(from_environment(os.environ))

# The page's first script and the default page's opening state are made once here, not on the
# first visitor's time (joining and compressing the script takes ~0.1 s).
with app.test_client() as client:
    for path in ("/", "/static/js/bundle.js"):
        client.get(path, headers={"Accept-Encoding": "gzip"})

gc.freeze()  # the imported modules and the app: alive for the process's life, never scanned again
gc.set_threshold(20_000, 20, 50)
