"""Incremental story assignment (``stories.incremental``) and MinHash on a small corpus we
wrote: two look-alike earthquakes, a council vote, a follow-up, a wire copy and an
independent report (the corpus is also used by test_corpus_store and test_cli_corpus)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.model import Article, Story
from newsprism.resources import Embedder, Resources
from newsprism.stories import group_stories
from newsprism.stories.incremental import CorpusIndex
from newsprism.stories.minhash import MinHasher, estimate_jaccard


def article(title: str, text: str, outlet: str, published: str | None = None) -> Article:
    return Article(
        id=Article.make_id(text), source=f"{outlet}: {title}", text=text, outlet=outlet,
        title=title, published=published,
    )  # fmt: skip


QUAKE_A = [
    article(
        "Strong quake shakes Mendara province, 14 dead",
        "A magnitude 6.4 earthquake struck Mendara province on Monday, killing 14 people and "
        "damaging hundreds of homes in the town of Oskel, the provincial governor Ana Ruiz "
        "said. Rescue teams from the capital arrived in Oskel during the night and began "
        "searching collapsed buildings near the old market. The national seismic service said "
        "the quake was centred eleven kilometres north of Oskel at a shallow depth.",
        "Mendara Daily",
        "2025-01-06",
    ),
    article(
        "Oskel quake toll rises to 14",
        "Rescuers in Oskel pulled survivors from collapsed buildings after Monday's 6.4 quake "
        "in Mendara province. Governor Ana Ruiz said 14 people had died and 60 were injured. "
        "Hospitals in Oskel asked for blood donations, and the army sent tents for families "
        "who lost their homes in the province.",
        "Coastal Radio",
        "2025-01-06",
    ),
    article(
        "Mendara earthquake: what we know",
        "The earthquake that hit Mendara on Monday measured 6.4 and was centred near Oskel. "
        "Fourteen people are confirmed dead, according to governor Ana Ruiz. Schools in "
        "Oskel will stay closed this week while engineers inspect them, and aftershocks "
        "continued through the night across Mendara province.",
        "The Ledger",
        "2025-01-07",
    ),
]
QUAKE_B = [
    article(
        "Quake jolts Tavira coast, no casualties",
        "A magnitude 5.1 earthquake hit the Tavira coast on Wednesday, cracking walls in the "
        "port of Lunel but causing no casualties, the national seismic institute said. "
        "Ferries between Lunel and the islands were held in port for two hours as a "
        "precaution while harbour engineers checked the quays.",
        "Tavira Post",
        "2025-01-08",
    ),
    article(
        "Lunel residents sleep outside after 5.1 tremor",
        "Hundreds of people in Lunel spent the night outdoors after Wednesday's 5.1 earthquake "
        "on the Tavira coast. The seismic institute director Paul Mercier said aftershocks "
        "were likely over the coming days, and the port of Lunel reopened on Thursday "
        "morning after checks on the quays.",
        "Coastal Radio",
        "2025-01-09",
    ),
]
COUNCIL = [
    article(
        "Council approves new library budget",
        "The city council of Brennick voted 22 to 9 on Thursday to spend 8 million euros on a "
        "new central library, mayor Lise Haugen said after the session. Construction on the "
        "old bus depot site is due to start next spring, and the library should open in "
        "2027 with a children's wing and a reading garden.",
        "Brennick Courier",
        "2025-01-09",
    )
]
FOLLOW_UP = article(
    "Mendara quake: Oskel begins rebuilding",
    "A week after the 6.4 earthquake in Mendara province, builders began clearing rubble in "
    "Oskel. Governor Ana Ruiz said the death toll stayed at 14 and that the province would "
    "pay for new roofs on damaged homes in Oskel before the rains.",
    "Mendara Daily",
    "2025-01-13",
)
WIRE = QUAKE_A[0].text
WIRE_COPY = article(
    "Mendara quake kills 14 - agency report",
    WIRE.replace("the provincial governor Ana Ruiz said", "governor Ana Ruiz told reporters")
    + " This report includes material from news agencies.",
    "Valley Herald",
    "2025-01-06",
)


def partition(index: CorpusIndex, articles: Sequence[Article]) -> list[list[str]]:
    by_story: dict[int, list[str]] = {}
    for a in articles:
        by_story.setdefault(index.article_story[a.id], []).append(a.id)
    return sorted(sorted(p) for p in by_story.values())


def expected(*groups: Sequence[Article]) -> list[list[str]]:
    return sorted(sorted(a.id for a in g) for g in groups)


def test_stories_incremental_lookalike_events_stay_apart(resources: Resources) -> None:
    index = CorpusIndex()
    arts = [*QUAKE_A, *QUAKE_B, *COUNCIL]
    for a in arts:  # one article per batch: the most incremental case
        index.assign([a], resources.embedder)
    assert partition(index, arts) == expected(QUAKE_A, QUAKE_B, COUNCIL)


def test_stories_incremental_follow_up_joins_its_story(resources: Resources) -> None:
    index = CorpusIndex()
    index.assign([*QUAKE_A, *QUAKE_B], resources.embedder)
    story = index.story_ids[index.article_story[QUAKE_A[0].id]]
    (done,) = index.assign([FOLLOW_UP], resources.embedder)
    assert done.story == story and not done.opened


def test_stories_incremental_equals_batch_grouping(resources: Resources) -> None:
    arts = [*QUAKE_A, *QUAKE_B, *COUNCIL, FOLLOW_UP]
    index = CorpusIndex()
    index.assign(arts[:3], resources.embedder)
    index.assign(arts[3:], resources.embedder)
    batch = sorted(sorted(s.articles) for s in group_stories(arts, resources.embedder))
    assert partition(index, arts) == batch


def test_stories_incremental_story_id_is_its_first_article(resources: Resources) -> None:
    index = CorpusIndex()
    (first,) = index.assign([QUAKE_A[0]], resources.embedder)
    later = index.assign(QUAKE_A[1:], resources.embedder)
    assert first.story == Story.make_id((QUAKE_A[0].id,))
    assert {a.story for a in later} == {first.story}


def test_stories_incremental_near_duplicate_joins_without_embedding(
    resources: Resources,
) -> None:
    index = CorpusIndex()
    index.assign(QUAKE_A, resources.embedder)
    (copy,) = index.assign([WIRE_COPY], Refusing())
    assert copy.original == QUAKE_A[0].id and copy.jaccard is not None
    assert copy.story == index.story_ids[index.article_story[QUAKE_A[0].id]]


def test_stories_incremental_repeated_ids_are_skipped(resources: Resources) -> None:
    index = CorpusIndex()
    first = index.assign(QUAKE_B + QUAKE_B, resources.embedder)
    again = index.assign(QUAKE_B, resources.embedder)
    assert len(first) == 2 and again == []


def test_stories_minhash_finds_a_lightly_edited_copy() -> None:
    hasher = MinHasher()
    a, b = hasher.signature(WIRE), hasher.signature(WIRE_COPY.text)
    assert a is not None and b is not None
    assert estimate_jaccard(a, b) >= 0.5
    assert set(hasher.band_keys(a)) & set(hasher.band_keys(b))


def test_stories_minhash_independent_report_is_not_a_copy() -> None:
    hasher = MinHasher()
    a, b = hasher.signature(QUAKE_A[0].text), hasher.signature(QUAKE_A[2].text)
    assert a is not None and b is not None
    assert estimate_jaccard(a, b) < 0.2


def test_stories_minhash_signature_is_stable_across_hashers() -> None:
    one = MinHasher().signature(WIRE)
    two = MinHasher().signature(WIRE)
    assert one is not None and two is not None and np.array_equal(one, two)


class Refusing(Embedder):
    """An embedder that must not be asked for anything."""

    def __init__(self) -> None:  # no model
        pass

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if texts:
            raise AssertionError(f"asked to embed {len(texts)} texts")
        return np.zeros((0, self.dim), dtype=np.float32)


class HashEmbedder(Embedder):
    """Deterministic unit vectors from word hashes: fast, model-free, for property tests."""

    def __init__(self) -> None:
        pass

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, zlib.crc32(w.encode()) % self.dim] += 1.0
        return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-12, None)


WORDS = ["quake", "Oskel", "Lunel", "council", "library", "ferry", "14", "60", "vote", "fire"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
                  st.integers(min_value=0, max_value=40)),
        min_size=1, max_size=12,
    ),
    st.integers(min_value=1, max_value=5),
)  # fmt: skip
def test_stories_incremental_assignment_is_a_partition(
    docs: list[tuple[list[str], int]], batch: int
) -> None:
    arts = [
        Article(id=Article.make_id(" ".join(w)), source=str(i), text=" ".join(w),
                published=f"2025-01-{1 + day % 28:02d}")
        for i, (w, day) in enumerate(docs)
    ]  # fmt: skip
    index = CorpusIndex()
    for start in range(0, len(arts), batch):
        index.assign(arts[start : start + batch], HashEmbedder())
    unique = {a.id for a in arts}
    assert set(index.article_story) == unique
    members = [i for s in index.story_members for i in s]
    copies = len(index.originals)
    assert len(members) + copies == len(unique) == len(set(members)) + copies
    assert len(index.story_ids) == len(set(index.story_ids))
