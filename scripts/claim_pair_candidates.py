"""Candidate claim pairs across outlets of real BASIL events, for people to label.

    .venv/bin/python scripts/claim_pair_candidates.py --out build/pairs/candidates.jsonl

Runs the pipeline on the BASIL development events that are not gold events (the gold
split of ``bench/basil.py`` is left out, so the comparison gold stays unseen), and for each
claim takes its nearest claims by embedding cosine in the other two outlets of its event
(at most ``--k`` each, cosine at least ``--floor``), plus pairs that give a figure or a
date of the same kind. Each row: the pair's texts, the sentences they come from, outlets,
event, cosine. The rows are labelled by hand into ``bench/gold/claim_pairs.jsonl``
(``agree`` / ``conflict`` / ``different``), which trains and tests the claim pair model.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from basil import gold_split, load_events  # noqa: E402


def sentence_of(text: str, start: int, end: int) -> str:
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1)
    hi_n = text.find("\n", end)
    hi = len(text) if hi_n < 0 else hi_n
    return text[lo:hi].strip()[:600]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pairs" / "candidates.jsonl")
    parser.add_argument("--k", type=int, default=2)
    parser.add_argument("--floor", type=float, default=0.45)
    parser.add_argument("--events", type=int, default=0, help="at most this many events (0 all)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    from newsprism.align.text import claim_text
    from newsprism.pipeline import analyze
    from newsprism.resources import Resources

    events = load_events()
    tune, held = gold_split(events)
    free = sorted(e for e in events if e not in set(tune) | set(held))
    if args.events:
        free = free[: args.events]
    arts = [a for e in free for a in events[e]]
    by_url = {a.url: a for a in arts}
    resources = Resources()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "basil.jsonl"
        path.write_text("".join(json.dumps(a.record()) + "\n" for a in arts), encoding="utf-8")
        analysis = analyze([str(path)], resources=resources).analysis
    rows = []
    for story in analysis.stories:
        info = {}
        for art in story.articles:
            src = by_url.get(art.url or "")
            if src is not None:
                info[art.id] = (src.event, src.key, art.text)
        claims = [c for c in story.claims if c.article in info]
        if len({info[c.article][0] for c in claims}) != 1:
            continue
        vecs = np.asarray(resources.embedder.encode([claim_text(c) for c in claims]))
        sims = vecs @ vecs.T
        seen = set()
        for i, a in enumerate(claims):
            for key in ("fox", "nyt", "hpo"):
                js = [
                    j
                    for j, b in enumerate(claims)
                    if info[b.article][1] == key and b.article != a.article
                ]
                js.sort(key=lambda j: -sims[i, j])
                picked = [j for j in js[: args.k] if sims[i, j] >= args.floor]
                typed = [
                    j
                    for j in js[args.k : args.k + 12]
                    if (a.quantities and claims[j].quantities) or (a.dates and claims[j].dates)
                ][:1]
                for j in picked + typed:
                    pair = tuple(sorted((i, j)))
                    if pair in seen:
                        continue
                    seen.add(pair)
                    x, y = claims[pair[0]], claims[pair[1]]
                    rows.append(
                        {
                            "event": info[x.article][0],
                            "a_outlet": info[x.article][1],
                            "b_outlet": info[y.article][1],
                            "a": claim_text(x),
                            "b": claim_text(y),
                            "a_sentence": sentence_of(info[x.article][2], x.start, x.end),
                            "b_sentence": sentence_of(info[y.article][2], y.start, y.end),
                            "a_speaker": x.speaker,
                            "b_speaker": y.speaker,
                            "cosine": round(float(sims[pair[0], pair[1]]), 3),
                        }
                    )
    random.Random(args.seed).shuffle(rows)
    for n, row in enumerate(rows):
        row["id"] = f"p{n:05d}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fp:
        for row in rows:
            fp.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} candidate pairs from {len(free)} events -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
