"""The one data model of newsprism: frozen dataclasses that every stage reads and writes.

Offsets (``start``/``end``) are always character offsets into ``Article.text`` (the clean
text), half-open, so ``article.text[start:end]`` is the span.

Ids are content hashes so that analysing the same input twice gives the same ids:

* ``Article.id``   ``a`` + 12 hex of sha256 over the clean text
* ``Claim.id``     ``<article id>:<start>-<end>``, or ``<article id>:`` and its parts
                   (``10-20,31-52``) for a proposition made of several spans
* ``Story.id``     ``s`` + 10 hex of sha256 over the sorted article ids (a story grown
                   with ``newsprism add`` keeps the id it got when it opened: the same hash
                   over its first article id alone)
* group / discrepancy ids are ``g<n>`` / ``d<n>`` in order of first appearance in a story
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

REMOVED_KINDS = (
    "comments",
    "navigation",
    "advert",
    "related",
    "cookie",
    "footer",
    "repeated",
    "promo",
    "metadata",
)

# "opinion": a group of opinion or commentary only (Claim.opinion), counted in no
# corroboration
GROUP_STATUSES = ("corroborated", "single_source", "disputed", "opinion")

DISCREPANCY_KINDS = (
    "number",
    "date",
    "entity",
    "quote",
    "role",
    "absence",
    "negation",
    "hedge",
)

DERIVATION_KINDS = ("copy", "rewrite", "translation", "citation")


def content_hash(text: str, length: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def iso_day(value: str | None) -> date | None:
    """The day of an ISO date or timestamp ("2025-03-15", "2025-03-15T01:40+01:00"), or
    ``None`` when there is none or it does not parse (e.g. ``Article.published``)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Document:
    """Raw input as read by ingest, before any cleaning."""

    source: str  # the path or URL the user gave ("-" for stdin)
    content: bytes
    media_type: str  # "text/plain", "text/markdown" or "text/html"
    outlet: str | None = None  # the outlet the user named (a record's field, --outlet)


@dataclass(frozen=True)
class Removed:
    """A block the cleaner took out of the article, with why."""

    kind: str  # one of REMOVED_KINDS
    text: str


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    text: str  # clean text: only what the outlet wrote
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    language: str = "en"
    byline: tuple[str, ...] = ()
    url: str | None = None
    removed: tuple[Removed, ...] = ()
    repairs: int = 0  # glued words repaired in the clean text

    @staticmethod
    def make_id(text: str) -> str:
        return "a" + content_hash(text)


@dataclass(frozen=True)
class Quantity:
    text: str  # as written
    start: int
    end: int
    value: float | None  # point value when one is stated
    low: float | None  # inclusive bounds; None means unbounded
    high: float | None
    unit: str | None = None  # "people", "USD", "percent", "miles", "day", ..., "tally"
    approximate: bool = False
    # a vote tally or score is one value: its numbers in order ("234-193" -> (234, 193)),
    # with unit "tally" and no value or bounds of its own
    counts: tuple[float, ...] = ()


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None  # ISO date / month / year ("2024-11-19", "2022-06", "2020")
    precision: str | None  # "day", "month", "year" or None when unresolved


@dataclass(frozen=True)
class Entity:
    text: str
    start: int
    end: int
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, ...
    key: str  # normalised key shared by surface forms of the same entity


@dataclass(frozen=True)
class Claim:
    id: str
    article: str  # Article.id
    text: str  # == article.text[start:end]
    start: int
    end: int
    content: str  # the stated fact without its attribution frame
    content_start: int
    content_end: int
    speaker: str | None = None  # "Defense Secretary Lloyd Austin", "a U.S. official"
    via: str | None = None  # outlet or agency cited: "Reuters", "The Washington Post"
    quote: bool = False  # contains a verbatim quote
    quote_text: str | None = None
    hedge: str | None = None  # None (asserted), "reported", "expected", "not_said", ...
    negated: bool = False
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    # where the attribution frame is written (article offsets, None when absent)
    speaker_start: int | None = None  # the speaker as written here ("he", "Austin")
    speaker_end: int | None = None
    cue: str | None = None  # the reporting words as written: "said", "according to"
    cue_start: int | None = None
    cue_end: int | None = None
    anonymous: bool = False  # the speaker is an unnamed source ("a U.S. official")
    parts: tuple[tuple[int, int], ...] = ()  # spans of a proposition that is not one span
    via_start: int | None = None
    via_end: int | None = None
    # opinion or commentary, not a checkable fact ("It's a disgrace", "we must act now"):
    # kept out of corroboration counts and out of the brief (claims/opinion.py says when)
    opinion: bool = False

    @property
    def statement(self) -> str:
        """The proposition's own words: its parts joined when it is not one span, else its
        content (the fact without the attribution frame), else its whole text. ``text`` is
        the sentence (or clause) around it, the context a reader checks it against."""
        if self.parts:
            pieces = [self.text[s - self.start : e - self.start].strip() for s, e in self.parts]
            joined = " ".join(p for p in pieces if p)
            if joined:
                return joined
        return self.content.strip() or self.text.strip()

    @staticmethod
    def make_id(
        article_id: str, start: int, end: int, parts: tuple[tuple[int, int], ...] = ()
    ) -> str:
        """``a1b2:10-52`` for a claim that is one span; ``a1b2:10-20,31-52`` for a
        proposition made of several parts, so two propositions of one sentence differ."""
        if parts and parts != ((start, end),):
            return f"{article_id}:" + ",".join(f"{s}-{e}" for s, e in parts)
        return f"{article_id}:{start}-{end}"


@dataclass(frozen=True)
class Story:
    id: str
    headline: str
    articles: tuple[str, ...]  # Article ids, earliest first

    @staticmethod
    def make_id(article_ids: tuple[str, ...] | list[str]) -> str:
        return "s" + content_hash("\n".join(sorted(article_ids)), 10)


@dataclass(frozen=True)
class Derivation:
    """Article ``article`` derives from ``derived_from`` (an Article id, or an outlet name
    outside the input when ``external`` is true)."""

    article: str
    derived_from: str
    kind: str  # one of DERIVATION_KINDS
    evidence: str  # one line a person can check
    score: float
    external: bool = False


@dataclass(frozen=True)
class ClaimGroup:
    id: str
    claims: tuple[str, ...]
    articles: tuple[str, ...]
    independent_sources: int
    status: str  # one of GROUP_STATUSES
    sources: tuple[str, ...] = ()  # the original sources counted
    origin: str | None = None  # article id that reported it first


@dataclass(frozen=True)
class Discrepancy:
    id: str
    kind: str  # one of DISCREPANCY_KINDS
    claims: tuple[str, ...]
    explanation: str
    group: str | None = None
    values: tuple[str, ...] = ()  # the conflicting values, as written
    diff: str | None = None  # word-level diff for quote wording


@dataclass(frozen=True)
class Rejection:
    """An input (or a stage's work on it) that was refused, with a one-line reason."""

    stage: str
    source: str
    reason: str


@dataclass(frozen=True)
class StoryAnalysis:
    story: Story
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    groups: tuple[ClaimGroup, ...]
    discrepancies: tuple[Discrepancy, ...]
    derivations: tuple[Derivation, ...]
    # the story's earliest original report (an article id), decided by compare
    first_report: str | None = None
    # (group id, ids of the articles that leave that corroborated group out), by compare
    blindspots: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Analysis:
    stories: tuple[StoryAnalysis, ...]
    rejections: tuple[Rejection, ...] = ()
    algorithms: dict[str, str] = field(default_factory=dict)
