"""The BASIL development split (``../shared/datasets/multi_outlet/basil_dev``) as newsprism
input: one JSON record per article, three articles per event.

An article's text is its paragraphs joined by a blank line, the sentences of a paragraph
joined by one space. This is the text the gold anchors in ``bench/gold/basil_dev.json``
are written against (an anchor is an exact substring of it).

The gold events are chosen without reading them: the triplet ids sorted by the SHA-256 of
the id, the first 12 are the tuning half, the next 12 the held-out half.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BASIL = SHARED / "datasets" / "multi_outlet" / "basil_dev"
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
N_TUNE = 12
N_HELDOUT = 12


@dataclass(frozen=True)
class BasilArticle:
    event: str  # triplet uuid
    key: str  # "fox", "nyt", "hpo"
    outlet: str
    title: str
    published: str
    url: str
    text: str

    def record(self) -> dict[str, str]:
        """The article as a newsprism JSON record."""
        return {
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
        }


def article_text(paragraphs: list[list[str]]) -> str:
    paras = [" ".join(s.strip() for s in p if s.strip()) for p in paragraphs]
    return "\n\n".join(p for p in paras if p)


def load_events(root: Path = BASIL) -> dict[str, list[BasilArticle]]:
    """Every event of the split: triplet id -> its articles (fox, nyt, hpo order)."""
    events: dict[str, list[BasilArticle]] = {}
    for path in sorted(root.glob("articles/*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        key = data["source"].lower()
        art = BasilArticle(
            event=data["triplet-uuid"],
            key=key,
            outlet=OUTLETS[key],
            title=data["title"].strip(),
            published=data["date"],
            url=data["url"],
            text=article_text(data["body-paragraphs"]),
        )
        events.setdefault(art.event, []).append(art)
    order = list(OUTLETS)
    for arts in events.values():
        arts.sort(key=lambda a: order.index(a.key))
    return events


def ranked_events(events: Iterable[str]) -> list[str]:
    """Event ids in the order of the SHA-256 of the id: every split of BASIL dev (the gold
    halves, the story and claim benchmarks' parts) is a slice of this one order, so no
    script can put a held-out gold event among the ones another tunes on."""
    return sorted(events, key=lambda e: hashlib.sha256(e.encode()).hexdigest())


def gold_split(events: dict[str, list[BasilArticle]]) -> tuple[list[str], list[str]]:
    """(tuning events, held-out events), chosen by hash of the id, not by content."""
    ranked = ranked_events(events)
    return ranked[:N_TUNE], ranked[N_TUNE : N_TUNE + N_HELDOUT]


def anchor_problems(gold: dict, events: dict[str, list[BasilArticle]]) -> list[str]:
    """Every anchor of a gold file that is not an exact substring found once in its
    article's text (or is shorter than four words), one line each."""
    problems: list[str] = []

    def check(event: str, where: str, anchors: dict) -> None:
        texts = {a.key: a.text for a in events.get(event, [])}
        for key, value in anchors.items():
            for anchor in [value] if isinstance(value, str) else value:
                text = texts.get(key)
                if text is None:
                    problems.append(f"{event} {where}: no article {key!r}")
                elif len(anchor.split()) < 4:
                    problems.append(f"{event} {where}: {key} anchor under four words: {anchor!r}")
                elif text.count(anchor) != 1:
                    n = text.count(anchor)
                    problems.append(f"{event} {where}: {key} anchor found {n} times: {anchor!r}")

    for event, item in gold.get("events", {}).items():
        if event not in events:
            problems.append(f"{event}: not an event of the split")
            continue
        for d in item.get("disagreements", []):
            for side in d.get("sides", []):
                check(event, d.get("id", "?"), side.get("anchors", {}))
        for n in item.get("must_not_flag", []):
            check(event, n.get("id", "?"), n.get("anchors", {}))
        for k in item.get("key_facts", []):
            check(event, k.get("id", "?"), k.get("anchors", {}))
    return problems


def main() -> None:  # pragma: no cover - a helper for annotators
    import argparse

    parser = argparse.ArgumentParser(description="write BASIL events as text for reading")
    parser.add_argument("--out", type=Path, default=Path("build/basil"))
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument("--check", type=Path, metavar="GOLD", help="check a gold file's anchors")
    args = parser.parse_args()
    events = load_events()
    if args.check:
        problems = anchor_problems(json.loads(args.check.read_text(encoding="utf-8")), events)
        print("\n".join(problems) or "every anchor found once")
        raise SystemExit(1 if problems else 0)
    tune, held = gold_split(events)
    chosen = {"tune": tune, "heldout": held, "all": sorted(events)}[args.split]
    for event in chosen:
        folder = args.out / event
        folder.mkdir(parents=True, exist_ok=True)
        for art in events[event]:
            body = f"{art.title}\n{art.outlet} | {art.published} | {art.url}\n\n{art.text}\n"
            (folder / f"{art.key}.txt").write_text(body, encoding="utf-8")
    print(f"{len(chosen)} events written under {args.out}")


if __name__ == "__main__":  # pragma: no cover
    main()
