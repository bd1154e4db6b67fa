"""Library API: compare two statements, or check a statement against articles.

::

    from newsprism import check, compare_claims

    compare_claims("Three people were hurt.", "Four people were injured.")
    # Verdict(verdict='contradicts', score=..., kind='number', explanation='Figures differ ...')

    check("The ferry hit a reef with 212 aboard.", [article_text, other_article])
    # [CheckResult(article=..., verdict='supports', spans=(Span(...),), ...), ...]

Both run the same steps as the pipeline: the claims stage on each text, the align pair
score to find the claims that state the same fact, and compare's discrepancy checks
(number, date, entity, negation, quote, hedge) to tell a contradiction.
``compare_claims`` tells ``same`` from ``different`` with the fine-tuned pair model
(``align/pair_model``). A ``Checker`` keeps the claims of each article it has seen, so
checking many statements against the same articles parses each article once;
``Resources`` can be passed to reuse loaded models.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .align.clustering import AlignOptions, pair_score
from .align.text import claim_text
from .claims import ClaimOptions, extract_claims, parse_dates, parse_quantities
from .compare.discrepancies import build_discrepancies, pair_findings
from .compare.findings import Finding
from .compare.options import CompareOptions
from .compare.quote_match import claim_pair_quotes
from .errors import InputError
from .ingest.records import without_surrogates
from .model import Article, Claim, Entity
from .resources import Resources

VERDICTS = ("same", "different", "contradicts")
CHECK_VERDICTS = ("supports", "contradicts", "does_not_mention")
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")


@dataclass(frozen=True)
class Verdict:
    verdict: str  # one of VERDICTS
    score: float  # the align pair score of the closest claims
    kind: str | None = None  # discrepancy kind when the verdict is "contradicts"
    explanation: str | None = None
    same_probability: float | None = None  # the pair model's "same claim" probability


@dataclass(frozen=True)
class Span:
    article: str  # Article.id
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CheckResult:
    article: str  # Article.id
    verdict: str  # one of CHECK_VERDICTS
    score: float  # best align pair score between the statement and a claim of the article
    spans: tuple[Span, ...] = ()  # the supporting or contradicting claims
    kind: str | None = None  # discrepancy kind when the verdict is "contradicts"
    explanation: str | None = None


@dataclass(frozen=True)
class CheckOptions:
    # "same" or "different" from the fine-tuned pair model (MRPC 5-fold CV accuracy 0.806
    # against 0.732 for the best cosine threshold); off: align pair score >= same_threshold
    pair_model: bool = True
    same_threshold: float = AlignOptions().threshold  # pair score for "the same claim"
    support_threshold: float = 0.72  # pair score for "the article says this"
    contradiction_floor: float = 0.62  # pair score two claims need to be compared at all
    top_k: int = 3  # closest article claims compared with each statement claim
    align: AlignOptions = field(default_factory=AlignOptions)
    compare: CompareOptions = field(default_factory=CompareOptions)
    claims: ClaimOptions = field(default_factory=lambda: ClaimOptions(min_words=2))


def as_article(item: Article | str, source: str = "<text>") -> Article:
    """An ``Article`` as given, or one built from plain text (a lone surrogate, half of a
    UTF-16 pair, becomes U+FFFD as ingest does it)."""
    if isinstance(item, Article):
        return item
    text = without_surrogates(item).strip()
    if not text:
        raise InputError("empty text: nothing to check", source=source)
    return Article(id=Article.make_id(text), source=source, text=text)


class Checker:
    """Compares statements and checks them against articles, reusing models and parses.

    The claims of each article are kept on this object (keyed by article id), so one
    ``Checker`` used for many statements parses every article once.
    """

    def __init__(
        self, resources: Resources | None = None, options: CheckOptions | None = None
    ) -> None:
        self.resources = resources or Resources()
        self.options = options or CheckOptions()
        self._claims: dict[str, list[Claim]] = {}

    # --- claims -------------------------------------------------------------------------

    def claims_of(self, articles: Sequence[Article]) -> list[list[Claim]]:
        """Claims of each article (at least one: the whole text when the claims stage finds
        none), parsed once per article id."""
        todo = [a for a in dict.fromkeys(articles) if a.id not in self._claims]
        if todo:
            found: dict[str, list[Claim]] = {a.id: [] for a in todo}
            for c in extract_claims(todo, self.resources, self.options.claims):
                found[c.article].append(c)
            for a in todo:
                self._claims[a.id] = found[a.id] or [self._whole(a)]
        return [self._claims[a.id] for a in articles]

    def _whole(self, article: Article) -> Claim:
        """One claim over the whole text, for a text the claims stage keeps nothing of."""
        text = article.text
        doc = self.resources.nlp(text)
        ents = tuple(
            Entity(e.text, e.start_char, e.end_char, e.label_, e.text.lower().removeprefix("the "))
            for e in doc.ents
            if e.label_ in ENTITY_LABELS
        )
        negated = any(t.dep_ == "neg" for t in doc)
        return Claim(
            id=Claim.make_id(article.id, 0, len(text)),
            article=article.id,
            text=text,
            start=0,
            end=len(text),
            content=text,
            content_start=0,
            content_end=len(text),
            negated=negated,
            quantities=tuple(parse_quantities(text)),
            dates=tuple(parse_dates(text, article.published)),
            entities=ents,
        )

    def _scores(self, xs: Sequence[Claim], ys: Sequence[Claim]) -> np.ndarray:
        emb = self.resources.embedder
        vx = emb.encode([claim_text(c) for c in xs])
        vy = emb.encode([claim_text(c) for c in ys])
        cos = vx @ vy.T
        out = np.zeros_like(cos)
        for i, x in enumerate(xs):
            for j, y in enumerate(ys):
                out[i, j] = pair_score(x, y, float(cos[i, j]), self.options.align)
        return out

    # --- two statements -------------------------------------------------------------------

    def compare(self, a: str, b: str) -> Verdict:
        art_a, art_b = as_article(a, "<a>"), as_article(b, "<b>")
        if art_a.id == art_b.id:
            return Verdict("same", 1.0)
        ca, cb = self.claims_of([art_a, art_b])
        scores = self._scores(ca, cb)
        opt = self.options
        order = sorted(np.ndindex(scores.shape), key=lambda ij: -scores[ij])
        best = float(scores[order[0]])
        for i, j in order:
            if scores[i, j] < opt.contradiction_floor:
                break
            found = pair_findings(ca[i], cb[j], opt.compare)
            found += claim_pair_quotes(ca[i], cb[j], opt.compare)
            if found:
                text = _explain(found[0], [art_a, art_b], [ca[i], cb[j]])
                return Verdict("contradicts", float(scores[i, j]), found[0].kind, text)
        if not opt.pair_model:
            return Verdict("same" if best >= opt.same_threshold else "different", best)
        model = self.resources.pair_model
        prob = float(model.score([(art_a.text, art_b.text)])[0])
        return Verdict("same" if prob >= model.threshold else "different", best,
                       same_probability=prob)  # fmt: skip

    # --- a statement against articles -----------------------------------------------------

    def check(self, statement: str, articles: Sequence[Article | str]) -> list[CheckResult]:
        said = as_article(statement, "<statement>")
        arts = [as_article(a, f"<article {n}>") for n, a in enumerate(articles, start=1)]
        (units,) = self.claims_of([said])
        results: list[CheckResult] = []
        for art, claims in zip(arts, self.claims_of(arts), strict=True):
            results.append(self._check_one(said, units, art, claims))
        return results

    def _check_one(
        self, said: Article, units: list[Claim], art: Article, claims: list[Claim]
    ) -> CheckResult:
        opt = self.options
        scores = self._scores(units, claims)
        best_all = float(scores.max()) if scores.size else 0.0
        supported: list[Span] = []
        unsupported = False
        for i, unit in enumerate(units):
            order = [int(j) for j in np.argsort(-scores[i])[: opt.top_k]]
            for j in order:
                if scores[i, j] < opt.contradiction_floor:
                    break
                found = [
                    f
                    for f in pair_findings(unit, claims[j], opt.compare)
                    if not _article_also_says(f, unit, art, claims, scores[i], opt)
                ]
                if found:
                    c = claims[j]
                    return CheckResult(
                        art.id,
                        "contradicts",
                        float(scores[i, j]),
                        (Span(art.id, c.start, c.end, c.text),),
                        found[0].kind,
                        _explain(found[0], [said, art], [unit, c]),
                    )
            j = order[0]
            if scores[i, j] >= opt.support_threshold and _details_found(unit, art, claims):
                c = claims[j]
                supported.append(Span(art.id, c.start, c.end, c.text))
            else:
                unsupported = True
        if supported and not unsupported:
            return CheckResult(art.id, "supports", best_all, tuple(dict.fromkeys(supported)))
        return CheckResult(art.id, "does_not_mention", best_all)


def _written_in(value: str, text: str) -> bool:
    """``value`` appears in ``text`` as whole words: "70 human" is not written in "870
    human", nor "4" in "4.5" or "1,400"."""
    value = value.strip()
    if not value:
        return False
    pattern = r"(?<![\w.,])" + re.escape(value) + r"(?!\w|[.,]\d)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def _article_also_says(
    found: Finding,
    unit: Claim,
    article: Article,
    claims: Sequence[Claim],
    unit_scores: np.ndarray,
    options: CheckOptions,
) -> bool:
    """The article states the statement's side of a conflict too, so the conflict is
    between two of the article's own facts, not a contradiction of the statement: the
    same figure, date or name written elsewhere in it, or the statement's polarity in
    another close claim ("did not ..." said again in other words)."""
    if found.kind in ("number", "date", "entity"):
        if _written_in(found.value_a, article.text):
            return True
        if found.kind == "number":  # the same figure written another way ("four", "4")
            stated = {q.value for c in claims for q in c.quantities if q.value is not None}
            own = [q for q in unit.quantities if q.value is not None and q.text in found.value_a]
            return any(q.value in stated for q in own)
        return False
    if found.kind == "negation":
        return any(
            c.negated == unit.negated and unit_scores[j] >= options.contradiction_floor
            for j, c in enumerate(claims)
            if c is not found.b
        )
    return False


