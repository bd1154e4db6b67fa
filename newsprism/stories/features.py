"""Article features for story grouping: a lead embedding and two sparse term profiles.

* ``lead``: title plus the first sentences, embedded (what the article is about);
* ``terms``: TF-IDF over content words of the whole text (how it is told);
* ``names``: TF-IDF over capitalised names and numbers (which event: places, ships,
  people, counts). Two events of the same kind share ``lead`` and ``terms`` but rarely
  ``names``, which is what keeps them apart.
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


@dataclass(frozen=True)
class ArticleFeatures:
    lead: np.ndarray  # (n, d) unit vectors
    terms: np.ndarray  # (n, v) L2-normalised TF-IDF over content words
    names: np.ndarray  # (n, w) L2-normalised TF-IDF over names and numbers


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
