"""Split clean article text into sentence spans with exact character offsets.

A sentence never crosses a newline (paragraphs are lines). Bullet markers are left out of
the span, headings and section labels (short lines without final punctuation), bare URLs
and short fragments are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import TITLE_ABBREVIATIONS

# Words that end with a period without ending a sentence when a capital follows.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "maj",
        "adm",
        "cmdr",
        "sen",
        "rep",
        "gov",
        "pres",
        "prof",
        "rev",
        "st",
        "jr",
        "sr",
        "insp",
        "supt",
        "det",
        "cpl",
        "pvt",
        "brig",
        "hon",
        "amb",
        "fr",
        "messrs",
        "mt",
        "ft",
    ]
) | frozenset(TITLE_ABBREVIATIONS)  # every title abbreviation the entities know
MONTH_ABBR = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
ALWAYS_ABBR = frozenset(
    [
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "est",
        "inc",
        "corp",
        "co",
        "ltd",
        "dept",
        "univ",
        "fig",
        "al",
    ]
)
# After an acronym such as "U.S." or "p.m." a new sentence starts only with one of these.
STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "but",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "after",
        "before",
        "however",
        "meanwhile",
        "still",
        "yet",
        "so",
        "and",
        "or",
        "there",
        "his",
        "her",
        "their",
        "its",
        "our",
        "as",
        "while",
        "when",
        "if",
    ]
)

_BULLET = re.compile(r"[-•*–—▪►·>]+\s+|\d{1,2}[.)]\s+")
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_TERMINAL = ".!?…\"'”’)"
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int
    line_start: int  # offset of the line (paragraph) that holds the sentence
    line_end: int


def _word_before(line: str, pos: int) -> str:
    """The whitespace-delimited word that ends at ``pos`` (inclusive of its periods)."""
    i = pos
    while i > 0 and not line[i - 1].isspace() and line[i - 1] not in '("“‘':
        i -= 1
    return line[i:pos]


def _inside_quote(line: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation opened earlier on the line and closed later on it?
    A quote of several sentences stays one claim with its attribution."""
    before, after = line[:pos], line[pos:]
    if before.count("“") > before.count("”") and "”" in after:
        return True
    return before.count('"') % 2 == 1 and '"' in after


# The verbs of a quotation tag: "“Is this the behaviour we can expect?” Kevin McCarthy, the
# Republican leader, asked." is one sentence, the question and who asked it.
TAG_VERBS = frozenset(
    "said says asked asks added adds told tells wrote writes tweeted tweets replied replies "
    "responded shouted exclaimed wondered declared continued insisted recalled quipped joked "
    "cried yelled demanded".split()
)
_QUOTE_CLOSERS = "\"'”’"


def _tag_follows(punct: str, rest: str) -> bool:
    """A quote that closes on "?" or "!" followed by its tag ("..., asked X.")."""
    if not (punct.rstrip(_QUOTE_CLOSERS) != punct and punct.rstrip(_QUOTE_CLOSERS)[-1] in "?!"):
        return False
    end = _END.search(rest)
    words = _WORD.findall(rest[: end.end()] if end else rest)
    return len(words) <= 20 and any(w.lower() in TAG_VERBS for w in words)


def _is_boundary(line: str, m: re.Match[str]) -> bool:
    rest = line[m.end() :].lstrip()
    if not rest:
        return False
    if _inside_quote(line, m.end()):
        return False
    if _tag_follows(m.group(0), rest):
        return False
    nxt = rest[0]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'([—-•"):
        return False
    punct = m.group(0)
    if punct[0] != "." or len(punct.rstrip("\"'”’)]")) > 1:
        return True  # "!", "?", "..." end a sentence when a capital follows
    word = _word_before(line, m.start() + 1)
    stem = word[:-1].lower()
    next_word = re.match(r"[\w’']+", rest)
    next_lower = next_word.group(0).lower() if next_word else ""
    if stem in TITLES or stem in ALWAYS_ABBR:
        return False
    if stem in MONTH_ABBR:
        return not nxt.isdigit()
    if len(stem) == 1 and stem.isalpha():
        return False  # an initial: "John F. Kennedy"
    if "." in stem:  # "U.S.", "p.m.", "U.N."
        return next_lower in STARTERS
    return True


# A dateline opening a paragraph is not part of the first claim:
# "HAVSTAD, Norway (NPA) — ", "WASHINGTON, Nov 20 (Reuters) - ", "KYIV — ".
_DATELINE = re.compile(
    r"[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20}(?:\s+\d{1,2})?)*\s*"
    r"(?:\([A-Za-z][A-Za-z .&'\-]{0,30}\)\s*)?[-–—]+\s+"
)


def _strip_bullet(line: str, start: int) -> int:
    m = _BULLET.match(line, start)
    start = m.end() if m else start
    d = _DATELINE.match(line, start)
    return d.end() if d else start


def split_line(line: str, base: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) inside one line of text."""
    start = _strip_bullet(line, len(line) - len(line.lstrip()))
    spans: list[tuple[int, int]] = []
    for m in _END.finditer(line):
        if m.end() <= start or not _is_boundary(line, m):
            continue
        spans.append((start, m.end()))
        start = m.end()
        while start < len(line) and line[start].isspace():
            start += 1
    if start < len(line):
        spans.append((start, len(line.rstrip())))
    out = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((base + s, base + e))
    return out


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_CAPITALISED = re.compile(r"[A-Za-z][\w'’-]{3,}")


def is_title_case(line: str) -> bool:
    """A line in headline capitalisation: at least four words of four letters or more and
    nearly all of them capitalised ("Clinton Is 'Sane' And 'Competent,' Unlike Trump,
    Bloomberg Tells U.S."). A sentence of running text has lower-case words among them."""
    words = [w for w in _CAPITALISED.findall(line) if not w.isupper()]
    if len(words) < 4:
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= 0.85


def is_heading(line: str, max_words: int) -> bool:
    """A title, label or byline: a short line without final punctuation, or a line in
    headline capitalisation."""
    stripped = line.strip()
    if not stripped:
        return False
    if stripped[-1] not in _TERMINAL and word_count(stripped) <= max_words:
        return True
    return word_count(stripped) <= 2 * max_words and is_title_case(stripped)


def split_sentences(text: str, min_words: int = 4, heading_words: int = 12) -> list[SentenceSpan]:
    """Sentence spans of ``text`` in order, headings, URLs and fragments left out."""
    out: list[SentenceSpan] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        if not line.strip() or is_heading(_BULLET.sub("", line.strip(), count=1), heading_words):
            continue
        for s, e in split_line(line, base):
            chunk = text[s:e]
            if _URL.match(chunk) or word_count(chunk) < min_words:
                continue
            out.append(SentenceSpan(s, e, base, base + len(line)))
    return out
