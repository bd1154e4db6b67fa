"""clean stage: decode, extract (HTML), strip furniture and comments, recover metadata.

Article text: paragraphs joined by one ``"\\n"``. Binary input is detected here (decode).
"""

from .document import CleanOptions, clean_document, clean_documents
from .guard import GuardSettings
from .strip import StripSettings

# trafilatura precision mode with its holes filled and the lead put back, line rules, and
# the guard against dropping what trafilatura's default mode keeps
ALGORITHM = "clean.trafilatura-guarded.v1"

__all__ = [
    "ALGORITHM",
    "CleanOptions",
    "GuardSettings",
    "StripSettings",
    "clean_document",
    "clean_documents",
]
