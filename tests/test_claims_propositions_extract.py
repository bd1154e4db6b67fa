"""The claims stage gives one claim per atomic proposition: parts, frames, ids, invariants."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.claims import ClaimOptions, extract_claims
from newsprism.model import Article, Claim
from newsprism.resources import Resources


def _article(text: str) -> Article:
    return Article(id=Article.make_id(text), source="test", text=text, published="2025-03-14")


def _claims(resources: Resources, text: str, options: ClaimOptions | None = None) -> list[Claim]:
    return extract_claims([_article(text)], resources, options or ClaimOptions())


def _parts(text: str, claim: Claim) -> list[str]:
    return [text[s:e] for s, e in claim.parts]


def test_claims_propositions_coordinated_verbs_give_two_claims(resources: Resources) -> None:
    text = "The ferry left the harbour at noon and reached the island before dusk."
    first, second = _claims(resources, text)
    assert first.text == "The ferry left the harbour at noon" and first.parts == ()
    assert _parts(text, second) == ["The ferry", "reached the island before dusk"]
    assert second.text == text and second.content == text[: second.content_end]


def test_claims_propositions_attributed_keep_speaker_and_cue(resources: Resources) -> None:
    text = "Mayor Ana Lind said the storm flooded the harbour and destroyed twelve boats."
    claims = _claims(resources, text)
    assert len(claims) == 2
    for c in claims:
        assert c.speaker == "Mayor Ana Lind" and c.cue == "said"
        assert text[c.speaker_start : c.speaker_end] == "Mayor Ana Lind"  # type: ignore[misc]
        assert c.start <= c.speaker_start and c.cue_end <= c.end  # type: ignore[operator]
    assert [q.text for q in claims[0].quantities] == []
    assert [q.text for q in claims[1].quantities] == ["twelve boats"]


def test_claims_propositions_single_fact_stays_one_claim(resources: Resources) -> None:
    text = "The storm hit the coast on Friday evening."
    claims = _claims(resources, text)
    assert len(claims) == 1 and claims[0].parts == () and claims[0].text == text
    assert claims[0].id == Claim.make_id(claims[0].article, 0, len(text))


def test_claims_propositions_negation_stays_with_its_proposition(resources: Resources) -> None:
    text = "The ship was listing slightly but was not taking on water."
    first, second = _claims(resources, text)
    assert not first.negated and second.negated
    assert _parts(text, second)[-1] == "was not taking on water"


def test_claims_propositions_relative_clause_has_its_own_date(resources: Resources) -> None:
    text = "The Havbris, which entered service in 2009, can carry up to 350 passengers."
    claims = _claims(resources, text)
    dated = [c for c in claims if c.dates]
    assert [_parts(text, c) for c in dated] == [["The Havbris", "entered service in 2009"]]
    assert all(not c.quantities for c in dated)


def test_claims_propositions_quote_stays_one_claim(resources: Resources) -> None:
    text = "“The crew stayed calm and the passengers helped each other,” the captain said."
    claims = _claims(resources, text)
    assert len(claims) == 1 and claims[0].quote


def test_claims_propositions_option_off_keeps_clause_claims(resources: Resources) -> None:
    text = "The ferry left the harbour at noon and reached the island before dusk."
    claims = _claims(resources, text, ClaimOptions(propositions=False))
    assert [c.text for c in claims] == [text]


def test_claims_propositions_ids_unique_and_deterministic(resources: Resources) -> None:
    text = (
        "The ferry left the harbour at noon and reached the island before dusk. "
        "Mayor Ana Lind said the storm flooded the harbour and destroyed twelve boats. "
        "The Havbris, which entered service in 2009, can carry up to 350 passengers and 60 cars."
    )
    once = _claims(resources, text)
    again = _claims(resources, text)
    ids = [c.id for c in once]
    assert len(ids) >= 6 and len(set(ids)) == len(ids)
    assert ids == [c.id for c in again]
    assert all(c.id == Claim.make_id(c.article, c.start, c.end, c.parts) for c in once)


_SENTENCES = [
    "The ferry left the harbour at noon and reached the island before dusk.",
    "Mayor Ana Lind said the storm flooded the harbour and destroyed twelve boats.",
    "The Havbris, which entered service in 2009, can carry up to 350 passengers and 60 cars.",
    "Many of the closures, he said, have involved public courses and cost 40 jobs.",
    "No one was injured and the ship was pulled free by two tugs at high tide.",
    "Lifeboats and local fishing vessels brought the passengers ashore on Friday.",
    "The storm hit the coast on Friday evening.",
    "It was listing slightly but was not taking on water, rescuers said.",
]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=5))
def test_claims_propositions_parts_index_the_claim_and_text(
    resources: Resources, sentences: list[str]
) -> None:
    text = " ".join(sentences)
    claims = _claims(resources, text)
    assert len({c.id for c in claims}) == len(claims)
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert text[c.content_start : c.content_end] == c.content
        for s, e in c.parts:
            assert c.start <= s < e <= c.end <= len(text)
            assert c.content_start <= s and e <= c.content_end
            assert text[s:e].strip() == text[s:e]
        assert list(c.parts) == sorted(c.parts)
        assert all(a[1] <= b[0] for a, b in zip(c.parts, c.parts[1:], strict=False))
        for item in (*c.quantities, *c.dates):
            assert text[item.start : item.end] == item.text
            assert not c.parts or any(s <= item.start < e for s, e in c.parts)


def test_claims_propositions_neither_nor_stays_one_negated_claim(resources: Resources) -> None:
    # a news list is one fact: split, "nor her deputy attended ..." was a fragment
    text = "Neither the mayor nor her deputy attended the meeting on Tuesday."
    (claim,) = _claims(resources, text)
    assert claim.statement == text and claim.negated


def test_claims_propositions_list_of_objects_is_one_claim(resources: Resources) -> None:
    text = "Lifeboats brought the passengers, the crew and two dogs ashore on Friday."
    assert [c.statement for c in _claims(resources, text)] == [text]
