"""The command line as a hostile user drives it, in real processes: names that are not
UTF-8 or that try to forge lines, a reader that closes the pipe, an unexpected exception."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.interfaces import cli

ROOT = Path(__file__).resolve().parent.parent
STORY = (
    "Ferry crews in the northern harbour returned to work on Sunday after their union "
    "accepted a pay offer, the operator said. The strike had lasted nine days.\n"
)


def _newsprism(*args: str | bytes, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    """``newsprism ARGS`` in a fresh interpreter; output as bytes (names may not be UTF-8)."""
    command = [sys.executable, "-m", "newsprism.interfaces.cli", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, timeout=timeout, check=False)


def test_cli_non_utf8_file_name_gives_a_whole_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"m\xf6we-ferry.txt"), "wb") as fh:
        fh.write(STORY.encode())
    done = _newsprism("analyze", str(folder), "--no-db", "--json", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    report = json.loads(done.stdout)  # whole and valid UTF-8 JSON
    assert report["stories"][0]["articles"][0]["source"].endswith("m\\xf6we-ferry.txt")


def test_cli_non_utf8_file_name_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(STORY.encode())
    done = _newsprism("analyze", str(folder), "--db", str(tmp_path / "n.db"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")


def test_cli_file_names_cannot_split_or_forge_stderr_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    forged = "x.txt\nrejected everything.txt: forged line"
    (folder / f"{forged}.txt").write_bytes(b"")
    (folder / "\u202eevil.txt").write_bytes(b"")
    done = _newsprism("extract", str(folder), cwd=tmp_path)
    lines = done.stderr.decode("utf-8").splitlines()
    assert done.returncode == 1
    assert len(lines) == 2  # one line per bad file, whatever its name holds
    assert all(line.startswith('rejected "') for line in lines)
    assert not any("\u202e" in line for line in lines)
    assert any("\\u202eevil.txt" in line for line in lines)
    assert any("x.txt\\nrejected everything.txt: forged line" in line for line in lines)


def test_cli_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "newsprism.interfaces.cli", "stories", "--db", "c.db"]
    with subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before anything is written (`| head -0`)
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    assert code == cli.EXIT_PIPE
    assert err == b""


def test_cli_unexpected_exception_exits_6_with_its_traceback(
    tmp_path: Path,
    demo_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsprism.report

    def broken(analysis: object) -> dict:
        raise RuntimeError("report builder broke")

    monkeypatch.setattr(newsprism.report, "build_report", broken)  # a bug, injected
    article = demo_dir / "articles" / "tram_eastmoor_gazette.txt"
    code = cli.main(["analyze", str(article), "--no-db", "--json", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERNAL != cli.EXIT_PARTIAL
    assert "newsprism: internal error: RuntimeError: report builder broke" in err
    assert "Traceback" in err
