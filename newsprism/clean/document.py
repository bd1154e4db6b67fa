"""The clean stage: ``Document`` (bytes) -> ``Article`` (clean text + metadata + removed).

The clean text holds only what the outlet wrote: one paragraph per line, paragraphs joined
by a single ``"\\n"``, whitespace inside a line collapsed, no headline (it is in ``title``).
In English text, words that lost the space between them are split (see ``repair``);
``Article.repairs`` counts them, and every span downstream points into the repaired text.
For text and Markdown input, cleaning the clean text again (as plain text) gives the same
text (0 changes in 786 mutated Markdown documents and 422 mutated texts, ``bench/fuzz.py``).
For HTML it does not hold and is not promised: the page's markup decides what is furniture,
and read again as plain text about a quarter of real pages lose or change a line (114 of
430 extraction pages).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..errors import InputError, ModelError, NewsprismError, guard
from ..model import Article, Document, Rejection, Removed
from ..outlets import is_wire
from ..urls import split_url
from .decode import decode_bytes
from .extract import NO_ARTICLE, Extracted, extract_html
from .guard import CANDIDATES, GuardSettings, accepts
from .language import detect_language
from .metadata import date_from_url, outlet_from_url
from .repair import Lookup, RepairSettings, english_zipf, repair_glued
from .strip import Stripped, StripSettings, TextMeta, split_paragraphs, strip_text


@dataclass(frozen=True)
class CleanOptions:
    favor_precision: bool = True  # trafilatura: rather lose a line than keep furniture
    min_printable: float = 0.95  # below this share of printable characters: binary
    default_language: str = "en"
    min_words: int = 5  # fewer words left after cleaning: "no article text found"
    strip: StripSettings = StripSettings()
    repair: RepairSettings = RepairSettings()  # glued-word repair (English text only)
    passes: int = 4  # repair-and-strip passes at most, until the text no longer changes
    guard: GuardSettings = GuardSettings()  # HTML: keep what trafilatura's own text keeps
    # outlets the user names per input (FILE, NAME), as ``--outlet FILE=NAME`` gives them:
    # FILE matches a source that is that path or ends with it ("seeds/a.txt", "a.txt")
    outlets: tuple[tuple[str, str], ...] = ()


def named_outlet(source: str, outlets: Sequence[tuple[str, str]]) -> str | None:
    """The outlet the user named for ``source`` (see ``CleanOptions.outlets``), if any."""
    plain = re.sub(r"(?::\d+|\[\d+\])$", "", source)  # a record of a JSON file: the file
    parts = PurePosixPath(plain.replace("\\", "/")).parts
    for path, name in outlets:
        want = PurePosixPath(path.replace("\\", "/")).parts
        want = tuple(p for p in want if p != ".")
        if path in (source, plain) or (want and parts[-len(want) :] == want):
            return name
    return None


def _inferred_outlet(found: TextMeta, url: str | None) -> str | None:
    """The outlet where the input names none, from what the text says reliably: a
    copyright line that names the publisher, the host of the article's URL, a byline's
    outlet, then the agency of a dateline ("BERGEN (NPA) -"). A copyright or dateline that
    names a wire agency is a credit for the story, not the page's publisher, when the URL
    names another."""
    host = outlet_from_url(url) if url else None
    copyright_name = found.outlet_from_copyright
    if copyright_name and not (host and is_wire(copyright_name)):
        return copyright_name
    return host or found.outlet_from_byline or found.outlet_from_dateline


# scripts written without spaces between words (kana, Han, Thai): there every two
# characters count as a word, about the length of a Chinese or Japanese word
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words of ``text``: whitespace-separated tokens, a token in an unspaced script
    counting one word per two of its characters."""
    if not UNSPACED.search(text):
        return len(text.split())
    count = 0
    for token in text.split():
        unspaced = len(UNSPACED.findall(token))
        count += max(1, unspaced // 2)
    return count


def _is_html(doc: Document, text: str) -> bool:
    if doc.media_type == "text/html":
        return True
    head = text[:2048].lstrip().lower()
    return doc.media_type == "text/plain" and head.startswith(("<!doctype html", "<html"))


def _word_frequencies(source: str) -> Lookup:
    try:
        return english_zipf()
    except ImportError as exc:
        raise ModelError(
            "the word frequency list (wordfreq) is not installed: run `make install`",
            source=source,
        ) from exc


def _settle(
    paragraphs: list[str],
    removed: list[Removed],
    html_title: str | None,
    options: CleanOptions,
    source: str,
) -> tuple[list[str], str, int]:
    """Repair glued words and strip again until nothing changes (at most
    ``options.passes`` times), so that cleaning the clean text gives the same text: a
    sub-heading that opened the body would otherwise be read as a headline the second time,
    and a repaired paragraph can read differently. What a later pass takes out is recorded
    like the rest; metadata it reads is not used. Returns the paragraphs, the language and
    the number of repairs."""
    language = options.default_language
    repairs = 0
    for _ in range(options.passes):
        # a blank line between paragraphs: a later pass must not re-join lines that a
        # removal has made neighbours
        body = "\n\n".join(paragraphs)
        language = detect_language(body, default=options.default_language)
        changed = False
        if language == "en" and options.repair.enabled:
            body, done = repair_glued(body, _word_frequencies(source), options.repair)
            repairs += len(done)
            changed = bool(done)
        again = strip_text(
            body,
            known_title=html_title,
            structured=html_title is not None,
            settings=options.strip,
        )
        if not changed and again.paragraphs == paragraphs:
            break
        removed.extend(again.removed)
        paragraphs = again.paragraphs
    return paragraphs, language, repairs


@dataclass
class _Cleaned:
    stripped: Stripped  # the line rules' result (its metadata is used)
    paragraphs: list[str]
    language: str
    repairs: int
    removed: list[Removed]


def _clean_text(
    text: str,
    html_title: str | None,
    options: CleanOptions,
    source: str,
    *,
    markdown: bool = False,
) -> _Cleaned:
    stripped = strip_text(
        text,
        markdown=markdown,
        known_title=html_title,
        structured=html_title is not None,
        settings=options.strip,
    )
    removed = list(stripped.removed)
    paragraphs, language, repairs = _settle(
        stripped.paragraphs, removed, html_title, options, source
    )
    return _Cleaned(stripped, paragraphs, language, repairs, removed)


def _clean_page(page: Extracted, html_title: str, options: CleanOptions, source: str) -> _Cleaned:
    """The first of the guard's candidates (most cleaned first) that keeps enough of the
    baseline; the last, the baseline's lines as they are, always does."""
    tried: set[tuple[str, bool]] = set()
    for which, threads, rules_on in CANDIDATES:
        if not rules_on:
            break
        text = page.text if which == "main" else page.baseline
        if page.lead:
            text = f"{page.lead}\n{text}"
        if (text, threads) in tried:
            continue
        tried.add((text, threads))
        strip = replace(options.strip, comment_threads=threads and options.strip.comment_threads)
        cleaned = _clean_text(text, html_title, replace(options, strip=strip), source)
        if not options.guard.enabled or accepts(
            "\n".join(cleaned.paragraphs), page.baseline, options.guard
        ):
            return cleaned
    paragraphs = split_paragraphs(f"{page.lead or ''}\n{page.baseline}")
    language = detect_language("\n".join(paragraphs), default=options.default_language)
    return _Cleaned(Stripped(paragraphs), paragraphs, language, 0, [])


def clean_document(doc: Document, options: CleanOptions = CleanOptions()) -> Article:  # noqa: B008
    """Clean one document; raises ``InputError`` (or ``DecodeError``) with a one-line reason."""
    text = decode_bytes(
        doc.content,
        source=doc.source,
        min_printable=options.min_printable,
        lenient=doc.media_type == "text/html",
    )
    named = named_outlet(doc.source, options.outlets) if options.outlets else None
    if named:
        doc = replace(doc, outlet=named)
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
        outlet = outlet or (None if doc.outlet else page.hostname)
        cleaned = _clean_page(page, title or "", options, doc.source)
    else:
        markdown = doc.media_type == "text/markdown"
        cleaned = _clean_text(text, None, options, doc.source, markdown=markdown)
    removed.extend(cleaned.removed)
    stripped, paragraphs, language, repairs = (
        cleaned.stripped,
        cleaned.paragraphs,
        cleaned.language,
        cleaned.repairs,
    )
    found = stripped.meta
    body = "\n".join(paragraphs).strip()
    if word_count(body) < options.min_words:
        raise InputError(NO_ARTICLE, source=doc.source)
    url = url or found.url
    if url and split_url(url) is None:  # "http://[link]": no URL rather than a broken one
        url = None
    outlet = doc.outlet or outlet or found.outlet or _inferred_outlet(found, url)
    return Article(
        id=Article.make_id(body),
        source=doc.source,
        text=body,
        outlet=outlet,
        title=title or found.title,
        published=published or found.published or (date_from_url(url) if url else None),
        language=language,
        byline=byline or found.byline,
        url=url,
        removed=tuple(removed),
        repairs=repairs,
    )


def clean_documents(
    docs: Sequence[Document],
    options: CleanOptions = CleanOptions(),  # noqa: B008
) -> tuple[list[Article], list[Rejection]]:
    """Clean a batch: a document that cannot be used becomes a ``Rejection`` and the rest
    goes on (an exception that is not ours too, with its type and message)."""
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for doc in docs:
        try:
            with guard("clean", doc.source):
                articles.append(clean_document(doc, options))
        except NewsprismError as exc:
            reason = str(exc.args[0]) if exc.args else type(exc).__name__
            rejections.append(Rejection("clean", doc.source, reason.splitlines()[0]))
    return articles, rejections
