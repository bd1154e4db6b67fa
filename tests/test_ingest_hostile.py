"""ingest on hostile inputs found by fuzzing and by hand: each is one clear Rejection (or a
usable Document) and the rest of the batch goes on; nothing raises, nothing hangs."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from newsprism.clean import clean_document
from newsprism.ingest import read_sources
from newsprism.model import Document

STORY = (
    "Ferry crews in the northern harbour returned to work on Sunday after their union "
    "accepted a pay offer, the operator said.\n"
)


def _rss(item: str) -> str:
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
    return f"{head}{item}</channel></rss>"


def _read_in_thread(sources: list[str], seconds: float = 30.0) -> tuple[list, list]:
    """read_sources in a thread, so that a regression (a hang) fails instead of blocking."""
    found: list[tuple[list, list]] = []
    thread = threading.Thread(target=lambda: found.append(read_sources(sources)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert found, f"read_sources({sources}) did not return within {seconds} s"
    return found[0]


@pytest.mark.parametrize("ref", ["&#x110000;", "&#xD800;", "&#55296;", "&#0;", "&#x99999999999;"])
def test_ingest_feed_character_reference_naming_no_character_is_read(
    tmp_path: Path, ref: str
) -> None:
    item = (
        f"<item><title>Strike ends {ref}</title><link>https://harbour.example/a</link>"
        f"<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
        f"<![CDATA[<p>{STORY}</p>]]></content:encoded></item>"
    )
    feed = tmp_path / "refs.rss"
    feed.write_text(_rss(item), encoding="utf-8")
    docs, rejections = read_sources([str(feed)])
    assert rejections == []
    assert len(docs) == 1 and "Strike ends" in docs[0].content.decode("utf-8")


def test_ingest_feed_malformed_link_nesting_is_one_rejection(tmp_path: Path) -> None:
    feed = tmp_path / "nested.rss"
    feed.write_text(_rss("<item><link><item>x</item></link></item>"), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    docs, rejections = read_sources([str(feed), str(good)])
    assert [d.source for d in docs] == [str(good)]
    assert [r.source for r in rejections] == [str(feed)]
    assert rejections[0].reason == ("not a readable feed: feedparser failed (KeyError: 'links')")


def test_ingest_records_lone_surrogate_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    record = {"title": "Strike \ud800 ends", "text": STORY + "Half a pair: \udfff."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # JSON keeps the escapes
    docs, rejections = read_sources([str(path)])
    assert rejections == []
    text = docs[0].content.decode("utf-8")
    assert "Strike \ufffd ends" in text and "Half a pair: \ufffd." in text


@pytest.mark.parametrize("url", ["s://[x", "http://[link]", "http://a:port/x"])
def test_clean_unparseable_og_url_counts_as_no_url(url: str) -> None:
    page = (
        f'<html><head><meta property="og:url" content="{url}"><title>Strike ends</title>'
        f"</head><body><article><p>{STORY}</p></article></body></html>"
    )
    article = clean_document(Document("page.html", page.encode(), "text/html"))
    assert article.url is None and "pay offer" in article.text


def test_clean_unparseable_url_line_in_text_counts_as_no_url() -> None:
    text = f"{STORY}\nhttp://[link]\n"
    article = clean_document(Document("pasted.txt", text.encode(), "text/plain"))
    assert article.url is None and article.outlet is None


def test_ingest_fifo_in_folder_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a_story.txt").write_text(STORY, encoding="utf-8")
    os.mkfifo(tmp_path / "b_pipe.txt")  # nobody writes: opening it would block forever
    docs, rejections = _read_in_thread([str(tmp_path)])
    assert [Path(d.source).name for d in docs] == ["a_story.txt"]
    assert [(Path(r.source).name, r.reason) for r in rejections] == [
        ("b_pipe.txt", "a named pipe (FIFO), not a regular file; skipped")
    ]


def test_ingest_dangling_link_in_folder_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a_story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    docs, rejections = read_sources([str(tmp_path)])
    assert len(docs) == 1
    assert [r.reason for r in rejections] == ["cannot read: No such file or directory; skipped"]


def test_ingest_symlink_loop_given_directly_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    docs, rejections = read_sources([str(loop)])
    assert docs == []
    assert [r.reason for r in rejections] == ["cannot read: Too many levels of symbolic links"]


def test_ingest_missing_file_is_still_no_such_file(tmp_path: Path) -> None:
    _, rejections = read_sources([str(tmp_path / "absent.txt")])
    assert [r.reason for r in rejections] == ["no such file or folder"]


def test_ingest_non_utf8_file_name_is_read_under_a_printable_name(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9-story.txt"), "wb") as fh:
        fh.write(STORY.encode())
    docs, rejections = read_sources([str(tmp_path)])
    assert rejections == []
    assert docs[0].source.endswith("caf\\xe9-story.txt")
    docs[0].source.encode("utf-8")  # a valid name for stdout, JSON and SQLite
