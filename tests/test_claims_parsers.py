"""Golden tests for parse_quantities and parse_dates (no model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.claims import parse_dates, parse_quantities


def _one(text: str):  # type: ignore[no-untyped-def]
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_claims_quantity_more_than_is_lower_bound() -> None:
    q = _one("More than 160 countries have signed the treaty.")
    assert (q.low, q.high, q.unit, q.value) == (160, None, "country", None)


def test_claims_quantity_at_least_money() -> None:
    q = _one("weapons worth at least $275 million were sent")
    assert (q.low, q.high, q.unit) == (275e6, None, "USD")


def test_claims_quantity_about_is_approximate_band() -> None:
    q = _one("a range of about 190 miles")
    assert q.approximate and q.unit == "mile" and q.value == 190
    assert q.low == pytest.approx(171) and q.high == pytest.approx(209)


def test_claims_quantity_nearly_words() -> None:
    q = _one("since Russia invaded nearly three years ago")
    assert q.unit == "year" and q.high == 3 and q.low is not None and 2.4 < q.low < 3


def test_claims_quantity_hyphen_unit_and_count() -> None:
    assert (_one("its 1,000-day milestone").value, _one("its 1,000-day milestone").unit) == (
        1000,
        "day",
    )
    q = _one("one of the 164 parties to the convention")
    assert (q.low, q.high, q.unit) == (164, 164, "party")


def test_claims_quantity_percent_and_every() -> None:
    assert _one("prices rose 20% in a year").unit == "percent"
    assert _one("deployed every 20 minutes").unit == "minute"


def test_claims_quantity_duration_range() -> None:
    q = _one("inert after four hours to two weeks")
    assert (q.low, q.high, q.unit) == (4, 336, "hour")


def test_claims_quantity_conversion_keeps_both() -> None:
    found = parse_quantities("$275 million (approximately 382.2 billion KRW)")
    assert [q.unit for q in found] == ["USD", "KRW"]
    assert found[1].approximate


def test_claims_quantity_years_and_day_ordinals_are_not_quantities() -> None:
    assert parse_quantities("In June 2022 and again in 2014, on the 19th, at 3:30") == []
    assert parse_quantities("F-16 jets and COVID-19 on November 20") == []


def test_claims_quantity_offset_shifts_spans() -> None:
    q = parse_quantities("about 190 miles", offset=100)[0]
    assert (q.start, q.end) == (100, 115)


def test_claims_dates_weekday_resolves_to_on_or_before_published() -> None:
    d = parse_dates("Austin told reporters on Wednesday.", "2024-11-21")[0]
    assert (d.text, d.value, d.precision) == ("Wednesday", "2024-11-20", "day")


def test_claims_dates_day_of_month_uses_previous_month_when_later() -> None:
    assert parse_dates("On the 19th (local time)", "2024-11-20")[0].value == "2024-11-19"
    assert parse_dates("On the 25th, it began", "2024-11-20")[0].value == "2024-10-25"


def test_claims_dates_absolute_month_and_year() -> None:
    found = parse_dates("In June 2022 he acted, as he did in 2014.", None)
    assert [(d.value, d.precision) for d in found] == [("2022-06", "month"), ("2014", "year")]


def test_claims_dates_unresolved_without_published() -> None:
    found = parse_dates("on Tuesday and on November 20", None)
    assert [d.value for d in found] == [None, None]
    assert parse_dates("on November 20", "2024-11-21")[0].value == "2024-11-20"


def test_claims_dates_vague_spans_skipped() -> None:
    assert parse_dates("in recent months", "2024-11-20") == []


def test_claims_dateline_is_not_part_of_the_first_sentence() -> None:
    from newsprism.claims.sentences import split_sentences

    text = "OSLO, Norway (NPA) — A bridge in the city centre was closed on Monday after a crack.\n"
    text += "WASHINGTON — The agency said the fine would be paid within a month."
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == [
        "A bridge in the city centre was closed on Monday after a crack.",
        "The agency said the fine would be paid within a month.",
    ]


def test_claims_quote_of_two_sentences_stays_one_sentence() -> None:
    from newsprism.claims.sentences import split_sentences

    text = '"We were lucky. Nobody was hurt," the captain said. The port reopened on Sunday.'
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == [
        '"We were lucky. Nobody was hurt," the captain said.',
        "The port reopened on Sunday.",
    ]


def test_claims_dates_clock_time_and_week_keep_precision() -> None:
    found = parse_dates("Sirens sounded at 06:40 local time last week.", "2024-11-21")
    assert [(d.text, d.value, d.precision) for d in found] == [
        ("06:40 local time", None, "time"),
        ("last week", None, "week"),
    ]


def test_claims_quantity_clock_time_is_not_a_quantity() -> None:
    found = parse_quantities("The shelling began at 6.30 p.m. and killed 4 people.")
    assert [q.text for q in found] == ["4 people"]


def test_claims_quantity_words_and_hyphenated_days() -> None:
    found = parse_quantities("After ninety minutes the 1,000-day siege ended.")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("ninety minutes", 90.0, "minute"),
        ("1,000-day", 1000.0, "day"),
    ]


_PHRASES = st.sampled_from([
    "about 190 miles", "nearly 20", "four hours to two weeks", "$1.5 billion", "3.5%",
    "between 10 and 15 people", "more than 160 countries", "€20 million", "ninety minutes",
    "up to 5,000 troops", "10-15 people", "at least $275 million", "in 2014", "on Tuesday",
])  # fmt: skip
_FILLER = st.sampled_from(["The report said", "and", "while", "officials added,", ".", "x"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_PHRASES, _FILLER), min_size=1, max_size=8))
def test_claims_quantity_property_spans_bounds_and_determinism(parts: list[str]) -> None:
    text = " ".join(parts)
    first = parse_quantities(text, 7)
    assert first == parse_quantities(text, 7)
    for q in first:
        assert text[q.start - 7 : q.end - 7] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
    for d in parse_dates(text, "2024-11-21", 3):
        assert text[d.start - 3 : d.end - 3] == d.text


def test_claims_parsers_vote_tally_is_one_value() -> None:
    from newsprism.claims import parse_quantities

    (tally,) = parse_quantities("The House passed the measure 234-193 late on Thursday.")
    assert (tally.text, tally.unit, tally.counts, tally.value) == (
        "234-193",
        "tally",
        (234, 193),
        None,
    )
    (ruling,) = parse_quantities("In a 7-2 ruling, the justices sided with the state.")
    assert ruling.counts == (7, 2)
    (spoken,) = parse_quantities("Senators voted 52 to 48 to confirm her.")
    assert spoken.counts == (52, 48)


def test_claims_parsers_range_stays_one_value_with_two_ends() -> None:
    from newsprism.claims import parse_quantities

    (span,) = parse_quantities("Between 10 and 15 people were hurt in the blast.")
    assert (span.low, span.high, span.value, span.counts) == (10, 15, None, ())


def test_claims_parsers_date_that_names_an_event_is_not_a_date() -> None:
    from newsprism.claims import parse_dates

    found = parse_dates("He led the post-9/11 rebuilding after the July 4th holiday.", "2024-11-20")
    assert [(d.text, d.value, d.precision) for d in found] == [
        ("post-9/11", None, "name"),
        ("July 4th", None, "name"),
    ]


def test_claims_parsers_slashed_fraction_is_not_a_date() -> None:
    from newsprism.claims import parse_dates

    assert parse_dates("About 3/4 of the voters backed the plan.", "2024-11-20") == []


def test_claims_parsers_weekday_of_a_past_event_that_was_expected_resolves_back() -> None:
    from newsprism.claims import parse_dates

    # "expected" on its own is not a future verb: the vote already happened
    (d,) = parse_dates("The vote, which was expected, took place on Thursday.", "2024-11-20")
    assert d.value == "2024-11-14"


def test_claims_parsers_weekday_resolves_forward_for_what_is_to_come() -> None:
    from newsprism.claims import parse_dates

    wednesday = "2024-11-20"
    (ahead,) = parse_dates("The House will vote on Thursday on the bill.", wednesday)
    (past,) = parse_dates("The House voted on Thursday on the bill.", wednesday)
    assert (ahead.value, past.value) == ("2024-11-21", "2024-11-14")
