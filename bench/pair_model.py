"""The same-claim cross-encoder on MRPC train, 5-fold cross-validated (`make bench-pair-model`).

    .venv-train/bin/python bench/pair_model.py [--cv 5] [--only-fold K ...]

Needs the training venv (`make train-venv`: torch + transformers). A thin wrapper: the
training script's ``--cv`` mode is the benchmark, so what is measured is exactly what
``--export`` ships. It prints per-fold and pooled accuracy and F1 (positive class: same
meaning) of the fine-tuned cross-encoder and of the cosine of the base model's sentence
embeddings at the best single threshold chosen on the training folds, the ratio between them,
and the wall time per fold. The folds are those of bench/alignment.py.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train_pair_model.py"


def main() -> None:
    args = sys.argv[1:]
    if "--cv" not in args and "--export" not in args:
        args = ["--cv", "5", *args]
    sys.argv = [str(SCRIPT), *args]
    runpy.run_path(str(SCRIPT), run_name="__main__")


if __name__ == "__main__":
    main()
