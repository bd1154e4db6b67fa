"""Fuzz every entry point of newsprism with mutated real input and count what breaks.

    .venv/bin/python bench/fuzz.py [--inputs 100000] [--seed 1] [--only claims,clean]
                                   [--hang 5] [--out build/fuzz]

Each entry point gets its share of ``--inputs`` (by weight): ingest (files of every kind
read_sources takes: pages, text, Markdown, JSON records, JSON Lines, RSS/Atom, WARC),
fetch (URLs served by a mock transport: hostile statuses, redirects, content types,
encodings, charsets), clean (mutated HTML pages, text, Markdown, bytes), claims, stories,
compare (align + compare of a small story), report (build_report, Markdown, JSON) and the
library API (``compare_claims``, ``check``). The inputs are real paragraphs and pages from
``../shared`` (BASIL dev without its held-out gold events, the seeds, PolNeAR, SummEdits,
MRPC, the extraction pages; the demo corpus on a fresh clone), mutated by
``bench/fuzz_inputs.py``.

Printed per entry point: inputs tried, inputs rejected with one of our errors (expected),
foreign exceptions (anything else, a ``StageError`` included: it wraps a foreign one; goal
0), hangs (an input that took more than ``--hang`` seconds of CPU, or that was cut off by
SIGALRM after 6x that in wall time: a blocked read burns no CPU), the slowest input, and
peak RSS after the entry's phase. Also: claim spans that do not index their article's
text, Markdown reports that render raw HTML or a ``javascript:`` link, and how often
cleaning the clean text again changes it. Each foreign exception or hang is written to
``--out`` (one JSON line with the entry and seed) to be
replayed. The baseline of the ratio column is the same entry's median input time.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import random
import resource
import signal
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzz_inputs as fi  # noqa: E402

from newsprism.align import AlignOptions  # noqa: E402
from newsprism.api import Checker, compare_claims  # noqa: E402
from newsprism.claims import ClaimOptions, extract_claims  # noqa: E402
from newsprism.clean import clean_document  # noqa: E402
from newsprism.config import Settings  # noqa: E402
from newsprism.errors import NewsprismError, StageError  # noqa: E402
from newsprism.ingest import IngestOptions, read_sources  # noqa: E402
from newsprism.interfaces.output import render_markdown, write_json  # noqa: E402
from newsprism.model import Analysis, Article, Document, Story  # noqa: E402
from newsprism.pipeline import analyse_story  # noqa: E402
from newsprism.report import build_report  # noqa: E402
from newsprism.report.example import example_analysis  # noqa: E402
from newsprism.resources import Resources  # noqa: E402
from newsprism.stories import group_stories  # noqa: E402

WEIGHTS = {  # shares of --inputs: the slow model-bound entry points get fewer
    "ingest": 25.0, "fetch": 10.0, "clean": 30.0, "claims": 18.0, "stories": 5.0,
    "compare": 1.5, "report": 9.0, "api": 1.5,
}  # fmt: skip
MEDIA = ("text/html", "text/plain", "text/markdown")


class Hang(Exception):
    """Raised by SIGALRM when one input runs far past the hang limit."""


@dataclass
class Tally:
    inputs: int = 0
    ours: int = 0  # rejected with one of our errors: expected
    foreign: int = 0
    hangs: int = 0
    times: list[float] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)  # foreign exception type -> count
    rss_mb: float = 0.0
    extra: dict[str, int] = field(default_factory=dict)  # span errors, unsafe Markdown, ...


@dataclass
class Context:
    corpus: fi.Corpus
    resources: Resources
    tmp: Path
    findings: list[dict[str, Any]] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)

    def note(self, key: str, n: int = 1) -> None:
        self.tally.extra[key] = self.tally.extra.get(key, 0) + n


# -- entry points: each builds one input from ``rng`` and runs it ------------------------


def _feed(rng: random.Random, corpus: fi.Corpus) -> str:
    items = []
    for k in range(rng.randint(1, 3)):
        body = "".join(f"<p>{p}</p>" for p in fi.paragraphs(rng, corpus, 1, 3))
        link = rng.choice((f"https://harbour.example/a{k}", fi.hostile_piece(rng), ""))
        items.append(
            f"<item><title>{fi.mutate_text(rng, rng.choice(corpus.sentences))}</title>"
            f"<link>{link}</link><pubDate>Mon, 0{k + 1} Jun 2024 10:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    head = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title>'
    )
    feed = f"{head}{''.join(items)}</channel></rss>"
    if rng.random() < 0.3:
        feed = feed.replace("<rss", "<feed xmlns='http://www.w3.org/2005/Atom'><entry", 1)
    return fi.mutate_markup(rng, feed)


def _record(rng: random.Random, corpus: fi.Corpus) -> str:
    record: dict[str, Any] = {
        "title": rng.choice(corpus.sentences),
        "text": fi.article_text(rng, corpus),
        "url": rng.choice(("https://news.example/a", fi.hostile_piece(rng))),
        "published": rng.choice(("2024-06-01", "Mon, 03 Jun 2024", fi.hostile_piece(rng))),
        "outlet": fi.mutate_text(rng, "Harbour Daily"),
    }
    if rng.random() < 0.3:
        record["html"] = fi.mutate_markup(rng, rng.choice(corpus.pages))
    if rng.random() < 0.1:
        record[rng.choice(list(record))] = rng.choice((1, None, [], {"a": 1}, True))
    text = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    return text.replace("Harbour", "\\ud800", 1) if rng.random() < 0.3 else text


def _warc(rng: random.Random, corpus: fi.Corpus) -> bytes:
    out = b""
    for k in range(rng.randint(1, 3)):
        page = rng.choice(corpus.pages).encode("utf-8")[:20000]
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://w.example/{k}\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n"
        ).encode()
        out += head + http + b"\r\n\r\n"
    return fi.mutate_bytes(rng, out) if rng.random() < 0.7 else out


def ingest(rng: random.Random, ctx: Context) -> None:
    corpus = ctx.corpus
    kind = rng.choice(
        (".html", ".txt", ".md", ".json", ".jsonl", ".rss", ".atom", ".xml", ".warc", ".warc.gz")
    )
    if kind == ".html":
        data = fi.mutate_markup(rng, rng.choice(corpus.pages)).encode("utf-8", "surrogatepass")
    elif kind in (".txt", ".md"):
        data = fi.article_text(rng, corpus).encode("utf-8", "surrogatepass")
    elif kind == ".json":
        data = (
            "[" + ",".join(_record(rng, corpus) for _ in range(rng.randint(1, 3))) + "]"
        ).encode("utf-8", "surrogatepass")
    elif kind == ".jsonl":
        lines = [_record(rng, corpus) for _ in range(rng.randint(1, 4))]
        data = "\n".join(fi.mutate_text(rng, x) if rng.random() < 0.2 else x for x in lines).encode(
            "utf-8", "surrogatepass"
        )
    elif kind in (".rss", ".atom", ".xml"):
        data = _feed(rng, corpus).encode("utf-8", "surrogatepass")
    else:
        data = _warc(rng, corpus)
        if kind == ".warc.gz" and rng.random() < 0.8:
            import gzip

            data = gzip.compress(data)
    if rng.random() < 0.2:
        data = fi.mutate_bytes(rng, data)
    name = rng.choice(("a", "b c", "line\nbreak", "\u202eevil", "caf\udce9", "-x")) + kind
    path = ctx.tmp / name
    path.write_bytes(data)
    try:
        docs, _ = read_sources([str(path)], options=IngestOptions(transport=_mock(rng, ctx)))
        for doc in docs:
            clean_document(doc)
    finally:
        path.unlink()


def _mock(rng: random.Random, ctx: Context) -> httpx.MockTransport:
    """A transport whose every answer is drawn from ``rng``: statuses, redirects to hostile
    URLs, content types and encodings, charsets, bodies (gzip of a page, corrupt gzip)."""
    import gzip
    import zlib

    def handle(request: httpx.Request) -> httpx.Response:
        status = rng.choice((200, 200, 200, 301, 302, 303, 307, 404, 500))
        page = fi.mutate_markup(rng, rng.choice(ctx.corpus.pages)).encode("utf-8", "surrogatepass")
        headers = {
            "content-type": rng.choice(
                (
                    "text/html",
                    "text/html; charset="
                    + rng.choice(("utf-8", "iso-8859-1", "utf-7", "x-bogus", "")),
                    "text/plain",
                    "application/rss+xml",
                    "image/png",
                    "",
                    fi.hostile_piece(rng),
                )
            )
        }
        if status in (301, 302, 303, 307):
            headers["location"] = rng.choice(
                (
                    "/next",
                    "http://[link]",
                    "s://[x",
                    "//",
                    "",
                    "https://other.example/p",
                    fi.hostile_piece(rng),
                )
            )
        encoding = rng.choice(
            ("", "", "gzip", "deflate", "br", "gzip, gzip", fi.hostile_piece(rng))
        )
        if encoding in ("gzip", "gzip, gzip"):
            page = gzip.compress(page)
        elif encoding == "deflate":
            page = zlib.compress(page)
        if encoding and rng.random() < 0.3:
            page = fi.mutate_bytes(rng, page)
        if encoding:
            headers["content-encoding"] = encoding
        try:
            return httpx.Response(status, headers=headers, content=page)
        except (httpx.DecodingError, ValueError, UnicodeError) as exc:  # httpx's own refusal
            return httpx.Response(502, text=type(exc).__name__)

    return httpx.MockTransport(handle)


def fetch(rng: random.Random, ctx: Context) -> None:
    url = rng.choice(("https://news.example/story", "http://news.example/a?b=c#d"))
    if rng.random() < 0.5:
        url = fi.mutate_text(rng, url)
    options = IngestOptions(transport=_mock(rng, ctx), resolver=lambda host: ["93.184.215.14"])
    docs, _ = read_sources([url], options=options)
    for doc in docs:
        clean_document(doc)


def clean(rng: random.Random, ctx: Context) -> None:
    media = rng.choice(MEDIA)
    if media == "text/html":
        text = fi.mutate_markup(rng, rng.choice(ctx.corpus.pages))
    elif media == "text/markdown":
        text = fi.mutate_text(rng, fi.markdown_text(rng, ctx.corpus))
    else:
        text = fi.article_text(rng, ctx.corpus, mutate=0.7)
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2:
        data = fi.mutate_bytes(rng, data)
    article = clean_document(Document("fuzz", data, media))
    again = clean_document(Document("again", article.text.encode("utf-8"), "text/plain"))
    ctx.note(f"cleaned twice: {media}")
    if again.text != article.text:
        ctx.note(f"cleaned twice, text changed: {media}")


def _article(rng: random.Random, ctx: Context, text: str | None = None) -> Article:
    """A real article of mutated paragraphs, cleaned the way the pipeline cleans it."""
    body = text if text is not None else fi.article_text(rng, ctx.corpus)
    title = fi.mutate_text(rng, rng.choice(ctx.corpus.sentences)) if rng.random() < 0.8 else None
    date = rng.choice(("2024-06-01", "2024-06-03", "2019-01-01", None, "2024-13-45"))
    page = "\n".join(x for x in (title, date) if x) + "\n\n" + body
    article = clean_document(Document("fuzz", page.encode("utf-8", "surrogatepass"), "text/plain"))
    return dataclasses.replace(article, published=date or None)  # the title as cleaned


def _check_spans(ctx: Context, articles: list[Article], claims: list) -> None:
    texts = {a.id: a.text for a in articles}
    for c in claims:
        if texts[c.article][c.start : c.end] != c.text and not c.parts:
            ctx.note("claim span does not index its text")


def claims(rng: random.Random, ctx: Context) -> None:
    article = _article(rng, ctx)
    found = extract_claims([article], ctx.resources, ClaimOptions())
    _check_spans(ctx, [article], found)


def stories(rng: random.Random, ctx: Context) -> None:
    articles = {}
    for _ in range(rng.randint(2, 6)):
        a = _article(rng, ctx)
        articles[a.id] = a
    found = group_stories(list(articles.values()), ctx.resources.embedder)
    if sorted(i for s in found for i in s.articles) != sorted(articles):
        ctx.note("stories are not a partition")


def compare(rng: random.Random, ctx: Context) -> None:
    shared = fi.paragraphs(rng, ctx.corpus, 2, 4)  # every outlet reports the same event
    members = {}
    for _ in range(rng.randint(2, 4)):
        text = "\n".join(fi.mutate_text(rng, p) if rng.random() < 0.5 else p for p in shared)
        a = _article(rng, ctx, text)
        members[a.id] = a
    arts = list(members.values())
    found = extract_claims(arts, ctx.resources, ClaimOptions())
    by_article: dict[str, list] = {a.id: [] for a in arts}
    for c in found:
        by_article[c.article].append(c)
    story = Story(id=Story.make_id(tuple(members)), headline="x", articles=tuple(members))
    sa = analyse_story(story, members, by_article, Settings(align=AlignOptions()), ctx.resources)
    _render(ctx, Analysis(stories=(sa,)))


def _render(ctx: Context, analysis: Analysis) -> None:
    from markdown_it import MarkdownIt

    report = build_report(analysis)
    write_json(report, io.StringIO())
    html = MarkdownIt("commonmark", {"html": True}).render(render_markdown(report))
    if "<script" in html or "<img" in html or 'href="javascript' in html:
        ctx.note("Markdown renders raw HTML or a javascript: link")


def report(rng: random.Random, ctx: Context) -> None:
    analysis = example_analysis()
    sa = analysis.stories[0]
    hostile = [
        dataclasses.replace(
            a,
            title=fi.mutate_text(rng, a.title or ""),
            outlet=fi.mutate_text(rng, a.outlet or ""),
            source=fi.mutate_text(rng, a.source),
            url=fi.mutate_text(rng, a.url or ""),
        )
        for a in sa.articles
    ]
    story = dataclasses.replace(sa.story, headline=fi.mutate_text(rng, sa.story.headline))
    _render(ctx, Analysis(stories=(dataclasses.replace(sa, story=story, articles=tuple(hostile)),)))


def api(rng: random.Random, ctx: Context) -> None:
    a, b = rng.choice(ctx.corpus.sentences), rng.choice(ctx.corpus.sentences)
    compare_claims(fi.mutate_text(rng, a), fi.mutate_text(rng, b), resources=ctx.resources)
    checker = Checker(ctx.resources)
    checker.check(fi.mutate_text(rng, a), [fi.article_text(rng, ctx.corpus)])


ENTRIES: dict[str, Callable[[random.Random, Context], None]] = {
    "ingest": ingest,
    "fetch": fetch,
    "clean": clean,
    "claims": claims,
    "stories": stories,
    "compare": compare,
    "report": report,
    "api": api,
}


# -- the runner --------------------------------------------------------------------------


def _alarm(signum: int, frame: object) -> None:
    raise Hang("input ran past the cut-off")


def run_one(name: str, seed: int, ctx: Context, hang: float) -> str:
    """Run entry ``name`` on the input of ``seed``: "ok", "ours", "foreign" or "hang"."""
    rng = random.Random(seed)
    started, cpu = time.perf_counter(), time.process_time()
    outcome, detail = "ok", ""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, 6 * hang)
    try:
        ENTRIES[name](rng, ctx)
    except Hang:
        outcome = "hang"
    except StageError as exc:  # a foreign exception, wrapped
        outcome, detail = "foreign", f"{exc}"
    except NewsprismError:
        outcome = "ours"
    except Exception as exc:  # noqa: BLE001 - exactly what is being counted
        outcome = "foreign"
        detail = "".join(traceback.format_exception(exc)[-6:])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    took = time.perf_counter() - started
    cpu = time.process_time() - cpu
    tally = ctx.tally
    tally.inputs += 1
    tally.times.append(took)
    if outcome == "ours":
        tally.ours += 1
    if cpu > hang or outcome == "hang":  # CPU time: a busy shared machine is not a hang
        tally.hangs += 1
        ctx.findings.append(
            {"entry": name, "seed": seed, "kind": "hang", "seconds": round(took, 1), "cpu": cpu}
        )
    if outcome == "foreign":
        tally.foreign += 1
        kind = detail.strip().splitlines()[-1].split(":")[0] if detail.strip() else "?"
        tally.kinds[kind] = tally.kinds.get(kind, 0) + 1
        ctx.findings.append({"entry": name, "seed": seed, "kind": "foreign", "detail": detail})
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated entry points")
    parser.add_argument("--hang", type=float, default=5.0, help="seconds that count as a hang")
    parser.add_argument("--out", type=Path, default=Path("build/fuzz"))
    parser.add_argument("--corpus-limit", type=int, default=5000)
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(ENTRIES)
    t0 = time.perf_counter()
    corpus = fi.load_corpus(args.corpus_limit)
    print(
        f"corpus: {len(corpus.paragraphs)} paragraphs, {len(corpus.sentences)} sentences, "
        f"{len(corpus.pages)} pages ({', '.join(f'{k} {v}' for k, v in corpus.sources.items())})"
    )
    resources = Resources()
    resources.nlp, resources.embedder  # noqa: B018 - loaded before the clock of any entry
    total_weight = sum(WEIGHTS[n] for n in names)
    tallies: dict[str, Tally] = {}
    findings: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            ctx = Context(corpus, resources, Path(tmp))
            quota = max(1, round(args.inputs * WEIGHTS[name] / total_weight))
            base = args.seed * 10_000_000 + list(ENTRIES).index(name) * 1_000_000
            for k in range(quota):
                run_one(name, base + k, ctx, args.hang)
                if (k + 1) % 1000 == 0:  # progress on stderr, the table stays on stdout
                    print(f"{name}: {k + 1} of {quota}", file=sys.stderr, flush=True)
            ctx.tally.rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            tallies[name] = ctx.tally
            findings.extend(ctx.findings)
            print_row(name, ctx.tally)
    print_summary(tallies, time.perf_counter() - t0)
    if findings:
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"findings-seed{args.seed}.jsonl"
        path.write_text("".join(json.dumps(f) + "\n" for f in findings), encoding="utf-8")
        print(f"findings (replay with --only ENTRY and the seed): {path}")
    return 1 if any(t.foreign or t.hangs for t in tallies.values()) else 0


HEADER = (
    f"{'entry':<9} {'inputs':>7} {'ours':>6} {'foreign':>7} {'hangs':>5} {'median s':>9} "
    f"{'slowest s':>9} {'x median':>8} {'RSS MB':>7}"
)


def print_row(name: str, t: Tally) -> None:
    if name == next(iter(WEIGHTS)) or not getattr(print_row, "done", False):
        print(HEADER)
        print_row.done = True  # type: ignore[attr-defined]
    median = statistics.median(t.times) if t.times else 0.0
    slowest = max(t.times, default=0.0)
    ratio = slowest / median if median else 0.0
    print(
        f"{name:<9} {t.inputs:>7} {t.ours:>6} {t.foreign:>7} {t.hangs:>5} {median:>9.4f} "
        f"{slowest:>9.2f} {ratio:>8.0f} {t.rss_mb:>7.0f}",
        flush=True,
    )
    for kind, n in sorted(t.kinds.items()):
        print(f"          foreign {kind}: {n}")
    for key, n in sorted(t.extra.items()):
        print(f"          {key}: {n}")


def print_summary(tallies: dict[str, Tally], seconds: float) -> None:
    inputs = sum(t.inputs for t in tallies.values())
    foreign = sum(t.foreign for t in tallies.values())
    hangs = sum(t.hangs for t in tallies.values())
    peak = max((t.rss_mb for t in tallies.values()), default=0.0)
    print(
        f"total: {inputs} inputs, {foreign} foreign exceptions, {hangs} hangs, "
        f"peak RSS {peak:.0f} MB, {seconds:.0f} s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
