"""The article's lead paragraph, when the extraction left it out.

Many pages print an intro paragraph between the headline and the body, in its own block
(``<p class="lead">``, ``<div class="article__intro">``, ``<p class="chapo">``), and
trafilatura often drops it with the header around it. It is the outlet's own text and
often its main claim, so it is put back when the page marks it as a lead:

* the block comes after the page's ``<h1>`` and before the main text begins (the first
  text of the page that the main text contains);
* its class or id names it a lead (``LEAD_NAMES``), or it repeats the page's own
  description (``<meta name="description">``, ``og:description``). A display line under
  the headline (a "subtitle" or "deck") is not named a lead: it counts only when it repeats
  the description;
* it is not inside page furniture (``furniture.kind_of``), holds ``MIN_WORDS`` to
  ``MAX_WORDS`` words, and the main text does not already have it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from .furniture import HIDDEN_TAGS, element_text, kind_of

LEAD_NAMES = frozenset(
    "lead lede leadin intro introduction teaser standfirst abstract excerpt chapo perex "
    "entradilla bajada sapo strapline".split()
)
MIN_WORDS = 8
MAX_WORDS = 150
MIN_DESCRIPTION_WORDS = 6
BODY_RUN = 20  # a text run this long that the main text contains: the body has begun
NAME_PART = re.compile(r"[^a-z]+")
WS = re.compile(r"\s+")
DESCRIPTIONS = etree.XPath(
    "//meta[@name='description' or @property='og:description' "
    "or @name='twitter:description']/@content"
)


def _key(text: str) -> str:
    return WS.sub(" ", text).strip().lower()


def _descriptions(tree: etree._Element) -> list[str]:
    out: list[str] = []
    for value in DESCRIPTIONS(tree):
        text = _key(str(value)).rstrip(".… ")
        if len(text.split()) >= MIN_DESCRIPTION_WORDS and text not in out:
            out.append(text)
    return out


def _repeats(text: str, descriptions: list[str]) -> bool:
    """``text`` is the description (perhaps cut short by the page), not much more."""
    return any(text.startswith(d[:80]) and len(text) <= 1.3 * len(d) + 40 for d in descriptions)


def _in_furniture(el: etree._Element) -> bool:
    return kind_of(el) is not None or any(kind_of(a) is not None for a in el.iterancestors())


def _begins_body(el: etree._Element, main: str) -> bool:
    """A text run of ``el`` (its own text, or the text after it) is in the main text."""
    for run in (el.text, el.tail):
        key = _key(run or "")
        if len(key) >= BODY_RUN and key in main:
            return True
    return False


def _after(el: etree._Element) -> Iterator[etree._Element]:
    """The elements that follow ``el`` in document order (its descendants first)."""
    yield from el.iterdescendants()
    node: etree._Element | None = el
    while node is not None:
        for sibling in node.itersiblings():
            yield from sibling.iter()
        node = node.getparent()


def find_lead(tree: etree._Element, main_text: str) -> str | None:
    """The lead paragraph the module docstring describes, or None."""
    h1 = tree.find(".//h1")
    if h1 is None:
        return None
    main = _key(main_text)
    descriptions = _descriptions(tree)
    for el in _after(h1):
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in HIDDEN_TAGS:
            continue
        if _begins_body(el, main):
            return None  # the main text has begun: no lead before it
        names = set(NAME_PART.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower()))
        named = bool(names & LEAD_NAMES)
        if not named and not descriptions:
            continue
        text = element_text(el)
        key = _key(text)
        words = len(key.split())
        if not MIN_WORDS <= words <= MAX_WORDS or key[:60] in main:
            continue
        if not (named or _repeats(key, descriptions)):
            continue
        if not _in_furniture(el):
            return text
    return None
