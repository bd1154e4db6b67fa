"""The same-story pair model: how likely two articles report the same event.

Both batch grouping (``grouping``) and incremental assignment (``incremental``) measure a
pair with the same base similarities (``PairSimilarity``) and turn them into a
probability here, so the two paths share one definition of "same story".

The features (``FEATURES``) say what makes two texts alike and what tells two look-alike
events apart:

* ``lead``, ``terms``, ``names``, ``numbers``: cosines of the lead embeddings and of the
  content-word, name and figure TF-IDF profiles;
* ``year_share`` and ``year_conflict``: for a pair where either article has no
  publication date, the share of the years they mention that they have in common, and
  whether both mention years but none in common (then the text is the only clue to when);
* ``gap_far``: for two dated articles, ``log(1 + days apart beyond 3)`` (weight at most 0:
  being published far apart is evidence against, being published together is not
  evidence for);
* ``day_names``: for two articles published within a day of each other, the name cosine
  (weight at least 0): reports of one event on one day share who and where, two same-kind
  events on one day do not. Learnt from dated BASIL alone this weight was huge (nearly
  every same-day pair there is one event); with BASIL also shown all on one day, as a
  day's feed is, it comes out about 0.

The weights are learnt by ``scripts/train_story_pairs.py`` (logistic regression on
labelled pairs, weights with a required sign kept to it) and shipped as
``newsprism/data/story_pairs_v1.json`` with the data, figures and sha256 of the training
run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources as importlib_resources

import numpy as np

from ..errors import ModelError

MODEL_FILE = "story_pairs_v1.json"
FEATURES = (
    "lead",
    "terms",
    "names",
    "numbers",
    "year_share",
    "year_conflict",
    "gap_far",
    "day_names",
)
# the sign a learnt weight must have (0: either); evidence against never counts for
SIGNS = {"year_conflict": -1, "gap_far": -1, "day_names": 1}
GRACE_DAYS = 3  # ``gap_far`` counts the days beyond this
SAME_DAY = 1  # ``day_names``: published at most this many days apart


@dataclass(frozen=True)
class PairSimilarity:
    """Base similarities of pairs, as arrays of one shape (a matrix for batch grouping,
    a vector of candidates for incremental assignment)."""

    lead: np.ndarray
    terms: np.ndarray
    names: np.ndarray
    numbers: np.ndarray
    years_shared: np.ndarray  # distinct years both mention
    years_fewer: np.ndarray  # distinct years mentioned by the article that mentions fewer
    days_apart: np.ndarray  # NaN when either publication date is unknown


def pair_features(sim: PairSimilarity) -> list[np.ndarray]:
    """The ``FEATURES`` of each pair, one array per feature (in ``FEATURES`` order), each
    of the shape of ``sim.lead``."""
    gap = np.asarray(sim.days_apart, dtype=np.float64)
    undated = np.isnan(gap)
    gap0 = np.where(undated, 0.0, gap)
    both = undated & (sim.years_fewer > 0)
    shared = np.asarray(sim.years_shared, dtype=np.float64)
    year_share = np.where(both, shared / np.maximum(sim.years_fewer, 1), 0.0)
    year_conflict = (both & (shared == 0)).astype(np.float64)
    gap_far = np.where(undated, 0.0, np.log1p(np.maximum(gap0 - GRACE_DAYS, 0.0)))
    day_names = np.where(~undated & (gap0 <= SAME_DAY), sim.names, 0.0)
    cols = (sim.lead, sim.terms, sim.names, sim.numbers, year_share, year_conflict, gap_far,
            day_names)  # fmt: skip
    return [np.asarray(c, dtype=np.float64) for c in cols]


def feature_rows(sim: PairSimilarity) -> np.ndarray:
    """``pair_features`` as rows: shape ``sim.lead.shape + (len(FEATURES),)`` (training)."""
    return np.stack(pair_features(sim), axis=-1)


@dataclass(frozen=True)
class StoryPairModel:
    """Logistic regression over standardised ``FEATURES``; ``threshold`` is the average
    same-story probability at which two clusters merge, ``attach_threshold`` the
    probability with its closest article at which an article left alone joins that
    article's story (both chosen with the weights by cross-validation)."""

    name: str
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    attach_threshold: float

    def probability(self, sim: PairSimilarity) -> np.ndarray:
        """Same-story probability of each pair of ``sim`` (its shape), one feature at a
        time so that an n x n batch never holds an n x n x features array."""
        logit = np.full(np.shape(sim.lead), self.bias, dtype=np.float64)
        for f, w, m, s in zip(pair_features(sim), self.weights, self.mean, self.scale,
                              strict=True):  # fmt: skip
            if w:
                logit += (w / s) * (f - m)
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -30.0, 30.0)))

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Same-story probabilities for feature rows ``x`` (last axis in ``FEATURES`` order)."""
        z = (x - np.array(self.mean)) / np.array(self.scale)
        logit = z @ np.array(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -30.0, 30.0)))

    def to_dict(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
            "threshold": round(self.threshold, 4),
            "attach_threshold": round(self.attach_threshold, 4),
        }


def model_sha256(body: dict[str, object]) -> str:
    """SHA-256 of a model's ``to_dict`` as canonical JSON (the card records it)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_pair_model(file_name: str = MODEL_FILE) -> StoryPairModel:
    """The shipped weights (``newsprism/data/<file_name>``), checked against the sha256 of
    their card."""
    try:
        raw = importlib_resources.files("newsprism").joinpath("data", file_name).read_text("utf-8")
        whole = json.loads(raw)
        data = whole["model"]
        if model_sha256(data) != whole["card"]["sha256"]:
            raise ModelError(
                f"story pair model {file_name} does not match the sha256 of its card; "
                "rewrite it with scripts/train_story_pairs.py"
            )
        if tuple(data["features"]) != FEATURES:
            raise ModelError(
                f"story pair model {file_name} has features {data['features']}, "
                f"this version of newsprism computes {list(FEATURES)}; retrain it with "
                "scripts/train_story_pairs.py"
            )
        return StoryPairModel(
            name=file_name,
            weights=tuple(float(w) for w in data["weights"]),
            bias=float(data["bias"]),
            mean=tuple(float(m) for m in data["mean"]),
            scale=tuple(float(s) for s in data["scale"]),
            threshold=float(data["threshold"]),
            attach_threshold=float(data["attach_threshold"]),
        )
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"story pair model {file_name} missing or unreadable ({exc})") from exc


