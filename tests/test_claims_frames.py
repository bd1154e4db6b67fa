"""Where the attribution frame is written: speaker, cue and outlet spans, anonymous sources,
speakers resolved within the article, hedges and entity keys of acting capitals."""

from __future__ import annotations

from newsprism.claims import extract_claims
from newsprism.model import Article, Claim
from newsprism.resources import Resources


def _claims(resources: Resources, text: str) -> list[Claim]:
    article = Article(id=Article.make_id(text), source="test", text=text, published="2025-03-14")
    return extract_claims([article], resources)


def _find(claims: list[Claim], fragment: str) -> Claim:
    hits = [c for c in claims if fragment in c.text]
    assert hits, [c.text for c in claims]
    return hits[0]


def _at(text: str, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else text[start:end]


def test_claims_frames_speaker_and_cue_spans_index_text(resources: Resources) -> None:
    text = "The bridge will reopen in May, Transport Minister Ana Costa said."
    c = _claims(resources, text)[0]
    assert _at(text, c.speaker_start, c.speaker_end) == "Transport Minister Ana Costa"
    assert c.cue == _at(text, c.cue_start, c.cue_end) == "said"


def test_claims_frames_according_to_cue(resources: Resources) -> None:
    text = "According to the fire service, the blaze started in a kitchen."
    c = _claims(resources, text)[0]
    assert c.cue == "According to"
    assert _at(text, c.speaker_start, c.speaker_end) == "the fire service"


def test_claims_frames_surname_resolves_to_full_name_with_title(resources: Resources) -> None:
    text = (
        "Defense Secretary Lloyd Austin visited the port on Tuesday. "
        "Austin said the aid would arrive within days."
    )
    c = _find(_claims(resources, text), "aid")
    assert c.speaker == "Defense Secretary Lloyd Austin"
    assert _at(text, c.speaker_start, c.speaker_end) == "Austin"


def test_claims_frames_anonymous_source_and_via_span(resources: Resources) -> None:
    text = "The strike killed 12 people, a U.S. official told Reuters."
    c = _claims(resources, text)[0]
    assert c.anonymous and c.speaker == "a U.S. official"
    assert _at(text, c.via_start, c.via_end) == "Reuters"


def test_claims_frames_named_speaker_is_not_anonymous(resources: Resources) -> None:
    c = _claims(resources, "Mayor Peter Lind said that the river flooded three villages.")[0]
    assert not c.anonymous


def test_claims_frames_people_familiar_are_anonymous(resources: Resources) -> None:
    c = _claims(resources, "Two people familiar with the talks said a deal was close.")[0]
    assert c.anonymous and c.content == "a deal was close"


def test_claims_frames_verb_inside_quote_is_not_the_frame(resources: Resources) -> None:
    text = "“I stand by everything I said during the campaign,” the senator told reporters."
    c = _claims(resources, text)[0]
    assert c.speaker == "the senator" and c.cue == "told"


def test_claims_frames_parenthetical_frame_splits_content(resources: Resources) -> None:
    text = "Many of the closures, he said, have involved public courses."
    c = _claims(resources, text)[0]
    parts = [text[s:e] for s, e in c.parts]
    assert parts == ["Many of the closures", "have involved public courses"]
    assert c.content == text[c.content_start : c.content_end]


def test_claims_frames_continued_quote_keeps_speaker(resources: Resources) -> None:
    text = "“We will rebuild the school,” Mayor Ana Lind said. “It will take two years.”"
    c = _find(_claims(resources, text), "two years")
    assert c.speaker == "Mayor Ana Lind" and c.speaker_start is None


def test_claims_frames_unconfirmed_hedge(resources: Resources) -> None:
    c = _claims(resources, "The video of the attack could not be independently verified.")[0]
    assert c.hedge == "unconfirmed"


def test_claims_frames_opinion_hedge(resources: Resources) -> None:
    c = _claims(resources, "Critics say the new tax is a giveaway to landlords.")[0]
    assert c.hedge == "opinion"


def test_claims_frames_capital_as_actor_is_the_country(resources: Resources) -> None:
    text = "Kyiv's forces advanced near the river. Talks were held in Kyiv on Monday."
    keys = [(e.text, e.key) for c in _claims(resources, text) for e in c.entities]
    assert ("Kyiv", "ukraine") in keys and ("Kyiv", "kyiv") in keys


def test_claims_frames_outlet_name_is_not_the_capital(resources: Resources) -> None:
    text = "The Washington Post reported that the talks ended on Monday."
    c = _claims(resources, text)[0]
    assert c.via == "The Washington Post"
    assert all(e.key != "united states" for e in c.entities)
