"""What the pages show, made from a story of the report (``report["stories"][i]``).

Every function here reads the report dict's documented fields (``docs/output.md``) and
arranges them for a template; nothing is recomputed. Strings stay plain text: the
templates escape them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..compare.quotes import diff_segments
from ..model import GROUP_STATUSES
from ..outlets import labels_by_article

STATUS_LABELS = {"corroborated": "corroborated", "single_source": "single source",
                 "disputed": "disputed", "opinion": "opinion"}  # fmt: skip


def summary_outlets(summary: dict[str, Any]) -> list[str]:
    """The outlet names of a store summary's articles, each once, earliest first."""
    return list(dict.fromkeys(labels_by_article(summary["articles"]).values()))


@dataclass
class StoryView:
    """Look-ups over one report story, shared by the story, article and compare pages."""

    story: dict[str, Any]
    outlets: dict[str, str] = field(init=False)  # article id -> outlet name
    claims: dict[str, dict[str, Any]] = field(init=False)
    groups: dict[str, dict[str, Any]] = field(init=False)
    group_of: dict[str, str] = field(init=False)  # claim id -> its first group

    def __post_init__(self) -> None:
        self.outlets = labels_by_article(self.story["articles"])
        self.claims = {c["id"]: c for c in self.story["claims"]}
        self.groups = {g["id"]: g for g in self.story["groups"]}
        self.group_of = {}
        for g in self.story["groups"]:
            for cid in g["claims"]:
                self.group_of.setdefault(cid, g["id"])

    def outlet_of_claim(self, claim_id: str) -> str:
        claim = self.claims.get(claim_id)
        return self.outlets.get(claim["article"], claim["article"]) if claim else claim_id

    def outlet_names(self) -> list[str]:
        return list(dict.fromkeys(self.outlets.values()))

    def cited(self, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The claims behind a citation: outlet, article, text, group and its status."""
        out = []
        for cid in claim_ids:
            claim = self.claims.get(cid)
            if claim is None:
                continue
            group = self.groups.get(self.group_of.get(cid, ""))
            out.append({
                "id": cid, "article": claim["article"], "outlet": self.outlet_of_claim(cid),
                "text": claim["text"], "group": group["id"] if group else None,
                "status": group["status"] if group else None,
            })  # fmt: skip
        return out

    def representative(self, group: dict[str, Any]) -> dict[str, Any] | None:
        """The claim shown for a group: the first one from its origin article, else its
        first claim."""
        members = [self.claims[c] for c in group["claims"] if c in self.claims]
        if not members:
            return None
        origin = [c for c in members if c["article"] == group.get("origin")]
        return (origin or members)[0]


def fact_rows(view: StoryView) -> list[dict[str, Any]]:
    """One row per claim group for the facts table."""
    rows = []
    for g in view.story["groups"]:
        shown = view.representative(g)
        rows.append({
            "id": g["id"], "status": g["status"],
            "label": STATUS_LABELS.get(g["status"], g["status"]),
            "sources": g["independent_sources"], "outlets": g["outlets"],
            "text": shown["text"] if shown else "", "claim": shown["id"] if shown else None,
            "article": shown["article"] if shown else None,
        })  # fmt: skip
    return rows


def filter_rows(
    rows: list[dict[str, Any]], status: str | None, outlet: str | None
) -> list[dict[str, Any]]:
    """The rows a facts-table filter keeps (the server's copy of what app.js does)."""
    return [
        r
        for r in rows
        if (not status or r["status"] == status) and (not outlet or outlet in r["outlets"])
    ]


def status_counts(story: dict[str, Any]) -> dict[str, int]:
    counts = dict.fromkeys(GROUP_STATUSES, 0)
    for g in story["groups"]:
        counts[g["status"]] = counts.get(g["status"], 0) + 1
    return counts


def value_sides(d: dict[str, Any], claims: Sequence[dict[str, Any]]) -> dict[str, int | None]:
    """Claim id -> the index of the first of the discrepancy's ``values`` its text contains
    (case ignored), None when it contains none of them."""
    lows = [v.lower() for v in d["values"]]
    sides: dict[str, int | None] = {}
    for c in claims:
        text = c["text"].lower()
        sides[c["id"]] = next((i for i, v in enumerate(lows) if v and v in text), None)
    return sides


def discrepancy_cards(view: StoryView) -> list[dict[str, Any]]:
    """Each discrepancy with its values side by side: for each value, the outlets whose
    claim contains it first and those claims; claims that contain none come last."""
    cards = []
    for d in view.story["discrepancies"]:
        claims = view.cited(d["claims"])
        sides = value_sides(d, claims)
        columns = []
        for i, value in enumerate(d["values"]):
            holding = [c for c in claims if sides[c["id"]] == i]
            columns.append({
                "value": value, "claims": holding,
                "outlets": list(dict.fromkeys(c["outlet"] for c in holding)),
            })  # fmt: skip
        rest = [c for c in claims if sides[c["id"]] is None]
        if rest:
            columns.append({"value": None, "claims": rest,
                            "outlets": list(dict.fromkeys(c["outlet"] for c in rest))})  # fmt: skip
        cards.append({
            "id": d["id"], "kind": d["kind"], "explanation": d["explanation"],
            "group": d.get("group"), "columns": columns, "outlets": d["outlets"],
            "diff": diff_segments(d["diff"]) if d.get("diff") else [],
        })  # fmt: skip
    return cards


def brief_items(view: StoryView) -> list[dict[str, Any]]:
    """The brief, each sentence with the claims and outlets its citation stands for."""
    items = []
    for n, item in enumerate(view.story["brief"], start=1):
        refs = list(item["groups"])
        if item.get("discrepancy"):
            refs.insert(0, item["discrepancy"])
        items.append({
            "n": n, "kind": item["kind"], "text": item["text"], "refs": refs,
            "outlets": item["outlets"], "status": item["status"],
            "sources": item.get("independent_sources"), "claims": view.cited(item["claims"]),
        })  # fmt: skip
    return items


def derivation_rows(view: StoryView) -> list[dict[str, Any]]:
    rows = []
    for d in view.story["derivations"]:
        source = d["derived_from"]
        rows.append({
            "from": view.outlets.get(d["article"], d["article"]), "article": d["article"],
            "to": source if d["external"] else view.outlets.get(source, source),
            "source_article": None if d["external"] else source, "kind": d["kind"],
            "evidence": d["evidence"], "score": d.get("score"), "external": d["external"],
        })  # fmt: skip
    return rows


def blindspot_rows(view: StoryView) -> list[dict[str, Any]]:
    """Which outlets leave out which fact that two or more independent sources report."""
    rows = []
    for b in view.story["blindspots"]:
        group = view.groups.get(b["group"])
        shown = view.representative(group) if group else None
        rows.append({
            "group": b["group"], "text": shown["text"] if shown else "",
            "outlets": list(dict.fromkeys(view.outlets.get(a, a) for a in b["articles"])),
            "reported_by": group["outlets"] if group else [],
        })  # fmt: skip
    return rows


def article_segments(text: str, claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article text cut where claim spans start and end: each piece with the ids of
    the claims that cover it (the parts of a multi-part claim, else its whole span) and of
    the claims that start there (``anchors``)."""
    spans: list[tuple[int, int, str]] = []
    for c in claims:
        parts = c.get("parts") or [[c["start"], c["end"]]]
        spans.extend((int(s), int(e), c["id"]) for s, e in parts if 0 <= s < e <= len(text))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starts: dict[int, list[str]] = {}
    for c in claims:
        starts.setdefault(int(c["start"]), []).append(c["id"])
    pieces = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        covering = [cid for s, e, cid in spans if s <= lo and hi <= e]
        pieces.append({"text": text[lo:hi], "claims": covering, "anchors": starts.get(lo, [])})
    return pieces


def anchor(claim_id: str) -> str:
    """An HTML id for a claim (ids hold ':' and ',')."""
    return claim_id.replace(":", "-").replace(",", "_")


def claim_group_panels(view: StoryView, article_id: str) -> list[dict[str, Any]]:
    """For each group with a claim in ``article_id``: the same fact in every outlet, with
    that outlet's own words."""
    panels = []
    for g in view.story["groups"]:
        if article_id not in g["articles"]:
            continue
        panels.append({
            "id": g["id"], "status": g["status"], "sources": g["independent_sources"],
            "label": STATUS_LABELS.get(g["status"], g["status"]), "claims": view.cited(g["claims"]),
        })  # fmt: skip
    return panels


def compare_rows(view: StoryView, a: str, b: str) -> list[dict[str, Any]]:
    """The groups that outlet ``a`` or ``b`` reports, side by side: ``conflict`` (the group
    holds a claim of a discrepancy where the two give different values), else ``agree``
    (both report it) or ``missing`` (one of them leaves it out)."""
    conflict_groups: set[str] = set()
    for d in view.story["discrepancies"]:
        claims = view.cited(d["claims"])
        sides = value_sides(d, claims)
        side_a = {sides[c["id"]] for c in claims if c["outlet"] == a}
        side_b = {sides[c["id"]] for c in claims if c["outlet"] == b}
        if side_a and side_b and side_a != side_b:
            conflict_groups.update(view.group_of.get(c["id"], "") for c in claims)
            conflict_groups.add(d.get("group") or "")
    rows = []
    for g in view.story["groups"]:
        left = [c for c in view.cited(g["claims"]) if c["outlet"] == a]
        right = [c for c in view.cited(g["claims"]) if c["outlet"] == b]
        if not left and not right:
            continue
        if g["id"] in conflict_groups:
            mark = "conflict"
        else:
            mark = "agree" if left and right else "missing"
        rows.append({"group": g["id"], "status": g["status"], "a": left, "b": right,
                     "mark": mark})  # fmt: skip
    return rows
