"""The command line, end to end, on the demo corpus and on bad input (real files, real SQLite)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from newsprism.interfaces.cli import main
from newsprism.report import load_schema


def _articles_in(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("demo")
    paths = {"json": out / "r.json", "md": out / "r.md", "db": out / "n.db"}
    code = main(
        [
            "analyze",
            str(demo_dir / "articles"),
            "--json",
            str(paths["json"]),
            "--md",
            str(paths["md"]),
            "--db",
            str(paths["db"]),
        ]
    )
    assert code == 0
    return paths


def test_cli_analyze_writes_json_that_validates(demo_run: dict[str, Path]) -> None:
    report = json.loads(demo_run["json"].read_text(encoding="utf-8"))
    jsonschema.validate(report, load_schema())
    assert len(report["stories"]) == 4


def test_cli_analyze_claim_spans_index_article_text(demo_run: dict[str, Path]) -> None:
    report = json.loads(demo_run["json"].read_text(encoding="utf-8"))
    for story in report["stories"]:
        texts = {a["id"]: a["text"] for a in story["articles"]}
        for claim in story["claims"]:
            assert texts[claim["article"]][claim["start"] : claim["end"]] == claim["text"]


def test_cli_analyze_writes_markdown_with_brief(demo_run: dict[str, Path]) -> None:
    md = demo_run["md"].read_text(encoding="utf-8")
    assert md.count("### Brief") == 4
    assert "### Disagreements" in md and "### Corroborated facts" in md


def test_cli_analyze_twice_does_not_duplicate_articles(
    demo_run: dict[str, Path], demo_dir: Path
) -> None:
    before = _articles_in(demo_run["db"])
    assert (
        main(
            [
                "analyze",
                str(demo_dir / "articles"),
                "--db",
                str(demo_run["db"]),
                "--json",
                str(demo_run["json"].with_suffix(".2.json")),
            ]
        )
        == 0
    )
    assert _articles_in(demo_run["db"]) == before == 13


def test_cli_bad_inputs_rejected_one_line_each_rest_analysed(
    tmp_path: Path, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    for name in ("tram_eastmoor_gazette.txt", "tram_radio_eastmoor.md"):
        shutil.copy(demo_dir / "articles" / name, good / name)
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 40,
        "invalid.txt": "Caf\u00e9 owners said ".encode() + b"\xff\xfe\xfa broken " * 50,
        "nothing.html": b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fp:  # 50 MB, sparse: the size check must not read it
        fp.truncate(50 * 1024 * 1024)
    empty_dir = tmp_path / "nothing_here"
    empty_dir.mkdir()
    inputs = [str(good)] + [str(tmp_path / n) for n in bad] + [str(huge), str(empty_dir)]
    code = main(["analyze", *inputs, "--no-db", "--json", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    rejected = [line for line in err.splitlines() if line.startswith("rejected ")]
    assert code == 1
    assert len(rejected) == len(bad) + 2
    for name in [*bad, "huge.txt", "nothing_here"]:
        assert sum(name in line for line in rejected) == 1, name
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sum(len(s["articles"]) for s in report["stories"]) == 2
    assert len(report["rejections"]) == len(rejected)


def test_cli_nothing_to_analyse_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path / "empty.txt"), "--no-db"]) == 5
    assert "nothing to analyse" in capsys.readouterr().err


def test_cli_corrupt_store_is_refused_and_left_intact(
    tmp_path: Path, demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    code = main(["analyze", str(demo_dir / "articles" / "tram_radio_eastmoor.md"), "--db", str(db)])
    assert code == 4
    assert db.read_bytes() == before
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_cli_extract_prints_clean_text_and_removed(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = demo_dir / "articles" / "ferry_newsloop.html"
    assert main(["extract", str(src)]) == 0
    payload = json.loads(capsys.readouterr().out)
    (article,) = payload["articles"]
    assert article["outlet"] == "Newsloop"
    kinds = {r["kind"] for r in article["removed"]}
    assert {"comments", "cookie"} <= kinds
