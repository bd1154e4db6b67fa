"""Similarity features of a claim pair, and a small logistic model over them.

The features are cheap and readable: embedding cosine, shared content words (Jaccard and
overlap coefficient, numbers left out), shared named entities, whether one side names
entities the other lacks, the length ratio, a negation mismatch, and whether the figures
agree or conflict. Two feature sets are used:

* ``GROUPING_FEATURES`` (no number features): what align groups on, so that two claims that
  state the same fact with different figures still align and compare can flag them;
* ``PARAPHRASE_FEATURES`` (all features): "do these two sentences say the same thing", used
  by the benchmark and by ``newsprism.compare_claims`` to explain a verdict.

Weights are trained by ``scripts/train_alignment.py`` (plain numpy gradient descent) and
shipped as a small JSON file in ``newsprism/data``; ``load_model`` reads it through
``importlib.resources``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources as importlib_resources

import numpy as np

from ..errors import ModelError
from ..model import Claim
from .text import claim_text, content_set, entity_keys, jaccard, overlap

MODEL_FILE = "align_lr_v1.json"

FEATURES = (
    "cosine",
    "jaccard",
    "overlap",
    "entity_overlap",
    "entity_unshared",
    "length_ratio",
    "negation_mismatch",
    "number_agree",
    "number_conflict",
)
GROUPING_FEATURES = FEATURES[:7]
PARAPHRASE_FEATURES = FEATURES


@dataclass(frozen=True)
class Side:
    """What the features need to know about one claim."""

    words: frozenset[str]
    entities: frozenset[str]
    numbers: frozenset[float]
    negated: bool
    length: int


def side_of(claim: Claim) -> Side:
    text = claim_text(claim)
    numbers = frozenset(
        round(q.value, 6)
        for q in claim.quantities
        if q.value is not None and math.isfinite(q.value)
    )
    return Side(
        words=content_set(text),
        entities=entity_keys(claim),
        numbers=numbers,
        negated=claim.negated,
        length=max(1, len(text.split())),
    )


def pair_features(a: Side, b: Side, cosine: float) -> dict[str, float]:
    """Every feature of ``FEATURES`` for one pair (``cosine`` of their embeddings given)."""
    ents = a.entities | b.entities
    shared_numbers = a.numbers & b.numbers
    return {
        "cosine": cosine,
        "jaccard": jaccard(a.words, b.words),
        "overlap": overlap(a.words, b.words),
        "entity_overlap": overlap(a.entities, b.entities) if a.entities and b.entities else 0.0,
        "entity_unshared": len(a.entities ^ b.entities) / len(ents) if ents else 0.0,
        "length_ratio": min(a.length, b.length) / max(a.length, b.length),
        "negation_mismatch": float(a.negated != b.negated),
        "number_agree": float(bool(shared_numbers)),
        "number_conflict": float(
            bool(a.numbers)
            and bool(b.numbers)
            and not (a.numbers <= b.numbers or b.numbers <= a.numbers)
        ),
    }


@dataclass(frozen=True)
class LogisticModel:
    """p(same) = sigmoid(bias + sum(w_i * (x_i - mean_i) / scale_i))."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float = 0.5

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias
        for name, w, m, s in zip(self.features, self.weights, self.mean, self.scale, strict=True):
            z += w * (feats[name] - m) / s
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
            "threshold": round(self.threshold, 4),
        }

    @staticmethod
    def from_dict(data: dict[str, object], known: Sequence[str] = FEATURES) -> LogisticModel:
        try:
            features = tuple(str(f) for f in data["features"])  # type: ignore[attr-defined]
            unknown = [f for f in features if f not in known]
            if unknown:
                raise ModelError(f"alignment model uses unknown features {unknown}")
            return LogisticModel(
                features=features,
                weights=tuple(float(w) for w in data["weights"]),  # type: ignore[attr-defined]
                bias=float(data["bias"]),  # type: ignore[arg-type]
                mean=tuple(float(m) for m in data["mean"]),  # type: ignore[attr-defined]
                scale=tuple(float(s) for s in data["scale"]),  # type: ignore[attr-defined]
                threshold=float(data.get("threshold", 0.5)),  # type: ignore[arg-type]
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"alignment model file is malformed ({exc})") from exc


def matrix(rows: Sequence[dict[str, float]], features: Sequence[str]) -> np.ndarray:
    return np.array([[r[f] for f in features] for r in rows], dtype=np.float64)


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    features: Sequence[str],
    *,
    l2: float = 1e-3,
    steps: int = 3000,
    rate: float = 0.5,
) -> LogisticModel:
    """Logistic regression by full-batch gradient descent on standardised features."""
    if x.ndim != 2 or x.shape[0] != y.shape[0] or x.shape[1] != len(features):
        raise ValueError("fit_logistic: x must be (n, len(features)) and y (n,)")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = np.zeros(x.shape[1])
    b = 0.0
    n = float(x.shape[0])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + b, -30, 30)))
        err = p - y
        w -= rate * (z.T @ err / n + l2 * w)
        b -= rate * float(err.mean())
    return LogisticModel(
        tuple(features), tuple(float(v) for v in w), b, tuple(mean.tolist()), tuple(scale.tolist())
    )


def predict(model: LogisticModel, x: np.ndarray) -> np.ndarray:
    """Probabilities for the rows of ``x`` (columns in ``model.features`` order)."""
    z = (x - np.array(model.mean)) / np.array(model.scale)
    return 1.0 / (1.0 + np.exp(-np.clip(z @ np.array(model.weights) + model.bias, -30, 30)))


@dataclass(frozen=True)
class AlignmentModels:
    name: str  # file name and version, e.g. "align_lr_v1.json"
    grouping: LogisticModel
    paraphrase: LogisticModel


def load_models(file_name: str = MODEL_FILE) -> AlignmentModels:
    """The shipped weights (``newsprism/data/<file_name>``)."""
    try:
        raw = importlib_resources.files("newsprism").joinpath("data", file_name).read_text("utf-8")
        data = json.loads(raw)
    except (FileNotFoundError, OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"alignment weights {file_name} missing or unreadable ({exc})") from exc
    return AlignmentModels(
        name=file_name,
        grouping=LogisticModel.from_dict(data["grouping"]),
        paraphrase=LogisticModel.from_dict(data["paraphrase"]),
    )
