"""Golden tests for extract_claims on sentences written for these tests, plus the seeds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.claims import ClaimOptions, extract_claims, parse_dates, parse_quantities
from newsprism.model import Article, Claim
from newsprism.resources import Resources


def _article(text: str, published: str | None = "2025-03-14") -> Article:
    return Article(id=Article.make_id(text), source="test", text=text, published=published)


def _claims(resources: Resources, text: str, published: str | None = "2025-03-14") -> list[Claim]:
    return extract_claims([_article(text, published)], resources)


def _find(claims: list[Claim], fragment: str) -> Claim:
    hits = [c for c in claims if fragment in c.text]
    assert hits, [c.text for c in claims]
    return hits[0]


def test_claims_extract_frame_after_content(resources: Resources) -> None:
    c = _claims(resources, "The bridge will reopen in May, Transport Minister Ana Costa said.")[0]
    assert c.speaker == "Transport Minister Ana Costa"
    assert c.content == "The bridge will reopen in May"


def test_claims_extract_frame_before_content(resources: Resources) -> None:
    c = _claims(resources, "Mayor Peter Lind said that the river flooded three villages.")[0]
    assert c.speaker == "Mayor Peter Lind" and c.content == "the river flooded three villages"


def test_claims_extract_according_to(resources: Resources) -> None:
    c = _claims(resources, "According to the fire service, the blaze started in a kitchen.")[0]
    assert c.speaker == "the fire service" and c.content == "the blaze started in a kitchen"


def test_claims_extract_told_outlet_is_via(resources: Resources) -> None:
    c = _claims(resources, "The factory will close next year, a company official told Reuters.")[0]
    assert c.via == "Reuters" and c.speaker == "a company official"


def test_claims_extract_citing_and_abbreviation(resources: Resources) -> None:
    text = (
        "The Daily Herald (DH), citing two senior engineers, reported that the dam is cracked.\n"
        "DH reported that repairs began on Monday."
    )
    first, second = _claims(resources, text)
    assert first.via == "The Daily Herald" and first.speaker == "two senior engineers"
    assert first.hedge == "reported" and first.content == "the dam is cracked"
    assert second.via == "The Daily Herald"


def test_claims_extract_pronoun_resolves_to_last_speaker(resources: Resources) -> None:
    text = (
        "Health Minister Maria Olsen said that the clinic will open soon. "
        "The building needs new windows, she said."
    )
    claims = _claims(resources, text)
    assert _find(claims, "windows").speaker == "Health Minister Maria Olsen"


def test_claims_extract_quote_flag(resources: Resources) -> None:
    claims = _claims(
        resources,
        "“We have lost everything in the storm,” one farmer said. The storm ended at dawn.",
    )
    assert _find(claims, "farmer").quote
    assert _find(claims, "farmer").quote_text == "We have lost everything in the storm,"
    assert not _find(claims, "dawn").quote


def test_claims_extract_hedges(resources: Resources) -> None:
    text = (
        "Police did not say how many people were arrested.\n"
        "The cause of the fire remains unknown.\n"
        "The company denied that it had dumped waste in the lake.\n"
        "The minister is expected to resign before the summer.\n"
        "The virus may spread to nearby farms.\n"
        "The train arrived late in the evening."
    )
    claims = _claims(resources, text)
    hedges = [c.hedge for c in claims]
    assert hedges == ["not_said", "not_said", "denied", "expected", "possible", None]


def test_claims_extract_negation_outside_frame(resources: Resources) -> None:
    claims = _claims(resources, "The mayor said the water is not safe to drink.")
    assert claims[0].negated
    assert not _claims(resources, "The mayor said the water is safe to drink.")[0].negated


def test_claims_extract_splits_independent_clauses(resources: Resources) -> None:
    text = "The army seized the town in the morning, but rebels retook the bridge at night."
    claims = _claims(resources, text)
    assert [c.text for c in claims] == [
        "The army seized the town in the morning",
        "rebels retook the bridge at night.",
    ]


def test_claims_extract_skips_headings_and_urls(resources: Resources) -> None:
    text = "Storm Warning\nhttps://example.org/storm\nThe storm hit the coast on Friday evening."
    claims = _claims(resources, text)
    assert [c.text for c in claims] == ["The storm hit the coast on Friday evening."]


def test_claims_extract_dates_and_quantities_use_article_offsets(resources: Resources) -> None:
    text = "Heading Words\nThe river rose about 3 meters on Tuesday."
    c = _claims(resources, text)[0]
    assert text[c.quantities[0].start : c.quantities[0].end] == "about 3 meters"
    assert c.dates[0].value == "2025-03-11"
    assert _claims(resources, text, None)[0].dates[0].value is None


def test_claims_extract_entity_keys_shared(resources: Resources) -> None:
    text = (
        "Chancellor Olaf Scholz met officials from the United States in Berlin. "
        "Scholz said the U.S. delegation left on Friday."
    )
    ents = [e for c in _claims(resources, text) for e in c.entities]
    keys = {e.text: e.key for e in ents}
    assert keys.get("Scholz") == keys.get("Olaf Scholz") == "olaf scholz"
    assert keys.get("U.S.") == keys.get("the United States", keys.get("United States"))


_SENTENCES = [
    "Officials said that 12 people were hurt on Monday.",
    "According to the U.S. Navy, about 300 sailors were on board.",
    "“We will rebuild,” the mayor told The Local Times.",
    "The talks failed; both sides blamed each other for the delay.",
    "Prices rose more than 20% in June 2022, the bank reported.",
    "Police did not say why the road was closed for four hours to two weeks.",
    "- A bullet point that lists $5 million in aid for Kyiv",
    "He said it could take nearly three years.",
    "Many of the closures, a U.S. official said, were caused by the floods.",
    "“It will take years,” she said. “We will rebuild.”",
]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(_SENTENCES), st.sampled_from([" ", "\n"])), min_size=1, max_size=6
    )
)
def test_claims_extract_spans_index_article_text(
    resources: Resources, parts: list[tuple[str, str]]
) -> None:
    text = "".join(s + sep for s, sep in parts).strip()
    art = _article(text)
    for c in extract_claims([art], resources, ClaimOptions()):
        assert text[c.start : c.end] == c.text
        assert text[c.content_start : c.content_end] == c.content
        assert c.id == Claim.make_id(art.id, c.start, c.end, c.parts)
        for item in (*c.quantities, *c.dates, *c.entities):
            assert text[item.start : item.end] == item.text
        for q in c.quantities:
            assert q.low is None or q.high is None or q.low <= q.high
        if c.cue is not None:
            assert text[c.cue_start : c.cue_end] == c.cue  # type: ignore[misc]
        for s, e in ((c.speaker_start, c.speaker_end), (c.via_start, c.via_end), *c.parts):
            assert (s is None) == (e is None)
            assert s is None or (c.start <= s < e <= c.end)  # type: ignore[operator]
        assert parse_quantities(c.text, c.start) == parse_quantities(c.text, c.start)
        assert parse_dates(c.text, art.published, c.start) == parse_dates(
            c.text, art.published, c.start
        )


def test_claims_extract_seeds(resources: Resources, seeds_dir: Path) -> None:
    arts = []
    for path in sorted(seeds_dir.glob("*.txt")):
        t = path.read_text(encoding="utf-8")
        arts.append(
            Article(id=Article.make_id(t), source=path.name, text=t, published="2024-11-20")
        )
    claims = extract_claims(arts, resources)
    assert [c.article for c in claims] == sorted(
        (c.article for c in claims), key=[a.id for a in arts].index
    )
    not_said = _find(claims, "did not say what type of mines are being provided")
    assert not_said.hedge == "not_said"
    austin = _find(claims, "told reporters on Wednesday during a visit to Laos")
    assert austin.speaker == "Defense Secretary Lloyd Austin"
