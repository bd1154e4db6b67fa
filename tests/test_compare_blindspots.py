"""compare: which articles leave out a corroborated claim."""

from __future__ import annotations

from newsprism.compare import claim_blindspots
from newsprism.model import Article, ClaimGroup


def art(aid: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text="The bridge reopened on Monday.")


def test_compare_blindspots_lists_articles_missing_a_corroborated_claim() -> None:
    arts = [art("a1"), art("a2"), art("a3")]
    groups = [
        ClaimGroup("g1", ("a1:0-5", "a2:0-5"), ("a1", "a2"), 2, "corroborated"),
        ClaimGroup("g2", ("a3:0-5",), ("a3",), 1, "single_source"),
        ClaimGroup("g3", ("a1:9-20", "a2:9-20", "a3:9-20"), ("a1", "a2", "a3"), 3, "corroborated"),
    ]
    assert claim_blindspots(arts, groups) == {"g1": ("a3",)}
