"""Fetch one URL politely and safely, through an injectable ``httpx`` transport.

Every hop (the URL given and each redirect) is checked before it is contacted: ``http`` or
``https`` only, and a host whose addresses are all public (see ``addresses``) unless
``allow_private``. Redirects are followed by hand, at most ``max_redirects`` of them, and a
redirect back to a URL already visited is a loop. One deadline (``timeout``) covers the
whole fetch, and each hop connects to the addresses it checked (see ``network``). The body
is streamed and inflated a bounded piece at a time, and reading stops as soon as it passes
``max_bytes``. Anything that goes wrong is a one-line ``Rejection``.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType

import httpx

from ..model import Rejection
from .addresses import check_host, public_reason, resolve_host
from .network import DeadlineBackend, Inflater, PinnedTransport
from .options import IngestOptions

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset(
    {
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+xml",
    }
)
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8"
)
ACCEPT_ENCODING = "gzip, deflate"  # what ``network.Inflater`` undoes, a bounded piece at a time
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """A response body that passed every check."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    content: bytes  # re-encoded as UTF-8 when the server named another charset
    content_type: str  # lower-case media type without parameters; "" when none was given


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def to_utf8(content: bytes, charset: str | None) -> bytes:
    """``content`` in UTF-8 when a declared ``charset`` other than UTF-8 decodes it.

    Bytes that are already valid UTF-8 are kept as they are, since servers often declare
    ISO-8859-1 for pages that are UTF-8; undecodable bytes are kept for the clean stage.
    """
    if not charset:
        return content
    try:
        codec = codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return content
    if codec in ("utf-8", "ascii"):
        return content
    try:
        content.decode("utf-8")
        return content
    except UnicodeDecodeError:
        pass
    try:
        return content.decode(codec).encode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return content


def type_reason(content_type: str) -> str | None:
    """None when a response of this media type may hold an article, else a reason."""
    if not content_type or content_type in HTML_TYPES | XML_TYPES | TEXT_TYPES:
        return None
    return f"not an article page: content type {content_type}"


class Fetcher:
    """One ``httpx`` client for a batch of URLs; use it as a context manager.

    Without an injected transport the client runs over :class:`network.DeadlineBackend`:
    the deadline of ``options.timeout`` covers the whole fetch (connect, headers, every
    redirect, body) and each hop connects to the very addresses that were checked.
    """

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self._client: httpx.Client | None = None
        self._backend: DeadlineBackend | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _client_for_batch(self) -> httpx.Client:
        if self._client is None:
            transport = self.options.transport
            if transport is None:
                self._backend = DeadlineBackend()
                transport = PinnedTransport(self._backend)
            self._client = httpx.Client(
                transport=transport,
                timeout=httpx.Timeout(self.options.timeout),
                follow_redirects=False,
                headers={
                    "User-Agent": self.options.user_agent,
                    "Accept": ACCEPT,
                    "Accept-Encoding": ACCEPT_ENCODING,
                },
            )
        return self._client

    def fetch(self, url: str) -> Fetched | Rejection:
        """The body of ``url`` (after redirects), or a ``Rejection`` saying why not."""
        try:
            return self._fetch(url)
        except httpx.TimeoutException:
            return Rejection("ingest", url, f"timed out after {self.options.timeout:g} s")
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            return Rejection("ingest", url, f"cannot fetch: {_one_line(exc)}")

    def _check(self, url: httpx.URL) -> str | None:
        """Why ``url`` may not be fetched, or None; resolves its host once and pins the
        connection to the addresses checked."""
        if url.scheme not in ("http", "https"):
            return f"refused: {url.scheme}: URLs are not fetched"
        if not url.host:
            return "URL has no host"
        if self._backend is None:  # an injected transport: it does its own connecting
            return (
                None if self.options.allow_private else check_host(url.host, self.options.resolver)
            )
        addresses, reason = resolve_host(url.host, self.options.resolver)
        if reason is None and not self.options.allow_private:
            reason = public_reason(url.host, addresses)
        if reason is None:
            self._backend.pin(url.raw_host.decode("ascii"), addresses)
        return reason

    def _fetch(self, url: str) -> Fetched | Rejection:
        options = self.options
        client = self._client_for_batch()  # made once per batch, before the clock starts
        deadline = time.monotonic() + options.timeout
        if self._backend is not None:
            self._backend.start(options.timeout)
        current = httpx.URL(url)
        seen: set[str] = set()
        for _hop in range(options.max_redirects + 1):
            reason = self._check(current)
            if reason:
                return Rejection("ingest", url, reason if not seen else f"{current}: {reason}")
            seen.add(str(current))
            if time.monotonic() > deadline:
                return Rejection("ingest", url, f"timed out after {options.timeout:g} s")
            with client.stream("GET", current) as response:
                if response.status_code in REDIRECTS and "location" in response.headers:
                    target = current.join(response.headers["location"])
                    if str(target) in seen:
                        return Rejection("ingest", url, f"redirect loop at {target}")
                    current = target
                    continue
                return self._read_body(url, current, response, deadline)
        return Rejection("ingest", url, f"more than {options.max_redirects} redirects")

    def _read_body(
        self, url: str, current: httpx.URL, response: httpx.Response, deadline: float
    ) -> Fetched | Rejection:
        options = self.options
        if not 200 <= response.status_code < 300:
            phrase = response.reason_phrase or ""
            return Rejection("ingest", url, f"HTTP {response.status_code} {phrase}".strip())
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        reason = type_reason(content_type)
        if reason:
            return Rejection("ingest", url, reason)
        too_big = f"larger than {options.max_bytes} bytes; stopped reading"
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if declared.isdigit() and int(declared) > options.max_bytes:  # compressed or not
            return Rejection("ingest", url, f"larger than {options.max_bytes} bytes ({declared})")
        if not Inflater.supports(encoding):
            return Rejection("ingest", url, f"unsupported content encoding {encoding!r}")
        if response.is_stream_consumed:  # a body given whole (an injected transport's)
            raw_parts: Iterable[bytes] = [response.content]
            encoding = ""  # httpx has decoded it already
        else:
            raw_parts = response.iter_raw()
        inflater = Inflater(encoding, options.max_bytes)
        chunks: list[bytes] = []
        try:
            for raw in raw_parts:
                chunks.append(inflater.feed(raw))
                if inflater.size > options.max_bytes:
                    return Rejection("ingest", url, too_big)
                if time.monotonic() > deadline:
                    return Rejection("ingest", url, f"timed out after {options.timeout:g} s")
        except ValueError as exc:
            return Rejection("ingest", url, f"cannot fetch: {exc}")
        content = to_utf8(b"".join(chunks), response.charset_encoding)
        return Fetched(url, str(current), content, content_type)
