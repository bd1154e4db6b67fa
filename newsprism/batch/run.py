"""``newsprism add --workers N`` / ``--scheduler URL``: the corpus run on a Dask cluster.

How the work is split (see docs/scale.md):

* **per article, on the workers**: the inputs are cut into chunks (``chunk`` files or URLs
  each; a folder is expanded into its files, a JSON Lines, WARC or feed file is one input);
  one task per chunk ingests, cleans, counts tokens, computes MinHash signatures, embeds
  the leads and, with ``analyze``, extracts the claims (``tasks.process_chunk``). Claims
  stay in the workers' memory; the client gathers the rest.
* **story placement, on the client**: the story index is central but its work per article
  is small (a few matrix products on precomputed vectors). Once every chunk is in, the new
  articles are placed as the single-process ``add`` places them (earliest first, with the
  idf of the whole run announced, ``CorpusIndex.expect``), in batches of ``batch_size``, by
  ``newsprism.corpus.place``, the same function on the same features, so the stories are
  the same.
* **comparison, per story, on the workers**: once every article is placed, each story the
  run opened or grew becomes one task (``tasks.compare_task``) that reads the claims of
  its members from the chunks that hold them; the client stores the analyses as one run.

Tasks are pure functions of their inputs and write nothing, so a worker lost mid-run only
makes the scheduler run its tasks again elsewhere: nothing is lost or stored twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..config import Settings
from ..corpus import AddResult, Tally, open_index, place_all, story_context, with_rejections
from ..errors import ConfigError
from ..model import Analysis, Document, Rejection, StoryAnalysis
from ..pipeline import algorithms
from ..stories.incremental import Features, IncrementalOptions, placement_order
from .tasks import (
    PLUGIN,
    ChunkResult,
    WorkerModels,
    chunk_claims,
    chunk_summary,
    compare_task,
    process_chunk,
)

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client, Future

    from ..storage import Store

Item = str | Document

# A local cluster's workers: no statistical profiler (it samples every thread's stack every
# 10 ms, for a dashboard nobody looks at here), and glibc's own malloc trimming instead of
# Dask's fixed MALLOC_TRIM_THRESHOLD_ (which also fixes the mmap threshold, so every large
# numpy or ONNX buffer is mapped and unmapped again: CPU lost to page faults).
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@dataclass(frozen=True)
class BatchRun:
    """What a distributed ``add`` did."""

    result: AddResult
    rejections: list[Rejection]  # inputs that could not be used, in input order
    analysis: Analysis | None  # the analyses of the stories it touched (``analyze``)
    documents: int  # documents read


@contextmanager
def cluster(workers: int = 2, scheduler: str | None = None) -> Iterator[Client]:
    """A Dask client with the newsprism models plugin registered: on a new local cluster of
    ``workers`` processes (one thread each), or on the scheduler at ``scheduler``."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler is None and workers < 1:
        raise ConfigError("--workers must be at least 1")
    local = None
    try:
        if scheduler is None:
            with dask.config.set(LOCAL_CONFIG):
                local = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=logging.ERROR,
                )  # fmt: skip
            client = Client(local)
        else:
            client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as exc:
        if local is not None:
            local.close()
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler} ({exc})") from exc
    try:
        client.register_plugin(WorkerModels(), name=PLUGIN)
        yield client
    finally:
        client.close()
        if local is not None:
            local.close()


def expand(
    sources: Sequence[str], settings: Settings, stdin: BinaryIO | None = None
) -> tuple[list[Item], list[Rejection]]:
    """The inputs one by one: a folder becomes its files (as the single-process ingest
    walks it); standard input is read here, on the client."""
    from ..ingest import read_sources
    from ..ingest.files import walk_folder

    items: list[Item] = []
    rejections: list[Rejection] = []
    for source in sources:
        if source == "-":
            docs, rejected = read_sources(["-"], stdin=stdin, options=settings.ingest)
            items.extend(docs)
            rejections.extend(rejected)
            continue
        path = Path(source)
        files = walk_folder(path, settings.ingest) if path.is_dir() else []
        if files:
            items.extend(str(f) for f in files)
        else:
            items.append(source)
    return items, rejections