def _details_found(unit: Claim, article: Article, claims: Sequence[Claim]) -> bool:
    """Every figure and name the statement gives appears somewhere in the article."""
    values = {q.value for c in claims for q in c.quantities if q.value is not None}
    for q in unit.quantities:
        if q.value is not None and q.value not in values and q.text not in article.text:
            return False
    keys = {e.key for c in claims for e in c.entities}
    low = article.text.lower()
    for e in unit.entities:
        if e.label in ENTITY_LABELS and e.key not in keys and e.text.lower() not in low:
            return False
    return True


def _explain(found: Finding, articles: Sequence[Article], claims: Sequence[Claim]) -> str:
    (d,) = build_discrepancies([(0, found)], claims, articles, ["g1"])[:1]
    return d.explanation


_DEFAULT_LOCK = threading.Lock()
_DEFAULT: list[Resources] = []  # the one default, made on first use


def default_resources() -> Resources:
    """The models that ``compare_claims`` and ``check`` use when no ``resources`` is given:
    one ``Resources`` for the process, made on first use (by one thread, whichever calls
    first), so that a loop of calls loads spaCy and the models once. Pass ``resources=``
    to use your own instead; this default is then never made."""
    with _DEFAULT_LOCK:
        if not _DEFAULT:
            _DEFAULT.append(Resources())
        return _DEFAULT[0]


def compare_claims(a: str, b: str, *, resources: Resources | None = None) -> Verdict:
    """Do two one-sentence statements state the same claim, different claims, or
    contradict each other (a conflicting figure, date, name, negation, quote or hedge)?
    Without ``resources`` the process's default models are used (``default_resources``)."""
    return Checker(resources or default_resources()).compare(a, b)


def check(
    statement: str, articles: Sequence[Article | str], *, resources: Resources | None = None
) -> list[CheckResult]:
    """For each article (an ``Article`` or plain text), whether it supports, contradicts
    or does not mention ``statement``, with the claim spans that do. Without ``resources``
    the process's default models are used (``default_resources``)."""
    return Checker(resources or default_resources()).check(statement, articles)
