"""Stories stage: group articles about the same event."""

from .grouping import ALGORITHM, StoryOptions, group_stories

__all__ = ["ALGORITHM", "StoryOptions", "group_stories"]
