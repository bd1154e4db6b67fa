"""Glued-word repair: "urgentactions" -> "urgent actions", "divisionat" -> "division at".

Copying text out of a web page often loses the space between two words where a line, a
link or an inline tag ended. The repair policy is narrow on purpose:

* only English text, only tokens written entirely in lower-case letters (so proper names,
  acronyms, capitalised words, numbers, URLs, e-mail addresses, hashtags and handles are
  never touched), at least ``min_length`` letters long;
* a token that is itself a word (in the frequency list at all) is never split, so
  "therapist", "nowhere" and "understand" stay;
* a token is split only when it splits into two frequent words: both halves above a
  frequency threshold, each at least two letters (two-letter halves only from a closed list
  of English function words, three-letter halves with a higher threshold, so suffixes such
  as "ing" or "ers" do not pass as words);
* of several possible splits, the one whose rarer half is most frequent wins.

The repaired text is the clean text: every span downstream points into it. Each repair is
counted in ``Article.repairs``; the list of repairs is returned to callers who want it.
Frequencies come from the ``wordfreq`` package (Zipf scale: 7 is "the", 3 is about once per
million words), whose data ships inside the package: no network is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# English two-letter words that stand alone (a glued "at", "is", "of" is the common case)
TWO_LETTER_WORDS = frozenset(
    "am an as at be by do go he if in is it me my no of on or so to up us we".split()
)
FUNCTION_WORDS = TWO_LETTER_WORDS | frozenset(
    "the and for but nor yet was are has had its his her our who all not can may now off "
    "from that this with into than then when were will".split()
)
# word-forming prefixes and suffixes: "hyper" + "personalized" or "broke" + "ness" is one
# (perhaps rare) word, not two words written together
PREFIXES = frozenset(
    "over under out up down back hyper super multi non electro tele cyber nano micro macro "
    "mini mega psycho ultra semi anti inter counter self post pre sub re un co bio geo eco "
    "neo pseudo proto trans extra intra infra poly mono auto photo thermo hydro aero".split()
)
SUFFIXES = frozenset(
    "ness able ible ship less wise ward wards hood like dom ful ism ist ment ish ling some "
    "fold man men".split()
)
TOKEN = re.compile(r"\S+")
EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>.,;:!?…*_«»"
MARKERS = ("@", "#", "/", "\\", "www.", "=", "&", "+")
LOWER_WORD = re.compile(r"[a-z]+")
LOWER_TOKEN = re.compile(r"(?<!\w)[a-z]+(?!\w)")  # a whole lower-case word, not a word's tail

Lookup = Callable[[str], float]


@dataclass(frozen=True)
class RepairSettings:
    enabled: bool = True
    min_length: int = 6  # shorter tokens are left alone
    min_known_share: float = 0.9  # share of lower-case words in the list: else not English
    word_zipf: float = 1.0  # a token at or above this frequency is a word: never split
    half_zipf: float = 3.0  # both halves must be at least this frequent ...
    short_half_zipf: float = 4.5  # ... and a three-letter half at least this frequent


@dataclass(frozen=True)
class Repair:
    before: str
    after: str


def english_zipf() -> Lookup:
    """Zipf frequency of an English word from ``wordfreq`` (imported on first use)."""
    from wordfreq import zipf_frequency

    def lookup(word: str) -> float:
        return float(zipf_frequency(word, "en", wordlist="large"))

    return lookup


def _half_ok(half: str, zipf: float, settings: RepairSettings) -> bool:
    if len(half) < 2:
        return False
    if len(half) == 2:
        return half in TWO_LETTER_WORDS
    if len(half) == 3:
        return zipf >= settings.short_half_zipf
    return zipf >= settings.half_zipf


def split_glued(token: str, lookup: Lookup, settings: RepairSettings) -> str | None:
    """``"left right"`` when ``token`` is two frequent words written together, else None."""
    if len(token) < settings.min_length or not LOWER_WORD.fullmatch(token):
        return None
    if lookup(token) >= settings.word_zipf:
        return None
    best: tuple[float, str] | None = None
    for cut in range(2, len(token) - 1):
        left, right = token[:cut], token[cut:]
        lz, rz = lookup(left), lookup(right)
        if not (_half_ok(left, lz, settings) and _half_ok(right, rz, settings)):
            continue
        if (left in PREFIXES and right not in FUNCTION_WORDS) or (
            right in SUFFIXES and left not in FUNCTION_WORDS
        ):
            continue  # a derived word ("upsample", "brokeness"), not two words
        score = min(lz, rz)
        if best is None or score > best[0]:
            best = (score, f"{left} {right}")
    return best[1] if best else None


def _core(token: str) -> tuple[str, str, str]:
    """A whitespace token as (leading punctuation, word, trailing punctuation)."""
    start, end = 0, len(token)
    while start < end and token[start] in EDGE_PUNCTUATION:
        start += 1
    while end > start and token[end - 1] in EDGE_PUNCTUATION:
        end -= 1
    return token[:start], token[start:end], token[end:]


def known_share(text: str, lookup: Lookup) -> float:
    """Share of the lower-case words of ``text`` that the frequency list knows (low for a
    text that is not English, whatever its function words say)."""
    words = [
        w
        for token in TOKEN.findall(text)
        if not any(marker in token for marker in MARKERS)
        for w in LOWER_TOKEN.findall(token)
        if len(w) >= 3
    ]
    if not words:
        return 0.0
    return sum(1 for w in words if lookup(w) > 0) / len(words)


def repair_glued(
    text: str,
    lookup: Lookup,
    settings: RepairSettings = RepairSettings(),  # noqa: B008
) -> tuple[str, list[Repair]]:
    """``text`` with glued words split, and the repairs made (in order)."""
    repairs: list[Repair] = []
    if not settings.enabled or known_share(text, lookup) < settings.min_known_share:
        return text, repairs

    def fix(m: re.Match[str]) -> str:
        token = m.group(0)
        if any(marker in token for marker in MARKERS):
            return token
        lead, word, trail = _core(token)
        split = split_glued(word, lookup, settings)
        if split is None:
            return token
        repairs.append(Repair(word, split))
        return f"{lead}{split}{trail}"

    return TOKEN.sub(fix, text), repairs
