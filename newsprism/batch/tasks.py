"""What runs on a Dask worker: the per-article work of a chunk of inputs, and the
comparison of one story. Plain functions of their arguments and the worker's models.

The models live on a :class:`WorkerModels` plugin, an object the worker owns (one
``Resources`` per worker process, loaded on first use); tasks find it with
:func:`worker_resources`. Nothing here touches a store: the client writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Settings
from ..errors import ModelError
from ..model import Analysis, Article, Claim, Document, Rejection, Story
from ..resources import Resources
from ..stories.incremental import Features, IncrementalOptions, article_features, embed_leads
from ..stories.minhash import MinHasher

PLUGIN = "newsprism-models"


class WorkerModels(WorkerPlugin):
    """Holds one worker's models (``Resources``), made when the worker starts."""

    name = PLUGIN

    def __init__(self) -> None:
        self.resources: Resources | None = None

    def setup(self, worker: object) -> None:
        self.resources = Resources()

    def teardown(self, worker: object) -> None:
        self.resources = None


def worker_resources() -> Resources:
    """The models of the worker this task runs on."""
    plugin = get_worker().plugins.get(PLUGIN)
    if isinstance(plugin, WorkerModels) and plugin.resources is not None:
        return plugin.resources
    raise ModelError("this Dask worker has no newsprism models: register WorkerModels first")


@dataclass(frozen=True)
class ChunkResult:
    """The per-article work of one chunk, in input order."""

    documents: int
    features: list[Features]  # one per clean article, with its lead vector
    ingest_rejections: list[Rejection]
    clean_rejections: list[Rejection]
    claims: dict[str, list[Claim]] = field(default_factory=dict)  # article id -> claims


def process_chunk(
    items: Sequence[str | Document],
    settings: Settings,
    options: IncrementalOptions,
    with_claims: bool,
) -> ChunkResult:
    """Ingest (paths and URLs; documents read by the client, such as stdin, pass through),
    clean, token counts, MinHash, lead embeddings and, with ``with_claims``, claims."""
    from ..claims import extract_claims
    from ..clean import clean_documents
    from ..ingest import read_sources

    resources = worker_resources()
    sources = [i for i in items if isinstance(i, str)]
    docs = [i for i in items if isinstance(i, Document)]  # a chunk holds one kind or the other
    ingest_rejections: list[Rejection] = []
    if sources:
        docs, ingest_rejections = read_sources(sources, options=settings.ingest)
    articles, clean_rejections = clean_documents(docs, settings.clean)
    hasher = MinHasher(options.minhash)
    features = embed_leads([article_features(a, hasher) for a in articles], resources.embedder,
                           options.lead_sentences)  # fmt: skip
    claims: dict[str, list[Claim]] = {}
    if with_claims and articles:
        unique = list({a.id: a for a in reversed(articles)}.values())[::-1]  # first of each id
        claims = {a.id: [] for a in unique}
        one_process = replace(settings.claims, processes=1)  # the worker is the parallelism
        for claim in extract_claims(unique, resources, one_process):
            claims[claim.article].append(claim)
    return ChunkResult(len(docs), features, ingest_rejections, clean_rejections, claims)


def chunk_summary(result: ChunkResult) -> ChunkResult:
    """``result`` without its claims (what the client gathers; claims stay on the workers)."""
    return replace(result, claims={})


def chunk_claims(result: ChunkResult) -> dict[str, list[Claim]]:
    return result.claims


def compare_task(
    story: Story,
    articles: Sequence[Article],
    near_duplicates: Sequence[tuple[str, str, float]],
    settings: Settings,
    *claim_maps: Mapping[str, Sequence[Claim]],
) -> Analysis:
    """Claims (for stored articles the run did not bring) and comparison of one story."""
    from ..claims import extract_claims
    from ..corpus import compare_story

    resources = worker_resources()
    claims: dict[str, list[Claim]] = {}
    for m in claim_maps:
        claims.update({k: list(v) for k, v in m.items() if k in story.articles})
    missing = [a for a in articles if a.id not in claims]
    if missing:
        one_process = replace(settings.claims, processes=1)
        claims.update({a.id: [] for a in missing})
        for claim in extract_claims(missing, resources, one_process):
            claims[claim.article].append(claim)
    return compare_story(story, articles, claims, near_duplicates, settings, resources)
