"""Train the same-story pair model and write newsprism/data/story_pairs_v1.json.

    .venv/bin/python scripts/train_story_pairs.py [--out newsprism/data/story_pairs_v1.json]
        [--folds 5] [--no-cv] [--drop FEATURE] [--weigh-pairs]      (make train-story-pairs)

Labelled pairs (every pair of articles of one batch; 1 when both report the same event):

* ECB+ topics 1-25 only (``bench/story_data.TUNE_TOPICS``), in both renderings (the
  corpus's tokens and detokenised text), each rendering one batch: look-alike events of
  one kind, no publication dates;
* the tuning half of BASIL dev (46 events of three outlets; the 12 held-out gold events
  are never in it) three times: with its publication dates, without them (``undated``:
  what the years an article mentions are worth alone) and all on one day (``one_day``: a
  day's feed holds many events, which the dated events alone never show).

Each of these five sets weighs as much as any other in the fit (so that no one corpus's
construction decides the weights; ``--weigh-pairs`` weighs every pair alike instead). The
features are those of ``newsprism.stories.pairs`` (what the batch and incremental paths
compute); the model is a logistic regression (``fit_pair_model``). The merge and attach
thresholds are chosen by cross-validation: ECB+ topics and BASIL events in ``--folds``
folds, the model fitted on the other folds, each held-out fold clustered as
``group_stories`` does (and the BASIL folds once more with some events cut to one or two
articles, ``sparse``), and the pair with the best mean ARI over the held-out sets kept.
ECB+ topics 26-35 and the other BASIL half are never read here; bench/stories.py reports
them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scoring import ari  # noqa: E402
from story_data import TUNE_TOPICS, Labelled, basil, basil_story_split, ecbplus  # noqa: E402

from newsprism.resources import EMBEDDER_NAME, Embedder, Resources  # noqa: E402
from newsprism.stories.grouping import (  # noqa: E402
    article_features,
    attach_singletons,
    cluster,
    pair_similarity,
)
from newsprism.stories.pairs import (  # noqa: E402
    FEATURES,
    MODEL_FILE,
    SIGNS,
    StoryPairModel,
    feature_rows,
    fit_pair_model,
    model_sha256,
)

MERGE = tuple(round(t, 2) for t in np.arange(0.30, 0.71, 0.05))
ATTACH = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# (merge threshold, attach threshold) pairs tried; attaching never asks more than merging
THRESHOLDS = tuple((m, a) for m in MERGE for a in ATTACH if a <= m)


DROPPED: set[str] = set()  # features left out (``--drop``, for ablations): always 0


def pairs(data: Labelled, embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of every pair of ``data`` taken as one batch."""
    rows = feature_rows(pair_similarity(article_features(data.articles, embedder)))
    for f in DROPPED:
        rows[..., FEATURES.index(f)] = 0.0
    y = np.array(data.labels)
    upper = np.triu_indices(len(data), 1)
    return rows[upper], (y[:, None] == y[None, :])[upper].astype(np.float64)


BALANCE = [True]  # every data set weighs as much as any other in the fit (not every pair)


def fit(parts: list[Labelled], embedder: Embedder) -> StoryPairModel:
    xs, ys = zip(*(pairs(p, embedder) for p in parts), strict=True)
    total = sum(len(y) for y in ys)
    weight = None
    if BALANCE[0]:
        weight = np.concatenate([np.full(len(y), total / (len(ys) * len(y))) for y in ys])
    model = fit_pair_model(np.vstack(xs), np.concatenate(ys), sample_weight=weight)
    keep = [0.0 if f in DROPPED else w for f, w in zip(FEATURES, model.weights, strict=True)]
    return StoryPairModel(model.name, tuple(keep), model.bias, model.mean, model.scale, 0.5, 0.5)


Pair = tuple[float, float]


def partitions(data: Labelled, model: StoryPairModel, embedder: Embedder) -> dict[Pair, list]:
    """Predicted story of each article of ``data`` (one batch) at each threshold pair."""
    sim = model.probability(pair_similarity(article_features(data.articles, embedder)))
    out = {}
    merged = {m: cluster(sim, m) for m in MERGE}
    for m, a in THRESHOLDS:
        parts = attach_singletons(sim, merged[m], a)
        pred = [0] * len(data)
        for k, part in enumerate(parts):
            for i in part:
                pred[i] = k
        out[(m, a)] = pred
    return out


def subset(data: Labelled, keep: set[str], key: str = "label") -> Labelled:
    chosen = [i for i, lab in enumerate(data.labels) if _group(lab, key) in keep]
    return Labelled([data.articles[i] for i in chosen], [data.labels[i] for i in chosen])


def _group(label: str, key: str) -> str:
    """ECB+ folds go by topic (the digits of the label), BASIL folds by event."""
    return re.match(r"\d+", label).group() if key == "topic" else label  # type: ignore[union-attr]


