"""clean on the five real seed reports (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.clean import CleanOptions, clean_document
from newsprism.clean.repair import RepairSettings
from newsprism.model import Article, Document

NO_REPAIR = CleanOptions(repair=RepairSettings(enabled=False))


def _clean(seeds_dir: Path, prefix: str, options: CleanOptions = CleanOptions()) -> Article:  # noqa: B008
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return clean_document(Document(str(path), path.read_bytes(), "text/plain"), options)


def test_clean_seeds_post_comments_removed_last_paragraph_kept(seeds_dir: Path) -> None:
    art = _clean(seeds_dir, "002")
    assert art.text.endswith("drawing strong condemnation from arms control advocates.")
    assert "TTG" not in art.text and "toe poppers" not in art.text
    assert "Big question, will we send nukes too?" not in art.text
    comments = [r.text for r in art.removed if r.kind == "comments"]
    assert comments and "toe poppers" in comments[0]
    assert "Big question, will we send nukes too?" in comments[-1]


def test_clean_seeds_post_url_gives_outlet_and_url(seeds_dir: Path) -> None:
    art = _clean(seeds_dir, "002")
    assert art.url is not None and art.url.startswith("https://www.washingtonpost.com/")
    assert art.outlet == "washingtonpost.com"
    assert "washingtonpost.com" not in art.text


def test_clean_seeds_copyright_footer_removed_and_outlet_recovered(seeds_dir: Path) -> None:
    art = _clean(seeds_dir, "000")
    assert "©" not in art.text and "All rights reserved" not in art.text
    assert any(r.kind == "footer" and "Asia Business Daily" in r.text for r in art.removed)
    assert art.outlet == "The Asia Business Daily"
    assert art.text.endswith('said, "Russia uses them anyway."')


def test_clean_seeds_repeated_summary_bullets_appear_once(seeds_dir: Path) -> None:
    art = _clean(seeds_dir, "003")
    bullet = "It is Washington’s second major policy shift in a week"
    assert art.text.count(bullet) == 1
    assert art.text.count("The war, which reached its 1,000-day milestone") == 1
    assert "\n-\n" not in f"\n{art.text}\n"
    assert any(r.kind == "repeated" for r in art.removed)
    # the paraphrase after the bullets is body, not a repeat
    assert "The war, which celebrated its 1,000-day milestone" in art.text


def test_clean_seeds_headline_date_byline_and_closing_promo(seeds_dir: Path) -> None:
    art = _clean(seeds_dir, "001")
    assert art.title == (
        "Biden Authorizes Delivery of Anti-Personnel Mines to Ukraine Amid Heightened Tensions"
    )
    assert art.published == "2024-11-20"
    assert art.byline == ("Yan",)
    assert not art.text.startswith(("World", "Biden Authorizes"))
    assert "Author: Yan" not in art.text and "Stay informed" not in art.text
    assert art.text.endswith(
        "emphasizing the need for global stability and security as the conflict intensifies."
    )
    assert any(r.kind == "promo" and r.text.startswith("Stay informed") for r in art.removed)
    assert "\nDetails of the Decision\n" in art.text  # sub-headings stay, on their own line


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_clean_seeds_every_paragraph_comes_from_input(seeds_dir: Path, prefix: str) -> None:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    source = " ".join(path.read_text(encoding="utf-8").split())
    art = _clean(seeds_dir, prefix, NO_REPAIR)
    assert art.id == Article.make_id(art.text) and art.language == "en" and art.repairs == 0
    for paragraph in art.text.split("\n"):
        assert paragraph and paragraph in source


def test_clean_seeds_glued_words_are_split_and_counted(seeds_dir: Path) -> None:
    art = _clean(seeds_dir, "002")
    for glued in ("urgentactions", "administrationis", "assaultsagainst", "divisionat"):
        assert glued not in art.text
    assert "a sweep of urgent actions that the lame-duck Biden administration is taking" in (
        art.text
    )
    assert art.repairs == len(art.text) - len(_clean(seeds_dir, "002", NO_REPAIR).text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_clean_seeds_cleaning_clean_text_again_changes_nothing(
    seeds_dir: Path, prefix: str
) -> None:
    art = _clean(seeds_dir, prefix)
    again = clean_document(Document("again", art.text.encode("utf-8"), "text/plain"))
    assert again.text == art.text and again.repairs == 0
