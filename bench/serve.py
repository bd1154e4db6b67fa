"""Latency and throughput of `newsprism serve` for a 50-article story, on loopback.

    .venv/bin/python bench/serve.py [--seconds 30] [--requests 200] [--clients 2]
                                    [--articles 50] [--stories 0]

The store holds the demo corpus and one generated story of ``--articles`` articles (one
event, each outlet wording it its own way, about one in eight a wire copy; the generator
of bench/scale.py), both analysed by the real pipeline before anything is timed. With
``--stories N`` it also holds N more stories (copies of the demo stories under new ids,
dates spread over 900 days), to time the story list and the search at that size.

The server is a real ``newsprism serve`` process (waitress, 4 threads, one process); the
clients are other processes with keep-alive connections that accept gzip, as browsers do
(the API throughput is also measured without).  Latency: ``--requests``
sequential requests per path after one warm-up (the first request, which builds the
story from the store, is reported apart). Throughput: ``--clients`` processes request
the path in a loop for ``--seconds``. The baseline, measured in the same run against the
same server, is the smallest response it sends (``/static/app.js``): the ratio says what
the story costs above the HTTP round trip itself.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import scale  # noqa: E402

from newsprism.config import Settings  # noqa: E402
from newsprism.model import Analysis, Article, Story, StoryAnalysis, content_hash  # noqa: E402
from newsprism.pipeline import STAGES, algorithms, analyze, run_stages  # noqa: E402
from newsprism.resources import Resources  # noqa: E402
from newsprism.storage import SQLiteStore  # noqa: E402

DEMO = ROOT / "fixtures" / "demo" / "articles"


def big_story(n: int, seed: int = 5) -> list[Article]:
    """``n`` articles about one generated event, from ``n`` outlets."""
    rng = random.Random(seed)
    event = scale._event(rng, date(2025, 1, 1))  # noqa: SLF001
    outlets = [f"{scale._name(rng, 2)} {rng.choice(['Times', 'Post', 'News', 'Radio'])}"  # noqa: SLF001
               for _ in range(n)]  # fmt: skip
    written: list[Article] = []
    for k, outlet in enumerate(outlets):
        if written and rng.random() < 0.125:
            written.append(scale._wire_copy(rng, rng.choice(written), outlet))  # noqa: SLF001
        else:
            written.append(scale._article(rng, event, outlet, rng.randint(0, 2) if k else 0))  # noqa: SLF001
    return written


def analyse_one_story(articles: list[Article], resources: Resources) -> Analysis:
    """The claim stages on ``articles`` as one story (as ``analyze --story`` does)."""
    story = Story(id=Story.make_id([a.id for a in articles]), headline=articles[0].title or "",
                  articles=tuple(a.id for a in articles))  # fmt: skip
    context = {"articles": articles, "stories": [story], "rejections": []}
    stages = [s for s in STAGES if s.name in ("claims", "compare")]
    context, _ = run_stages(stages, context, Settings(), resources)
    return Analysis(stories=tuple(context["story_analyses"]), algorithms=algorithms())


def renamed(sa: StoryAnalysis, k: int) -> StoryAnalysis:
    """``sa`` under new article, claim and story ids, its dates moved by ``k % 900`` days."""
    ids = {a.id: "a" + content_hash(f"{a.id}:{k}") for a in sa.articles}

    def claim_id(cid: str) -> str:
        head, _, rest = cid.partition(":")
        return f"{ids.get(head, head)}:{rest}"

    def day(value: str | None) -> str | None:
        return (date.fromisoformat(value) + timedelta(days=k % 900)).isoformat() if value else None

    r = dataclasses.replace
    return r(
        sa,
        story=r(sa.story, id="s" + content_hash(f"{sa.story.id}:{k}", 10),
                articles=tuple(ids[a] for a in sa.story.articles)),
        articles=tuple(r(a, id=ids[a.id], published=day(a.published)) for a in sa.articles),
        claims=tuple(r(c, id=claim_id(c.id), article=ids[c.article]) for c in sa.claims),
        groups=tuple(r(g, claims=tuple(map(claim_id, g.claims)),
                       articles=tuple(ids[a] for a in g.articles),
                       sources=tuple(ids.get(s, s) for s in g.sources),
                       origin=ids.get(g.origin or "", g.origin)) for g in sa.groups),
        discrepancies=tuple(r(d, claims=tuple(map(claim_id, d.claims)))
                            for d in sa.discrepancies),
        derivations=tuple(r(d, article=ids[d.article], derived_from=d.derived_from
                            if d.external else ids[d.derived_from]) for d in sa.derivations),
    )  # fmt: skip


def start_server(db: Path) -> tuple[subprocess.Popen[str], str, int]:
    env = {**os.environ, "NEWSPRISM_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism.interfaces.cli", "serve", "--db", str(db),
         "--port", "0"], stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    assert proc.stderr is not None
    line = proc.stderr.readline()
    hostport = line.split("http://")[1].split("/")[0]
    host, port = hostport.rsplit(":", 1)
    return proc, host, int(port)


GZIP = {"Accept-Encoding": "gzip"}  # as browsers, curl --compressed and requests send


def get(conn: http.client.HTTPConnection, path: str, gzip: bool = True) -> int:
    conn.request("GET", path, headers=GZIP if gzip else {})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return len(body)


def latency(host: str, port: int, path: str, n: int) -> dict[str, float]:
    conn = http.client.HTTPConnection(host, port, timeout=120)
    started = time.perf_counter()
    size = get(conn, path)
    first = time.perf_counter() - started
    times = []
    for _ in range(n):
        started = time.perf_counter()
        get(conn, path)
        times.append(time.perf_counter() - started)
    conn.close()
    times.sort()
    return {"first_ms": first * 1000, "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000, "kb": size / 1024}  # fmt: skip


def hammer(host: str, port: int, path: str, seconds: float, gzip: bool) -> tuple[int, int]:
    """Requests completed and bytes read by one keep-alive client in ``seconds``."""
    conn = http.client.HTTPConnection(host, port, timeout=120)
    done = read = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        read += get(conn, path, gzip)
        done += 1
    conn.close()
    return done, read


def throughput(
    host: str, port: int, path: str, clients: int, seconds: float, gzip: bool = True
) -> dict[str, float]:
    with ProcessPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(hammer, [host] * clients, [port] * clients, [path] * clients,
                                [seconds] * clients, [gzip] * clients))  # fmt: skip
    done = sum(r[0] for r in results)
    return {"rps": done / seconds, "mb_s": sum(r[1] for r in results) / seconds / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--stories", type=int, default=0)
    args = parser.parse_args()

    resources = Resources()
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-serve-") as tmp:
        db = Path(tmp) / "serve.db"
        started = time.perf_counter()
        demo = analyze([str(DEMO)], resources=resources).analysis
        big = analyse_one_story(big_story(args.articles), resources)
        (sa,) = big.stories
        with SQLiteStore(db) as store:
            store.save_analysis(demo)
            store.save_analysis(big)
            for start in range(0, args.stories, 500):
                batch = [renamed(demo.stories[k % len(demo.stories)], k)
                         for k in range(start, min(args.stories, start + 500))]  # fmt: skip
                store.save_analysis(Analysis(stories=tuple(batch), algorithms=demo.algorithms))
            total = store.story_summaries(limit=1)[0]
        print(
            f"store: {total} stories; the big one has {len(sa.articles)} articles, "
            f"{len(sa.claims)} claims, {len(sa.groups)} groups, {len(sa.discrepancies)} "
            f"discrepancies (built in {time.perf_counter() - started:.0f} s)"
        )
        proc, host, port = start_server(db)
        try:
            paths = {
                "baseline /static/app.js": "/static/app.js",
                "/api/stories/{id}": f"/api/stories/{sa.story.id}",
                "/stories/{id}": f"/stories/{sa.story.id}",
                "/ (25 stories)": "/",
                "/api/stories?q=ferry+aground": "/api/stories?q=ferry+aground",
            }
            rows = {name: latency(host, port, path, args.requests) for name, path in paths.items()}
            base = rows["baseline /static/app.js"]["median_ms"]
            print(f"\nlatency, {args.requests} sequential requests after the first "
                  "(one keep-alive connection, Accept-Encoding: gzip; KB on the wire)")  # fmt: skip
            print(f"{'path':<32} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'KB':>8} "
                  f"{'x baseline':>10}")  # fmt: skip
            for name, r in rows.items():
                print(
                    f"{name:<32} {r['first_ms']:>9.1f} {r['median_ms']:>10.2f} "
                    f"{r['p95_ms']:>8.2f} {r['kb']:>8.1f} {r['median_ms'] / base:>10.1f}"
                )
            print(f"\nthroughput, {args.clients} client processes for {args.seconds:.0f} s each")
            runs = [("baseline /static/app.js", True), ("/api/stories/{id}", True),
                    ("/api/stories/{id}", False), ("/stories/{id}", True)]  # fmt: skip
            for name, gz in runs:
                t = throughput(host, port, paths[name], args.clients, args.seconds, gz)
                label = name + ("" if gz or "static" in name else " (no gzip)")
                print(f"{label:<32} {t['rps']:>9.1f} requests/s {t['mb_s']:>8.1f} MB/s on the wire")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            if proc.stderr is not None:
                proc.stderr.close()


if __name__ == "__main__":
    main()
