"""Model objects to SQLite rows and back, losslessly.

Tuples of nested objects (quantities, dates, entities, removed blocks, bylines, id lists)
are JSON text. Python's JSON keeps ``Infinity`` so an unbounded float survives the round
trip; booleans are stored as 0/1 and turned back into ``bool``.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import asdict, fields
from typing import Any

from ..model import (
    Article,
    Claim,
    ClaimGroup,
    DateMention,
    Derivation,
    Discrepancy,
    Entity,
    Quantity,
    Rejection,
    Removed,
)

ARTICLE_COLUMNS = (
    "id", "source", "text", "outlet", "title", "published", "language", "byline", "url",
    "removed", "repairs",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "article", "text", "span_start", "span_end", "content", "content_start",
    "content_end", "speaker", "via", "quote", "quote_text", "hedge", "negated", "quantities",
    "dates", "entities", "frame",
)  # fmt: skip
GROUP_COLUMNS = (
    "id", "claims", "articles", "independent_sources", "status", "sources", "origin",
)  # fmt: skip
DISCREPANCY_COLUMNS = (
    "id", "kind", "claims", "explanation", "group_id", "conflict_values", "diff",
)  # fmt: skip
DERIVATION_COLUMNS = ("article", "derived_from", "kind", "evidence", "score", "external")
REJECTION_COLUMNS = ("stage", "source", "reason")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _strings(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _objects(cls: type[Any], text: str) -> tuple[Any, ...]:
    return tuple(cls(**item) for item in json.loads(text))


def _quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(
        Quantity(**(item | {"counts": tuple(item.get("counts", ()))})) for item in json.loads(text)
    )


def article_row(a: Article) -> tuple[Any, ...]:
    return (
        a.id, a.source, a.text, a.outlet, a.title, a.published, a.language,
        dumps(list(a.byline)), a.url, dumps([asdict(r) for r in a.removed]), a.repairs,
    )  # fmt: skip


def article_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Article:
    (aid, source, text, outlet, title, published, language, byline, url, removed,
     repairs) = tuple(row)[: len(ARTICLE_COLUMNS)]  # fmt: skip
    return Article(
        id=aid, source=source, text=text, outlet=outlet, title=title, published=published,
        language=language, byline=_strings(byline), url=url,
        removed=_objects(Removed, removed), repairs=repairs,
    )  # fmt: skip


def article_variant(a: Article) -> str:
    """The whole article as JSON: kept for a run whose copy differs from the stored one."""
    return dumps({f.name: getattr(a, f.name) for f in fields(Article)} | {
        "byline": list(a.byline), "removed": [asdict(r) for r in a.removed],
    })  # fmt: skip


def article_from_variant(text: str) -> Article:
    data = json.loads(text)
    data["byline"] = tuple(data["byline"])
    data["removed"] = tuple(Removed(**r) for r in data["removed"])
    return Article(**data)


def claim_row(c: Claim) -> tuple[Any, ...]:
    return (
        c.id, c.article, c.text, c.start, c.end, c.content, c.content_start, c.content_end,
        c.speaker, c.via, int(c.quote), c.quote_text, c.hedge, int(c.negated),
        dumps([asdict(q) for q in c.quantities]), dumps([asdict(d) for d in c.dates]),
        dumps([asdict(e) for e in c.entities]), dumps(_frame(c)),
    )  # fmt: skip


_FRAME_FIELDS = ("speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "anonymous",
                 "via_start", "via_end", "opinion")  # fmt: skip


def _frame(c: Claim) -> dict[str, Any]:
    """The attribution-frame fields of a claim (added in schema version 5) as one object."""
    out: dict[str, Any] = {name: getattr(c, name) for name in _FRAME_FIELDS}
    out["parts"] = [list(p) for p in c.parts]
    return out


def _frame_fields(text: str | None) -> dict[str, Any]:
    data = json.loads(text or "{}")
    out: dict[str, Any] = {name: data[name] for name in _FRAME_FIELDS if name in data}
    for flag in ("anonymous", "opinion"):
        if flag in out:
            out[flag] = bool(out[flag])
    out["parts"] = tuple((int(s), int(e)) for s, e in data.get("parts", []))
    return out


def claim_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Claim:
    (cid, article, text, start, end, content, c_start, c_end, speaker, via, quote,
     quote_text, hedge, negated, quantities, dates, entities, frame) = tuple(row)  # fmt: skip
    return Claim(
        id=cid, article=article, text=text, start=start, end=end, content=content,
        content_start=c_start, content_end=c_end, speaker=speaker, via=via,
        quote=bool(quote), quote_text=quote_text, hedge=hedge, negated=bool(negated),
        quantities=_quantities(quantities), dates=_objects(DateMention, dates),
        entities=_objects(Entity, entities), **_frame_fields(frame),
    )  # fmt: skip


def group_row(g: ClaimGroup) -> tuple[Any, ...]:
    return (
        g.id, dumps(list(g.claims)), dumps(list(g.articles)), g.independent_sources,
        g.status, dumps(list(g.sources)), g.origin,
    )  # fmt: skip


def group_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ClaimGroup:
    gid, claims, articles, independent, status, sources, origin = tuple(row)
    return ClaimGroup(
        id=gid, claims=_strings(claims), articles=_strings(articles),
        independent_sources=independent, status=status, sources=_strings(sources),
        origin=origin,
    )  # fmt: skip


def discrepancy_row(d: Discrepancy) -> tuple[Any, ...]:
    return (
        d.id, d.kind, dumps(list(d.claims)), d.explanation, d.group, dumps(list(d.values)),
        d.diff,
    )  # fmt: skip


def discrepancy_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Discrepancy:
    did, kind, claims, explanation, group, values, diff = tuple(row)
    return Discrepancy(
        id=did, kind=kind, claims=_strings(claims), explanation=explanation, group=group,
        values=_strings(values), diff=diff,
    )  # fmt: skip


def derivation_row(d: Derivation) -> tuple[Any, ...]:
    # SQLite turns NaN into NULL; NULL reads back as NaN so the column never loses a row.
    return (d.article, d.derived_from, d.kind, d.evidence, d.score, int(d.external))


def derivation_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Derivation:
    article, derived_from, kind, evidence, score, external = tuple(row)
    return Derivation(
        article=article, derived_from=derived_from, kind=kind, evidence=evidence,
        score=math.nan if score is None else score, external=bool(external),
    )  # fmt: skip


def blindspots_text(spots: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    return dumps([[group, list(articles)] for group, articles in spots])


def blindspots_from_text(text: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((str(g), tuple(a)) for g, a in json.loads(text or "[]"))


def rejection_row(r: Rejection) -> tuple[Any, ...]:
    return (r.stage, r.source, r.reason)


def rejection_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Rejection:
    stage, source, reason = tuple(row)
    return Rejection(stage=stage, source=source, reason=reason)
