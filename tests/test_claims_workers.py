"""Forked workers for the claims stage: order, errors, and even chunks."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.claims.workers import can_fork, fork_map, split_even
from newsprism.errors import StageError


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def test_workers_results_in_input_order() -> None:
    results = fork_map(_pid_and_square, [3, 1, 2])
    assert [r[1] for r in results] == [9, 1, 4]


@pytest.mark.skipif(not can_fork(), reason="fork is not available on this platform")
def test_workers_run_outside_the_parent() -> None:
    results = fork_map(_pid_and_square, [1, 2])
    assert results[0][0] == os.getpid()
    assert results[1][0] != os.getpid()


def _fail_on_two(x: int) -> int:
    if x == 2:
        raise ValueError("bad chunk")
    return x


def test_workers_error_names_the_cause() -> None:
    with pytest.raises(StageError, match="ValueError: bad chunk"):
        fork_map(_fail_on_two, [1, 2])


def test_workers_split_balances_sizes() -> None:
    assert split_even([100, 1, 1, 1], 2) == [(0, 1), (1, 4)]
    assert split_even([5, 5, 5, 5], 2) == [(0, 2), (2, 4)]


@given(st.lists(st.integers(min_value=0, max_value=50), max_size=30), st.integers(1, 5))
def test_workers_split_covers_every_index_once(sizes: list[int], parts: int) -> None:
    bounds = split_even(sizes, parts)
    covered = [i for start, end in bounds for i in range(start, end)]
    assert covered == list(range(len(sizes)))
    assert all(end > start for start, end in bounds)
    assert len(bounds) <= parts
