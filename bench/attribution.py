"""Who said what: our claims' speaker, cue and content spans against PolNeAR annotations.

Usage: python bench/attribution.py [DATASET_DIR] [--split dev|train] [--limit N] [--errors N]

DATASET_DIR defaults to ../shared/datasets/attribution/polnear. Each article has one brat
``.ann`` file per annotator; the first annotator in sorted file-name order is used for every
article. Gold spans are the ``Source``, ``Cue`` and ``Content`` text-bound annotations (a
discontinuous one counts as its fragments). Predicted spans come from attributed claims
(a speaker or a cited outlet written in the claim; a quote that only carries on the previous
sentence's speaker is left out, as PolNeAR joins it to that content): speaker span (else the
outlet's span) -> Source, cue span -> Cue, content span -> Content.

Scores: precision, recall and F1 with one-to-one greedy matching, exact (same fragments
after trimming spaces and edge punctuation) and overlap (any shared character). The
baseline, measured in the same run, takes every sentence with a reporting verb: content =
the whole sentence, cue = the verb, source = the verb's subject phrase.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.claims import extract_claims_timed
from newsprism.claims.attribution import speech_lemma
from newsprism.claims.sentences import split_sentences
from newsprism.model import Article, Claim
from newsprism.resources import Resources

KINDS = ("Source", "Cue", "Content")
_EDGE = " \t\n.,;:\"“”‘’'"
Span = tuple[tuple[int, int], ...]  # fragments


@dataclass
class Doc:
    name: str
    text: str
    annotator: str
    gold: dict[str, list[Span]] = field(default_factory=dict)


def parse_ann(text: str) -> dict[str, list[Span]]:
    """Text-bound Source / Cue / Content annotations of one brat file."""
    out: dict[str, list[Span]] = {k: [] for k in KINDS}
    for line in text.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        kind, _, offsets = parts[1].partition(" ")
        if kind not in out:
            continue
        frags = []
        for frag in offsets.split(";"):
            s, e = frag.split()
            frags.append((int(s), int(e)))
        out[kind].append(tuple(frags))
    return out


def load(root: Path, split: str, limit: int | None) -> list[Doc]:
    texts = sorted((root / split / "text").glob("*.txt"))
    anns = sorted((root / split / "attributions").glob("*.ann"))
    docs = []
    for path in texts[:limit] if limit else texts:
        mine = [a for a in anns if a.name.startswith(path.stem + "_")]
        if not mine:
            continue
        first = mine[0]
        doc = Doc(path.stem, path.read_text(encoding="utf-8"), first.stem[len(path.stem) + 1 :])
        doc.gold = parse_ann(first.read_text(encoding="utf-8"))
        docs.append(doc)
    return docs


def _trimmed(text: str, span: Span) -> Span:
    out = []
    for s, e in span:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def _overlap(a: Span, b: Span) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(text: str, gold: Sequence[Span], pred: Sequence[Span], exact: bool) -> int:
    """Number of one-to-one matches (greedy, largest overlap first)."""
    if exact:
        g = [_trimmed(text, s) for s in gold]
        p = [_trimmed(text, s) for s in pred]
        pairs = [(1, i, j) for i, a in enumerate(g) for j, b in enumerate(p) if a == b]
    else:
        pairs = [(_overlap(a, b), i, j) for i, a in enumerate(gold) for j, b in enumerate(pred)]
        pairs = [x for x in pairs if x[0] > 0]
    used_g: set[int] = set()
    used_p: set[int] = set()
    n = 0
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            n += 1
    return n


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    hit: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.hit / self.pred if self.pred else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(docs: Sequence[Doc], preds: Sequence[dict[str, list[Span]]]) -> dict[str, Tally]:
    out = {f"{k} {m}": Tally() for k in KINDS for m in ("exact", "overlap")}
    for doc, pred in zip(docs, preds, strict=True):
        for kind in KINDS:
            for mode in ("exact", "overlap"):
                t = out[f"{kind} {mode}"]
                t.gold += len(doc.gold[kind])
                t.pred += len(pred[kind])
                t.hit += match(doc.text, doc.gold[kind], pred[kind], mode == "exact")
    return out


def claim_spans(claims: Iterable[Claim]) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {k: [] for k in KINDS}
    for c in claims:
        if c.speaker is None and c.via is None:
            continue
        if c.cue_start is None and c.speaker_start is None and c.via_start is None:
            continue  # a quote that carries on the previous sentence's attribution
        if c.speaker_start is not None and c.speaker_end is not None:
            out["Source"].append(((c.speaker_start, c.speaker_end),))
        elif c.via_start is not None and c.via_end is not None:
            out["Source"].append(((c.via_start, c.via_end),))
        if c.cue_start is not None and c.cue_end is not None:
            out["Cue"].append(((c.cue_start, c.cue_end),))
        out["Content"].append(((c.content_start, c.content_end),))
    return out


def baseline(docs: Sequence[Doc], resources: Resources) -> list[dict[str, list[Span]]]:
    """Every sentence with a reporting verb: content = sentence, source = the verb's nsubj."""
    sents = [[(s.start, s.end) for s in split_sentences(d.text)] for d in docs]
    texts = [d.text[s:e] for d, ss in zip(docs, sents, strict=True) for s, e in ss]
    parsed = iter(resources.nlp.pipe(texts, batch_size=256))
    out = []
    for ss in sents:
        pred: dict[str, list[Span]] = {k: [] for k in KINDS}
        for s, e in ss:
            sd = next(parsed)
            verb = next((t for t in sd if t.pos_ == "VERB" and speech_lemma(t.text)), None)
            if verb is None:
                continue
            pred["Content"].append(((s, e),))
            pred["Cue"].append(((s + verb.idx, s + verb.idx + len(verb.text)),))
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                toks = list(subj.subtree)
                pred["Source"].append(((s + toks[0].idx, s + toks[-1].idx + len(toks[-1].text)),))
        out.append(pred)
    return out


