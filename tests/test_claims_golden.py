"""Golden claims of one demo article: attribution, hedges, quantities and relative dates,
including the fields whose right answer is unknown (see tests/fixtures/claims)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsprism.align.text import claim_text
from newsprism.claims import extract_claims
from newsprism.clean import clean_documents
from newsprism.ingest import read_sources
from newsprism.model import Claim
from newsprism.resources import Resources

GOLDEN = Path(__file__).parent / "fixtures" / "claims" / "ferry_npa_wire.json"
EXPECTED: list[dict[str, Any]] = json.loads(GOLDEN.read_text(encoding="utf-8"))["claims"]


@pytest.fixture(scope="module")
def claims(demo_dir: Path, resources: Resources) -> list[Claim]:
    docs, _ = read_sources([str(demo_dir / "articles" / "ferry_npa_wire.txt")])
    articles, _ = clean_documents(docs)
    return extract_claims(articles, resources)


def _pick(claims: list[Claim], want: dict[str, Any]) -> Claim:
    """The first claim that states the fragment (in its own words: a proposition's parts)."""
    for c in claims:
        values = [q.text for q in c.quantities] + [d.text for d in c.dates]
        if want["fragment"] in claim_text(c) and ("has" not in want or want["has"] in values):
            return c
    raise AssertionError(f"no claim with {want['fragment']!r}")


@pytest.mark.parametrize("want", EXPECTED, ids=[w["fragment"][:30] for w in EXPECTED])
def test_claims_golden_demo_wire(claims: list[Claim], want: dict[str, Any]) -> None:
    c = _pick(claims, want)
    for field in ("speaker", "cue", "hedge", "negated", "quote", "anonymous"):
        if field in want:
            assert getattr(c, field) == want[field], field
    if "quantities" in want:
        got = [[q.text, q.value, q.low, q.high] for q in c.quantities]
        assert got == want["quantities"]
    if "dates" in want:
        assert [[d.text, d.value, d.precision] for d in c.dates] == want["dates"]
