"""Property: no mutated real input makes any entry point raise anything but our own
errors. The inputs and entry points are those of ``bench/fuzz.py`` (which runs 100,000 of
them); here each entry point gets a few dozen, drawn by hypothesis. A failing seed replays
with ``bench/fuzz.py --only ENTRY`` and the entry's code in ``ENTRIES``."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import fuzz  # noqa: E402
import fuzz_inputs  # noqa: E402

from newsprism.errors import NewsprismError, StageError  # noqa: E402
from newsprism.resources import Resources  # noqa: E402

SEEDS = st.integers(min_value=0, max_value=2**32)


@pytest.fixture(scope="module")
def context(
    tmp_path_factory: pytest.TempPathFactory, resources: Resources
) -> Iterator[fuzz.Context]:
    corpus = fuzz_inputs.load_corpus(limit=400)  # the demo corpus alone on a fresh clone
    yield fuzz.Context(corpus, resources, tmp_path_factory.mktemp("fuzz"))


def _only_our_errors(name: str, seed: int, ctx: fuzz.Context) -> None:
    try:
        fuzz.ENTRIES[name](random.Random(seed), ctx)
    except StageError as exc:  # a foreign exception, wrapped: a bug all the same
        raise AssertionError(f"{name} seed {seed}: {exc}") from exc
    except NewsprismError:
        pass  # one clear rejection: what hostile input should get


def _fuzz(name: str, examples: int) -> object:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(seed=SEEDS)
    def test(context: fuzz.Context, seed: int) -> None:
        _only_our_errors(name, seed, context)

    test.__name__ = f"test_pipeline_fuzz_{name}_raises_only_our_errors"
    return test


test_pipeline_fuzz_ingest_raises_only_our_errors = _fuzz("ingest", 60)
test_pipeline_fuzz_fetch_raises_only_our_errors = _fuzz("fetch", 40)
test_pipeline_fuzz_clean_raises_only_our_errors = _fuzz("clean", 60)
test_pipeline_fuzz_claims_raises_only_our_errors = _fuzz("claims", 25)
test_pipeline_fuzz_stories_raises_only_our_errors = _fuzz("stories", 10)
test_pipeline_fuzz_compare_raises_only_our_errors = _fuzz("compare", 6)
test_pipeline_fuzz_report_raises_only_our_errors = _fuzz("report", 20)
test_pipeline_fuzz_api_raises_only_our_errors = _fuzz("api", 6)


def test_pipeline_fuzz_bench_counts_a_foreign_exception(context: fuzz.Context) -> None:
    """The harness itself can fail: an entry that raises a library's error is counted."""

    def broken(rng: random.Random, ctx: fuzz.Context) -> None:
        int("not a number")

    fuzz.ENTRIES["broken"] = broken
    try:
        tally = fuzz.Tally()
        ctx = fuzz.Context(context.corpus, context.resources, context.tmp, tally=tally)
        assert fuzz.run_one("broken", 1, ctx, hang=5.0) == "foreign"
        assert tally.foreign == 1 and tally.kinds == {"ValueError": 1}
    finally:
        del fuzz.ENTRIES["broken"]
