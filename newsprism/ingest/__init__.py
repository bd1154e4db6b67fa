"""ingest stage: files, folders, stdin, URLs, RSS/Atom feeds, WARC files and JSON records
-> ``Document`` (bytes + media type) or a one-line ``Rejection``.

Binary content other than the known formats (NUL bytes) is detected in the clean stage.
"""

from .files import sniff_media_type
from .options import IngestOptions
from .sources import read_sources

__all__ = ["IngestOptions", "read_sources", "sniff_media_type"]
