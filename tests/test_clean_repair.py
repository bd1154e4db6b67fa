"""Glued-word repair: split two words written together, never a real word."""

from __future__ import annotations

import pytest

from newsprism.clean import CleanOptions, clean_document
from newsprism.clean.repair import RepairSettings, english_zipf, repair_glued, split_glued
from newsprism.model import Document

SETTINGS = RepairSettings()


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("urgentactions", "urgent actions"),
        ("administrationis", "administration is"),
        ("assaultsagainst", "assaults against"),
        ("divisionat", "division at"),
    ],
)
def test_clean_repair_splits_two_frequent_words(glued: str, split: str) -> None:
    assert split_glued(glued, english_zipf(), SETTINGS) == split


@pytest.mark.parametrize(
    "word",
    [
        "therapist",
        "nowhere",
        "understand",
        "hyperpersonalized",  # a prefix and a word: one derived word
        "brokeness",  # a word and a suffix
        "upsample",
        "earhooks",  # a rare three-letter half is not enough
    ],
)
def test_clean_repair_never_splits_words(word: str) -> None:
    assert split_glued(word, english_zipf(), SETTINGS) is None


def test_clean_repair_leaves_names_urls_and_tags_alone() -> None:
    text = (
        "Officials at Northharbour said the plan was urgent, and residents can see "
        "https://example.org/urgentactions or write to urgentactions@example.org, tagging "
        "#urgentactions, while the Urgentactions group met; the council asked for "
        "urgentactions."
    )
    repaired, repairs = repair_glued(text, english_zipf())
    assert [r.after for r in repairs] == ["urgent actions"]
    assert repaired.endswith("the council asked for urgent actions.")
    assert "https://example.org/urgentactions" in repaired and "#urgentactions" in repaired
    assert "the Urgentactions group" in repaired and "Northharbour" in repaired


def test_clean_repair_only_on_english_text() -> None:
    text = (
        "Pemerintah daerah mengumumkan bahwa jembatan baru akan dibuka bulan depan setelah "
        "pekerjaan selesai, dan warga menyambut keputusan itu dengan gembira hadits."
    )
    assert repair_glued(text, english_zipf()) == (text, [])


def test_clean_repair_can_be_switched_off() -> None:
    text = b"The council called for urgentactions after the storm damaged the harbour wall."
    on = clean_document(Document("t", text, "text/plain"))
    off = clean_document(
        Document("t", text, "text/plain"), CleanOptions(repair=RepairSettings(enabled=False))
    )
    assert (on.repairs, off.repairs) == (1, 0)
    assert "urgent actions" in on.text and "urgentactions" in off.text
