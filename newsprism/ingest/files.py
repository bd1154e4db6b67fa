"""Read local article files and stdin into ``Document`` objects.

Ingest only reads bytes and names their media type; it does not decode them. Known binary
formats (zip, gzip, PDF, images, executables) are refused here by their magic numbers, with
a reason that names the format; any other binary content (NUL bytes) and bad encodings are
detected by the clean stage (``newsprism.clean.decode``), so that stdin and files are
judged by the same rule.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from ..model import Document, Rejection
from .options import IngestOptions

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
MAGIC = (
    (b"PK\x03\x04", "a zip archive (or .docx/.epub); unpack it or save the text first"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "gzip-compressed; unpack it (a WARC file must be named .warc.gz)"),
    (b"%PDF-", "a PDF file; save its text first"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"BZh", "bzip2-compressed; unpack it first"),
    (b"\xfd7zXZ\x00", "xz-compressed; unpack it first"),
    (b"\x7fELF", "a program, not text"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file; save its text first"),
)


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


def binary_format(content: bytes) -> str | None:
    """What a known binary format is ("a zip archive ..."), or None."""
    for magic, what in MAGIC:
        if content.startswith(magic):
            return what
    return None


def path_label(path: Path | str) -> str:
    """The name of a file as text that can always be printed and stored: bytes of the name
    that are not UTF-8 (``os.fsdecode`` keeps them as lone surrogates, which no UTF-8
    output accepts) are written as ``\\xNN``."""
    text = os.fspath(path)
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:  # a surrogate that no file system name decodes to
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    for test, what in NOT_REGULAR:
        if test(mode):
            return what
    return "not a regular file"


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def walk_folder(
    folder: Path, options: IngestOptions, skipped: list[Rejection] | None = None
) -> list[Path]:
    """Regular files under ``folder`` whose names end with one of ``options.extensions``,
    sorted; hidden files and folders are skipped. A matching name that is not a regular
    file (a FIFO would block the reader forever, a device never ends) or cannot be looked
    at (a dangling or looping link) is left out, with a ``Rejection`` in ``skipped``."""
    exts = tuple(e.lower() for e in options.extensions)
    found: list[Path] = []
    odd: list[Rejection] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath) / name
            if name.startswith(".") or not name.lower().endswith(exts):
                continue
            if _is_hidden(path, folder):
                continue
            try:
                what = not_regular(path.stat().st_mode)
            except OSError as exc:
                what = f"cannot read: {exc.strerror or exc}"
            if what is None:
                found.append(path)
            else:
                reason = what if what.startswith("cannot") else f"{what}, not a regular file"
                odd.append(Rejection("ingest", path_label(path), f"{reason}; skipped"))
    if skipped is not None:
        skipped.extend(sorted(odd, key=lambda r: r.source))
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


def check_content(content: bytes, max_bytes: int, what: str = "file") -> str | None:
    """Why ``content`` cannot be an article (too large, empty, a binary format), or None."""
    if len(content) > max_bytes:
        return f"larger than {max_bytes} bytes; split it or raise max_bytes"
    if len(content) == 0:
        return f"empty {what} (0 bytes)"
    if _blank(content):
        return f"empty {what} (whitespace only)"
    return binary_format(content)


def read_file(
    path: Path, options: IngestOptions, max_bytes: int | None = None
) -> Document | Rejection:
    """The bytes of one file (at most ``max_bytes``, default ``options.max_bytes``: a larger
    file is rejected by its size, without reading it)."""
    source = path_label(path)
    cap = options.max_bytes if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Rejection("ingest", source, f"cannot read: {exc.strerror or exc}")
    if size > cap:
        return Rejection("ingest", source, f"larger than {cap} bytes ({size}); not read")
    try:
        with path.open("rb") as fh:
            content = fh.read(cap + 1)
    except OSError as exc:
        return Rejection("ingest", source, f"cannot read: {exc.strerror or exc}")
    reason = check_content(content, cap)
    if reason:
        return Rejection("ingest", source, reason)
    return Document(source=source, content=content, media_type=media_type_for(path, content))


def read_stdin(stdin: BinaryIO, options: IngestOptions) -> Document | Rejection:
    content = stdin.read(options.max_bytes + 1)
    reason = check_content(content, options.max_bytes, what="input")
    if reason:
        return Rejection("ingest", "-", reason)
    return Document(source="-", content=content, media_type=sniff_media_type(content))
