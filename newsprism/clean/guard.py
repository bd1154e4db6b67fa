"""Never lose what the baseline keeps: the clean text against trafilatura's own on one page.

Our cleaning takes more out of a page than plain trafilatura does: precision mode drops
blocks, and the line rules drop furniture, comment threads and repeats. On a page whose
layout the rules misread, that can be most of the article. The guard compares each
cleaned text with the baseline (trafilatura's text in its default mode, on the same page)
and accepts it only if it keeps at least ``keep_share`` of the baseline's words. The clean
stage tries its candidates from the most to the least cleaned (``CANDIDATES``) and takes
the first one the guard accepts; the last, the baseline's own lines, always passes. What
an accepted candidate removed is recorded as usual; a rejected candidate's removals are
not (that text is in the article after all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\w+", re.UNICODE)

# how the clean stage reads an HTML page, from the most to the least cleaned:
# (which extraction, whether the line rules may cut a comment thread, whether they run)
CANDIDATES: tuple[tuple[str, bool, bool], ...] = (
    ("main", True, True),  # precision mode, all rules
    ("baseline", True, True),  # trafilatura's default mode, all rules
    ("baseline", False, True),  # ... without the comment-thread cut
    ("baseline", False, False),  # the baseline's lines as they are
)


@dataclass(frozen=True)
class GuardSettings:
    enabled: bool = True
    keep_share: float = 0.5  # a clean text keeps at least this share of the baseline's words
    min_words: int = 10  # a baseline with fewer words is not compared


def _shingles(text: str) -> set[tuple[str, ...]]:
    """The distinct word 3-grams of ``text`` (its words, when it has fewer than three)."""
    words = WORD.findall(text.lower())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


def kept_share(text: str, baseline: str) -> float:
    """Share of the baseline's distinct word 3-grams that ``text`` still has (a baseline
    that repeats a block counts it once); 1.0 for an empty baseline."""
    base = _shingles(baseline)
    if not base:
        return 1.0
    return len(base & _shingles(text)) / len(base)


def accepts(text: str, baseline: str, settings: GuardSettings) -> bool:
    """Whether ``text`` keeps enough of ``baseline``: always when the guard is off; for a
    baseline too short to judge, unless ``text`` lost all of it."""
    if not settings.enabled:
        return True
    base_words = len(WORD.findall(baseline))
    if base_words < settings.min_words:
        return bool(WORD.search(text)) or not base_words
    return kept_share(text, baseline) >= settings.keep_share
