"""align stage: the same claim across outlets, as clusters of claim ids."""

from .clustering import ALGORITHM, AlignOptions, align_claims

__all__ = ["ALGORITHM", "AlignOptions", "align_claims"]
