"""The OpenAPI 3.1 description of the JSON API (``GET /openapi.json``).

The story object is the report's own: its schema is referenced from the report JSON
Schema (``newsprism/schema/report.schema.json``), which is served inside the document's
``components`` so one file describes the whole API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import __version__
from ..report import load_schema

if TYPE_CHECKING:  # pragma: no cover
    from .app import WebOptions

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["kind", "message"],
            "properties": {"kind": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    text = {400: "bad request", 401: "no or wrong token", 403: "read-only server",
            404: "no such id", 413: "body too large", 415: "not JSON"}  # fmt: skip
    return {str(c): _json({"$ref": "#/components/schemas/error"}, text[c]) for c in codes}


def openapi_document(options: WebOptions) -> dict[str, Any]:
    report = load_schema()
    defs = {f"report_{k}": v for k, v in report.get("$defs", {}).items()}
    _rename_refs(defs)
    story_ref = {"$ref": "#/components/schemas/report_story"}
    listing = {
        "type": "object",
        "properties": {
            "id": {"type": "string"}, "headline": {"type": "string"},
            "first": {"type": ["string", "null"]}, "last": {"type": ["string", "null"]},
            "articles": {"type": "integer"},
            "outlets": {"type": "array", "items": {"type": "string"}},
            "facts": {"type": ["object", "null"], "description": "groups per status"},
            "discrepancies": {"type": ["integer", "null"]}, "analysed": {"type": "boolean"},
            "url": {"type": "string"},
        },
    }  # fmt: skip
    page = {"type": "object", "properties": {
        "total": {"type": "integer"}, "limit": {"type": "integer"},
        "offset": {"type": "integer"}, "q": {"type": ["string", "null"]},
        "stories": {"type": "array", "items": _ref("listing")}}}  # fmt: skip
    bearer: list[dict[str, list[str]]] = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsprism", "version": __version__,
                 "description": f"Request bodies up to {options.max_body_bytes} bytes; at "
                 f"most {options.max_items} records and URLs per POST /api/articles "
                 f"({options.max_urls} URLs); stories per page up to "
                 f"{options.max_page_size}."},  # fmt: skip
        "paths": {
            "/api/stories": {"get": {
                "summary": "The stories, newest first",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                     "maximum": options.max_page_size, "default": options.page_size}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    {"name": "q", "in": "query", "schema": {"type": "string"},
                     "description": "words that must each begin a word of a headline, "
                                    "title or claim"},
                ],
                "responses": {"200": _json(page, "a page of stories"), **_errors(400)}}},
            "/api/stories/{id}": {"get": {
                "summary": "One story, exactly as report['stories'][i]",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": _json(story_ref, "the story"), **_errors(404)}}},
            "/api/articles/{id}": {"get": {
                "summary": "One stored article with its claims and claim groups",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": _json({"type": "object", "properties": {
                    "article": _ref("report_article"),
                    "story": {"type": ["string", "null"]},
                    "claims": {"type": "array", "items": _ref("report_claim")},
                    "groups": {"type": "array", "items": _ref("report_group")},
                }}, "the article"), **_errors(404)}}},
            "/api/check": {"post": {
                "summary": "Check a statement against a story's articles",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["statement", "story"],
                    "properties": {"statement": {"type": "string",
                                                 "maxLength": options.max_statement_chars},
                                   "story": {"type": "string"}}}}}},
                "responses": {"200": _json({"type": "object"}, "one verdict per article"),
                              **_errors(400, 404, 413, 415)}}},
            "/api/articles": {"post": {
                "summary": "Add JSON records or URLs to the corpus (needs the token)",
                "security": bearer,
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "properties": {
                        "records": {"type": "array", "items": {"type": "object"}},
                        "urls": {"type": "array", "items": {"type": "string"}}}}}}},
                "responses": {"200": _json({"type": "object", "properties": {
                    "stored": {"type": "array"}, "rejected": {"type": "array"}}},
                    "what was stored and what was rejected, with reasons"),
                    **_errors(400, 401, 403, 413, 415)}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"error": ERROR, "listing": listing, **defs},
        },
    }  # fmt: skip


def _rename_refs(node: Any) -> None:
    """Point the report schema's ``#/$defs/x`` references at ``components/schemas``."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node["$ref"] = "#/components/schemas/report_" + ref.removeprefix("#/$defs/")
        for value in node.values():
            _rename_refs(value)
    elif isinstance(node, list):
        for value in node:
            _rename_refs(value)
