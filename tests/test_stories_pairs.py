"""The same-story pair model (``stories.pairs``): shipped weights, the fit, what the
features say on text we wrote, and one definition of a pair for batch and incremental."""

from __future__ import annotations

import json
from importlib import resources as importlib_resources

import numpy as np

from newsprism.model import Article
from newsprism.resources import Resources
from newsprism.stories.grouping import article_features, pair_similarity
from newsprism.stories.incremental import CorpusIndex
from newsprism.stories.pairs import (
    FEATURES,
    MODEL_FILE,
    SIGNS,
    fit_pair_model,
    load_pair_model,
    model_sha256,
)


def _article(text: str, title: str, published: str | None = None) -> Article:
    return Article(id=Article.make_id(text), source=title, text=text, title=title,
                   published=published)  # fmt: skip


MARATHON = (
    "Harbour City marathon returns",
    "More than 9,000 runners took part in the Harbour City marathon on Sunday, the first "
    "race on the new coastal course. Organiser Mira Holt said the route along the docks "
    "would stay for future editions. The race was first held in {year}.",
)
MARATHON_AGAIN = (
    "Runners fill Harbour City streets",
    "Thousands of runners crossed the finish line of the Harbour City marathon on Sunday. "
    "Organiser Mira Holt thanked volunteers, and said the coastal course along the docks "
    "had drawn a record field. The city has hosted the race since {year}.",
)


def test_stories_pairs_shipped_model_matches_its_card() -> None:
    raw = importlib_resources.files("newsprism").joinpath("data", MODEL_FILE).read_text("utf-8")
    shipped = json.loads(raw)
    model = load_pair_model()
    assert model_sha256(shipped["model"]) == shipped["card"]["sha256"]
    assert tuple(shipped["model"]["features"]) == FEATURES
    assert 0.0 < model.attach_threshold <= model.threshold < 1.0


def test_stories_pairs_shipped_weights_keep_their_signs() -> None:
    model = load_pair_model()
    for feature, weight in zip(FEATURES, model.weights, strict=True):
        assert SIGNS.get(feature, 0) * weight >= 0, feature


def test_stories_pairs_fit_drops_a_weight_of_the_wrong_sign() -> None:
    rng = np.random.default_rng(3)
    y = (rng.random(400) < 0.4).astype(float)
    x = rng.random((400, len(FEATURES)))
    x[:, FEATURES.index("lead")] += y  # evidence for, as it should be
    x[:, FEATURES.index("year_conflict")] += y  # "conflict" that goes with the same story
    model = fit_pair_model(x, y)
    assert model.weights[FEATURES.index("year_conflict")] == 0.0
    assert model.weights[FEATURES.index("lead")] > 0.0


def test_stories_pairs_years_apart_lower_the_probability(resources: Resources) -> None:
    def probability(first: str, second: str) -> float:
        arts = [_article(MARATHON[1].format(year=first), MARATHON[0]),
                _article(MARATHON_AGAIN[1].format(year=second), MARATHON_AGAIN[0])]  # fmt: skip
        sim = load_pair_model().probability(
            pair_similarity(article_features(arts, resources.embedder))
        )
        return float(sim[0, 1])

    assert probability("1983", "1983") > probability("1983", "2011")


def test_stories_pairs_batch_and_incremental_measure_a_pair_alike(resources: Resources) -> None:
    arts = [
        _article(MARATHON[1].format(year="1983"), MARATHON[0], "2025-04-06"),
        _article(MARATHON_AGAIN[1].format(year="1983"), MARATHON_AGAIN[0], "2025-04-07"),
        _article(
            "Road closures for the Harbour City marathon start at 6 a.m. on Sunday, when 9,000 "
            "runners set off from the docks. The race has been held since 2011.",
            "Marathon day",
            "2025-05-20",
        ),  # fmt: skip
    ]
    batch = pair_similarity(article_features(arts, resources.embedder))
    index = CorpusIndex()
    for a in arts:  # one at a time, so the index rows follow the input order
        index.assign([a], resources.embedder)
    rows = np.array([1, 2])
    assert len(index.profiles) == 3  # none was taken for a near-duplicate
    # the profiles are counts; the index's idf covers all three once all are placed
    one = index._similarity(index.leads.rows[0], index.profiles[0], rows)
    for field in ("lead", "terms", "names", "numbers", "years_shared", "years_fewer",
                  "days_apart"):  # fmt: skip
        assert np.allclose(getattr(one, field), getattr(batch, field)[0, 1:], atol=1e-5), field
