"""The HTML pages in-process, on the real-pipeline store of web_support: escaping of
hostile strings, the server-side facts filter, the compare marks, claim highlighting,
analysis on first view, and the add form."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from web_support import HOSTILE, TOKEN, story_id
from werkzeug.test import Client

from newsprism.interfaces.cli import main
from newsprism.model import Analysis
from newsprism.resources import Resources
from newsprism.storage import SQLiteStore
from newsprism.web import create_app

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "articles"


@pytest.fixture()
def client(store: SQLiteStore, resources: Resources) -> Client:
    return Client(create_app(store, resources=resources))


def _page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def _hostile_pages(client: Client, hostile: Analysis) -> list[str]:
    sa = hostile.stories[0]
    paths = ["/", "/?q=Solvik", f"/stories/{sa.story.id}", f"/stories/{sa.story.id}/compare"]
    return [_page(client, p) for p in [*paths, *(f"/articles/{a.id}" for a in sa.articles)]]


def test_web_pages_escape_hostile_markup(client: Client, hostile_analysis: Analysis) -> None:
    for html in _hostile_pages(client, hostile_analysis):
        for raw in ("<script>window", "<img src=x", "<svg onload", "<b>smoke</b>", "<i>Times"):
            assert raw not in html
    story = _page(client, f"/stories/{hostile_analysis.stories[0].story.id}")
    assert "&lt;script&gt;window.__pwned=&#39;title&#39;&lt;/script&gt;Ferry Solvik" in story
    assert "&lt;b&gt;smoke&lt;/b&gt; and **flames**" in story


def test_web_pages_never_link_a_javascript_url(client: Client, hostile_analysis: Analysis) -> None:
    for html in _hostile_pages(client, hostile_analysis):
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    article = _page(client, f"/articles/{hostile_analysis.stories[0].articles[0].id}")
    assert '<span class="url">javascript:window.__pwned=&#39;url&#39;</span>' in article


def test_web_pages_have_no_inline_script_or_style(
    client: Client, hostile_analysis: Analysis
) -> None:
    for html in _hostile_pages(client, hostile_analysis):
        assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>']
        assert " style=" not in html and "<style" not in html


def test_web_pages_filter_facts_on_the_server(client: Client, demo_analysis: Analysis) -> None:
    ferry = story_id(demo_analysis)
    html = _page(client, f"/stories/{ferry}?status=disputed")
    statuses = re.findall(r'<tr class="fact" data-status="(\w+)"', html)
    assert statuses and set(statuses) == {"disputed"}
    by_outlet = _page(client, f"/stories/{ferry}?outlet=Fjordland+Herald")
    outlets = re.findall(r'<tr class="fact" data-status="\w+" data-outlets="([^"]*)"', by_outlet)
    assert outlets and all("Fjordland Herald" in o.split("\n") for o in outlets)


def test_web_pages_compare_marks_conflicts_and_gaps(
    client: Client, demo_analysis: Analysis
) -> None:
    ferry = story_id(demo_analysis)
    html = _page(client, f"/stories/{ferry}/compare?a=Newsloop&b=Hanbit+Ilbo")
    marks = re.findall(r'<tr class="row-(\w+)">', html)
    assert {"agree", "conflict", "missing"} <= set(marks)
    rows = re.findall(r'<tr class="row-conflict">(.*?)</tr>', html, re.S)
    cells = [re.findall(r"<td>(.*?)</td>", r, re.S)[1:3] for r in rows]
    # the role conflict: Newsloop's title for Lars Eide in one row, Hanbit Ilbo's in another
    assert any("/articles/" in left for left, _ in cells)
    assert any("/articles/" in right for _, right in cells)


def test_web_pages_article_marks_every_claim(client: Client, demo_analysis: Analysis) -> None:
    sa = max(demo_analysis.stories, key=lambda s: len(s.articles))
    article = sa.articles[0]
    html = _page(client, f"/articles/{article.id}")
    own = [c for c in sa.claims if c.article == article.id]
    anchors = re.findall(r'<span class="anchor" id="c-([^"]+)">', html)
    assert len(anchors) == len(own)
    marked = "".join(re.findall(r"<mark class=\"claim\"[^>]*>([^<]*)</mark>", html))
    assert own[0].text.replace('"', "&#34;").split()[0] in marked


def test_web_pages_story_draws_the_derivation_graph(
    client: Client, demo_analysis: Analysis
) -> None:
    html = _page(client, f"/stories/{story_id(demo_analysis)}")
    svg = html[html.index("<svg") : html.index("</svg>")]
    # five outlets and the radio station one of them cites, which is not in the corpus
    assert svg.count("<ellipse") == 6 and svg.count('<g class="node external">') == 1
    assert "marker-end" in svg and ">Kystradio</text>" in svg
    assert {"copy", "translation"} <= set(re.findall(r'<g class="edge edge-(\w+)">', svg))


def test_web_pages_analyse_a_corpus_story_on_first_view(
    tmp_path: Path, resources: Resources
) -> None:
    db = tmp_path / "corpus.db"
    ferry = sorted(str(p) for p in DEMO.glob("ferry_*"))[:3]
    assert main(["add", *ferry, "--db", str(db)]) == 0
    with SQLiteStore(db) as s:
        client = Client(create_app(s, resources=resources))
        listed = _page(client, "/")
        sid = re.findall(r'href="/stories/(s[0-9a-f]+)"', listed)[0]
        assert "analysed when opened" in listed and not s.list_runs()
        first = _page(client, f"/stories/{sid}")
        assert len(s.list_runs()) == 1 and s.load_story(sid) is not None
        assert _page(client, f"/stories/{sid}") == first and len(s.list_runs()) == 1
        assert "Havstad" in first and "analysed when opened" not in _page(client, "/")


def test_web_pages_add_form_stores_pasted_text(tmp_path: Path, resources: Resources) -> None:
    text = HOSTILE.read_text(encoding="utf-8")
    with SQLiteStore(tmp_path / "c.db") as s:
        client = Client(create_app(s, token=TOKEN, resources=resources))
        assert 'action="/add"' in _page(client, "/")
        refused = client.post("/add", data={"text": "Some text.", "token": "wrong"})
        pasted = "Ferry hits rocks\n\n" + text.split('"text": "')[1].split('"')[0]
        added = client.post("/add", data={"text": pasted.replace("\\n", "\n"), "token": TOKEN,
                                          "urls": "http://10.0.0.1/x"})  # fmt: skip
        assert refused.status_code == 401
        html = added.get_data(as_text=True)
        assert added.status_code == 200 and "pasted text 1" in html and ">new<" in html
        assert "http://10.0.0.1/x" in html and "private" in html
        assert s.story_summaries()[0] == 1


def test_web_pages_hide_the_add_form_when_read_only(client: Client) -> None:
    assert 'action="/add"' not in _page(client, "/")
    assert client.post("/add", data={"text": "x"}).status_code == 403


def test_web_pages_show_the_quote_diff_word_by_word(
    client: Client, hostile_analysis: Analysis
) -> None:
    html = _page(client, f"/stories/{hostile_analysis.stories[0].story.id}")
    diff = html[html.index('<p class="diff">') :]
    diff = diff[: diff.index("</p>")]
    # which outlet's wording comes first is the order of the articles' content ids
    if "<del>flames</del>" in diff:
        assert "<del>flames</del><span> </span><ins>fire</ins>" in diff
        assert "<del>terrifying</del><span> </span><ins>frightening</ins>" in diff
    else:
        assert "<del>fire</del><span> </span><ins>flames</ins>" in diff
        assert "<del>frightening</del><span> </span><ins>terrifying</ins>" in diff
    assert "pwned" not in diff and "&lt;b&gt;" not in diff


def test_web_pages_list_stories_in_pages(client: Client) -> None:
    first = _page(client, "/?limit=2")
    second = _page(client, "/?limit=2&offset=2")
    assert len(re.findall(r'class="story-link"', first)) == 2
    assert 'rel="next" href="/?offset=2&amp;limit=2"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="/?offset=0&amp;limit=2"' in second


def test_web_pages_story_has_timeline_and_blindspots(
    client: Client, demo_analysis: Analysis
) -> None:
    sid = next(sa.story.id for sa in demo_analysis.stories if sa.blindspots)
    html = _page(client, f"/stories/{sid}")
    timeline = html[html.index('<section id="timeline">') : html.index('<section id="blindspots">')]
    blindspots = html[
        html.index('<section id="blindspots">') : html.index('<section id="compare">')
    ]
    assert timeline.count("<time>") >= 5 and "publishes" in timeline
    assert "leave" in blindspots and "(reported by" in blindspots


def test_web_pages_article_lists_removed_blocks(client: Client, demo_analysis: Analysis) -> None:
    article = next(a for sa in demo_analysis.stories for a in sa.articles if a.removed)
    html = _page(client, f"/articles/{article.id}")
    removed = html[html.index('<section id="removed">') :]
    kinds = re.findall(r'<li><span class="kind">(\w+)</span>', removed)
    assert kinds == [r.kind for r in article.removed]


def test_web_pages_add_form_reads_uploads_as_add_does(tmp_path: Path, resources: Resources) -> None:
    data = {"token": TOKEN, "files": [(io.BytesIO(HOSTILE.read_bytes()), "hostile.json"),
                                      (io.BytesIO(b"PK\x03\x04zipped"), "notes.docx")]}  # fmt: skip
    with SQLiteStore(tmp_path / "c.db") as s:
        client = Client(create_app(s, token=TOKEN, resources=resources))
        added = client.post("/add", data=data, content_type="multipart/form-data")
        html = added.get_data(as_text=True)
        stored = s.story_summaries()
    assert added.status_code == 200
    # a record's source is its url, as for `newsprism add records.json`
    assert "<td>https://coasttimes.example/solvik-aground</td>" in html and html.count(">new<") == 2
    assert "upload notes.docx" in html and "zip archive" in html
    assert stored[0] == 1 and stored[1][0]["size"] == 2
