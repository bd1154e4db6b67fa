"""Claims and groups on real three-outlet news (BASIL dev): how many, how fast, how clean.

Usage:
    python bench/claims_quality.py                 # figures on the report part
    python bench/claims_quality.py --part tune     # the part that may be read and tuned on
    python bench/claims_quality.py --sample 200 --seed 7 --write build/claims_sample.json

The events of ``../shared/datasets/multi_outlet/basil_dev`` are ranked by the SHA-256 of
their id (``basil.gold_split``): the first 24 are the comparison gold (12 tuning, 12
held-out, never used here); of the other 68, ranks 24-51 are the **tune** part (read
while changing the claims code) and ranks 52-91 the **report** part (only its labelled
samples are read). Each event is analysed as one story of its three articles (clean,
claims, align, compare), so story grouping plays no part in these figures.

Printed, for the chosen part:

* claims per article, groups per story, seconds per article (claims + compare, models
  loaded before timing) and, as a baseline from the same run, sentences per article and the
  seconds per article of the spaCy parse alone;
* identical groups: groups of one story whose shown text equals another group's;
* nested claims: claims of one article whose shown words lie inside another claim's;
* opinion: claims marked as opinion (``Claim.opinion``), when the code has the field;
* the labelled samples of ``bench/gold/claims_basil.json`` (see ``bench/gold/README.md``):
  the share of each label in each sample, the share of real claims among those the code
  presented as facts (not marked opinion), and how many labelled items the current output
  still shows (matched by event, outlet and shown text);
* with ``--brief``: the brief on the tuning half of the comparison gold
  (``bench/gold/basil_dev.json``): the share of brief items that state a gold key fact with
  the gold status (a fact item whose claim overlaps a key fact's anchor in its article; a
  disagreement item about a key fact whose gold status is ``disputed``), and every brief
  sentence, to read for fragments and opinion.

The shown text of a claim is what a reader sees for it: ``statement`` in the report's
claim dict (the proposition's own words), or ``text`` where the report has no such field
(the code before it). ``--sample`` writes a random sample of claims with their sentence
and the other claims of the same article that overlap it, for labelling by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from basil import BasilArticle, load_events, ranked_events

from newsprism.claims import extract_claims
from newsprism.claims.sentences import split_sentences
from newsprism.clean import clean_documents
from newsprism.config import Settings
from newsprism.ingest.options import IngestOptions
from newsprism.ingest.records import record_document
from newsprism.model import Analysis, Article, Document, Story
from newsprism.pipeline import analyse_story
from newsprism.report import build_report
from newsprism.resources import Resources

GOLD = Path(__file__).parent / "gold" / "claims_basil.json"
LABELS = ("claim", "fragment", "question", "opinion", "duplicate")
PARTS = {"tune": (24, 52), "report": (52, 92)}


def part_events(events: dict[str, list[BasilArticle]], part: str) -> list[str]:
    ranked = ranked_events(events)
    lo, hi = PARTS[part]
    return ranked[lo:hi]


def shown(claim: dict[str, Any]) -> str:
    """The words a reader is shown for a claim (see the module docstring)."""
    return " ".join(str(claim.get("statement") or claim["text"]).split())


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def run(events: dict[str, list[BasilArticle]], chosen: Sequence[str], resources: Resources
        ) -> tuple[list[dict[str, Any]], dict[str, float]]:  # fmt: skip
    """The report story of each chosen event (event id and outlet keys added), and timings."""
    settings = Settings()
    docs: list[Document] = []
    keys: dict[str, tuple[str, str]] = {}
    for event in chosen:
        for art in events[event]:
            found = record_document(art.record(), f"{event}/{art.key}", IngestOptions())
            if isinstance(found, Document):
                docs.append(found)
                keys[found.source] = (event, art.key)
    articles, rejected = clean_documents(docs, settings.clean)
    for r in rejected:
        print(f"rejected {r.source}: {r.reason}", file=sys.stderr)
    by_event: dict[str, list[Article]] = {}
    for a in articles:
        by_event.setdefault(keys[a.source][0], []).append(a)
    extract_claims(articles[:1], resources)  # load the models outside the timing
    resources.embedder.encode(["warm up"])
    t0 = time.perf_counter()
    sentences = [split_sentences(a.text) for a in articles]
    texts = [a.text[s.start : s.end] for a, sents in zip(articles, sentences, strict=True)
             for s in sents]  # fmt: skip
    list(resources.nlp.pipe(texts, batch_size=256))
    t_parse = time.perf_counter() - t0
    t1 = time.perf_counter()
    claims = extract_claims(articles, resources, settings.claims)
    by_article: dict[str, list[Any]] = {a.id: [] for a in articles}
    for c in claims:
        by_article[c.article].append(c)
    analyses = []
    for event in chosen:
        members = by_event.get(event, [])
        if not members:
            continue
        story = Story(id=Story.make_id([a.id for a in members]), headline=members[0].title or "",
                      articles=tuple(a.id for a in members))  # fmt: skip
        analyses.append(analyse_story(story, {a.id: a for a in members}, by_article, settings,
                                      resources))  # fmt: skip
    t_run = time.perf_counter() - t1
    report = build_report(Analysis(stories=tuple(analyses)))
    stories = report["stories"]
    for story in stories:
        story["event"] = keys[story["articles"][0]["source"]][0]
        for a in story["articles"]:
            a["key"] = keys[a["source"]][1]
    n = len(articles)
    timings = {"articles": n, "sentences": len(texts), "parse": t_parse, "run": t_run}
    return stories, timings


def _story_tables(story: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    claims = {c["id"]: c for c in story["claims"]}
    keys = {a["id"]: a["key"] for a in story["articles"]}
    return claims, keys


def identical_groups(story: dict[str, Any]) -> int:
    """Groups whose shown text is the same as that of an earlier group of the story."""
    claims, _ = _story_tables(story)
    seen: set[str] = set()
    dup = 0
    for g in story["groups"]:
        text = g.get("text") or (shown(claims[g["claims"][0]]) if g["claims"] else "")
        key = _key(text)
        if key in seen:
            dup += 1
        seen.add(key)
    return dup


def nested_claims(story: dict[str, Any]) -> int:
    """Claims whose shown words are inside the shown words of another claim of the same
    article (the same proposition twice, or a prefix of a longer one)."""
    by_article: dict[str, list[str]] = {}
    for c in story["claims"]:
        by_article.setdefault(c["article"], []).append(_key(shown(c)))
    n = 0
    for texts in by_article.values():
        for i, t in enumerate(texts):
            if any(j != i and t and (t == u and j < i or (t != u and t in u))
                   for j, u in enumerate(texts)):  # fmt: skip
                n += 1
    return n


def sample(stories: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` random claims with what a labeller needs to judge them."""
    pool = []
    for story in stories:
        for c in story["claims"]:
            pool.append((story, c))
    rng = random.Random(seed)
    picked = rng.sample(pool, min(n, len(pool)))
    out = []
    for story, c in picked:
        _, keys = _story_tables(story)
        text = next(a["text"] for a in story["articles"] if a["id"] == c["article"])
        lo = text.rfind("\n", 0, c["start"]) + 1
        hi = text.find("\n", c["end"])
        others = [
            shown(o) for o in story["claims"]
            if o["article"] == c["article"] and o["id"] != c["id"]
            and o["start"] < c["end"] and c["start"] < o["end"]
        ]  # fmt: skip
        out.append({
            "event": story["event"],
            "outlet": keys[c["article"]],
            "text": shown(c),
            "opinion": c.get("opinion"),
            "speaker": c.get("speaker"),
            "paragraph": text[lo : hi if hi >= 0 else len(text)],
            "overlapping": others,
            "label": None,
            "note": "",
        })  # fmt: skip
    return out


