"""newsprism: many news reports of one event in, one verified and cited picture out.

The library API (``compare_claims``, ``check`` and their result types) is loaded on first
use, so that importing ``newsprism`` loads no model and no heavy library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["CheckResult", "Checker", "Span", "Verdict", "check", "compare_claims"]

if TYPE_CHECKING:  # pragma: no cover
    from .api import Checker, CheckResult, Span, Verdict, check, compare_claims


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
