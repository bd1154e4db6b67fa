"""Build the training and test pairs of the claim pair model.

    .venv/bin/python scripts/build_claim_pairs.py --out build/pairs

Writes JSON Lines rows ``{"a", "b", "y", "src"}`` where ``y`` lists the classes the label
allows (0 agree: the same fact stated compatibly; 1 conflict: the same fact stated
incompatibly; 2 different: not the same fact). A binary "not entailed" label allows
``[1, 2]``; a paraphrase label ``[0]``.

* ``stage1.jsonl``: natural language inference and news edits, the first training stage:
  MNLI (TaxiNLI, minus the test part), binary MNLI and binary FEVER-NLI (DocNLI; minus any
  pair of the TaxiNLI test part), SNLI dev+test, counterfactual SNLI train, and edits of
  real BASIL sentences (``scripts/claim_pair_edits.py``) from the events that are neither
  gold events nor edit-test events. Only sets whose licence allows shipping derived weights
  (``../shared/datasets/README.md``): ANLI and SICK are never trained on.
* ``nli_test.jsonl``: the TaxiNLI test part (one pair in five, by hash of ``pairID``),
  3-way: the NLI accuracy reported in the model card.
* ``edits_test.jsonl``: edits of sentences from 10 other BASIL events.
* ``mrpc.jsonl``: MRPC train (the second stage, and its cross-validation).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "datasets"
NLI = SHARED / "nli"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from basil import gold_split, load_events  # noqa: E402

LABELS = {"entailment": [0], "contradiction": [1], "neutral": [2], "not_entailment": [1, 2]}
Row = dict[str, object]
csv.field_size_limit(10**7)


def _key(a: str, b: str) -> str:
    return " ".join(a.split()).lower() + "\t" + " ".join(b.split()).lower()


def _held(pair_id: str) -> bool:
    return int(hashlib.sha256(pair_id.encode()).hexdigest(), 16) % 5 == 0


def taxinli() -> tuple[list[Row], list[Row]]:
    train: list[Row] = []
    test: list[Row] = []
    with gzip.open(NLI / "mnli_taxinli" / "taxinli10k.tsv.gz", "rt", encoding="utf-8") as fp:
        for row in csv.DictReader(fp, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = LABELS.get(row["label"])
            if label is None:
                continue
            item: Row = {"a": row["prem"], "b": row["hyp"], "y": label, "src": "mnli"}
            (test if _held(row["pairID"]) else train).append(item)
    return train, test


def binary(name: str, skip: set[str]) -> Iterator[Row]:
    for part in ("dev", "test"):
        path = NLI / "docnli_binary" / name / f"{part}.txt.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fp:
            for line in fp:
                cols = line.rstrip("\n").split("\t")
                if len(cols) != 3 or cols[0] not in LABELS:
                    continue
                if _key(cols[1], cols[2]) in skip:
                    continue
                yield {"a": cols[1], "b": cols[2], "y": LABELS[cols[0]], "src": name.lower()}


def snli() -> Iterator[Row]:
    base = NLI / "snli_devtest"
    for part in ("dev", "test"):
        with contextlib.ExitStack() as stack:
            s1s, s2s, labels = (
                stack.enter_context(gzip.open(base / f"{n}.{part}.gz", "rt", encoding="utf-8"))
                for n in ("s1", "s2", "labels")
            )
            for s1, s2, label in zip(s1s, s2s, labels, strict=True):
                if label.strip() in LABELS:
                    y = LABELS[label.strip()]
                    yield {"a": s1.strip(), "b": s2.strip(), "y": y, "src": "snli"}


def snli_counterfactual() -> Iterator[Row]:
    path = NLI / "snli_counterfactual" / "train.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fp:
        for row in csv.DictReader(fp, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = LABELS.get(row["gold_label"])
            if label:
                yield {"a": row["sentence1"], "b": row["sentence2"], "y": label, "src": "snli_cf"}


def mrpc() -> list[Row]:
    from mrpc_data import MRPC, read_pairs

    return [
        {"a": a, "b": b, "y": [0] if y else [1, 2], "src": "mrpc"} for y, a, b in read_pairs(MRPC)
    ]


def edit_rows(events: list[str], seed: int) -> list[Row]:
    from claim_pair_edits import different_pairs, sentence_edits

    from newsprism.resources import Resources

    nlp = Resources().nlp
    basil = load_events()
    rng = random.Random(seed)
    rows: list[Row] = []
    for event in events:
        for art in basil[event]:
            sentences = [s for p in art.text.split("\n\n") for s in _sentences(p)]
            docs = [d for d in nlp.pipe(sentences) if 8 <= len(d) <= 60]
            pool: dict[str, set[str]] = {}
            for other in basil[event]:
                for d in nlp.pipe(s for p in other.text.split("\n\n") for s in _sentences(p)):
                    for ent in d.ents:
                        pool.setdefault(ent.label_, set()).add(ent.text)
            pools = {k: sorted(v) for k, v in pool.items()}
            for doc in docs:
                for e in sentence_edits(doc, pools, rng):
                    rows.append(
                        {
                            "a": e.a,
                            "b": e.b,
                            "y": [["agree", "conflict", "different"].index(e.label)],
                            "src": "edit_" + e.kind,
                            "event": event,
                        }
                    )
            for e in different_pairs(docs, rng, limit=max(2, len(docs) // 3)):
                rows.append({"a": e.a, "b": e.b, "y": [2], "src": "edit_" + e.kind, "event": event})
    return rows


def _sentences(paragraph: str) -> list[str]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return [s.strip() for s in seg.segment(paragraph) if s.strip()]


def write(path: Path, rows: list[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fp:
        for row in rows:
            fp.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = Counter(
        str(r["src"]).split("_")[0] if str(r["src"]).startswith("edit") else str(r["src"])
        for r in rows
    )
    print(f"{path.name}: {len(rows)} rows {dict(counts)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pairs")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--snli", type=int, default=10000, help="SNLI pairs kept (image captions)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    train, test = taxinli()
    skip = {_key(str(r["a"]), str(r["b"])) for r in test}
    seen = {_key(str(r["a"]), str(r["b"])) for r in train}
    stage1 = list(train)
    for name in ("binary-MNLI", "binary-FEVER-NLI"):
        for row in binary(name, skip):
            k = _key(str(row["a"]), str(row["b"]))
            if k not in seen:
                seen.add(k)
                stage1.append(row)
    snli_rows = list(snli())
    rng.shuffle(snli_rows)
    stage1 += snli_rows[: args.snli] + list(snli_counterfactual())
    events = load_events()
    tune, held = gold_split(events)
    free = sorted(e for e in events if e not in set(tune) | set(held))
    rng.shuffle(free)
    edit_test_events, edit_train_events = sorted(free[:10]), sorted(free[10:])
    edits_train = edit_rows(edit_train_events, args.seed)
    edits_test = edit_rows(edit_test_events, args.seed + 1)
    stage1 += edits_train
    rng.shuffle(stage1)
    write(args.out / "stage1.jsonl", stage1)
    write(args.out / "nli_test.jsonl", test)
    write(args.out / "edits_test.jsonl", edits_test)
    write(args.out / "mrpc.jsonl", mrpc())
    (args.out / "events.json").write_text(
        json.dumps({"edit_train": edit_train_events, "edit_test": edit_test_events}, indent=1)
        + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
