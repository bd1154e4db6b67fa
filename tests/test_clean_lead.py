"""Lines the extraction left out and the clean stage puts back: the lead paragraph
(``clean.lead``) and the holes precision mode makes (``extract.fill_holes``). Pages we
wrote."""
# ruff: noqa: E501  (article text is kept as written, one paragraph a line)

from __future__ import annotations

from lxml import html

from newsprism.clean import clean_document
from newsprism.clean.extract import fill_holes
from newsprism.clean.lead import find_lead
from newsprism.model import Document

INTRO = "The harbour council voted on Tuesday to keep the night ferry running through the winter, reversing a plan to cut it."
BODY = [
    "Eleven of the fifteen councillors backed the motion after a petition signed by more than 4,000 residents was handed in last week.",
    "The ferry carries about 300 passengers a night in winter, most of them shift workers at the hospital and the container port, according to the operator.",
    "The council will pay for the service from its reserve fund until a new contract is tendered next year, the mayor said after the vote.",
    "Opposition councillors said the reserve fund was meant for storm repairs and warned that the decision only postponed the question.",
]
TEASER = "Council approves the new bridge toll after a long debate that lasted the whole evening session."


def _page(intro_class: str | None, description: str = INTRO) -> str:
    intro = f'<p class="{intro_class}">{INTRO}</p>' if intro_class else ""
    body = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<!DOCTYPE html><html lang="en"><head><title>Council votes to keep the night ferry</title>
<meta name="description" content="{description}"></head><body>
<header class="site"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><div class="article-header"><h1>Council votes to keep the night ferry</h1>{intro}
<p class="byline">By Ingrid Solberg</p></div><div class="article-body">{body}</div>
<aside class="related"><p class="teaser">{TEASER}</p></aside></main></body></html>"""


def test_clean_lead_intro_paragraph_is_put_back() -> None:
    art = clean_document(Document("ferry.html", _page("article-intro").encode(), "text/html"))
    assert art.text.split("\n")[:2] == [INTRO, BODY[0]]


def test_clean_lead_block_repeating_the_description_is_a_lead() -> None:
    tree = html.fromstring(_page("subtitle"))  # not named a lead, but it is the description
    assert find_lead(tree, "\n".join(BODY)) == INTRO


def test_clean_lead_display_line_that_is_not_the_description_is_not_a_lead() -> None:
    tree = html.fromstring(_page("subtitle", description="Night ferry news from the harbour town"))
    assert find_lead(tree, "\n".join(BODY)) is None


def test_clean_lead_related_teaser_after_the_body_is_not_a_lead() -> None:
    tree = html.fromstring(_page(None))
    assert find_lead(tree, "\n".join(BODY)) is None
    assert TEASER not in clean_document(Document("f.html", _page(None).encode(), "text/html")).text


def test_clean_lead_page_without_a_headline_has_no_lead() -> None:
    page = _page("article-intro").replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    assert find_lead(html.fromstring(page), "\n".join(BODY)) is None


def test_clean_lead_fill_holes_restores_lines_inside_the_article_only() -> None:
    baseline = "\n".join(["Most read: bridge toll", *BODY, "Sign up for our newsletter"])
    precise = "\n".join([BODY[0], BODY[2], BODY[3]])  # precision mode dropped BODY[1]
    assert fill_holes(precise, baseline) == "\n".join(BODY)
