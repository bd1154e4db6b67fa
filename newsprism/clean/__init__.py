"""clean stage: decode, extract (HTML), strip furniture and comments, recover metadata.

Article text: paragraphs joined by one ``"\\n"``. Binary input is detected here (decode).
"""

from .document import CleanOptions, clean_document, clean_documents
from .strip import StripSettings

__all__ = ["CleanOptions", "StripSettings", "clean_document", "clean_documents"]
