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

    def __call__(self, done: int) -> None:
        self._done = done
        now = time.monotonic()
        if not self.enabled or (now - self._last < self.every and done < self.total):
            return
        self._last = now
        self.stream.write("\r" + self.line(done, now - self._started))
        self.stream.flush()

    def line(self, done: int, elapsed: float) -> str:
        """The bar as text: label, bar, count, rate."""
        share = min(1.0, done / self.total) if self.total else 1.0
        filled = int(round(share * self.width))
        rate = done / elapsed if elapsed > 0 else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        return f"{self.label} [{bar}] {done}/{self.total} {rate:.0f}/s"

    def close(self) -> None:
        if self.enabled:
            self(self._done)
            self.stream.write("\n")
            self.stream.flush()
