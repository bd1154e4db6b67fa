"""WARC files (``.warc``, ``.warc.gz``) -> one ``Document`` per HTML or text response.

Each ``response`` (or ``resource``) record whose payload is HTML or text and whose HTTP
status is 2xx becomes a Document whose source is the record's ``WARC-Target-URI``; requests,
metadata, revisits, redirects, error pages and non-text payloads (images, scripts, styles)
are not articles and are passed over without a word. A truncated or corrupt record gives
one Rejection and ends the file; the records read before it are kept.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Document, Rejection
from .fetch import HTML_TYPES, TEXT_TYPES, XML_TYPES, to_utf8
from .files import path_label, sniff_media_type
from .options import IngestOptions

Found = tuple[list[Document], list[Rejection]]
RECORD_TYPES = ("response", "resource")


class _CutOff(Exception):
    """A record whose payload ends before its declared length."""


def _payload_type(record: Any) -> tuple[str, str | None, int | None]:
    """(media type, charset, HTTP status) of a record's payload."""
    status: int | None = None
    header = ""
    if record.http_headers is not None:
        header = record.http_headers.get_header("Content-Type") or ""
        code = (record.http_headers.get_statuscode() or "").strip()
        status = int(code) if code.isdigit() else None
    if not header:
        header = record.rec_headers.get_header("Content-Type") or ""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip() or None
    return media.strip().lower(), charset, status


def _document(record: Any, uri: str, options: IngestOptions) -> Document | Rejection | None:
    media, charset, status = _payload_type(record)
    if status is not None and not 200 <= status < 300:
        return None
    if media not in HTML_TYPES | TEXT_TYPES | XML_TYPES:
        return None
    content = record.content_stream().read(options.max_bytes + 1)
    if len(content) > options.max_bytes:
        return Rejection("ingest", uri, f"WARC record larger than {options.max_bytes} bytes")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise _CutOff(f"WARC record truncated: {missing} bytes missing")
    if not content.strip():
        return None
    content = to_utf8(content, charset)
    if media in HTML_TYPES:
        media_type = "text/html"
    elif media in TEXT_TYPES:
        media_type = "text/markdown" if "markdown" in media else "text/plain"
    else:
        media_type = sniff_media_type(content)
        if media_type != "text/html":
            return None  # an XML file that is not a page
    return Document(source=uri, content=content, media_type=media_type)


def _leftover(fh: BinaryIO, end: int) -> bool:
    """True when bytes other than blank lines follow offset ``end`` (a cut-off record)."""
    fh.seek(end)
    return bool(fh.read(4096).strip())


def read_warc(path: Path, options: IngestOptions) -> Found:
    """Every HTML/text response in the WARC file at ``path``."""
    source = path_label(path)
    docs: list[Document] = []
    rejections: list[Rejection] = []
    end = 0
    try:
        with path.open("rb") as fh:
            if not fh.read(5).startswith((b"WARC/", b"\x1f\x8b")):
                reason = "not a WARC file: it does not start with a WARC/1.x header"
                return [], [Rejection("ingest", source, reason)]
            fh.seek(0)
            records = ArchiveIterator(fh)
            at = 1  # the record being read, for messages
            try:
                for number, record in enumerate(records, start=1):
                    at = number
                    if record.rec_type in RECORD_TYPES:
                        uri = record.rec_headers.get_header("WARC-Target-URI") or (
                            f"{source}#record-{number}"
                        )
                        try:
                            result = _document(record, uri, options)
                        except _CutOff as cut:
                            rejections.append(Rejection("ingest", uri, str(cut)))
                            return docs, rejections
                        if isinstance(result, Rejection):
                            rejections.append(result)
                        elif result is not None:
                            docs.append(result)
                    end = records.get_record_offset() + records.get_record_length()
                    at = number + 1
            except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
                detail = " ".join(str(exc).split()) or type(exc).__name__
                if at == 1 and isinstance(exc, ArchiveLoadFailed):
                    rejections.append(Rejection("ingest", source, f"not a WARC file: {detail}"))
                else:
                    where = f"{source}#record-{at}"
                    rejections.append(Rejection("ingest", where, f"corrupt WARC record: {detail}"))
                return docs, rejections
            if _leftover(fh, end):
                where = f"{source}#record-{at}"
                reason = f"WARC file cut off after record {at - 1}"
                rejections.append(Rejection("ingest", where, reason))
    except OSError as exc:
        rejections.append(Rejection("ingest", source, f"cannot read: {exc.strerror or exc}"))
    if not docs and not rejections:
        rejections.append(Rejection("ingest", source, "no HTML or text responses in this WARC"))
    return docs, rejections
