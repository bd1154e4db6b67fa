"""Who took what from whom, drawn on the server as SVG: outlets as nodes on a circle,
derivations as arrows from the outlet that took to the outlet it took from, labelled with
the kind (copy, rewrite, translation, citation).

The SVG uses presentation attributes and CSS classes only (no ``style`` attributes), so
the page's Content-Security-Policy needs no inline styles; every label is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 420
NODE_RX, NODE_RY = 78, 20
MAX_LABEL = 22


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


def _layout(names: Sequence[str]) -> dict[str, tuple[float, float]]:
    cx, cy = WIDTH / 2, HEIGHT / 2
    if len(names) == 1:
        return {names[0]: (cx, cy)}
    rx, ry = WIDTH / 2 - NODE_RX - 10, HEIGHT / 2 - NODE_RY - 24
    out = {}
    for i, name in enumerate(names):
        angle = -math.pi / 2 + 2 * math.pi * i / len(names)
        out[name] = (cx + rx * math.cos(angle), cy + ry * math.sin(angle))
    return out


def _edge_ends(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float, float, float]:
    """Where a straight arrow from node ``a`` to node ``b`` leaves and meets the ellipses."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    # distance from an ellipse's centre to its edge along (ux, uy)
    edge = 1.0 / math.sqrt((ux / NODE_RX) ** 2 + (uy / NODE_RY) ** 2)
    return a[0] + ux * edge, a[1] + uy * edge, b[0] - ux * (edge + 4), b[1] - uy * (edge + 4)


def derivation_svg(rows: Sequence[dict[str, Any]], outlets: Sequence[str]) -> Markup:
    """The graph of ``rows`` (``views.derivation_rows``); ``outlets`` are the story's
    outlets, drawn even when they took nothing from anyone."""
    names = list(dict.fromkeys([*outlets, *(r["from"] for r in rows), *(r["to"] for r in rows)]))
    pos = _layout(names)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="graph-title">',
        '<title id="graph-title">Who took what from whom</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="arrowhead"/></marker></defs>',
    ]
    for r in rows:
        if r["from"] == r["to"]:
            continue
        x1, y1, x2, y2 = _edge_ends(pos[r["from"]], pos[r["to"]])
        label = escape(r["kind"])
        tip = escape(f"{r['from']} {r['kind']} {r['to']}: {r['evidence']}")
        parts.append(
            f'<g class="edge edge-{label}"><title>{tip}</title>'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            'marker-end="url(#arrow)"/>'
            f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 4:.1f}" '
            f'text-anchor="middle">{label}</text></g>'
        )
    for name in names:
        x, y = pos[name]
        external = name not in outlets
        kind = "node external" if external else "node"
        parts.append(
            f'<g class="{kind}"><title>{escape(name)}</title>'
            f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{NODE_RX}" ry="{NODE_RY}"/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle">{escape(_short(name))}'
            "</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