def label_figures(stories: list[dict[str, Any]], gold: dict[str, Any]) -> list[str]:
    present: set[tuple[str, str, str]] = set()
    for story in stories:
        _, keys = _story_tables(story)
        for c in story["claims"]:
            present.add((story["event"], keys[c["article"]], _key(shown(c))))
    lines = []
    for name, entry in gold.get("samples", {}).items():
        items = entry["items"]
        counts = Counter(i["label"] for i in items)
        facts = [i for i in items if not i.get("opinion_marked")]
        events = len({i["event"] for i in items})
        total = len(items)
        shares = ", ".join(f"{lab} {counts[lab]} ({100 * counts[lab] / total:.1f}%)"
                           for lab in LABELS)  # fmt: skip
        still = [i for i in items if (i["event"], i["outlet"], _key(i["text"])) in present]
        kept = Counter(i["label"] for i in still)
        lines.append(f"sample {name!r}: {total} claims from {events} events: {shares}")
        real = sum(1 for i in facts if i["label"] == "claim")
        marked = [i for i in items if i.get("opinion_marked")]
        right = sum(1 for i in marked if i["label"] == "opinion")
        lines.append(
            f"  presented as facts: {len(facts)}, of which real claims {real} "
            f"({100 * real / max(len(facts), 1):.1f}%); marked opinion: {len(marked)}, "
            f"of which labelled opinion {right}"
        )
        lines.append(
            f"  still shown by this code: {len(still)} of {total} "
            f"({', '.join(f'{lab} {kept[lab]}' for lab in LABELS)})"
        )
    return lines


