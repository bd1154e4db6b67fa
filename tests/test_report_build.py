"""build_report: the shape every interface renders, built from the hand-written example."""

from __future__ import annotations

import dataclasses
import json
import math

from newsprism import __version__
from newsprism.model import Analysis, Quantity
from newsprism.report import build_report
from newsprism.report.example import example_analysis


def test_report_top_level_carries_version_generator_and_rejections() -> None:
    report = build_report(example_analysis())
    assert report["version"] == 1
    assert report["generator"]["newsprism"] == __version__
    assert report["generator"]["algorithms"]["align"] == "align.example.v1"
    assert report["rejections"] == [
        {
            "stage": "ingest",
            "source": "pages/login-wall.html",
            "reason": "no article text found (login page)",
        }
    ]


def test_report_claim_spans_point_at_their_article_text() -> None:
    story = build_report(example_analysis())["stories"][0]
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for claim in story["claims"]:
        text = texts[claim["article"]]
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert text[claim["content_start"] : claim["content_end"]] == claim["content"]
        for span in claim["quantities"] + claim["dates"] + claim["entities"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_report_story_dates_span_publication() -> None:
    story = build_report(example_analysis())["stories"][0]
    assert (story["first"], story["last"]) == ("2024-03-12", "2024-03-13")
    assert story["headline"] == "Ferry runs aground off Havstad, all 42 rescued"


def test_report_story_dates_are_null_without_publication_dates() -> None:
    analysis = example_analysis()
    sa = analysis.stories[0]
    undated = tuple(dataclasses.replace(a, published=None) for a in sa.articles)
    analysis = Analysis(stories=(dataclasses.replace(sa, articles=undated),))
    story = build_report(analysis)["stories"][0]
    assert story["first"] is None and story["last"] is None
    assert all(e["kind"] == "event" for e in story["timeline"])


def test_report_unbounded_and_infinite_floats_become_null() -> None:
    analysis = example_analysis()
    sa = analysis.stories[0]
    claim = sa.claims[0]
    q = Quantity("at least 5", 0, 10, math.nan, 5.0, math.inf, "people", True)
    claims = (dataclasses.replace(claim, quantities=(q,)), *sa.claims[1:])
    deriv = (dataclasses.replace(sa.derivations[0], score=-math.inf),)
    sa = dataclasses.replace(sa, claims=claims, derivations=deriv)
    report = build_report(Analysis(stories=(sa,)))
    story = report["stories"][0]
    quantity = story["claims"][0]["quantities"][0]
    assert (quantity["value"], quantity["low"], quantity["high"]) == (None, 5.0, None)
    assert story["derivations"][0]["score"] is None
    json.dumps(report, allow_nan=False)  # raises ValueError on any infinity or NaN


def test_report_groups_list_outlets_of_their_articles() -> None:
    story = build_report(example_analysis())["stories"][0]
    g2 = next(g for g in story["groups"] if g["id"] == "g2")
    assert g2["outlets"] == ["NPA", "Havstad Herald", "Coastline Daily"]
    assert g2["status"] == "corroborated" and g2["independent_sources"] == 2


def test_report_article_removed_blocks_and_byline_are_lists() -> None:
    story = build_report(example_analysis())["stories"][0]
    herald = next(a for a in story["articles"] if a["outlet"] == "Havstad Herald")
    assert herald["removed"][1] == {"kind": "comments", "text": "Jon: Glad everyone is safe!"}
    coast = next(a for a in story["articles"] if a["outlet"] == "Coastline Daily")
    assert coast["byline"] == ["Mia Berg", "Ola Dahl"]


def test_report_empty_analysis_has_no_stories() -> None:
    report = build_report(Analysis(stories=()))
    assert report["stories"] == [] and report["rejections"] == []


def test_report_outlet_falls_back_to_url_host_then_file_name() -> None:
    analysis = example_analysis()
    sa = analysis.stories[0]
    npa, herald, coast = sa.articles
    anonymous = (
        dataclasses.replace(npa, outlet=None),  # source is a file path
        dataclasses.replace(herald, outlet=None),  # has a URL
        coast,
    )
    story = build_report(Analysis(stories=(dataclasses.replace(sa, articles=anonymous),)))
    g2 = next(g for g in story["stories"][0]["groups"] if g["id"] == "g2")
    assert g2["outlets"] == ["npa-ferry", "havstadherald.example", "Coastline Daily"]


def test_report_blindspots_name_the_articles_that_omit_a_corroborated_group() -> None:
    from dataclasses import replace

    from newsprism.report import build_report
    from newsprism.report.example import example_analysis

    base = example_analysis()
    sa = base.stories[0]
    from newsprism.compare import CompareOptions, story_outcome

    narrowed = replace(sa.groups[0], articles=sa.groups[0].articles[:2])
    sa = replace(sa, groups=(narrowed, *sa.groups[1:]))
    # compare decides the blindspots once; the report renders them as they are
    _, spots = story_outcome(sa.articles, sa.groups, sa.derivations, CompareOptions())
    sa = replace(sa, blindspots=spots)
    analysis = replace(base, stories=(sa,))
    report = build_report(analysis)
    left_out = [a.id for a in sa.articles if a.id not in narrowed.articles]
    assert len(left_out) == 1
    assert report["stories"][0]["blindspots"] == [{"group": narrowed.id, "articles": left_out}]
    for sa, story in zip(analysis.stories, report["stories"], strict=True):
        groups = {g.id: g for g in sa.groups}
        expected = [
            g.id
            for g in sa.groups
            if g.independent_sources >= 2 and len(g.articles) < len(sa.articles)
        ]
        assert [b["group"] for b in story["blindspots"]] == expected
        for b in story["blindspots"]:
            present = set(groups[b["group"]].articles)
            assert b["articles"] and not present & set(b["articles"])
