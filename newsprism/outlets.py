"""How an article is named: one label per article, the same in every part of the report.

The label is the article's outlet (``Article.outlet``: what the user gave, else what the
page or text says reliably, see ``clean.document``), else the host of its URL, else the
file's stem without a hash-like suffix ("001_748678f593ee2890.txt" -> "001"), else its id.
Never its headline: a headline is not a name, and two articles by one outlet share the
outlet's name anyway.

This module also holds what newsprism knows about outlet names: the words that mark a name
as a news outlet or agency, and which names are wire agencies (a wire credit in an
outlet's article says where the story came from, not who published the page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

from .model import Article
from .urls import url_host

# Words that make a capitalised name a news outlet or agency ("The Washington Post", "AFP").
OUTLET_CUES = frozenset(
    "post times news press agency reuters ap afp dpa journal tribune guardian telegraph "
    "bloomberg cnn bbc npr xinhua tass yonhap kyodo herald gazette broadcasting television "
    "radio wire axios politico economist chronicle observer independent ria interfax "
    "ukrinform nhk abc cbs nbc fox msnbc ansa efe pti newsweek standard mail express mirror "
    "examiner inquirer courier daily weekly magazine".split()
)
# News agencies whose stories other outlets run under their own name.
WIRE_AGENCIES = frozenset([
    "ap", "associated press", "the associated press", "reuters", "afp",
    "agence france-presse", "agence france presse", "dpa", "upi",
    "united press international", "ansa", "efe", "kyodo", "kyodo news", "xinhua", "yonhap",
    "tass", "ria novosti", "interfax", "pa", "press association", "pti",
    "press trust of india",
])  # fmt: skip

_HASH_SUFFIX = re.compile(r"[_\-.](?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}$")
_RECORD_SUFFIX = re.compile(r"(:\d+|\[\d+\])$")


def looks_like_outlet(name: str) -> bool:
    """A capitalised name with a word that marks a news outlet or agency."""
    words = [w.lower().strip(".,'’") for w in name.split()]
    return bool(words) and name[:1].isupper() and any(w in OUTLET_CUES for w in words)


def is_wire(name: str) -> bool:
    """Whether ``name`` is a wire agency ("AP", "The Associated Press", "Reuters")."""
    key = " ".join(name.lower().replace(",", " ").split())
    key = re.sub(r"\b(?:llc|inc|ltd|corp|plc)\b\.?", "", key).strip(" .")
    return key in WIRE_AGENCIES


def host_label(url: str | None) -> str | None:
    """The host of a URL without "www.", or None."""
    if not url:
        return None
    host = url_host(url)
    return host.removeprefix("www.") if host else None


def file_label(source: str) -> str | None:
    """The stem of a file name without a hash-like suffix ("002_ba8127a50a07fec1.txt" ->
    "002"); a record's position stays ("feed.jsonl:3" -> "feed:3"). None for stdin."""
    name = PurePosixPath(source.replace("\\", "/")).name if source else ""
    if not name or name == "-":
        return None
    record = _RECORD_SUFFIX.search(name)
    tail = record.group(1) if record else ""
    stem = name[: len(name) - len(tail)] if tail else name
    stem = stem.split(".")[0] or stem
    short = _HASH_SUFFIX.sub("", stem) or stem
    return short + tail


def outlet_label(outlet: str | None, url: str | None, source: str, article_id: str) -> str:
    """The name to cite an article by (see the module docstring)."""
    if outlet:
        return outlet
    return host_label(url) or host_label(source) or file_label(source) or article_id


def article_label(article: Article) -> str:
    return outlet_label(article.outlet, article.url, article.source, article.id)


def labels_by_article(articles: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Article id -> the label the report cites it by, for report (or store summary)
    article dicts (``id``, and ``outlet``, ``url``, ``source`` when known)."""
    return {
        a["id"]: outlet_label(a.get("outlet"), a.get("url"), a.get("source") or "", a["id"])
        for a in articles
    }
