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