def _table(title: str, ours: dict[str, Tally], base: dict[str, Tally]) -> None:
    print(f"\n{title}")
    print(f"{'span':<18}{'gold':>6}{'pred':>6}  {'P':>6}{'R':>6}{'F1':>6}   baseline P/R/F1")
    for key, t in ours.items():
        p, r, f = t.prf()
        bp, br, bf = base[key].prf()
        print(f"{key:<18}{t.gold:>6}{t.pred:>6}  {p:6.3f}{r:6.3f}{f:6.3f}   "
              f"{bp:.3f}/{br:.3f}/{bf:.3f}")  # fmt: skip


def _errors(docs: Sequence[Doc], preds: Sequence[dict[str, list[Span]]], n: int) -> None:
    """Print gold Source and Content spans that no prediction overlaps (for error study)."""
    shown = 0
    for doc, pred in zip(docs, preds, strict=True):
        for kind in ("Content", "Source"):
            for g in doc.gold[kind]:
                if shown >= n:
                    return
                if not any(_overlap(g, p) for p in pred[kind]):
                    frag = re.sub(r"\s+", " ", " … ".join(doc.text[s:e] for s, e in g))
                    print(f"MISS {kind} [{doc.name}]: {frag[:160]}")
                    shown += 1


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root", nargs="?", default="../shared/datasets/attribution/polnear")
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print N missed gold spans")
    args = ap.parse_args(argv)
    docs = load(Path(args.root), args.split, args.limit)
    if not docs:
        print(f"no annotated articles under {args.root}/{args.split}", file=sys.stderr)
        return 2
    resources = Resources()
    articles = [Article(id=Article.make_id(d.text), source=d.name, text=d.text) for d in docs]
    extract_claims_timed(articles[:2], resources)  # load the models outside the timing
    t0 = time.perf_counter()
    claims, timings = extract_claims_timed(articles, resources)
    wall = time.perf_counter() - t0
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article, []).append(c)
    preds = [claim_spans(by_article.get(a.id, [])) for a in articles]
    base = baseline(docs, resources)
    annotators = sorted({d.annotator for d in docs})
    print(
        f"PolNeAR {args.split}: {len(docs)} articles, first annotator per article in "
        f"sorted file names ({len(annotators)} ids: {', '.join(annotators)})"
    )
    _table("claims.rules-spacy vs baseline", score(docs, preds), score(docs, base))
    print(f"\nthroughput: {timings.claims} claims in {wall:.2f} s -> {timings.claims / wall:.0f} "
          f"claims/s; sentences {timings.sentences:.2f} s, spaCy {timings.spacy:.2f} s, rules "
          f"{timings.rules:.2f} s")  # fmt: skip
    if args.errors:
        print()
        _errors(docs, preds, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
