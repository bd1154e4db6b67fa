"""compare.quote_match: the same quote found in two articles' text, and its rewording."""

from __future__ import annotations

from newsprism.claims import extract_claims
from newsprism.compare.quote_match import compare_segments, match_quotes, quote_findings, segments
from newsprism.model import Article
from newsprism.resources import Resources

RICE = "2b9468af-4ab0-4f25-85f4-c3ef93d72006"  # BASIL: Susan Rice on Netanyahu's speech
BOEHNER = "f11c2566-848a-4e29-b8c5-4de0a81114e4"  # BASIL: Boehner's one-in-three chance


def art(aid: str, text: str) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, outlet=aid)


def first_segment(text: str) -> object:
    return segments(art("x", text))[0]


def same_quote(a: str, b: str) -> tuple[int, ...] | None:
    found = compare_segments(first_segment(a), first_segment(b), 4, 0.6, 6)  # type: ignore[arg-type]
    return None if found is None else found[:1]


def test_compare_quote_match_contractions_and_abbreviations_are_not_rewording() -> None:
    a = 'She said: "We’re not going to let the U.N. decide what we can’t do here."'
    b = 'She said: "We are not going to let the UN decide what we cannot do here."'
    assert same_quote(a, b) == (0,)


def test_compare_quote_match_one_word_swapped_is_a_rewording() -> None:
    a = '"The council will not vote on the plan before the summer," the mayor said.'
    b = '"The council will not vote on this plan before the summer," the mayor said.'
    assert same_quote(a, b) == (1,)


def test_compare_quote_match_a_shorter_excerpt_is_the_same_wording() -> None:
    a = '"We have no money left for the bridge, and the state will not help us," he said.'
    b = 'He said the state "will not help us" with the bridge.'
    assert same_quote(a, b) is None or same_quote(a, b) == (0,)


def test_compare_quote_match_a_censored_word_matches_its_letter() -> None:
    a = '"I am not paying for that f***ing fence," he told the station.'
    b = '"I am not paying for that fucking fence," he told the station.'
    assert same_quote(a, b) == (0,)


def test_compare_quote_match_sentences_sharing_a_phrase_are_not_one_quote() -> None:
    a = '"We will fight this decision in every court in the land and we will win," she said.'
    b = '"The decision is final and there is nothing left to fight in court," he said.'
    assert same_quote(a, b) is None


def _event(basil, resources: Resources, event: str) -> tuple[list[Article], list]:  # noqa: ANN001
    arts = [art(a.key, a.text) for a in basil.EVENTS[event]]
    return arts, extract_claims(arts, resources)


def test_compare_quote_match_real_rewording_across_outlets(basil, resources: Resources) -> None:  # noqa: ANN001
    """BASIL: Fox News writes Rice's quote with "to the fabric", The New York Times and
    HuffPost with "of the fabric"; the finding names Fox against the other two."""
    arts, claims = _event(basil, resources, RICE)
    findings = quote_findings(match_quotes(arts, claims))
    pairs = {frozenset((f.a.article, f.b.article)) for f in findings}
    assert frozenset(("fox", "nyt")) in pairs and frozenset(("fox", "hpo")) in pairs
    assert frozenset(("nyt", "hpo")) not in pairs
    assert any(f.diff and "[-" in f.diff for f in findings)


def test_compare_quote_match_an_outlet_quoting_both_wordings_is_not_rewording(
    basil,  # noqa: ANN001
    resources: Resources,
) -> None:
    """BASIL: The New York Times quotes Boehner's "big challenge" word for word and, later,
    a shorter "real challenge"; that is not a rewording of the other outlets' quote."""
    arts, claims = _event(basil, resources, BOEHNER)
    findings = quote_findings(match_quotes(arts, claims))
    assert not any("challenge" in f.value_a and "challenge" in f.value_b for f in findings)
