"""Quotes worded differently: the same words attributed to the same person, not identical.

Which quotes are the same words reworded is decided on the article text
(``compare/quote_match.py``); this module holds the word-level diff the explanation and
the web page show, with a quote that is only a shorter excerpt of the other left alone at
its ends.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

QUOTE_WORD_RE = re.compile(r"[\w'’\-]+")


def quote_words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in QUOTE_WORD_RE.findall(text)]


def _norm(words: list[str]) -> list[str]:
    return [w.lower() for w in words]


DIFF_MARKS = {"removed": ("[-", "-]"), "added": ("{+", "+}")}
_DIFF_PART = re.compile(
    "|".join(re.escape(o) + "(.*?)" + re.escape(c) for o, c in DIFF_MARKS.values()), re.S
)


def diff_segments(diff: str) -> list[tuple[str, str]]:
    """A :func:`word_diff` string as ``(kind, text)`` pieces, kind ``same``, ``removed``
    or ``added``, for a reader that shows them its own way (the web page)."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _DIFF_PART.finditer(diff):
        if m.start() > pos:
            out.append(("same", diff[pos : m.start()]))
        out.append(("removed", m.group(1)) if m.group(1) is not None else ("added", m.group(2)))
        pos = m.end()
    if pos < len(diff):
        out.append(("same", diff[pos:]))
    return out


def word_diff(a: str, b: str, context: int = 3) -> str:
    """Word-level diff of ``a`` into ``b``: "[-old-]" removed, "{+new+}" added, with a few
    words of context and "..." where unchanged text is left out."""
    wa, wb = quote_words(a), quote_words(b)
    matcher = SequenceMatcher(None, _norm(wa), _norm(wb), autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    lo = blocks[0].a if blocks else 0
    hi = blocks[-1].a + blocks[-1].size if blocks else len(wa)
    parts: list[str] = []
    ops = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            words = wa[i1:i2]
            first, last = n == 0, n == len(ops) - 1
            if len(words) > 2 * context + 1 or (first or last) and len(words) > context:
                head = [] if first else words[:context]
                tail = [] if last else words[-context:]
                parts.append(" ".join(head + ["..."] + tail))
            else:
                parts.append(" ".join(words))
            continue
        if i2 <= lo and j1 == 0 or i1 >= hi and j2 == len(wb):
            continue  # excerpt edges are not rewordings
        if i2 > i1:
            parts.append(" ".join(wa[i1:i2]).join(DIFF_MARKS["removed"]))
        if j2 > j1:
            parts.append(" ".join(wb[j1:j2]).join(DIFF_MARKS["added"]))
    return " ".join(p for p in parts if p).strip()
