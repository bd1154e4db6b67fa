"""ingest of JSON and JSON Lines records, with their metadata carried to the clean stage."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.clean import clean_document
from newsprism.ingest import read_sources

TEXT = (
    "Ferry crews returned to work on Sunday after a nine-day strike ended, the union said. "
    "The operator said all routes would run normally by Monday evening."
)
TEXT_RECORD = {
    "url": "https://harbour.example/2024/ferry",
    "title": "Ferry strike ends after nine days",
    "text": TEXT,
    "published": "2024-11-19T08:00:00Z",
    "outlet": "Harbour Times",
}
HTML_RECORD = {
    "url": "https://coast.example/crews",
    "title": "Crews back at work",
    "html": f"<html><head><title>Old | Site</title></head><body><article><p>{TEXT}</p>"
    "</article></body></html>",
    "published": "Tue, 19 Nov 2024 10:00:00 GMT",
    "outlet": "Coast Daily",
}


def test_ingest_records_text_record_metadata_reaches_the_article(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(TEXT_RECORD), encoding="utf-8")
    docs, rejections = read_sources([str(path)])
    assert rejections == [] and docs[0].media_type == "text/plain"
    article = clean_document(docs[0])
    assert article.source == "https://harbour.example/2024/ferry"
    assert (article.title, article.outlet, article.published, article.url) == (
        "Ferry strike ends after nine days",
        "Harbour Times",
        "2024-11-19",
        "https://harbour.example/2024/ferry",
    )
    assert article.text == TEXT


def test_ingest_records_html_record_metadata_wins_over_the_page(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([HTML_RECORD, {"title": "no body"}]), encoding="utf-8")
    docs, rejections = read_sources([str(path)])
    assert [r.reason for r in rejections] == ["record has no 'text' or 'html'"]
    assert rejections[0].source == f"{path}[1]"
    article = clean_document(docs[0])
    assert (article.title, article.outlet, article.published) == (
        "Crews back at work",
        "Coast Daily",
        "2024-11-19",
    )
    assert "nine-day strike" in article.text


def test_ingest_records_jsonl_bad_line_is_rejected_and_good_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(TEXT_RECORD),
        '{"url": "https://x.example/1", "text": "cut off',
        "",
        json.dumps({"text": TEXT, "title": 42}),
        json.dumps(HTML_RECORD),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejections = read_sources([str(path)])
    assert [d.source for d in docs] == [TEXT_RECORD["url"], HTML_RECORD["url"]]
    assert [(r.source, r.reason) for r in rejections] == [
        (f"{path}:2", "not valid JSON: Unterminated string starting at"),
        (f"{path}:4", "record field 'title' must be a string"),
    ]


def test_ingest_records_malformed_json_file_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"text": "a"}, {"text": ', encoding="utf-8")
    docs, rejections = read_sources([str(path)])
    assert docs == []
    assert [r.reason for r in rejections] == ["not valid JSON: Expecting value at line 1 column 26"]
