"""Labelled story data from ``../shared/datasets`` as newsprism articles, for
``bench/stories.py`` and ``scripts/train_story_pairs.py``.

* ECB+ (``stories/ecbplus_dev``): each topic holds two look-alike events (file suffix
  ``ecb`` or ``ecbplus``). Two renderings of one document: ``tokens`` (its tokens joined by
  spaces, as the corpus gives them: the rendering of the published ECB+ figures) and
  ``text`` (tokens detokenised, one sentence per line, a leading URL line moved to
  ``Article.url``), closer to what newsprism reads. ``TUNE_TOPICS`` (1-25) are the only
  topics the pair model is trained or tuned on; 26-35 are reported untouched; topics
  above 35 (kept back by the people who score releases) are reported when present.
* BASIL (``multi_outlet/basil_dev``): 92 events of three articles. ``basil_story_split``
  halves them by the SHA-256 of the event id (``basil.gold_split`` order): the tuning
  half is the gold tuning events and the next 34, the reporting half the 12 held-out gold
  events and the last 34, so no held-out gold event is ever tuned on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from basil import BASIL, gold_split, load_events, ranked_events

from newsprism.model import Article

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT.parent / "shared" / "datasets" / "stories"
ECB = STORIES / "ecbplus_dev"
TUNE_TOPICS = range(1, 26)
UNTOUCHED_TOPICS = range(26, 36)
_TOKEN = re.compile(r'<token[^>]*\bsentence="(\d+)"[^>]*>([^<]*)</token>')


@dataclass(frozen=True)
class Labelled:
    """Articles with their true story labels (one per article)."""

    articles: list[Article]
    labels: list[str]

    def __len__(self) -> int:
        return len(self.articles)


def detokenise(tokens: list[str]) -> str:
    """Undo ECB+ tokenisation: no space before punctuation and clitics ("Reid 's" ->
    "Reid's"), PTB quotes as curly quotes, hyphens, times, dates and initials rejoined."""
    s = " ".join(tokens).replace("``", "\u201c").replace("''", "\u201d")
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m|\u2019s|\u2019t)\b", r"\1", s)
    s = re.sub(r" ([,.;:!?%)\]}\u201d])", r"\1", s)
    s = re.sub(r"([(\[{$\u201c]) ", r"\1", s)
    s = re.sub(r"(?<=\w) - (?=\w)", "-", s)
    s = re.sub(r"(?<=\d) ?([:/]) ?(?=\d)", r"\1", s)
    return re.sub(r"\b([A-Za-z])\. (?=[A-Za-z]\.)", r"\1.", s)


def ecb_topic(path: Path) -> int:
    return int(path.parent.name)


def ecbplus(topics: range | None = None, rendering: str = "tokens") -> Labelled:
    """ECB+ documents of ``topics`` (all when None); label = topic + suffix."""
    arts, labels = [], []
    for f in sorted(ECB.glob("*/*.xml"), key=lambda p: (ecb_topic(p), p.name)):
        if topics is not None and ecb_topic(f) not in topics:
            continue
        sentences: dict[int, list[str]] = {}
        for sid, token in _TOKEN.findall(f.read_text(encoding="utf-8")):
            sentences.setdefault(int(sid), []).append(token)
        lines = [sentences[k] for k in sorted(sentences)]
        url = None
        if rendering == "tokens":
            text = " ".join(t for line in lines for t in line)
        elif rendering == "text":
            if lines and lines[0][0].lower().startswith("http"):
                url, lines = "".join(lines[0]), lines[1:]
            text = "\n".join(detokenise(line) for line in lines)
        else:
            raise ValueError(f"unknown ECB+ rendering {rendering!r}")
        arts.append(Article(id=f.name, source=str(f), text=text, url=url))
        labels.append(f"{ecb_topic(f)}{'ecbplus' if 'ecbplus' in f.name else 'ecb'}")
    return Labelled(arts, labels)


def ecb_topics_present() -> list[int]:
    return sorted({ecb_topic(f) for f in ECB.glob("*/*.xml")})


def basil_story_split(root: Path = BASIL) -> tuple[list[str], list[str]]:
    """(tuning events, reporting events) of BASIL dev, half each (see the module docstring)."""
    events = load_events(root)
    gold_tune, gold_held = gold_split(events)
    ranked = ranked_events(events)
    rest = [e for e in ranked if e not in gold_tune and e not in gold_held]
    half = len(events) // 2 - len(gold_tune)
    return gold_tune + rest[:half], gold_held + rest[half:]


def basil(events: list[str] | None = None, root: Path = BASIL) -> Labelled:
    """BASIL dev articles (of ``events``, all when None), label = event id."""
    loaded = load_events(root)
    arts, labels = [], []
    for event in sorted(loaded if events is None else events):
        for b in loaded[event]:
            arts.append(
                Article(id=Article.make_id(b.text), source=b.url, text=b.text, outlet=b.outlet,
                        title=b.title, published=b.published, url=b.url)
            )  # fmt: skip
            labels.append(event)
    return Labelled(arts, labels)
