"""Articles sent to the app (pasted text, uploaded files, URLs, JSON records) as the
Documents and Rejections of the ingest stage, read by the same code as the CLI.

Pasted texts and uploads are written to a private temporary folder and read with
``ingest.read_sources``, so a ``.json``, ``.jsonl``, ``.warc``, ``.html`` or feed upload
is read exactly as the same file given to ``newsprism add``; URLs go through the same
fetcher, with its size, timeout, content-type and private-address rules. Sources are then
named for people (``pasted text 1``, ``upload report.html``), not by the temporary path.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path

from werkzeug.utils import secure_filename

from ..ingest import IngestOptions, read_sources
from ..ingest.records import record_document
from ..model import Document, Rejection

Found = tuple[list[Document], list[Rejection]]


def _renamed(found: Found, names: dict[str, str]) -> Found:
    def rename(source: str) -> str:
        for path, label in names.items():
            if source.startswith(path):
                return label + source[len(path) :]
        return source

    docs = [dataclasses.replace(d, source=rename(d.source)) for d in found[0]]
    return docs, [dataclasses.replace(r, source=rename(r.source)) for r in found[1]]


def read_submitted(
    texts: Sequence[str],
    files: Sequence[tuple[str, bytes]],
    urls: Sequence[str],
    options: IngestOptions,
    max_urls: int,
) -> Found:
    """Pasted ``texts``, uploaded ``files`` (name, bytes) and ``urls`` (at most
    ``max_urls`` are read) -> Documents and Rejections (a bad item is one rejection; the
    rest goes on)."""
    rejections: list[Rejection] = []
    urls = [u.strip() for u in urls if u.strip()]
    if len(urls) > max_urls:
        extra = len(urls) - max_urls
        rejections.append(Rejection("ingest", urls[max_urls],
                                    f"more than {max_urls} URLs in one request; "
                                    f"{extra} not read"))  # fmt: skip
        urls = urls[:max_urls]
    texts = [t for t in texts if t.strip()]
    with tempfile.TemporaryDirectory(prefix="newsprism-web-") as tmp:
        names: dict[str, str] = {}
        paths: list[str] = []
        for n, text in enumerate(texts, start=1):
            path = Path(tmp) / f"pasted-{n}.txt"
            path.write_text(text, encoding="utf-8")
            names[str(path)] = f"pasted text {n}"
            paths.append(str(path))
        for n, (name, content) in enumerate(files, start=1):
            safe = secure_filename(name) or f"file-{n}.txt"
            path = Path(tmp) / f"{n}-{safe}"
            path.write_bytes(content)
            names[str(path)] = f"upload {name or safe}"
            paths.append(str(path))
        docs, rejected = _renamed(read_sources(paths, options=options), names)
    fetched, refused = read_sources(urls, options=options) if urls else ([], [])
    return docs + fetched, rejections + rejected + refused


def read_records(
    records: Sequence[object], urls: Sequence[str], options: IngestOptions, max_urls: int
) -> Found:
    """JSON records ``{"url", "title", "text" | "html", "published", "outlet"}`` (read as
    a ``.json`` file of records is) and URLs -> Documents and Rejections."""
    docs: list[Document] = []
    rejections: list[Rejection] = []
    for n, record in enumerate(records, start=1):
        result = record_document(record, f"record {n}", options)
        if isinstance(result, Document):
            docs.append(result)
        else:
            rejections.append(result)
    more, refused = read_submitted([], [], urls, options, max_urls)
    return docs + more, rejections + refused
