"""A web page with rare flaws is read as a browser reads it; plain text stays strict; text
in a script without spaces has words to count. Pages and text we wrote."""
# ruff: noqa: E501  (article text is kept as written, one paragraph a line)

from __future__ import annotations

import pytest

from newsprism.clean import clean_document
from newsprism.clean.document import word_count
from newsprism.errors import DecodeError, InputError
from newsprism.model import Document

PARAS = [
    "Ferry crews in the northern harbour returned to work on Sunday morning after their union accepted a pay offer that ends a nine-day strike, the operator said.",
    "The agreement gives deckhands and engineers a raise of 6.5 percent this year and a further 3 percent next spring, according to a statement from the union.",
    "The operator said the full timetable would be restored by Monday evening, once safety checks on the three larger vessels were finished.",
]


def _page(extra: bytes) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS).encode("utf-8")
    style = b"<style>" + b".article p { margin: 0 0 1em 0; line-height: 1.5; }\n" * 60 + b"</style>"
    head = (
        b"<html><head><title>Ferry strike ends</title>"
        + style
        + b"</head><body><article><h1>Ferry strike ends</h1>"
    )
    return head + b'<img src="banner.gif" alt="">' + extra + body + b"</article></body></html>"


def test_clean_decode_stray_nul_bytes_in_a_page_are_dropped() -> None:
    art = clean_document(Document("p.html", _page(b"\x00" * 3), "text/html"))
    assert art.text == "\n".join(PARAS)


def test_clean_decode_a_rare_invalid_byte_in_a_utf8_page_is_replaced() -> None:
    page = _page("Gr\u00fc\u00dfe".encode("utf-8") + b" \xff ")
    art = clean_document(Document("p.html", page, "text/html"))
    assert art.text.endswith(PARAS[-1])


def test_clean_decode_plain_text_with_a_nul_byte_is_still_binary() -> None:
    content = ("\n".join(PARAS) + "\x00").encode("utf-8")
    with pytest.raises(InputError, match="binary file"):
        clean_document(Document("p.txt", content, "text/plain"))


def test_clean_decode_a_page_full_of_invalid_bytes_is_still_an_error() -> None:
    page = _page(b"\xff\xfe\x80\x81" * 400)
    with pytest.raises(DecodeError, match="invalid UTF-8"):
        clean_document(Document("p.html", page, "text/html"))


def test_clean_decode_japanese_text_has_words_to_count() -> None:
    text = "東京都は五日、新しい防災計画を発表した。 地震の際の避難所を増やす。"
    assert word_count(text) >= 10
    assert word_count("Ferry crews returned") == 3
    art = clean_document(Document("ja.txt", text.encode("utf-8"), "text/plain"))
    assert art.text == text
