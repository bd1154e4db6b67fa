"""Train the same-fact model of align on hand-labelled claim pairs of real news.

    .venv/bin/python scripts/train_news_align.py            # CV figures, then the weights
    .venv/bin/python scripts/train_news_align.py --cv-only  # figures only

The pairs are ``bench/gold/claim_pairs.jsonl``: 1,445 pairs of claims from two outlets'
reports of one event (BASIL development events that are not comparison-gold events),
labelled by hand ``agree`` / ``conflict`` / ``different`` (format: ``bench/gold/README.md``).
Each side is stored as character spans of the BASIL article text, so no article text is
copied into the repository; the script runs the pipeline on those events, takes for each
labelled side the claim of its article that covers the most of those spans, and computes
``newsprism.align.news.news_features`` in the context of the claim's story.

Target: same fact (agree or conflict) against different. Cross-validation is grouped by
event (5 folds), so no event is on both sides. Writes ``newsprism/data/align_news_v2.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from basil import load_events  # noqa: E402
from real_news import run_pipeline  # noqa: E402
from scoring import accuracy_f1, best_threshold  # noqa: E402

from newsprism.align.features import fit_logistic, matrix, predict  # noqa: E402
from newsprism.align.news import (  # noqa: E402
    NEWS_FEATURES,
    NEWS_MODEL_FILE,
    StoryWords,
    news_features,
    news_side,
)
from newsprism.align.text import claim_text  # noqa: E402
from newsprism.resources import EMBEDDER_NAME, Resources  # noqa: E402

PAIRS = ROOT / "bench" / "gold" / "claim_pairs.jsonl"
CACHE = ROOT / "build" / "news_align_analysis.pkl"


def auc(score: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(score, kind="stable")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    pos = y.astype(bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / max(1, n_pos * n_neg))


def analysis_of(events: list[str], basil: dict, resources: Resources, refresh: bool):  # type: ignore[no-untyped-def]
    if CACHE.exists() and not refresh:
        cached = pickle.loads(CACHE.read_bytes())
        if cached["events"] == events:
            return cached["analysis"]
    analysis, _ = run_pipeline([a for e in events for a in basil[e]], resources)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps({"events": events, "analysis": analysis}))
    return analysis


def featurise(rows: list[dict], resources: Resources, refresh: bool = False):  # type: ignore[no-untyped-def]
    """(features matrix, labels, events) of the rows whose both sides map to a claim."""
    events = sorted({r["event"] for r in rows})
    basil = load_events()
    url_of = {(a.event, a.key): a.url for e in events for a in basil[e]}
    analysis = analysis_of(events, basil, resources, refresh)
    by_url = {}
    for story in analysis.stories:
        sizes = {a.id: len(a.text) for a in story.articles}
        sides = [news_side(c, sizes.get(c.article, 0)) for c in story.claims]
        words = StoryWords(sides)
        for art in story.articles:
            by_url[art.url] = (story, art, words, sides)
    feats, labels, groups, kept = [], [], [], []
    texts: dict[str, str] = {}
    for r in rows:
        picked = []
        for s in ("a", "b"):
            found = by_url.get(url_of.get((r["event"], r[s]["outlet"])))
            if found is None:
                break
            story, art, words, sides = found
            spans = [tuple(x) for x in r[s]["spans"]]
            best, cover = None, 0
            for n, c in enumerate(story.claims):
                if c.article != art.id:
                    continue
                parts = c.parts or ((c.start, c.end),)
                inside = sum(max(0, min(e, y) - max(b, x)) for b, e in parts for x, y in spans)
                if inside > cover:
                    best, cover = n, inside
            size = sum(y - x for x, y in spans)
            if best is None or cover < 0.5 * size:
                break
            picked.append((story, words, sides, best))
        if len(picked) != 2 or picked[0][0] is not picked[1][0]:
            continue
        story, words, sides, i = picked[0]
        j = picked[1][3]
        a, b = story.claims[i], story.claims[j]
        texts[a.id], texts[b.id] = claim_text(a), claim_text(b)
        kept.append((r, a.id, b.id, words, sides[i], sides[j]))
    ids = sorted(texts)
    vecs = dict(
        zip(ids, np.asarray(resources.embedder.encode([texts[i] for i in ids])), strict=True)
    )
    for r, ia, ib, words, sa, sb in kept:
        cos = float(vecs[ia] @ vecs[ib])
        feats.append(news_features(words, sa, sb, cos))
        labels.append(1.0 if r["label"] in ("agree", "conflict") else 0.0)
        groups.append(r["event"])
    return matrix(feats, NEWS_FEATURES), np.array(labels), np.array(groups)


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int = 5) -> dict:
    events = np.array(sorted(set(groups)))
    order = np.random.default_rng(7).permutation(len(events))
    folds = np.array_split(events[order], k)
    prob = np.zeros(len(y))
    cos_pred = np.zeros(len(y))
    for fold in folds:
        test = np.isin(groups, fold)
        model = fit_logistic(x[~test], y[~test], NEWS_FEATURES)
        prob[test] = predict(model, x[test])
        t = best_threshold(x[~test, 0], y[~test])
        cos_pred[test] = (x[test, 0] >= t).astype(float)
    acc, f1 = accuracy_f1((prob >= 0.5).astype(float), y)
    cacc, cf1 = accuracy_f1(cos_pred, y)
    result = {
        "pairs": int(len(y)),
        "same": int(y.sum()),
        "events": int(len(events)),
        "auc": round(auc(prob, y), 4),
        "accuracy": round(acc, 4),
        "f1": round(f1, 4),
        "cosine_auc": round(auc(x[:, 0], y), 4),
        "cosine_accuracy": round(cacc, 4),
        "cosine_f1": round(cf1, 4),
    }
    print(f"{k}-fold CV by event over {len(y)} pairs ({int(y.sum())} same) of {len(events)} events")
    print(f"{'method':34} {'AUC':>6} {'accuracy':>9} {'F1':>6}")
    print(f"{'cosine, best threshold':34} {result['cosine_auc']:6.3f} {cacc:9.3f} {cf1:6.3f}")
    print(f"{'news features, logistic':34} {result['auc']:6.3f} {acc:9.3f} {f1:6.3f}")
    # what each cut of p(same) gives: the align stage merges above same_threshold
    result["cuts"] = {}
    for cut in (0.2, 0.3, 0.4, 0.5, 0.6):
        pred = prob >= cut
        tp = float((pred & (y == 1)).sum())
        precision = tp / max(float(pred.sum()), 1.0)
        recall = tp / max(float(y.sum()), 1.0)
        result["cuts"][str(cut)] = {"precision": round(precision, 4), "recall": round(recall, 4)}
        print(f"  p(same) >= {cut}: precision {precision:.3f} recall {recall:.3f}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--out", type=Path, default=ROOT / "newsprism" / "data" / NEWS_MODEL_FILE)
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--refresh", action="store_true", help="rerun the pipeline")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
    resources = Resources()
    x, y, groups = featurise(rows, resources, args.refresh)
    cv = cross_validate(x, y, groups)
    if args.cv_only:
        return 0
    model = fit_logistic(x, y, NEWS_FEATURES)
    card = {
        "about": "p(same fact) of two claims of one story, logistic over "
        "newsprism.align.news features, trained by scripts/train_news_align.py on "
        f"bench/gold/claim_pairs.jsonl ({len(y)} hand-labelled BASIL claim pairs, "
        f"{int(y.sum())} same); embedder {EMBEDDER_NAME}",
        "cv": cv,
        "same": model.to_dict(),
    }
    args.out.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
