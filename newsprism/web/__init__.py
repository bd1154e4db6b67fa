"""``newsprism serve``: a local web app over a store, and the JSON API behind it.

::

    from newsprism.storage import open_store
    from newsprism.web import create_app, make_server

    app = create_app(open_store("demo.db"))          # a WSGI application
    server = make_server(app, "127.0.0.1", 8080)     # waitress, threads, one process
    server.run()

``create_app`` is all the CLI calls (after parsing its arguments); tests call the app
in-process (Werkzeug's test client) and over a real socket. See docs/web.md.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from dataclasses import replace
from typing import Any

from ..config import Settings
from ..errors import ConfigError
from ..resources import Resources
from ..storage import Store
from .app import LOOPBACK_HOSTS, WebApp, WebOptions
from .backend import Backend

__all__ = ["Running", "WebApp", "WebOptions", "create_app", "is_loopback", "make_server"]


def create_app(
    store: Store,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    resources: Resources | None = None,
    options: WebOptions | None = None,
) -> WebApp:
    """The web app over ``store``. It is read-only unless ``token`` is given (then the
    write endpoints need ``Authorization: Bearer <token>``). ``settings`` give the ingest
    limits and the claim stages' options (defaults as for the CLI); ``resources`` the
    models, loaded on first use."""
    options = options or WebOptions()
    if token is not None:
        if not token.strip():
            raise ConfigError("the token is empty: give a long random string, or none")
        options = replace(options, token=token)
    backend = Backend(store, settings or Settings(), resources or Resources(),
                      cache_size=options.cache_stories)  # fmt: skip
    return WebApp(backend, options)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(app: WebApp, host: str = "127.0.0.1", port: int = 8080, threads: int = 4) -> Any:
    """A waitress server for ``app`` bound to ``host:port`` (port 0: a free one; the
    server's ``effective_port`` says which). ``run()`` serves until ``close()``.

    Bound to a loopback address, the app answers only requests whose Host is a loopback
    name, so a web page elsewhere cannot reach it through a rebinding DNS name."""
    from waitress import create_server

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:  # waitress leaks its sockets when it cannot bind: try the address first
        socket.create_server((host.strip("[]"), port), family=family).close()
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    if is_loopback(host) and app.options.allowed_hosts is None:
        app.options = replace(app.options, allowed_hosts=(*LOOPBACK_HOSTS, host))
    return create_server(app, host=host, port=port, threads=threads, ident="newsprism",
                         clear_untrusted_proxy_headers=True)  # fmt: skip


class Running:
    """A server for ``app`` answering in a thread of this process until :meth:`stop`
    (tests, benchmarks and the screenshot script use it): ``url`` is where it listens."""

    def __init__(self, app: WebApp, host: str = "127.0.0.1", port: int = 0, threads: int = 4):
        self.server = make_server(app, host, port, threads)
        self.url = f"http://{host}:{self.server.effective_port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="newsprism-web", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        server = self.server
        # waitress's own run() loop, in slices, so that the loop itself closes the server
        while not self._stop.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, use_poll=True, count=1)
        for channel in list(server._map.values()):
            if channel is not server:
                channel.close()
        server.close()
        server.task_dispatcher.shutdown()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
