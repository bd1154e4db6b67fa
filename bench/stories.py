"""Story grouping on public data: ECB+ (look-alike events), BASIL, NewsWCL50, SemEval-2022
task 8, and incremental ``add`` against batch grouping.

    .venv/bin/python bench/stories.py [--no-incremental]

* ECB+ (``bench/story_data``): each topic holds two look-alike events. Topics 1-25 are
  the only ones the pair model was tuned on; 26-35 are reported untouched; topics above
  35 (kept back by the people who score releases) are reported when present. Each split
  is one batch, in both renderings (``tokens``: the corpus's tokens joined by spaces, as
  in the published figures; ``text``: detokenised). Adjusted Rand index and B-cubed F1
  over documents for newsprism (not told how many stories there are) against TF-IDF +
  average-link agglomerative clustering given the true number of clusters, measured in
  the same run.
* BASIL dev: 92 events of three outlets in one batch; every triplet must come out as one
  story and no story may hold two events. Also each half of ``basil_story_split`` alone
  (the model was tuned on the first).
* NewsWCL50: 10 events x 5 outlets must come out as 10 stories.
* SemEval-2022 task 8 (native pairs only, ids ``\\d+_\\d+``): Pearson r between newsprism's
  same-story probability and the human "Overall" score (1 = same story, 4 = different, so
  a good probability correlates negatively); also on the English-English pairs alone.
* Incremental against batch: the ECB+ topics and BASIL articles fed to
  ``CorpusIndex.assign`` in batches of 25 (ECB+ in file order, BASIL by publication date);
  ARI between the incremental and the batch partition, and of each against the truth.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring import ari, bcubed_f1  # noqa: E402
from story_data import (  # noqa: E402
    STORIES,
    TUNE_TOPICS,
    UNTOUCHED_TOPICS,
    Labelled,
    basil,
    basil_story_split,
    ecb_topics_present,
    ecbplus,
)

from newsprism.model import Article, Story  # noqa: E402
from newsprism.resources import Embedder, Resources  # noqa: E402
from newsprism.stories import group_stories  # noqa: E402
from newsprism.stories.features import content_words, tfidf  # noqa: E402
from newsprism.stories.grouping import article_features, cluster, probability_matrix  # noqa: E402
from newsprism.stories.incremental import CorpusIndex  # noqa: E402
from newsprism.stories.pairs import load_pair_model  # noqa: E402


def predicted(articles: Sequence[Article], stories: Sequence[Story]) -> list[int]:
    where = {a: k for k, s in enumerate(stories) for a in s.articles}
    return [where[a.id] for a in articles]


def baseline(data: Labelled) -> list[int]:
    """TF-IDF over content words, average link, cut at the true number of stories."""
    vectors = tfidf([content_words(a.text) for a in data.articles])
    parts = cluster(vectors @ vectors.T, -math.inf, len(set(data.labels)))
    pred = [0] * len(data)
    for k, part in enumerate(parts):
        for i in part:
            pred[i] = k
    return pred


def run_ecb(embedder: Embedder) -> None:
    present = ecb_topics_present()
    kept_back = [t for t in present if t > max(UNTOUCHED_TOPICS)]
    splits = [("1-25 (tuned on)", TUNE_TOPICS), ("26-35 (untouched)", UNTOUCHED_TOPICS)]
    if kept_back:
        splits.append((f"{kept_back[0]}-{kept_back[-1]} (kept back)", kept_back))
    splits.append(("all present", present))
    print("ECB+ (each split one batch; newsprism is not told the number of stories)")
    print(f"  {'topics':<22} {'rendering':<9} {'docs':>5} {'true':>5} {'found':>5} {'ARI':>6} "
          f"{'B3 F1':>6} {'base ARI':>8} {'base B3':>7} {'ratio':>6} {'s':>5}")  # fmt: skip
    for name, topics in splits:
        for rendering in ("tokens", "text"):
            data = ecbplus(topics, rendering)
            if not len(data):
                continue
            started = time.perf_counter()
            ours = predicted(data.articles, group_stories(data.articles, embedder))
            took = time.perf_counter() - started
            base = baseline(data)
            a, b = ari(data.labels, ours), ari(data.labels, base)
            print(f"  {name:<22} {rendering:<9} {len(data):>5} {len(set(data.labels)):>5} "
                  f"{len(set(ours)):>5} {a:6.3f} {bcubed_f1(data.labels, ours):6.3f} "
                  f"{b:8.3f} {bcubed_f1(data.labels, base):7.3f} {a / b:6.2f} "
                  f"{took:5.1f}")  # fmt: skip


def events_report(data: Labelled, pred: Sequence[int]) -> str:
    parts: dict[str, set[int]] = defaultdict(set)
    events: dict[int, set[str]] = defaultdict(set)
    for label, p in zip(data.labels, pred, strict=True):
        parts[label].add(p)
        events[p].add(label)
    whole = sum(len(v) == 1 for v in parts.values())
    merged = sum(len(v) > 1 for v in events.values())
    return (f"{whole} of {len(parts)} events one story, {merged} stories holding two or "
            f"more events, ARI {ari(data.labels, pred):.3f}")  # fmt: skip


def run_basil(embedder: Embedder) -> None:
    tune, report = basil_story_split()
    print("BASIL dev (each row one batch)")
    rows = (("all 92 events", None), ("tuning half", tune), ("reporting half", report))
    for name, events in rows:
        data = basil(events)
        pred = predicted(data.articles, group_stories(data.articles, embedder))
        print(f"  {name:<15} {events_report(data, pred)}")
        if events is None:
            for line in merged_titles(data, pred):
                print(f"    merged: {line}")


def merged_titles(data: Labelled, pred: Sequence[int]) -> list[str]:
    by_story: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        by_story[p].append(i)
    out = []
    for members in by_story.values():
        if len({data.labels[i] for i in members}) > 1:
            out.append(" | ".join(f"{data.articles[i].published} {data.articles[i].title}"
                                  for i in members))  # fmt: skip
    return out


def newswcl() -> Labelled:
    docs: dict[str, list[str]] = defaultdict(list)
    path = STORIES / "newswcl50" / "output_data" / "NewsWCL50.conll"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        docs[cols[0]].append(cols[3])
    arts = [Article(id=d, source=d, text=" ".join(t)) for d, t in sorted(docs.items())]
    return Labelled(arts, [d.split("/")[0] for d in sorted(docs)])


def run_newswcl(embedder: Embedder) -> None:
    data = newswcl()
    stories = group_stories(data.articles, embedder)
    label = dict(zip((a.id for a in data.articles), data.labels, strict=True))
    pure = sum(len({label[i] for i in s.articles}) == 1 for s in stories)
    pred = predicted(data.articles, stories)
    print(f"NewsWCL50: {len(data)} articles -> {len(stories)} stories (10 expected), "
          f"{pure} pure, ARI {ari(data.labels, pred):.3f}")  # fmt: skip


def run_semeval(embedder: Embedder) -> None:
    csv.field_size_limit(10**9)
    path = STORIES / "semeval2022_task8" / "training_set.csv"
    with path.open(encoding="utf-8") as fp:
        rows = [r for r in csv.DictReader(fp) if re.fullmatch(r"\d+_\d+", r["pair_id"])]
    texts = sorted({r["text1"] for r in rows} | {r["text2"] for r in rows})
    arts = [Article(id=str(i), source=str(i), text=t or ".") for i, t in enumerate(texts)]
    where = {t: i for i, t in enumerate(texts)}
    sim = probability_matrix(article_features(arts, embedder), load_pair_model())
    ours = np.array([sim[where[r["text1"]], where[r["text2"]]] for r in rows])
    gold = np.array([float(r["Overall"]) for r in rows])
    english = np.array([r["lang1"] == r["lang2"] == "en" for r in rows])
    r_all = float(np.corrcoef(ours, gold)[0, 1])
    r_en = float(np.corrcoef(ours[english], gold[english])[0, 1])
    print(f"SemEval-2022 task 8, {len(rows)} native pairs: Pearson r(probability, Overall) = "
          f"{r_all:.3f}; English pairs only ({int(english.sum())}): {r_en:.3f} "
          "(negative is right: Overall 1 = same story)")  # fmt: skip


def incremental(articles: Sequence[Article], embedder: Embedder, batch: int = 25) -> list[int]:
    index = CorpusIndex()
    for start in range(0, len(articles), batch):
        index.assign(articles[start : start + batch], embedder)
    return [index.article_story[a.id] for a in articles]


def run_incremental(embedder: Embedder) -> None:
    print("incremental add (batches of 25) against batch grouping")
    ecb = ecbplus(None, "tokens")
    bas = basil()
    order = sorted(range(len(bas)), key=lambda i: bas.articles[i].published or "")
    bas = Labelled([bas.articles[i] for i in order], [bas.labels[i] for i in order])
    for name, data in (("ECB+ all present topics, tokens", ecb), ("BASIL all 92", bas)):
        started = time.perf_counter()
        inc = incremental(data.articles, embedder)
        took = time.perf_counter() - started
        batch = predicted(data.articles, group_stories(data.articles, embedder))
        print(f"  {name:<32} ARI(add, batch) {ari(batch, inc):.3f}; against the truth: add "
              f"{ari(data.labels, inc):.3f}, batch {ari(data.labels, batch):.3f}; "
              f"add {took:.1f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-incremental", action="store_true")
    args = parser.parse_args()
    if not STORIES.is_dir():
        print(f"skipped: {STORIES} is absent")
        return
    embedder = Resources().embedder
    run_ecb(embedder)
    run_basil(embedder)
    run_newswcl(embedder)
    run_semeval(embedder)
    if not args.no_incremental:
        run_incremental(embedder)


if __name__ == "__main__":
    main()
