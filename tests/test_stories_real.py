"""Story grouping on real multi-outlet news (BASIL dev, when ../shared is there): look-alike
events that share their protagonist, in one batch and through incremental ``add``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsprism.model import Article
from newsprism.resources import Resources
from newsprism.stories import group_stories
from newsprism.stories.incremental import CorpusIndex

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _same_protagonist(datasets_dir: Path, name: str) -> tuple[list[Article], list[str]]:
    """The events of the BASIL tuning half with ``name`` in an article title, by date."""
    sys.path.insert(0, str(BENCH))
    from story_data import basil, basil_story_split

    tune, _ = basil_story_split(datasets_dir / "multi_outlet" / "basil_dev")
    data = basil(tune, datasets_dir / "multi_outlet" / "basil_dev")
    events = {lab for a, lab in zip(data.articles, data.labels, strict=True) if name in a.title}
    chosen = [i for i, lab in enumerate(data.labels) if lab in events]
    chosen.sort(key=lambda i: (data.articles[i].published or "", i))
    return [data.articles[i] for i in chosen], [data.labels[i] for i in chosen]


def _parts(articles: list[Article], story_of: dict[str, object]) -> list[list[str]]:
    groups: dict[object, list[str]] = {}
    for a in articles:
        groups.setdefault(story_of[a.id], []).append(a.id)
    return sorted(sorted(g) for g in groups.values())


def _truth(articles: list[Article], labels: list[str]) -> list[list[str]]:
    return _parts(articles, dict(zip((a.id for a in articles), labels, strict=True)))


@pytest.mark.parametrize("name", ["Trump", "Clinton"])
def test_stories_real_events_of_one_protagonist_stay_apart(
    resources: Resources, datasets_dir: Path, name: str
) -> None:
    articles, labels = _same_protagonist(datasets_dir, name)
    assert len(set(labels)) >= 5
    stories = group_stories(articles, resources.embedder)
    story_of = {a: s.id for s in stories for a in s.articles}
    assert _parts(articles, story_of) == _truth(articles, labels)


@pytest.mark.parametrize("name", ["Trump", "Clinton"])
def test_stories_real_incremental_add_keeps_events_apart_whatever_the_batch(
    resources: Resources, datasets_dir: Path, name: str
) -> None:
    articles, labels = _same_protagonist(datasets_dir, name)
    index = CorpusIndex()
    for start in range(0, len(articles), 4):  # articles arrive by date, a few at a time
        index.assign(articles[start : start + 4], resources.embedder)
    at_once = CorpusIndex()
    at_once.assign(articles, resources.embedder)
    incremental = _parts(articles, {a.id: index.article_story[a.id] for a in articles})
    assert incremental == _parts(articles, {a.id: at_once.article_story[a.id] for a in articles})
    events = [set(event) for event in _truth(articles, labels)]
    assert all(any(set(story) <= event for event in events) for story in incremental)
