"""build_brief: real claim sentences only, the most worth knowing first, no opinion."""

from __future__ import annotations

import dataclasses

from newsprism.model import Article, Claim, ClaimGroup, Discrepancy, Story, StoryAnalysis
from newsprism.report import build_brief
from newsprism.report.example import example_analysis


def _story(sentences: list[str], statuses: list[str], sources: list[int]) -> StoryAnalysis:
    """One article, one claim per sentence, one group per claim."""
    text = " ".join(sentences)
    article = Article(id=Article.make_id(text), source="x.txt", text=text, outlet="Daily")
    claims, groups = [], []
    for i, sentence in enumerate(sentences):
        start = text.index(sentence)
        end = start + len(sentence)
        claim = Claim(
            Claim.make_id(article.id, start, end), article.id, sentence, start, end,
            sentence, start, end,
        )  # fmt: skip
        claims.append(claim)
        groups.append(
            ClaimGroup(
                f"g{i + 1}", (claim.id,), (article.id,), sources[i], statuses[i], origin=article.id
            )  # fmt: skip
        )
    story = Story(Story.make_id([article.id]), "Headline", (article.id,))
    return StoryAnalysis(story, (article,), tuple(claims), tuple(groups), (), ())


def test_report_brief_sentences_are_real_claim_words() -> None:
    sa = example_analysis().stories[0]
    claims = {c.id: c for c in sa.claims}
    facts = [i for i in build_brief(sa) if i["kind"] == "fact"]
    assert facts
    for item in facts:
        claim = claims[item["claim"]]
        assert item["text"] in (claim.text, claim.statement)
        assert item["claims"][0] == claim.id


def test_report_brief_keeps_attribution_of_attributed_claims() -> None:
    sa = example_analysis().stories[0]
    texts = [i["text"] for i in build_brief(sa)]
    assert (
        "The ferry Nordlys struck rocks near the harbour entrance shortly after 7 a.m., "
        "according to coast guard spokesperson Ingrid Moe." in texts
    )


def test_report_brief_leaves_disputed_groups_out_of_the_facts() -> None:
    sa = example_analysis().stories[0]
    facts = [i for i in build_brief(sa) if i["kind"] == "fact"]
    assert all(i["status"] != "disputed" for i in facts)
    assert not any("42 people" in i["text"] for i in facts)


def test_report_brief_closes_with_one_item_per_disputed_group() -> None:
    sa = example_analysis().stories[0]
    extra = Discrepancy("d3", "number", (sa.claims[0].id,), "Another count differs.", group="g1")
    sa = dataclasses.replace(sa, discrepancies=(*sa.discrepancies, extra))
    closing = [i for i in build_brief(sa) if i["kind"] == "discrepancy"]
    assert [i["discrepancy"] for i in closing] == ["d1", "d2"]
    assert closing[0]["text"] == (
        "Outlets disagree: NPA and Havstad Herald say 42 people were rescued; "
        "Coastline Daily says Thirty-eight."
    )
    assert closing[0]["outlets"] == ["NPA", "Coastline Daily"]


def test_report_brief_prefers_corroborated_groups_with_more_sources() -> None:
    sa = _story(
        ["The bridge closed at noon.", "Traffic was diverted north.", "A crane was hit."],
        ["single_source", "corroborated", "corroborated"],
        [1, 2, 4],
    )
    brief = build_brief(sa, max_sentences=2)
    assert [i["groups"] for i in brief] == [["g3"], ["g2"]]


def test_report_brief_leads_with_the_best_corroborated_fact() -> None:
    sa = _story(
        ["The dam burst on Monday.", "Two villages were flooded.", "Repairs will take a year."],
        ["single_source", "corroborated", "corroborated"],
        [1, 3, 2],
    )
    texts = [i["text"] for i in build_brief(sa)]
    assert texts == [
        "Two villages were flooded.",
        "Repairs will take a year.",
        "The dam burst on Monday.",
    ]


def test_report_brief_never_shows_an_opinion() -> None:
    sa = _story(
        ["It was a shameful day for the city.", "The council voted 7-2 on Monday."],
        ["corroborated", "single_source"],
        [3, 1],
    )
    sa = dataclasses.replace(
        sa, claims=(dataclasses.replace(sa.claims[0], opinion=True), sa.claims[1])
    )
    assert [i["text"] for i in build_brief(sa)] == ["The council voted 7-2 on Monday."]


def test_report_brief_drops_near_duplicate_sentences() -> None:
    sa = _story(
        ["Police arrested three men on Friday.", "Police arrested three men on Friday night.",
         "The shop reopened."],
        ["corroborated", "corroborated", "single_source"],
        [3, 2, 1],
    )  # fmt: skip
    texts = [i["text"] for i in build_brief(sa)]
    assert texts == ["Police arrested three men on Friday.", "The shop reopened."]


def test_report_brief_respects_max_sentences() -> None:
    sa = example_analysis().stories[0]
    facts = [i for i in build_brief(sa, max_sentences=2) if i["kind"] == "fact"]
    assert len(facts) == 2
    assert [i for i in build_brief(sa, max_sentences=0) if i["kind"] == "fact"] == []


def test_report_brief_keeps_a_side_of_a_disagreement_out_of_the_facts() -> None:
    sa = _story(
        ["Four people were hurt on Friday.", "The road reopened on Saturday."],
        ["single_source", "single_source"],
        [1, 1],
    )
    side = Discrepancy("d1", "number", (sa.claims[0].id,), "Figures differ.", group=None)
    sa = dataclasses.replace(sa, discrepancies=(side,))
    facts = [i["text"] for i in build_brief(sa) if i["kind"] == "fact"]
    assert facts == ["The road reopened on Saturday."]
