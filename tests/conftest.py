"""Shared fixtures: one Resources per test session, the demo corpus, the shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pgserver
import pytest
from pgserver import Server

from newsprism.resources import Resources

pytest_plugins = ("web_support",)  # the web tests' store and server fixtures

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "demo"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds is absent (fresh clone): skipped")
    return path


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    path = SHARED / "datasets"
    if not path.is_dir():
        pytest.skip("../shared/datasets is absent (fresh clone): skipped")
    return path


def _bench_module(name: str):  # type: ignore[no-untyped-def]
    """A module of ``bench/`` (the BASIL loader and the real-news scorer live there)."""
    import importlib.util
    import sys

    bench = ROOT / "bench"
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))
    spec = importlib.util.spec_from_file_location(name, bench / f"{name}.py")
    if spec is None or spec.loader is None:  # pragma: no cover
        raise ImportError(name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def basil():  # type: ignore[no-untyped-def]
    """``bench/basil.py`` with the BASIL development events loaded (``basil.EVENTS``)."""
    module = _bench_module("basil")
    if not module.BASIL.is_dir():
        pytest.skip("../shared/datasets/multi_outlet/basil_dev is absent (fresh clone): skipped")
    module.EVENTS = module.load_events()
    return module


@pytest.fixture(scope="session")
def real_news(basil, resources):  # type: ignore[no-untyped-def]
    """``bench/real_news.py``, and the scores of the pipeline on both gold halves (one
    pipeline run per half for the whole test session)."""
    import json

    module = _bench_module("real_news")
    module.SCORES = {}
    for half, path in module.GOLD.items():
        gold = json.loads(path.read_text(encoding="utf-8"))
        module.SCORES[half] = module.score_half(half, gold, basil.EVENTS, resources)
    return module


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """A throwaway PostgreSQL server for the session (see tests/pgserver.py). Skipped
    where none can be started, except in CI (``CI`` set), where that is a failure."""
    try:
        server = pgserver.start()
    except pgserver.Unavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {exc}")
        pytest.skip(f"no PostgreSQL server ({exc}): skipped")
    yield server
    server.stop()


@pytest.fixture()
def pg_url(pg_server: Server) -> str:
    """The URL of a fresh, empty database on the session's server."""
    return pg_server.new_database()
