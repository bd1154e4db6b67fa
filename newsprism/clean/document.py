"""The clean stage: ``Document`` (bytes) -> ``Article`` (clean text + metadata + removed).

The clean text holds only what the outlet wrote: one paragraph per line, paragraphs joined
by a single ``"\\n"``, whitespace inside a line collapsed, no headline (it is in ``title``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError, NewsprismError
from ..model import Article, Document, Rejection, Removed
from .decode import decode_bytes
from .extract import NO_ARTICLE, extract_html
from .language import detect_language
from .metadata import date_from_url, outlet_from_url
from .strip import StripSettings, strip_text


@dataclass(frozen=True)
class CleanOptions:
    favor_precision: bool = True  # trafilatura: rather lose a line than keep furniture
    min_printable: float = 0.95  # below this share of printable characters: binary
    default_language: str = "en"
    min_words: int = 5  # fewer words left after cleaning: "no article text found"
    strip: StripSettings = StripSettings()


def _is_html(doc: Document, text: str) -> bool:
    if doc.media_type == "text/html":
        return True
    head = text[:2048].lstrip().lower()
    return doc.media_type == "text/plain" and head.startswith(("<!doctype html", "<html"))


def clean_document(doc: Document, options: CleanOptions = CleanOptions()) -> Article:  # noqa: B008
    """Clean one document; raises ``InputError`` (or ``DecodeError``) with a one-line reason."""
    text = decode_bytes(doc.content, source=doc.source, min_printable=options.min_printable)
    removed: list[Removed] = []
    title = outlet = url = published = None
    byline: tuple[str, ...] = ()
    if _is_html(doc, text):
        page = extract_html(text, source=doc.source, favor_precision=options.favor_precision)
        removed.extend(page.removed)
        title, outlet, url, published, byline = (
            page.title,
            page.outlet,
            page.url,
            page.published,
            page.authors,
        )
        outlet = outlet or page.hostname
        stripped = strip_text(page.text, known_title=title or "", settings=options.strip)
    else:
        stripped = strip_text(
            text, markdown=doc.media_type == "text/markdown", settings=options.strip
        )
    found = stripped.meta
    removed.extend(stripped.removed)
    body = "\n".join(stripped.paragraphs).strip()
    if len(body.split()) < options.min_words:
        raise InputError(NO_ARTICLE, source=doc.source)
    url = url or found.url
    outlet = (
        outlet
        or found.outlet
        or (outlet_from_url(url) if url else None)
        or found.outlet_from_dateline
    )
    return Article(
        id=Article.make_id(body),
        source=doc.source,
        text=body,
        outlet=outlet,
        title=title or found.title,
        published=published or found.published or (date_from_url(url) if url else None),
        language=detect_language(body, default=options.default_language),
        byline=byline or found.byline,
        url=url,
        removed=tuple(removed),
    )


def clean_documents(
    docs: Sequence[Document],
    options: CleanOptions = CleanOptions(),  # noqa: B008
) -> tuple[list[Article], list[Rejection]]:
    """Clean a batch: a document that cannot be used becomes a ``Rejection`` and the rest
    goes on."""
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for doc in docs:
        try:
            articles.append(clean_document(doc, options))
        except NewsprismError as exc:
            reason = str(exc.args[0]) if exc.args else type(exc).__name__
            rejections.append(Rejection("clean", doc.source, reason.splitlines()[0]))
    return articles, rejections
