"""Sparse TF-IDF vectors as sorted (term id, count) pairs, and a matrix that grows by rows:
the vector arithmetic of ``stories.incremental``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

IdfOf = Callable[[np.ndarray], np.ndarray]  # term ids -> their current idf


class Grow:
    """A float32 matrix that grows by rows (capacity doubling)."""

    def __init__(self, dim: int) -> None:
        self.data = np.zeros((64, dim), dtype=np.float32)
        self.n = 0

    def append(self, row: np.ndarray) -> int:
        if self.n == len(self.data):
            self.data = np.concatenate([self.data, np.zeros_like(self.data)])
        self.data[self.n] = row
        self.n += 1
        return self.n - 1

    @property
    def rows(self) -> np.ndarray:
        return self.data[: self.n]


def grown(arr: np.ndarray, size: int) -> np.ndarray:
    """``arr`` with room for ``size`` entries (doubling), zeros after the old ones."""
    if size <= len(arr):
        return arr
    out = np.zeros(max(size, 2 * len(arr)), dtype=arr.dtype)
    out[: len(arr)] = arr
    return out


def weights(tf: np.ndarray, ids: np.ndarray, idf: IdfOf) -> np.ndarray:
    """Log-scaled term frequency times idf."""
    return ((1.0 + np.log(np.maximum(tf, 1))) * idf(ids)).astype(np.float32)


def sparse_compare(
    x: tuple[np.ndarray, np.ndarray],
    others: list[tuple[np.ndarray, np.ndarray]],
    idf: IdfOf,
    kinds: np.ndarray | None = None,
    n_kinds: int = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """TF-IDF vector ``x`` against each of ``others`` (sorted id/count pairs), with the
    current idf, vectorised over all ``others`` at once. With ``kinds`` (a kind per term
    id, 0 to ``n_kinds - 1``) each kind is a vector of its own. Returns, per other and kind,
    the cosine ``(m, n_kinds)``, the distinct ids shared with ``x`` and the distinct ids of
    the other; and the distinct ids of ``x`` per kind ``(n_kinds,)``."""
    m = len(others)

    def kind_of(ids: np.ndarray) -> np.ndarray:
        return np.zeros(len(ids), np.int64) if kinds is None else kinds[ids].astype(np.int64)

    x_ids, x_tf = x
    x_kind = kind_of(x_ids)
    x_sizes = np.bincount(x_kind, minlength=n_kinds).astype(np.float64)
    shape = (m, n_kinds)
    if not m:
        return np.zeros(shape), np.zeros(shape), np.zeros(shape), x_sizes
    x_w = weights(x_tf, x_ids, idf).astype(np.float64)
    x_norm = np.sqrt(np.bincount(x_kind, x_w * x_w, minlength=n_kinds))
    x_w /= np.clip(x_norm[x_kind], 1e-12, None)
    lengths = np.fromiter((len(o[0]) for o in others), dtype=np.int64, count=m)
    ids = np.concatenate([o[0] for o in others])
    w = weights(np.concatenate([o[1] for o in others]), ids, idf).astype(np.float64)
    slot = np.repeat(np.arange(m), lengths) * n_kinds + kind_of(ids)
    size = m * n_kinds
    norms = np.sqrt(np.bincount(slot, w * w, minlength=size))
    sizes = np.bincount(slot, minlength=size).astype(np.float64)
    if len(x_ids):
        at = np.searchsorted(x_ids, ids).clip(0, len(x_ids) - 1)
        hit = x_ids[at] == ids
    else:
        at = np.zeros(len(ids), dtype=np.int64)
        hit = np.zeros(len(ids), dtype=bool)
    dots = np.bincount(slot[hit], w[hit] * x_w[at[hit]], minlength=size)
    shared = np.bincount(slot[hit], minlength=size).astype(np.float64)
    cos = dots / np.clip(norms, 1e-12, None)
    return cos.reshape(shape), shared.reshape(shape), sizes.reshape(shape), x_sizes
