"""A throwaway PostgreSQL server for the tests and benchmarks: ``initdb`` + ``pg_ctl`` from
Debian's ``postgresql`` package, in a temporary folder, on a free loopback port.

``initdb`` refuses to run as root, so under root (CI) the server runs as the ``postgres``
user the package creates, in a folder handed to that user. Without the binaries,
:func:`start` raises :class:`Unavailable`; the test fixture skips on it, except where the
``CI`` variable is set, where it fails (CI must run these tests).

    .venv/bin/python tests/pgserver.py      # start one, print its URL, stop on Ctrl-C
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path


class Unavailable(RuntimeError):
    """No PostgreSQL server can be started here (binaries missing, or start failed)."""


def find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    return candidates[-1] if candidates else None  # fmt: skip


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: Path
    port: int
    pg_ctl: str
    prefix: list[str]  # how to run as the server's user

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://newsprism@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        name = "t" + uuid.uuid4().hex[:12]
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.prefix, self.pg_ctl, "-D", str(self.base / "data"), "-m", "fast",
                        "-w", "stop"], capture_output=True, check=False, timeout=60)  # fmt: skip
        shutil.rmtree(self.base, ignore_errors=True)


def start() -> Server:
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise Unavailable("initdb/pg_ctl not found (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="newsprism-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base, ignore_errors=True)
            raise Unavailable("running as root and there is no postgres user") from None
        os.chown(base, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data = base / "data"
    init = subprocess.run(
        [*prefix, initdb, "-D", str(data), "-U", "newsprism", "--auth=trust", "-E", "UTF8",
         "--locale=C", "--no-sync"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise Unavailable(f"initdb failed: {init.stderr.strip()[-300:]}")
    last = ""
    for _ in range(5):  # a port found free may be taken before the server binds it
        port = _free_port()
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
        run = subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60",
             "-o", options, "start"],
            capture_output=True, text=True, check=False, timeout=90,
        )  # fmt: skip
        if run.returncode == 0:
            return Server(base, port, pg_ctl, prefix)
        last = run.stderr.strip() or run.stdout.strip()
        time.sleep(0.5)
    shutil.rmtree(base, ignore_errors=True)
    raise Unavailable(f"pg_ctl start failed: {last[-300:]}")


if __name__ == "__main__":
    server = start()
    print(server.url(), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
