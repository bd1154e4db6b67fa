"""Pasted text -> article paragraphs, with every removed block and the metadata found.

The order of work: split into paragraphs (re-joining hard-wrapped lines), find the reader
comment thread at the tail, read metadata lines at the head (section label, headline, date,
byline), then judge each remaining paragraph with the line rules, drop verbatim repeats,
and finally cut a closing promo sentence off the last paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Removed
from . import metadata as meta
from . import rules

BULLET = re.compile(r"^[-*•·–]\s+")
LIST_ITEM = re.compile(r"^(?:[-*•·–]|\d{1,2}[.)])\s+")
EMPTY_BULLET = re.compile(r"^[-*•·–]+$")
MD_HEADING = re.compile(r"^#{1,6}\s+")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’)]))\s+(?=[\"“(]?[A-Z0-9])")
WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
MIN_WRAP_WIDTH = 40  # hard-wrapped lines (all but the last) are at least this wide
SENTENCE_STOPS = (".", "!", "?", "…", ":", ";", '"', "”")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass
class TextMeta:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    byline: tuple[str, ...] = ()
    outlet_from_dateline: str | None = None
    outlet_from_copyright: str | None = None  # "© 2024 The Daily Herald"
    outlet_from_byline: str | None = None  # "By Ann Lee | The Daily Herald"
    credited: tuple[str, ...] = ()  # reporters named in a closing credit line


@dataclass
class Stripped:
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    meta: TextMeta = field(default_factory=TextMeta)


@dataclass(frozen=True)
class StripSettings:
    head_lines: int = 10  # how far from the top metadata lines are looked for
    min_body_before_tail: int = 2  # body paragraphs needed before a comment thread may start
    comment_share: float = 0.3  # share of tail lines with comment cues after an URL line
    min_repeat_words: int = 8  # shorter repeated paragraphs (list items, labels) are kept


def normalise_line(line: str) -> str:
    """Whitespace collapsed; a control character counts as a space, and format,
    private-use and unassigned characters are dropped (nothing a reader sees, and they
    would make the clean text look binary)."""
    line = ZERO_WIDTH.sub("", line)
    if not line.isprintable():
        line = "".join(ch if ch.isprintable() else _invisible(ch) for ch in line)
    return WS.sub(" ", line).strip()


def _invisible(ch: str) -> str:
    return " " if ch.isspace() or unicodedata.category(ch) == "Cc" else ""


def _strip_markdown(line: str) -> str:
    line = MD_HEADING.sub("", line)
    line = MD_LINK.sub(lambda m: m.group(1) if not m.group(0).startswith("!") else "", line)
    line = MD_EMPHASIS.sub(lambda m: m.group(2), line)
    return line.lstrip("> ").strip() if line.startswith(">") else line


URL_ONLY = re.compile(r"^<?https?://\S+>?$", re.I)


def _join_block(lines: list[str]) -> list[str]:
    """Re-join a hard-wrapped block (lines of similar width, often continuing in lower case).
    A line that is only a URL stands alone: text is never joined across it."""
    if any(URL_ONLY.match(x) for x in lines):
        out: list[str] = []
        run: list[str] = []
        for line in lines + [""]:
            if not line or URL_ONLY.match(line):
                out.extend(_join_run(run))
                run = []
                if line:
                    out.append(line)
            else:
                run.append(line)
        return out
    return _join_run(lines)


def _join_run(lines: list[str]) -> list[str]:
    if len(lines) < 2 or any(LIST_ITEM.match(x) for x in lines):
        return lines
    widest = max(len(x) for x in lines)
    if widest > 110 or any(len(x) < max(MIN_WRAP_WIDTH, 0.5 * widest) for x in lines[:-1]):
        return lines
    breaks = len(lines) - 1
    # a lower-case line after a line that ends a sentence is not a wrapped continuation
    lower = sum(
        1
        for prev, nxt in zip(lines, lines[1:], strict=False)
        if nxt[:1].islower() and not prev.rstrip().endswith(SENTENCE_STOPS)
    )
    if lower * 3 < breaks:
        return lines
    return [" ".join(lines)]


def split_paragraphs(text: str, *, markdown: bool = False) -> list[str]:
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = normalise_line(raw)
        if markdown:
            line = normalise_line(_strip_markdown(line))
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    paragraphs: list[str] = []
    for block in blocks:
        for line in _join_block(block):
            if EMPTY_BULLET.match(line):
                continue  # a bullet marker with nothing after it
            paragraphs.append(BULLET.sub("", line, count=1) if BULLET.match(line) else line)
    return paragraphs


def _comment_start(paras: list[str], settings: StripSettings, found: TextMeta) -> int | None:
    """Index where a reader comment thread begins, or None."""
    n = len(paras)
    body_seen = 0
    for i, line in enumerate(paras):
        if rules.looks_like_body(line):
            body_seen += 1
        if body_seen < settings.min_body_before_tail:
            continue
        url = meta.parse_url_line(line)
        if url and i + 1 < n:
            tail = paras[i + 1 :]
            cues = sum(1 for x in tail if _comment_cue(x))
            if rules.COMMENT_OPENER.match(tail[0]) or cues >= max(
                1, settings.comment_share * len(tail)
            ):
                found.url = found.url or url
                return i + 1
        if rules.is_comment_marker(line) or rules.COMMENT_OPENER.match(line):
            return i
    # no marker: a run of posts signed by handles after the article's end
    handles = [i for i, x in enumerate(paras) if rules.is_signed_handle(x)]
    if len(handles) < 2:
        return None
    first = handles[0]
    if (
        sum(1 for x in paras[:first] if rules.looks_like_body(x))
        < settings.min_body_before_tail + 1
    ):
        return None
    tail = paras[first:]
    if sum(1 for x in tail if _comment_cue(x)) < settings.comment_share * len(tail):
        return None
    start = first
    while (
        start > 0
        and rules.personal_outside_quotes(paras[start - 1])
        and not rules.has_quote(paras[start - 1])
    ):
        start -= 1
    return start


def _comment_cue(line: str) -> bool:
    return (
        rules.is_handle(line)
        or rules.is_timestamp(line)
        or rules.is_comment_marker(line)
        or bool(rules.COMMENT_OPENER.match(line))
        or (rules.personal_outside_quotes(line) and not rules.has_quote(line))
        or line.rstrip().endswith("?")
    )


def _read_head(
    paras: list[str],
    kinds: dict[int, str],
    settings: StripSettings,
    found: TextMeta,
    known_title: str | None,
) -> None:
    """Mark metadata lines at the top: section label, headline, date, byline, outlet, URL."""
    limit = min(len(paras), settings.head_lines)
    for i in range(limit):
        if i in kinds:
            continue
        line = paras[i]
        if rules.looks_like_body(line, min_words=20):
            break
        if _take_metadata_line(line, found):
            kinds[i] = "metadata"
            continue
        rest = [x for j, x in enumerate(paras[i + 1 :], i + 1) if j not in kinds]
        if not rest:
            break
        if known_title is not None:
            if normalise_line(line).lower() == normalise_line(known_title).lower():
                kinds[i] = "metadata"
                found.title = found.title or line
            continue
        if found.title is None and meta.looks_like_headline(line):
            following = rest[0]
            if meta.looks_like_headline(following) and meta.looks_like_section_label(line):
                kinds[i] = "metadata"  # "World" above the real headline
                continue
            kinds[i] = "metadata"
            found.title = line
            continue
        if found.title is None and meta.looks_like_section_label(line):
            kinds[i] = "metadata"
            continue
        if found.title is not None:
            continue  # a sub-heading ("Introduction") under the headline stays in the body
        break


def _take_metadata_line(line: str, found: TextMeta) -> bool:
    date = meta.parse_date_line(line)
    if date:
        found.published = found.published or date
        return True
    names = meta.parse_byline(line) or meta.parse_credit_authors(line)
    if names:
        found.byline = _merge_names(found.byline, names)
        found.outlet_from_byline = found.outlet_from_byline or meta.parse_byline_outlet(line)
        return True
    outlet = meta.parse_labelled_outlet(line)
    if outlet:
        found.outlet = found.outlet or outlet
        return True
    url = meta.parse_url_line(line)
    if url:
        found.url = found.url or url
        return True
    return False


def _merge_names(known: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """Every author once, in order of appearance (a second byline adds, never replaces)."""
    seen = {n.casefold() for n in known}
    return known + tuple(n for n in more if n.casefold() not in seen)


def _judge(line: str) -> str | None:
    if rules.is_credit(line):
        return "metadata"
    if rules.is_footer(line):
        return "footer"
    if rules.is_cookie(line):
        return "cookie"
    if rules.is_advert(line):
        return "advert"
    if rules.is_navigation(line):
        return "navigation"
    if rules.is_related_inline(line):
        return "related"
    if rules.is_promo(line) and not rules.looks_like_body(line, min_words=40):
        return "promo"
    return None


def _judge_lines(paras: list[str], kinds: dict[int, str], found: TextMeta) -> None:
    n = len(paras)
    i = 0
    while i < n:
        if i in kinds:
            i += 1
            continue
        line = paras[i]
        kind = _judge(line)
        if kind == "metadata":  # a credit line: "(Reporting by A; Editing by B)"
            found.credited = _merge_names(found.credited, meta.parse_credit_authors(line) or ())
        if kind == "footer":
            name = meta.parse_copyright(line)
            if name and found.outlet_from_copyright is None:
                found.outlet_from_copyright = name
        if kind is None and rules.is_related_heading(line):
            kinds[i] = "related"
            j = i + 1
            while (
                j < n
                and j not in kinds
                and _judge(paras[j]) is None
                and not rules.looks_like_body(paras[j])
                and len(paras[j].split()) <= 25
            ):
                kinds[j] = "related"
                j += 1
            i = j
            continue
        if kind is None and i > 0 and _is_tail_metadata(paras, i, kinds):
            _take_metadata_line(line, found)
            kind = "metadata"
        if kind is not None:
            kinds[i] = kind
        i += 1
    # buttons next to a cookie banner ("Accept all", "Manage preferences")
    for i in range(n):
        if i not in kinds and rules.is_cookie_button(paras[i]):
            near = [kinds.get(j) for j in (i - 2, i - 1, i + 1, i + 2)]
            if "cookie" in near:
                kinds[i] = "cookie"


def _is_tail_metadata(paras: list[str], i: int, kinds: dict[int, str]) -> bool:
    """A byline, date or URL line among the last lines, after the last body paragraph."""
    line = paras[i]
    if i < len(paras) - 3:
        return False
    if not (meta.parse_date_line(line) or meta.parse_byline(line) or meta.parse_url_line(line)):
        return False
    return all(j in kinds or not rules.looks_like_body(paras[j]) for j in range(i + 1, len(paras)))


def _drop_repeats(
    paras: list[str], kinds: dict[int, str], settings: StripSettings, *, structured: bool
) -> None:
    """Drop later verbatim copies of a paragraph (summary bullets repeated by the body).
    Not for text extracted from HTML: there the markup already kept summaries apart, and
    repeats (menus, recipes, price lists, results tables) are the page's content."""
    if structured:
        return
    seen: set[str] = set()
    for i, line in enumerate(paras):
        if i in kinds:
            continue
        key = re.sub(r"\W+", " ", line.lower()).strip()
        if len(key.split()) < settings.min_repeat_words:
            continue
        if key in seen:
            kinds[i] = "repeated"
        else:
            seen.add(key)


