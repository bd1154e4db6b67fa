"""Page furniture found by its markup: navigation, footers, comment sections, related
lists, adverts, newsletter boxes and cookie banners, so that ``Article.removed`` says what
was taken out around the article.

A block is furniture by its tag (``nav``, ``footer``), its ARIA role, or a cue in its class
or id names (``CUES``, first match wins); the top-most such block is recorded, unless the
main text still contains it or it holds most of the page (a wrapper named "content-footer").
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Removed

WS = re.compile(r"\s+")
TOKEN_SPLIT = re.compile(r"[\s_\-]+")
HIDDEN_TAGS = frozenset({"script", "style", "noscript"})
SKIP_TAGS = frozenset({"html", "body", "article", "main", "head", "script", "style", "noscript"})
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
AD_TOKENS = ("ad", "ads")  # whole class/id tokens that name an advert
ROLE_KINDS = {"navigation": "navigation", "contentinfo": "footer", "complementary": "related"}


def element_text(el: etree._Element) -> str:
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


CUE_PATTERNS = tuple((kind, re.compile("|".join(map(re.escape, cues)))) for kind, cues in CUES)


# elements that can be furniture: a furniture tag, or a role, class or id to read
CANDIDATES = etree.XPath("//*[self::nav or self::footer or @role or @class or @id]")
BODY_LENGTH = etree.XPath("string-length(normalize-space(//body))")
HIDDEN_TEXT = etree.XPath(
    "//body//script//text() | //body//style//text() | //body//noscript//text()"
)


def kind_of(el: etree._Element) -> str | None:
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
    if any(token in AD_TOKENS for token in tokens):
        return "advert"
    joined = "".join(tokens)
    for kind, pattern in CUE_PATTERNS:
        if pattern.search(joined):
            return kind
    return None


def _hidden(el: etree._Element) -> bool:
    return any(a.tag in HIDDEN_TAGS for a in el.iterancestors())


def find_furniture(tree: etree._Element, main_text: str) -> list[Removed]:
    """Top-most page furniture blocks with their text, skipping any whose text the main
    text still contains (then it was not taken out). A furniture block holding most of the
    page (a wrapper named "content-footer") is not furniture; its own blocks are read."""
    hidden = sum(len(WS.sub(" ", str(t)).strip()) for t in HIDDEN_TEXT(tree))
    body_len = max(1, int(BODY_LENGTH(tree)) - hidden)
    main_key = WS.sub(" ", main_text).lower()
    found: list[Removed] = []
    inside: set[etree._Element] = set()  # elements within a block already taken
    kinds: dict[tuple[str | None, ...], str | None] = {}  # pages repeat their class names
    for el in CANDIDATES(tree):  # document order: a block comes before its descendants
        if el in inside:
            continue
        key = (str(el.tag), el.get("class"), el.get("id"), el.get("role"))
        if key not in kinds:
            kinds[key] = kind_of(el)
        kind = kinds[key]
        if kind is None or _hidden(el):
            continue
        text = element_text(el)
        if text and len(text) < 0.6 * body_len:
            if text.lower()[:200] not in main_key:
                found.append(Removed(kind, text))
            inside.update(el.iterdescendants())
    return found
