"""Article features for story grouping: a lead embedding and sparse token profiles.

* ``lead``: title plus the first sentences, embedded (what the article is about);
* ``terms``: TF-IDF over content words of the whole text (how it is told);
* the *particulars* (``name_tokens``), split by kind (``token_kind``): capitalised
  names (places, ships, people), numbers (counts, magnitudes, sums) and years. Two events
  of the same kind share ``lead`` and ``terms`` but rarely names or figures, and an article
  without a publication date says when through the years it mentions.

``name_tokens`` keeps one token list for all three kinds (a number or year as ``#`` and its
digits), so a stored profile (``stories.incremental``) is read the same way whatever the
pair model does with the kinds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")
_SENT_END = re.compile(r"(?<=[.!?])\s+")
# Words that are capitalised for grammar, not because they name something.
_STOP = frozenset(
    """a about above after again against all also an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their theirs
    them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your said says say told
    according one two three four five six seven eight nine ten new also however meanwhile
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december mr mrs ms dr""".split()
)


# kinds of particulars (``token_kind``)
NAME, NUMBER, YEAR = 0, 1, 2
N_KINDS = 3
_YEAR_TOKEN = re.compile(r"#(?:19|20)\d\d")


@dataclass(frozen=True)
class ArticleFeatures:
    """Batch features of ``n`` articles (rows in input order)."""

    lead: np.ndarray  # (n, d) unit vectors
    terms: np.ndarray  # (n, v) L2-normalised TF-IDF over content words
    names: np.ndarray  # (n, w) L2-normalised TF-IDF over capitalised names
    numbers: np.ndarray  # (n, u) L2-normalised TF-IDF over numbers other than years
    years: np.ndarray  # (n, y) 1 where the article mentions the year
    day: np.ndarray  # (n,) publication day ordinal, NaN when unknown


def lead_text(article: Article, sentences: int = 3) -> str:
    body = " ".join(article.text.split("\n")[:6])
    lead = " ".join(_SENT_END.split(body)[:sentences])
    return f"{article.title}. {lead}" if article.title else lead


def content_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2]


def name_tokens(text: str) -> list[str]:
    """Capitalised words not at a sentence start, and numbers: the event's particulars."""
    out: list[str] = []
    for sentence in _SENT_END.split(text.replace("\n", ". ")):
        words = _WORD.findall(sentence)
        for i, w in enumerate(words):
            if w[0].isdigit():
                out.append("#" + w.rstrip(".,"))
            elif i > 0 and w[0].isupper() and w.lower() not in _STOP:
                out.append(w.lower())
    return out


def particulars(article: Article) -> list[str]:
    """Names, numbers and years (``name_tokens``) of the title and text."""
    return name_tokens(f"{article.title or ''}. {article.text}")


def token_kind(token: str) -> int:
    """``NAME``, ``NUMBER`` or ``YEAR`` (a number 1900-2099) for a token of ``particulars``."""
    if not token.startswith("#"):
        return NAME
    return YEAR if _YEAR_TOKEN.fullmatch(token) else NUMBER


def split_kinds(tokens: list[str]) -> list[list[str]]:
    """``particulars`` split by kind: one list per kind, in kind order."""
    parts: list[list[str]] = [[] for _ in range(N_KINDS)]
    for t in tokens:
        parts[token_kind(t)].append(t)
    return parts


def tfidf(docs: Sequence[list[str]]) -> np.ndarray:
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))
    for term, count in df.items():
        if count >= 1:
            vocab.setdefault(term, len(vocab))
    n = len(docs)
    mat = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for i, doc in enumerate(docs):
        for term, tf in Counter(doc).items():
            idf = math.log((1 + n) / (1 + df[term])) + 1.0
            mat[i, vocab[term]] = (1.0 + math.log(tf)) * idf
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.clip(norms, 1e-12, None)


def presence(docs: Sequence[list[str]]) -> np.ndarray:
    """(n, v) 0/1 matrix: which of the distinct tokens each document has."""
    vocab: dict[str, int] = {}
    for doc in docs:
        for t in doc:
            vocab.setdefault(t, len(vocab))
    mat = np.zeros((len(docs), max(1, len(vocab))), dtype=np.float32)
    for i, doc in enumerate(docs):
        mat[i, [vocab[t] for t in set(doc)]] = 1.0
    return mat
