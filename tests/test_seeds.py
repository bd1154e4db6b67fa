"""The five real seed reports (../shared/seeds): what issue 2 promises about them.

These assert outcomes, not rules: nothing in newsprism knows these articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.model import StoryAnalysis
from newsprism.pipeline import analyze
from newsprism.resources import Resources


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, resources: Resources) -> tuple[StoryAnalysis, dict[str, str]]:
    result = analyze([str(seeds_dir)], resources=resources)
    assert not result.analysis.rejections
    assert len(result.analysis.stories) == 1
    (story,) = result.analysis.stories
    ids = {Path(a.source).name[:3]: a.id for a in story.articles}
    return story, ids


def _article(story: StoryAnalysis, aid: str):  # noqa: ANN202
    return next(a for a in story.articles if a.id == aid)


def test_seeds_form_one_story(seeds: tuple[StoryAnalysis, dict[str, str]]) -> None:
    story, ids = seeds
    assert len(story.articles) == 5 == len(ids)


def test_seeds_reader_comments_and_copyright_are_gone(seeds) -> None:  # noqa: ANN001
    story, ids = seeds
    post = _article(story, ids["002"])
    assert "toe poppers" not in post.text and "Big question, will we send nukes" not in post.text
    assert "a black mark against Washington" in post.text  # the body stays
    assert any(r.kind == "comments" and "toe poppers" in r.text for r in post.removed)
    korean = _article(story, ids["000"])
    assert "All rights reserved" not in korean.text
    assert "Russia uses them anyway" in korean.text


def test_seeds_repeated_bullets_appear_once(seeds) -> None:  # noqa: ANN001
    story, ids = seeds
    tv = _article(story, ids["003"])
    bullet = "The U.S. defense chief says the Biden administration will allow Ukraine"
    assert tv.text.count(bullet) == 1
    assert any(r.kind == "repeated" for r in tv.removed)


def test_seeds_claymore_claim_is_disputed_against_the_post(seeds) -> None:  # noqa: ANN001
    story, ids = seeds
    by_id = {c.id: c for c in story.claims}
    found = []
    for d in story.discrepancies:
        claims = [by_id[c] for c in d.claims]
        korean = [c for c in claims if c.article == ids["000"] and "Claymore" in c.text]
        post = [c for c in claims if c.article == ids["002"]]
        if korean and post:
            found.append(d)
    assert found, "no discrepancy between the Korean 'Claymore' claim and the Post's account"
    assert all(d.explanation for d in found)


def test_seeds_wareham_quote_is_aligned_across_outlets(seeds) -> None:  # noqa: ANN001
    story, ids = seeds
    by_id = {c.id: c for c in story.claims}
    for group in story.groups:
        texts = {by_id[c].article: by_id[c].text for c in group.claims}
        pair = (texts.get(ids["000"], ""), texts.get(ids["002"], ""))
        if all("shocking and" in t for t in pair):
            return
    pytest.fail("the 'shocking and destructive/devastating' quote is not in one group")


def test_seeds_korean_report_derives_from_the_post(seeds) -> None:  # noqa: ANN001
    story, ids = seeds
    links = {(d.article, d.derived_from): d for d in story.derivations if not d.external}
    assert (ids["000"], ids["002"]) in links
    assert links[(ids["000"], ids["002"])].evidence
