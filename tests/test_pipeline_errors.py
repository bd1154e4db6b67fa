"""The per-article error policy: a library's exception inside a stage rejects that one
article with the stage, the exception type and its message; the rest is analysed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import StageError
from newsprism.pipeline import analyze
from newsprism.resources import Resources

TRAM = ("tram_eastmoor_gazette.txt", "tram_eastmoor_local.txt", "tram_radio_eastmoor.md")


def _one_huge_paragraph(path: Path) -> Path:
    """1.2 MB of words in one paragraph: within the size cap, beyond spaCy's 1,000,000
    characters per text, so the claims stage's parser raises ValueError [E088]."""
    words = "the ferry crews returned to work after the strike ended in the harbour".split()
    path.write_text(" ".join(words[i % len(words)] for i in range(220_000)) + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in TRAM:
        shutil.copy(demo_dir / "articles" / name, folder / name)
    _one_huge_paragraph(folder / "wall_of_words.txt")
    return folder


def test_pipeline_claims_failure_rejects_only_that_article(
    corpus: Path, resources: Resources
) -> None:
    analysis = analyze([str(corpus)], resources=resources).analysis
    rejected = [(Path(r.source).name, r.stage, r.reason) for r in analysis.rejections]
    assert len(rejected) == 1
    name, stage, reason = rejected[0]
    assert (name, stage) == ("wall_of_words.txt", "claims")
    assert reason.startswith("claims failed: ValueError: [E088] Text of length")
    analysed = {Path(a.source).name for s in analysis.stories for a in s.articles}
    assert analysed == set(TRAM)


def test_pipeline_claims_failure_under_strict_names_the_article(
    corpus: Path, resources: Resources
) -> None:
    with pytest.raises(StageError, match=r"wall_of_words\.txt: claims failed: ValueError"):
        analyze([str(corpus)], settings=Settings(on_error="raise"), resources=resources)