def chunks(items: Sequence[Item], size: int) -> list[list[Item]]:
    """Runs of at most ``size`` items, each of one kind (paths and URLs, or documents)."""
    out: list[list[Item]] = []
    for item in items:
        if out and len(out[-1]) < size and isinstance(out[-1][0], str) == isinstance(item, str):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def add(
    store: Store,
    sources: Sequence[str],
    client: Client,
    settings: Settings | None = None,
    options: IncrementalOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    batch_size: int = 500,
    chunk: int = 20,
    analyze: bool = False,
    progress: Callable[[int, int, int], None] | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> BatchRun:
    """Add ``sources`` to the corpus of ``store`` with the per-article work on ``client``'s
    workers (see the module docstring); with ``analyze``, also compare every story the run
    touched. ``progress(inputs_done, inputs, articles_done)`` is called as chunks finish."""
    from distributed import as_completed

    if batch_size < 1 or chunk < 1:
        raise ConfigError("batch size and chunk size must be at least 1")
    settings = settings or Settings()
    options = options or IncrementalOptions()
    tracked = open_index(store, options)
    known = frozenset(tracked.index.article_story)  # as the single-process run's first look
    items, client_rejections = expand(sources, settings, stdin)
    parts = chunks(items, chunk)
    full = [client.submit(process_chunk, part, settings, options, analyze, priority=-i)
            for i, part in enumerate(parts)]  # fmt: skip
    summaries = {client.submit(chunk_summary, f, priority=-i): i for i, f in enumerate(full)}
    claim_maps = [client.submit(chunk_claims, f) for f in full] if analyze else []
    del full  # only the summaries and the claims are wanted now

    tally = Tally(0)
    ingest, clean = list(client_rejections), []
    waiting: dict[int, ChunkResult] = {}
    todo: list[Features] = []
    seen: set[str] = set()
    home: dict[str, int] = {}  # article id -> chunk holding its claims
    next_chunk = done = documents = articles = 0
    for future in as_completed(summaries):
        finished: ChunkResult = future.result()
        waiting[summaries[future]] = finished
        done += len(parts[summaries[future]])
        articles += len(finished.features)
        if progress is not None:
            progress(done, len(items), articles)
        while next_chunk in waiting:
            part = waiting.pop(next_chunk)
            documents += part.documents
            ingest.extend(part.ingest_rejections)
            clean.extend(part.clean_rejections)
            for f in part.features:
                aid = f.article.id
                if aid in known or aid in seen:
                    tally.skipped += 1
                    continue
                seen.add(aid)
                home[aid] = next_chunk
                todo.append(f)
            next_chunk += 1
    todo.sort(key=lambda f: placement_order(f.article))  # not the order chunks finish in
    place_all(store, tracked, todo, tally, batch_size=batch_size, clock=clock)
    result = tally.result(tracked)
    rejections = ingest + clean
    analysis = None
    if analyze:
        compared = _compare(store, client, result.touched, home, claim_maps, settings)
        analysis = with_rejections(compared, rejections)
    return BatchRun(result, rejections, analysis, documents)


def _compare(
    store: Store,
    client: Client,
    story_ids: Sequence[str],
    home: dict[str, int],
    claim_maps: list[Future],
    settings: Settings,
) -> Analysis:
    """One comparison task per story, in the order given."""
    futures: list[Any] = []
    for sid in story_ids:
        story, members, copies = story_context(store, sid)
        holders = sorted({home[a.id] for a in members if a.id in home})
        futures.append(client.submit(compare_task, story, members, copies, settings,
                                     *[claim_maps[h] for h in holders]))  # fmt: skip
    stories: list[StoryAnalysis] = []
    rejections: list[Rejection] = []
    for one in client.gather(futures):
        stories.extend(one.stories)
        rejections.extend(one.rejections)
    return Analysis(stories=tuple(stories), rejections=tuple(rejections), algorithms=algorithms())
