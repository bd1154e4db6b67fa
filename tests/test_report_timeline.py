"""build_timeline: dated facts once per (date, group), publication events, date order."""

from __future__ import annotations

from newsprism.report import build_timeline
from newsprism.report.example import example_analysis


def test_report_timeline_is_sorted_by_date() -> None:
    dates = [e["date"] for e in build_timeline(example_analysis().stories[0])]
    assert dates == sorted(dates)
    assert dates[-1] == "2024-04"


def test_report_timeline_lists_a_fact_once_per_date_and_group() -> None:
    events = [e for e in build_timeline(example_analysis().stories[0]) if e["kind"] == "event"]
    keys = [(e["date"], e["group"]) for e in events]
    assert len(keys) == len(set(keys))
    # three outlets date the rescue to 2024-03-12: one entry, told by the origin (NPA)
    rescue = [e for e in events if e["group"] == "g1"]
    assert len(rescue) == 1 and rescue[0]["outlet"] == "NPA"
    assert rescue[0]["text"].startswith("A passenger ferry ran aground off Havstad on Tuesday")


def test_report_timeline_skips_unresolved_dates() -> None:
    events = build_timeline(example_analysis().stories[0])
    assert not any(e["group"] == "g7" for e in events)  # "before" has no value


def test_report_timeline_marks_publication_of_each_article() -> None:
    published = [
        e for e in build_timeline(example_analysis().stories[0]) if e["kind"] == "published"
    ]
    assert [(e["date"], e["outlet"]) for e in published] == [
        ("2024-03-12", "NPA"),
        ("2024-03-12", "Havstad Herald"),
        ("2024-03-13", "Coastline Daily"),
    ]
    assert all(e["precision"] == "day" and e["claim"] is None for e in published)


def test_report_timeline_keeps_month_precision() -> None:
    events = build_timeline(example_analysis().stories[0])
    report_due = next(e for e in events if e["date"] == "2024-04")
    assert report_due["precision"] == "month"
    assert (
        report_due["text"] == "Investigators are expected to publish a first report in April 2024."
    )
