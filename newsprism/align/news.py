"""Same fact or not, for two claims of one story: features and a model learnt on real news.

Two outlets rarely write a fact the same way: the lede of one is two clauses of another's
second paragraph, so the embedding cosine of the same fact is often 0.5 to 0.65, where
different facts of one story also sit. What tells them apart is what the two claims
share beyond the topic every claim of the story shares: the story's **rare** words
(weighted by their inverse frequency among the story's claims), the same people (by
surname, across outlets), the same figures, the same quoted words, the same speaker.

``news_features`` computes them for a pair; ``NewsModel`` (logistic, trained by
``scripts/train_news_align.py`` on hand-labelled claim pairs of real BASIL events, shipped
as ``newsprism/data/align_news_v2.json``) turns them into the probability that the two
claims state the same fact (agreeing or not).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources as importlib_resources

import numpy as np

from ..claims.entities import surname_key
from ..errors import ModelError
from ..model import Claim
from .features import LogisticModel
from .text import claim_text, content_words

NEWS_MODEL_FILE = "align_news_v2.json"
NEWS_FEATURES = (
    "cosine",
    "cosine_squared",  # p(same) is flat under a cosine of about 0.7 and rises fast above it
    "idf_overlap",
    "idf_shared",
    "jaccard",
    "entity_overlap",
    "entity_unshared",
    "number_shared",
    "number_conflict",
    "figures_shared",
    "quote_shared",
    "speaker_same",
    "speaker_differ",
    "min_words",
    "length_ratio",
    "negation_mismatch",
    "lead_both",
    "position_gap",
)
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")
_QWORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class NewsSide:
    """What the features need to know about one claim."""

    stems: frozenset[str]
    people: frozenset[str]  # surnames
    names: frozenset[str]  # other entity keys
    numbers: frozenset[float]
    figures: frozenset[str]  # numbers written in digits ("31", "412", "1.5")
    quoted: frozenset[tuple[str, str, str]]  # word trigrams inside quotation marks
    speaker: str  # surname of the speaker, or ""
    negated: bool
    words: int
    position: float  # where the claim starts in its article, 0 (top) to 1 (end)


def news_side(claim: Claim, length: int = 0) -> NewsSide:
    """The features' view of one claim; ``length`` is its article's length in characters
    (0 when unknown: the claim then counts as at the top)."""
    text = claim_text(claim)
    people = frozenset(surname_key(e.key) for e in claim.entities if e.label == "PERSON")
    names = frozenset(
        e.key for e in claim.entities if e.label in ("ORG", "GPE", "NORP", "LOC", "EVENT", "LAW")
    )
    values = [q.value for q in claim.quantities if q.value is not None]
    numbers = frozenset(round(v, 6) for v in values if math.isfinite(v))
    trigrams: set[tuple[str, str, str]] = set()
    for m in _QUOTED.finditer(claim.text):
        words = _QWORD.findall(m.group(1).lower().replace("’", "'"))
        trigrams.update(zip(words, words[1:], words[2:], strict=False))
    speaker = ""
    if claim.speaker:
        for e in claim.entities:
            if e.label == "PERSON" and e.text and e.text in claim.speaker:
                speaker = surname_key(e.key)
                break
    return NewsSide(
        stems=frozenset(content_words(text)),
        people=frozenset(p for p in people if p),
        names=names,
        numbers=numbers,
        figures=frozenset(m.group(0).replace(",", "").rstrip(".") for m in _FIGURE.finditer(text)),
        quoted=frozenset(trigrams),
        speaker=speaker,
        negated=claim.negated,
        words=max(1, len(text.split())),
        position=min(1.0, claim.start / length) if length > 0 else 0.0,
    )


class StoryWords:
    """Inverse frequency of each stem among the claims of one story."""

    def __init__(self, sides: Sequence[NewsSide]) -> None:
        df: Counter[str] = Counter()
        for s in sides:
            df.update(s.stems)
        self._n = max(1, len(sides))
        self._df = df
        self._idf = {s: math.log((self._n + 1) / (n + 1)) + 1.0 for s, n in df.items()}
        self._weights: dict[NewsSide, float] = {}  # a side -> the idf sum of its stems

    def idf(self, stem: str) -> float:
        found = self._idf.get(stem)
        return found if found is not None else math.log(self._n + 1) + 1.0

    def weight(self, side: NewsSide) -> float:
        """The idf sum of a side's stems (computed once per side)."""
        found = self._weights.get(side)
        if found is None:
            found = self._weights[side] = sum(self.idf(s) for s in side.stems)
        return found


