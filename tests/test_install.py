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


def test_install_embedder_cache_is_bounded() -> None:
    from newsprism.resources import Embedder

    embedder = Embedder(max_cached=3)
    texts = [f"Sentence number {i} about a ferry." for i in range(5)]
    first = embedder.encode(texts)
    assert len(embedder._cache) == 3
    again = embedder.encode(texts)  # evicted texts are embedded again, to the same vectors
    assert abs(first - again).max() < 1e-5


def test_install_embedder_vector_does_not_depend_on_batch_mates() -> None:
    from newsprism.resources import Embedder

    short = "Nobody was hurt."
    long = (
        "The ferry ran aground off the coast late on Friday with eighty-six passengers and "
        "eleven crew on board, and tugs pulled it free the next morning."
    )
    alone = Embedder().encode([short])[0]
    together = Embedder().encode([long, short])[1]  # a fresh cache: both are embedded here
    assert float(alone @ together) > 0.99999


def test_install_embedder_missing_model_file_is_a_model_error(tmp_path) -> None:  # noqa: ANN001
    import pytest

    from newsprism.errors import ModelError
    from newsprism.resources import Embedder

    with pytest.raises(ModelError, match="not found"):
        Embedder(path=tmp_path / "absent.onnx")
