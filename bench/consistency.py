"""Flagging a statement that misstates its source: newsprism.check on SummEdits (news).

    .venv/bin/python bench/consistency.py [--limit N]

Each row of ``../shared/datasets/consistency/summedits/summedits_news.json`` is a news
article, a one-sentence statement, and whether the statement is consistent with it (label 1)
or not (label 0, with the kinds of edit that made it so). A statement is *flagged* when
``check`` says the article ``contradicts`` it or ``does_not_mention`` it. The score is the
balanced accuracy (mean of the recall on inconsistent and on consistent statements).

The baseline, measured in the same run: flag when the highest cosine between the statement
and any sentence of the article is below ``t``, with ``t`` the best threshold on this data
(an optimistic baseline: its threshold is chosen on the data it is scored on).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.api import Checker, as_article  # noqa: E402
from newsprism.claims.sentences import split_sentences  # noqa: E402
from newsprism.resources import Resources  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "consistency" / "summedits" / "summedits_news.json"


def balanced_accuracy(flagged: list[bool], bad: list[bool]) -> float:
    pos = [f for f, b in zip(flagged, bad, strict=True) if b]
    neg = [not f for f, b in zip(flagged, bad, strict=True) if not b]
    tpr = sum(pos) / len(pos) if pos else 0.0
    tnr = sum(neg) / len(neg) if neg else 0.0
    return (tpr + tnr) / 2


def best_threshold(values: np.ndarray, bad: list[bool]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.unique(values):
        score = balanced_accuracy([bool(v < t) for v in values], bad)
        if score > best[1]:
            best = (float(t), score)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N rows only")
    args = parser.parse_args()
    rows = json.loads(args.data.read_text(encoding="utf-8"))
    if args.limit:
        rows = rows[: args.limit]
    resources = Resources()
    checker = Checker(resources)
    articles = {}
    for row in rows:
        if row["doc"] not in articles:
            articles[row["doc"]] = as_article(row["doc"], f"doc{len(articles)}")
    started = time.perf_counter()
    checker.claims_of(list(articles.values()))  # parse each article once
    verdicts: list[str] = []
    kinds: Counter[str] = Counter()
    for row in rows:
        (result,) = checker.check(row["summary"], [articles[row["doc"]]])
        verdicts.append(result.verdict)
        if result.kind:
            kinds[result.kind] += 1
    ours_s = time.perf_counter() - started

    started = time.perf_counter()
    sentence_vectors = {}
    for doc, art in articles.items():
        sents = [art.text[s.start : s.end] for s in split_sentences(art.text, 3, 12)]
        sentence_vectors[doc] = resources.embedder.encode(sents or [art.text])
    statements = resources.embedder.encode([r["summary"] for r in rows])
    max_cos = np.array(
        [float((sentence_vectors[r["doc"]] @ statements[i]).max()) for i, r in enumerate(rows)]
    )
    base_s = time.perf_counter() - started

    bad = [r["label"] == 0 for r in rows]
    flagged = [v != "supports" for v in verdicts]
    ours = balanced_accuracy(flagged, bad)
    t, base = best_threshold(max_cos, bad)
    print(f"rows {len(rows)} ({sum(bad)} inconsistent), articles {len(articles)}")
    print(f"{'method':44} {'bal.acc':>8} {'seconds':>8}")
    print(f"{'newsprism.check (contradicts|not mentioned)':44} {ours:8.3f} {ours_s:8.1f}")
    print(f"{f'max sentence cosine < {t:.3f} (tuned here)':44} {base:8.3f} {base_s:8.1f}")
    print(f"ratio ours / baseline: {ours / base:.3f}")
    print("verdicts:", dict(Counter(verdicts)), " contradiction kinds:", dict(kinds))
    print(f"\n{'edit kind':34} {'rows':>5} {'flagged':>8} {'baseline':>8}")
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r["label"] == 1:
            groups.setdefault("(consistent)", []).append(i)
        else:
            for kind in r["edit_types"] or ["(unlabelled edit)"]:
                groups.setdefault(kind, []).append(i)
    for kind, idx in sorted(groups.items()):
        share = sum(flagged[i] for i in idx) / len(idx)
        base_share = sum(bool(max_cos[i] < t) for i in idx) / len(idx)
        print(f"{kind:34} {len(idx):5d} {share:8.1%} {base_share:8.1%}")


if __name__ == "__main__":
    main()
