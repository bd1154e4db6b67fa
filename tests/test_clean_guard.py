"""The clean stage never loses what plain trafilatura keeps (``clean.guard``).

Pages we wrote, and real pages from ../shared/datasets/extraction (skipped when absent).
"""
# ruff: noqa: E501  (article text is kept as written, one paragraph a line)

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism.clean import CleanOptions, clean_document
from newsprism.clean.guard import GuardSettings, accepts, kept_share
from newsprism.model import Document

FERRY = [
    "Ferry crews in the northern harbour returned to work on Sunday morning after their union accepted a pay offer that ends a nine-day strike, the operator said.",
    "The agreement gives deckhands and engineers a raise of 6.5 percent this year and a further 3 percent next spring, according to a statement from the union.",
    "The operator said the full timetable would be restored by Monday evening, once safety checks on the three larger vessels were finished.",
    "Local businesses on the islands said they had lost as much as a third of their usual weekly trade while the strike lasted.",
]

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Boat crews train on the river</title></head>
<body><div id="content"><h1>Boat crews train on the river</h1>
<p>The volunteer fire brigade's boat crews trained on the river on Saturday, practising how to launch the two rescue boats from the slipway at low water.</p>
<p>Each crew member must hold a boat licence, and the brigade runs its own course every spring for new members, the brigade's chief said.</p>
<p>Next month the crews will train at night with the police divers from the neighbouring district.</p>
</div></body></html>"""


def test_clean_guard_xhtml_page_with_an_encoding_declaration_is_read() -> None:
    # lxml refuses a str that declares its encoding; such pages used to be rejected
    art = clean_document(Document("boats.xhtml", XHTML.encode("utf-8"), "text/html"))
    assert art.text.startswith("The volunteer fire brigade's boat crews trained on the river")
    assert art.text.endswith("with the police divers from the neighbouring district.")


def test_clean_guard_a_repeated_block_counts_once() -> None:
    baseline = "\n".join(FERRY + FERRY)  # an extraction that printed the article twice
    # half of its words, but all of its 3-grams bar the two that span the seam
    assert kept_share("\n".join(FERRY), baseline) > 0.95


def test_clean_guard_rejects_a_text_that_kept_under_half() -> None:
    baseline = "\n".join(FERRY)
    assert accepts("\n".join(FERRY[:3]), baseline, GuardSettings())
    assert not accepts(FERRY[0], baseline, GuardSettings())
    assert accepts(FERRY[0], baseline, GuardSettings(enabled=False))


def _treval_page(datasets_dir: Path, file_name: str) -> bytes:
    path = datasets_dir / "extraction" / "trafilatura_eval" / "html" / f"{file_name}.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return gzip.decompress(path.read_bytes())


def _trafilatura(page: bytes) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False, include_tables=True) or ""


def test_clean_guard_keeps_a_tutorial_the_comment_rule_would_cut(datasets_dir: Path) -> None:
    # a Python tutorial whose "Pros:" / "Cons:" lists read like signed reader comments
    page = _treval_page(datasets_dir, "pluralsight.com.python.html")
    doc = Document("pluralsight.html", page, "text/html")
    unguarded = clean_document(doc, CleanOptions(guard=GuardSettings(enabled=False)))
    guarded = clean_document(doc)
    baseline = _trafilatura(page)
    assert kept_share(unguarded.text, baseline) < 0.5  # what the rules alone keep
    assert kept_share(guarded.text, baseline) >= 0.9
    assert "Cons:" in guarded.text.split("\n")
    assert not any(r.kind == "comments" for r in guarded.removed)


def _outside_pages(datasets_dir: Path, n: int) -> list[tuple[str, bytes]]:
    pages: list[tuple[str, bytes]] = []
    aeb = datasets_dir / "extraction" / "scrapinghub_aeb"
    treval = datasets_dir / "extraction" / "trafilatura_eval"
    if not (aeb / "ground-truth.json").is_file() or not (treval / "evaldata.json").is_file():
        pytest.skip("the extraction page sets are absent")
    for page_id in sorted(json.loads((aeb / "ground-truth.json").read_text("utf-8")))[-n:]:
        pages.append((page_id, gzip.decompress((aeb / "html" / f"{page_id}.html.gz").read_bytes())))
    items = json.loads((treval / "evaldata.json").read_text("utf-8"))
    for url in sorted(items)[-n:]:
        path = treval / "html" / f"{items[url]['file']}.gz"
        pages.append((url, gzip.decompress(path.read_bytes())))
    return pages


def test_clean_guard_outside_pages_keep_what_trafilatura_keeps(datasets_dir: Path) -> None:
    short: list[str] = []
    for name, page in _outside_pages(datasets_dir, 25):
        baseline = _trafilatura(page)
        if len(baseline.split()) < 10:
            continue
        art = clean_document(Document(name, page, "text/html"))
        if kept_share(art.text, baseline) < 0.5:
            short.append(name)
    assert short == []


def test_clean_guard_a_short_baseline_may_not_be_lost_entirely() -> None:
    baseline = "Ferry strike ends after nine days"  # too short to compare shares
    assert accepts("Ferry strike ends", baseline, GuardSettings())
    assert not accepts("", baseline, GuardSettings())
