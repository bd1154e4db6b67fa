"""Find discrepancies in a story and write them up: one line each, naming outlets and values.

Pairs are checked inside each aligned cluster (claims of different articles): number, date,
entity, quote, negation, hedge. Quotes are also compared across clusters when the same
speaker is quoted; a person's titles (role) are compared across the whole story; absence is
searched across the whole story (see ``absence``). Findings of the same kind and subject
inside one group merge into one ``Discrepancy`` that lists every claim involved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

from ..model import DISCREPANCY_KINDS, Article, Claim, Discrepancy
from ..outlets import article_label
from ..resources import Embedder
from .absence import absence_findings
from .findings import Finding, one_home
from .opposites import opposite_findings
from .options import CompareOptions
from .pairs import (
    entity_findings,
    hedge_findings,
    negation_findings,
    person_titles,
    role_findings,
    short,
)
from .quote_match import Held, quote_findings
from .values import date_findings, number_findings

LABEL_WORDS = {"PERSON": "person", "GPE": "place", "ORG": "organisation"}


def outlet_name(article: Article | None, fallback: str) -> str:
    """The article's label (``outlets.article_label``), never its headline."""
    if article is None:
        return fallback
    return article_label(article)


def pair_findings(a: Claim, b: Claim, options: CompareOptions) -> list[Finding]:
    """Every conflict between two aligned claims: number, date, entity, negation
    (including opposite predicates: "rose" vs "fell"), hedge. Quotes are compared on the
    article text instead (``quote_match``)."""
    out = number_findings(a, b, options)
    out += date_findings(a, b)
    out += entity_findings(a, b, options)
    out += negation_findings(a, b, options)
    out += opposite_findings(a, b, options)
    out += hedge_findings(a, b, options)
    return out


def find_all(
    claims: Sequence[Claim],
    clusters: Sequence[tuple[str, ...]],
    options: CompareOptions,
    embedder: Embedder | None = None,
    quotes: Sequence[Held] = (),
) -> list[tuple[int, Finding]]:
    """(group index, finding) for the whole story; ``quotes`` are the quote matches of the
    story's articles (``quote_match.match_quotes``)."""
    by_id = {c.id: c for c in claims}
    group_of = {cid: g for g, cluster in enumerate(clusters) for cid in cluster}
    found: list[tuple[int, Finding]] = []
    for g, cluster in enumerate(clusters):
        members = [by_id[c] for c in cluster if c in by_id]
        for a, b in combinations(members, 2):
            if a.article == b.article:
                continue
            found += [(g, f) for f in pair_findings(a, b, options)]
    found += one_home(
        [(min(group_of.get(f.a.id, 0), group_of.get(f.b.id, 0)), f) for f in quote_findings(quotes)]
    )
    found += _role_findings(claims, group_of)
    for f in absence_findings(claims, options, embedder):
        found.append((group_of.get(f.a.id, 0), f))
    return found


def _role_findings(claims: Sequence[Claim], group_of: dict[str, int]) -> list[tuple[int, Finding]]:
    """Titles are a property of the person, so they are compared across the whole story; all
    findings about one person go to the group of the first claim that names them."""
    titled: dict[str, list[Claim]] = {}
    for c in claims:
        for key in person_titles(c):
            titled.setdefault(key, []).append(c)
    found: list[tuple[int, Finding]] = []
    for key, members in titled.items():
        home = group_of.get(members[0].id, 0)
        for a, b in combinations(members, 2):
            if a.article != b.article:
                found += [(home, f) for f in role_findings(a, b) if f.key == key]
    return found


def _values_line(claims: list[Claim], values: dict[str, str], name: Callable[[Claim], str]) -> str:
    """'A says "3"; B and C say "4"' with outlets grouped by the values they give (an outlet
    whose claims give two values is named once: 'D says "four" and "4 people"')."""
    given: dict[str, list[str]] = {}  # outlet -> its values, in claim order
    for c in claims:
        said = given.setdefault(name(c), [])
        if values[c.id] not in said:
            said.append(values[c.id])
    order: list[tuple[str, ...]] = []
    holders: dict[tuple[str, ...], list[str]] = {}
    for outlet, said in given.items():
        key = tuple(said)
        if key not in holders:
            order.append(key)
            holders[key] = []
        holders[key].append(outlet)
    parts = []
    for key in order:
        who = holders[key]
        outlets = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
        quoted = " and ".join(f'"{short(v, 70)}"' for v in key)
        parts.append(f"{outlets} {'says' if len(who) == 1 else 'say'} {quoted}")
    return "; ".join(parts)


def _explain(kind: str, what: str, line: str, first: Finding, name: Callable[[Claim], str]) -> str:
    if kind == "number":
        return f"Figures differ ({what}): {line}."
    if kind == "date":
        return f"Dates differ (by {what}): {line}."
    if kind == "entity":
        return f"A different {LABEL_WORDS.get(what, what.lower())} in the same claim: {line}."
    if kind == "role":
        return f"{what} is given different titles: {line}."
    if kind == "quote":
        who = f" of {what}" if what else ""
        return f"The same quote{who} is worded differently: {line}."
    if kind == "negation":
        return f"{name(first.a)} and {name(first.b)} state opposite things: {line}."
    if kind == "hedge":
        return f'{name(first.a)} and {name(first.b)} differ on certainty about "{what}": {line}.'
    return (
        f'{name(first.a)} states "{first.value_a}" ({short(first.a.content, 80)}), '
        f'while {name(first.b)} says it was not disclosed: "{short(first.b.content, 80)}".'
    )


def build_discrepancies(
    found: list[tuple[int, Finding]],
    claims: Sequence[Claim],
    articles: Sequence[Article],
    group_ids: Sequence[str],
) -> list[Discrepancy]:
    position = {c.id: i for i, c in enumerate(claims)}
    by_article = {a.id: a for a in articles}

    def name(c: Claim) -> str:
        return outlet_name(by_article.get(c.article), c.article)

    merged: dict[tuple[int, str, str], list[Finding]] = {}
    for g, f in found:
        merged.setdefault((g, f.kind, f.key), []).append(f)
    drafts: list[tuple[tuple[int, int, int], Discrepancy]] = []
    for (g, kind, _), findings in merged.items():
        values: dict[str, str] = {}
        members: dict[str, Claim] = {}
        for f in findings:
            for claim, value in ((f.a, f.value_a), (f.b, f.value_b)):
                members.setdefault(claim.id, claim)
                values.setdefault(claim.id, value)
        ordered = sorted(members.values(), key=lambda c: position.get(c.id, len(position)))
        if kind == "absence":  # keep asserting claim first, as found
            ordered = [findings[0].a, findings[0].b]
        distinct = tuple(dict.fromkeys(values[c.id] for c in ordered))
        line = _values_line(ordered, values, name)
        first = findings[0]
        text = _explain(kind, first.what, line, first, name)
        group = group_ids[g] if 0 <= g < len(group_ids) else None
        sort_key = (g, min(position.get(c.id, 0) for c in ordered), DISCREPANCY_KINDS.index(kind))
        drafts.append(
            (
                sort_key,
                Discrepancy(
                    "", kind, tuple(c.id for c in ordered), text, group, distinct, first.diff
                ),
            )
        )
    drafts.sort(key=lambda t: t[0])
    return [
        Discrepancy(f"d{n}", d.kind, d.claims, d.explanation, d.group, d.values, d.diff)
        for n, (_, d) in enumerate(drafts, start=1)
    ]
