"""The two corpus operations the web app needs, in one place: analyse one stored story,
and add articles to the corpus. Both go through the same functions as the CLI.

(Until the corpus library layer ``newsprism.corpus`` is on main, these call the CLI's
``analyze_story`` and ``storage.corpus.add_articles``; then they call ``corpus.analyze_story``
and ``corpus.add``.)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..model import Analysis, Article
from ..resources import Resources
from ..storage import Store


def analyze_stored_story(
    store: Store, story_id: str, settings: Settings, resources: Resources
) -> Analysis:
    """The claim stages (claims, align, compare) on one stored corpus story."""
    from ..interfaces.cli import analyze_story

    del resources  # the CLI's function loads its own models
    return analyze_story(store, story_id, settings)


def add_articles(store: Store, articles: Sequence[Article], resources: Resources) -> None:
    """Add cleaned articles to the corpus of ``store`` (``newsprism add``'s placement)."""
    from ..storage.corpus import add_articles as add

    add(store, articles, resources.embedder)  # type: ignore[arg-type]