def fit_pair_model(
    x: np.ndarray,
    y: np.ndarray,
    *,
    sample_weight: np.ndarray | None = None,
    l2: float = 1.0,
    threshold: float = 0.5,
    attach_threshold: float = 0.5,
    name: str = MODEL_FILE,
) -> StoryPairModel:
    """Logistic regression by Newton's method on standardised features, L2-penalised.
    A weight whose sign contradicts ``SIGNS`` is dropped (set to 0) and the rest refitted,
    until every weight keeps its sign."""
    if x.ndim != 2 or x.shape[1] != len(FEATURES) or len(y) != len(x):
        raise ValueError("fit_pair_model: x must be (n, len(FEATURES)) and y (n,)")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    signs = np.array([SIGNS.get(f, 0) for f in FEATURES])
    active = np.ones(len(FEATURES), dtype=bool)
    while True:
        a = np.hstack([z[:, active], np.ones((len(y), 1))])
        w = _newton(a, y, sw, l2)
        weights = np.zeros(len(FEATURES))
        weights[active] = w[:-1]
        wrong = active & (signs != 0) & (np.sign(weights) == -signs)
        if not wrong.any():
            break
        active &= ~wrong
    return StoryPairModel(
        name, tuple(weights.tolist()), float(w[-1]), tuple(mean.tolist()),
        tuple(scale.tolist()), threshold, attach_threshold,
    )  # fmt: skip


def _newton(a: np.ndarray, y: np.ndarray, sw: np.ndarray, l2: float) -> np.ndarray:
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not penalised
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30.0, 30.0)))
        grad = a.T @ (sw * (p - y)) + penalty * w
        hess = (a * (sw * p * (1.0 - p))[:, None]).T @ a + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w
