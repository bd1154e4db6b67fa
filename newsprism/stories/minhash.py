"""Near-duplicate detection with MinHash over word 5-gram shingles, in numpy.

The same wire copy printed by many outlets is found before any model runs: each article
gets a signature of ``num_perm`` minimum hashes of its shingles under random affine maps
modulo a Mersenne prime; the share of equal positions in two signatures estimates the
Jaccard similarity of their shingle sets. Locality-sensitive hashing (``bands`` bands of
``num_perm / bands`` rows) finds the candidate pairs without comparing all pairs.

Hashes are stable across processes (``zlib.crc32`` of each word, not Python's salted
``hash``), so signatures can be stored and compared later.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

_WORDS = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class MinHashOptions:
    num_perm: int = 64
    bands: int = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard become candidates
    shingle: int = 5  # words per shingle
    min_shingles: int = 8  # shorter texts are never called near-duplicates
    threshold: float = 0.5  # estimated Jaccard at which a copy is a near-duplicate
    seed: int = 1


def shingle_hashes(text: str, size: int = 5) -> np.ndarray:
    """32-bit hashes of the distinct word ``size``-grams of ``text`` (lower-cased)."""
    words = _WORDS.findall(text.lower())
    if len(words) < size:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    acc = np.zeros(len(words) - size + 1, dtype=np.uint64)
    for k in range(size):  # polynomial roll over the window, kept to 32 bits
        acc = (acc * np.uint64(1_000_003) + h[k : len(h) - size + 1 + k]) & _MASK32
    return np.unique(acc)


class MinHasher:
    """Signatures and LSH band keys for one set of options (the permutations live here)."""

    def __init__(self, options: MinHashOptions = MinHashOptions()) -> None:
        if options.num_perm % options.bands:
            from ..errors import ConfigError

            raise ConfigError("MinHash num_perm must be a multiple of bands")
        self.options = options
        rng = np.random.default_rng(options.seed)
        # multiply-shift hashing: (a * x + b) mod 2^64, top 32 bits; a odd
        self._a = rng.integers(0, 1 << 63, size=options.num_perm, dtype=np.uint64)
        self._a |= np.uint64(1)
        self._b = rng.integers(0, 1 << 63, size=options.num_perm, dtype=np.uint64)
        self._mix = rng.integers(1, 1 << 62, size=options.num_perm // options.bands,
                                 dtype=np.uint64)  # fmt: skip

    def signature(self, text: str) -> np.ndarray | None:
        """The ``num_perm`` uint32 minimum hashes, or None when the text is too short."""
        shingles = shingle_hashes(text, self.options.shingle)
        if len(shingles) < self.options.min_shingles:
            return None
        val = np.multiply(shingles[:, None], self._a)  # in place below: 10x faster
        val += self._b
        val >>= np.uint64(32)
        return val.min(axis=0).astype(np.uint32)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One integer per band: equal keys in a band make a candidate pair."""
        rows = signature.astype(np.uint64).reshape(self.options.bands, -1)
        keys = (rows * self._mix).sum(axis=1)  # wraps modulo 2^64, which is fine for a key
        return [int(k) ^ (band << 59) for band, k in enumerate(keys.tolist())]


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))
