"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 with BOM, a careful cp1252 fallback.

Binary content is detected here (not in ingest): NUL bytes outside UTF-16, or mostly
non-printable characters, raise ``InputError("binary file, not text")``.
"""

from __future__ import annotations

import unicodedata

from ..errors import DecodeError, InputError

BINARY = "binary file, not text"
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _printable_share(text: str) -> float:
    if not text:
        return 1.0
    sample = text[:20_000]
    good = sum(
        1
        for ch in sample
        if ch in "\n\r\t" or not unicodedata.category(ch).startswith("C") or ch == "\ufeff"
    )
    return good / len(sample)


def _looks_like_text(text: str, min_printable: float) -> bool:
    return _printable_share(text) >= min_printable


def decode_bytes(content: bytes, *, source: str | None = None, min_printable: float = 0.95) -> str:
    """Decode ``content`` into a ``str`` (BOM dropped, newlines normalised to ``\\n``)."""
    text: str | None = None
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    elif content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"invalid UTF-16 at byte {exc.start}: not text we can read", source=source
            ) from exc
    if text is None:
        if b"\x00" in content:
            raise InputError(BINARY, source=source)
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _fallback(content)
            if text is None:
                raise DecodeError(
                    f"invalid UTF-8 at byte {exc.start} and not clean cp1252 text; "
                    "save the file as UTF-8",
                    source=source,
                ) from exc
    text = text.lstrip("\ufeff")
    if not _looks_like_text(text, min_printable):
        raise InputError(BINARY, source=source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _fallback(content: bytes) -> str | None:
    """cp1252 only when every byte is defined there and the result reads as text: most
    bytes ASCII and the high bytes used sparsely (as accents and curly quotes are)."""
    if any(b in CP1252_UNDEFINED for b in content):
        return None
    high = sum(1 for b in content if b >= 0x80)
    if high > max(8, len(content) // 20):
        return None
    text = content.decode("cp1252")
    if not _looks_like_text(text, 0.98):
        return None
    return text
