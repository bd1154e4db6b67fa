"""ingest of RSS and Atom feed files: full-content entries, the entry cap, sniffing."""

from __future__ import annotations

import html
from pathlib import Path

import httpx

from newsprism.ingest import IngestOptions, read_sources

BODY = (
    "<p>Ferry crews returned to work on Sunday after a nine-day strike ended.</p>"
    "<p>The operator said all routes would run normally by Monday evening.</p>"
)


def rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Harbour Times</title><link>https://harbour.example/</link>"
        f"<description>News</description>{items}</channel></rss>"
    )


def rss_item(n: int, *, full: bool) -> str:
    encoded = f"<content:encoded><![CDATA[{BODY}]]></content:encoded>" if full else ""
    return (
        f"<item><title>Ferry strike ends, part {n}</title>"
        f"<link>https://harbour.example/ferry-{n}</link>"
        "<pubDate>Tue, 19 Nov 2024 08:30:00 GMT</pubDate>"
        f"<description>Short teaser {n}</description>{encoded}</item>"
    )


def atom(entries: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!-- written by hand -->\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Daily</title>'
        "<id>urn:coast</id><updated>2024-11-19T09:00:00Z</updated>"
        f"{entries}</feed>"
    )


def atom_entry(n: int) -> str:
    return (
        f"<entry><title>Crews back at work {n}</title><id>urn:coast:{n}</id>"
        f'<link rel="alternate" href="https://coast.example/news/{n}"/>'
        "<published>2024-11-19T09:00:00Z</published><updated>2024-11-19T09:00:00Z</updated>"
        "<author><name>Kari Nordmann</name></author>"
        f'<content type="html">{html.escape(BODY)}</content></entry>'
    )


def test_ingest_feeds_rss_full_content_entries_become_pages(tmp_path: Path) -> None:
    feed = tmp_path / "harbour.rss"
    feed.write_text(rss(rss_item(1, full=True) + rss_item(2, full=True)), encoding="utf-8")
    docs, rejections = read_sources([str(feed)])
    assert rejections == []
    assert [d.source for d in docs] == [
        "https://harbour.example/ferry-1",
        "https://harbour.example/ferry-2",
    ]
    page = docs[0].content.decode()
    assert docs[0].media_type == "text/html"
    assert "nine-day strike ended" in page
    assert 'content="Ferry strike ends, part 1"' in page
    assert 'content="2024-11-19"' in page
    assert '<link rel="canonical" href="https://harbour.example/ferry-1">' in page


def test_ingest_feeds_atom_full_content_is_cleaned_with_metadata(tmp_path: Path) -> None:
    from newsprism.clean import clean_document

    feed = tmp_path / "coast.xml"
    feed.write_text(atom(atom_entry(1)), encoding="utf-8")
    docs, rejections = read_sources([str(feed)])
    assert rejections == [] and docs[0].source == "https://coast.example/news/1"
    article = clean_document(docs[0])
    assert article.title == "Crews back at work 1"
    assert article.published == "2024-11-19"
    assert article.url == "https://coast.example/news/1"
    assert "nine-day strike ended" in article.text


def test_ingest_feeds_ten_thousand_entries_are_capped_with_one_rejection(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "big.rss"
    items = "".join(
        f"<item><link>https://harbour.example/ferry-{n}</link>"
        f"<content:encoded>&lt;p&gt;Entry {n}.&lt;/p&gt;</content:encoded></item>"
        for n in range(10_000)
    )
    feed.write_text(rss(items), "utf-8")
    docs, rejections = read_sources([str(feed)], options=IngestOptions(max_feed_entries=50))
    assert len(docs) == 50
    assert docs[-1].source == "https://harbour.example/ferry-49"
    assert [r.reason for r in rejections] == [
        "feed has 10000 entries: took the first 50, skipped 9950"
    ]


def test_ingest_feeds_link_only_entries_are_fetched_by_the_same_rules(tmp_path: Path) -> None:
    fetched: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        page = f"<html><body><article>{BODY}</article></body></html>".encode()
        return httpx.Response(200, content=page, headers={"Content-Type": "text/html"})

    feed = tmp_path / "teasers.rss"
    items = rss_item(1, full=False) + (
        "<item><title>Intranet</title><link>http://10.0.0.7/x</link>"
        "<description>internal</description></item>"
        "<item><title>Nothing</title><description>no link</description></item>"
    )
    feed.write_text(rss(items), encoding="utf-8")
    options = IngestOptions(
        transport=httpx.MockTransport(handler), resolver=lambda host: ["93.184.215.14"]
    )
    docs, rejections = read_sources([str(feed)], options=options)
    assert fetched == ["https://harbour.example/ferry-1"]
    assert [d.source for d in docs] == ["https://harbour.example/ferry-1"]
    assert [(r.source, r.reason.split(";")[0]) for r in rejections] == [
        ("http://10.0.0.7/x", "refused: 10.0.0.7 is a private address"),
        (f"{feed}#entry-3", "feed entry has neither full content nor a link"),
    ]


def test_ingest_feeds_broken_feed_is_one_rejection(tmp_path: Path) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x', "utf-8")
    docs, rejections = read_sources([str(feed)])
    assert docs == [] and len(rejections) == 1
    assert rejections[0].reason.startswith("not a readable feed")


def test_ingest_feeds_xml_that_is_not_a_feed_is_rejected(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', "utf-8")
    _, rejections = read_sources([str(sitemap)])
    assert rejections[0].reason == "XML that is neither a feed nor a page"
