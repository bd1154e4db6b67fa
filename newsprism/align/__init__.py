"""align stage: the same claim across outlets, as clusters of claim ids."""

from .clustering import ALGORITHM, AlignOptions, align_claims
from .news import SameFact

__all__ = ["ALGORITHM", "AlignOptions", "SameFact", "align_claims"]
