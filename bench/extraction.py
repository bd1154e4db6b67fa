"""Article extraction quality on real pages: newsprism's clean stage against trafilatura.

    .venv/bin/python bench/extraction.py [--set aeb|treval|all] [--limit N] [--worst K]

Two public page sets (see ``bench/extraction_sets.py`` for their formats and scores): AEB
(181 news and blog pages, word 4-gram F1 averaged over pages) and trafilatura's own
evaluation (990 pages, segment precision / recall / F pooled over pages). Each is split
by the hash of the page id: ``tune`` is the half rules and thresholds may be tuned on,
``held`` is reported and never looked at page by page (``--worst`` lists tune pages
only). A page that newsprism rejects counts as empty output.

The baseline is plain ``trafilatura.extract(html, include_comments=False,
include_tables=True)``, measured in the same run on the same bytes. Per half: the scores
of both, ``lost`` (pages where trafilatura extracts something and newsprism nothing) and
``short`` (newsprism keeps under half of the distinct word 3-grams of trafilatura's
text, and trafilatura has at least 50 words: "much shorter" as the clean stage's guard
means it, measured here on the final text). Speed is pages per second for each over
the whole set, and the ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction_sets import (  # noqa: E402
    AEB,
    HALVES,
    TREVAL,
    Page,
    Score,
    load_aeb,
    load_treval,
    segment_counts,
    segment_score,
    shingle_score,
    shingles,
)

from newsprism.clean import clean_document  # noqa: E402
from newsprism.errors import InputError  # noqa: E402
from newsprism.model import Document  # noqa: E402

SHORT_SHARE = 0.5  # newsprism keeps under this share of trafilatura's 3-grams: "short"
SHORT_MIN_WORDS = 50  # ... when trafilatura has at least this many words
PUBLISHED = {"treval": "published: trafilatura 2.2.0 P 0.906 R 0.943 F 0.924 (990 pages)"}


@dataclass
class Run:
    outputs: list[str]
    seconds: float


def run_newsprism(page: Page) -> str:
    try:
        art = clean_document(Document(page.url or page.id, page.html, "text/html"))
    except InputError:
        return ""
    return art.text


def run_trafilatura(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False, include_tables=True) or ""


def measure(pages: list[Page], extract: Callable[[Page], str]) -> Run:
    outputs: list[str] = []
    start = time.perf_counter()
    for page in pages:
        outputs.append(extract(page))
    return Run(outputs, time.perf_counter() - start)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def page_scores(kind: str, pages: list[Page], outputs: list[str]) -> list[Score]:
    """One score per page (for the treval set: that page's own segment score)."""
    if kind == "aeb":
        return [shingle_score(o, p.gold) for o, p in zip(outputs, pages, strict=True)]
    return [segment_score([segment_counts(o, p)]) for o, p in zip(outputs, pages, strict=True)]


def set_score(kind: str, pages: list[Page], outputs: list[str]) -> Score:
    if kind == "aeb":
        scores = page_scores(kind, pages, outputs)
        return Score(
            _mean([s.precision for s in scores]),
            _mean([s.recall for s in scores]),
            _mean([s.f1 for s in scores]),
        )
    return segment_score([segment_counts(o, p) for o, p in zip(outputs, pages, strict=True)])


def losses(ours: list[str], base: list[str]) -> tuple[int, int]:
    """(lost, short) pages, as the module docstring defines them."""
    lost = short = 0
    for o, b in zip(ours, base, strict=True):
        if b.split() and not o.split():
            lost += 1
        elif len(b.split()) >= SHORT_MIN_WORDS:
            theirs = set(shingles(b, 3))
            if len(theirs & set(shingles(o, 3))) < SHORT_SHARE * len(theirs):
                short += 1
    return lost, short


def report(kind: str, pages: list[Page], ours: Run, base: Run, worst: int) -> None:
    title = "AEB, word 4-gram, mean over pages" if kind == "aeb" else "trafilatura_eval, segments"
    print(f"\n{title}: {len(pages)} pages")
    head = f"{'half':<6}{'pages':>6}  {'extractor':<12}{'P':>8}{'R':>8}{'F1':>8}"
    print(f"{head}{'lost':>6}{'short':>6}")
    for half in HALVES:
        idx = [i for i, p in enumerate(pages) if p.half == half]
        sub = [pages[i] for i in idx]
        o_out, b_out = [ours.outputs[i] for i in idx], [base.outputs[i] for i in idx]
        lost, short = losses(o_out, b_out)
        for name, outs, extra in (
            ("newsprism", o_out, f"{lost:>6}{short:>6}"),
            ("trafilatura", b_out, ""),
        ):
            s = set_score(kind, sub, outs)
            print(
                f"{half:<6}{len(sub):>6}  {name:<12}{s.precision:>8.4f}{s.recall:>8.4f}"
                f"{s.f1:>8.4f}{extra}"
            )
    if kind in PUBLISHED:
        print(PUBLISHED[kind])
    n = len(pages)
    print(
        f"pages/s: newsprism {n / ours.seconds:.1f}, trafilatura {n / base.seconds:.1f}, "
        f"ratio {base.seconds / ours.seconds:.2f}"
    )
    mine = page_scores(kind, pages, ours.outputs)
    theirs = page_scores(kind, pages, base.outputs)
    wins = sum(1 for a, b in zip(mine, theirs, strict=True) if a.f1 > b.f1 + 0.01)
    worse = sum(1 for a, b in zip(mine, theirs, strict=True) if a.f1 < b.f1 - 0.01)
    print(f"pages where newsprism is better by >0.01 F1: {wins}, worse: {worse}")
    if worst:
        tune = [i for i, p in enumerate(pages) if p.half == "tune"]
        gaps = sorted(tune, key=lambda i: mine[i].f1 - theirs[i].f1)[:worst]
        for i in gaps:
            print(
                f"  {pages[i].id[:70]:<70} newsprism P={mine[i].precision:.2f}"
                f" R={mine[i].recall:.2f} | trafilatura P={theirs[i].precision:.2f}"
                f" R={theirs[i].recall:.2f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("aeb", "treval", "all"), default="all")
    parser.add_argument("--aeb", type=Path, default=AEB)
    parser.add_argument("--treval", type=Path, default=TREVAL)
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--worst", type=int, default=0, help="list K tune pages newsprism loses")
    args = parser.parse_args(argv)
    sets: list[tuple[str, Callable[[], list[Page]]]] = []
    if args.set in ("aeb", "all"):
        if (args.aeb / "ground-truth.json").is_file():
            sets.append(("aeb", lambda: load_aeb(args.aeb, args.limit)))
        else:
            print(f"skipped AEB: not found at {args.aeb}")
    if args.set in ("treval", "all"):
        if (args.treval / "evaldata.json").is_file():
            sets.append(("treval", lambda: load_treval(args.treval, args.limit)))
        else:
            print(f"skipped trafilatura_eval: not found at {args.treval}")
    total_ours = total_base = 0.0
    total_pages = 0
    for kind, load in sets:
        pages = load()
        run_trafilatura(pages[0])  # warm-up: imports and the libraries' own caches
        run_newsprism(pages[0])
        ours = measure(pages, run_newsprism)
        base = measure(pages, run_trafilatura)
        report(kind, pages, ours, base, args.worst)
        total_ours, total_base = total_ours + ours.seconds, total_base + base.seconds
        total_pages += len(pages)
    if len(sets) > 1:
        print(
            f"\nall {total_pages} pages: newsprism {total_pages / total_ours:.1f} pages/s, "
            f"trafilatura {total_pages / total_base:.1f} pages/s, "
            f"ratio {total_base / total_ours:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
