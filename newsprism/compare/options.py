"""Options of the compare stage."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError
from .independence import DEFAULT_MIN_SCORE


@dataclass(frozen=True)
class CompareOptions:
    min_derivation_score: float = DEFAULT_MIN_SCORE  # derivation edges followed for independence
    approx_tolerance: float = 0.10  # relative slack around "about 190", "nearly 200"
    rounding_tolerance: float = 0.10  # max relative slack a round figure (200, 1,000) gets
    sum_tolerance: float = 0.01  # relative slack when a total equals the sum of parts
    # quotes (compare/quote_match.py): two segments are one quote when they share a run of
    # quote_min_words words and quote_min_ratio of the shorter one's words, in order; at
    # most quote_max_changed words between them differ
    quote_min_ratio: float = 0.6
    quote_min_words: int = 4
    quote_max_changed: int = 6
    absence_min_cosine: float = 0.45  # embedding cosine a not-said claim needs with an assertion
    negation_min_overlap: float = 0.5  # shared content words needed to call it the same predicate
    entity_min_overlap: float = 0.5  # shared content words around a swapped entity
    flag_hedges: tuple[str, ...] = ("denied", "unconfirmed", "alleged", "disputed")
    # slots: conflicts between claims alignment kept apart (see compare/slots.py)
    slot_rare_share: float = 0.12  # an anchor word occurs in at most this share of claims
    slot_min_cosine: float = 0.35  # the two claims must be at least this close in meaning
    cause_min_cosine: float = 0.2  # a stated cause vs "did not say what caused it"
    conflict_min_same: float = 0.75  # p(same fact) a pair needs before its values can conflict

    def check(self) -> None:
        if not 0.0 <= self.min_derivation_score <= 1.0:
            raise ConfigError(
                f"min_derivation_score must be within 0..1, got {self.min_derivation_score}"
            )
        if not 0.0 < self.quote_min_ratio < 1.0:
            raise ConfigError(f"quote_min_ratio must be within 0..1, got {self.quote_min_ratio}")
