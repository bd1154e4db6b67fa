"""Train the alignment logistic models on MRPC train and write newsprism/data/align_lr_v1.json.

    .venv/bin/python scripts/train_alignment.py [--out newsprism/data/align_lr_v1.json]

Two models over the features of ``newsprism.align.features``: ``grouping`` (no number
features, so figures that disagree never keep two claims apart) and ``paraphrase`` (all
features). Plain numpy gradient descent (``fit_logistic``); bench/alignment.py measures
both under 5-fold cross-validation.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from mrpc_data import MRPC, featurise, read_pairs  # noqa: E402

from newsprism.align.features import (  # noqa: E402
    FEATURES,
    GROUPING_FEATURES,
    MODEL_FILE,
    PARAPHRASE_FEATURES,
    fit_logistic,
)
from newsprism.resources import EMBEDDER_NAME, Resources  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=MRPC)
    parser.add_argument("--out", type=Path, default=ROOT / "newsprism" / "data" / MODEL_FILE)
    args = parser.parse_args()
    data = featurise(read_pairs(args.data), Resources())
    col = {f: i for i, f in enumerate(FEATURES)}
    out: dict[str, object] = {
        "about": "Logistic models over align features, trained on MRPC train "
        f"({len(data.labels)} pairs) by scripts/train_alignment.py; embedder {EMBEDDER_NAME}.",
    }
    for name, feats in (("grouping", GROUPING_FEATURES), ("paraphrase", PARAPHRASE_FEATURES)):
        model = fit_logistic(data.x[:, [col[f] for f in feats]], data.labels, feats)
        out[name] = model.to_dict()
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
