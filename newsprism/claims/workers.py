"""Run one function over a few large chunks of work in forked processes.

The claims stage spends its time in spaCy. spaCy's own ``n_process`` sends every parsed
``Doc`` back to the parent as bytes, and reading those back costs about a third of the
stage (most of it in ``srsly``'s look-up of msgpack extensions, once per document). Here
each worker runs the whole extraction on its chunk of articles and sends back only the
finished claims, which are small frozen dataclasses.

Workers are forked, so they share the parent's loaded models without loading or pickling
them; the parent works on the first chunk itself. Where ``fork`` is not available the
chunks run one after the other in this process, with the same result.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

from ..errors import NewsprismError, StageError

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _child(fn: Callable[[T], R], item: T, send: Connection) -> None:
    try:
        result = fn(item)
    except NewsprismError as exc:  # ours: the parent raises it again as it is
        send.send(("ours", exc))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        send.send(("error", last))
    else:
        send.send(("ok", result))
    finally:
        send.close()


def fork_map(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[fn(item) for item in items]``, the items after the first in forked workers."""
    if len(items) < 2 or not can_fork():
        return [fn(item) for item in items]
    ctx = multiprocessing.get_context("fork")
    started: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    try:
        for item in items[1:]:
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(fn, item, send), daemon=True)
            proc.start()
            send.close()
            started.append((proc, recv))
        results = [fn(items[0])]
        for worker, conn in started:
            try:
                status, payload = conn.recv()
            except EOFError:
                raise StageError(
                    f"a claims worker stopped without a result (exit code {worker.exitcode})",
                    stage="claims",
                ) from None
            if status == "ours":
                raise payload
            if status != "ok":
                raise StageError(f"claims failed in a worker: {payload}", stage="claims")
            results.append(payload)
        return results
    finally:
        for worker, conn in started:
            conn.close()
            if worker.is_alive():
                worker.terminate()
            worker.join()


def split_even(sizes: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """Contiguous index ranges of ``sizes`` with totals as even as a greedy cut makes them
    (at most ``parts`` ranges, none empty)."""
    n = len(sizes)
    if n == 0:
        return []
    parts = max(1, min(parts, n))
    total = sum(sizes)
    bounds: list[tuple[int, int]] = []
    start, acc = 0, 0
    for i, size in enumerate(sizes):
        acc += size
        left = parts - len(bounds) - 1  # ranges still to open after this one
        if left and n - (i + 1) >= left and acc >= total * (len(bounds) + 1) / parts:
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, n))
    return bounds
