"""JSON and JSON Lines records -> ``Document``, with their metadata carried in the content.

A record is an object ``{"url", "title", "text" | "html", "published", "outlet"}``; only
``text`` or ``html`` is required, and every field present must be a string. A ``.json``
file holds one record or a list of them; a ``.jsonl`` (or ``.ndjson``) file one per line.

``Document`` holds only bytes and a media type, so the metadata travels inside the content,
in the forms the clean stage already reads:

* an ``html`` record becomes its page with ``<meta>`` tags added at the top of ``<head>``:
  ``og:title``, ``og:site_name`` (outlet), ``article:published_time`` and ``og:url`` plus
  ``<link rel="canonical">`` (url);
* a ``text`` record becomes plain text whose first line is the title, then the lines
  ``Source: <outlet>`` and the ISO date (``YYYY-MM-DD``), a blank line, the text, and the
  URL as the last line.

When a record has both, ``html`` is used. The document's source is the record's ``url``,
else ``<file>:<line>`` (JSON Lines), ``<file>[<index>]`` (a JSON list) or the file.
"""

from __future__ import annotations

import email.utils
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..model import Document, Rejection
from .files import path_label
from .options import IngestOptions

FIELDS = ("url", "title", "text", "html", "published", "outlet", "author")
HEAD_TAG = re.compile(r"<head\b[^>]*>", re.I)
HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
TITLE_TAG = re.compile(r"<title\b", re.I)
SURROGATE = re.compile("[\ud800-\udfff]")

