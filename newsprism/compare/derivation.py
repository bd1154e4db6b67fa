"""Who copies whom: copies, rewrites, translations and citations between the articles of a story.

For each pair of articles we measure cheap text signals (word 5-gram shingles, the order of
the shared shingles, cues of machine translation) and look for explicit citations of another
outlet ("according to NPA", "told Reuters", "The Washington Post first reported", a dateline
or end credit "(NPA)"). Each pair gets at most one ``Derivation``, in one direction:

* the later-published article derives from the earlier one;
* with no or equal dates, the article that cites the other's outlet derives from it;
* for copies, the one without the original's dateline (or the shorter one) derives.

Cited outlets that are not in the input become ``external`` derivations, one per cited name
per article. Kinds rank ``translation > copy > rewrite > citation``; the strongest is kept and
the evidence of the others is merged into its line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from ..model import Article, Claim, Derivation
from ..outlets import article_label
from .derivation_citations import (
    CitedName,
    OutletIndex,
    find_cited_names,
    names_match,
    outlet_matches,
)

__all__ = ["DerivationOptions", "find_derivations", "outlet_matches"]

ALGORITHM = "derivation.shingles-citations.v1"

KIND_RANK = {"translation": 4, "copy": 3, "rewrite": 2, "citation": 1}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_QUOTED = re.compile(r"\"[^\"\n]{1,800}\"|“[^”\n]{1,800}”|«[^»\n]{1,800}»")
# Cues of machine-translated news (East Asian and European wire style in English).
_MT_STRONG = (
    re.compile(r"\(\s*local time\s*\)", re.IGNORECASE),
    re.compile(r"\b[Oo]n the \d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Z][a-z]+)"),
    re.compile(r"\((?:approximately|about|approx\.)\s[\d.,]+\s(?:\w+\s)?[A-Z]{3}\)"),
)
_MT_WEAK = (
    re.compile(r"\b(?:conveyed|it is reported that|it is known that)\b", re.IGNORECASE),
    re.compile(r"\b(?:in our country|in domestic|the year \d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?:Input|Edited|Modified) \d{4}\.\d{2}\.\d{2}\b"),
)
_DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{1,40}(?:,\s*[^\n(]{1,40})?\s*\(([A-Z][A-Za-z]{1,9})\)\s*[—–-]",
    re.MULTILINE,
)


@dataclass(frozen=True)
class DerivationOptions:
    shingle_size: int = 5  # words per shingle
    copy_containment: float = 0.5  # share of the shorter article's shingles found in the other
    rewrite_containment: float = 0.15  # same, counted outside quotations
    rewrite_min_shared: int = 8  # fewer shared shingles is never a rewrite
    rewrite_min_order: float = 0.6  # share of shared shingles that keep the same order
    translation_min_cues: float = 1.0  # strong cue = 1, weak cue = 0.5
    translation_containment: float = 0.1  # overlap that supports a translation without a citation
    prune_margin: float = 0.05  # drop X->Y when X is as close to Y's own source Z
    min_words: int = 20  # shorter texts are only linked by explicit citations


@dataclass(frozen=True)
class _Profile:
    article: Article
    index: int
    shingles: frozenset[tuple[str, ...]]
    unquoted: dict[tuple[str, ...], int]  # shingle -> first position, quotations left out
    words: int
    cues: tuple[str, ...]
    cue_score: float
    dateline: str | None
    cited: tuple[CitedName, ...]


@dataclass
class _Edge:
    article: int  # profile index of the deriving article
    source: int
    kind: str
    score: float
    evidence: list[str]
    cites: bool = False  # the deriving article names the source's outlet


def _tokens(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def _shingle_set(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _unquoted_positions(text: str, n: int) -> dict[tuple[str, ...], int]:
    """Shingles outside quotations, each with its first position; none spans a quotation."""
    positions: dict[tuple[str, ...], int] = {}
    offset = 0
    for piece in _QUOTED.split(text):
        words = _tokens(piece)
        for i in range(len(words) - n + 1):
            positions.setdefault(tuple(words[i : i + n]), offset + i)
        offset += len(words) + n
    return positions


def _translation_cues(text: str) -> tuple[tuple[str, ...], float]:
    found: list[str] = []
    score = 0.0
    for pattern, weight in [(p, 1.0) for p in _MT_STRONG] + [(p, 0.5) for p in _MT_WEAK]:
        match = pattern.search(text)
        if match:
            found.append(match.group(0).strip())
            score += weight
    return tuple(found), score


def _profile(index: int, article: Article, claims: Sequence[Claim], n: int) -> _Profile:
    words = _tokens(article.text)
    cues, cue_score = _translation_cues(article.text)
    head = article.text[:800]
    match = _DATELINE.search(head)
    vias = [c.via for c in claims if c.via]
    return _Profile(
        article=article,
        index=index,
        shingles=frozenset(_shingle_set(words, n)),
        unquoted=_unquoted_positions(article.text, n),
        words=len(words),
        cues=cues,
        cue_score=cue_score,
        dateline=match.group(1) if match else None,
        cited=tuple(find_cited_names(article.text, vias)),
    )


def _label(article: Article) -> str:
    return article_label(article)


def _order_agreement(a: dict[tuple[str, ...], int], b: dict[tuple[str, ...], int]) -> float:
    """Share of the shared shingles that appear in the same order in both texts (LIS)."""
    shared = sorted((a[s], b[s]) for s in a.keys() & b.keys())
    if not shared:
        return 0.0
    tails: list[int] = []
    for _, pos in shared:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(pos)
        else:
            tails[lo] = pos
    return len(tails) / len(shared)


def _containment(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def _resolve_citations(
    profiles: Sequence[_Profile], index: OutletIndex
) -> dict[tuple[int, int], CitedName]:
    """(citer, cited article) -> the name used, for citations of outlets in the input.

    An article naming its own outlet is not citing; when several articles share the cited
    outlet, the one closest in text (then the earliest) is taken as the source.
    """
    found: dict[tuple[int, int], CitedName] = {}
    for citer in profiles:
        for cited in citer.cited:
            if index.matches(cited.name, citer.index):
                continue
            matches = [profiles[i] for i in index.all_matches(cited.name) if i != citer.index]
            if matches:
                target = _best_match(citer, matches)
                found.setdefault((citer.index, target.index), cited)
    return found


def _best_match(citer: _Profile, matches: list[_Profile]) -> _Profile:
    """Of several articles by the cited outlet, the closest in text, then the earliest."""
    return max(
        matches,
        key=lambda p: (
            len(citer.shingles & p.shingles),
            -_date_rank(p.article.published),
            -p.index,
        ),
    )


def _date_rank(published: str | None) -> int:
    if not published:
        return 0
    digits = re.sub(r"\D", "", published)[:8].ljust(8, "0")
    return int(digits) if digits.isdigit() else 0


def _textual_direction(a: _Profile, b: _Profile, cite_ab: bool, cite_ba: bool) -> tuple[int, str]:
    """(index of the deriving article, reason) for reused text between ``a`` and ``b``."""
    da, db = _date_rank(a.article.published), _date_rank(b.article.published)
    if da and db and da != db:
        later = a if da > db else b
        return later.index, "published later"
    if cite_ab != cite_ba:
        return (a.index if cite_ab else b.index), "credits the other"
    a_own = bool(a.dateline) and outlet_matches(a.dateline or "", a.article)
    b_own = bool(b.dateline) and outlet_matches(b.dateline or "", b.article)
    if a_own != b_own or bool(a.dateline) != bool(b.dateline):
        original = a if (a_own or (a.dateline and not b.dateline)) else b
        other = b if original is a else a
        return other.index, "the other carries the original dateline"
    if a.words != b.words:
        shorter = a if a.words < b.words else b
        return shorter.index, "shorter, edited version"
    return max(a.index, b.index), "listed later"


def _pair_edges(
    a: _Profile,
    b: _Profile,
    citations: dict[tuple[int, int], CitedName],
    opt: DerivationOptions,
) -> list[_Edge]:
    edges: list[_Edge] = []
    cite_ab, cite_ba = citations.get((a.index, b.index)), citations.get((b.index, a.index))
    for citer, target, cited in ((a, b, cite_ab), (b, a, cite_ba)):
        if cited:
            edges.append(
                _Edge(
                    citer.index,
                    target.index,
                    "citation",
                    cited.strength,
                    [f'cites {cited.name!r}: "{cited.context}"'],
                    cites=True,
                )
            )
    if min(a.words, b.words) < opt.min_words:
        return edges
    containment = _containment(a.shingles, b.shingles)
    unq_shared = len(a.unquoted.keys() & b.unquoted.keys())
    unq_small = min(len(a.unquoted), len(b.unquoted)) or 1
    unq_containment = unq_shared / unq_small
    # translation: the article with translation cues, citing the other or overlapping it
    for cand, other, cited in ((a, b, cite_ab), (b, a, cite_ba)):
        if cand.cue_score < opt.translation_min_cues or other.cue_score >= cand.cue_score:
            continue
        if cited or containment >= opt.translation_containment:
            cues = ", ".join(repr(c) for c in cand.cues[:3])
            support = f"cites {cited.name!r}" if cited else f"{containment:.0%} shared phrasing"
            score = min(
                1.0, 0.4 + 0.15 * cand.cue_score + (0.3 if cited else 0.0) + containment / 2
            )
            edges.append(
                _Edge(
                    cand.index,
                    other.index,
                    "translation",
                    round(score, 3),
                    [f"translation cues {cues}; {support}"],
                    cites=bool(cited),
                )
            )
    kind: str | None = None
    if containment >= opt.copy_containment:
        kind, score = "copy", containment
        detail = f"{containment:.0%} of the shorter text's 5-word phrases reused"
    elif unq_containment >= opt.rewrite_containment and unq_shared >= opt.rewrite_min_shared:
        order = _order_agreement(a.unquoted, b.unquoted)
        if order >= opt.rewrite_min_order:
            kind, score = "rewrite", min(1.0, unq_containment / opt.copy_containment) * order
            detail = (
                f"{unq_containment:.0%} shared phrasing outside quotes, "
                f"{order:.0%} in the same order"
            )
    if kind:
        deriving, why = _textual_direction(a, b, bool(cite_ab), bool(cite_ba))
        source = b.index if deriving == a.index else a.index
        edges.append(_Edge(deriving, source, kind, round(score, 3), [f"{detail} ({why})"]))
    return edges


def _merge_pair(edges: list[_Edge]) -> _Edge:
    """One edge for a pair: direction and kind of the strongest, evidence of all that agree."""
    best = max(edges, key=lambda e: (KIND_RANK[e.kind], e.score))
    evidence = [
        line
        for e in edges
        if (e.article, e.source) == (best.article, best.source)
        for line in e.evidence
    ]
    same = [e for e in edges if (e.article, e.source) == (best.article, best.source)]
    return _Edge(
        best.article,
        best.source,
        best.kind,
        max(e.score for e in same),
        list(dict.fromkeys(evidence)),
        cites=any(e.cites for e in same),
    )


def _prune_transitive(
    edges: list[_Edge], profiles: Sequence[_Profile], margin: float
) -> list[_Edge]:
    """Where X reuses both Y and Z and Y reuses Z, keep one of X->Y and X->Z.

    X->Y is dropped when X names Z's outlet or is at least as close to Z as to Y (X took from
    the original); otherwise X->Z is dropped (X took the intermediate version). Edges backed by
    an explicit citation are never dropped.
    """
    textual = {(e.article, e.source): e for e in edges if e.kind != "citation"}
    sources: dict[int, list[int]] = {}
    for x, y in textual:
        sources.setdefault(x, []).append(y)
    drop: set[tuple[int, int]] = set()
    for x, y in textual:
        for z in sources.get(y, []):
            if z == x or (x, z) not in textual:
                continue
            xs = profiles[x].shingles
            near_y = len(xs & profiles[y].shingles) / (len(xs) or 1)
            near_z = len(xs & profiles[z].shingles) / (len(xs) or 1)
            if textual[(x, z)].cites or near_z >= near_y - margin:
                drop.add((x, y))
            else:
                drop.add((x, z))
    return [e for e in edges if (e.article, e.source) not in drop or e.cites]


def _external(profile: _Profile, index: OutletIndex) -> list[Derivation]:
    seen: list[str] = []
    out: list[Derivation] = []
    for cited in profile.cited:
        if index.all_matches(cited.name):
            continue  # its own outlet, or an outlet in the input
        if not cited.outlet_like:
            continue
        if any(names_match(cited.name, old) for old in seen):
            continue
        seen.append(cited.name)
        out.append(
            Derivation(
                article=profile.article.id,
                derived_from=cited.name,
                kind="citation",
                evidence=f'cites {cited.name!r}, not among the inputs: "{cited.context}"',
                score=cited.strength,
                external=True,
            )
        )
    return out


def find_derivations(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    options: DerivationOptions = DerivationOptions(),  # noqa: B008 (frozen, safe default)
    *,
    near_duplicates: Sequence[tuple[str, str, float]] = (),
) -> list[Derivation]:
    """Derivations between ``articles`` (one story), plus external citations.

    ``claims`` are used for their ``via`` (the outlet a claim is attributed to); the article
    texts are scanned for citations as well. ``near_duplicates`` are (copy, original,
    estimated Jaccard) triples found earlier by MinHash (``newsprism add``); one becomes a
    ``copy`` derivation when the texts here did not already link the two articles. Returns
    internal derivations first, ordered by the deriving article's position in
    ``articles``, then external ones.
    """
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    profiles = [
        _profile(i, a, by_article.get(a.id, []), options.shingle_size)
        for i, a in enumerate(articles)
    ]
    index = OutletIndex(articles)
    citations = _resolve_citations(profiles, index)
    merged: list[_Edge] = []
    for a, b in combinations(profiles, 2):
        if a.article.id == b.article.id:
            continue
        edges = _pair_edges(a, b, citations, options)
        if edges:
            merged.append(_merge_pair(edges))
    merged = _prune_transitive(merged, profiles, options.prune_margin)
    merged.sort(key=lambda e: (e.article, e.source))
    result = [
        Derivation(
            article=profiles[e.article].article.id,
            derived_from=profiles[e.source].article.id,
            kind=e.kind,
            evidence=f"{_label(profiles[e.article].article)} <- "
            f"{_label(profiles[e.source].article)}: " + "; ".join(e.evidence),
            score=max(0.0, min(1.0, e.score)),
        )
        for e in merged
    ]
    result = _with_near_duplicates(result, articles, near_duplicates)
    for profile in profiles:
        result.extend(_external(profile, index))
    return result


def _with_near_duplicates(
    found: list[Derivation],
    articles: Sequence[Article],
    near_duplicates: Sequence[tuple[str, str, float]],
) -> list[Derivation]:
    by_id = {a.id: a for a in articles}
    linked = {frozenset((d.article, d.derived_from)) for d in found}
    extra = []
    for copy, original, jaccard in near_duplicates:
        pair = frozenset((copy, original))
        if copy not in by_id or original not in by_id or copy == original or pair in linked:
            continue
        linked.add(pair)
        extra.append(
            Derivation(
                article=copy,
                derived_from=original,
                kind="copy",
                evidence=f"{_label(by_id[copy])} <- {_label(by_id[original])}: near-duplicate "
                f"text found when it was added (MinHash Jaccard {jaccard:.2f})",
                score=max(0.0, min(1.0, jaccard)),
            )
        )
    position = {a.id: i for i, a in enumerate(articles)}
    return sorted(found + extra, key=lambda d: (position[d.article], position[d.derived_from]))
