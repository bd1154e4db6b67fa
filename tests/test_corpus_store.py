"""The incremental corpus in a real SQLite file: re-adding, resuming, near-duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from test_stories_incremental import COUNCIL, FOLLOW_UP, QUAKE_A, QUAKE_B, WIRE_COPY

from newsprism.corpus import add as add_articles
from newsprism.corpus import load_index
from newsprism.model import Article, Story
from newsprism.resources import Embedder, Resources
from newsprism.storage.sqlite import SQLiteStore

ALL = [*QUAKE_A, *QUAKE_B, *COUNCIL]


def _partition(store: SQLiteStore) -> list[list[str]]:
    return sorted(sorted(a["id"] for a in s["articles"]) for s in store.corpus_stories())


class FailingSecondCall(Embedder):
    """Wraps a real embedder and raises on its second call: an interrupted run."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        if self.calls == 2:
            raise KeyboardInterrupt
        return self.inner.encode(texts)


def test_corpus_readd_changes_nothing(tmp_path: Path, resources: Resources) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        add_articles(store, ALL, resources.embedder)
        before = (store.corpus_counts(), store.counts(), store.corpus_stories())
        result = add_articles(store, ALL, resources.embedder)
        after = (store.corpus_counts(), store.counts(), store.corpus_stories())
    assert result.added == 0 and result.skipped == len(ALL)
    assert after == before


def test_corpus_stories_keep_their_ids_as_they_grow(tmp_path: Path, resources: Resources) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        add_articles(store, ALL, resources.embedder)
        ids = {s["id"] for s in store.corpus_stories()}
        add_articles(store, [FOLLOW_UP], resources.embedder)  # a new run: index reloaded
        stories = store.corpus_stories()
    assert {s["id"] for s in stories} == ids
    quake = next(s for s in stories if FOLLOW_UP.id in {a["id"] for a in s["articles"]})
    assert quake["id"] == Story.make_id((QUAKE_A[0].id,))
    assert quake["size"] == 4 and quake["last"] == "2025-01-13"


def test_corpus_resume_after_interruption(tmp_path: Path, resources: Resources) -> None:
    db = tmp_path / "c.db"
    with SQLiteStore(db) as store, pytest.raises(KeyboardInterrupt):
        add_articles(store, ALL, FailingSecondCall(resources.embedder), batch_size=3)
    with SQLiteStore(db) as store:
        kept = store.corpus_counts()["corpus_articles"]
        result = add_articles(store, ALL, resources.embedder, batch_size=3)
        counts = store.corpus_counts()
        resumed = _partition(store)
    with SQLiteStore(tmp_path / "whole.db") as store:
        add_articles(store, ALL, resources.embedder, batch_size=3)
        whole = _partition(store)
    assert kept == 3 and result.skipped == 3 and result.added == len(ALL) - 3
    assert counts["corpus_articles"] == len(ALL)
    assert resumed == whole


def test_corpus_near_duplicate_is_recorded(tmp_path: Path, resources: Resources) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        add_articles(store, ALL, resources.embedder)
        result = add_articles(store, [WIRE_COPY], resources.embedder)
        pairs = store.near_duplicate_pairs()
        quake = Story.make_id((QUAKE_A[0].id,))
        members = {a.id for a in store.corpus_story_articles(quake)}
        in_story = store.near_duplicate_pairs(quake)
        other = next(
            s["id"]
            for s in store.corpus_stories()
            if WIRE_COPY.id not in {a["id"] for a in s["articles"]}
        )
        elsewhere = store.near_duplicate_pairs(other)
    assert in_story == pairs
    assert elsewhere == []
    assert result.near_duplicates == 1
    assert [(a, o) for a, o, _ in pairs] == [(WIRE_COPY.id, QUAKE_A[0].id)]
    assert pairs[0][2] >= 0.5
    assert WIRE_COPY.id in members


def test_corpus_independent_report_is_not_a_near_duplicate(
    tmp_path: Path, resources: Resources
) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        add_articles(store, QUAKE_A[:1], resources.embedder)
        add_articles(store, QUAKE_A[1:], resources.embedder)
        assert store.near_duplicate_pairs() == []


def test_corpus_reloaded_index_matches_the_live_one(tmp_path: Path, resources: Resources) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        add_articles(store, ALL, resources.embedder)
        add_articles(store, [WIRE_COPY], resources.embedder)  # arrives after its original
        index = load_index(store)
    assert len(index.story_ids) == 3 and index.n_docs == len(ALL) + 1
    assert len(index.profiles) == len(ALL)  # the copy is not a member for similarity
    assert index.originals == {WIRE_COPY.id: QUAKE_A[0].id}
    assert int(index.df[index.vocab["noskel"]]) == 4  # QUAKE_A and the copy name Oskel


def test_corpus_story_articles_unknown_story_is_a_storage_error(tmp_path: Path) -> None:
    from newsprism.errors import StorageError

    with SQLiteStore(tmp_path / "c.db") as store, pytest.raises(StorageError, match="no story"):
        store.corpus_story_articles("s0000000000")


def test_corpus_articles_are_stored_whole(tmp_path: Path, resources: Resources) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        add_articles(store, QUAKE_B, resources.embedder)
        back = store.get_article(QUAKE_B[1].id)
    assert isinstance(back, Article) and back == QUAKE_B[1]
