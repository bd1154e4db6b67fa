"""clean on bad input: one InputError / Rejection with a one-line reason; a batch goes on."""

from __future__ import annotations

import pytest

from newsprism.clean import clean_document, clean_documents
from newsprism.errors import DecodeError, InputError
from newsprism.model import Document

STORY = (
    "Ferry crews in the northern harbour returned to work on Sunday after their union "
    "accepted a pay offer that ends a nine-day strike, the operator said."
)


def _doc(content: bytes, media_type: str = "text/plain", source: str = "x.txt") -> Document:
    return Document(source, content, media_type)


@pytest.mark.parametrize(
    ("content", "media_type", "reason"),
    [
        (b"", "text/plain", "no article text found"),
        (b"  \n\t\n ", "text/plain", "no article text found"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8, "text/plain", "binary file, not text"),
        (bytes(range(1, 32)) * 20, "text/plain", "binary file, not text"),
        (
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "text/html",
            "no article text found",
        ),
        (b"<html><body></body></html>", "text/html", "no article text found"),
    ],
)
def test_clean_errors_unusable_input_raises_input_error(
    content: bytes, media_type: str, reason: str
) -> None:
    with pytest.raises(InputError) as info:
        clean_document(_doc(content, media_type))
    message = str(info.value)
    assert reason in message and "\n" not in message and message.startswith("x.txt: ")


def test_clean_errors_invalid_utf8_is_a_decode_error() -> None:
    bad = b"Ferry \xc3\x28 crews \xff\xfe\x80\x81 returned " * 5
    with pytest.raises(DecodeError, match="invalid UTF-8 at byte 6"):
        clean_document(_doc(bad))


def test_clean_errors_utf16_with_bom_decodes() -> None:
    art = clean_document(_doc(STORY.encode("utf-16")))
    assert art.text == STORY


def test_clean_errors_utf8_bom_is_dropped() -> None:
    art = clean_document(_doc(b"\xef\xbb\xbf" + STORY.encode("utf-8")))
    assert art.text == STORY


def test_clean_errors_clean_cp1252_text_falls_back() -> None:
    text = "Café owners said the new rules would cost them “thousands”, the council heard."
    art = clean_document(_doc(text.encode("cp1252")))
    assert art.text == text


def test_clean_errors_batch_records_rejections_and_goes_on() -> None:
    docs = [
        _doc(b"", source="empty.txt"),
        _doc(b"\x00\x01binary\x00" * 10, source="blob.txt"),
        _doc(STORY.encode(), source="good.txt"),
        _doc(b"<html><body></body></html>", "text/html", source="blank.html"),
    ]
    articles, rejections = clean_documents(docs)
    assert [a.source for a in articles] == ["good.txt"]
    assert [(r.stage, r.source, r.reason) for r in rejections] == [
        ("clean", "empty.txt", "no article text found"),
        ("clean", "blob.txt", "binary file, not text"),
        ("clean", "blank.html", "no article text found: the page has no main text block"),
    ]


def test_clean_utf16_without_bom_decodes_both_byte_orders() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        art = clean_document(_doc(STORY.encode(codec)))
        assert art.text.split()[:3] == STORY.split()[:3], codec


def test_clean_nul_bytes_that_are_not_utf16_stay_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        clean_document(_doc(b"\x00\x01\x02\x03" * 64 + STORY.encode()))
