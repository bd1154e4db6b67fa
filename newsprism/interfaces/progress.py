"""A tiny progress bar for long runs, on stderr, silent when stderr is not a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """``Progress(total, "adding", stream)``; call it with the count done so far."""

    def __init__(
        self, total: int, label: str, stream: TextIO, *, width: int = 30, every: float = 0.2
    ) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream
        self.width = width
        self.every = every
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._started = time.monotonic()
        self._last = 0.0
        self._done = 0
        self._articles: int | None = None

    def __call__(self, done: int, articles: int | None = None) -> None:
        """``done`` of ``total``; with ``articles``, the rate is of articles, not of ``done``
        (a distributed run counts inputs done but reports articles per second)."""
        self._done = done
        self._articles = articles
        now = time.monotonic()
        if not self.enabled or (now - self._last < self.every and done < self.total):
            return
        self._last = now
        self.stream.write("\r" + self.line(done, now - self._started, articles))
        self.stream.flush()

    def line(self, done: int, elapsed: float, articles: int | None = None) -> str:
        """The bar as text: label, bar, count, rate."""
        share = min(1.0, done / self.total) if self.total else 1.0
        filled = int(round(share * self.width))
        counted = done if articles is None else articles
        rate = counted / elapsed if elapsed > 0 else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        unit = "/s" if articles is None else " articles/s"
        return f"{self.label} [{bar}] {done}/{self.total} {rate:.1f}{unit}"

    def close(self) -> None:
        if self.enabled:
            self(self._done, self._articles)
            self.stream.write("\n")
            self.stream.flush()
