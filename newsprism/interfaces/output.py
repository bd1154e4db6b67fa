"""Output writers: the report dict as JSON (for programs) or Markdown (for people).

Both take the dict made by :func:`newsprism.report.build_report` and nothing else, so
every interface shows the same facts. The Markdown is compact by default, a page a person
reads in a minute: per story the brief, the disagreements, the corroborated facts, who
copied whom, and the single-source facts and opinions as a count per outlet. ``full=True``
adds every claim group in a table, the discrepancies' values and wording, the timeline and
what cleaning removed. The JSON always holds everything.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from typing import Any, TextIO

from ..outlets import labels_by_article

_VERBS = {
    "copy": "copies",
    "rewrite": "rewrites",
    "translation": "translates",
    "citation": "cites",
}


def write_json(report: dict[str, Any], fp: TextIO) -> None:
    """Write ``report`` as indented UTF-8 JSON, keys in the report's own (stable) order.

    Raises ``ValueError`` if the dict holds an infinity or NaN: build_report never does.
    """
    json.dump(report, fp, indent=2, ensure_ascii=False, allow_nan=False)
    fp.write("\n")


# Characters that start Markdown or HTML markup inside a line. Backslash escapes make
# them literal (CommonMark: any ASCII punctuation may be escaped); < > & become entities
# so that no raw HTML, autolink or entity survives, even in renderers without escapes.
_MD_ESCAPES = {c: "\\" + c for c in "\\`*_[]|~#!"}
_MD_ESCAPES.update({"<": "&lt;", ">": "&gt;", "&": "&amp;"})
_MD_TABLE = str.maketrans(_MD_ESCAPES)
# a line that opens with these would start a list, a quote or a heading rule
_BLOCK_START = re.compile(r"^(\d{0,9})([-+=.)])(?=\s|$)")
# what a terminal or a log viewer would act on: controls, format characters (U+202E
# turns the rest of a line around), line and paragraph separators, lone surrogates
_UNSAFE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def md_inline(text: Any) -> str:
    """Untrusted text (a title, an outlet name, a sentence of an article) as one line of
    Markdown that shows exactly that text: no raw HTML, link, image, emphasis or code can
    come out of it, and it cannot break a table or a list item. Every string of an
    article goes through this function in every Markdown writer."""
    if text is None:
        return ""
    flat = " ".join(str(text).split()).translate(_MD_TABLE)
    return _BLOCK_START.sub(_escape_block_start, flat, count=1)


def _escape_block_start(m: re.Match[str]) -> str:
    digits, mark = m.group(1), m.group(2)
    if digits and mark in ".)" or not digits and mark in "-+=":
        return f"{digits}\\{mark}"
    return m.group(0)


_inline = md_inline  # the name the writers below use


def md_code(text: Any) -> str:
    """Untrusted text inside a Markdown code span: shown literally, so only the backtick
    that would end the span (and line breaks) are replaced."""
    return " ".join(str(text or "").split()).replace("`", "'")


def printable(text: Any) -> str:
    """``text`` with every character a terminal would act on written as an escape
    (``\\n``, ``\\u202e``), for messages on stderr and tables on stdout."""
    return "".join(
        ch if unicodedata.category(ch) not in _UNSAFE else _escape(ch) for ch in str(text)
    )


def quoted(name: Any) -> str:
    """A file name or URL in a message: in double quotes, with quotes, backslashes and
    unprintable characters escaped, so that no name can split or forge a line."""
    text = str(name).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{printable(text)}"'


def _escape(ch: str) -> str:
    code = ord(ch)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _cite(item: dict[str, Any]) -> str:
    refs = [*item.get("groups", [])]
    if item.get("discrepancy"):
        refs.insert(0, item["discrepancy"])
    label = "; ".join(x for x in [", ".join(refs), ", ".join(item.get("outlets", []))] if x)
    return f" [{_inline(label)}]" if label else ""


def _brief(story: dict[str, Any]) -> list[str]:
    lines = ["### Brief", ""]
    if not story["brief"]:
        return [*lines, "_No claim could be put in a brief._", ""]
    for item in story["brief"]:
        mark = ""
        if item.get("kind") == "fact" and item.get("status") == "single_source":
            mark = "_(single source)_ "
        lines.append(f"- {mark}{_inline(item['text'])}{_cite(item)}")
    return [*lines, ""]


def _said(group: dict[str, Any]) -> str:
    return f" (said by {_inline(group['speaker'])})" if group.get("speaker") else ""


def _corroborated(story: dict[str, Any], outlets: dict[str, str]) -> list[str]:
    rows = [g for g in story["groups"] if g["status"] == "corroborated"]
    if not rows:
        return []
    rows.sort(key=lambda g: -g["independent_sources"])
    lines = ["### Corroborated facts", ""]
    for g in rows:
        names = g.get("outlets") or [outlets.get(a, a) for a in g["articles"]]
        lines.append(
            f"- {_inline(g.get('text') or '')}{_said(g)} "
            f"[{g['id']}; {g['independent_sources']} sources: {_inline(', '.join(names))}]"
        )
    return [*lines, ""]


def _single_counts(story: dict[str, Any], outlets: dict[str, str]) -> list[str]:
    single: Counter[str] = Counter()
    opinion: Counter[str] = Counter()
    for g in story["groups"]:
        names = g.get("outlets") or [outlets.get(a, a) for a in g["articles"]]
        if g["status"] == "single_source":
            single.update(dict.fromkeys(names, 1))
        elif g["status"] == "opinion":
            opinion.update(dict.fromkeys(names, 1))
    lines = []
    if single:
        per = ", ".join(f"{_inline(n)} {c}" for n, c in single.most_common())
        lines.append(f"- {_count(sum(single.values()), 'fact')} from a single source: {per}")
    if opinion:
        per = ", ".join(f"{_inline(n)} {c}" for n, c in opinion.most_common())
        lines.append(f"- {_count(sum(opinion.values()), 'opinion')} or comment: {per}")
    if not lines:
        return []
    return ["### Single-source facts and opinion", "", *lines,
            "", "_`--full` lists each one; the JSON report has them all._", ""]  # fmt: skip


def _groups(story: dict[str, Any], outlets: dict[str, str]) -> list[str]:
    if not story["groups"]:
        return []
    claims = {c["id"]: c for c in story["claims"]}
    lines = [
        "### What each fact rests on",
        "",
        "| Group | Status | Independent sources | Outlets | Claim |",
        "|---|---|---|---|---|",
    ]
    for g in story["groups"]:
        names = g.get("outlets") or [outlets.get(a, a) for a in g["articles"]]
        first = claims.get(g["claims"][0]) if g["claims"] else None
        text = g.get("text") or (first["statement"] if first else "")
        lines.append(
            f"| {g['id']} | {g['status'].replace('_', ' ')} | {g['independent_sources']} | "
            f"{_inline(', '.join(names))} | {_inline(text)} |"
        )
    return [*lines, ""]


def _discrepancies(story: dict[str, Any], full: bool) -> list[str]:
    if not story["discrepancies"]:
        return []
    lines = ["### Disagreements", ""]
    for d in story["discrepancies"]:
        where = f", group {d['group']}" if d.get("group") else ""
        lines.append(f"- **{d['kind']}** ({d['id']}{where}): {_inline(d['explanation'])}")
        if not full:
            continue
        if d.get("values"):
            shown = " / ".join(f"“{_inline(v)}”" for v in d["values"])
            lines.append(f"  - values: {shown}")
        if d.get("diff"):
            wording = md_code(d["diff"])
            lines.append(f"  - wording: `{wording}`")
    return [*lines, ""]


def _derivations(story: dict[str, Any], outlets: dict[str, str]) -> list[str]:
    if not story["derivations"]:
        return []
    lines = ["### Who copied whom", ""]
    for d in story["derivations"]:
        who = outlets.get(d["article"], d["article"])
        source = d["derived_from"]
        if not d["external"]:
            source = outlets.get(source, source)
        verb = _VERBS.get(d["kind"], d["kind"])
        outside = " (not in the input)" if d["external"] else ""
        score = f" (score {d['score']:.2f})" if d.get("score") is not None else ""
        evidence = _inline(d["evidence"])
        lines.append(f"- {_inline(who)} {verb} {_inline(source)}{outside}: {evidence}{score}")
    return [*lines, ""]


def _timeline(story: dict[str, Any]) -> list[str]:
    if not story["timeline"]:
        return []
    lines = ["### Timeline", ""]
    for e in story["timeline"]:
        if e.get("kind") == "published":
            title = f": {_inline(e['text'])}" if e.get("text") else ""
            lines.append(f"- {e['date']}: {_inline(e['outlet'])} publishes{title}")
        else:
            cite = ", ".join(x for x in (e.get("group"), e.get("outlet")) if x)
            lines.append(f"- {e['date']}: {_inline(e['text'])} [{_inline(cite)}]")
    return [*lines, ""]


def _removed(story: dict[str, Any], outlets: dict[str, str]) -> list[str]:
    rows = []
    for article in story["articles"]:
        counts = Counter(r["kind"] for r in article["removed"])
        if counts or article.get("repairs"):
            parts = [f"{n} {kind}" for kind, n in sorted(counts.items())]
            if article.get("repairs"):
                parts.append(f"{article['repairs']} glued words repaired")
            name = outlets.get(article["id"], article["id"])
            rows.append(f"- {_inline(name)}: {', '.join(parts)}")
    if not rows:
        return []
    return ["### Removed while cleaning", "", *rows, ""]


def _story(story: dict[str, Any], full: bool) -> list[str]:
    outlets = labels_by_article(story["articles"])
    span = ""
    if story.get("first"):
        span = f", {story['first']}" + (
            f" to {story['last']}" if story.get("last") and story["last"] != story["first"] else ""
        )
    names = ", ".join(dict.fromkeys(outlets.values()))
    first = story.get("first_report")
    lead = f"; first reported by {_inline(outlets.get(first, first))}" if first else ""
    lines = [
        f"## {_inline(story['headline'])}",
        "",
        f"_{_count(len(story['articles']), 'article')} ({_inline(names)}){span}{lead}; "
        f"story {story['id']}_",
        "",
    ]
    lines += _brief(story)
    lines += _discrepancies(story, full)
    if full:
        lines += _groups(story, outlets)
    else:
        lines += _corroborated(story, outlets)
    lines += _derivations(story, outlets)
    if full:
        lines += _timeline(story)
        lines += _removed(story, outlets)
    else:
        lines += _single_counts(story, outlets)
    return lines


def render_markdown(report: dict[str, Any], *, full: bool = False) -> str:
    """The report as a Markdown document for people (compact, or ``full``: see the module
    docstring); then the rejected inputs."""
    gen = report.get("generator", {})
    lines = ["# newsprism report", ""]
    n = len(report["stories"])
    lines.append(f"_{n} {'story' if n == 1 else 'stories'}; newsprism {gen.get('newsprism', '?')}_")
    lines.append("")
    if not report["stories"]:
        lines += ["_No story was found in the input._", ""]
    for story in report["stories"]:
        lines += _story(story, full)
    if report["rejections"]:
        lines += ["## Rejected inputs", ""]
        for r in report["rejections"]:
            lines.append(f"- {_inline(r['source'])} ({r['stage']}): {_inline(r['reason'])}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
