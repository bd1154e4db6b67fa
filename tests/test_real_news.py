"""The quality gate on real news: the BASIL gold events (three outlets each, not our
writing) scored as ``bench/real_news.py`` scores them, against floors pinned in
``tests/quality_floors.json``. The held-out half is never tuned on; its floors say where
the release stands on data the comparison code was not fitted to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = Path(__file__).with_name("quality_floors.json")
FIGURES = ("precision", "recall", "key_facts_right")


def _floors() -> dict[str, dict[str, float]]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["real_news"]


@pytest.mark.parametrize("half", ["tune", "heldout"])
@pytest.mark.parametrize("figure", FIGURES)
def test_real_news_figure_holds_its_floor(real_news, half: str, figure: str) -> None:  # noqa: ANN001
    got = real_news.SCORES[half].figures()[figure]
    floor = _floors()[half][figure]
    assert got is not None and got >= floor, f"{half} {figure}: {got} under the floor {floor}"


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_real_news_no_story_has_many_false_discrepancies(real_news, half: str) -> None:  # noqa: ANN001
    worst = real_news.SCORES[half].figures()["false_max_per_story"]
    assert worst <= _floors()[half]["false_max_per_story"]


def test_real_news_every_anchor_is_in_the_clean_text(real_news) -> None:  # noqa: ANN001
    """Cleaning keeps every gold anchor of the plain-text BASIL articles: nothing the
    comparison is scored on is lost before it."""
    for half in ("tune", "heldout"):
        assert real_news.SCORES[half].anchors_lost == 0, half
