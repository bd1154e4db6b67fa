"""Scores shared by the same-claim benchmarks (numpy only, so the torch training venv can
import it too): accuracy and F1 of a binary decision, and the best single threshold."""

from __future__ import annotations

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
