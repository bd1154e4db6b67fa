"""`newsprism add`, `newsprism stories` and `newsprism analyze --story` on real files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_stories_incremental import COUNCIL, FOLLOW_UP, QUAKE_A, QUAKE_B

from newsprism.interfaces.cli import main
from newsprism.interfaces.progress import Progress
from newsprism.model import Article, Story


def _write(folder: Path, articles: list[Article]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(articles):
        head = f"{a.title}\nSource: {a.outlet}\nPublished: {a.published}\n\n"
        (folder / f"{i:02d}.txt").write_text(head + a.text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("corpus")
    db = tmp / "c.db"
    assert main(["add", str(_write(tmp / "one", [*QUAKE_A, *QUAKE_B])), "--db", str(db)]) == 0
    assert main(["add", str(_write(tmp / "two", [*COUNCIL, FOLLOW_UP])), "--db", str(db)]) == 0
    return db


def _stories(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, list[dict[str, object]]]:
    capsys.readouterr()
    assert main(["stories", "--db", str(db)]) == 0
    data: dict[str, list[dict[str, object]]] = json.loads(capsys.readouterr().out)
    return data


def test_cli_corpus_stories_json_shape(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stories = _stories(corpus, capsys)["stories"]
    assert [s["size"] for s in stories] == [4, 2, 1]  # earliest first: Mendara, Tavira, council
    quake = stories[0]
    assert set(quake) >= {"id", "headline", "articles", "first", "last"}
    assert quake["headline"] == QUAKE_A[0].title
    assert (quake["first"], quake["last"]) == ("2025-01-06", "2025-01-13")
    article = quake["articles"][0]  # type: ignore[index]
    assert set(article) == {"id", "source", "outlet", "published"}
    assert article["outlet"] == "Mendara Daily"


def test_cli_corpus_stories_table(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["stories", "--db", str(corpus), "--table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["story", "size"] and len(lines) == 4
    assert "Council approves new library budget" in lines[3]


def test_cli_corpus_add_again_adds_nothing(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _stories(corpus, capsys)
    folder = _write(tmp_path / "again", [*QUAKE_B, *COUNCIL])
    assert main(["add", str(folder), "--db", str(corpus)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["added"] == 0 and summary["skipped"] == 3
    assert _stories(corpus, capsys) == before


def test_cli_corpus_analyze_story_writes_its_report(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story_id = str(_stories(corpus, capsys)["stories"][1]["id"])
    out = tmp_path / "r.json"
    assert main(["analyze", "--story", story_id, "--db", str(corpus), "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    (story,) = report["stories"]
    assert story["id"] == story_id == Story.make_id((QUAKE_B[0].id,))
    assert {a["outlet"] for a in story["articles"]} == {"Tavira Post", "Coastal Radio"}
    assert any("Lunel" in c["text"] for c in story["claims"])


def test_cli_corpus_analyze_unknown_story_exits_4(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "--story", "s0000000000", "--db", str(corpus)]) == 4
    assert "no story" in capsys.readouterr().err


def test_cli_corpus_analyze_needs_articles_or_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--no-db"]) == 2
    assert "--story" in capsys.readouterr().err


def test_cli_progress_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress(10, "adding", stream)
    bar(5)
    bar(10)
    bar.close()
    assert stream.getvalue() == ""


def test_cli_progress_draws_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = Progress(4, "adding", stream)
    bar(4)
    bar.close()
    assert "adding [" in stream.getvalue() and "4/4" in stream.getvalue()


def test_cli_corpus_analyze_story_uses_stored_near_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Flooding closed the Arrow Valley rail line on Monday after the river rose two "
        "metres overnight, the operator said."
    )  # under the 20 words the text comparison needs, so only MinHash links the copy
    wire = Article(id=Article.make_id(text), source="w", text=text, title="Rail line shut",
                   outlet="Valley Wire", published="2025-02-03")  # fmt: skip
    reworded = text.replace("the operator said", "its operator said")  # not the same id
    copy = Article(id=Article.make_id(reworded), source="c", text=reworded, title="Rail line",
                   outlet="Town Courier", published="2025-02-04")  # fmt: skip
    db = tmp_path / "c.db"
    assert main(["add", str(_write(tmp_path / "a", [wire])), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["add", str(_write(tmp_path / "b", [copy])), "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)["near_duplicates"] == 1
    story_id = str(_stories(db, capsys)["stories"][0]["id"])
    out = tmp_path / "r.json"
    assert main(["analyze", "--story", story_id, "--db", str(db), "--json", str(out)]) == 0
    (story,) = json.loads(out.read_text(encoding="utf-8"))["stories"]
    kinds = [(d["kind"], "MinHash" in d["evidence"]) for d in story["derivations"]]
    assert kinds == [("copy", True)]
