"""The HTTP pieces the handlers share: the one error shape and JSON responses."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

HTTP_KINDS = {
    400: "bad_request", 401: "unauthorized", 403: "read_only", 404: "not_found",
    405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
}  # fmt: skip


class ApiError(HTTPException):
    """An error with a kind and a one-line message: JSON on the API, a page elsewhere."""

    def __init__(self, code: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.kind = kind
        self.message = message


def bad_request(message: str) -> ApiError:
    return ApiError(400, "bad_request", message)


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} {ident!r} in the store")


def error_body(kind: str, message: str) -> bytes:
    """``{"error": {"kind": ..., "message": ...}}``: every JSON error has this shape."""
    return json.dumps({"error": {"kind": kind, "message": message}}).encode()


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, allow_nan=False).encode()
    return Response(body, status, mimetype="application/json")


def accepts_gzip(request: Request) -> bool:
    return "gzip" in request.accept_encodings


def encoded(request: Request, body: Callable[[bool], bytes], mimetype: str) -> Response:
    """A response whose body ``body(gzipped)`` gives, gzip-encoded when the client takes it
    (the caller keeps both encodings, so neither is made twice)."""
    gzipped = accepts_gzip(request)
    response = Response(body(gzipped), mimetype=mimetype)
    response.vary.add("Accept-Encoding")
    if gzipped:
        response.content_encoding = "gzip"
    return response
