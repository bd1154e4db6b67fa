"""align: the same fact across outlets forms one cluster; facts that only share words do not."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.align import AlignOptions, align_claims
from newsprism.align.clustering import candidate_pairs
from newsprism.errors import ConfigError, InputError
from newsprism.model import Claim
from newsprism.resources import Resources


def claim(article: str, text: str, offset: int = 0) -> Claim:
    end = offset + len(text)
    return Claim(
        id=Claim.make_id(article, offset, end),
        article=article,
        text=text,
        start=offset,
        end=end,
        content=text,
        content_start=offset,
        content_end=end,
    )


def story(rows: Sequence[tuple[str, str]]) -> list[Claim]:
    """Claims from (article, sentence) rows; each sentence gets its own span."""
    return [claim(art, text, i * 300) for i, (art, text) in enumerate(rows)]


def cluster_of(clusters: list[tuple[str, ...]], claim_id: str) -> tuple[str, ...]:
    return next(c for c in clusters if claim_id in c)


FACTORY_FIRE = [
    ("a1", "A fire broke out at a chemical plant in Ludwigshafen early on Monday."),
    ("a1", "Three workers were injured and taken to hospital."),
    ("a1", "The plant produces solvents for the paint industry."),
    ("a2", "A fire tore through a chemicals factory in Ludwigshafen early on Monday."),
    ("a2", "Four workers were injured and taken to hospital, the fire brigade said."),
    ("a2", "Residents were told to keep their windows closed because of the smoke."),
    ("a3", "Firefighters fought a fire at a Ludwigshafen chemical plant on Monday morning."),
    ("a3", "The company said production of paint solvents would resume next month."),
]


def test_align_paraphrases_of_one_fact_form_one_cluster(resources: Resources) -> None:
    claims = story(FACTORY_FIRE)
    clusters = align_claims(claims, resources.embedder)
    fire = cluster_of(clusters, claims[0].id)
    assert set(fire) == {claims[0].id, claims[3].id, claims[6].id}


def test_align_conflicting_figures_still_align(resources: Resources) -> None:
    claims = story(FACTORY_FIRE)
    clusters = align_claims(claims, resources.embedder)
    assert cluster_of(clusters, claims[1].id) == (claims[1].id, claims[4].id)


def test_align_shared_words_but_different_facts_stay_apart(resources: Resources) -> None:
    claims = story(FACTORY_FIRE)
    clusters = align_claims(claims, resources.embedder)
    # "produces solvents for the paint industry" vs "production of paint solvents would resume"
    assert cluster_of(clusters, claims[2].id) == (claims[2].id,)
    assert cluster_of(clusters, claims[5].id) == (claims[5].id,)


def test_align_claims_of_one_article_never_join(resources: Resources) -> None:
    claims = story(
        [
            ("a1", "The minister resigned on Friday after the report was published."),
            ("a1", "The minister stepped down on Friday following the publication of the report."),
            ("a2", "The minister quit on Friday after the report came out."),
        ]
    )
    clusters = align_claims(claims, resources.embedder)
    for cluster in clusters:
        articles = [cid.split(":")[0] for cid in cluster]
        assert len(articles) == len(set(articles))
    assert len(cluster_of(clusters, claims[2].id)) == 2


def test_align_output_order_is_input_order(resources: Resources) -> None:
    claims = story(FACTORY_FIRE)
    clusters = align_claims(claims, resources.embedder)
    firsts = [claims.index(next(c for c in claims if c.id == cl[0])) for cl in clusters]
    assert firsts == sorted(firsts)
    assert clusters == align_claims(claims, resources.embedder)


def test_align_rejects_duplicate_claim_ids(resources: Resources) -> None:
    one = claim("a1", "The dam burst after days of heavy rain.")
    with pytest.raises(InputError, match="appears twice"):
        align_claims([one, one], resources.embedder)


def test_align_rejects_unusable_options(resources: Resources) -> None:
    with pytest.raises(ConfigError):
        align_claims(story(FACTORY_FIRE), resources.embedder, AlignOptions(k=0))


def test_align_blocking_scores_at_most_k_pairs_per_claim() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(400, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    articles = [f"a{i % 40}" for i in range(400)]
    options = AlignOptions(k=5, candidate_floor=-1.0)
    pairs = candidate_pairs(vectors, articles, options)
    assert len(pairs) <= 400 * 5
    assert all(articles[i] != articles[j] for i, j in pairs)


class HashEmbedder:
    """A deterministic stand-in: texts with the same first word get close vectors."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for t in texts:
            word = (t.split() or [""])[0]
            seed = int(hashlib.sha256(word.encode()).hexdigest()[:8], 16)
            base = np.random.default_rng(seed).normal(size=32)
            noise = np.random.default_rng(len(t)).normal(size=32) * 0.2
            v = base + noise
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a1", "a2", "a3", "a4"]),
            st.sampled_from(["fire", "flood", "storm"]),
            st.text(alphabet="abcdefgh ", min_size=0, max_size=12),
        ),
        max_size=30,
    )
)
def test_align_clusters_are_a_partition_of_the_claims(rows: list[tuple[str, str, str]]) -> None:
    claims = story([(art, f"{word} report {tail}") for art, word, tail in rows])
    clusters = align_claims(claims, HashEmbedder())  # type: ignore[arg-type]
    flat = [cid for cluster in clusters for cid in cluster]
    assert sorted(flat) == sorted(c.id for c in claims)
    assert len(flat) == len(set(flat))
    for cluster in clusters:
        articles = [cid.split(":")[0] for cid in cluster]
        assert len(articles) == len(set(articles))


def test_align_claim_text_of_a_proposition_is_its_parts() -> None:
    from newsprism.align.text import claim_text

    text = "The ferry left at noon and reached the island by dusk."
    whole = claim("a1", text, offset=100)
    # "The ferry" + "reached the island by dusk": the second proposition of the sentence
    second = Claim(
        id=Claim.make_id("a1", 100, 100 + len(text) - 1, ((100, 109), (127, 153))),
        article="a1", text=text[:-1], start=100, end=100 + len(text) - 1,
        content=text[:-1], content_start=100, content_end=100 + len(text) - 1,
        parts=((100, 109), (127, 153)),
    )  # fmt: skip
    assert claim_text(second) == "The ferry reached the island by dusk"
    assert claim_text(whole) == text


def test_align_one_article_needs_no_embedding() -> None:
    from newsprism.resources import Embedder

    embedder = Embedder()
    claims = story([("a1", "The bridge reopened on Monday."), ("a1", "Traffic was light.")])
    assert align_claims(claims, embedder) == [(claims[0].id,), (claims[1].id,)]
    assert embedder._cache == {}  # noqa: SLF001 (nothing was embedded)
