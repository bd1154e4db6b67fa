"""MRPC pairs as claims with features, shared by bench/alignment.py and
scripts/train_alignment.py.

The file is tab-separated ``label, id1, id2, s1, s2`` (UTF-8 with a BOM, a header row);
it is split on tabs, not read with csv (quotes inside sentences are not escaped).
Each sentence goes through the claims stage as a one-sentence article (``newsprism.Checker``),
so the features see what align sees: content without the attribution frame, entity keys,
quantities and negation.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.align.features import FEATURES, matrix, pair_features, side_of  # noqa: E402
from newsprism.align.text import claim_text  # noqa: E402
from newsprism.api import Checker, as_article  # noqa: E402
from newsprism.model import Claim  # noqa: E402
from newsprism.resources import Resources  # noqa: E402

MRPC = ROOT.parent / "shared" / "datasets" / "alignment" / "mrpc" / "msr_paraphrase_train.txt"


@dataclass(frozen=True)
class Pairs:
    labels: np.ndarray  # 1 = same meaning
    x: np.ndarray  # (n, len(FEATURES))
    cosine: np.ndarray  # (n,)


def read_pairs(path: Path = MRPC) -> list[tuple[int, str, str]]:
    rows: list[tuple[int, str, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines()):
        parts = line.split("\t")
        if n == 0 and not parts[0].strip().isdigit():
            continue  # header
        if len(parts) != 5:
            continue
        rows.append((int(parts[0]), parts[3].strip(), parts[4].strip()))
    return rows


def one_claim(checker: Checker, text: str) -> Claim:
    """The claim of a one-sentence text: the longest one the claims stage finds."""
    (claims,) = checker.claims_of([as_article(text)])
    return max(claims, key=lambda c: len(claim_text(c)))


def featurise(rows: list[tuple[int, str, str]], resources: Resources) -> Pairs:
    checker = Checker(resources)
    texts = list(dict.fromkeys(t for _, a, b in rows for t in (a, b)))
    checker.claims_of([as_article(t) for t in texts])
    claims = {t: one_claim(checker, t) for t in texts}
    sides = {t: side_of(c) for t, c in claims.items()}
    vecs = resources.embedder.encode([claim_text(claims[t]) for t in texts])
    index = {t: i for i, t in enumerate(texts)}
    feats = []
    cos = []
    for _, a, b in rows:
        c = float(vecs[index[a]] @ vecs[index[b]])
        cos.append(c)
        feats.append(pair_features(sides[a], sides[b], c))
    return Pairs(
        labels=np.array([r[0] for r in rows], dtype=np.float64),
        x=matrix(feats, FEATURES),
        cosine=np.array(cos),
    )
