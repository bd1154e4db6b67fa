"""The install stays light and offline: no torch, no CUDA wheels, models from packages."""

from __future__ import annotations

from importlib import metadata


def test_install_pulls_in_no_torch_or_cuda_packages() -> None:
    names = {(d.metadata["Name"] or "").lower() for d in metadata.distributions()}
    heavy = sorted(n for n in names if n == "torch" or n.startswith(("nvidia-", "triton")))
    assert heavy == []


def test_install_models_load_from_package_files(resources) -> None:  # noqa: ANN001
    vectors = resources.embedder.encode(["A ferry ran aground.", "A ship hit the rocks."])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.4
    assert "ner" in resources.nlp.pipe_names
