"""``read_sources``: every kind of source a newsroom has -> Documents and Rejections.

A source is read according to what it is:

* ``-``: standard input;
* an ``http://`` or ``https://`` URL: fetched (``fetch``) under the address, size, redirect,
  timeout and content-type rules;
* a folder: walked recursively in sorted order (``walk_folder``);
* a ``.warc`` / ``.warc.gz`` file (``warc``), a ``.json`` / ``.jsonl`` / ``.ndjson`` file of
  records (``records``);
* any other file: its bytes, refused when it is a known binary format.

Whatever its origin, content that is an RSS or Atom feed is expanded into its entries
(``feeds``); a feed found behind an entry's link is not followed further.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..errors import StageError, guard
from ..model import Document, Rejection
from .feeds import is_feed, read_feed
from .fetch import XML_TYPES, Fetcher, is_url
from .files import (
    check_content,
    path_label,
    read_file,
    read_stdin,
    sniff_media_type,
    walk_folder,
)
from .options import IngestOptions
from .records import read_json_file, read_jsonl_file
from .warc import read_warc

FEED_EXTENSIONS = (".rss", ".atom", ".xml")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
WARC_EXTENSIONS = (".warc", ".warc.gz")


class _Batch:
    """What one ``read_sources`` call has found so far, and its one HTTP client."""

    def __init__(self, options: IngestOptions, fetcher: Fetcher) -> None:
        self.options = options
        self.fetcher = fetcher
        self.docs: list[Document] = []
        self.rejections: list[Rejection] = []

    def take(self, result: Document | Rejection) -> None:
        if isinstance(result, Document):
            self.docs.append(result)
        else:
            self.rejections.append(result)

    def take_all(self, found: tuple[list[Document], list[Rejection]]) -> None:
        self.docs.extend(found[0])
        self.rejections.extend(found[1])

    def page(self, url: str) -> Document | Rejection:
        """A fetched URL as one Document (a feed's entry: a feed here is not expanded)."""
        fetched = self.fetcher.fetch(url)
        if isinstance(fetched, Rejection):
            return fetched
        return _fetched_document(fetched.url, fetched.content, fetched.content_type, self.options)

    def expand(self, doc: Document) -> None:
        """Take ``doc``, or the entries of the feed it is."""
        if is_feed(doc.content):
            self.take_all(read_feed(doc.content, doc.source, self.page, self.options))
        else:
            self.take(doc)

    def url(self, url: str) -> None:
        fetched = self.fetcher.fetch(url)
        if isinstance(fetched, Rejection):
            self.rejections.append(fetched)
        elif is_feed(fetched.content):
            self.take_all(read_feed(fetched.content, url, self.page, self.options))
        else:
            self.take(_fetched_document(url, fetched.content, fetched.content_type, self.options))

    def path(self, path: Path) -> None:
        name = path.name.lower()
        if name.endswith(WARC_EXTENSIONS):
            self.take_all(read_warc(path, self.options))
        elif name.endswith(".json"):
            self.take_all(read_json_file(path, self.options))
        elif name.endswith(JSONL_EXTENSIONS):
            self.take_all(read_jsonl_file(path, self.options))
        else:
            feed_like = name.endswith(FEED_EXTENSIONS)
            cap = self.options.max_container_bytes if feed_like else None
            result = read_file(path, self.options, max_bytes=cap)
            if isinstance(result, Rejection):
                self.rejections.append(result)
            elif is_feed(result.content):
                self.take_all(read_feed(result.content, result.source, self.page, self.options))
            elif feed_like and sniff_media_type(result.content) != "text/html":
                self.rejections.append(
                    Rejection("ingest", result.source, "XML that is neither a feed nor a page")
                )
            elif feed_like and len(result.content) > self.options.max_bytes:
                reason = f"larger than {self.options.max_bytes} bytes; not read"
                self.rejections.append(Rejection("ingest", result.source, reason))
            else:
                self.take(result)


def _fetched_document(
    source: str, content: bytes, content_type: str, options: IngestOptions
) -> Document | Rejection:
    reason = check_content(content, options.max_bytes, what="page")
    if reason:
        return Rejection("ingest", source, reason)
    if is_feed(content):
        return Rejection("ingest", source, "a feed, not an article (feeds are not nested)")
    if "html" in content_type:
        media_type = "text/html"
    elif "markdown" in content_type:
        media_type = "text/markdown"
    elif content_type == "text/plain":
        media_type = "text/plain"
    else:
        media_type = sniff_media_type(content)
        if content_type in XML_TYPES and media_type != "text/html":
            return Rejection("ingest", source, "XML that is neither a feed nor a page")
    return Document(source=source, content=content, media_type=media_type)


def _missing(source: str, exc: OSError) -> str:
    """Why a path argument cannot be read: not there, a URL scheme we do not fetch, or the
    system's reason (a symbolic link loop, no permission, a name too long)."""
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if "://" in source:
            scheme = source.split("://", 1)[0]
            return f"unsupported URL scheme {scheme!r}: http or https only"
        return "no such file or folder"
    return f"cannot read: {exc.strerror or exc}"


def _guarded(batch: _Batch, label: str, read: Callable[[], None]) -> None:
    """``read()``; an exception that is not ours becomes the Rejection of ``label``."""
    try:
        with guard("ingest", label):
            read()
    except StageError as exc:
        batch.rejections.append(Rejection("ingest", label, exc.reason))


def _read_one(batch: _Batch, source: str, stdin: BinaryIO | None) -> None:
    options = batch.options
    if source == "-":
        if stdin is None:
            batch.rejections.append(Rejection("ingest", "-", "no standard input was given"))
            return
        result = read_stdin(stdin, options)
        if isinstance(result, Document):
            batch.expand(result)
        else:
            batch.rejections.append(result)
        return
    if is_url(source):
        batch.url(path_label(source))
        return
    if not source.strip():  # Path("") is the current folder: an empty argument is a mistake
        batch.rejections.append(
            Rejection("ingest", repr(source), "an empty name is not a file, folder or URL")
        )
        return
    path = Path(source)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        batch.rejections.append(Rejection("ingest", path_label(source), _missing(source, exc)))
        return
    if stat.S_ISDIR(mode):
        files = walk_folder(path, options, batch.rejections)
        if not files:
            exts = "/".join(options.extensions)
            reason = f"no {exts} files in {path_label(source)}"
            batch.rejections.append(Rejection("ingest", path_label(source), reason))
        for file in files:
            _guarded(batch, path_label(file), partial(batch.path, file))
    else:  # a file; a FIFO or device named here is read as a stream, like stdin
        batch.path(path)


def read_sources(
    sources: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    options: IngestOptions = IngestOptions(),  # noqa: B008 (frozen, safe default)
) -> tuple[list[Document], list[Rejection]]:
    """Read every source into Documents; what cannot be read becomes a one-line Rejection
    and the rest of the batch goes on (see the module docstring for the kinds of source),
    an exception that is not ours included (with its type and message)."""
    with Fetcher(options) as fetcher:
        batch = _Batch(options, fetcher)
        for source in sources:
            _guarded(batch, path_label(source), partial(_read_one, batch, source, stdin))
        return batch.docs, batch.rejections
