"""Story grouping on text we wrote and on public data (newswcl50, when ../shared is there)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.model import Article
from newsprism.resources import Resources
from newsprism.stories import group_stories
from newsprism.stories.grouping import cluster


def _article(text: str, title: str | None = None, published: str | None = None) -> Article:
    return Article(
        id=Article.make_id(text),
        source=title or text[:20],
        text=text,
        title=title,
        published=published,
    )


QUAKE_A = [
    (
        "Strong quake shakes Mendara province, 14 dead",
        "A magnitude 6.4 earthquake struck Mendara province on Monday, killing 14 people and "
        "damaging hundreds of homes in the town of Oskel, the provincial governor Ana Ruiz said.",
    ),
    (
        "Oskel quake toll rises to 14",
        "Rescuers in Oskel pulled survivors from collapsed buildings after Monday's 6.4 quake in "
        "Mendara province. Governor Ana Ruiz said 14 people had died and 60 were injured.",
    ),
    (
        "Mendara earthquake: what we know",
        "The earthquake that hit Mendara on Monday measured 6.4 and was centred near Oskel. "
        "Fourteen people are confirmed dead, according to governor Ana Ruiz.",
    ),
]
QUAKE_B = [
    (
        "Quake jolts Tavira coast, no casualties",
        "A magnitude 5.1 earthquake hit the Tavira coast on Wednesday, cracking walls in the port "
        "of Lunel but causing no casualties, the national seismic institute said.",
    ),
    (
        "Lunel residents sleep outside after 5.1 tremor",
        "Hundreds of people in Lunel spent the night outdoors after Wednesday's 5.1 earthquake on "
        "the Tavira coast. The seismic institute director Paul Mercier said aftershocks were "
        "likely.",
    ),
]
COUNCIL = [
    (
        "Council approves new library budget",
        "The city council of Brennick voted 22 to 9 on Thursday to spend 8 million euros on a new "
        "central library, mayor Lise Haugen said after the session.",
    ),
]


def test_stories_same_kind_events_stay_apart(resources: Resources) -> None:
    arts = [_article(t, h) for h, t in QUAKE_A + QUAKE_B + COUNCIL]
    stories = group_stories(arts, resources.embedder)
    parts = sorted(sorted(s.articles) for s in stories)
    expected = sorted(sorted(a.id for a in arts[i:j]) for i, j in [(0, 3), (3, 5), (5, 6)])
    assert parts == expected


def test_stories_headline_is_earliest_title(resources: Resources) -> None:
    arts = [
        _article(QUAKE_A[1][1], QUAKE_A[1][0], "2025-01-07"),
        _article(QUAKE_A[0][1], QUAKE_A[0][0], "2025-01-06"),
    ]
    (story,) = group_stories(arts, resources.embedder)
    assert story.headline == QUAKE_A[0][0]
    assert story.articles[0] == arts[1].id


def test_stories_far_apart_dates_keep_reports_apart(resources: Resources) -> None:
    near = [_article(t, h, "2025-01-06") for h, t in QUAKE_A[:2]]
    far = [near[0], _article(QUAKE_A[1][1], QUAKE_A[1][0], "2025-06-06")]
    assert len(group_stories(near, resources.embedder)) == 1
    assert len(group_stories(far, resources.embedder)) == 2


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=25),
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=-0.5, max_value=1.0),
)
def test_stories_cluster_is_a_partition(n: int, seed: int, threshold: float) -> None:
    rng = np.random.default_rng(seed)
    m = rng.uniform(-1, 1, size=(n, n))
    sim = (m + m.T) / 2
    parts = cluster(sim, threshold)
    flat = sorted(i for p in parts for i in p)
    assert flat == list(range(n))


def _newswcl(datasets: Path) -> tuple[list[Article], list[str]]:
    docs: dict[str, list[str]] = defaultdict(list)
    path = datasets / "stories" / "newswcl50" / "output_data" / "NewsWCL50.conll"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        docs[cols[0]].append(cols[3])
    arts = [Article(id=d, source=d, text=" ".join(toks)) for d, toks in sorted(docs.items())]
    return arts, [d.split("/")[0] for d in sorted(docs)]


def test_stories_newswcl50_gives_ten_stories(resources: Resources, datasets_dir: Path) -> None:
    arts, labels = _newswcl(datasets_dir)
    stories = group_stories(arts, resources.embedder)
    by_id = dict(zip((a.id for a in arts), labels, strict=True))
    assert len(stories) == 10
    for story in stories:
        assert len({by_id[i] for i in story.articles}) == 1
