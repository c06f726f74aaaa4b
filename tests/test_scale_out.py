"""Scale-out behind a real load balancer: two instances of the production command behind Debian's
nginx (installed by the test command when absent). A browser session continues exactly when the
instance holding its WebSocket is stopped mid-lesson: the page reconnects through nginx to the
other instance and restores the session it holds; no sticky sessions, no shared store."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpers.servers import free_port, start_gunicorn
from test_browser_session import CONNECTION_LOST, RESTORED_UNDO_RESTARTS, expect_screen, open_widget, screen, steps

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# The page says a failover (the undo history it had starts again); an instance it was not on says nothing.
NOTHING_OR_FAILOVER = re.compile(f"^(|{re.escape(RESTORED_UNDO_RESTARTS)})$")

CONFIG = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  # max_fails=0: nginx keeps trying a stopped instance's address, so a restarted one is used at once.
  upstream backprop {{ server 127.0.0.1:{a} max_fails=0; server 127.0.0.1:{b} max_fails=0; }}
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://backprop;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 3600s;
    }}
  }}
}}
"""


class Nginx:
    def __init__(self, backends):
        self.folder = Path(tempfile.mkdtemp(prefix="bp-nginx-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        a, b = (server.port for server in backends)
        (self.folder / "nginx.conf").write_text(CONFIG.format(folder=self.folder, a=a, b=b, port=self.port))
        self.proc = subprocess.Popen([NGINX, "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("nginx did not start:\n" + (self.folder / "error.log").read_text())

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def balanced():
    """Two production instances behind nginx; yields (nginx, instances), a list the test may change."""
    assert Path(NGINX).exists(), "nginx is not installed: run bash scripts/test.sh"
    instances = [start_gunicorn(), start_gunicorn()]
    nginx = Nginx(instances)
    yield nginx, instances
    nginx.stop()
    for instance in instances:
        instance.stop()


def test_a_lesson_continues_when_its_instance_stops(page, page_watch, balanced):
    """Stop one instance, then (the first restarted on its address) the other: whichever held the
    page's WebSocket, the page fails over at least once, and every next step is the one the
    session would have taken anyway (recorded first, then undone)."""
    nginx, instances = balanced
    page_watch.allow(nginx.base_url)
    open_widget(page, nginx.base_url)
    steps(page, 4)  # stops happen after a forward and after a backward: a restore right after an
    expected = [screen(page)]  # update shows the next example waiting (protocol.md, undo/restore)
    for k in range(4, 6):
        steps(page, 1, done=k)
        expected.append(screen(page))
    for _ in range(2):
        page.get_by_role("button", name="Passo anterior").click()
    expect_screen(page, expected[0])

    first, second = instances
    first.stop()  # SIGTERM: its open sockets get a 1001 close and the page reconnects through nginx
    expect_screen(page, expected[0])
    expect(page.locator("#bp_msg")).to_have_text(NOTHING_OR_FAILOVER)  # not "could not be recovered"
    steps(page, 1, done=4)
    expect_screen(page, expected[1])

    instances[0] = start_gunicorn(port=first.port)
    second.stop()
    expect_screen(page, expected[1])
    expect(page.locator("#bp_msg")).to_have_text(NOTHING_OR_FAILOVER)
    steps(page, 1, done=5)
    expect_screen(page, expected[2])

    unexpected = [e for e in page_watch.console_errors if not CONNECTION_LOST.search(e)]
    page_watch.console_errors[:] = unexpected
