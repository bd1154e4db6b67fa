"""RSS and Atom feeds -> one ``Document`` per entry (``feedparser``).

An entry with full content (``content:encoded`` in RSS, ``<content>`` in Atom) becomes an
HTML page built from that content, with the entry's title, date, author and link as
metadata (see ``records.html_with_metadata``); its source is the entry's link. An entry
with only a summary is followed: its link is fetched by the caller's ``fetch``, under the
same rules as any URL. At most ``max_feed_entries`` entries are taken from one feed; the
rest are reported in one Rejection.
"""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Callable
from typing import Any

import feedparser

from ..errors import describe
from ..model import Document, Rejection
from .options import IngestOptions
from .records import PageMeta, html_with_metadata, without_surrogates

SNIFF_BYTES = 4096
# the first element after the XML prolog (declaration, comments, doctype, instructions)
FEED_START = re.compile(
    rb"(?:\s|<\?[^>]{0,500}\?>|<!--.{0,2000}?-->|<!doctype[^>]{0,1000}>)*<(?:rss|feed|rdf:rdf)\b",
    re.I | re.S,
)

# a numeric character reference, decimal or hex (the ";" is optional in HTML)
CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
REPLACEMENT_REF = b"&#xFFFD;"

EntryFetch = Callable[[str], Document | Rejection]
Found = tuple[list[Document], list[Rejection]]


def is_feed(content: bytes) -> bool:
    """True when ``content`` is an RSS, Atom or RSS 1.0 (RDF) document."""
    head = content[:SNIFF_BYTES]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head[2:].replace(b"\x00", b"")
    return FEED_START.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


def _char_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = match.group(1), match.group(2)
    if hex_digits is not None:
        value = int(hex_digits, 16) if len(hex_digits) <= 8 else -1
    else:
        value = int(digits) if len(digits) <= 8 else -1
    if value <= 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return REPLACEMENT_REF
    return match.group(0)


def valid_char_refs(content: bytes) -> bytes:
    """``content`` with every numeric character reference that names no character (zero,
    a surrogate, beyond U+10FFFF) replaced by ``&#xFFFD;``, as an HTML parser reads them;
    feedparser would fail on them."""
    if b"&#" not in content:
        return content
    return CHAR_REF.sub(_char_ref, content)


def _text(value: Any) -> str | None:
    """A feed field as text that can be encoded (lone surrogates replaced), or None."""
    return without_surrogates(str(value)) if value else None


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if isinstance(parsed, time.struct_time):
        return time.strftime("%Y-%m-%d", parsed)
    return None


def _full_content(entry: Any) -> str | None:
    """The entry's longest full-content body as HTML, or None when it has none."""
    best: str | None = None
    for part in entry.get("content") or []:
        value = without_surrogates(str(part.get("value") or ""))
        if not value.strip():
            continue
        if "html" not in str(part.get("type") or "text/html"):
            value = "".join(f"<p>{html.escape(p)}</p>" for p in value.split("\n\n") if p.strip())
        if best is None or len(value) > len(best):
            best = value
    return best


def read_feed(content: bytes, source: str, fetch: EntryFetch, options: IngestOptions) -> Found:
    """Every entry of the feed in ``content`` (read from ``source``) as a Document."""
    headers = {"content-location": source} if "://" in source else None
    try:
        parsed = feedparser.parse(io.BytesIO(valid_char_refs(content)), response_headers=headers)
        entries = list(parsed.entries)
    except Exception as exc:  # noqa: BLE001 - feedparser's failures, kept with type and message
        reason = f"not a readable feed: feedparser failed ({describe(exc)})"
        return [], [Rejection("ingest", source, reason)]
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable feed: {problem}" if problem else "feed has no entries"
        return [], [Rejection("ingest", source, reason.splitlines()[0])]
    docs: list[Document] = []
    rejections: list[Rejection] = []
    cap = options.max_feed_entries
    if len(entries) > cap:
        skipped = len(entries) - cap
        rejections.append(
            Rejection(
                "ingest",
                source,
                f"feed has {len(entries)} entries: took the first {cap}, skipped {skipped}",
            )
        )
        entries = entries[:cap]
    for number, entry in enumerate(entries, start=1):
        link = (_text(entry.get("link")) or "").strip()
        body = _full_content(entry)
        where = link or f"{source}#entry-{number}"
        if body is not None:
            meta = PageMeta(
                title=_text(entry.get("title")),
                url=link or None,
                published=_date(entry),
                author=_text(entry.get("author")),
            )
            page = html_with_metadata(body, meta).encode("utf-8")
            if len(page) > options.max_bytes:
                reason = f"feed entry larger than {options.max_bytes} bytes"
                rejections.append(Rejection("ingest", where, reason))
            else:
                docs.append(Document(source=where, content=page, media_type="text/html"))
        elif link.lower().startswith(("http://", "https://")):
            result = fetch(link)
            if isinstance(result, Document):
                docs.append(result)
            else:
                rejections.append(result)
        elif link:
            reason = f"feed entry has no full content and its link {link!r} is not a web URL"
            rejections.append(Rejection("ingest", where, reason))
        else:
            rejections.append(
                Rejection("ingest", where, "feed entry has neither full content nor a link")
            )
    return docs, rejections
