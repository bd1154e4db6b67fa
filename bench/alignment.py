"""The same-claim decision on MRPC train, 5-fold cross-validated.

    .venv/bin/python bench/alignment.py [--folds 5]

Compared in the same run, on the same folds:

* cosine: embedding cosine of the two sentences with the single best threshold, chosen on
  the training folds;
* align score (v1): cosine + content-word and entity bonuses (what align groups on today),
  best threshold chosen on the training folds;
* logistic (grouping): the learned model on the features align may use (no number features);
* logistic (paraphrase): all features, numbers included;
* when ``bench/results/pair_model_oof_*.json`` exist (written by ``make bench-pair-model``):
  the fine-tuned cross-encoder's held-out probabilities (mean over the files, one per
  training seed), and a stacked logistic model on its logit plus all features. Each pair's
  probability comes from the fold model that did not see it, and the folds are the same, so
  the stacked model of fold k is fitted on the other folds' held-out probabilities only.

Prints accuracy and F1 (positive class: same meaning) and the ratio against cosine.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from mrpc_data import MRPC, featurise, read_pairs
from scoring import accuracy_f1, best_threshold

from newsprism.align.clustering import AlignOptions
from newsprism.align.features import (
    FEATURES,
    GROUPING_FEATURES,
    PARAPHRASE_FEATURES,
    fit_logistic,
    predict,
)
from newsprism.resources import Resources

RESULTS = Path(__file__).resolve().parent / "results"


def held_out_probabilities(n: int) -> tuple[np.ndarray | None, list[str]]:
    """Mean held-out cross-encoder probability per pair over the OOF files, if any."""
    files = sorted(RESULTS.glob("pair_model_oof_*.json"))
    probs = []
    for f in files:
        p = np.array(json.loads(f.read_text(encoding="utf-8"))["probability"], dtype=np.float64)
        if len(p) != n or (p < 0).any():
            raise SystemExit(f"{f}: not a complete held-out run over the {n} pairs")
        probs.append(p)
    if not probs:
        return None, []
    return np.mean(probs, axis=0), [f.name for f in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = read_pairs(MRPC)
    data = featurise(rows, Resources())
    prep = time.perf_counter() - started
    y = data.labels
    col = {f: i for i, f in enumerate(FEATURES)}
    opt = AlignOptions()
    v1 = (
        data.x[:, col["cosine"]]
        + opt.lexical_weight * data.x[:, col["jaccard"]]
        + opt.entity_weight * data.x[:, col["entity_overlap"]]
    )
    order = np.random.default_rng(7).permutation(len(y))
    folds = np.array_split(order, args.folds)
    preds: dict[str, np.ndarray] = {
        k: np.zeros_like(y) for k in ("cosine", "v1", "grouping", "paraphrase")
    }
    ce, ce_files = held_out_probabilities(len(y))
    if ce is not None:
        logit = np.log(np.clip(ce, 1e-6, 1 - 1e-6) / np.clip(1 - ce, 1e-6, 1))
        stack_x = np.column_stack([logit, data.x])
        stack_features = ("pair_logit", *FEATURES)
        preds["cross-encoder"] = (ce >= 0.5).astype(float)
        preds["stacked"] = np.zeros_like(y)
    for k in range(args.folds):
        test = folds[k]
        train = np.concatenate([f for i, f in enumerate(folds) if i != k])
        for name, values in (("cosine", data.cosine), ("v1", v1)):
            t = best_threshold(values[train], y[train])
            preds[name][test] = (values[test] >= t).astype(float)
        for name, feats in (("grouping", GROUPING_FEATURES), ("paraphrase", PARAPHRASE_FEATURES)):
            cols = [col[f] for f in feats]
            model = fit_logistic(data.x[train][:, cols], y[train], feats)
            preds[name][test] = (predict(model, data.x[test][:, cols]) >= 0.5).astype(float)
        if ce is not None:
            model = fit_logistic(stack_x[train], y[train], stack_features)
            preds["stacked"][test] = (predict(model, stack_x[test]) >= 0.5).astype(float)
    base_acc, _ = accuracy_f1(preds["cosine"], y)
    print(
        f"MRPC train: {len(y)} pairs ({int(y.sum())} same), {args.folds}-fold CV, "
        f"features in {prep:.0f} s"
    )
    print(f"{'method':38} {'accuracy':>9} {'F1':>7} {'acc ratio':>10}")
    labels = {
        "cosine": "cosine, best threshold",
        "v1": "align score v1, best threshold",
        "grouping": "logistic, grouping features",
        "paraphrase": "logistic, all features (+numbers)",
    }
    if ce is not None:
        print(f"cross-encoder held-out probabilities: mean of {', '.join(ce_files)}")
        labels["cross-encoder"] = "cross-encoder (fine-tuned), held out"
        labels["stacked"] = "stacked: cross-encoder logit + features"
    for name, label in labels.items():
        acc, f1 = accuracy_f1(preds[name], y)
        print(f"{label:38} {acc:9.3f} {f1:7.3f} {acc / base_acc:10.3f}")
    print(f"majority class                         {max(y.mean(), 1 - y.mean()):9.3f}")


if __name__ == "__main__":
    main()
