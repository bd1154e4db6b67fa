"""claims stage: articles -> claims with spans, attribution, hedges, numbers, dates, entities."""

from __future__ import annotations

from .dates import parse_dates
from .extract import ClaimOptions, ClaimTimings, extract_claims, extract_claims_timed
from .propositions import PropositionOptions, proposition_parts, split_propositions
from .quantities import parse_quantities

ALGORITHM = "claims.rules-spacy.v4"

__all__ = [
    "ALGORITHM",
    "ClaimOptions",
    "ClaimTimings",
    "extract_claims",
    "extract_claims_timed",
    "parse_dates",
    "parse_quantities",
    "PropositionOptions",
    "proposition_parts",
    "split_propositions",
]
