"""Gunicorn settings for the production image (Dockerfile's CMD: gunicorn -c gunicorn.conf.py).

Every setting can be changed from the environment, so one image serves any host.

Workers are "gthread": each open WebSocket keeps one thread of its worker busy for as long as
the student's tab is open, so a worker must have a thread for every student it should hold
(BP_THREADS, 100 by default: a whole class per worker). Extra connections wait in the queue
until a thread frees up. gevent is deliberately not used: simple-websocket, under flask-sock,
can interleave frames under monkey-patching.

The timeout is the worker heartbeat, not a request limit: the gthread main loop reports to the
arbiter about once a second whatever its threads are doing, so long-lived WebSockets do not need
a high or zero timeout.
"""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", os.environ.get("BP_WORKERS", "2")))
threads = int(os.environ.get("BP_THREADS", "100"))
# Connections a worker accepts at once (open WebSockets + keep-alive HTTP); above `threads`.
worker_connections = int(os.environ.get("BP_CONNECTIONS", "1000"))

timeout = int(os.environ.get("BP_TIMEOUT", "30"))
# On a restart or shutdown, students' sockets get this long before the worker is stopped;
# their pages reconnect and restore the session from their own snapshot.
graceful_timeout = int(os.environ.get("BP_GRACEFUL_TIMEOUT", "10"))
keepalive = 5

# Two servers on one machine (tests, blue/green) must not fight over one control socket.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("BP_LOG_LEVEL", "info")
# Behind a reverse proxy that terminates TLS, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
