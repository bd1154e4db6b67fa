"""HTML -> main article text and metadata (trafilatura), plus what the page had around it.

trafilatura finds the main text (comments excluded, precision favoured) and the metadata
(title, authors, date via htmldate, site name, canonical URL). Separately, the page's
furniture (comment section, navigation, cookie banner, related lists, adverts, newsletter
boxes, footer) is found by its markup so that ``Article.removed`` says what was taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree, html

from ..errors import InputError
from ..model import Removed

NO_ARTICLE = "no article text found"
WS = re.compile(r"\s+")
TOKEN_SPLIT = re.compile(r"[\s_\-]+")
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
CREDENTIAL = re.compile(r"[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?")
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
    """Visible text of ``el`` (script and style content left out)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if isinstance(node.tag, str) and node.tag not in ("script", "style", "noscript"):
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
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


def find_furniture(tree: html.HtmlElement, main_text: str) -> list[Removed]:
    """Top-most page furniture blocks with their text, skipping any whose text the main
    text still contains (then it was not taken out)."""
    body_len = max(1, len(_element_text(tree)))
    main_key = WS.sub(" ", main_text).lower()
    found: list[Removed] = []

    def visit(el: html.HtmlElement) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag in ("script", "style", "noscript"):
                continue
            kind = _kind_of(child)
            if kind is not None:
                text = _element_text(child)
                if text and len(text) < 0.6 * body_len:
                    if text.lower()[:200] not in main_key:
                        found.append(Removed(kind, text))
                    continue
            visit(child)

    visit(tree)
    return found


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    parts = [p.strip() for p in re.split(r";|\band\b|,|&", value)]
    return tuple(p for p in parts if p and not CREDENTIAL.fullmatch(p))


def extract_html(
    markup: str, *, source: str | None = None, favor_precision: bool = True
) -> Extracted:
    """Main text and metadata of an HTML page; ``InputError`` when there is no article."""
    import trafilatura

    try:
        tree = html.fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{NO_ARTICLE}: the HTML cannot be parsed ({exc})", source=source) from exc
    result = trafilatura.bare_extraction(
        markup,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        as_dict=False,
    )
    if result is None or isinstance(result, dict) or not (result.text or "").strip():
        raise InputError(f"{NO_ARTICLE}: the page has no main text block", source=source)
    text = str(result.text)
    date = result.date if result.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", result.date) else None
    return Extracted(
        text=text,
        title=(result.title or None),
        authors=_authors(result.author),
        published=date,
        outlet=(result.sitename or None),
        url=(result.url or None),
        hostname=(result.hostname or None),
        language=(result.language or None),
        removed=find_furniture(tree, text),
    )
