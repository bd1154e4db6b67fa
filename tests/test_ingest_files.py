"""ingest: files, folders, stdin -> Documents; unusable sources -> one Rejection each."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsprism.ingest import IngestOptions, read_sources

STORY = "Ferry crews returned to work on Sunday after a nine-day strike ended.\n"
PAGE = "<!DOCTYPE html><html><body><article><p>Ferry crews returned.</p></article></body></html>"


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_ingest_folder_walks_sorted_and_skips_other_files(tmp_path: Path) -> None:
    _write(tmp_path / "b" / "two.md", "# Ferry\n\n" + STORY)
    _write(tmp_path / "a.txt", STORY)
    _write(tmp_path / "c.html", PAGE)
    _write(tmp_path / "notes.pdf", b"%PDF-1.4")
    _write(tmp_path / ".hidden.txt", STORY)
    _write(tmp_path / ".git" / "x.txt", STORY)
    docs, rejections = read_sources([str(tmp_path)])
    names = [Path(d.source).relative_to(tmp_path).as_posix() for d in docs]
    assert names == ["a.txt", "b/two.md", "c.html"]
    assert [d.media_type for d in docs] == ["text/plain", "text/markdown", "text/html"]
    assert rejections == []


def test_ingest_stdin_sniffs_html_and_text() -> None:
    docs, _ = read_sources(["-", "-"], stdin=io.BytesIO(PAGE.encode()))
    assert docs[0].source == "-" and docs[0].media_type == "text/html"
    docs, _ = read_sources(["-"], stdin=io.BytesIO(STORY.encode()))
    assert docs[0].media_type == "text/plain" and docs[0].content == STORY.encode()


def test_ingest_missing_path_is_rejected_and_batch_goes_on(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", STORY)
    docs, rejections = read_sources([str(tmp_path / "nope.txt"), str(good)])
    assert [d.source for d in docs] == [str(good)]
    assert len(rejections) == 1
    assert rejections[0].stage == "ingest" and "no such file" in rejections[0].reason


def test_ingest_empty_name_is_rejected_not_read_as_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Path("") is ".": an empty argument ("$UNSET") must not read the working folder
    good = _write(tmp_path / "good.txt", STORY)
    monkeypatch.chdir(tmp_path)
    docs, rejections = read_sources(["", "  ", str(good)])
    assert [d.source for d in docs] == [str(good)]
    assert [r.reason for r in rejections] == ["an empty name is not a file, folder or URL"] * 2


def test_ingest_empty_and_whitespace_files_are_rejected(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b"")
    blank = _write(tmp_path / "blank.txt", b" \n\t \r\n")
    docs, rejections = read_sources([str(empty), str(blank)])
    assert docs == []
    assert [r.reason for r in rejections] == [
        "empty file (0 bytes)",
        "empty file (whitespace only)",
    ]


def test_ingest_oversized_file_is_rejected_without_reading(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.txt", "x" * 101)
    small = _write(tmp_path / "small.txt", "y" * 100)
    docs, rejections = read_sources([str(big), str(small)], options=IngestOptions(max_bytes=100))
    assert [d.source for d in docs] == [str(small)]
    assert rejections[0].source == str(big)
    assert "larger than 100 bytes" in rejections[0].reason and "\n" not in rejections[0].reason


def test_ingest_oversized_stdin_is_rejected() -> None:
    docs, rejections = read_sources(
        ["-"], stdin=io.BytesIO(b"z" * 50), options=IngestOptions(max_bytes=10)
    )
    assert docs == [] and "larger than 10 bytes" in rejections[0].reason


def test_ingest_folder_without_articles_is_rejected(tmp_path: Path) -> None:
    _write(tmp_path / "only.pdf", b"%PDF")
    docs, rejections = read_sources([str(tmp_path)])
    assert docs == []
    assert rejections[0].reason.startswith("no .txt/.md/.html/.htm/.json/")
    assert rejections[0].reason.endswith(f" files in {tmp_path}")


def test_ingest_unreadable_file_is_rejected(tmp_path: Path) -> None:
    locked = _write(tmp_path / "locked.txt", STORY)
    locked.chmod(0)
    try:
        docs, rejections = read_sources([str(locked)])
    finally:
        locked.chmod(0o644)
    if docs:  # running as root: permissions do not stop reading
        assert docs[0].content == STORY.encode()
    else:
        assert rejections[0].reason.startswith("cannot read")


def test_ingest_utf16_whitespace_only_is_empty(tmp_path: Path) -> None:
    blank = _write(tmp_path / "blank16.txt", "   \n ".encode("utf-16"))
    _, rejections = read_sources([str(blank)])
    assert rejections[0].reason == "empty file (whitespace only)"


def test_ingest_stdin_markdown_is_sniffed() -> None:
    import io

    from newsprism.ingest import read_sources

    md = b"# Council approves budget\n\nThe council voted on [the plan](https://example.org/x).\n"
    docs, rejected = read_sources(["-"], stdin=io.BytesIO(md))
    assert not rejected
    assert docs[0].media_type == "text/markdown"
