"""Storage: keep analyses and read them back, behind one small protocol.

``open_store("path/to/newsprism.db")`` (or ``"sqlite:///path"``) gives an
:class:`SQLiteStore`; a PostgreSQL store may follow behind the same :class:`Store`
protocol. Stages never import this package: interfaces pass a store around.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from ..errors import ConfigError, StorageError
from ..model import Analysis, Article, StoryAnalysis
from .sqlite import SQLiteStore

__all__ = ["SQLiteStore", "StorageError", "Store", "open_store"]


@runtime_checkable
class Store(Protocol):
    def save_analysis(self, analysis: Analysis) -> str: ...

    def load_analysis(self, run_id: str | None = None) -> Analysis: ...

    def list_runs(self) -> list[dict[str, Any]]: ...

    def list_stories(self, run_id: str | None = None) -> list[dict[str, Any]]: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def counts(self) -> dict[str, int]: ...

    # browsing (the web app and the JSON API): see newsprism/storage/browse.py
    def load_story(self, story_id: str) -> tuple[str, StoryAnalysis] | None: ...

    def story_summaries(
        self, limit: int = 50, offset: int = 0, query: str | None = None
    ) -> tuple[int, list[dict[str, Any]]]: ...

    def story_summary(self, story_id: str) -> dict[str, Any] | None: ...

    def article_stories(self, article_id: str) -> list[str]: ...

    def revision(self) -> str: ...

    def close(self) -> None: ...


def open_store(url_or_path: str) -> Store:
    """A store for a path or URL: a file path or ``sqlite:///path`` opens SQLite;
    ``postgres://`` URLs are not supported yet (ConfigError)."""
    target = url_or_path.strip()
    if not target:
        raise ConfigError("no store given: pass a database path such as newsprism.db")
    scheme, sep, rest = target.partition("://")
    if not sep or len(scheme) < 2:  # a plain path (or a Windows drive letter)
        return SQLiteStore(target)
    if scheme == "sqlite":
        # sqlite:///relative.db, sqlite:////absolute/path.db, sqlite:// for memory
        path = rest[1:] if rest.startswith("/") else rest
        return SQLiteStore(path or ":memory:")
    if scheme in ("postgres", "postgresql"):
        raise ConfigError("PostgreSQL storage is not available yet; use an SQLite file path")
    raise ConfigError(f"unknown store URL scheme {scheme!r}; use a file path or sqlite:///path")
