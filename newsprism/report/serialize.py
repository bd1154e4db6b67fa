"""Turn model objects into the plain dicts of the report (see docs/output.md).

Every function here is a pure mapping of one model object to one dict with a fixed key
order. Floats pass through :func:`finite` so that the report never holds ``Infinity`` or
``NaN``, which JSON cannot express: an unbounded side of a range becomes ``None``.
"""

from __future__ import annotations

import math
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
from ..outlets import article_label


def finite(value: float | None) -> float | None:
    """``value`` when it is a finite number, else ``None`` (JSON has no infinities)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def outlet_name(article: Article) -> str:
    return article_label(article)


def removed_dict(removed: Removed) -> dict[str, Any]:
    return {"kind": removed.kind, "text": removed.text}


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "removed": [removed_dict(r) for r in article.removed],
        "byline": list(article.byline),
        "url": article.url,
        "repairs": article.repairs,
    }


def quantity_dict(q: Quantity) -> dict[str, Any]:
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "value": finite(q.value),
        "low": finite(q.low),
        "high": finite(q.high),
        "unit": q.unit,
        "approximate": q.approximate,
        "counts": [finite(x) for x in q.counts],
    }


def date_dict(d: DateMention) -> dict[str, Any]:
    return {
        "text": d.text,
        "start": d.start,
        "end": d.end,
        "value": d.value,
        "precision": d.precision,
    }


def entity_dict(e: Entity) -> dict[str, Any]:
    return {"text": e.text, "start": e.start, "end": e.end, "label": e.label, "key": e.key}


def claim_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article": claim.article,
        "statement": claim.statement,
        "opinion": claim.opinion,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "content": claim.content,
        "content_start": claim.content_start,
        "content_end": claim.content_end,
        "speaker": claim.speaker,
        "via": claim.via,
        "quote": claim.quote,
        "quote_text": claim.quote_text,
        "hedge": claim.hedge,
        "negated": claim.negated,
        "quantities": [quantity_dict(q) for q in claim.quantities],
        "dates": [date_dict(d) for d in claim.dates],
        "entities": [entity_dict(e) for e in claim.entities],
        "speaker_start": claim.speaker_start,
        "speaker_end": claim.speaker_end,
        "cue": claim.cue,
        "cue_start": claim.cue_start,
        "cue_end": claim.cue_end,
        "anonymous": claim.anonymous,
        "parts": [[s, e] for s, e in claim.parts],
        "via_start": claim.via_start,
        "via_end": claim.via_end,
    }


def group_dict(group: ClaimGroup, outlets: list[str], claim: Claim | None) -> dict[str, Any]:
    """A group with what it is about: ``text``, the statement of the claim that speaks for
    it (``claim``), and ``context``, that claim's sentence."""
    return {
        "id": group.id,
        "text": claim.statement if claim is not None else None,
        "context": claim.text if claim is not None else None,
        "speaker": claim.speaker if claim is not None else None,
        "claims": list(group.claims),
        "articles": list(group.articles),
        "independent_sources": group.independent_sources,
        "status": group.status,
        "sources": list(group.sources),
        "origin": group.origin,
        "outlets": outlets,
    }


def discrepancy_dict(d: Discrepancy, outlets: list[str]) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": d.kind,
        "claims": list(d.claims),
        "explanation": d.explanation,
        "group": d.group,
        "values": list(d.values),
        "diff": d.diff,
        "outlets": outlets,
    }


def derivation_dict(d: Derivation) -> dict[str, Any]:
    return {
        "article": d.article,
        "derived_from": d.derived_from,
        "kind": d.kind,
        "evidence": d.evidence,
        "score": finite(d.score),
        "external": d.external,
    }


def rejection_dict(r: Rejection) -> dict[str, Any]:
    return {"stage": r.stage, "source": r.source, "reason": r.reason}
