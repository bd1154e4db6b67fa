"""compare decides a story's first report and blindspots once (compare/outcome.py)."""

from __future__ import annotations

from newsprism.compare import CompareOptions, first_report, story_outcome
from newsprism.model import Article, ClaimGroup, Derivation


def _art(aid: str, published: str | None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text="x", outlet=aid.upper(), published=published)


def test_compare_outcome_a_later_rewrite_of_a_wire_is_never_first() -> None:
    wire = _art("wire", "2024-05-02")
    aggregator = _art("agg", "2024-05-01")  # dated a day earlier, but it rewrites the wire
    edges = [Derivation("agg", "wire", "rewrite", "same sentences", 0.8)]
    assert first_report([aggregator, wire], edges, 0.5) == "wire"


def test_compare_outcome_an_article_that_credits_another_is_not_first() -> None:
    post, other = _art("post", "2024-05-02"), _art("other", "2024-05-01")
    edges = [Derivation("other", "post", "citation", "first reported by the Post", 0.9)]
    assert first_report([other, post], edges, 0.5) == "post"


def test_compare_outcome_undated_source_comes_before_what_takes_from_it() -> None:
    source, copy = _art("src", None), _art("copy", "2024-05-01")
    lone = _art("lone", None)
    edges = [Derivation("copy", "src", "copy", "word for word", 0.95)]
    assert first_report([lone, copy, source], edges, 0.5) == "src"


def test_compare_outcome_reporting_of_its_own_comes_before_an_outside_wire_copy() -> None:
    own, relay = _art("own", "2024-05-02"), _art("relay", "2024-05-01")
    edges = [Derivation("relay", "Reuters", "copy", "Reuters credit", 0.9, external=True)]
    assert first_report([relay, own], edges, 0.5) == "own"


def test_compare_outcome_blindspots_list_the_articles_that_leave_a_fact_out() -> None:
    arts = [_art("a", "2024-05-01"), _art("b", "2024-05-01"), _art("c", "2024-05-02")]
    groups = [ClaimGroup("g1", ("a:0-1", "b:0-1"), ("a", "b"), 2, "corroborated")]
    first, spots = story_outcome(arts, groups, [], CompareOptions())
    assert (first, spots) == ("a", (("g1", ("c",)),))
