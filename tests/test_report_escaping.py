"""Every article string is untrusted in the Markdown report: titles, outlet names and text
that hold raw HTML or ``javascript:`` links come out as the text they are, even through a
Markdown renderer that allows raw HTML."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from newsprism.config import Settings
from newsprism.interfaces.output import md_inline, printable, quoted, render_markdown
from newsprism.pipeline import analyze
from newsprism.report import build_report
from newsprism.resources import Resources

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
LINK = "[read more](javascript:alert(3))"


def _hostile_page(text: str, title: str, outlet: str) -> bytes:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{html.escape(title)}</title>"
        f'<meta property="og:site_name" content="{html.escape(outlet, quote=True)}">'
        f"</head><body><article>{paras}</article></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def hostile_markdown(
    tmp_path_factory: pytest.TempPathFactory, demo_dir: Path, resources: Resources
) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("tram_eastmoor_gazette.txt", "tram_eastmoor_local.txt"):
        text = (demo_dir / "articles" / name).read_text(encoding="utf-8")
        body = text.split("\n\n", 1)[1]
        first, rest = body.split("\n\n", 1)
        first = first.replace(" has approved ", f" has approved {LINK} {SCRIPT} ", 1)
        body = f"{first}\n\n{rest}"
        page = _hostile_page(body, f"Tram vote {SCRIPT} {IMG}", f"Gazette {IMG}")
        (folder / f"{name}.html").write_bytes(page)
    result = analyze([str(folder)], settings=Settings(), resources=resources)
    assert result.analysis.stories
    report = build_report(result.analysis)
    return {"compact": render_markdown(report), "full": render_markdown(report, full=True)}


@pytest.mark.parametrize("kind", ["compact", "full"])
def test_report_markdown_renders_no_raw_html_from_articles(
    hostile_markdown: dict[str, str], kind: str
) -> None:
    rendered = MarkdownIt("commonmark", {"html": True}).render(hostile_markdown[kind])
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown, as text


@pytest.mark.parametrize("kind", ["compact", "full"])
def test_report_markdown_renders_no_javascript_link(
    hostile_markdown: dict[str, str], kind: str
) -> None:
    viewer = MarkdownIt("commonmark", {"html": True})
    viewer.validateLink = lambda url: True  # a viewer that links whatever it is given
    rendered = viewer.render(hostile_markdown[kind])
    assert "<a " not in rendered
    if kind == "full":  # every claim is listed: the link's text is shown as text
        assert "[read more](javascript:alert(3))" in rendered


def test_report_md_inline_keeps_the_text_a_reader_sees() -> None:
    text = "Up 5% *today* in `Oslo` & <b>Bergen</b> | ~2 ~ #1 [a](b) \\o/"
    rendered = MarkdownIt("commonmark", {"html": True}).renderInline(md_inline(text))
    assert html.unescape(rendered) == text


def test_report_md_inline_cannot_open_a_block() -> None:
    for text in ("- a list?", "1. an ordered list?", "> a quote?", "# a heading?"):
        rendered = MarkdownIt("commonmark").render(f"- {md_inline(text)}")
        assert rendered == f"<ul>\n<li>{html.escape(text, quote=False)}</li>\n</ul>\n"


def test_report_messages_quote_names_and_escape_controls() -> None:
    assert quoted("a\nb\u202e.txt") == '"a\\nb\\u202e.txt"'
    assert quoted('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert printable("bell\x07 and \x1b[31mred") == "bell\\u0007 and \\u001b[31mred"
