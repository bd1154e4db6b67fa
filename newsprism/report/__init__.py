"""The report: one plain dict that every interface renders (JSON, Markdown, API, web).

The shape is documented field by field in ``docs/output.md`` and pinned by the JSON Schema
in ``newsprism/schema/report.schema.json`` (:func:`load_schema`).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .. import __version__
from ..errors import NewsprismError
from ..model import Analysis, StoryAnalysis
from .brief import build_brief
from .context import index_story
from .serialize import (
    article_dict,
    claim_dict,
    derivation_dict,
    discrepancy_dict,
    group_dict,
    rejection_dict,
)
from .timeline import build_timeline

REPORT_VERSION = 1

__all__ = [
    "REPORT_VERSION",
    "build_brief",
    "build_report",
    "build_story",
    "build_timeline",
    "load_schema",
]


def build_story(sa: StoryAnalysis, max_sentences: int = 5) -> dict[str, Any]:
    """The report entry of one story: its articles, claims, groups, discrepancies,
    derivations, timeline and brief."""
    idx = index_story(sa)
    published = sorted(a.published for a in sa.articles if a.published)
    return {
        "id": sa.story.id,
        "headline": sa.story.headline,
        "first": published[0] if published else None,
        "last": published[-1] if published else None,
        "first_report": sa.first_report,
        "articles": [article_dict(a) for a in sa.articles],
        "claims": [claim_dict(c) for c in sa.claims],
        "groups": [
            group_dict(g, idx.outlets(g.articles), idx.representative(g)) for g in sa.groups
        ],
        "discrepancies": [
            discrepancy_dict(d, idx.claim_outlets(d.claims)) for d in sa.discrepancies
        ],
        "derivations": [derivation_dict(d) for d in sa.derivations],
        "blindspots": [{"group": gid, "articles": list(missing)} for gid, missing in sa.blindspots],
        "timeline": build_timeline(sa),
        "brief": build_brief(sa, max_sentences),
    }


def build_report(analysis: Analysis) -> dict[str, Any]:
    """The whole report of an analysis as JSON-ready data (no infinities, no NaN)."""
    return {
        "version": REPORT_VERSION,
        "generator": {"newsprism": __version__, "algorithms": dict(analysis.algorithms)},
        "rejections": [rejection_dict(r) for r in analysis.rejections],
        "stories": [build_story(sa) for sa in analysis.stories],
    }


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`build_report`'s output."""
    path = resources.files("newsprism").joinpath("schema", "report.schema.json")
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewsprismError(
            f"report schema is missing or broken ({exc}); reinstall newsprism"
        ) from exc
    return schema