Found = tuple[list[Document], list[Rejection]]


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given; written as an ISO date when it parses
    outlet: str | None = None
    author: str | None = None


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (a JSON ``"\\ud800"`` escape, a feed's
    ``&#xD800;``: half of a UTF-16 pair, not a character) replaced by U+FFFD, so that it
    can be written as UTF-8."""
    return SURROGATE.sub("\ufffd", text)


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` for an ISO 8601 or RFC 822 date, else None."""
    if not value:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _meta_tags(meta: PageMeta, *, title_tag: bool) -> str:
    def attr(value: str) -> str:
        return html.escape(" ".join(value.split()), quote=True)

    tags: list[str] = []
    if meta.title:
        tags.append(f'<meta property="og:title" content="{attr(meta.title)}">')
        if title_tag:
            tags.append(f"<title>{html.escape(' '.join(meta.title.split()))}</title>")
    if meta.outlet:
        tags.append(f'<meta property="og:site_name" content="{attr(meta.outlet)}">')
    if meta.published:
        date = iso_date(meta.published) or meta.published
        tags.append(f'<meta property="article:published_time" content="{attr(date)}">')
    if meta.author:
        tags.append(f'<meta name="author" content="{attr(meta.author)}">')
    if meta.url:
        tags.append(f'<meta property="og:url" content="{attr(meta.url)}">')
        tags.append(f'<link rel="canonical" href="{attr(meta.url)}">')
    return "".join(tags)


def html_with_metadata(page: str, meta: PageMeta) -> str:
    """``page`` with ``meta`` as tags at the top of its ``<head>`` (one is made if needed);
    a fragment without ``<html>`` is wrapped in a whole page."""
    tags = _meta_tags(meta, title_tag=TITLE_TAG.search(page, 0, 65_536) is None)
    if not tags:
        return page
    head = HEAD_TAG.search(page, 0, 65_536)
    if head:
        return page[: head.end()] + tags + page[head.end() :]
    root = HTML_TAG.search(page, 0, 65_536)
    if root:
        return page[: root.end()] + f"<head>{tags}</head>" + page[root.end() :]
    return f"<!DOCTYPE html><html><head>{tags}</head><body>{page}</body></html>"


def text_with_metadata(text: str, meta: PageMeta) -> str:
    """Plain text with title, ``Source:`` outlet and ISO date lines on top, URL at the end."""
    head: list[str] = []
    if meta.title:
        head.append(" ".join(meta.title.split()))
    if meta.outlet:
        head.append("Source: " + " ".join(meta.outlet.split()))
    if meta.published:
        date = iso_date(meta.published)
        head.append(date if date else "Published: " + " ".join(meta.published.split()))
    if meta.author:
        head.append("By " + " ".join(meta.author.split()))
    parts = ["\n".join(head)] if head else []
    parts.append(text.strip())
    if meta.url:
        parts.append(meta.url.strip())
    return "\n\n".join(parts) + "\n"


def record_document(record: object, source: str, options: IngestOptions) -> Document | Rejection:
    """One record -> a ``Document`` (source = its url, else ``source``), or a Rejection."""
    if not isinstance(record, dict):
        return Rejection(
            "ingest", source, f"record is a JSON {type(record).__name__}, not an object"
        )
    for name in FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return Rejection("ingest", source, f"record field {name!r} must be a string")
    record = {k: without_surrogates(v) for k, v in record.items() if isinstance(v, str)}
    meta = PageMeta(
        title=record.get("title"),
        url=record.get("url"),
        published=record.get("published"),
        outlet=record.get("outlet"),
        author=record.get("author"),
    )
    doc_source = meta.url or source
    if (record.get("html") or "").strip():
        content = html_with_metadata(record["html"], meta).encode("utf-8")
        media_type = "text/html"
    elif (record.get("text") or "").strip():
        content = text_with_metadata(record["text"], meta).encode("utf-8")
        media_type = "text/plain"
    else:
        return Rejection("ingest", doc_source, "record has no 'text' or 'html'")
    if len(content) > options.max_bytes:
        return Rejection("ingest", doc_source, f"record larger than {options.max_bytes} bytes")
    given = " ".join((meta.outlet or "").split()) or None  # what the user names wins
    return Document(source=doc_source, content=content, media_type=media_type, outlet=given)


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"


def read_json_file(path: Path, options: IngestOptions) -> Found:
    """A ``.json`` file of one record or a list of records."""
    source = path_label(path)
    try:
        size = path.stat().st_size
        if size > options.max_container_bytes:
            cap = options.max_container_bytes
            return [], [Rejection("ingest", source, f"larger than {cap} bytes ({size}); not read")]
        data = json.loads(path.read_bytes())
    except OSError as exc:
        return [], [Rejection("ingest", source, f"cannot read: {exc.strerror or exc}")]
    except json.JSONDecodeError as exc:
        return [], [Rejection("ingest", source, _json_error(exc))]
    except (UnicodeDecodeError, RecursionError) as exc:
        return [], [Rejection("ingest", source, f"not valid JSON: {type(exc).__name__}")]
    docs: list[Document] = []
    rejections: list[Rejection] = []
    records = data if isinstance(data, list) else [data]
    if not records:
        rejections.append(Rejection("ingest", source, "empty JSON list: no records"))
    for i, record in enumerate(records):
        where = f"{source}[{i}]" if isinstance(data, list) else source
        result = record_document(record, where, options)
        if isinstance(result, Document):
            docs.append(result)
        else:
            rejections.append(result)
    return docs, rejections


def _lines(path: Path, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of ``path``; None for a line longer than ``limit``."""
    with path.open("rb") as fh:
        number = 0
        while True:
            line = fh.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = fh.readline(1 << 20)
                yield number, None
                continue
            yield number, line


def read_jsonl_file(path: Path, options: IngestOptions) -> Found:
    """A JSON Lines file: one record per line; a bad line is one Rejection, the rest goes on."""
    source = path_label(path)
    docs: list[Document] = []
    rejections: list[Rejection] = []
    try:
        for number, line in _lines(path, options.max_bytes):
            where = f"{source}:{number}"
            if line is None:
                rejections.append(
                    Rejection("ingest", where, f"line longer than {options.max_bytes} bytes")
                )
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line.rstrip(b"\r\n"))
            except json.JSONDecodeError as exc:
                rejections.append(Rejection("ingest", where, f"not valid JSON: {exc.msg}"))
                continue
            except (UnicodeDecodeError, RecursionError) as exc:
                rejections.append(
                    Rejection("ingest", where, f"not valid JSON: {type(exc).__name__}")
                )
                continue
            result = record_document(record, where, options)
            if isinstance(result, Document):
                docs.append(result)
            else:
                rejections.append(result)
    except OSError as exc:
        rejections.append(Rejection("ingest", source, f"cannot read: {exc.strerror or exc}"))
    if not docs and not rejections:
        rejections.append(Rejection("ingest", source, "no records (empty JSON Lines file)"))
    return docs, rejections
