"""Story grouping on public data: ECB+ (look-alike events), NewsWCL50, SemEval-2022 task 8.

    .venv/bin/python bench/stories.py

* ECB+ topics 1-35 (``../shared/datasets/stories/ecbplus_dev``): the story label is topic +
  ``ecb``/``ecbplus``, so each topic holds two look-alike events. Adjusted Rand index and
  B-cubed F1 over documents for newsprism (which is not told how many stories there are)
  against TF-IDF + average-link agglomerative clustering given the true number of
  clusters, measured in the same run.
* NewsWCL50: 10 events x 5 outlets must come out as 10 stories.
* SemEval-2022 task 8 (native pairs only, ids ``\\d+_\\d+``): Pearson r between newsprism's
  same-story similarity and the human "Overall" score (1 = same story, 4 = different, so a
  good similarity correlates negatively); also on the English-English pairs alone.
"""

from __future__ import annotations

import csv
import math
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring import ari, bcubed_f1  # noqa: E402

from newsprism.model import Article  # noqa: E402
from newsprism.resources import Resources  # noqa: E402
from newsprism.stories import StoryOptions, group_stories  # noqa: E402
from newsprism.stories.features import content_words, tfidf  # noqa: E402
from newsprism.stories.grouping import article_features, cluster, similarity_matrix  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "stories"
TOKEN = re.compile(r"<token[^>]*>([^<]*)</token>")


def ecbplus() -> tuple[list[Article], list[str]]:
    arts, labels = [], []
    for f in sorted((DATA / "ecbplus_dev").glob("*/*.xml")):
        text = " ".join(TOKEN.findall(f.read_text(encoding="utf-8")))
        suffix = "ecbplus" if "ecbplus" in f.name else "ecb"
        arts.append(Article(id=f.name, source=str(f), text=text))
        labels.append(f.parent.name + suffix)
    return arts, labels


def newswcl() -> tuple[list[Article], list[str]]:
    docs: dict[str, list[str]] = defaultdict(list)
    path = DATA / "newswcl50" / "output_data" / "NewsWCL50.conll"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        docs[cols[0]].append(cols[3])
    arts = [Article(id=d, source=d, text=" ".join(t)) for d, t in sorted(docs.items())]
    return arts, [d.split("/")[0] for d in sorted(docs)]


def labels_of(parts: list[list[int]], n: int) -> list[int]:
    pred = [0] * n
    for k, part in enumerate(parts):
        for i in part:
            pred[i] = k
    return pred


def run_ecb(resources: Resources) -> None:
    arts, labels = ecbplus()
    started = time.perf_counter()
    stories = group_stories(arts, resources.embedder)
    took = time.perf_counter() - started
    index = {a.id: i for i, a in enumerate(arts)}
    ours = labels_of([[index[i] for i in s.articles] for s in stories], len(arts))
    started = time.perf_counter()
    vectors = tfidf([content_words(a.text) for a in arts])
    base = labels_of(cluster(vectors @ vectors.T, -math.inf, len(set(labels))), len(arts))
    base_took = time.perf_counter() - started
    print(f"ECB+ topics 1-35: {len(arts)} documents, {len(set(labels))} true stories")
    print(f"  {'method':<46} {'stories':>7} {'ARI':>6} {'B3 F1':>6} {'s':>6}")
    print(
        f"  {'newsprism (number of stories not given)':<46} {len(stories):>7} "
        f"{ari(labels, ours):6.3f} {bcubed_f1(labels, ours):6.3f} {took:6.1f}"
    )
    print(
        f"  {'TF-IDF + average link (true number given)':<46} {len(set(labels)):>7} "
        f"{ari(labels, base):6.3f} {bcubed_f1(labels, base):6.3f} {base_took:6.1f}"
    )
    print(f"  ARI ratio newsprism / baseline: {ari(labels, ours) / ari(labels, base):.2f}")


def run_newswcl(resources: Resources) -> None:
    arts, labels = newswcl()
    stories = group_stories(arts, resources.embedder)
    index = {a.id: i for i, a in enumerate(arts)}
    pred = labels_of([[index[i] for i in s.articles] for s in stories], len(arts))
    pure = sum(len({labels[index[i]] for i in s.articles}) == 1 for s in stories)
    print(
        f"NewsWCL50: {len(arts)} articles -> {len(stories)} stories (10 expected), "
        f"{pure} pure, ARI {ari(labels, pred):.3f}"
    )


def run_semeval(resources: Resources) -> None:
    csv.field_size_limit(10**9)
    path = DATA / "semeval2022_task8" / "training_set.csv"
    with path.open(encoding="utf-8") as fp:
        rows = [r for r in csv.DictReader(fp) if re.fullmatch(r"\d+_\d+", r["pair_id"])]
    texts = sorted({r["text1"] for r in rows} | {r["text2"] for r in rows})
    arts = [Article(id=str(i), source=str(i), text=t or ".") for i, t in enumerate(texts)]
    where = {t: i for i, t in enumerate(texts)}
    sim = similarity_matrix(arts, article_features(arts, resources.embedder), StoryOptions())
    ours = np.array([sim[where[r["text1"]], where[r["text2"]]] for r in rows])
    gold = np.array([float(r["Overall"]) for r in rows])
    english = np.array([r["lang1"] == r["lang2"] == "en" for r in rows])
    r_all = float(np.corrcoef(ours, gold)[0, 1])
    r_en = float(np.corrcoef(ours[english], gold[english])[0, 1])
    print(
        f"SemEval-2022 task 8, {len(rows)} native pairs: Pearson r(similarity, Overall) = "
        f"{r_all:.3f}; English pairs only ({int(english.sum())}): {r_en:.3f} "
        "(negative is right: Overall 1 = same story)"
    )


def main() -> None:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return
    resources = Resources()
    run_ecb(resources)
    run_newswcl(resources)
    run_semeval(resources)


if __name__ == "__main__":
    main()
