"""Inputs for the fuzz harness (``bench/fuzz.py``, ``tests/test_pipeline_fuzz.py``): real
text and pages from ``../shared`` (or the demo corpus on a fresh clone), and mutators that
turn them into hostile input the way a broken scraper, a hostile page or a fuzzer would.

Every mutator takes a ``random.Random`` and returns a new value, so a run is reproduced
from its seed.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"

# pieces a hostile or broken input is made of: bad character references, surrogates,
# controls, bidi overrides, broken URLs, markup that opens and never closes, a CDATA end
HOSTILE = [
    "&#x110000;",
    "&#xD800;",
    "&#55296;",
    "&#0;",
    "&#x99999999999;",
    "&#",
    "&amp",
    "&nbsp",
    "\x00",
    "\x1b[31m",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\ufeff",
    "\u202e",
    "\u2028",
    "\u200b",
    "\ud800",
    "\udfff",
    "\U0001f4f0",
    "e\u0301",
    "\ufffd",
    "\x85",
    "\u00a0",
    "s://[x",
    "http://[link]",
    "http://a:port/x",
    "https://\u202eevil.example/",
    "javascript:alert(1)",
    "//",
    "www.",
    "@",
    "%00",
    "%ZZ",
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml",
    "<!DOCTYPE",
    '"',
    "'",
    "`",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[x](javascript:alert(3))",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<table><tr><td>",
    "<li>",
    "<nav>",
    "<footer>",
    "<title>",
    "</title>",
    "<item>",
    "</item>",
    "<link>",
    "</link>",
    "<entry>",
    "</entry>",
    '<meta property="og:url" content="s://[x">',
    '<link rel="canonical" href="http://[link]">',
    '<meta charset="utf-7">',
    '<meta charset="x-unknown-999">',
    "<html>",
    "</html>",
    "# ",
    "## ",
    "- ",
    "* ",
    "> ",
    "1. ",
    "|",
    "```",
    "---",
    "***",
    "By ",
    "Updated ",
    "2024-13-45",
    "31/02/2025",
    "Jan. 32, 2024",
    "Source: ",
    "(AP)",
    "—",
    "said",
    "according to",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "%",
    "$",
    "€",
    "£",
    "1,000,000,000,000",
    "0.0000001",
    "1e309",
    "-0",
    "½",
    "¾",
    "٣",
    "一",
    "ǅ",
]
WORDS = "the ferry crews said on Sunday that 14 people were hurt near Havstad police".split()


@dataclass
class Corpus:
    """Real material to mutate: paragraphs, sentences and HTML pages."""

    paragraphs: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)  # name -> items taken


def _paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r", "").split("\n") if len(p.split()) >= 4]


def _add(corpus: Corpus, name: str, paragraphs: list[str]) -> None:
    corpus.paragraphs.extend(paragraphs)
    corpus.sources[name] = corpus.sources.get(name, 0) + len(paragraphs)


def _basil(corpus: Corpus, limit: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from basil import BASIL, gold_split, load_events
    finally:
        sys.path.remove(str(ROOT / "bench"))
    if not BASIL.is_dir():
        return
    events = load_events()
    held_out = set(gold_split(events)[1])  # never read: the gold split's held-out half
    paras: list[str] = []
    for event in sorted(events):
        if event not in held_out:
            for article in events[event]:
                paras.extend(_paragraphs_of(article.text))
    _add(corpus, "basil_dev", paras[:limit])


def _files(corpus: Corpus, name: str, paths: list[Path], limit: int) -> None:
    paras: list[str] = []
    for path in paths:
        if len(paras) >= limit:
            break
        paras.extend(_paragraphs_of(path.read_text(encoding="utf-8", errors="replace")))
    _add(corpus, name, paras[:limit])


def _summedits(corpus: Corpus, limit: int) -> None:
    path = DATASETS / "consistency" / "summedits" / "summedits_news.json"
    if not path.is_file():
        return
    items = json.loads(path.read_text(encoding="utf-8"))
    docs = sorted({item["doc"] for item in items})
    paras = [p for d in docs for p in _paragraphs_of(d)]
    _add(corpus, "summedits", paras[:limit])
    corpus.sentences.extend(str(item.get("summary", "")) for item in items[:limit])


def _mrpc(corpus: Corpus, limit: int) -> None:
    path = DATASETS / "alignment" / "mrpc" / "msr_paraphrase_train.txt"
    if not path.is_file():
        return
    lines = path.read_text(encoding="utf-8-sig").splitlines()[1 : limit + 1]
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 5:
            corpus.sentences.extend(parts[3:5])
    corpus.sources["mrpc"] = 2 * len(lines)


def _pages(corpus: Corpus, limit: int) -> None:
    folders = [
        DATASETS / "extraction" / "scrapinghub_aeb" / "html",
        DATASETS / "extraction" / "trafilatura_eval" / "html",
    ]
    for folder in folders:
        if not folder.is_dir():
            continue
        taken = 0
        for path in sorted(folder.glob("*.html.gz"))[: limit // len(folders)]:
            corpus.pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
            taken += 1
        corpus.sources[folder.parent.name] = taken


def load_corpus(limit: int = 5000) -> Corpus:
    """Up to ``limit`` paragraphs from each real source found (BASIL dev without its held-out
    gold events, the seeds, PolNeAR, SummEdits), MRPC sentences, real HTML pages, and
    always the demo corpus (so a fresh clone can fuzz too)."""
    corpus = Corpus()
    demo = sorted((ROOT / "fixtures" / "demo" / "articles").iterdir())
    _files(corpus, "demo", demo, limit)
    for path in demo:
        if path.suffix == ".html":
            corpus.pages.append(path.read_text(encoding="utf-8"))
    _basil(corpus, limit)
    _files(corpus, "seeds", sorted(SHARED.glob("seeds/*.txt")), limit)
    polnear = sorted((DATASETS / "attribution" / "polnear").glob("*/text/*.txt"))
    _files(corpus, "polnear", polnear, limit)
    _summedits(corpus, limit)
    _mrpc(corpus, limit)
    _pages(corpus, max(20, limit // 10))
    for p in corpus.paragraphs:
        corpus.sentences.extend(s.strip() + "." for s in p.split(". ") if len(s.split()) >= 4)
    return corpus


# -- mutators ----------------------------------------------------------------------------


def hostile_piece(rng: random.Random) -> str:
    piece = rng.choice(HOSTILE)
    if rng.random() < 0.1:
        piece *= rng.choice((2, 10, 200))
    return piece


def mutate_text(rng: random.Random, text: str, rounds: int = 0) -> str:
    """``text`` after 1-4 random edits: insert a hostile piece or random characters, delete,
    duplicate or move a slice, cut it short, change case, glue words, repeat it."""
    for _ in range(rounds or rng.randint(1, 4)):
        n = len(text)
        i, j = sorted((rng.randint(0, n), rng.randint(0, n)))
        op = rng.randrange(10)
        if op <= 2:
            text = text[:i] + hostile_piece(rng) + text[i:]
        elif op == 3:
            chars = "".join(
                chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0, 0x10FFFF))))
                for _ in range(rng.randint(1, 8))
            )
            text = text[:i] + chars + text[i:]
        elif op == 4:
            text = text[:i] + text[j:]
        elif op == 5:
            text = text[:j] + text[i:j] + text[j:]
        elif op == 6:
            text = text[:i] if rng.random() < 0.5 else text[i:]
        elif op == 7:
            text = text.upper() if rng.random() < 0.5 else text.replace(" ", "", rng.randint(1, 9))
        elif op == 8:
            text = text[i:j] + text[:i] + text[j:]
        else:
            text = "\n".join([text] * rng.randint(2, 4))
    return text


def mutate_markup(rng: random.Random, page: str) -> str:
    """``page`` with its markup broken: tags dropped, duplicated, left open or nested
    deep, hostile tags and references inserted, then ordinary text edits."""
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        lt = [k for k in range(len(page)) if page.startswith("<", k)][:5000]
        at = rng.choice(lt) if lt else rng.randint(0, len(page))
        end = page.find(">", at) + 1 or len(page)
        if op == 0:
            page = page[:at] + page[end:]  # a tag dropped
        elif op == 1:
            page = page[:at] + page[at:end] * rng.randint(2, 50) + page[at:]  # repeated
        elif op == 2:
            tag = rng.choice(("div", "p", "b", "article", "item", "span", "table"))
            depth = rng.choice((3, 100, 2000))
            page = page[:at] + f"<{tag}>" * depth + page[at:]  # opened deep, never closed
        else:
            page = page[:at] + hostile_piece(rng) + page[at:]
    return mutate_text(rng, page) if rng.random() < 0.5 else page


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """``data`` re-encoded or damaged at the byte level: UTF-16 with or without a BOM,
    cp1252, invalid UTF-8, flipped bytes, a cut in the middle of a character."""
    op = rng.randrange(6)
    if op == 0:
        text = data.decode("utf-8", "replace")
        return text.encode(
            rng.choice(("utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1")), "replace"
        )
    if op == 1:
        i = rng.randint(0, len(data))
        junk = bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(1, 6)))
        return data[:i] + junk + data[i:]
    if op == 2:
        out = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            if out:
                out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if op == 3:
        return data[: rng.randint(0, len(data))]
    if op == 4:
        return rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x1f\x8b", b"%PDF-")) + data
    return data


def paragraphs(rng: random.Random, corpus: Corpus, low: int = 1, high: int = 6) -> list[str]:
    return [rng.choice(corpus.paragraphs) for _ in range(rng.randint(low, high))]


def article_text(rng: random.Random, corpus: Corpus, mutate: float = 0.5) -> str:
    """A few real paragraphs, some of them mutated, one per line."""
    paras = paragraphs(rng, corpus)
    return "\n".join(mutate_text(rng, p) if rng.random() < mutate else p for p in paras)


def markdown_text(rng: random.Random, corpus: Corpus) -> str:
    """Real paragraphs dressed as Markdown: headings, lists, links, quotes, emphasis."""
    out: list[str] = []
    for p in paragraphs(rng, corpus, 2, 7):
        kind = rng.randrange(7)
        if kind == 0:
            out.append("# " + " ".join(p.split()[:8]))
        elif kind == 1:
            out.extend("- " + s for s in p.split(". ")[:3])
        elif kind == 2:
            out.append(p.replace(" the ", " [the](https://news.example/a) ", 1))
        elif kind == 3:
            out.append("> " + p)
        elif kind == 4:
            out.append("**" + p[:40] + "** " + p[40:])
        else:
            out.append(p)
    return "\n\n".join(out)
