"""HTML -> main article text and metadata (trafilatura), plus what the page had around it.

trafilatura finds the main text (comments excluded, precision favoured) and the metadata
(title, authors, date via htmldate, site name, canonical URL). Separately, the page's
furniture (comment section, navigation, cookie banner, related lists, adverts, newsletter
boxes, footer) is found by its markup so that ``Article.removed`` says what was taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from ..errors import InputError
from ..model import Removed
from .page_meta import canonical_url, page_authors

NO_ARTICLE = "no article text found"
WS = re.compile(r"\s+")
TOKEN_SPLIT = re.compile(r"[\s_\-]+")
HIDDEN_TAGS = frozenset({"script", "style", "noscript"})
SKIP_TAGS = frozenset({"html", "body", "article", "main", "head", "script", "style", "noscript"})
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "aside",
        "nav",
        "footer",
        "header",
        "ul",
        "ol",
        "dd",
        "dt",
        "blockquote",
        "figcaption",
        "td",
        "th",
        "tr",
        "table",
        "form",
        "button",
        "a",
        "span",
        "label",
    ]
)
# class/id cues (joined tokens, lower case) -> removed kind; first match wins
CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cookie", ("cookie", "consent", "gdpr", "cmp")),
    ("comments", ("comment", "disqus", "replies", "discussion")),
    (
        "related",
        (
            "related",
            "mostread",
            "mostpopular",
            "popular",
            "recommended",
            "trending",
            "morestories",
            "readmore",
            "readnext",
            "outbrain",
            "taboola",
        ),
    ),
    ("advert", ("advert", "adslot", "adcontainer", "adunit", "adwrapper", "sponsor", "dfp")),
    ("promo", ("newsletter", "subscribe", "signup", "promo", "paywall")),
    (
        "navigation",
        ("navbar", "navigation", "breadcrumb", "menu", "sharebar", "socialshare", "share"),
    ),
    ("footer", ("footer", "colophon", "copyright")),
)
TAG_KINDS = {"nav": "navigation", "footer": "footer"}
ROLE_KINDS = {"navigation": "navigation", "contentinfo": "footer", "complementary": "related"}


@dataclass
class Extracted:
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    hostname: str | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)


def _element_text(el: etree._Element) -> str:
    """Visible text of ``el`` (script and style content left out). Iterative, so a page
    nested thousands of levels deep cannot exhaust the stack."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if isinstance(node.tag, str) and node.tag not in HIDDEN_TAGS:
                parts.append(node.text or "")
        elif node is not el:
            parts.append(node.tail or "")
    return WS.sub(" ", " ".join(parts)).strip()


def _kind_of(el: html.HtmlElement) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP_TAGS:
        return None
    if tag in TAG_KINDS:
        return TAG_KINDS[tag]
    role = (el.get("role") or "").lower()
    if role in ROLE_KINDS:
        return ROLE_KINDS[role]
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if not names.strip():
        return None
    tokens = [t for t in TOKEN_SPLIT.split(names) if t]
    joined = "".join(tokens)
    if "ad" in tokens or "ads" in tokens:
        return "advert"
    for kind, cues in CUES:
        if any(cue in joined for cue in cues):
            return kind
    return None


def _visible_children(el: html.HtmlElement) -> list[html.HtmlElement]:
    """Element children that can be seen, last first (ready to be pushed on a stack)."""
    return [c for c in reversed(el) if isinstance(c.tag, str) and c.tag not in HIDDEN_TAGS]


def find_furniture(tree: html.HtmlElement, main_text: str) -> list[Removed]:
    """Top-most page furniture blocks with their text, skipping any whose text the main
    text still contains (then it was not taken out)."""
    body_len = max(1, len(_element_text(tree)))
    main_key = WS.sub(" ", main_text).lower()
    found: list[Removed] = []
    stack = _visible_children(tree)
    while stack:  # depth first, in document order, without recursion
        el = stack.pop()
        kind = _kind_of(el)
        if kind is not None:
            text = _element_text(el)
            if text and len(text) < 0.6 * body_len:
                if text.lower()[:200] not in main_key:
                    found.append(Removed(kind, text))
                continue
        stack.extend(_visible_children(el))
    return found


def _trafilatura(markup: str, *, favor_precision: bool, with_metadata: bool) -> Any:
    import trafilatura

    result = trafilatura.bare_extraction(
        markup,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=True,
        with_metadata=with_metadata,
        as_dict=False,
    )
    return None if result is None or isinstance(result, dict) else result


def _words(result: Any) -> int:
    return len(str(result.text or "").split()) if result is not None else 0


def extract_html(
    markup: str,
    *,
    source: str | None = None,
    favor_precision: bool = True,
    short_words: int = 200,
) -> Extracted:
    """Main text and metadata of an HTML page; ``InputError`` when there is no article.

    Precision mode sometimes settles on one small block of a page whose layout it misreads
    (a reprint notice instead of the story). When it yields fewer than ``short_words``
    words, the balanced mode is tried too, and its text is taken when it is at least twice
    as long.
    """
    try:
        tree = html.fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{NO_ARTICLE}: the HTML cannot be parsed ({exc})", source=source) from exc
    result = _trafilatura(markup, favor_precision=favor_precision, with_metadata=True)
    text = str(result.text or "") if result is not None else ""
    if favor_precision and _words(result) < short_words:
        wider = _trafilatura(markup, favor_precision=False, with_metadata=result is None)
        if _words(wider) >= max(1, 2 * _words(result)):
            text = str(wider.text)
            result = result or wider
    if result is None or not text.strip():
        raise InputError(f"{NO_ARTICLE}: the page has no main text block", source=source)
    date = result.date if result.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result.date) else None
    return Extracted(
        text=text,
        title=(result.title or None),
        authors=page_authors(tree, [result.author] if result.author else []),
        published=date,
        outlet=(result.sitename or None),
        url=canonical_url(tree) or (result.url or None),
        hostname=(result.hostname or None),
        language=(result.language or None),
        removed=find_furniture(tree, text),
    )
