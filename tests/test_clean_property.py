"""Properties: clean raises only NewsprismError; every paragraph comes from the input, with
at most the spaces that glued-word repairs put back; cleaning the clean text changes nothing."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean_document
from newsprism.clean.decode import decode_bytes
from newsprism.clean.strip import normalise_line
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
    "Officials called for urgentactions by schools, and the healthdepartment agreed.",
    "Follow #floodwatch or write to desk@coastalledger.example for updates on the barrier.",
    "",
]


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def _check(content: bytes, media_type: str) -> None:
    try:
        art = clean_document(Document("prop", content, media_type))
    except NewsprismError:
        return
    # the input as the cleaner reads it: invisible characters dropped, whitespace collapsed
    source = _squash(" ".join(normalise_line(x) for x in decode_bytes(content).split("\n")))
    source_words = set(source.split())
    new_words = 0
    for paragraph in art.text.split("\n"):
        assert paragraph.strip() == paragraph and paragraph
        assert _squash(paragraph).replace(" ", "") in source.replace(" ", "")
        new_words += sum(1 for w in _squash(paragraph).split() if w not in source_words)
    assert new_words <= 2 * art.repairs  # each repair makes two words out of one
    if media_type != "text/html":
        again = clean_document(Document("again", art.text.encode("utf-8"), "text/plain"))
        assert again.text == art.text and again.repairs == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES) | st.text(max_size=80), max_size=25))
def test_clean_property_mixed_lines_only_keep_input_text(lines: list[str]) -> None:
    _check("\n".join(lines).encode("utf-8"), "text/plain")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["text/plain", "text/markdown", "text/html"]))
def test_clean_property_random_bytes_raise_only_our_errors(data: bytes, media_type: str) -> None:
    _check(data, media_type)
