"""Hostile inputs through the real command line, one process each: what happens, the exit
code, the wall time and the peak memory of the process.

    .venv/bin/python bench/reliability.py [--only NAME,...]

Each case builds its input in a temporary folder (a FIFO, a name that is not UTF-8, a
loopback server that sends headers one line at a time, a gzip bomb, ...), runs
``newsprism`` on it next to one good article, and prints one row: the case, the command,
the exit code, what stderr says about the hostile input, wall seconds, peak RSS of the
process (``wait4``). The baseline row is the good article alone. Cases that need
``../shared`` are skipped without it. The table is the one in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from test_ingest_http import Route, _send, _Server  # noqa: E402 - the tests' own server

SHARED = ROOT.parent / "shared"
GOOD = ROOT / "fixtures" / "demo" / "articles" / "tram_eastmoor_gazette.txt"
PAGE = b"<html><head><title>Strike ends</title></head><body><article><p>" + (
    b"Ferry crews in the northern harbour returned to work on Sunday after their union "
    b"accepted a pay offer, the operator said.</p></article></body></html>"
)


@dataclass
class Row:
    case: str
    command: str
    code: int
    said: str
    seconds: float
    rss_mb: float


def run(
    args: list[str], cwd: Path, timeout: float = 600, close_stdout: bool = False
) -> tuple[int, str, float, float]:
    """``newsprism ARGS`` in a fresh process: exit code, stderr, wall s, peak RSS MB."""
    command = [sys.executable, "-m", "newsprism.interfaces.cli", *args]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=err)
        assert proc.stdout is not None  # noqa: S101 - set by Popen above
        if close_stdout:
            proc.stdout.close()
        else:
            threading.Thread(target=proc.stdout.read, daemon=True).start()
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "backslashreplace")
    return proc.returncode, text, time.perf_counter() - started, usage.ru_maxrss / 1024


def _said(stderr: str, needle: str) -> str:
    for line in stderr.splitlines():
        if needle in line:
            return line.strip()[:150]
    lines = [x for x in stderr.splitlines() if x.strip()]
    return (lines[-1] if lines else "(nothing)")[:150]


# -- loopback servers --------------------------------------------------------------------


@contextlib.contextmanager
def server(routes: dict[str, Route]) -> Iterator[str]:
    """The loopback server of the HTTP tests, serving ``routes``; yields its base URL."""
    srv = _Server()
    srv.routes.update(routes)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield srv.base
    finally:
        srv.shutdown()
        srv.server_close()


def trickle(h: BaseHTTPRequestHandler) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for i in range(300):  # one header line a second for five minutes
        h.wfile.write(f"X-Slow-{i}: 1\r\n".encode())
        h.wfile.flush()
        time.sleep(1.0)


def slow_redirect(target: str) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        time.sleep(8.0)
        h.send_response(302)
        h.send_header("Location", target)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def gzip_bomb(size: int) -> bytes:
    """``size`` bytes of spaces, gzip-compressed, made without holding them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b" " * 1_000_000
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.flush()


# -- the cases ---------------------------------------------------------------------------


def _rss(item: str) -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{item}</channel></rss>'
    ).encode()


