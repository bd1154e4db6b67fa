"""Property: whatever the stages produce, the store gives back exactly what was saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.model import (
    Analysis,
    Article,
    Claim,
    ClaimGroup,
    DateMention,
    Derivation,
    Discrepancy,
    Entity,
    Quantity,
    Rejection,
    Removed,
    Story,
    StoryAnalysis,
)
from newsprism.storage import SQLiteStore

texts = st.text(max_size=40)
maybe_text = st.none() | texts
ints = st.integers(min_value=-(2**63), max_value=2**63 - 1)
floats = st.floats(allow_nan=False)  # infinities included
maybe_float = st.none() | floats
maybe_int = st.none() | ints
ids = st.tuples(texts)

removed = st.builds(Removed, kind=texts, text=texts)
quantity = st.builds(Quantity, texts, ints, ints, maybe_float, maybe_float, maybe_float,
                     maybe_text, st.booleans())  # fmt: skip
date = st.builds(DateMention, texts, ints, ints, maybe_text, maybe_text)
entity = st.builds(Entity, texts, ints, ints, texts, texts)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    return Article(
        id=draw(st.sampled_from(["a1", "a2", "a3"]) | texts),
        source=draw(texts),
        text=draw(st.text(max_size=200)),
        outlet=draw(maybe_text),
        title=draw(maybe_text),
        published=draw(maybe_text),
        language=draw(texts),
        byline=draw(st.lists(texts, max_size=3).map(tuple)),
        url=draw(maybe_text),
        removed=draw(st.lists(removed, max_size=3).map(tuple)),
        repairs=draw(ints),
    )


def claims(article_ids: list[str]) -> st.SearchStrategy[Claim]:
    return st.builds(
        Claim, texts, st.sampled_from(article_ids), texts, ints, ints, texts, ints, ints,
        maybe_text, maybe_text, st.booleans(), maybe_text, maybe_text, st.booleans(),
        st.lists(quantity, max_size=2).map(tuple), st.lists(date, max_size=2).map(tuple),
        st.lists(entity, max_size=2).map(tuple), maybe_int, maybe_int, maybe_text, maybe_int,
        maybe_int, st.booleans(), st.lists(st.tuples(ints, ints), max_size=2).map(tuple),
        maybe_int, maybe_int, st.booleans(),
    )  # fmt: skip


def tuples_of(s: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(s, max_size=3).map(tuple)


group = st.builds(ClaimGroup, texts, tuples_of(texts), tuples_of(texts), ints, texts,
                  tuples_of(texts), maybe_text)  # fmt: skip
discrepancy = st.builds(Discrepancy, texts, texts, tuples_of(texts), texts, maybe_text,
                        tuples_of(texts), maybe_text)  # fmt: skip
derivation = st.builds(Derivation, texts, texts, texts, texts, floats, st.booleans())


@st.composite
def story_analyses(draw: st.DrawFn) -> StoryAnalysis:
    arts = draw(st.lists(articles(), min_size=1, max_size=3))
    return StoryAnalysis(
        story=Story(draw(texts), draw(texts), tuple(a.id for a in arts)),
        articles=tuple(arts),
        claims=tuple(draw(st.lists(claims([a.id for a in arts]), max_size=4))),
        groups=tuple(draw(st.lists(group, max_size=2))),
        discrepancies=tuple(draw(st.lists(discrepancy, max_size=2))),
        derivations=tuple(draw(st.lists(derivation, max_size=2))),
    )


analyses = st.builds(
    Analysis,
    stories=st.lists(story_analyses(), max_size=2).map(tuple),
    rejections=st.lists(st.builds(Rejection, texts, texts, texts), max_size=2).map(tuple),
    algorithms=st.dictionaries(texts, texts, max_size=3),
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    path: Path = tmp_path_factory.mktemp("store") / "property.db"
    with SQLiteStore(path) as opened:
        yield opened


@settings(max_examples=60, deadline=None)
@given(analysis=analyses)
def test_storage_round_trip_of_any_analysis_is_lossless(
    store: SQLiteStore, analysis: Analysis
) -> None:
    run = store.save_analysis(analysis)
    assert store.load_analysis(run) == analysis
