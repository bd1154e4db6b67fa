"""`add` on a real Dask LocalCluster (worker processes): the same stories, claims, groups
and discrepancies as the single-process run, and a worker killed mid-run loses nothing."""

from __future__ import annotations

import json
import os
import signal
from dataclasses import replace
from pathlib import Path

import pytest
from generated import generate

from newsprism import batch, corpus
from newsprism.config import Settings
from newsprism.model import Analysis, Article
from newsprism.resources import Resources
from newsprism.storage import SQLiteStore

N = 200  # generated articles, cut to their first two paragraphs to keep the claims stage short


def _short(a: Article) -> Article:
    text = "\n\n".join(a.text.split("\n\n")[:2])
    return replace(a, id=Article.make_id(text), text=text)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "in"
    folder.mkdir()
    articles = [_short(a) for a in generate(N, seed=7)[0]]
    for start in range(0, N, 8):  # 25 JSON Lines files of 8 articles: 25 tasks
        with (folder / f"part{start:04d}.jsonl").open("w", encoding="utf-8") as fp:
            for a in articles[start : start + 8]:
                fp.write(json.dumps({"title": a.title, "text": a.text, "outlet": a.outlet,
                                     "published": a.published}) + "\n")  # fmt: skip
    return folder


def _summary(store: SQLiteStore, analysis: Analysis | None) -> tuple:
    assert analysis is not None
    return store.corpus_stories(), store.corpus_counts(), store.near_duplicate_pairs(), analysis


@pytest.fixture(scope="module")
def single(inputs: Path, resources: Resources, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The single-process run: `add --analyze` in this process."""
    settings = Settings()
    with SQLiteStore(tmp_path_factory.mktemp("one") / "one.db") as store:
        articles, rejections = corpus.read_articles([str(inputs)], settings, batch_size=50)
        result = corpus.add(store, articles, resources.embedder, batch_size=50)
        found = corpus.analyze_stories(store, result.touched, settings, resources)
        return _summary(store, corpus.with_rejections(found, rejections))


def test_batch_distributed_equals_single_process(
    inputs: Path, single: tuple, tmp_path: Path
) -> None:
    with batch.cluster(workers=2) as client, SQLiteStore(tmp_path / "two.db") as store:
        run = batch.add(store, [str(inputs)], client, Settings(), batch_size=50, chunk=1,
                        analyze=True)  # fmt: skip
        got = _summary(store, run.analysis)
    stories, counts, pairs, analysis = single
    assert run.result.added == counts["corpus_articles"] > 150
    assert got[0] == stories and got[1] == counts and got[2] == pairs
    assert len(analysis.stories) == len(stories)
    assert sum(len(s.claims) for s in analysis.stories) > 1000
    assert sum(len(s.discrepancies) for s in analysis.stories) > 0
    assert got[3] == analysis  # claims, groups, discrepancies, derivations, headlines


def test_batch_worker_killed_mid_run_loses_nothing(
    inputs: Path, single: tuple, tmp_path: Path
) -> None:
    killed: list[int] = []
    with batch.cluster(workers=2) as client, SQLiteStore(tmp_path / "k.db") as store:

        def kill_one(done: int, total: int, articles: int) -> None:
            if not killed and done >= 2:
                pid = sorted(client.run(os.getpid).values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        run = batch.add(store, [str(inputs)], client, Settings(), batch_size=50, chunk=1,
                        analyze=True, progress=kill_one)  # fmt: skip
        got = _summary(store, run.analysis)
        pids = set(client.run(os.getpid).values())
    assert killed and killed[0] not in pids  # the worker was replaced
    assert got == single


def test_batch_cli_add_workers_analyze_stores_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_cli_corpus import _write
    from test_stories_incremental import QUAKE_A, QUAKE_B

    from newsprism.interfaces.cli import main

    folder = _write(tmp_path / "in", [*QUAKE_A, *QUAKE_B])
    runs = {}
    for name, extra in (("one", []), ("two", ["--workers", "1", "--chunk", "2"])):
        db = tmp_path / f"{name}.db"
        assert main(["add", str(folder), "--db", str(db), "--analyze", *extra]) == 0
        summary = json.loads(capsys.readouterr().out)
        assert summary["analysed"] == 2 and summary["run"]
        with SQLiteStore(db) as store:
            runs[name] = (store.corpus_stories(), store.load_analysis(summary["run"]))
    assert runs["one"] == runs["two"]
