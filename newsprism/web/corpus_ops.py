"""The two corpus operations the web app needs, in one place: analyse one stored story,
and add articles to the corpus. Both go through the same functions as the CLI
(``newsprism.corpus``)."""

from __future__ import annotations

from collections.abc import Sequence

from .. import corpus
from ..config import Settings
from ..model import Analysis, Article
from ..resources import Resources
from ..storage import Store


def analyze_stored_story(
    store: Store, story_id: str, settings: Settings, resources: Resources
) -> Analysis:
    """The claim stages (claims, align, compare) on one stored corpus story."""
    return corpus.analyze_story(store, story_id, settings, resources)


def add_articles(store: Store, articles: Sequence[Article], resources: Resources) -> None:
    """Add cleaned articles to the corpus of ``store`` (``newsprism add``'s placement)."""
    corpus.add(store, articles, resources.embedder)
