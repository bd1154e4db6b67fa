"""The shipped same-claim cross-encoder (newsprism/data/pair_model_v1.onnx) at run time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsprism.align.pair_model import PAIR_MODEL_FILE, PairModel
from newsprism.errors import ModelError

PARAPHRASE = (
    "The city council approved a budget of 4.2 million dollars for road repairs on Tuesday.",
    "On Tuesday, councillors voted through 4.2 million dollars to fix the city's roads.",
)
CLOSE_PARAPHRASE = (
    "The city council approved a budget of 4.2 million dollars for road repairs on Tuesday.",
    "On Tuesday the city council approved a 4.2 million dollar budget for road repairs.",
)
CHANGED_NUMBER = (
    "The city council approved a budget of 4.2 million dollars for road repairs on Tuesday.",
    "On Tuesday the city council approved a 9 million dollar budget for road repairs.",
)
BUS_PARAPHRASE = (
    "At least 12 people were killed when the bus overturned near the border.",
    "The bus overturned near the border, killing at least 12 people.",
)
BUS_CHANGED_NUMBER = (
    "At least 12 people were killed when the bus overturned near the border.",
    "At least 40 people were killed when the bus overturned near the border.",
)
NEGATED = (
    "Police said the driver of the lorry had been arrested at the scene.",
    "Police said the driver of the lorry had not been arrested.",
)
POLICE_PARAPHRASE = (
    "Police said the driver of the lorry had been arrested at the scene.",
    "The lorry driver was arrested at the scene, according to police.",
)
UNRELATED = (
    "The central bank left interest rates unchanged at its March meeting.",
    "Heavy snow closed the mountain pass for the second day running.",
)


@pytest.fixture(scope="module")
def model() -> PairModel:
    if not PAIR_MODEL_FILE.is_file():
        pytest.skip(f"{PAIR_MODEL_FILE.name} is absent (train it with make train-pair-model)")
    return PairModel()


def test_pair_model_paraphrase_scores_above_half(model: PairModel) -> None:
    assert model.score([PARAPHRASE, POLICE_PARAPHRASE]).min() > 0.5


def test_pair_model_changed_number_scores_below_paraphrase(model: PairModel) -> None:
    # only relative: a changed figure lowers the score but stays far above 0.5 (MRPC
    # teaches little about numbers; number conflicts are the align features' job)
    para, changed, bus_para, bus_changed = model.score(
        [CLOSE_PARAPHRASE, CHANGED_NUMBER, BUS_PARAPHRASE, BUS_CHANGED_NUMBER]
    )
    assert changed < para and bus_changed < bus_para


def test_pair_model_negation_scores_below_paraphrase(model: PairModel) -> None:
    para, negated = model.score([POLICE_PARAPHRASE, NEGATED])
    assert negated < para


def test_pair_model_unrelated_scores_below_half(model: PairModel) -> None:
    assert model.score([UNRELATED])[0] < 0.5


def test_pair_model_scores_are_probabilities(model: PairModel) -> None:
    scores = model.score([PARAPHRASE, CHANGED_NUMBER, NEGATED, UNRELATED])
    assert scores.shape == (4,) and np.all((scores >= 0.0) & (scores <= 1.0))


def test_pair_model_is_deterministic(model: PairModel) -> None:
    pairs = [PARAPHRASE, NEGATED, UNRELATED]
    assert np.array_equal(model.score(pairs), model.score(pairs))


def test_pair_model_is_order_symmetric(model: PairModel) -> None:
    pairs = [PARAPHRASE, CHANGED_NUMBER, NEGATED]
    swapped = [(b, a) for a, b in pairs]
    assert np.allclose(model.score(pairs), model.score(swapped), atol=1e-6, rtol=0.0)


def test_pair_model_score_does_not_depend_on_other_pairs(model: PairModel) -> None:
    # dynamic int8 quantises activations per batch; the default batch of one keeps a score
    # independent of what else is scored with it (padding must not matter either)
    pairs = [PARAPHRASE, CHANGED_NUMBER, NEGATED, POLICE_PARAPHRASE, UNRELATED]
    one_by_one = np.concatenate([model.score([p]) for p in pairs])
    assert np.array_equal(model.score(pairs), one_by_one)


def test_pair_model_empty_input_gives_empty_scores(model: PairModel) -> None:
    assert model.score([]).shape == (0,)


def test_pair_model_missing_file_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="pair model not found"):
        PairModel(tmp_path / "absent.onnx")
