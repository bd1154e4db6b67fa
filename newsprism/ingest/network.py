"""The sockets under ``fetch``: one deadline for a whole fetch, and connections only to
the addresses that were checked.

``httpx`` timeouts bound each network wait, not a fetch: a server that sends one header
line a second, or five redirects of 8 s each, never trips a 15 s read timeout. And the
address check resolves a host name once while ``httpx`` would resolve it again to connect,
so a name that answers with a public address first and a private one next (DNS rebinding)
would pass the check. This module gives ``httpx`` (through ``httpcore``'s network-backend
hook) a backend that

* connects to the addresses the fetcher resolved and checked for that host (``pin``), in
  order, and refuses a host it was not told about; TLS still verifies the certificate for
  the host name and sends it as SNI, since ``httpcore`` starts TLS with the URL's host;
* gives every connect, read, write and TLS handshake at most the time left before the
  fetch's deadline (``start``), so the deadline covers connect, headers, redirects and body.

Response bodies are inflated here too (``Inflater``), a bounded piece at a time, so that a
compressed bomb stops at the size cap without ever being held whole.
"""

from __future__ import annotations

import math
import ssl
import time
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import httpcore
import httpx

SocketOption = Any  # httpcore's SOCKET_OPTION tuples


class DeadlineBackend(httpcore.NetworkBackend):
    """A network backend whose connections end at one deadline and go only to pinned
    addresses. One fetch at a time: ``start`` sets the deadline for the next fetch."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self.deadline = math.inf
        self._pinned: dict[str, tuple[str, ...]] = {}

    def start(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def pin(self, host: str, addresses: Sequence[str]) -> None:
        """Connections to ``host`` (as ``httpcore`` names it: IDNA, no brackets) go to
        ``addresses`` and nowhere else."""
        self._pinned[host.lower()] = tuple(addresses)

    def left(self, timeout: float | None, late: type[Exception]) -> float:
        """The time a network wait may take: ``timeout`` cut to what is left before the
        deadline; raises ``late`` when nothing is left."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise late("the deadline for this URL has passed")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._pinned.get(host.lower())
        if not addresses:
            raise httpcore.ConnectError(f"host {host!r} was not checked before connecting")
        error: Exception | None = None
        for address in addresses:
            try:
                wait = self.left(timeout, httpcore.ConnectTimeout)
                stream = self._inner.connect_tcp(
                    address, port, wait, local_address, list(socket_options or ())
                )
            except httpcore.ConnectError as exc:  # the next address may answer
                error = exc
                continue
            return DeadlineStream(stream, self)
        raise error or httpcore.ConnectError(f"cannot connect to {host!r}")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(min(seconds, max(0.0, self.deadline - time.monotonic())))


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait ends by the backend's current deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = self._backend.left(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, wait), self._backend
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class PinnedTransport(httpx.HTTPTransport):
    """``httpx``'s own transport (its request and error mapping) over a
    :class:`DeadlineBackend`; proxies from the environment are not used, since a proxy
    would resolve the host again."""

    def __init__(self, backend: DeadlineBackend) -> None:
        context = httpx.create_ssl_context(trust_env=False)  # certificates checked
        super().__init__(verify=context, trust_env=False, retries=0)
        self._pool = httpcore.ConnectionPool(  # the same settings, over our backend
            ssl_context=context,
            network_backend=backend,
            retries=0,
        )


ENCODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class Inflater:
    """Undo one ``Content-Encoding`` (``identity``, ``gzip``, ``deflate``) a bounded piece
    at a time: ``feed`` never returns more than ``limit`` bytes in all, so inflating stops
    as soon as the body passes the size cap, however much the compressed bytes would
    grow. Raises ``ValueError`` for corrupt data."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding
        self.limit = limit
        self.size = 0
        self._raw_deflate = False
        self._inflate = zlib.decompressobj(ENCODINGS[encoding]) if encoding in ENCODINGS else None

    @staticmethod
    def supports(encoding: str) -> bool:
        return encoding in ("", "identity") or encoding in ENCODINGS

    def feed(self, data: bytes) -> bytes:
        """The decoded bytes of ``data``; at most ``limit + 1`` in all (one more than the
        limit, so the caller sees that it was passed)."""
        room = self.limit + 1 - self.size
        if room <= 0:
            return b""
        out = data[:room] if self._inflate is None else self._bounded(data, room)
        self.size += len(out)
        return out

    def _bounded(self, data: bytes, room: int) -> bytes:
        pieces: list[bytes] = []
        pending = data
        while pending and room > 0 and self._inflate is not None:
            try:
                piece = self._inflate.decompress(pending, room)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self._raw_deflate and not self.size:
                    # servers send raw deflate (no zlib header) as often as zlib data
                    self._raw_deflate = True
                    self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise ValueError(f"corrupt {self.encoding} data: {exc}") from exc
            pieces.append(piece)
            room -= len(piece)
            pending = self._inflate.unconsumed_tail
            if self._inflate.eof:
                pending = self._inflate.unused_data
                if not pending.startswith(b"\x1f\x8b") or self.encoding == "deflate":
                    break  # trailing bytes after the stream are ignored, as browsers do
                self._inflate = zlib.decompressobj(ENCODINGS[self.encoding])  # next member
            elif not piece and not pending:
                break
        return b"".join(pieces)
