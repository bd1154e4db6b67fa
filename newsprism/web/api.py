"""The JSON API: handlers of ``/api/...`` and ``/openapi.json`` (see docs/web.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from ..report.serialize import article_dict
from .adding import read_records
from .http import ApiError, bad_request, encoded, json_response, not_found
from .openapi import openapi_document
from .views import summary_outlets

if TYPE_CHECKING:  # pragma: no cover
    from .app import WebApp


def page_args(app: WebApp, request: Request) -> tuple[int, int, str | None]:
    """``limit``, ``offset`` and ``q`` of a story listing, checked."""
    args = request.args
    try:
        limit = int(args.get("limit", app.options.page_size))
        offset = int(args.get("offset", 0))
    except ValueError:
        raise bad_request("limit and offset must be whole numbers") from None
    if not 1 <= limit <= app.options.max_page_size:
        raise bad_request(f"limit must be between 1 and {app.options.max_page_size}")
    if offset < 0:
        raise bad_request("offset must be 0 or more")
    q = (args.get("q") or "").strip() or None
    return limit, offset, q


def listing(summary: dict[str, Any]) -> dict[str, Any]:
    """A story of the list, as ``GET /api/stories`` gives it."""
    return {
        "id": summary["id"],
        "headline": summary["headline"],
        "first": summary["first"],
        "last": summary["last"],
        "articles": summary["size"],
        "outlets": summary_outlets(summary),
        "facts": summary["statuses"],
        "discrepancies": summary["discrepancies"],
        "analysed": summary["current"],
        "url": f"/stories/{summary['id']}",
    }


def json_body(request: Request) -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "send JSON (Content-Type: application/json)")
    try:
        data = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):
        raise bad_request("the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise bad_request("the body must be a JSON object")
    return data


def stories(app: WebApp, request: Request) -> Response:
    limit, offset, q = page_args(app, request)
    total, rows = app.backend.summaries(limit, offset, q)
    return json_response({"total": total, "limit": limit, "offset": offset, "q": q,
                          "stories": [listing(s) for s in rows]})  # fmt: skip


def story(app: WebApp, request: Request, story_id: str) -> Response:
    entry = app.backend.story(story_id)
    if entry is None:
        raise not_found("story", story_id)
    etag = f"{entry.run or 'unsaved'}-{story_id}"
    if request.if_none_match.contains(etag):
        return Response(status=304, headers={"ETag": f'"{etag}"'})
    response = encoded(request, lambda gz: entry.body("json", entry.json, gz), "application/json")
    response.set_etag(etag)
    return response


def article(app: WebApp, request: Request, article_id: str) -> Response:
    found = app.backend.article(article_id)
    if found is None:
        raise not_found("article", article_id)
    stored, entry = found
    claims: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    if entry is not None:
        claims = [c for c in entry.story["claims"] if c["article"] == article_id]
        groups = [g for g in entry.story["groups"] if article_id in g["articles"]]
    return json_response({
        "article": article_dict(stored),
        "story": entry.story["id"] if entry else None,
        "claims": claims,
        "groups": groups,
    })  # fmt: skip


def check(app: WebApp, request: Request) -> Response:
    data = json_body(request)
    statement, story_id = data.get("statement"), data.get("story")
    if not isinstance(statement, str) or not statement.strip():
        raise bad_request("'statement' must be a non-empty string")
    if len(statement) > app.options.max_statement_chars:
        raise bad_request(
            f"'statement' is longer than {app.options.max_statement_chars} characters"
        )
    if not isinstance(story_id, str):
        raise bad_request("'story' must be a story id")
    entry = app.backend.story(story_id)
    if entry is None:
        raise not_found("story", story_id)
    results = app.backend.check(statement, entry)
    return json_response({"statement": statement, "story": story_id, "results": results})


def add(app: WebApp, request: Request) -> Response:
    app.require_token(request)
    data = json_body(request)
    records, urls = data.get("records", []), data.get("urls", [])
    if not isinstance(records, list) or not isinstance(urls, list):
        raise bad_request("'records' and 'urls' must be lists")
    if not all(isinstance(u, str) for u in urls):
        raise bad_request("every URL must be a string")
    if not records and not urls:
        raise bad_request("nothing to add: give 'records' or 'urls'")
    if len(records) + len(urls) > app.options.max_items:
        raise bad_request(f"at most {app.options.max_items} records and URLs in one request")
    docs, rejected = read_records(records, urls, app.backend.settings.ingest, app.options.max_urls)
    outcome = app.backend.add(docs, rejected)
    return json_response({"stored": outcome.stored, "rejected": outcome.rejected})


def openapi(app: WebApp, request: Request) -> Response:
    return json_response(openapi_document(app.options))
