"""Claims from two spaCy worker processes are the same as from one."""

from __future__ import annotations

from pathlib import Path

from newsprism.claims import ClaimOptions, extract_claims
from newsprism.claims.extract import extract_claims_timed
from newsprism.clean import clean_documents
from newsprism.ingest import read_sources
from newsprism.resources import Resources


def test_claims_parallel_workers_give_the_same_claims(demo_dir: Path, resources: Resources) -> None:
    docs, _ = read_sources([str(demo_dir / "articles")])
    articles, _ = clean_documents(docs)
    one = extract_claims(articles, resources, ClaimOptions(processes=1))
    two, timings = extract_claims_timed(articles, resources, ClaimOptions(processes=2))
    assert one == two and len(one) > 100
    assert timings.extra["workers"] == 2
