"""Outlet names: inferred where the text says it, what the user names always wins, one
label per article (newsprism/outlets.py, clean/document.py, the --outlet option)."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.clean import clean_documents
from newsprism.clean.document import CleanOptions
from newsprism.ingest import read_sources
from newsprism.model import Article
from newsprism.outlets import article_label, file_label

WIRE = (
    "WASHINGTON (AP) — The Senate passed the spending bill on Wednesday by a vote of 52-48, "
    "sending it to the House.\n\nThe House is expected to vote on Thursday, leaders said.\n\n"
    "The measure funds the government through March, when talks on a longer deal resume."
)


def _outlets(tmp_path: Path, records: list[dict[str, str]], options: CleanOptions) -> list[str]:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    docs, _ = read_sources([str(path)])
    articles, rejected = clean_documents(docs, options)
    assert not rejected
    return [a.outlet or "" for a in articles]


def test_outlets_file_label_drops_a_hash_like_suffix() -> None:
    assert file_label("../shared/seeds/001_748678f593ee2890.txt") == "001"
    assert file_label("feeds/today.jsonl:3") == "today:3"
    assert file_label("report-2024.html") == "report-2024"


def test_outlets_label_never_uses_the_headline() -> None:
    art = Article(id="a1", source="pages/7f3a9c2e41d0b8a6.html", text="x", title="Big news")
    assert article_label(art) == "7f3a9c2e41d0b8a6"
    assert article_label(Article(id="a2", source="-", text="x", url="https://www.ex.com/a")) == (
        "ex.com"
    )


def test_outlets_record_outlet_wins_over_copyright_line(tmp_path: Path) -> None:
    record = {"outlet": "Washington Times", "text": WIRE + "\n\n© 2024 The Washington Times, LLC"}
    assert _outlets(tmp_path, [record], CleanOptions()) == ["Washington Times"]


def test_outlets_record_outlet_wins_over_the_wire_it_runs(tmp_path: Path) -> None:
    record = {"outlet": "Fox News", "text": WIRE + "\n\n© 2024 The Associated Press."}
    assert _outlets(tmp_path, [record], CleanOptions()) == ["Fox News"]


def test_outlets_dateline_agency_names_an_article_that_says_nothing_else(tmp_path: Path) -> None:
    assert _outlets(tmp_path, [{"text": WIRE}], CleanOptions()) == ["AP"]


def test_outlets_byline_names_the_outlet(tmp_path: Path) -> None:
    record = {"text": "By Ann Lee | The Daily Herald\n\n" + WIRE.split(" — ", 1)[1]}
    assert _outlets(tmp_path, [record], CleanOptions()) == ["The Daily Herald"]


def test_outlets_named_on_the_command_line_win(tmp_path: Path) -> None:
    record = {"outlet": "Fox News", "text": WIRE}
    options = CleanOptions(outlets=(("records.jsonl", "Fox News Digital"),))
    assert _outlets(tmp_path, [record], options) == ["Fox News Digital"]


def test_outlets_cli_option_names_an_input(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from newsprism.interfaces.cli import main

    path = tmp_path / "0042_9f86d081884c7d65.txt"
    path.write_text(WIRE.split(" — ", 1)[1], encoding="utf-8")
    assert main(["extract", str(path), "--outlet", f"{path.name}=Valley Gazette"]) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    assert article["outlet"] == "Valley Gazette"
    assert main(["extract", str(path), "--outlet", "no-equals-sign"]) == 2
