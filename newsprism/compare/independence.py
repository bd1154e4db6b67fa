"""Who is the original source behind each article: follow derivation edges to a root.

An article that copies, rewrites or translates another (with a score at or above
``min_score``) is not an independent witness: it counts as the source it derives from. An
article that only *cites* another outlet is still a witness for what it reports itself;
the claims that credit the cited outlet (``Claim.via``) count as that outlet's instead
(see ``groups.SourceResolver``).
When an article has several such edges, the best scored one is followed. A source outside
the input ("Reuters", "The Washington Post") is a node too, named as the derivation names
it; names that differ only in case or a leading "The" are the same node.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..align.text import name_key
from ..model import Derivation

DEFAULT_MIN_SCORE = 0.5


def _best_edges(
    article_ids: Sequence[str], derivations: Sequence[Derivation], min_score: float
) -> dict[str, str]:
    """article id -> node it derives from (article id, or ``ext:<key>`` for an outside source)."""
    known = set(article_ids)
    best: dict[str, tuple[float, str]] = {}
    for d in derivations:
        if d.score < min_score or d.article == d.derived_from:
            continue
        if d.kind == "citation":
            # citing another outlet ("The Washington Post first reported") makes the claims
            # that credit it derived, not the whole article: their `via` counts it
            continue
        target = d.derived_from if (d.derived_from in known and not d.external) else None
        node = target if target is not None else "ext:" + name_key(d.derived_from)
        if node == "ext:":
            continue
        current = best.get(d.article)
        if current is None or (d.score, node) > current:
            best[d.article] = (d.score, node)
    return {a: node for a, (_, node) in best.items()}


def root_nodes(
    article_ids: Sequence[str], derivations: Sequence[Derivation], min_score: float
) -> dict[str, str]:
    """article id -> its root node (an article id or ``ext:<key>``); cycles end at the
    member of the cycle that comes first in ``article_ids``."""
    order = {a: i for i, a in enumerate(article_ids)}
    edges = _best_edges(article_ids, derivations, min_score)
    roots: dict[str, str] = {}
    for start in article_ids:
        path = [start]
        node = start
        while node in edges and edges[node] not in path:
            node = edges[node]
            path.append(node)
        if node in edges:  # stopped by a cycle: pick a stable member of it
            cycle = path[path.index(edges[node]) :]
            node = min(cycle, key=lambda n: order.get(n, len(order)))
        roots[start] = node
    return roots


def external_names(derivations: Sequence[Derivation]) -> dict[str, str]:
    """``ext:<key>`` -> the first spelling of that outside source seen in ``derivations``."""
    names: dict[str, str] = {}
    for d in derivations:
        key = "ext:" + name_key(d.derived_from)
        names.setdefault(key, d.derived_from)
    return names


def independent_roots(
    article_ids: Sequence[str],
    derivations: Sequence[Derivation],
    min_score: float = DEFAULT_MIN_SCORE,
) -> dict[str, str]:
    """article id -> id of the input article, or name of the outside source, it comes from
    (itself when it derives from nothing)."""
    names = external_names(derivations)
    nodes = root_nodes(article_ids, derivations, min_score)
    return {a: names.get(n, n) if n.startswith("ext:") else n for a, n in nodes.items()}
