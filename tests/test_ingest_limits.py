"""ingest limits: archives and binaries refused by format, huge files refused by size
without being read, a nesting bomb that neither ingest nor clean crashes on, and the CLI
options that set the fetch rules."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from newsprism.clean import clean_document
from newsprism.errors import ConfigError, InputError
from newsprism.ingest import read_sources
from newsprism.interfaces import cli

STORY = "Ferry crews returned to work on Sunday after a nine-day strike ended.\n"


def test_ingest_limits_zip_files_are_refused_naming_the_format(tmp_path: Path) -> None:
    archive = tmp_path / "stories.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("story.txt", STORY)
    disguised = tmp_path / "story.html"
    disguised.write_bytes(archive.read_bytes())
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    docs, rejections = read_sources([str(archive), str(disguised), str(good)])
    assert [d.source for d in docs] == [str(good)]
    assert [r.source for r in rejections] == [str(archive), str(disguised)]
    assert all(r.reason.startswith("a zip archive") for r in rejections)


def test_ingest_limits_compressed_and_pdf_stdin_are_refused() -> None:
    _, rejections = read_sources(["-"], stdin=io.BytesIO(gzip.compress(STORY.encode())))
    assert rejections[0].reason.startswith("gzip-compressed")
    _, rejections = read_sources(["-"], stdin=io.BytesIO(b"%PDF-1.7\n" + STORY.encode()))
    assert rejections[0].reason == "a PDF file; save its text first"


def test_ingest_limits_gzip_that_is_not_a_warc_is_rejected(tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc.gz"
    fake.write_bytes(gzip.compress(STORY.encode() * 20))
    docs, rejections = read_sources([str(fake)])
    assert docs == [] and len(rejections) == 1
    assert "WARC" in rejections[0].reason


def test_ingest_limits_fifty_megabyte_page_is_refused_by_size_unread(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body><p>start</p>")
        fh.truncate(50 * 1024 * 1024)  # sparse: the size is real, the bytes never written
    docs, rejections = read_sources([str(big)])
    assert docs == []
    assert rejections[0].reason == "larger than 10000000 bytes (52428800); not read"


@pytest.mark.parametrize("closed", [True, False])
def test_ingest_limits_nesting_bomb_gives_article_or_input_error(
    tmp_path: Path, closed: bool
) -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + f"<p>{STORY}</p>"
    page += ("</div>" * depth if closed else "") + "</body></html>"
    bomb = tmp_path / "bomb.html"
    bomb.write_text(page, encoding="utf-8")
    docs, rejections = read_sources([str(bomb)])
    assert rejections == [] and docs[0].media_type == "text/html"
    try:
        article = clean_document(docs[0])
    except InputError as exc:
        assert str(exc).startswith(str(bomb))
    else:
        assert "nine-day strike" in article.text


def test_ingest_limits_cli_fetch_options_reach_the_ingest_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NEWSPRISM_TIMEOUT", raising=False)
    monkeypatch.delenv("NEWSPRISM_ALLOW_PRIVATE", raising=False)
    parser = cli.build_parser()
    args = parser.parse_args(["extract", "--allow-private", "--timeout", "2.5", "x.txt"])
    ingest = cli._settings(args).ingest
    assert (ingest.allow_private, ingest.timeout) == (True, 2.5)
    default = cli._settings(parser.parse_args(["analyze", "x.txt"])).ingest
    assert (default.allow_private, default.timeout) == (False, 15.0)


def test_ingest_limits_bad_timeout_is_a_config_error() -> None:
    args = cli.build_parser().parse_args(["extract", "--timeout", "0", "x.txt"])
    with pytest.raises(ConfigError, match="positive number of seconds"):
        cli._settings(args)
