"""ingest of WARC files written with warcio: response records in, the rest passed over,
a truncated copy keeps what came before the cut."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest import read_sources

PAGES = {
    "https://harbour.example/ferry": "Ferry crews returned to work on Sunday after a strike.",
    "https://coast.example/crews": "The operator said all routes would run normally again.",
}


def _write_warc(path: Path, *, gzip: bool) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i, (uri, text) in enumerate(PAGES.items()):
            body = f"<html><body><article><p>{text}</p>{'<p>more words</p>' * 200}"
            body += "</article></body></html>"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            data = body.encode()
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(data), length=len(data), http_headers=headers
            )
            writer.write_record(record)
            if i == 0:
                request = StatusAndHeaders(
                    "GET /ferry HTTP/1.1", [("Host", "harbour.example")], is_http_request=True
                )
                writer.write_record(
                    writer.create_warc_record(
                        uri, "request", payload=io.BytesIO(b""), length=0, http_headers=request
                    )
                )
    return path


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_ingest_warc_response_records_become_documents(
    tmp_path: Path, name: str, gzip: bool
) -> None:
    warc = _write_warc(tmp_path / name, gzip=gzip)
    docs, rejections = read_sources([str(warc)])
    assert rejections == []
    assert [d.source for d in docs] == list(PAGES)
    assert all(d.media_type == "text/html" for d in docs)
    assert b"returned to work on Sunday" in docs[0].content


@pytest.mark.parametrize("name,gzip", [("cut.warc", False), ("cut.warc.gz", True)])
def test_ingest_warc_truncated_copy_keeps_records_before_the_cut(
    tmp_path: Path, name: str, gzip: bool
) -> None:
    whole = _write_warc(tmp_path / ("whole-" + name), gzip=gzip).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(whole[: len(whole) - len(whole) // 5])
    docs, rejections = read_sources([str(cut)])
    assert [d.source for d in docs] == ["https://harbour.example/ferry"]
    assert len(rejections) == 1
    assert "truncated" in rejections[0].reason or "cut off" in rejections[0].reason


def test_ingest_warc_file_that_is_not_a_warc_is_one_rejection(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_text("this is not a web archive at all\n" * 10, encoding="utf-8")
    docs, rejections = read_sources([str(fake)])
    assert docs == [] and len(rejections) == 1
    assert rejections[0].reason.startswith("not a WARC file")
