"""Discrepancies and key facts on real three-outlet news, scored against hand-written gold.

    .venv/bin/python bench/real_news.py                      # tuning half, then held-out half
    .venv/bin/python bench/real_news.py --half tune --show   # and every false / missed item

The events are BASIL development triplets (``bench/basil.py``); the gold is
``bench/gold/basil_dev.json`` (tuning half) and ``bench/gold/basil_dev_heldout.json``
(held-out half), written by reading the articles (format: ``bench/gold/README.md``). The
articles of a half go through the whole pipeline as JSON records, as a user would give them.

Scoring, per half:

* a system discrepancy **matches** a gold disagreement when two of its claims, from
  different outlets, state anchors of two different sides of it (a claim states an anchor
  when its span overlaps the anchor's span in the clean text);
* **precision**: matched system discrepancies / all system discrepancies; **recall**: gold
  disagreements matched by at least one system discrepancy;
* **false per story**: system discrepancies that match no gold disagreement, per event;
* a **key fact** is **grouped** when one claim group holds, for every outlet that states
  it, a claim that states that outlet's anchor; it is **right** when that group's status is
  the gold status as well.

Only the pipeline's public objects are read (``analyze`` and the ``Analysis`` it returns),
so the same script scores an older checkout of the code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from basil import BasilArticle, load_events  # noqa: E402

GOLD = {
    "tune": HERE / "gold" / "basil_dev.json",
    "heldout": HERE / "gold" / "basil_dev_heldout.json",
}
Span = tuple[int, int]


@dataclass
class HalfScore:
    half: str
    events: int = 0
    system: int = 0  # system discrepancies
    matched: int = 0  # system discrepancies that match a gold disagreement
    gold: int = 0
    found: int = 0  # gold disagreements matched
    facts: int = 0
    grouped: int = 0
    right: int = 0
    anchors: int = 0
    anchors_lost: int = 0  # anchors not found in the clean text
    false_per_event: dict[str, int] = field(default_factory=dict)
    claims: int = 0
    groups: int = 0
    articles: int = 0
    seconds: float = 0.0
    lines: list[str] = field(default_factory=list)  # --show details

    def figures(self) -> dict[str, Any]:
        return {
            "half": self.half,
            "events": self.events,
            "articles": self.articles,
            "system_discrepancies": self.system,
            "precision": _ratio(self.matched, self.system),
            "gold_disagreements": self.gold,
            "recall": _ratio(self.found, self.gold),
            "key_facts": self.facts,
            "key_facts_grouped": _ratio(self.grouped, self.facts),
            "key_facts_right": _ratio(self.right, self.facts),
            "false_max_per_story": max(self.false_per_event.values(), default=0),
            "false_total": sum(self.false_per_event.values()),
            "anchors_lost": self.anchors_lost,
            "claims_per_article": round(self.claims / max(1, self.articles), 1),
            "groups_per_story": round(self.groups / max(1, self.events), 1),
            "seconds_per_article": round(self.seconds / max(1, self.articles), 3),
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def locate(anchor: str, text: str) -> Span | None:
    """Where ``anchor`` is in ``text``: exactly, else with runs of spaces collapsed."""
    at = text.find(anchor)
    if at >= 0:
        return at, at + len(anchor)
    pattern = r"\s+".join(re.escape(w) for w in anchor.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def claim_spans(claim: Any) -> list[Span]:
    parts = list(getattr(claim, "parts", ()) or ())
    return parts or [(claim.start, claim.end)]


def states(claim: Any, spans: Sequence[Span]) -> bool:
    return any(s < e2 and s2 < e for s, e in claim_spans(claim) for s2, e2 in spans)


def _anchor_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def run_pipeline(articles: Sequence[BasilArticle], resources: Any = None) -> tuple[Any, float]:
    from newsprism.pipeline import analyze

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "basil.jsonl"
        path.write_text(
            "".join(json.dumps(a.record(), ensure_ascii=False) + "\n" for a in articles),
            encoding="utf-8",
        )
        started = time.perf_counter()
        analysis = analyze([str(path)], resources=resources).analysis
        return analysis, time.perf_counter() - started


def score_half(
    half: str, gold: dict[str, Any], events: dict[str, list[BasilArticle]], resources: Any = None
) -> HalfScore:
    chosen = [e for e in gold["events"] if e in events]
    analysis, seconds = run_pipeline([a for e in chosen for a in events[e]], resources)
    return score_analysis(half, gold, events, analysis, seconds)


def score_analysis(
    half: str,
    gold: dict[str, Any],
    events: dict[str, list[BasilArticle]],
    analysis: Any,
    seconds: float = 0.0,
) -> HalfScore:
    """Score an analysis of the gold events' articles (``analyze`` on their records)."""
    chosen = [e for e in gold["events"] if e in events]
    inputs = [a for e in chosen for a in events[e]]
    result = HalfScore(half=half, events=len(chosen), articles=len(inputs), seconds=seconds)
    by_url = {a.url: a for a in inputs}
    # system objects per event
    arts: dict[str, dict[str, Any]] = {e: {} for e in chosen}  # event -> outlet key -> Article
    claims: dict[str, Any] = {}
    claim_outlet: dict[str, tuple[str, str]] = {}  # claim id -> (event, outlet key)
    groups: dict[str, list[Any]] = {e: [] for e in chosen}
    discs: dict[str, list[tuple[Any, dict[str, Any]]]] = {e: [] for e in chosen}
    for story in analysis.stories:
        local: dict[str, tuple[str, str]] = {}
        for art in story.articles:
            src = by_url.get(art.url or "") or by_url.get(art.source)
            if src is None:
                continue
            arts[src.event][src.key] = art
            local[art.id] = (src.event, src.key)
        by_id = {c.id: c for c in story.claims}
        claims.update(by_id)
        for c in story.claims:
            if c.article in local:
                claim_outlet[c.id] = local[c.article]
        story_events = {ev for ev, _ in local.values()}
        for g in story.groups:
            for ev in story_events:
                groups[ev].append(g)
        for d in story.discrepancies:
            evs = {claim_outlet[c][0] for c in d.claims if c in claim_outlet}
            for ev in evs:
                discs[ev].append((d, by_id))
    result.claims = sum(len(s.claims) for s in analysis.stories)
    for event in chosen:
        item = gold["events"][event]
        texts = {k: a.text for k, a in arts[event].items()}

        def spans_of(
            anchors: dict[str, Any], ev: str = event, texts: dict[str, str] = texts
        ) -> dict[str, list[Span]]:
            out: dict[str, list[Span]] = {}
            for key, value in anchors.items():
                for anchor in _anchor_list(value):
                    result.anchors += 1
                    at = locate(anchor, texts.get(key, ""))
                    if at is None:
                        result.anchors_lost += 1
                        result.lines.append(f"  lost anchor {ev[:8]} {key}: {anchor!r}")
                        continue
                    out.setdefault(key, []).append(at)
            return out

        sides = [
            (d, [spans_of(side.get("anchors", {})) for side in d.get("sides", [])])
            for d in item.get("disagreements", [])
        ]
        result.gold += len(sides)
        found: set[str] = set()
        false = 0
        title = item.get("title", event)
        for d, by_id in discs[event]:
            outs = [(claim_outlet.get(c), by_id.get(c) or claims.get(c)) for c in d.claims]
            hit = None
            for gd, side_spans in sides:
                touched: dict[int, set[str]] = {}
                for where, claim in outs:
                    if where is None or claim is None or where[0] != event:
                        continue
                    for n, spans in enumerate(side_spans):
                        if states(claim, spans.get(where[1], [])):
                            touched.setdefault(n, set()).add(where[1])
                outlets_hit = {o for s in touched.values() for o in s}
                if len(touched) >= 2 and len(outlets_hit) >= 2:
                    hit = gd["id"]
                    break
            result.system += 1
            if hit:
                result.matched += 1
                found.add(hit)
            else:
                false += 1
                result.lines.append(f"  FALSE [{title[:40]}] {d.kind}: {d.explanation[:220]}")
        for gd, _ in sides:
            if gd["id"] not in found:
                vals = " / ".join(str(s.get("value")) for s in gd.get("sides", []))
                result.lines.append(
                    f"  MISSED [{title[:40]}] {gd['kind']}: {gd.get('what', '')} ({vals})"
                )
        result.found += len(found)
        result.false_per_event[event] = false
        result.groups += len(groups[event])
        for fact in item.get("key_facts", []):
            result.facts += 1
            want = spans_of(fact.get("anchors", {}))
            best = None
            for g in groups[event]:
                ok = True
                for key in fact.get("anchors", {}):
                    members = [claims[c] for c in g.claims if claim_outlet.get(c) == (event, key)]
                    if not any(states(c, want.get(key, [])) for c in members):
                        ok = False
                        break
                if ok:
                    best = g
                    if g.status == fact.get("status"):
                        break
            if best is not None:
                result.grouped += 1
                if best.status == fact.get("status"):
                    result.right += 1
                else:
                    result.lines.append(
                        f"  STATUS [{title[:40]}] {fact['fact'][:90]}: {best.status}, "
                        f"gold {fact.get('status')}"
                    )
            else:
                result.lines.append(f"  UNGROUPED [{title[:40]}] {fact['fact'][:100]}")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "heldout", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="print every false and missed item")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--gold", type=Path, help="score this gold file instead (one half)")
    args = parser.parse_args(argv)
    events = load_events()
    halves = ["tune", "heldout"] if args.half == "both" else [args.half]
    scores = []
    files = {h: GOLD[h] for h in halves}
    if args.gold:
        files = {halves[0]: args.gold}
    for half, path in files.items():
        if not path.is_file():
            print(f"{half}: no gold file {path}")
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        score = score_half(half, gold, events)
        scores.append(score.figures())
        fig = score.figures()
        print(
            f"{half:8} events {fig['events']:3}  precision {fig['precision']}  "
            f"recall {fig['recall']}  ({score.matched}/{score.system} system, "
            f"{score.found}/{score.gold} gold)  key facts grouped {fig['key_facts_grouped']} "
            f"right {fig['key_facts_right']}  false/story max {fig['false_max_per_story']} "
            f"total {fig['false_total']}  anchors lost {fig['anchors_lost']}/{score.anchors}"
        )
        print(
            f"{'':8} claims/article {fig['claims_per_article']}  groups/story "
            f"{fig['groups_per_story']}  s/article {fig['seconds_per_article']}"
        )
        if args.show:
            print("\n".join(score.lines))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
