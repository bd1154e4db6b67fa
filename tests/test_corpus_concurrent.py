"""Two `newsprism add` processes on one store at once, and `add` killed with SIGKILL: real
processes on a real SQLite file and a real PostgreSQL server. Nothing is lost, nothing is
stored twice, and the counts (documents, document frequencies) are exactly those of one
process adding everything."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from generated import generate

from newsprism.errors import StorageError
from newsprism.model import Article
from newsprism.storage import SQLiteStore, open_store

N = 120  # generated articles; two writers take overlapping thirds of them


def _jsonl(path: Path, articles: Sequence[Article]) -> Path:
    with path.open("w", encoding="utf-8") as fp:
        for a in articles:
            record = {"title": a.title, "text": a.text, "outlet": a.outlet,
                      "published": a.published}  # fmt: skip
            fp.write(json.dumps(record) + "\n")
    return path


def _add(db: str, source: Path, batch: int = 10) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism.interfaces.cli", "add", str(source), "--db", db,
         "--batch", str(batch)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _finish(proc: subprocess.Popen[str]) -> dict[str, int]:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return dict(json.loads(out))


def _state(db: str) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """Corpus counts, document frequency per term, and every stored corpus article id."""
    store = open_store(db)
    try:
        counts = store.corpus_counts()
        df = {str(t): int(d) for t, d in store.query("SELECT term, df FROM corpus_terms")}
        ids = [str(r[0]) for r in store.query("SELECT id FROM corpus_articles")]
    finally:
        store.close()
    return counts, df, ids


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("concurrent")
    articles, _ = generate(N, seed=5)
    third = N // 3
    return {
        "one": _jsonl(tmp / "one.jsonl", articles[: 2 * third]),  # overlaps two on a third
        "two": _jsonl(tmp / "two.jsonl", articles[third:]),
        "all": _jsonl(tmp / "all.jsonl", articles),
    }


@pytest.fixture(scope="module")
def reference(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """One process adding everything."""
    db = str(tmp_path_factory.mktemp("reference") / "ref.db")
    _finish(_add(db, inputs["all"]))
    return _state(db)


def _check_against(reference: tuple, db: str) -> None:
    ref_counts, ref_df, ref_ids = reference
    counts, df, ids = _state(db)
    assert len(ids) == len(set(ids)) == len(ref_ids)  # nothing lost, nothing twice
    assert set(ids) == set(ref_ids)
    assert counts["n_docs"] == ref_counts["n_docs"] == len(ref_ids)
    assert counts["corpus_terms"] == ref_counts["corpus_terms"]
    assert df == ref_df  # every document frequency exact


def test_corpus_two_sqlite_writers_lose_nothing(
    inputs: dict[str, Path], reference: tuple, tmp_path: Path
) -> None:
    db = str(tmp_path / "c.db")
    one, two = _add(db, inputs["one"]), _add(db, inputs["two"])
    first, second = _finish(one), _finish(two)
    assert first["added"] + second["added"] == len(reference[2])
    assert first["rejections"] == second["rejections"] == 0
    assert first["skipped"] + second["skipped"] == N // 3  # the overlap, stored once
    _check_against(reference, db)
    with SQLiteStore(db) as store:
        assert store.integrity_check() == "ok"


def test_corpus_two_postgres_writers_lose_nothing(
    inputs: dict[str, Path], reference: tuple, pg_url: str
) -> None:
    one, two = _add(pg_url, inputs["one"]), _add(pg_url, inputs["two"])
    first, second = _finish(one), _finish(two)
    assert first["added"] + second["added"] == len(reference[2])
    _check_against(reference, pg_url)


def _kill_after_first_batches(db: str, source: Path) -> int:
    """Start `add`, SIGKILL it once some batches are stored; the count stored then."""
    proc = _add(db, source)
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = _state(db)[0]["corpus_articles"]
        except StorageError:  # not created yet
            continue
        if stored >= 20:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "add finished before it could be killed"
    return stored


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_corpus_add_killed_resumes_without_loss_or_duplicate(
    backend: str, inputs: dict[str, Path], reference: tuple, tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    db = str(tmp_path / "c.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    stored = _kill_after_first_batches(db, inputs["all"])
    assert 0 < stored < N
    resumed = _finish(_add(db, inputs["all"]))
    assert resumed["skipped"] >= stored and resumed["added"] + resumed["skipped"] == N
    _check_against(reference, db)
