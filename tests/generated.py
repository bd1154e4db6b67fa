"""The generated corpus of bench/scale.py, for tests that need a few hundred articles.

bench/ is put on the import path only while ``scale`` is imported (bench scripts are not
a package; the Dask benchmark is named ``distributed_add.py`` so that nothing in bench/
can shadow the ``distributed`` package in worker processes that inherit the path).
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.model import Article

BENCH = str(Path(__file__).resolve().parent.parent / "bench")


def generate(n: int, seed: int) -> tuple[list[Article], list[int]]:
    sys.path.insert(0, BENCH)
    try:
        import scale
    finally:
        sys.path.remove(BENCH)
    articles, labels = scale.generate(n, seed=seed)
    return articles, labels
