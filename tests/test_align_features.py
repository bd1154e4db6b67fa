"""align features and the shipped logistic weights."""

from __future__ import annotations

import numpy as np

from newsprism.align.features import (
    GROUPING_FEATURES,
    LogisticModel,
    fit_logistic,
    load_models,
    pair_features,
    side_of,
)
from newsprism.model import Claim, Quantity


def claim(text: str, numbers: tuple[float, ...] = (), negated: bool = False) -> Claim:
    qs = tuple(Quantity(str(n), 0, 1, n, n, n, "people") for n in numbers)
    return Claim("a:0-1", "a", text, 0, len(text), text, 0, len(text), negated=negated,
                 quantities=qs)  # fmt: skip


def test_align_features_grouping_set_ignores_figures() -> None:
    a = side_of(claim("Three workers were injured in the fire.", (3,)))
    b = side_of(claim("Four workers were injured in the fire.", (4,)))
    f = pair_features(a, b, 0.9)
    assert f["number_conflict"] == 1.0 and f["jaccard"] == 1.0
    assert "number_conflict" not in GROUPING_FEATURES


def test_align_features_negation_mismatch() -> None:
    a = side_of(claim("The suspect was arrested."))
    b = side_of(claim("The suspect was not arrested.", negated=True))
    assert pair_features(a, b, 0.95)["negation_mismatch"] == 1.0


def test_align_features_fit_logistic_separates_a_clear_signal() -> None:
    x = np.array([[0.9], [0.85], [0.8], [0.3], [0.2], [0.25]])
    y = np.array([1.0, 1.0, 1.0, 0.0, 0.0, 0.0])
    model = fit_logistic(x, y, ("cosine",))
    assert model.probability({"cosine": 0.88}) > 0.8 > 0.2 > model.probability({"cosine": 0.2})


def test_align_features_shipped_weights_load_and_round_trip() -> None:
    models = load_models()
    assert models.grouping.features == GROUPING_FEATURES
    again = LogisticModel.from_dict(models.paraphrase.to_dict())
    assert again == models.paraphrase
    same = {f: 1.0 for f in models.paraphrase.features} | {"cosine": 0.95, "number_conflict": 0.0}
    far = same | {"cosine": 0.2, "jaccard": 0.0, "overlap": 0.0}
    assert models.paraphrase.probability(same) > models.paraphrase.probability(far)
