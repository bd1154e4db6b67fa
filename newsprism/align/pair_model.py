"""The same-claim (paraphrase) cross-encoder at run time: int8 ONNX + tokenizers, no torch.

The model is all-MiniLM-L6-v2 fine-tuned on MRPC train by ``scripts/train_pair_model.py``
and shipped as ``newsprism/data/pair_model_v1.onnx`` with a JSON card beside it. It reads
``[CLS] a [SEP] b [SEP]`` and gives one logit; ``PairModel.score`` turns it into the
probability that the two sentences say the same thing, averaged over both orders when the
card says the model is symmetric (it was trained on both orders).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..onnx_models import cpu_session, minilm_tokenizer

PAIR_MODEL_NAME = "pair-minilm-l6-mrpc.v1.int8-onnx"
PAIR_MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "pair_model_v1.onnx"


class PairModel:
    """Scores sentence pairs: probability that they make the same claim (1 = same)."""

    name = PAIR_MODEL_NAME

    def __init__(self, path: Path | None = None, batch_size: int = 1) -> None:
        """``batch_size`` 1 (the default) scores each pair alone: dynamic int8 quantises
        activations per batch, so in a larger batch a score moves with its batch-mates
        (by up to ~0.05). Larger batches are faster for bulk scoring."""
        model_path = Path(path) if path is not None else PAIR_MODEL_FILE
        card_path = model_path.with_suffix(".json")
        if not model_path.is_file():
            raise ModelError(f"pair model not found at {model_path}; reinstall newsprism")
        if not card_path.is_file():
            raise ModelError(f"pair model card not found at {card_path}; reinstall newsprism")
        if batch_size < 1:
            raise ModelError(f"batch_size must be at least 1, not {batch_size}")
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
            self.max_len = int(card["max_len"])
            self.symmetric = bool(card.get("symmetric", False))
            self.threshold = float(card.get("threshold", 0.5))
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"pair model card {card_path} is unreadable ({exc})") from exc
        self._tokenizer = minilm_tokenizer(self.max_len, pad=False, what="pair model")
        self._session = cpu_session(model_path, "pair model")
        self._batch = batch_size

    def score(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probability "same meaning" for each (a, b), in the order given, in [0, 1].
        With a symmetric model, the mean over (a, b) and (b, a), so order does not matter."""
        if not pairs:
            return np.zeros(0, dtype=np.float64)
        items = [(a, b) for a, b in pairs]
        logits = self._logits(items)
        prob = _sigmoid(logits)
        if self.symmetric:
            prob = (prob + _sigmoid(self._logits([(b, a) for a, b in items]))) / 2.0
        return prob

    def _logits(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        enc = self._tokenizer.encode_batch(pairs)
        order = np.argsort([len(e.ids) for e in enc], kind="stable")
        out = np.zeros(len(enc), dtype=np.float64)
        for start in range(0, len(order), self._batch):
            idx = order[start : start + self._batch]
            chunk = [enc[i] for i in idx]
            width = max(len(e.ids) for e in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for row, e in enumerate(chunk):
                n = len(e.ids)
                ids[row, :n] = e.ids
                mask[row, :n] = e.attention_mask
                types[row, :n] = e.type_ids
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            out[idx] = self._session.run(["logits"], feeds)[0][:, 0]
        return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
