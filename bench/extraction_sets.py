"""The two public page sets of ``bench/extraction.py``, their scores and their split.

* AEB, the Scrapinghub article extraction benchmark (181 real news and blog pages,
  ``scrapinghub_aeb/html/<id>.html.gz`` and ``ground-truth.json``: id -> {articleBody,
  url}). Scored per page by word 4-gram shingles of the output against the gold body
  (precision, recall, F1), averaged over pages.
* trafilatura's own evaluation (990 real pages, ``trafilatura_eval/html/<file>.gz`` and
  ``evaldata.json``: url -> {file, with, without}). Scored over all segments together:
  a ``with`` segment found in the output (whitespace collapsed on both sides) is a true
  positive, one missing a false negative; a ``without`` segment found is a false
  positive. Precision, recall and F over the pooled counts, as trafilatura's evaluation
  does.

Each set is split in two halves by the SHA-256 of the page id (never by content): tune
on ``tune``, report ``held`` untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "extraction"
AEB = SHARED / "scrapinghub_aeb"
TREVAL = SHARED / "trafilatura_eval"
HALVES = ("tune", "held")
WORD = re.compile(r"\w+", re.UNICODE)
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: bytes
    half: str  # "tune" or "held"
    gold: str = ""  # AEB: the article body
    must: tuple[str, ...] = ()  # trafilatura_eval: segments the text must contain
    must_not: tuple[str, ...] = ()  # ... and must not contain


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def _prf(tp: float, fp: float, fn: float) -> Score:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def halves(ids: list[str]) -> dict[str, str]:
    """id -> "tune" for the first half in SHA-256 order of the ids, "held" for the rest."""
    ranked = sorted(ids, key=lambda i: hashlib.sha256(i.encode("utf-8")).hexdigest())
    cut = (len(ranked) + 1) // 2
    return {page_id: HALVES[0] if n < cut else HALVES[1] for n, page_id in enumerate(ranked)}


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def shingle_score(predicted: str, gold: str) -> Score:
    """AEB's score of one page: word 4-gram precision, recall and F1."""
    pred, true = shingles(predicted), shingles(gold)
    if not pred and not true:
        return Score(1.0, 1.0, 1.0)
    if not pred or not true:
        return Score(0.0, 0.0, 0.0)
    common = sum((pred & true).values())
    return _prf(common, sum(pred.values()) - common, sum(true.values()) - common)


def segment_counts(predicted: str, page: Page) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one trafilatura_eval page."""
    text = SPACE.sub(" ", predicted).strip()
    tp = sum(1 for s in page.must if SPACE.sub(" ", s).strip() in text)
    fp = sum(1 for s in page.must_not if SPACE.sub(" ", s).strip() in text)
    return tp, fp, len(page.must) - tp, len(page.must_not) - fp


def segment_score(counts: list[tuple[int, int, int, int]]) -> Score:
    """Pooled precision, recall and F over the pages' segment counts."""
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    return _prf(tp, fp, fn)


def load_aeb(dataset: Path = AEB, limit: int | None = None) -> list[Page]:
    gold = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    split = halves(list(gold))
    pages: list[Page] = []
    for page_id in sorted(gold)[:limit]:
        path = dataset / "html" / f"{page_id}.html.gz"
        if path.is_file():
            item = gold[page_id]
            html = gzip.decompress(path.read_bytes())
            url = item.get("url") or ""
            pages.append(
                Page(page_id, url, html, split[page_id], gold=item.get("articleBody") or "")
            )
    return pages


def load_treval(dataset: Path = TREVAL, limit: int | None = None) -> list[Page]:
    data = json.loads((dataset / "evaldata.json").read_text(encoding="utf-8"))
    split = halves(list(data))
    pages: list[Page] = []
    for url in sorted(data)[:limit]:
        item = data[url]
        path = dataset / "html" / f"{item['file']}.gz"
        if path.is_file():
            html = gzip.decompress(path.read_bytes())
            must, must_not = tuple(item["with"]), tuple(item["without"])
            pages.append(Page(url, url, html, split[url], must=must, must_not=must_not))
    return pages
