"""Library API: compare_claims and check on real sentences."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsprism import Checker, check, compare_claims
from newsprism.errors import InputError
from newsprism.model import Article
from newsprism.resources import Resources

ARTICLE = (
    "A ferry with 212 people on board ran aground near Havstad on Friday night. "
    "Three passengers were taken to hospital with minor injuries, police said. "
    "The ferry, Havbris, entered service in 2009."
)


def test_api_import_loads_no_model() -> None:
    code = "import sys, newsprism; print('spacy' in sys.modules, 'onnxruntime' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_api_compare_claims_flags_a_changed_figure(resources: Resources) -> None:
    v = compare_claims(
        "Three people were hurt when the ferry hit rocks.",
        "Four people were injured when the ferry struck rocks.",
        resources=resources,
    )
    assert (v.verdict, v.kind) == ("contradicts", "number")
    assert v.explanation and "Three" in v.explanation and "Four" in v.explanation


def test_api_compare_claims_flags_a_negation(resources: Resources) -> None:
    v = compare_claims(
        "Police said the suspect was arrested.",
        "Police said the suspect was not arrested.",
        resources=resources,
    )
    assert (v.verdict, v.kind) == ("contradicts", "negation")


def test_api_compare_claims_tells_unrelated_statements_apart(resources: Resources) -> None:
    v = compare_claims(
        "The council approved the tram line.",
        "The mayor opened a new library in the city centre.",
        resources=resources,
    )
    assert v.verdict == "different" and v.kind is None


def test_api_check_supports_with_the_claim_span(resources: Resources) -> None:
    (r,) = check("A ferry with 212 people aboard ran aground near Havstad.", [ARTICLE],
                 resources=resources)  # fmt: skip
    assert r.verdict == "supports"
    (span,) = r.spans
    assert ARTICLE[span.start : span.end] == span.text
    assert "212 people on board" in span.text


def test_api_check_contradicts_a_changed_year(resources: Resources) -> None:
    (r,) = check("The ferry entered service in 2011.", [ARTICLE], resources=resources)
    assert (r.verdict, r.kind) == ("contradicts", "date")
    assert "2009" in r.spans[0].text


def test_api_check_unrelated_statement_is_not_mentioned(resources: Resources) -> None:
    (r,) = check("The mayor resigned over a scandal.", [ARTICLE], resources=resources)
    assert (r.verdict, r.spans) == ("does_not_mention", ())


def test_api_check_one_result_per_article_in_order(resources: Resources) -> None:
    other = Article(id="a-other", source="other.txt", text="The tram line will cost £412 million.")
    results = Checker(resources).check("Four passengers were hurt.", [ARTICLE, other])
    assert [r.verdict for r in results] == ["contradicts", "does_not_mention"]
    assert results[1].article == "a-other"


def test_api_check_rejects_empty_text(resources: Resources) -> None:
    with pytest.raises(InputError):
        check("   ", [ARTICLE], resources=resources)


OUTBREAK = (
    "Since 2003, 870 human infections with the virus have been reported worldwide. "
    "In Cambodia, around 30 human infections with the virus were reported last year. "
    "Health officials said the risk to the public remains low."
)


def test_api_check_figure_the_article_states_is_not_contradicted(resources: Resources) -> None:
    # the closest claim gives another figure (30, in Cambodia), but the article also says 870
    (r,) = check("870 human infections with the virus have been reported worldwide.",
                 [OUTBREAK], resources=resources)  # fmt: skip
    assert r.verdict != "contradicts"


def test_api_check_figure_the_article_never_states_is_contradicted(
    resources: Resources,
) -> None:
    (r,) = check("Since 2003, 970 human infections with the virus have been reported worldwide.",
                 [OUTBREAK], resources=resources)  # fmt: skip
    assert (r.verdict, r.kind) == ("contradicts", "number")


def test_api_compare_claims_paraphrase_is_same_by_the_pair_model(resources: Resources) -> None:
    v = compare_claims(
        "The regional council approved the new tram line on Tuesday.",
        "On Tuesday, the new tram line was approved by the regional council.",
        resources=resources,
    )
    assert v.verdict == "same"
    assert v.same_probability is not None and v.same_probability > 0.5


def test_api_check_one_right_figure_does_not_excuse_a_wrong_one(resources: Resources) -> None:
    # 870 is in the article, 970 is not: the statement's wrong figure is still contradicted
    (r,) = check("Since 2003, 970 human infections with the virus have been reported "
                 "worldwide, officials said in a report of 870 pages.",
                 [OUTBREAK], resources=resources)  # fmt: skip
    assert (r.verdict, r.kind) == ("contradicts", "number")


def test_api_check_figure_inside_another_number_is_still_contradicted(
    resources: Resources,
) -> None:
    # "70 human" is written inside "870 human", but the article never states 70
    (r,) = check("Since 2003, 70 human infections with the virus have been reported worldwide.",
                 [OUTBREAK], resources=resources)  # fmt: skip
    assert (r.verdict, r.kind) == ("contradicts", "number")
