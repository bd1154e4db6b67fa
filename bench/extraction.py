"""Article extraction quality on real pages: newsprism's clean stage against trafilatura.

    .venv/bin/python bench/extraction.py [--dataset DIR] [--limit N] [--worst K]

The dataset is the Scrapinghub article extraction benchmark (181 real pages, shipped under
../shared/datasets/extraction/scrapinghub_aeb: ``html/<id>.html.gz`` and
``ground-truth.json`` mapping id -> {articleBody, url}). Each page is scored by word 4-gram
shingles: precision, recall and F1 of the extracted text's shingles against the gold
body's, averaged over pages. A page that is rejected (no article found) counts as empty
output (precision, recall and F1 of 0). The baseline is plain
``trafilatura.extract(html, include_comments=False)``, measured in the same run on the
same bytes. Speed is pages per second for each, and the ratio.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.clean import clean_document  # noqa: E402
from newsprism.errors import InputError  # noqa: E402
from newsprism.model import Document  # noqa: E402

DATASET = ROOT.parent / "shared" / "datasets" / "extraction" / "scrapinghub_aeb"
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: bytes
    gold: str


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def score(predicted: str, gold: str) -> Score:
    pred, true = shingles(predicted), shingles(gold)
    if not pred and not true:
        return Score(1.0, 1.0, 1.0)
    if not pred or not true:
        return Score(0.0, 0.0, 0.0)
    common = sum((pred & true).values())
    p, r = common / sum(pred.values()), common / sum(true.values())
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def load(dataset: Path, limit: int | None) -> list[Page]:
    gold = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for page_id in sorted(gold)[:limit]:
        path = dataset / "html" / f"{page_id}.html.gz"
        if path.is_file():
            item = gold[page_id]
            pages.append(
                Page(
                    page_id,
                    item.get("url") or "",
                    gzip.decompress(path.read_bytes()),
                    item.get("articleBody") or "",
                )
            )
    return pages


def run_newsprism(page: Page) -> str:
    try:
        art = clean_document(Document(page.url or page.id, page.html, "text/html"))
    except InputError:
        return ""
    return art.text


def run_trafilatura(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False) or ""


def measure(
    pages: list[Page], extract: Callable[[Page], str]
) -> tuple[list[Score], list[str], float]:
    outputs: list[str] = []
    start = time.perf_counter()
    for page in pages:
        outputs.append(extract(page))
    elapsed = time.perf_counter() - start
    return [score(o, p.gold) for o, p in zip(outputs, pages, strict=True)], outputs, elapsed


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--worst", type=int, default=0, help="list K pages newsprism loses")
    args = parser.parse_args(argv)
    if not (args.dataset / "ground-truth.json").is_file():
        print(f"skipped: dataset not found at {args.dataset}")
        return 0
    pages = load(args.dataset, args.limit)
    run_trafilatura(pages[0])  # warm-up: imports and trafilatura's own caches
    run_newsprism(pages[0])
    ours, our_out, our_time = measure(pages, run_newsprism)
    base, base_out, base_time = measure(pages, run_trafilatura)
    print(f"{len(pages)} pages from {args.dataset}")
    print(f"{'extractor':<14}{'precision':>10}{'recall':>10}{'F1':>10}{'empty':>7}{'pages/s':>10}")
    for name, scores, outs, elapsed in (
        ("newsprism", ours, our_out, our_time),
        ("trafilatura", base, base_out, base_time),
    ):
        print(
            f"{name:<14}{_mean([s.precision for s in scores]):>10.4f}"
            f"{_mean([s.recall for s in scores]):>10.4f}{_mean([s.f1 for s in scores]):>10.4f}"
            f"{sum(1 for o in outs if not o):>7}{len(pages) / elapsed:>10.1f}"
        )
    wins = sum(1 for a, b in zip(ours, base, strict=True) if a.f1 > b.f1 + 0.01)
    losses = sum(1 for a, b in zip(ours, base, strict=True) if a.f1 < b.f1 - 0.01)
    print(f"speed ratio newsprism/trafilatura: {base_time / our_time:.2f}")
    print(f"pages where newsprism is better by >0.01 F1: {wins}, worse: {losses}")
    if args.worst:
        gaps = sorted(range(len(pages)), key=lambda i: ours[i].f1 - base[i].f1)[: args.worst]
        for i in gaps:
            print(
                f"  {pages[i].id[:12]} newsprism P={ours[i].precision:.2f} R={ours[i].recall:.2f}"
                f" | trafilatura P={base[i].precision:.2f} R={base[i].recall:.2f}  {pages[i].url}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