def cross_validate(
    ecb: dict[str, Labelled], bas: dict[str, Labelled], embedder: Embedder, folds: int
) -> dict[str, dict[Pair, float]]:
    """Held-out ARI per data set and threshold: ECB+ sets fold by topic, BASIL sets by
    event (the same folds for every rendering of one set)."""
    topics = sorted({_group(lab, "topic") for lab in next(iter(ecb.values())).labels}, key=int)
    events = sorted(set(next(iter(bas.values())).labels), key=_hash)
    names = [*ecb, *bas, *(f"{name}-sparse" for name in bas)]
    truth: dict[str, list[str]] = {name: [] for name in names}
    pred: dict[str, dict[Pair, list[str]]] = {name: {t: [] for t in THRESHOLDS} for name in truth}
    for k in range(folds):
        test_topics, test_events = set(topics[k::folds]), set(events[k::folds])
        train_topics, train_events = set(topics) - test_topics, set(events) - test_events
        model = fit(
            [subset(d, train_topics, "topic") for d in ecb.values()]
            + [subset(d, train_events) for d in bas.values()],
            embedder,
        )
        held = {name: subset(d, test_topics, "topic") for name, d in ecb.items()}
        held.update({name: subset(d, test_events) for name, d in bas.items()})
        held.update({f"{name}-sparse": sparse(held[name]) for name in bas})
        for name, data in held.items():
            truth[name].extend(data.labels)
            for t, p in partitions(data, model, embedder).items():
                pred[name][t].extend(f"{k}:{c}" for c in p)
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr)
    return {name: {t: ari(truth[name], pred[name][t]) for t in THRESHOLDS} for name in truth}


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def sparse(data: Labelled) -> Labelled:
    """Evaluation only: the same events with one, two or all of their articles (by the
    hash of the event id), so that some articles are alone in their story as most are
    in a real feed; every ECB+ and BASIL event has several, which would reward attaching
    any lone article."""
    keep: list[int] = []
    seen: dict[str, int] = {}
    for i, label in enumerate(data.labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] <= 1 + int(_hash(label), 16) % 3:
            keep.append(i)
    return Labelled([data.articles[i] for i in keep], [data.labels[i] for i in keep])


def one_day(data: Labelled) -> Labelled:
    """The same articles all published on one day (a day's feed holds many events, and
    the dated BASIL events alone almost never share a day), so the model learns what
    being published together is worth when it is not rare."""
    day = min(a.published or "9999" for a in data.articles)
    return Labelled([replace(a, published=day) for a in data.articles], data.labels)


def undated(data: Labelled) -> Labelled:
    """The same articles without publication dates (the text is then the only clue to
    when), so the model learns what the years an article mentions are worth alone."""
    return Labelled([replace(a, published=None) for a in data.articles], data.labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "newsprism" / "data" / MODEL_FILE)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="keep the threshold 0.5")
    parser.add_argument("--drop", action="append", default=[], choices=FEATURES,
                        help="leave a feature out (weight 0; for ablations)")  # fmt: skip
    parser.add_argument("--weigh-pairs", action="store_true",
                        help="weigh every pair alike, so the largest set dominates "
                        "(ablation; default: every data set alike)")  # fmt: skip
    args = parser.parse_args()
    DROPPED.update(args.drop)
    BALANCE[0] = not args.weigh_pairs
    started = time.perf_counter()
    embedder = Resources().embedder
    ecb = {r: ecbplus(TUNE_TOPICS, r) for r in ("tokens", "text")}
    tune_events, _ = basil_story_split()
    dated = basil(tune_events)
    bas = {"basil": dated, "basil-undated": undated(dated), "basil-one-day": one_day(dated)}
    chosen, cv = (0.5, 0.5), {}
    if not args.no_cv:
        cv = cross_validate(ecb, bas, embedder, args.folds)
        mean = {t: float(np.mean([cv[name][t] for name in cv])) for t in THRESHOLDS}
        # the best mean held-out ARI; ties to the merge threshold nearest 0.5, then the
        # highest attach threshold (the fewest lone articles moved)
        chosen = max(THRESHOLDS, key=lambda t: (round(mean[t], 3), -abs(t[0] - 0.5), t[1]))
        print("cross-validated ARI (held-out folds), best attach threshold per merge threshold:")
        for m in MERGE:
            a = max((t for t in THRESHOLDS if t[0] == m), key=lambda t: mean[t])[1]
            scores = " ".join(f"{name} {cv[name][(m, a)]:.3f}" for name in cv)
            print(f"  merge {m:.2f} attach {a:.2f}: {scores}; mean {mean[(m, a)]:.3f}")
    model = fit([*ecb.values(), *bas.values()], embedder)
    model = StoryPairModel(MODEL_FILE, model.weights, model.bias, model.mean, model.scale, *chosen)
    body = model.to_dict()
    card = {
        "about": "Same-story pair model of newsprism.stories.pairs: logistic regression over "
        "standardised pair features, trained by scripts/train_story_pairs.py.",
        "data": {
            "ecbplus": f"ECB+ topics 1-25 ({len(ecb['tokens'])} documents, "
            f"{len(set(ecb['tokens'].labels))} events), as tokens and as detokenised text",
            "basil": f"BASIL dev tuning half ({len(set(dated.labels))} events, {len(dated)} "
            "articles; bench/story_data.basil_story_split), with its publication dates, "
            "again without them and again all on one day",
            "pairs": "every pair within a batch; label 1 when both report the same event",
        },
        "embedder": EMBEDDER_NAME,
        "signs": SIGNS,
        "thresholds": "average same-story probability to merge, and probability with the "
        "closest article for a lone article to join its story: best mean held-out ARI",
        "cv_ari_at_chosen": {n: round(v[chosen], 4) for n, v in cv.items()},
        "cv_folds": 0 if args.no_cv else args.folds,
        "dropped": sorted(DROPPED),
        "weights_by_feature": dict(zip(FEATURES, body["weights"], strict=True)),  # type: ignore[arg-type]
        "sha256": model_sha256(body),
    }
    args.out.write_text(json.dumps({"model": body, "card": card}, indent=1) + "\n", "utf-8")
    print(f"thresholds {chosen}; weights {card['weights_by_feature']}")
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
