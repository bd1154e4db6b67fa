"""Golden pasted-text cases (tests/fixtures/clean, written by us): exact clean text.

Each case is ``<name>.input.txt`` (what a person pastes, furniture and all) and
``<name>.expected.txt`` (the clean text, one paragraph a line).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsprism.clean import clean_document
from newsprism.model import Article, Document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "clean"
CASES = sorted(p.name.removesuffix(".input.txt") for p in FIXTURES.glob("*.input.txt"))


def _case(name: str) -> tuple[str, str, Article]:
    raw = (FIXTURES / f"{name}.input.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{name}.expected.txt").read_text(encoding="utf-8").rstrip("\n")
    art = clean_document(Document(f"{name}.input.txt", raw.encode("utf-8"), "text/plain"))
    return raw, expected, art


def _letters(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_clean_golden_cases_are_found() -> None:
    assert {"comments", "footer_promo", "glued_words", "summary_bullets"} <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_clean_golden_exact_clean_text(name: str) -> None:
    _, expected, art = _case(name)
    assert art.text == expected


@pytest.mark.parametrize("name", CASES)
def test_clean_golden_no_body_paragraph_lost_or_invented(name: str) -> None:
    raw, expected, art = _case(name)
    kept = art.text.split("\n")
    for paragraph in expected.split("\n"):
        assert paragraph in kept  # nothing of the body is lost
        assert _letters(paragraph) in _letters(raw)  # and it is the outlet's text


def test_clean_golden_comment_thread_removed_as_one_block() -> None:
    _, _, art = _case("comments")
    comments = [r.text for r in art.removed if r.kind == "comments"]
    assert len(comments) == 1 and "fixed the drains first" in comments[0]
    assert art.byline == ("Carla Nunes",) and art.published == "2024-04-09"
    assert art.url == "https://www.rivertownpost.example/news/2024/04/09/flood-barrier-approved"


def test_clean_golden_summary_bullets_kept_once() -> None:
    _, _, art = _case("summary_bullets")
    assert art.text.count("two night trains a week instead of five") == 1
    assert [r.kind for r in art.removed].count("repeated") == 2


def test_clean_golden_footer_and_promo_recorded() -> None:
    _, _, art = _case("footer_promo")
    kinds = {(r.kind, r.text) for r in art.removed}
    assert ("footer", "© 2023 The Coastal Herald. All rights reserved.") in kinds
    assert ("promo", "Sign up for breaking news alerts") in kinds
    assert art.outlet == "The Coastal Herald"


def test_clean_golden_glued_words_counted() -> None:
    raw, _, art = _case("glued_words")
    assert art.repairs == 3
    assert "the health department would fund" in art.text and "healthdepartment" in raw
