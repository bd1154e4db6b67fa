"""Scores shared by the benchmarks (numpy and the standard library only, so the torch
training venv can import it too): accuracy and F1 of a binary decision and the best single
threshold (same-claim benchmarks); adjusted Rand index and B-cubed F1 of a clustering
(story benchmarks)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from math import comb

import numpy as np


def accuracy_f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Accuracy, and F1 of the positive class (1 = same meaning)."""
    tp = float(((pred == 1) & (y == 1)).sum())
    fp = float(((pred == 1) & (y == 0)).sum())
    fn = float(((pred == 0) & (y == 1)).sum())
    acc = float((pred == y).mean())
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return acc, f1


def best_threshold(values: np.ndarray, y: np.ndarray) -> float:
    """The cut-off on ``values`` (``>=`` means positive) with the highest accuracy."""
    candidates = np.unique(np.round(values, 3))
    accs = [float(((values >= t).astype(float) == y).mean()) for t in candidates]
    return float(candidates[int(np.argmax(accs))])


def ari(labels: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Adjusted Rand index of the clustering ``pred`` against the true ``labels``."""
    n = len(labels)
    pairs = sum(comb(v, 2) for v in Counter(zip(labels, pred, strict=True)).values())
    a = sum(comb(v, 2) for v in Counter(labels).values())
    b = sum(comb(v, 2) for v in Counter(pred).values())
    expected = a * b / comb(n, 2)
    top = (a + b) / 2
    return 1.0 if top == expected else (pairs - expected) / (top - expected)


def bcubed_f1(labels: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """B-cubed F1 over items: per item, precision and recall of its predicted cluster."""
    both = Counter(zip(labels, pred, strict=True))
    by_label, by_pred = Counter(labels), Counter(pred)
    p = sum(both[(lab, c)] / by_pred[c] for lab, c in zip(labels, pred, strict=True)) / len(labels)
    r = sum(both[(lab, c)] / by_label[lab] for lab, c in zip(labels, pred, strict=True))
    r /= len(labels)
    return 2 * p * r / (p + r)
