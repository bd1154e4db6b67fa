"""`newsprism serve` as a real process on a real socket, and the rules it starts by."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from newsprism.interfaces.cli import main


def test_web_serve_refuses_another_host_without_a_token(
    web_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    assert main(["serve", "--db", str(web_db), "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "refusing to serve on 0.0.0.0 without a token" in err[0]


def test_web_serve_answers_over_a_socket(web_db: Path) -> None:
    env = {**os.environ, "NEWSPRISM_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism.interfaces.cli", "serve", "--db", str(web_db),
         "--port", "0"],
        stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "(read-only)" in line, line
        url = line.split(" at ")[1].split(" ")[0]
        with urllib.request.urlopen(url + "api/stories?limit=1", timeout=30) as response:
            data = json.loads(response.read())
            headers = response.headers
        assert data["total"] >= 5 and len(data["stories"]) == 1
        assert "default-src 'self'" in headers["Content-Security-Policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()


def test_web_serve_says_when_the_port_is_taken(
    web_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(web_db), "--port", str(port)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"newsprism: cannot listen on 127.0.0.1:{port} (")
