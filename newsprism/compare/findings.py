"""A discrepancy found between two claims, before findings are merged per group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Claim


@dataclass(frozen=True)
class Finding:
    kind: str  # one of model.DISCREPANCY_KINDS
    key: str  # findings of one kind and key inside one group merge into one discrepancy
    a: Claim
    b: Claim
    value_a: str
    value_b: str
    what: str = ""  # the thing the values are about: a unit, a precision, a person
    diff: str | None = None


def local_offset(claim: Claim, start: int) -> int:
    """Offset inside ``claim.text`` of an article offset (clamped to the claim)."""
    return max(0, min(len(claim.text), start - claim.start))


def in_brackets(claim: Claim, start: int) -> bool:
    """True when the article offset ``start`` falls inside an open bracket of the claim
    ("$275 million (about 382 billion won)": a conversion, not a second figure)."""
    before = claim.text[: local_offset(claim, start)]
    return before.rfind("(") > before.rfind(")")


def one_home(found: Sequence[tuple[int, Finding]]) -> list[tuple[int, Finding]]:
    """(group index, finding) with every finding of one kind and key moved to the lowest
    group index any of them has, so that the pairs of one quote or slot, found in several
    groups, merge into one discrepancy."""
    home: dict[tuple[str, str], int] = {}
    for g, f in found:
        home[(f.kind, f.key)] = min(home.get((f.kind, f.key), g), g)
    return [(home[(f.kind, f.key)], f) for _, f in found]