def cases(tmp: Path) -> Iterator[tuple[str, list[str], str, dict[str, object]]]:
    """(case, newsprism arguments, what to look for on stderr, run options)."""
    good = str(GOOD)
    yield "baseline: one good article", ["extract", good], "", {}
    f = tmp / "refs.rss"
    content = "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
    f.write_bytes(
        _rss(
            f"<item><title>A &#x110000; B &#xD800;</title><link>https://h.example/a"
            f"</link>{content}<![CDATA[{PAGE.decode()}]]></content:encoded></item>"
        )
    )
    yield "feed: `&#x110000;`, `&#xD800;`", ["extract", str(f), good], "rejected", {}
    f = tmp / "nested.rss"
    f.write_bytes(_rss("<item><link><item>x</item></link></item>"))
    yield "feed: `<link><item>` nesting", ["extract", str(f), good], "nested", {}
    f = tmp / "surrogate.jsonl"
    f.write_text(
        '{"title": "A \\ud800 B", "text": "Ferry crews returned to work on Sunday '
        'after the strike ended, the operator said. \\udfff"}\n',
        encoding="utf-8",
    )
    yield 'JSON record with `"\\ud800"`', ["extract", str(f), good], "rejected", {}
    f = tmp / "ogurl.html"
    f.write_bytes(PAGE.replace(b"<head>", b'<head><meta property="og:url" content="s://[x">'))
    yield "page with `og:url` `s://[x`", ["extract", str(f), good], "rejected", {}
    f = tmp / "urlline.txt"
    f.write_text(GOOD.read_text(encoding="utf-8") + "\nhttp://[link]\n", encoding="utf-8")
    yield "text with a URL line `http://[link]`", ["extract", str(f)], "rejected", {}
    polnear = SHARED / "datasets/attribution/polnear/train/text"
    name = "usa-today_2016-06-27_orlando-shootings-temper-lgbt-pr.txt"
    if (polnear / name).is_file():
        yield (
            "real sentence that crashed attribution (PolNeAR)",
            ["analyze", str(polnear / name), good, "--no-db", "--json", str(tmp / "r.json")],
            "rejected",
            {},
        )
    f = tmp / "wall.txt"
    words = "the ferry crews returned to work after the strike ended in the harbour".split()
    f.write_text(" ".join(words[i % len(words)] for i in range(220_000)), encoding="utf-8")
    yield (
        "1.2 MB paragraph (spaCy E088 in claims)",
        ["analyze", str(f), good, "--no-db", "--json", str(tmp / "r2.json")],
        "claims",
        {},
    )
    folder = tmp / "names"
    folder.mkdir()
    (folder / "good.txt").write_bytes(GOOD.read_bytes())
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(GOOD.read_bytes().replace(b"Eastmoor", b"Westmoor"))
    yield (
        "file name not UTF-8 (`--no-db --json -`)",
        ["analyze", str(folder), "--no-db", "--json", "-"],
        "analysed",
        {},
    )
    yield (
        "file name not UTF-8 (stored)",
        ["analyze", str(folder), "--db", str(tmp / "n.db")],
        "analysed",
        {},
    )
    fifo = tmp / "fifo"
    fifo.mkdir()
    (fifo / "good.txt").write_bytes(GOOD.read_bytes())
    os.mkfifo(fifo / "pipe.txt")
    yield "FIFO inside a folder", ["extract", str(fifo)], "FIFO", {"timeout": 120}
    loop = tmp / "loop.txt"
    loop.symlink_to(loop)
    yield "symlink loop given directly", ["extract", str(loop), good], "loop", {}
    forged = tmp / "forged"
    forged.mkdir()
    (forged / "x.txt\nrejected all.txt: forged").write_bytes(b"")
    (forged / "\u202eevil.txt").write_bytes(b"")
    yield "names with a newline and U+202E", ["extract", str(forged), good], "forged", {}
    yield (
        "closed pipe (`stories \\| head -0`)",
        ["stories", "--db", str(tmp / "c.db")],
        "",
        {"close_stdout": True},
    )


def url_cases(base: str) -> Iterator[tuple[str, list[str], str, dict[str, object]]]:
    fetch = ["--allow-private"]
    yield (
        "server sends one header line a second (`--timeout 5`)",
        ["extract", f"{base}/trickle", str(GOOD), *fetch, "--timeout", "5"],
        "timed out",
        {"timeout": 200},
    )
    yield (
        "five redirects of 8 s each (`--timeout 15`)",
        ["extract", f"{base}/r0", str(GOOD), *fetch, "--timeout", "15"],
        "timed out",
        {"timeout": 200},
    )
    yield (
        "gzip bomb: 1 GB inside 1 MB (cap 10 MB)",
        ["extract", f"{base}/bomb", str(GOOD), *fetch],
        "larger",
        {},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="cases whose name contains one of these")
    args = parser.parse_args()
    wanted = [w for w in args.only.split(",") if w]
    routes: dict[str, Route] = {"/trickle": trickle}
    for i in range(5):
        routes[f"/r{i}"] = slow_redirect(f"/r{i + 1}")
    routes["/r5"] = _send(200, PAGE, Content_Type="text/html")
    routes["/bomb"] = _send(
        200, gzip_bomb(1_000_000_000), Content_Type="text/html", Content_Encoding="gzip"
    )
    rows: list[Row] = []
    print(f"{'case':<55} {'exit':>4} {'wall s':>7} {'RSS MB':>7}  stderr")
    with tempfile.TemporaryDirectory() as tmp, server(routes) as base:
        for case, argv, needle, opts in [*cases(Path(tmp)), *url_cases(base)]:
            if wanted and not any(w in case for w in wanted):
                continue
            code, err, wall, rss = run(argv, Path(tmp), **opts)  # type: ignore[arg-type]
            row = Row(
                case, " ".join(argv[:1]), code, _said(err, needle) if needle else "", wall, rss
            )
            rows.append(row)
            print(f"{case:<55} {code:>4} {wall:>7.1f} {rss:>7.0f}  {row.said}", flush=True)
    base_rss = rows[0].rss_mb if rows and rows[0].case.startswith("baseline") else 0
    if base_rss:
        worst = max(rows, key=lambda r: r.rss_mb)
        ratio = worst.rss_mb / base_rss
        print(f"peak RSS {worst.rss_mb:.0f} MB ({worst.case}), {ratio:.1f}x the baseline")


if __name__ == "__main__":
    main()
