"""The SQLite store (stdlib ``sqlite3``): every analysis kept as a run, articles shared.

One file holds many runs and the corpus of ``newsprism add`` (see ``storage.sql`` and
``storage.corpus`` for what is kept). The file is in WAL mode, so readers never wait for a
writer; writers take the database's write lock with ``BEGIN IMMEDIATE`` and wait for each
other up to ``timeout`` seconds (SQLite's busy timeout), so two processes writing one file
serialise instead of failing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import StorageError
from . import browse
from .corpus import CorpusTables
from .migrations import MIGRATIONS, migrate
from .sql import Tx, now, reason

SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path) -> None:
    """Refuse, without touching it, a path that cannot be an SQLite database."""
    if path.is_dir():
        raise StorageError("is a directory, not a database file", source=str(path))
    if not path.exists():
        return
    try:
        with path.open("rb") as fp:
            head = fp.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"cannot read the store ({reason(exc)})", source=str(path)) from exc
    if head and head != SQLITE_HEADER:
        raise StorageError(
            "not an SQLite database (left untouched); give another --db path", source=str(path)
        )


class SQLiteStore(CorpusTables):
    """A store in one SQLite file (or ``":memory:"``). See the module docstring."""

    def __init__(
        self, path: str | Path, *, clock: Callable[[], datetime] = now, timeout: float = 60.0
    ) -> None:
        self.path = str(path)
        self._clock = clock
        memory = self.path == ":memory:"
        if not memory:
            _check_file(Path(self.path))
        self._conn: sqlite3.Connection
        try:
            # Callers that share one store between threads (the web app) serialise their
            # calls; the connection may then be used from any of those threads.
            self._conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StorageError(
                f"cannot open the store ({reason(exc)}); check that the folder exists "
                "and is writable",
                source=self.path,
            ) from exc
        try:
            self._prepare(memory)
        except sqlite3.Error as exc:
            self._conn.close()
            raise StorageError(
                f"cannot open the store ({reason(exc)}); is the file corrupt or read-only?",
                source=self.path,
            ) from exc
        except StorageError:
            self._conn.close()
            raise

    def _prepare(self, memory: bool) -> None:
        conn = self._conn
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StorageError(
                f"store schema version {version} is newer than this newsprism knows "
                f"({len(MIGRATIONS)}); upgrade newsprism",
                source=self.path,
            )
        if version == 0:
            foreign = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if foreign:
                raise StorageError(
                    "an SQLite database of another application (left untouched)",
                    source=self.path,
                )
        conn.execute("PRAGMA foreign_keys = ON")
        if not memory and version < len(MIGRATIONS):
            conn.execute("PRAGMA journal_mode = WAL")
        migrate(lambda: self._tx("migrate the store"), _user_version, _set_user_version)
        browse.ensure_index(conn)

    # -- transactions -----------------------------------------------------------------

    _errors = (sqlite3.Error,)

    def _begin(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")  # waits for the write lock (busy timeout)

    def _end(self, commit: bool) -> None:
        if commit:
            self._conn.execute("COMMIT")
        elif self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    # -- browsing (the web app and the JSON API; see storage.browse) ---------------------

    def story_summaries(
        self, limit: int = 50, offset: int = 0, query: str | None = None
    ) -> tuple[int, list[dict[str, Any]]]:
        """(how many stories match, the summaries of ``limit`` of them from ``offset``),
        newest first, of every story of the runs and of the corpus; ``query``: words that
        must each be in the headline, a title or a claim."""
        return browse.story_page(self.query, limit, offset, query)

    def story_summary(self, story_id: str) -> dict[str, Any] | None:
        """The summary of one story (as in ``story_summaries``), or None."""
        return browse.story_summary(self.query, story_id)

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check``: ``"ok"`` for a sound file."""
        return "; ".join(str(r[0]) for r in self.query("PRAGMA integrity_check"))


def _user_version(tx: Tx) -> int:
    return int(tx.query("PRAGMA user_version")[0][0])


def _set_user_version(tx: Tx, version: int) -> None:
    tx.execute(f"PRAGMA user_version = {version:d}")
