"""Pairs per second of the plain API function ``compare_claims`` called in a loop without
``resources=`` (the process's default models), against the same loop with one
``Resources`` the caller made and passes in, in the same process.

The default is made on the first call, so the first call carries the model loading; the
figures show it once (``first call``) and the loop rate after it. Before the default
existed every call loaded spaCy and the models again (the 1,724 pairs of an MRPC split
took over 20 minutes).

    .venv/bin/python bench/api_default.py --pairs 300
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from mrpc_data import MRPC, read_pairs  # noqa: E402

from newsprism.api import compare_claims  # noqa: E402
from newsprism.resources import Resources  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=300, help="MRPC train pairs to compare")
    args = parser.parse_args(argv)
    if not MRPC.is_file():
        print(f"MRPC is absent ({MRPC}): nothing to measure", file=sys.stderr)
        return 1
    rows = read_pairs()[: args.pairs]
    t0 = time.perf_counter()
    compare_claims(rows[0][1], rows[0][2])  # makes the default
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    same_default = [compare_claims(a, b).verdict for _, a, b in rows]
    default_rate = len(rows) / (time.perf_counter() - t0)
    own = Resources()
    compare_claims(rows[0][1], rows[0][2], resources=own)  # loads the caller's models
    t0 = time.perf_counter()
    same_own = [compare_claims(a, b, resources=own).verdict for _, a, b in rows]
    own_rate = len(rows) / (time.perf_counter() - t0)
    print(f"MRPC train, first {len(rows)} pairs")
    print(f"first call without resources= (loads the default): {first:.1f} s")
    print(f"loop without resources=  {default_rate:7.1f} pairs/s")
    print(f"loop with own Resources  {own_rate:7.1f} pairs/s   (baseline)")
    print(f"ratio default / own: {default_rate / own_rate:.2f}")
    print(f"same verdicts: {sum(x == y for x, y in zip(same_default, same_own, strict=True))}"
          f"/{len(rows)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
