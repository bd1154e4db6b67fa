"""Property: clean raises only NewsprismError, and every paragraph comes from the input."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean_document
from newsprism.clean.decode import decode_bytes
from newsprism.errors import NewsprismError
from newsprism.model import Document

LINES = [
    "Ferry crews returned to work on Sunday after a nine-day strike, the operator said.",
    "“I think we waited too long,” said Ingrid Moe, the company's head of operations.",
    "Storm warning for the weekend",
    "By Lena Ortiz and Tomas Berg",
    "2024-11-20",
    "© 2024 Nordic Press Agency. All rights reserved.",
    "https://www.coastalledger.example/news/ferry",
    "Comment: I can't believe it took this long.",
    "ked,",
    "Most read",
    "-",
    "- The council voted to extend the night bus service for another year.",
    "Stay informed as the story develops.",
    "# Heading",
    "We use cookies to improve your experience. Accept all to continue.",
    "",
]


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def _check(content: bytes, media_type: str) -> None:
    try:
        art = clean_document(Document("prop", content, media_type))
    except NewsprismError:
        return
    source = _squash(decode_bytes(content))
    for paragraph in art.text.split("\n"):
        assert paragraph.strip() == paragraph and paragraph
        assert _squash(paragraph) in source


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES) | st.text(max_size=80), max_size=25))
def test_clean_property_mixed_lines_only_keep_input_text(lines: list[str]) -> None:
    _check("\n".join(lines).encode("utf-8"), "text/plain")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["text/plain", "text/markdown", "text/html"]))
def test_clean_property_random_bytes_raise_only_our_errors(data: bytes, media_type: str) -> None:
    _check(data, media_type)
