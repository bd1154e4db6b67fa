"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 with BOM, a careful cp1252 fallback.

Binary content is detected here (not in ingest): NUL bytes outside UTF-16, or mostly
non-printable characters, raise ``InputError("binary file, not text")``.

A web page (``lenient=True``, for ``text/html``) is read the way browsers and trafilatura
read it when its flaws are rare: a few stray NUL bytes are dropped, and a few invalid
UTF-8 sequences in an otherwise UTF-8 page become U+FFFD. "Rare" is at most one flawed
byte per ``RARE_FLAWS`` bytes; anything more is still an error.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import DecodeError, InputError

BINARY = "binary file, not text"
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
RARE_FLAWS = 1000
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_\-]{2,30})", re.I)


def _printable_share(text: str) -> float:
    """Share of characters that are not control, format, private or unassigned (tab,
    newline and a stray BOM count as printable). ASCII is judged by one regex; only the
    non-ASCII characters are looked up one by one."""
    if not text:
        return 1.0
    sample = text[:20_000]
    bad = len(ASCII_CONTROL.findall(sample))
    bad += sum(
        1
        for ch in NON_ASCII.findall(sample)
        if ch != "\ufeff" and unicodedata.category(ch).startswith("C")
    )
    return 1.0 - bad / len(sample)


def _looks_like_text(text: str, min_printable: float) -> bool:
    return _printable_share(text) >= min_printable


def _rare(flaws: int, content: bytes) -> bool:
    return 0 < flaws <= max(1, len(content) // RARE_FLAWS)


def decode_bytes(
    content: bytes,
    *,
    source: str | None = None,
    min_printable: float = 0.95,
    lenient: bool = False,
) -> str:
    """Decode ``content`` into a ``str`` (BOM dropped, newlines normalised to ``\\n``);
    ``lenient`` for a web page (see the module docstring)."""
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
    if text is None and b"\x00" in content:
        text = _bomless_utf16(content)
        if text is None:
            if not (lenient and _rare(content.count(b"\x00"), content)):
                raise InputError(BINARY, source=source)
            content = content.replace(b"\x00", b"")
    if text is None:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _declared(content) or _fallback(content)
            if text is None and lenient:
                replaced = content.decode("utf-8", errors="replace")
                if _rare(replaced.count("\ufffd"), content):
                    text = replaced
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


def _bomless_utf16(content: bytes) -> str | None:
    """UTF-16 without a byte-order mark: text in a Latin script has a zero byte in every
    other position (odd positions for little-endian, even ones for big-endian)."""
    sample = content[:4096]
    if len(content) % 2 or len(sample) < 8:
        return None
    half = len(sample) // 2
    odd = sample[1::2].count(0) / half
    even = sample[0::2].count(0) / half
    if odd > 0.6 and even < 0.05:
        codec = "utf-16-le"
    elif even > 0.6 and odd < 0.05:
        codec = "utf-16-be"
    else:
        return None
    try:
        return content.decode(codec)
    except UnicodeDecodeError:
        return None


def _declared(content: bytes) -> str | None:
    """Decode with the charset an HTML page declares in its head (``<meta charset>``), when
    it names a codec we know and the bytes are valid in it."""
    m = META_CHARSET.search(content[:4096])
    if not m:
        return None
    try:
        return content.decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


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
