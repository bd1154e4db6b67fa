"""Regression: a real sentence on which the attribution verb frame raised IndexError (a
complement wholly outside the clause span), which ended a whole analysis. It is read
from ../shared (PolNeAR), not copied here."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.claims import extract_claims
from newsprism.model import Article
from newsprism.resources import Resources

POLNEAR = "attribution/polnear/train/text/usa-today_2016-06-27_orlando-shootings-temper-lgbt-pr.txt"


def _paragraph(path: Path, needle: str) -> str:
    if not path.is_file():
        pytest.skip(f"{path} is absent (fresh clone): skipped")
    for line in path.read_text(encoding="utf-8").splitlines():
        if needle in line:
            return line.strip()
    raise AssertionError(f"{needle!r} not found in {path}")


def test_claims_attribution_two_reported_frames_in_one_sentence(
    datasets_dir: Path, resources: Resources
) -> None:
    text = _paragraph(datasets_dir / POLNEAR, "KING-TV reported")
    article = Article(id=Article.make_id(text), source="polnear", text=text)
    claims = extract_claims([article], resources)
    assert claims
    for claim in claims:
        assert claim.article == article.id
        assert 0 <= claim.start < claim.end <= len(text)
