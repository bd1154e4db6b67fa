"""URLs taken from articles, records and pages, read without ever raising.

``urllib.parse`` raises ``ValueError`` on text such as ``s://[x`` or ``http://[link]`` (a
bracketed host that is not an IPv6 address) and on a port that is not a number. A URL
comes from outside (a page's ``og:url``, a record's ``url``, a URL line in pasted text),
so every stage reads it through these functions: a URL that does not parse counts as no
URL at all.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


def split_url(text: str) -> SplitResult | None:
    """``urlsplit(text)``, or None when ``text`` does not parse as a URL (its host and port
    included)."""
    try:
        parts = urlsplit(text)
        _ = parts.hostname, parts.port  # both parse lazily and may raise
    except ValueError:
        return None
    return parts


def url_host(text: str) -> str | None:
    """The host of the URL ``text`` (lower case), or None."""
    parts = split_url(text)
    return parts.hostname if parts is not None and parts.hostname else None


def web_url(text: str | None) -> str | None:
    """``text`` stripped when it is an absolute ``http``/``https`` URL with a host that
    parses, else None."""
    if not text:
        return None
    url = text.strip()
    parts = split_url(url)
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
