"""stories: a lone article joins the story of its closest article."""

from __future__ import annotations

import numpy as np

from newsprism.stories.grouping import attach_singletons, cluster


def _sim(pairs: dict[tuple[int, int], float], n: int) -> np.ndarray:
    sim = np.full((n, n), 0.05)
    for (i, j), v in pairs.items():
        sim[i, j] = sim[j, i] = v
    np.fill_diagonal(sim, 1.0)
    return sim


# articles 0-2 are one close story; 3 is very close to 0 only, so average link keeps it out
STORY = {(0, 1): 0.8, (0, 2): 0.8, (1, 2): 0.8, (0, 3): 0.5}


def test_stories_lone_article_joins_its_nearest_story() -> None:
    sim = _sim(STORY, 5)
    parts = cluster(sim, 0.32)
    assert [3] in parts  # average link alone leaves it out (0.5, 0.05, 0.05 -> 0.2)
    assert attach_singletons(sim, parts, 0.32) == [[0, 1, 2, 3], [4]]


def test_stories_lone_article_below_threshold_stays_alone() -> None:
    sim = _sim({**STORY, (0, 3): 0.3}, 5)
    assert attach_singletons(sim, cluster(sim, 0.32), 0.32) == [[0, 1, 2], [3], [4]]


def test_stories_two_lone_articles_are_not_joined_here() -> None:
    parts = [[0], [1]]
    sim = _sim({(0, 1): 0.9}, 2)
    assert attach_singletons(sim, parts, 0.32) == [[0], [1]]
