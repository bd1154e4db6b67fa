"""The web app: a WSGI application (Werkzeug) over a :class:`~newsprism.web.backend.Backend`.

Pages are rendered on the server by Jinja2 with autoescaping on for every template, and
one small script (``static/app.js``) opens citations, claim groups and filters the facts
table. Every response carries a Content-Security-Policy that allows only the app's own
origin (no inline script or style), so even a string that escaped escaping could not run.
JSON errors all have one shape, ``{"error": {"kind", "message"}}``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources as package_files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from .. import __version__
from ..errors import InputError, ModelError, NewsprismError, StorageError
from . import api, pages
from .backend import Backend
from .http import HTTP_KINDS, ApiError, error_body
from .views import anchor

log = logging.getLogger("newsprism.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png"}  # fmt: skip
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class WebOptions:
    """Limits and settings of the app (documented in docs/web.md)."""

    token: str | None = None  # write endpoints need "Authorization: Bearer <token>"
    page_size: int = 25  # stories per page of / and /api/stories by default
    max_page_size: int = 200
    max_body_bytes: int = 20_000_000  # a request body (uploads, JSON) larger is a 413
    max_items: int = 100  # texts + files + URLs + records added by one request
    max_urls: int = 20  # URLs fetched by one request
    max_statement_chars: int = 2_000  # POST /api/check
    cache_stories: int = 64  # built story entries kept in memory
    allowed_hosts: tuple[str, ...] | None = None  # Host names served (None: any)


# path, method, handler (the handler of /static/<name> is WebApp.static)
ROUTES: tuple[tuple[str, str, Callable[..., Response] | None], ...] = (
    ("/", "GET", pages.index),
    ("/add", "POST", pages.add),
    ("/stories/<story_id>", "GET", pages.story),
    ("/stories/<story_id>/compare", "GET", pages.compare),
    ("/articles/<article_id>", "GET", pages.article),
    ("/static/<name>", "GET", None),
    ("/api/stories", "GET", api.stories),
    ("/api/stories/<story_id>", "GET", api.story),
    ("/api/articles", "POST", api.add),
    ("/api/articles/<article_id>", "GET", api.article),
    ("/api/check", "POST", api.check),
    ("/openapi.json", "GET", api.openapi),
)


class WebApp:
    """The WSGI application; make it with :func:`newsprism.web.create_app`."""

    def __init__(self, backend: Backend, options: WebOptions) -> None:
        self.backend = backend
        self.options = options
        self.templates = Environment(
            loader=PackageLoader("newsprism.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals.update(version=__version__, can_write=options.token is not None)
        self.templates.filters["anchor"] = anchor
        self.handlers: dict[str, Callable[..., Response]] = {
            path: handler or self.static for path, _, handler in ROUTES
        }
        self.urls = Map(
            [Rule(path, endpoint=path, methods=[method]) for path, method, _ in ROUTES],
            strict_slashes=False,
        )

    # -- WSGI -------------------------------------------------------------------------

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        request = Request(environ)
        request.max_content_length = self.options.max_body_bytes
        request.max_form_memory_size = self.options.max_body_bytes
        try:
            response = self.dispatch(request)
        finally:
            request.close()  # uploaded files: their temporary files
        response.headers.update(SECURITY_HEADERS)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        wants_json = request.path.startswith("/api/") or request.path == "/openapi.json"
        try:
            self._check_host(request)
            endpoint, args = self.urls.bind_to_environ(request.environ).match()
            return self.handlers[endpoint](self, request, **args)
        except ApiError as exc:
            return self._error(request, exc.code or 500, exc.kind, exc.message, wants_json)
        except HTTPException as exc:
            code = exc.code or 500
            kind = HTTP_KINDS.get(code, "http_error")
            return self._error(request, code, kind, exc.description or exc.name, wants_json)
        except InputError as exc:
            return self._error(request, 400, "input", str(exc), wants_json)
        except StorageError as exc:
            return self._error(request, 503, "storage", str(exc), wants_json)
        except ModelError as exc:
            return self._error(request, 500, "model", str(exc), wants_json)
        except NewsprismError as exc:
            return self._error(request, 400, "bad_request", str(exc), wants_json)
        except Exception:  # a bug: logged with its traceback, answered in the one shape
            log.exception("%s %s failed", request.method, request.path)
            return self._error(request, 500, "internal", "internal error; the server log "
                               "has the details", wants_json)  # fmt: skip

    def _check_host(self, request: Request) -> None:
        allowed = self.options.allowed_hosts
        if allowed is None:
            return
        host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
        if host.strip("[]") not in allowed:
            raise ApiError(400, "bad_host", f"this server answers to {', '.join(allowed)} only")

    def _error(
        self, request: Request, code: int, kind: str, message: str, wants_json: bool
    ) -> Response:
        if code >= 500:
            log.error("%s %s: %s (%s)", request.method, request.path, message, kind)
        headers = {"WWW-Authenticate": "Bearer"} if code == 401 else {}
        if wants_json:
            return Response(error_body(kind, message), code, headers,
                            mimetype="application/json")  # fmt: skip
        html = self.render("error.html", code=code, kind=kind, message=message)
        return Response(html, code, headers, mimetype="text/html")

    # -- helpers for the handlers --------------------------------------------------------

    def render(self, name: str, **values: Any) -> str:
        return self.templates.get_template(name).render(**values)

    def html(self, name: str, **values: Any) -> Response:
        return Response(self.render(name, **values), mimetype="text/html")

    def require_token(self, request: Request, given: str | None = None) -> None:
        """Refuse a write unless a token is set and the request carries it (a Bearer
        header, or ``given`` from a form); fails closed."""
        token = self.options.token
        if token is None:
            raise ApiError(403, "read_only", "this server is read-only: start it with --token "
                           "(or NEWSPRISM_TOKEN) to add articles")  # fmt: skip
        header = request.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        offered = value.strip() if scheme.lower() == "bearer" else (given or "")
        if not offered or not hmac.compare_digest(offered.encode(), token.encode()):
            raise ApiError(401, "unauthorized", "a valid token is needed: send "
                           "'Authorization: Bearer TOKEN'")  # fmt: skip

    def static(self, _app: WebApp, request: Request, name: str) -> Response:
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if suffix not in STATIC_TYPES or "/" in name or name.startswith("."):
            raise NotFound()
        path = package_files.files("newsprism.web").joinpath("static", name)
        if not path.is_file():
            raise NotFound()
        response = Response(path.read_bytes(), content_type=STATIC_TYPES[suffix])
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response
