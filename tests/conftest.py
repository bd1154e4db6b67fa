"""Shared fixtures: one Resources per test session, the demo corpus, the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

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
