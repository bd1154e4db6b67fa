"""compare: opposite predicates ("rose" vs "fell") between claims of one fact."""

from __future__ import annotations

from newsprism.compare.opposites import opposite_findings
from newsprism.compare.options import CompareOptions
from newsprism.model import Claim


def claim(aid: str, text: str, negated: bool = False) -> Claim:
    return Claim(
        id=Claim.make_id(aid, 0, len(text)), article=aid, text=text, start=0, end=len(text),
        content=text, content_start=0, content_end=len(text), negated=negated,
    )  # fmt: skip


def test_opposites_direction_is_a_conflict() -> None:
    a = claim("a1", "Fuel prices rose sharply in March, the statistics office said.")
    b = claim("a2", "Fuel prices fell sharply in March, the statistics office said.")
    (f,) = opposite_findings(a, b, CompareOptions())
    assert (f.kind, f.value_a, f.value_b, f.what) == ("negation", "rose", "fell", "direction")


def test_opposites_decision_is_a_conflict() -> None:
    a = claim("a1", "The regional council approved the new tram line on Tuesday.")
    b = claim("a2", "On Tuesday the regional council rejected the new tram line.")
    (f,) = opposite_findings(a, b, CompareOptions())
    assert (f.value_a, f.value_b) == ("approved", "rejected")


def test_opposites_synonyms_are_not_a_conflict() -> None:
    a = claim("a1", "Fuel prices rose sharply in March.")
    b = claim("a2", "Fuel prices climbed sharply in March.")
    assert opposite_findings(a, b, CompareOptions()) == []


def test_opposites_negated_opposite_agrees() -> None:
    # "did not rise" and "fell" do not contradict each other
    a = claim("a1", "Fuel prices did not rise in March.", negated=True)
    b = claim("a2", "Fuel prices fell in March.")
    assert opposite_findings(a, b, CompareOptions()) == []


def test_opposites_claim_with_both_sides_is_not_a_conflict() -> None:
    a = claim("a1", "Two climbers died and three survived the avalanche.")
    b = claim("a2", "Three climbers survived the avalanche.")
    assert opposite_findings(a, b, CompareOptions()) == []


def test_opposites_about_different_things_are_not_a_conflict() -> None:
    a = claim("a1", "Exports of wheat rose in March.")
    b = claim("a2", "The number of tourists visiting the coast fell.")
    assert opposite_findings(a, b, CompareOptions()) == []
