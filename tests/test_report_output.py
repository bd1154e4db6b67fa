"""Output writers: JSON for programs, Markdown for people."""

from __future__ import annotations

import dataclasses
import io
import json
import math

import pytest

from newsprism.interfaces.output import render_markdown, write_json
from newsprism.model import Analysis
from newsprism.report import build_report
from newsprism.report.example import example_analysis


def test_report_write_json_round_trips_and_keeps_unicode() -> None:
    report = build_report(example_analysis())
    buf = io.StringIO()
    write_json(report, buf)
    text = buf.getvalue()
    assert json.loads(text) == report
    assert "café owner Åsa Lindqvist" in text  # not \u00e9 escapes
    assert text.startswith('{\n  "version": 1,\n  "generator": {')


def test_report_write_json_is_stable_between_calls() -> None:
    first, second = io.StringIO(), io.StringIO()
    write_json(build_report(example_analysis()), first)
    write_json(build_report(example_analysis()), second)
    assert first.getvalue() == second.getvalue()


def test_report_write_json_refuses_infinity() -> None:
    with pytest.raises(ValueError):
        write_json({"x": math.inf}, io.StringIO())


def test_report_markdown_cites_groups_and_outlets_in_the_brief() -> None:
    md = render_markdown(build_report(example_analysis()))
    single = "- _(single source)_ The harbour will stay closed until Thursday. [g5; Havstad Herald]"
    assert single in md
    assert "[d1, g1; NPA, Coastline Daily]" in md


def test_report_markdown_has_a_status_table_row_per_group() -> None:
    md = render_markdown(build_report(example_analysis()), full=True)
    assert "| Group | Status | Independent sources | Outlets | Claim |" in md
    assert "| g2 | corroborated | 2 | NPA, Havstad Herald, Coastline Daily |" in md
    assert "| g4 | single source | 1 | NPA |" in md


def test_report_markdown_shows_discrepancies_with_quote_diff() -> None:
    md = render_markdown(build_report(example_analysis()), full=True)
    assert "- **quote** (d2, group g3): NPA and Havstad Herald quote Mayor Lars Eide" in md
    assert "`We were [+very+] lucky the sea was calm`" in md


def test_report_markdown_names_who_copies_whom() -> None:
    md = render_markdown(build_report(example_analysis()))
    assert "- Havstad Herald copies NPA: 3 of 4 sentences are word for word in NPA" in md
    assert "- Coastline Daily cites Havstad Radio (not in the input):" in md


def test_report_markdown_summarises_removed_blocks_and_rejections() -> None:
    md = render_markdown(build_report(example_analysis()), full=True)
    assert "- Havstad Herald: 1 advert, 2 comments, 1 glued words repaired" in md
    assert "- pages/login-wall.html (ingest): no article text found (login page)" in md


def test_report_markdown_timeline_lists_dates_in_order() -> None:
    md = render_markdown(build_report(example_analysis()), full=True)
    first = md.index("- 2024-03-12: A passenger ferry ran aground")
    assert first < md.index("- 2024-03-13: Coastline Daily publishes") < md.index("- 2024-04:")


def test_report_markdown_escapes_pipes_and_newlines_in_table_cells() -> None:
    analysis = example_analysis()
    sa = analysis.stories[0]
    claim = sa.claims[1]
    odd_text = "rocks | at the\nharbour"
    odd = dataclasses.replace(claim, text=odd_text, content=odd_text)
    sa = dataclasses.replace(sa, claims=(sa.claims[0], odd, *sa.claims[2:]))
    md = render_markdown(build_report(Analysis(stories=(sa,))), full=True)
    assert "| rocks \\| at the harbour |" in md


def test_report_markdown_says_when_there_is_no_story() -> None:
    md = render_markdown(build_report(Analysis(stories=())))
    assert "_No story was found in the input._" in md
    assert md.startswith("# newsprism report\n\n_0 stories;")


def test_report_markdown_compact_counts_single_source_facts_per_outlet() -> None:
    md = render_markdown(build_report(example_analysis()))
    assert "| Group |" not in md and "### Timeline" not in md
    assert "### Corroborated facts" in md and "### Who copied whom" in md
    assert "- 4 facts from a single source: Coastline Daily 2, NPA 1, Havstad Herald 1" in md


def test_report_markdown_compact_shows_the_statement_of_each_corroborated_group() -> None:
    md = render_markdown(build_report(example_analysis()))
    assert (
        "- The ferry Nordlys struck rocks near the harbour entrance shortly after 7 a.m. "
        "(said by coast guard spokesperson Ingrid Moe) [g2; 2 sources: NPA, Havstad Herald, "
        "Coastline Daily]"
    ) in md
