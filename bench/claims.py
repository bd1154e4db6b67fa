"""Proposition segmentation on PropSegmEnt (Wikipedia sentences split into propositions).

Usage: python bench/claims.py [DATASET_DIR]

DATASET_DIR defaults to ../shared/datasets/claims/propsegment. Gold: the reference response
(``is_reference_response``) of each sentence in ``propositions.dev.json`` whose sentence text
is in ``document_clusters.dev.json`` (the others cannot be scored: their text is not shipped).
A proposition is a set of dataset tokens (punctuation tokens left out on both sides); a
predicted one matches a gold one when the Jaccard of the two sets is >= 0.8, one-to-one,
greedy by Jaccard. Rows, all measured in this run:

* one claim per sentence: the baseline;
* claims stage: the claims ``extract_claims`` finds in the sentence, with its default options
  (clauses, then one claim per proposition); a claim is its ``parts`` when it has them,
  else its ``start``..``end`` span;
* claims, clause split only: the same stage with ``propositions=False`` (the stage before
  propositions were wired in);
* split_propositions: ``split_propositions`` (default options) on the parsed sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.claims import ClaimOptions, extract_claims
from newsprism.claims.propositions import split_propositions
from newsprism.model import Article
from newsprism.resources import Resources

THRESHOLD = 0.8


@dataclass
class Sentence:
    text: str
    tokens: list[tuple[int, int, bool]]  # start, end, is punctuation
    gold: list[set[int]]


def load(root: Path) -> list[Sentence]:
    clusters = json.loads((root / "document_clusters.dev.json").read_text(encoding="utf-8"))
    texts: dict[tuple[str, str, int], dict[str, Any]] = {}
    for c in clusters:
        for d in c["documents"]:
            for i, s in enumerate(d["sentences"]):
                texts[(c["cluster_id"], d["document_id"], i)] = s
    out = []
    for item in json.loads((root / "propositions.dev.json").read_text(encoding="utf-8")):
        sid = item["sentence_id"]
        sent = texts.get((sid["cluster_id"], sid["document_id"], sid["sentence_index"]))
        refs = [r for r in item["segmentation_responses"] if r["is_reference_response"]]
        if sent is None or not refs:
            continue
        toks = []
        for t in sent["tokens"]:
            start = t["character_offset_of_token_in_sentence"]
            toks.append((start, start + len(t["text"]), not any(ch.isalnum() for ch in t["text"])))
        gold = [{i for i in p["token_indices"] if not toks[i][2]} for p in refs[0]["propositions"]]
        out.append(Sentence(sent["sentence_text"], toks, [g for g in gold if g]))
    return out


def to_tokens(sent: Sentence, parts: Sequence[tuple[int, int]]) -> set[int]:
    """Dataset tokens (not punctuation) that overlap any of the character spans."""
    return {
        i for i, (s, e, punct) in enumerate(sent.tokens)
        if not punct and any(s < pe and ps < e for ps, pe in parts)
    }  # fmt: skip


def matches(gold: Sequence[set[int]], pred: Sequence[set[int]]) -> int:
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            union = len(g | p)
            jac = len(g & p) / union if union else 0.0
            if jac >= THRESHOLD:
                pairs.append((jac, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g)


def prf(sents: Sequence[Sentence], preds: Sequence[list[set[int]]]) -> tuple[float, ...]:
    hit = sum(matches(s.gold, p) for s, p in zip(sents, preds, strict=True))
    n_gold = sum(len(s.gold) for s in sents)
    n_pred = sum(len(p) for p in preds)
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), n_pred


def claim_predictions(
    sents: Sequence[Sentence], articles: Sequence[Article], resources: Resources,
    options: ClaimOptions,
) -> list[list[set[int]]]:  # fmt: skip
    """Per sentence, the token sets of its claims: a claim's parts, or its span."""
    spans: dict[str, list[Sequence[tuple[int, int]]]] = {}
    for c in extract_claims(articles, resources, options):
        spans.setdefault(c.article, []).append(c.parts or ((c.start, c.end),))
    out = []
    for s, a in zip(sents, articles, strict=True):
        got = spans.get(a.id) or [((0, len(s.text)),)]
        out.append([x for x in (to_tokens(s, sp) for sp in got) if x])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root", nargs="?", default="../shared/datasets/claims/propsegment")
    args = ap.parse_args(argv)
    root = Path(args.root)
    if not (root / "propositions.dev.json").is_file():
        print(f"no propositions.dev.json under {root}", file=sys.stderr)
        return 2
    sents = load(root)
    resources = Resources()
    baseline = [[to_tokens(s, [(0, len(s.text))])] for s in sents]
    articles = [Article(id=Article.make_id(s.text), source="propsegment", text=s.text)
                for s in sents]  # fmt: skip
    extract_claims(articles[:2], resources)  # load the model outside the timing
    tc = time.perf_counter()
    claims_pred = claim_predictions(sents, articles, resources, ClaimOptions())
    tc = time.perf_counter() - tc
    clauses_pred = claim_predictions(sents, articles, resources, ClaimOptions(propositions=False))
    t0 = time.perf_counter()
    docs = list(resources.nlp.pipe([s.text for s in sents], batch_size=128))
    t1 = time.perf_counter()
    props_pred = []
    for s, doc in zip(sents, docs, strict=True):
        props = split_propositions(doc)
        chars = [[(doc[i].idx, doc[i].idx + len(doc[i].text)) for i in p] for p in props]
        props_pred.append([x for x in (to_tokens(s, c) for c in chars) if x])
    t2 = time.perf_counter()
    n_gold = sum(len(s.gold) for s in sents)
    print(
        f"PropSegmEnt dev: {len(sents)} sentences with text and a reference response, "
        f"{n_gold} gold propositions; match = token Jaccard >= {THRESHOLD}, one-to-one"
    )
    print(f"{'system':<28}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}")
    base_f1 = 0.0
    rows = (
        ("one claim per sentence", baseline),
        ("claims stage", claims_pred),
        ("claims, clause split only", clauses_pred),
        ("split_propositions", props_pred),
    )
    for name, preds in rows:  # fmt: skip
        p, r, f, n = prf(sents, preds)
        base_f1 = base_f1 or f
        print(
            f"{name:<28}{int(n):>6}{100 * p:8.1f}{100 * r:8.1f}{100 * f:8.1f}"
            f"   ({100 * (f - base_f1):+.1f} vs baseline)"
        )
    print(f"\nclaims stage: {tc:.2f} s for {len(sents)} sentences (spaCy included)")
    print(
        f"split_propositions: spaCy {t1 - t0:.2f} s, rules {t2 - t1:.3f} s for "
        f"{len(sents)} sentences"
    )
    print("reference points (published, test split): T5-Large 55.9 F1, annotators 67.1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
