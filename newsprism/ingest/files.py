"""Read article sources (files, folders, stdin) into ``Document`` objects.

Ingest only reads bytes and names their media type; it does not decode them. Binary content
(NUL bytes) and bad encodings are detected by the clean stage (``newsprism.clean.decode``),
so that stdin and files are judged by the same rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..model import Document, Rejection

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
}
SNIFF_BYTES = 4096
HTML_CUES = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p>", b"<div")


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = 10_000_000  # larger inputs are rejected with a reason
    extensions: tuple[str, ...] = (".txt", ".md", ".html", ".htm")


# a "# Heading" line, or a [link](http...) : Markdown rather than plain text
MARKDOWN_CUES = re.compile(rb"(?m)^#{1,6} \S|\[[^\]\n]{1,200}\]\(https?://")


def sniff_media_type(content: bytes) -> str:
    """``text/html`` when the start of ``content`` looks like markup, ``text/markdown`` when
    it has Markdown headings or links, else ``text/plain``."""
    head = content[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        # UTF-16: look at the ASCII bytes only
        head = head.replace(b"\x00", b"")
    if any(cue in head for cue in HTML_CUES):
        return "text/html"
    if MARKDOWN_CUES.search(head):
        return "text/markdown"
    return "text/plain"


def media_type_for(path: Path, content: bytes) -> str:
    return MEDIA_TYPES.get(path.suffix.lower()) or sniff_media_type(content)


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(folder: Path, options: IngestOptions) -> list[Path]:
    exts = {e.lower() for e in options.extensions}
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if name.startswith(".") or path.suffix.lower() not in exts:
                continue
            if not _is_hidden(path, folder):
                found.append(path)
    return sorted(found)


def _blank(content: bytes) -> bool:
    """True for content that is only whitespace (including UTF-16 with a BOM)."""
    if not content.strip():
        return True
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return not content.decode("utf-16").strip(" \t\r\n\ufeff")
        except UnicodeDecodeError:
            return False
    return not content.strip(b" \t\r\n\x0b\x0c").removeprefix(b"\xef\xbb\xbf").strip()


def _check_content(content: bytes, options: IngestOptions) -> str | None:
    if len(content) > options.max_bytes:
        return f"larger than {options.max_bytes} bytes; split it or raise max_bytes"
    if len(content) == 0:
        return "empty file (0 bytes)"
    if _blank(content):
        return "empty file (whitespace only)"
    return None


def read_file(path: Path, options: IngestOptions) -> Document | Rejection:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Rejection("ingest", source, f"cannot read: {exc.strerror or exc}")
    if size > options.max_bytes:
        return Rejection(
            "ingest", source, f"larger than {options.max_bytes} bytes ({size}); not read"
        )
    try:
        with path.open("rb") as fh:
            content = fh.read(options.max_bytes + 1)
    except OSError as exc:
        return Rejection("ingest", source, f"cannot read: {exc.strerror or exc}")
    reason = _check_content(content, options)
    if reason:
        return Rejection("ingest", source, reason)
    return Document(source=source, content=content, media_type=media_type_for(path, content))


def read_stdin(stdin: BinaryIO, options: IngestOptions) -> Document | Rejection:
    content = stdin.read(options.max_bytes + 1)
    reason = _check_content(content, options)
    if reason:
        return Rejection("ingest", "-", reason.replace("file", "input"))
    return Document(source="-", content=content, media_type=sniff_media_type(content))


def read_sources(
    sources: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    options: IngestOptions = IngestOptions(),  # noqa: B008 (frozen, safe default)
) -> tuple[list[Document], list[Rejection]]:
    """Read every source into a ``Document``; what cannot be read becomes a ``Rejection``.

    A source is a file, a folder (walked recursively in sorted order; hidden entries and
    files with other extensions are skipped) or ``"-"`` for ``stdin``'s bytes.
    """
    docs: list[Document] = []
    rejections: list[Rejection] = []

    def take(result: Document | Rejection) -> None:
        if isinstance(result, Document):
            docs.append(result)
        else:
            rejections.append(result)

    for source in sources:
        if source == "-":
            if stdin is None:
                rejections.append(Rejection("ingest", "-", "no standard input was given"))
            else:
                take(read_stdin(stdin, options))
            continue
        path = Path(source)
        if path.is_dir():
            files = _walk(path, options)
            if not files:
                exts = "/".join(options.extensions)
                rejections.append(Rejection("ingest", source, f"no {exts} files in {source}"))
            for file in files:
                take(read_file(file, options))
        elif path.exists():
            take(read_file(path, options))
        else:
            rejections.append(Rejection("ingest", source, "no such file or folder"))
    return docs, rejections