def _closing_promo(paragraphs: list[str], removed: list[Removed]) -> None:
    """Cut promo sentences ("Stay informed as ...") off the end of the last paragraph."""
    if not paragraphs:
        return
    sentences = SENTENCE_END.split(paragraphs[-1])
    cut: list[str] = []
    while len(sentences) > 1 and rules.is_promo(sentences[-1]) and len(sentences[-1]) < 300:
        cut.insert(0, sentences.pop())
    if cut:
        paragraphs[-1] = " ".join(sentences)
        removed.append(Removed("promo", " ".join(cut)))


def strip_text(
    text: str,
    *,
    markdown: bool = False,
    known_title: str | None = None,
    structured: bool = False,
    settings: StripSettings = StripSettings(),  # noqa: B008 (frozen, safe default)
) -> Stripped:
    paras = split_paragraphs(text, markdown=markdown)
    found = TextMeta()
    kinds: dict[int, str] = {}
    start = _comment_start(paras, settings, found)
    if start is not None:
        for i in range(start, len(paras)):
            kinds[i] = "footer" if rules.is_footer(paras[i]) else "comments"
            if kinds[i] == "footer" and found.outlet_from_copyright is None:
                found.outlet_from_copyright = meta.parse_copyright(paras[i]) or None
        if start > 0 and meta.parse_url_line(paras[start - 1]):
            kinds[start - 1] = "metadata"
    _judge_lines(paras, kinds, found)
    _read_head(paras, kinds, settings, found, known_title)
    _drop_repeats(paras, kinds, settings, structured=structured)
    kept: list[str] = []
    removed: list[Removed] = []
    comment_block: list[str] = []
    for i, line in enumerate(paras):
        kind = kinds.get(i)
        if kind is None:
            kept.append(line)
        elif kind == "comments":
            comment_block.append(line)
        else:
            removed.append(Removed(kind, line))
    if comment_block:
        removed.append(Removed("comments", "\n".join(comment_block)))
    _closing_promo(kept, removed)
    for line in kept[:3]:
        agency = meta.parse_dateline(line)
        if agency:
            found.outlet_from_dateline = agency
            break
    found.byline = _merge_names(found.byline, found.credited)
    return Stripped(kept, removed, found)
