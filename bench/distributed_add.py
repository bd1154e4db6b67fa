"""Distributed ``add`` (Dask LocalCluster) against the single-process ``add``, same run.

    .venv/bin/python bench/distributed_add.py [--n 2000] [--workers 1,2] [--analyze]

Generates ``--n`` articles (as ``bench/scale.py`` does), writes them as JSON Lines files of
20, then times, each into a new SQLite file: the single-process ``add`` (ingest, clean,
features, lead embeddings, placement; ``read_articles`` + ``corpus.add``), and
``batch.add`` on a LocalCluster of 1 and 2 worker processes (one thread each, one input
file per task). Model loading is not timed: the single-process run embeds a warm-up text
first, and each cluster runs one warm-up task on every worker. With ``--analyze`` the
claims stages run too (claims on the workers, one comparison task per story).

Prints articles/s for each, the ratio of 2 workers to 1 (target >= 1.7x on 2 cores), the
ratio to the single-process run, peak RSS of the client and of each worker, and whether
the stories are the same as the single-process run's.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# bench/ stays off the path: worker processes inherit it and import from it by name
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
sys.path.insert(0, str(ROOT.parent))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write(folder: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT))  # for scale.py and its scoring import, then off again
    try:
        from scale import generate
    finally:
        sys.path.remove(str(ROOT))
    articles, _ = generate(n, seed=21)
    for start in range(0, n, 20):
        with (folder / f"part{start:05d}.jsonl").open("w", encoding="utf-8") as fp:
            for a in articles[start : start + 20]:
                fp.write(json.dumps({"title": a.title, "text": a.text, "outlet": a.outlet,
                                     "published": a.published}) + "\n")  # fmt: skip


def _warm(_: int) -> int:
    from newsprism.batch.tasks import worker_resources

    r = worker_resources()
    r.embedder.encode(["warm up"])
    if WITH_CLAIMS:
        r.nlp("Warm up the parser.")
    return 0


def _cpu() -> float:
    """CPU seconds of this process so far (user + system): unlike wall time, not inflated
    by other programs competing for the cores."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


WITH_CLAIMS = False


def single(folder: Path, db: Path, analyze: bool) -> tuple[float, int, list[object], float]:
    from newsprism import corpus
    from newsprism.config import Settings
    from newsprism.resources import Resources
    from newsprism.storage import SQLiteStore

    resources = Resources()
    resources.embedder.encode(["warm up"])
    if analyze:
        resources.nlp("Warm up the parser.")
    settings = Settings()
    started, cpu = time.perf_counter(), _cpu()
    with SQLiteStore(db) as store:
        articles, _ = corpus.read_articles([str(folder)], settings)
        result = corpus.add(store, articles, resources.embedder)
        if analyze:
            store.save_analysis(corpus.analyze_stories(store, result.touched, settings, resources))
        wall = time.perf_counter() - started
        stories = store.corpus_stories()
    return wall, result.added, stories, _cpu() - cpu


def distributed(
    folder: Path, db: Path, workers: int, analyze: bool
) -> tuple[float, int, list[object], list[float], float]:
    from newsprism import batch
    from newsprism.config import Settings
    from newsprism.storage import SQLiteStore

    with batch.cluster(workers=workers) as client:
        client.gather([client.submit(_warm, i, pure=False, workers=[w])
                       for i, w in enumerate(client.scheduler_info()["workers"])])  # fmt: skip
        cpu = _cpu() + sum(client.run(_cpu).values())
        started = time.perf_counter()
        with SQLiteStore(db) as store:
            run = batch.add(store, [str(folder)], client, Settings(), chunk=1, analyze=analyze)
            if run.analysis is not None:
                store.save_analysis(run.analysis)
            wall = time.perf_counter() - started
            stories = store.corpus_stories()
        cpu = _cpu() + sum(client.run(_cpu).values()) - cpu
        rss = sorted(client.run(_rss_mb).values())
    return wall, run.result.added, stories, rss, cpu


def main() -> None:
    global WITH_CLAIMS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--analyze", action="store_true", help="claims stages too")
    args = parser.parse_args()
    WITH_CLAIMS = args.analyze
    counts = [int(w) for w in args.workers.split(",") if w]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        _write(folder, args.n)
        wall, added, reference, cpu = single(folder, Path(tmp) / "one.db", args.analyze)
        print(f"{args.n} generated articles, {'with' if args.analyze else 'without'} "
              "the claims stages; wall of the add call, models loaded before; CPU: "
              "seconds of CPU per 100 articles, client and workers together")  # fmt: skip
        print(f"  single process   {wall:8.1f} s {added / wall:7.1f} articles/s  "
              f"CPU {100 * cpu / added:5.1f} s; RSS {_rss_mb():.0f} MB")  # fmt: skip
        rates: dict[int, float] = {}
        for n in counts:
            w_wall, w_added, stories, rss, w_cpu = distributed(
                folder, Path(tmp) / f"w{n}.db", n, args.analyze
            )
            rates[n] = w_added / w_wall
            same = "same stories" if stories == reference else "STORIES DIFFER"
            print(f"  --workers {n:<5}  {w_wall:8.1f} s {rates[n]:7.1f} articles/s  "
                  f"{rates[n] / (added / wall):.2f}x single  CPU {100 * w_cpu / w_added:5.1f} s; "
                  f"worker peak RSS "
                  f"{', '.join(f'{r:.0f}' for r in rss)} MB; {same}")  # fmt: skip
        if 1 in rates and 2 in rates:
            print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x (target >= 1.7x)")
        print(f"client peak RSS {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
