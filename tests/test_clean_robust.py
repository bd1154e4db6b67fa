"""clean on hostile input: an Article or an InputError, never a crash or a hang."""

from __future__ import annotations

import random

import pytest

from newsprism.clean import clean_document
from newsprism.errors import InputError
from newsprism.model import Article, Document

PARA = (
    "<p>Ferry crews in the northern harbour returned to work on Sunday after their union "
    "accepted a pay offer, the operator said.</p>"
)


def _clean_or_error(content: bytes, media_type: str = "text/html") -> Article | InputError:
    try:
        return clean_document(Document("hostile", content, media_type))
    except InputError as exc:
        return exc


@pytest.mark.parametrize("closed", [True, False])
def test_clean_robust_nested_div_bomb(closed: bool) -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + PARA + ("</div>" * depth if closed else "")
    result = _clean_or_error(page.encode())
    assert isinstance(result, Article | InputError)
    if isinstance(result, InputError):
        assert "no article text found" in str(result)


def test_clean_robust_nested_inline_bomb() -> None:
    page = "<html><body><p>" + "<b>" * 50_000 + PARA + "</b>" * 50_000 + "</p></body></html>"
    assert isinstance(_clean_or_error(page.encode()), Article | InputError)


def test_clean_robust_five_megabyte_page() -> None:
    rng = random.Random(3)
    words = "ferry crews harbour returned union accepted offer council bridge storm".split()
    paras: list[str] = []
    size = 0
    while size < 5_000_000:
        words_here = " ".join(rng.choice(words) for _ in range(40)).capitalize()
        paras.append(f"<p>{words_here} number {len(paras)}.</p>\n")
        size += len(paras[-1])
    page = "<html><head><title>Long</title></head><body><article>" + "".join(paras)
    result = _clean_or_error((page + "</article></body></html>").encode())
    assert isinstance(result, Article)
    assert result.text.count("\n") + 1 >= 0.9 * len(paras)


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe" + "Ferry crews returned".encode("utf-16-le") + b"\x00\xd8\x41",  # lone high
        b"\xff\xfe" + "<html><body><p>Ferry crews</p>".encode("utf-16-le") + b"\x00\xdc",
        b"\xfe\xff" + "Ferry crews".encode("utf-16-be") + b"\xd8",  # odd length
    ],
)
def test_clean_robust_invalid_utf16_is_an_input_error(content: bytes) -> None:
    for media_type in ("text/plain", "text/html"):
        result = _clean_or_error(content, media_type)
        assert isinstance(result, InputError) and "invalid UTF-16" in str(result)


def test_clean_robust_declared_charset_of_html_is_used() -> None:
    page = (
        '<html><head><meta charset="windows-1251"></head><body><article>'
        "<p>Паромщики северной гавани вернулись к работе в воскресенье после того, как их "
        "профсоюз принял предложение по зарплате, сообщил оператор.</p></article></body></html>"
    )
    result = _clean_or_error(page.encode("cp1251"))
    assert isinstance(result, Article) and "Паромщики северной гавани" in result.text
