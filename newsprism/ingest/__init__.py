"""ingest stage: files, folders and stdin -> ``Document`` (bytes + media type).

Binary detection (NUL bytes) happens in the clean stage, not here.
"""

from .files import IngestOptions, read_sources, sniff_media_type

__all__ = ["IngestOptions", "read_sources", "sniff_media_type"]
