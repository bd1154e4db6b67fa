"""The options of the ingest stage (one frozen dataclass, safe defaults)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx

from .. import __version__

# host name -> every address it resolves to (IPv4 / IPv6 text); raises OSError when it cannot
Resolver = Callable[[str], Sequence[str]]

ARTICLE_EXTENSIONS = (
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".json",
    ".jsonl",
    ".warc",
    ".warc.gz",
    ".rss",
    ".atom",
)
USER_AGENT = f"newsprism/{__version__} (+https://github.com/newsprism; news analysis)"


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = 10_000_000  # larger inputs (a file, a page, a record) are rejected
    extensions: tuple[str, ...] = ARTICLE_EXTENSIONS  # what a folder walk picks up
    # files read whole into memory that hold many articles (.json, feeds): their own cap
    max_container_bytes: int = 200_000_000
    max_feed_entries: int = 1000  # entries taken from one feed; the rest are one Rejection
    # fetching URLs
    transport: httpx.BaseTransport | None = None  # None: httpx's own (real network)
    resolver: Resolver | None = None  # None: the system resolver (socket.getaddrinfo)
    timeout: float = 15.0  # seconds: per network wait, and for one URL with its redirects
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_private: bool = False  # fetch private, loopback, link-local... addresses too