def brief_figures(stories: list[dict[str, Any]], gold: dict[str, Any]) -> list[str]:
    """Brief items that state a gold key fact with the gold status (see the docstring)."""
    from real_news import locate

    lines: list[str] = []
    total = hits = right = 0
    for story in stories:
        facts = gold["events"].get(story["event"], {}).get("key_facts", [])
        claims = {c["id"]: c for c in story["claims"]}
        arts = {a["id"]: a for a in story["articles"]}

        def facts_of(claim: dict[str, Any], facts: list[dict[str, Any]] = facts,
                     arts: dict[str, dict[str, Any]] = arts) -> list[dict[str, Any]]:  # fmt: skip
            art = arts[claim["article"]]
            spans = [tuple(p) for p in claim["parts"]] or [(claim["start"], claim["end"])]
            out = []
            for fact in facts:
                value = fact["anchors"].get(art["key"])
                for anchor in [value] if isinstance(value, str) else value or []:
                    at = locate(anchor, art["text"])
                    if at and any(s < at[1] and at[0] < e for s, e in spans):
                        out.append(fact)
                        break
            return out

        for item in story["brief"]:
            total += 1
            cited = [claims[c] for c in item["claims"] if c in claims]
            if item["kind"] == "fact":
                found = facts_of(claims[item["claim"]]) if item["claim"] in claims else []
                ok = any(f["status"] == item["status"] for f in found)
            else:
                found = [f for c in cited for f in facts_of(c)]
                ok = any(f["status"] == "disputed" for f in found)
            hits += bool(found)
            right += ok
            mark = "RIGHT" if ok else ("key, wrong status" if found else "not key")
            lines.append(f"  [{mark}] {item['status']}: {item['text'][:220]}")
    head = (
        f"brief on the gold tuning half: {total} items in {len(stories)} stories; "
        f"key facts {hits} ({100 * hits / max(total, 1):.1f}%), with the gold status "
        f"{right} ({100 * right / max(total, 1):.1f}%)"
    )
    return [head, *lines]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=tuple(PARTS), default="report")
    ap.add_argument("--sample", type=int, default=0, help="write a sample of N claims")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", type=Path, help="where --sample goes (JSON)")
    ap.add_argument("--dump", type=Path, help="write the story dicts here (JSON)")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--brief", action="store_true", help="the brief on the gold tuning half")
    args = ap.parse_args(argv)
    events = load_events()
    if args.brief:
        tune = json.loads((Path(__file__).parent / "gold" / "basil_dev.json").read_text())
        chosen = [e for e in tune["events"] if e in events]
        stories, _ = run(events, chosen, Resources())
        print("\n".join(brief_figures(stories, tune)))
        return 0
    chosen = part_events(events, args.part)
    stories, t = run(events, chosen, Resources())
    n_art = int(t["articles"])
    n_claims = sum(len(s["claims"]) for s in stories)
    n_groups = sum(len(s["groups"]) for s in stories)
    print(f"BASIL dev, {args.part} part: {len(stories)} events, {n_art} articles")
    print(f"claims per article   {n_claims / n_art:7.1f}   (sentences per article "
          f"{t['sentences'] / n_art:.1f})")  # fmt: skip
    print(f"groups per story     {n_groups / len(stories):7.1f}")
    print(f"seconds per article  {t['run'] / n_art:7.3f}   (spaCy parse alone "
          f"{t['parse'] / n_art:.3f}; ratio {t['run'] / max(t['parse'], 1e-9):.2f}x)")  # fmt: skip
    ident = sum(identical_groups(s) for s in stories)
    nested = sum(nested_claims(s) for s in stories)
    print(f"identical groups     {ident:7d}")
    print(f"nested claims        {nested:7d}   ({100 * nested / max(n_claims, 1):.1f}% of claims)")
    if stories and stories[0]["claims"] and "opinion" in stories[0]["claims"][0]:
        op = sum(1 for s in stories for c in s["claims"] if c["opinion"])
        print(f"opinion claims       {op:7d}   ({100 * op / max(n_claims, 1):.1f}% of claims)")
    if args.gold.is_file():
        for line in label_figures(stories, json.loads(args.gold.read_text(encoding="utf-8"))):
            print(line)
    if args.dump:
        args.dump.parent.mkdir(parents=True, exist_ok=True)
        args.dump.write_text(json.dumps(stories, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.sample:
        if not args.write:
            ap.error("--sample needs --write FILE")
        args.write.parent.mkdir(parents=True, exist_ok=True)
        items = sample(stories, args.sample, args.seed)
        args.write.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(items)} claims from {len({i['event'] for i in items})} events -> {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
