"""HTML -> main article text and metadata (trafilatura), plus what the page had around it.

trafilatura finds the main text (comments excluded, precision favoured) and the metadata
(title, authors, date via htmldate, site name, canonical URL). Separately, the page's
furniture (comment section, navigation, cookie banner, related lists, adverts, newsletter
boxes, footer) is found by its markup so that ``Article.removed`` says what was taken out.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from ..errors import InputError
from ..model import Removed
from .furniture import find_furniture
from .lead import find_lead
from .page_meta import canonical_url, page_authors

NO_ARTICLE = "no article text found"
WS = re.compile(r"\s+")


@dataclass
class Extracted:
    text: str  # the main text: precision mode's (with its holes filled), else the baseline
    baseline: str = ""  # trafilatura's own text in its default (balanced) mode
    lead: str | None = None  # the lead paragraph both left out (``lead.find_lead``)
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    hostname: str | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)


def parse_page(markup: str, source: str | None = None) -> html.HtmlElement:
    """The page as trafilatura reads it (so that its extraction and ours see one tree);
    ``InputError`` when the markup is not HTML."""
    import trafilatura

    try:
        tree = trafilatura.load_html(markup)
    except (etree.ParserError, ValueError, TypeError) as exc:
        raise InputError(f"{NO_ARTICLE}: the HTML cannot be parsed ({exc})", source=source) from exc
    if tree is None:
        raise InputError(f"{NO_ARTICLE}: the HTML cannot be parsed", source=source)
    return tree


def _date_params(extensive: bool) -> dict[str, Any]:
    from trafilatura.settings import set_date_params

    return set_date_params(extensive)


def _trafilatura(tree: html.HtmlElement, *, favor_precision: bool, with_metadata: bool) -> Any:
    """trafilatura's extraction of the page (it works on a copy of ``tree``). Its metadata
    reads the date with htmldate's quick search only (``_page_date`` does the rest)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        tree,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=True,
        with_metadata=with_metadata,
        date_extraction_params=_date_params(False) if with_metadata else None,
    )
    return None if result is None or isinstance(result, dict) else result


def _page_date(tree: html.HtmlElement, result: Any) -> str | None:
    """The page's date (YYYY-MM-DD): htmldate's quick search (the markup's date fields), and
    its extensive search (dates in the text, free-form dates in every language) only for a
    page that the quick one found none on. The extensive search is slow (seconds for a page
    that sends free text to ``dateparser``), and trafilatura runs it on every page."""
    from htmldate import find_date

    date = result.date
    if not date:
        params = _date_params(True)
        params["url"] = result.url
        date = find_date(copy.deepcopy(tree), **params)
    return date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None


def _text(result: Any) -> str:
    return str(result.text or "") if result is not None else ""


def _line_key(line: str) -> str:
    return WS.sub(" ", line).strip()


def fill_holes(precise: str, baseline: str) -> str:
    """Precision mode's text with the lines it dropped from between two lines it kept put
    back (from the baseline, in their place). Its holes are mostly body (a paragraph with a
    link, a sub-heading); what it dropped before its first or after its last line is mostly
    page furniture and stays out."""
    mine, theirs = precise.split("\n"), baseline.split("\n")
    matcher = difflib.SequenceMatcher(
        None, [_line_key(x) for x in mine], [_line_key(x) for x in theirs], autojunk=False
    )
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "insert":
            out.extend(mine[i1:i2])
        elif 0 < i1 < len(mine):
            out.extend(theirs[j1:j2])
    return "\n".join(out)


def extract_html(
    markup: str,
    *,
    source: str | None = None,
    favor_precision: bool = True,
) -> Extracted:
    """Main text and metadata of an HTML page; ``InputError`` when there is no article.

    trafilatura runs twice on one parsed tree: in its default mode, which gives the
    metadata and the ``baseline`` (the text plain ``trafilatura.extract`` returns), and in
    precision mode, whose text is the main text once the lines it dropped from inside the
    article are put back (``fill_holes``). Precision mode sometimes settles on one small
    block of a page whose layout it misreads; the clean stage's guard then falls back on
    the baseline (``guard``). A lead paragraph that both modes left out is found from the
    markup (``lead``).
    """
    tree = parse_page(markup, source)
    result = _trafilatura(tree, favor_precision=False, with_metadata=True)
    baseline = _text(result)
    text = baseline
    if favor_precision:
        precise = _text(_trafilatura(tree, favor_precision=True, with_metadata=False))
        text = fill_holes(precise, baseline) if precise.strip() else baseline
    if result is None or not text.strip():
        raise InputError(f"{NO_ARTICLE}: the page has no main text block", source=source)
    date = _page_date(tree, result)
    return Extracted(
        text=text,
        baseline=baseline,
        lead=find_lead(tree, text),
        title=(result.title or None),
        authors=page_authors(tree, [result.author] if result.author else []),
        published=date,
        outlet=(result.sitename or None),
        url=canonical_url(tree) or (result.url or None),
        hostname=(result.hostname or None),
        language=(result.language or None),
        removed=find_furniture(tree, text),
    )