def _overlap(a: frozenset[object], b: frozenset[object]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def news_features(words: StoryWords, a: NewsSide, b: NewsSide, cosine: float) -> dict[str, float]:
    """Every feature of ``NEWS_FEATURES`` for one pair."""
    shared = a.stems & b.stems
    wa, wb = words.weight(a), words.weight(b)
    ws = sum(words.idf(s) for s in shared)
    ents_a, ents_b = a.people | a.names, b.people | b.names
    both = ents_a | ents_b
    return {
        "cosine": cosine,
        "cosine_squared": cosine * cosine,
        "idf_overlap": ws / min(wa, wb) if wa and wb else 0.0,
        "idf_shared": ws,
        "jaccard": len(shared) / len(a.stems | b.stems) if a.stems | b.stems else 0.0,
        "entity_overlap": _overlap(ents_a, ents_b),
        "entity_unshared": len(ents_a ^ ents_b) / len(both) if both else 0.0,
        "number_shared": float(bool(a.numbers & b.numbers)),
        "number_conflict": float(
            bool(a.numbers) and bool(b.numbers) and not (a.numbers & b.numbers)
        ),
        "figures_shared": math.log1p(len(a.figures & b.figures)),
        "quote_shared": _overlap(a.quoted, b.quoted),
        "speaker_same": float(bool(a.speaker) and a.speaker == b.speaker),
        "speaker_differ": float(bool(a.speaker) and bool(b.speaker) and a.speaker != b.speaker),
        "min_words": math.log(min(a.words, b.words)),
        "length_ratio": min(a.words, b.words) / max(a.words, b.words),
        "negation_mismatch": float(a.negated != b.negated),
        "lead_both": (1.0 - a.position) * (1.0 - b.position),
        "position_gap": abs(a.position - b.position),
    }


@dataclass(frozen=True)
class NewsModel:
    name: str
    same: LogisticModel  # p(same fact), agreeing or conflicting


def load_news_model(file_name: str = NEWS_MODEL_FILE) -> NewsModel:
    """The shipped weights (``newsprism/data/<file_name>``)."""
    try:
        raw = importlib_resources.files("newsprism").joinpath("data", file_name).read_text("utf-8")
        data = json.loads(raw)
        model = LogisticModel.from_dict(data["same"], known=NEWS_FEATURES)
    except (FileNotFoundError, OSError, json.JSONDecodeError, KeyError) as exc:
        raise ModelError(f"news alignment weights {file_name} are unreadable ({exc})") from exc
    return NewsModel(name=file_name, same=model)


class SameFact:
    """p(same fact) for pairs of one story's claims: the news model over ``news_features``,
    each pair computed once (the cache lives on this object, made per story)."""

    def __init__(
        self,
        claims: Sequence[Claim],
        vectors: np.ndarray,
        model: NewsModel,
        lengths: dict[str, int] | None = None,
    ) -> None:
        """``lengths``: each article's text length by article id (for claim positions)."""
        self._index = {c.id: i for i, c in enumerate(claims)}
        self._vectors = vectors
        sizes = lengths or {}
        self._sides = [news_side(c, sizes.get(c.article, 0)) for c in claims]
        self._words = StoryWords(self._sides)
        self._model = model
        self._cache: dict[tuple[int, int], float] = {}

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors

    def made_for(self, claims: Sequence[Claim]) -> bool:
        """Whether this was made over exactly ``claims``, in this order (so that row ``i``
        of ``vectors`` is the vector of ``claims[i]``)."""
        return len(claims) == len(self._index) and all(
            self._index.get(c.id) == i for i, c in enumerate(claims)
        )

    def cosine(self, i: int, j: int) -> float:
        return float(self._vectors[i] @ self._vectors[j])

    def by_index(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        value = self._cache.get(key)
        if value is None:
            feats = news_features(self._words, self._sides[i], self._sides[j], self.cosine(i, j))
            value = self._model.same.probability(feats)
            self._cache[key] = value
        return value

    def probability(self, a: Claim, b: Claim) -> float:
        """p(same fact) of two claims of the story (0 for a claim it does not know)."""
        i, j = self._index.get(a.id), self._index.get(b.id)
        if i is None or j is None:
            return 0.0
        return self.by_index(i, j)
