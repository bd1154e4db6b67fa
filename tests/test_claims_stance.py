"""What a clause does: states a fact, asks, calls to action, or gives an opinion
(claims/stance.py), on sentences written like news and on real BASIL articles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsprism.claims import extract_claims
from newsprism.model import Article, Claim
from newsprism.resources import Resources


def _claims(resources: Resources, text: str) -> list[Claim]:
    art = Article(id=Article.make_id(text), source="t", text=text, published="2024-11-20")
    return extract_claims([art], resources)


def _opinion(resources: Resources, text: str) -> bool:
    (claim,) = _claims(resources, text)
    return claim.opinion


def test_claims_stance_plain_fact_is_not_an_opinion(resources: Resources) -> None:
    assert not _opinion(resources, "The council approved the budget by a 7-2 vote on Monday.")


def test_claims_stance_prescription_is_an_opinion(resources: Resources) -> None:
    assert _opinion(resources, "“Lawmakers should pass the bill before the recess,” she said.")


def test_claims_stance_first_person_belief_is_an_opinion(resources: Resources) -> None:
    assert _opinion(resources, "“I think the mayor made a serious mistake,” the councillor said.")


def test_claims_stance_graded_evaluation_is_an_opinion(resources: Resources) -> None:
    assert _opinion(resources, "The governor's speech was strikingly grim for an inauguration.")


def test_claims_stance_speculation_about_chances_is_an_opinion(resources: Resources) -> None:
    text = "There is always a chance that the rebels could win more seats than expected."
    assert _opinion(resources, text)


def test_claims_stance_quoted_imperative_is_an_opinion(resources: Resources) -> None:
    assert _opinion(resources, "“Cancel the summit now,” the senator wrote on social media.")


def test_claims_stance_question_is_not_a_claim(resources: Resources) -> None:
    text = (
        "“Is this how the new majority will govern?” the minority leader asked reporters. "
        "Who will pay for the repairs?"
    )
    assert _claims(resources, text) == []


def test_claims_stance_call_to_action_is_not_a_claim(resources: Resources) -> None:
    text = "Sign up for our newsletter to get the latest news. The bridge reopened on Tuesday."
    assert [c.statement for c in _claims(resources, text)] == ["The bridge reopened on Tuesday."]


def test_claims_stance_opinion_counts_for_no_corroboration() -> None:
    from newsprism.compare.groups import build_groups
    from newsprism.compare.options import CompareOptions

    arts = [Article(id=f"a{i}", source=f"a{i}.txt", text="x", outlet=f"Outlet {i}") for i in (1, 2)]
    said = [Claim(f"a{i}:0-1", f"a{i}", "x", 0, 1, "x", 0, 1, opinion=True) for i in (1, 2)]
    (group,) = build_groups(arts, said, [tuple(c.id for c in said)], [], set(), CompareOptions())
    assert (group.status, group.independent_sources) == ("opinion", 0)


def test_claims_stance_real_news_has_no_question_or_repeated_statement(
    resources: Resources, datasets_dir: Path
) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from basil import load_events
    from claims_quality import part_events

    events = load_events(datasets_dir / "multi_outlet" / "basil_dev")
    if not events:
        pytest.skip("no BASIL events")
    arts = [
        Article(id=Article.make_id(a.text), source=a.key, text=a.text, published=a.published[:10])
        for event in part_events(events, "tune")[:3]
        for a in events[event]
    ]
    claims = extract_claims(arts, resources)
    assert claims
    assert not [c.statement for c in claims if c.statement.rstrip("”\"’' ").endswith("?")]
    seen: set[tuple[str, str, str | None]] = set()
    for c in claims:
        key = (c.article, c.statement.lower(), c.speaker)
        assert key not in seen, c.statement
        seen.add(key)
