"""clean on an HTML page we wrote: article kept, page furniture removed, metadata found."""
# ruff: noqa: E501  (article text is kept as written, one paragraph a line)

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsprism.clean import clean_document
from newsprism.model import Article, Document

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour ferry strike ends after nine days | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbour ferry strike ends after nine days">
<meta name="author" content="Ingrid Solberg">
<meta property="article:published_time" content="2023-05-14T08:30:00Z">
<link rel="canonical" href="https://coastalledger.example/news/2023/05/14/ferry-strike-ends">
</head>
<body>
<div id="cookie-banner"><p>We use cookies to improve your experience and to show personalised advertising. By clicking Accept you consent to our use of cookies.</p><button>Accept all</button><button>Manage preferences</button></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main>
<article>
<h1>Harbour ferry strike ends after nine days</h1>
<p class="byline">By Ingrid Solberg</p>
<p>Ferry crews in the northern harbour returned to work on Sunday morning after their union accepted a pay offer that ends a nine-day strike, the operator said.</p>
<p>The agreement gives deckhands and engineers a raise of 6.5 percent this year and a further 3 percent next spring, according to a statement from the union, which had originally asked for 9 percent.</p>
<p>"It is not everything we wanted, but it is a fair deal and our members voted for it," said the union's regional secretary, Marit Hauge. About 320 workers took part in the vote, and 71 percent backed the offer.</p>
<h2>Commuters relieved</h2>
<p>The strike had cut the island routes to a single emergency crossing a day, forcing thousands of commuters onto a long detour by road. Local businesses on the islands said they had lost as much as a third of their usual weekly trade.</p>
<p>The operator said the full timetable would be restored by Monday evening, once safety checks on the three larger vessels were finished.</p>
</article>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/a">Council approves new bridge toll</a></li><li><a href="/b">Storm warning for the weekend</a></li><li><a href="/c">Local club wins the regional cup</a></li></ol></aside>
<section id="comments" class="comments-area"><h3>12 comments</h3>
<div class="comment"><p class="comment-author">harbourwatcher</p><p>Finally! I have been driving around the fjord for over a week and my fuel bill is ridiculous.</p></div>
<div class="comment"><p class="comment-author">Sven_K</p><p>You all should thank the crews, not complain. They deserve every krone of that raise.</p></div>
</section>
</main>
<footer class="site-footer"><p>© 2023 The Coastal Ledger. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body>
</html>
"""


def _article() -> Article:
    return clean_document(Document("ferry.html", PAGE.encode("utf-8"), "text/html"))


def test_clean_html_keeps_the_article_body() -> None:
    art = _article()
    assert art.text.startswith("Ferry crews in the northern harbour returned to work")
    assert "said the union's regional secretary, Marit Hauge." in art.text
    assert "\nCommuters relieved\n" in art.text
    assert art.text.endswith("once safety checks on the three larger vessels were finished.")


def test_clean_html_drops_page_furniture() -> None:
    art = _article()
    for furniture in (
        "We use cookies",
        "Accept all",
        "Most read",
        "bridge toll",
        "fuel bill",
        "harbourwatcher",
        "All rights reserved",
        "Privacy policy",
        "Opinion",
    ):
        assert furniture not in art.text


def test_clean_html_records_what_was_removed() -> None:
    kinds = {r.kind: r.text for r in _article().removed}
    assert "fuel bill is ridiculous" in kinds["comments"]
    assert "We use cookies" in kinds["cookie"]
    assert "Storm warning for the weekend" in kinds["related"]
    assert "Sport" in kinds["navigation"]
    assert "© 2023 The Coastal Ledger" in kinds["footer"]


def test_clean_html_recovers_metadata() -> None:
    art = _article()
    assert art.outlet == "The Coastal Ledger"
    assert art.title == "Harbour ferry strike ends after nine days"
    assert art.byline == ("Ingrid Solberg",)
    assert art.published == "2023-05-14"
    assert art.url == "https://coastalledger.example/news/2023/05/14/ferry-strike-ends"
    assert not art.text.startswith("Harbour ferry strike")  # the headline is metadata


def _page_with_head(head: str) -> Article:
    body = (
        "<body><article><h1>Bridge toll approved</h1>"
        "<p>The regional council approved a toll on the new harbour bridge on Tuesday, "
        "after a debate that lasted more than six hours and ended in a narrow vote.</p>"
        "<p>Drivers will pay a flat fee of 30 crowns, and residents of the islands will get "
        "a discount of half that amount, the council said in a statement.</p>"
        "</article></body>"
    )
    markup = f"<html><head><title>Bridge toll approved</title>{head}</head>{body}</html>"
    return clean_document(Document("toll.html", markup.encode("utf-8"), "text/html"))


def test_clean_html_every_author_is_in_the_byline() -> None:
    art = _page_with_head(
        '<meta name="author" content="Ingrid Solberg">'
        '<meta name="author" content="Pål Eriksen">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
        '{"@type": "Person", "name": "Ingrid Solberg"}, {"@type": "Person", "name": "Mette Lund"},'
        '{"@type": "Organization", "name": "The Coastal Ledger"}]}</script>'
    )
    assert art.byline == ("Ingrid Solberg", "Pål Eriksen", "Mette Lund")


def test_clean_html_canonical_url_then_og_url() -> None:
    canonical = _page_with_head(
        '<meta property="og:url" content="https://ledger.example/og/toll">'
        '<link rel="canonical" href="https://ledger.example/news/2024/02/06/toll">'
    )
    assert canonical.url == "https://ledger.example/news/2024/02/06/toll"
    assert canonical.published == "2024-02-06"
    og = _page_with_head('<meta property="og:url" content="https://ledger.example/og/toll">')
    assert og.url == "https://ledger.example/og/toll"
    relative = _page_with_head('<link rel="canonical" href="/news/toll">')
    assert relative.url is None or relative.url.startswith("http")


def _shared_page(datasets_dir: Path, file_name: str) -> bytes:
    path = datasets_dir / "extraction" / "trafilatura_eval" / "html" / f"{file_name}.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return gzip.decompress(path.read_bytes())


def test_clean_html_date_from_the_extensive_search_when_the_quick_one_finds_none(
    datasets_dir: Path,
) -> None:
    # a press release whose date is only in its text: htmldate's quick search misses it
    import trafilatura
    from trafilatura.settings import set_date_params

    page = _shared_page(datasets_dir, "iwr.de.IWR-Pressedienst.html")
    quick = trafilatura.extract_metadata(
        trafilatura.load_html(page), date_config=set_date_params(False)
    )
    assert quick.date is None
    assert clean_document(Document("iwr.html", page, "text/html")).published == "2022-11-02"
