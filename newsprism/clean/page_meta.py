"""Metadata an HTML page states in its markup: canonical URL and every author.

trafilatura reads one author string and its own idea of the URL; a page often says more:
several ``<meta name="author">`` tags, a JSON-LD ``author`` list, ``rel="author"`` links,
a ``<link rel="canonical">`` or ``og:url``. These readers take what the markup states and
never guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import html

from ..urls import web_url

NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$", re.UNICODE)
CREDENTIAL = re.compile(r"[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?")
NOT_A_NAME = re.compile(
    r"\b(?:staff|editors?|editorial|team|desk|newsroom|admin|reporters?|contributors?|"
    r"writers?|correspondents?|columnists?|"
    r"associated press|reuters|agency|news|online|media)\b",
    re.I,
)
NAME_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\|)\s*")
MAX_JSON_LD = 200_000  # characters of one JSON-LD block we are willing to parse


def _absolute_http(url: str | None) -> str | None:
    return web_url(url)


def canonical_url(tree: html.HtmlElement) -> str | None:
    """The page's own address: ``<link rel="canonical">``, else ``og:url``."""
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            found = _absolute_http(link.get("href"))
            if found:
                return found
    for meta in tree.iterfind(".//meta[@property]"):
        if (meta.get("property") or "").lower() == "og:url":
            found = _absolute_http(meta.get("content"))
            if found:
                return found
    return None


def split_names(value: str) -> list[str]:
    """Person names in an author string ("Ann Lee and Bo Kim", "Lee, Ann; Kim, Bo" is not
    reordered); credentials, organisations and URLs are left out."""
    names: list[str] = []
    for part in NAME_SPLIT.split(value.strip()):
        part = re.sub(r"^(?:by|written by)\s+", "", part.strip(), flags=re.I).strip(" .")
        if looks_like_name(part):
            names.append(part)
    return names


def looks_like_name(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or len(text) > 60:
        return False
    if CREDENTIAL.fullmatch(text) or NOT_A_NAME.search(text):
        return False
    if any(ch in text for ch in "@/:") or any(ch.isdigit() for ch in text):
        return False
    return all(NAME_TOKEN.match(t) for t in tokens) and tokens[0][:1].isupper()


def _json_ld_authors(node: Any) -> Iterator[str]:
    """Author names anywhere in a JSON-LD structure (``author``, ``creator``)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            for key in ("author", "creator"):
                value = item.get(key)
                for person in value if isinstance(value, list) else [value]:
                    if isinstance(person, str):
                        yield person
                    elif (
                        isinstance(person, dict)
                        and isinstance(person.get("name"), str)
                        and str(person.get("@type", "Person")).lower() != "organization"
                    ):
                        yield person["name"]
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))


def _markup_authors(tree: html.HtmlElement) -> Iterator[str]:
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author"):
            yield meta.get("content") or ""
    for script in tree.iterfind(".//script[@type]"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        yield from _json_ld_authors(data)


def page_authors(tree: html.HtmlElement, first: Iterable[str] = ()) -> tuple[str, ...]:
    """Every author name the page states, ``first`` (trafilatura's reading) leading;
    duplicates (case-insensitive) dropped."""
    seen: set[str] = set()
    names: list[str] = []
    for raw in (*first, *_markup_authors(tree)):
        for name in split_names(raw):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return tuple(names)
