"""The same articles give the same answer: ``analyze`` on shuffled input gives a
byte-identical report, and ``add`` gives the same stories whatever its ``--batch`` size."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from newsprism.clean import clean_documents
from newsprism.corpus import add, list_stories
from newsprism.ingest import read_sources
from newsprism.model import Article
from newsprism.pipeline import analyze
from newsprism.report import build_report
from newsprism.resources import Resources
from newsprism.storage.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _basil_records(folder: Path, n_events: int) -> list[Path]:
    """The first ``n_events`` BASIL development events (three outlets each) as JSON record
    files, or none when ../shared is absent."""
    if not (SHARED / "datasets" / "multi_outlet" / "basil_dev").is_dir():
        return []
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from basil import load_events
    finally:
        sys.path.remove(str(ROOT / "bench"))
    events = load_events()
    paths = []
    for event in sorted(events)[:n_events]:
        for article in events[event]:
            path = folder / f"{event}_{article.key}.json"
            path.write_text(json.dumps(article.record()), encoding="utf-8")
            paths.append(path)
    return paths


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> list[str]:
    """The demo corpus, the seed reports and a few real BASIL events, one path each."""
    paths = sorted((demo_dir / "articles").iterdir())
    if (SHARED / "seeds").is_dir():
        paths += sorted((SHARED / "seeds").iterdir())
    paths += _basil_records(tmp_path_factory.mktemp("basil"), 6)
    return [str(p) for p in paths]


def _report(sources: list[str], resources: Resources) -> str:
    return json.dumps(build_report(analyze(sources, resources=resources).analysis), indent=1)


def test_determinism_analyze_report_is_identical_for_any_input_order(
    mixed_inputs: list[str], resources: Resources
) -> None:
    given = _report(mixed_inputs, resources)
    shuffled = list(mixed_inputs)
    random.Random(13).shuffle(shuffled)
    assert _report(mixed_inputs[::-1], resources) == given
    assert _report(shuffled, resources) == given


def _articles(sources: list[str]) -> list[Article]:
    docs, _ = read_sources(sources)
    articles, _ = clean_documents(docs)
    return articles


def _stories_with_batch(
    tmp: Path, articles: list[Article], batch: int, resources: Resources
) -> list:
    tmp.mkdir(parents=True, exist_ok=True)
    store = SQLiteStore(tmp / f"batch{batch}.db")
    try:
        add(store, articles, resources.embedder, batch_size=batch)
        return list_stories(store)
    finally:
        store.close()


def test_determinism_add_stories_do_not_depend_on_the_batch_size(
    tmp_path: Path, mixed_inputs: list[str], resources: Resources
) -> None:
    more = [str(p) for p in _basil_records(tmp_path, 40)]  # borderline cases need many
    articles = _articles(mixed_inputs + more)
    whole = _stories_with_batch(tmp_path, articles, 10_000, resources)
    assert len(whole) > 1
    for batch in (1, 4, 7):
        assert _stories_with_batch(tmp_path, articles, batch, resources) == whole


def test_determinism_add_stories_do_not_depend_on_the_input_order(
    tmp_path: Path, mixed_inputs: list[str], resources: Resources
) -> None:
    articles = _articles(mixed_inputs)
    given = _stories_with_batch(tmp_path / "given", articles, 10, resources)
    assert _stories_with_batch(tmp_path / "reverse", articles[::-1], 10, resources) == given
