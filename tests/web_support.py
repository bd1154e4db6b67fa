"""Fixtures of the web tests: a store holding the demo corpus and hostile articles, both
analysed by the real pipeline, and a real server on a free loopback port."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.model import Analysis
from newsprism.pipeline import analyze
from newsprism.resources import Resources
from newsprism.storage import SQLiteStore
from newsprism.web import Running, create_app

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "web" / "hostile.json"
JS_URL = "javascript:window.__pwned='url'"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="session")
def demo_analysis(resources: Resources) -> Analysis:
    return analyze([str(ROOT / "fixtures" / "demo" / "articles")], resources=resources).analysis


@pytest.fixture(scope="session")
def hostile_analysis(resources: Resources) -> Analysis:
    """Two reports whose outlet, title, URL and quoted words are HTML, Markdown and
    ``javascript:`` links (the cleaner drops the javascript: URL; it is put back here, as a
    store written by another tool could hold it)."""
    analysis = analyze([str(HOSTILE)], resources=resources).analysis
    (sa,) = analysis.stories
    first = dataclasses.replace(sa.articles[0], url=JS_URL)
    story = dataclasses.replace(sa, articles=(first, *sa.articles[1:]))
    return dataclasses.replace(analysis, stories=(story,))


@pytest.fixture(scope="session")
def web_db(
    tmp_path_factory: pytest.TempPathFactory, demo_analysis: Analysis, hostile_analysis: Analysis
) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    with SQLiteStore(path) as store:
        store.save_analysis(demo_analysis)
        store.save_analysis(hostile_analysis)
    return path


@pytest.fixture()
def store(web_db: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(web_db) as s:
        yield s


def story_id(analysis: Analysis, outlet_count: int | None = None) -> str:
    """The id of the analysis's story with the most articles."""
    return max(analysis.stories, key=lambda sa: len(sa.articles)).story.id


@pytest.fixture()
def served(web_db: Path, resources: Resources) -> Iterator[Running]:
    """A real waitress server over the web store, on a free loopback port."""
    with SQLiteStore(web_db) as s, Running(create_app(s, token=TOKEN, resources=resources)) as run:
        yield run
