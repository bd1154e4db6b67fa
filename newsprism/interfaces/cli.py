"""The command line: thin wrappers that parse arguments and call library functions.

Exit codes (also in docs/cli.md):

* 0  the report was written and every input was used
* 1  the report was written, but some inputs were rejected (one line each on stderr)
* 2  usage or configuration error
* 3  a packaged model is missing (reinstall with ``make install``)
* 4  the store could not be opened or written
* 5  nothing could be analysed (every input was rejected)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__
from ..config import Settings
from ..errors import ConfigError, NewsprismError
from ..model import Analysis, Rejection, Story
from ..storage.sqlite import SQLiteStore

if TYPE_CHECKING:  # pragma: no cover
    from ..storage import Store

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 5


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsprism",
        description="Many news reports of one event in, one verified and cited picture out.",
    )
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    an = sub.add_parser("analyze", help="analyse articles: stories, claims, agreement, report")
    an.add_argument("articles", nargs="*", help="files, folders, URLs, feeds, or - for stdin")
    an.add_argument("--story", metavar="ID", help="analyse this story of the --db corpus")
    an.add_argument("--json", metavar="FILE", help="write the JSON report here (- for stdout)")
    an.add_argument("--md", metavar="FILE", help="write the Markdown report here (- for stdout)")
    an.add_argument("--db", metavar="FILE", help="SQLite store (default: newsprism.db)")
    an.add_argument("--no-db", action="store_true", help="do not store the analysis")
    an.add_argument("--max-bytes", type=int, help="reject inputs larger than this")
    an.add_argument("--strict", action="store_true", help="stop at the first bad input")
    an.add_argument(
        "--full",
        action="store_true",
        help="Markdown: every claim group in a table, the timeline, what cleaning removed",
    )
    _add_fetch_options(an)

    ex = sub.add_parser("extract", help="ingest and clean only: clean text, metadata, removed")
    ex.add_argument("articles", nargs="+", help="files, folders, URLs, feeds, or - for stdin")
    ex.add_argument("--text", action="store_true", help="print clean text for people, not JSON")
    ex.add_argument("--max-bytes", type=int, help="reject inputs larger than this")
    _add_fetch_options(ex)

    ad = sub.add_parser("add", help="add articles to the stored corpus, story by story")
    ad.add_argument("articles", nargs="+", help="files, folders, URLs, feeds, or - for stdin")
    ad.add_argument("--db", metavar="FILE", help="SQLite store (default: newsprism.db)")
    ad.add_argument("--max-bytes", type=int, help="reject inputs larger than this")
    ad.add_argument("--batch", type=int, default=500, metavar="N", help="articles per transaction")
    _add_fetch_options(ad)

    st = sub.add_parser("stories", help="list the stories of the stored corpus")
    st.add_argument("--db", metavar="FILE", help="SQLite store (default: newsprism.db)")
    st.add_argument("--table", action="store_true", help="a table for people, not JSON")

    sv = sub.add_parser("serve", help="a local web app and JSON API over the store")
    sv.add_argument("--db", metavar="PATH|URL", help="store (default: newsprism.db)")
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8080, help="port (default 8080; 0: any free)")
    sv.add_argument("--token", help="allow adding articles with this bearer token "
                    "(or NEWSPRISM_TOKEN); without one the server is read-only")  # fmt: skip
    sv.add_argument("--max-bytes", type=int, help="reject added inputs larger than this")
    _add_fetch_options(sv)
    return parser


def _add_fetch_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--outlet",
        action="append",
        default=[],
        metavar="FILE=NAME",
        help="name the outlet of an input (repeatable); it wins over what the text says",
    )
    sub.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch URLs on private, loopback and link-local addresses",
    )
    sub.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="give up on a URL after this long"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return cmd_analyze(args, sys.stdout, sys.stderr)
        if args.command == "add":
            return cmd_add(args, sys.stdout, sys.stderr)
        if args.command == "stories":
            return cmd_stories(args, sys.stdout, sys.stderr)
        if args.command == "serve":
            return cmd_serve(args, os.environ, sys.stderr)
        return cmd_extract(args, sys.stdout, sys.stderr)
    except NewsprismError as exc:
        print(f"newsprism: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("newsprism: interrupted; stored runs are complete or absent", file=sys.stderr)
        return 130


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {
        "max_bytes": getattr(args, "max_bytes", None),
        "timeout": getattr(args, "timeout", None),
    }
    if getattr(args, "allow_private", False):
        overrides["allow_private"] = True
    if getattr(args, "db", None):
        overrides["db"] = args.db
    if getattr(args, "strict", False):
        overrides["on_error"] = "raise"
    settings = Settings.load(os.environ, **overrides)
    named = _outlets(getattr(args, "outlet", []) or [])
    if named:
        settings = replace(settings, clean=replace(settings.clean, outlets=named))
    return settings


def _outlets(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``--outlet FILE=NAME`` values as (FILE, NAME) pairs."""
    out = []
    for value in values:
        path, sep, name = value.partition("=")
        if not sep or not path.strip() or not name.strip():
            raise ConfigError(f"--outlet expects FILE=NAME, got {value!r}")
        out.append((path.strip(), " ".join(name.split())))
    return tuple(out)


def _report_rejections(rejections: Sequence[Rejection], err: TextIO) -> None:
    for r in rejections:
        print(f"rejected {r.source}: {r.reason}", file=err)


def _open_out(path: str, out: TextIO) -> TextIO:
    return out if path == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115


def cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..pipeline import analyze
    from ..report import build_report
    from ..storage import open_store
    from .output import render_markdown, write_json

    settings = _settings(args)
    if bool(args.articles) == bool(args.story):
        print("newsprism: give ARTICLES or --story ID (not both)", file=err)
        return EXIT_USAGE
    stdin = sys.stdin.buffer if "-" in args.articles else None
    store = None if args.no_db else open_store(settings.db)  # fail early on a bad store
    if args.story:
        if store is None:
            print("newsprism: --story reads the corpus in --db; drop --no-db", file=err)
            return EXIT_USAGE
        try:
            analysis = analyze_story(store, args.story, settings)
        except BaseException:
            store.close()
            raise
    else:
        analysis = analyze(args.articles, settings=settings, stdin=stdin).analysis
    _report_rejections(analysis.rejections, err)
    if not analysis.stories:
        if store is not None:
            store.close()
        print("newsprism: nothing to analyse: every input was rejected", file=err)
        return EXIT_NOTHING
    report = build_report(analysis)
    if store is not None:
        try:
            report["run"] = store.save_analysis(analysis)
        finally:
            store.close()
    targets = [(args.json, "json"), (args.md, "md")]
    if not args.json and not args.md:
        targets = [("-", "json")]
    for path, kind in targets:
        if not path:
            continue
        fp = _open_out(path, out)
        try:
            if kind == "json":
                write_json(report, fp)
            else:
                fp.write(render_markdown(report, full=args.full))
        finally:
            if fp is not out:
                fp.close()
    n_articles = sum(len(s.articles) for s in analysis.stories)
    print(
        f"analysed {n_articles} articles in {len(analysis.stories)} stories"
        + (f"; stored in {settings.db}" if store is not None else ""),
        file=err,
    )
    return EXIT_PARTIAL if analysis.rejections else EXIT_OK


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..clean import clean_documents
    from ..ingest import read_sources

    settings = _settings(args)
    stdin = sys.stdin.buffer if "-" in args.articles else None
    docs, rejected = read_sources(args.articles, stdin=stdin, options=settings.ingest)
    articles, rejected_clean = clean_documents(docs, settings.clean)
    rejections = rejected + rejected_clean
    _report_rejections(rejections, err)
    if args.text:
        for a in articles:
            head = f"{a.source} | {a.outlet or '?'} | {a.published or '?'} | {a.title or ''}"
            out.write(f"== {head}\n")
            out.write(a.text + "\n\n")
    else:
        payload = {
            "articles": [asdict(a) for a in articles],
            "rejections": [asdict(r) for r in rejections],
        }
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
    if not articles:
        return EXIT_NOTHING
    return EXIT_PARTIAL if rejections else EXIT_OK


def _corpus_store(path: str) -> SQLiteStore:
    from ..storage import open_store

    store = open_store(path)
    if not isinstance(store, SQLiteStore):  # pragma: no cover - only SQLite exists yet
        store.close()
        raise ConfigError("the corpus commands need an SQLite store")
    return store


def analyze_story(store: Store, story_id: str, settings: Settings) -> Analysis:
    """The claim stages (claims, compare) on one stored corpus story, keeping its id."""
    from ..pipeline import STAGES, algorithms, run_stages
    from ..resources import Resources
    from ..storage.corpus import near_duplicate_pairs, story_articles
    from ..stories.grouping import headline

    if not isinstance(store, SQLiteStore):  # pragma: no cover - only SQLite exists yet
        raise ConfigError("--story needs an SQLite store")
    articles = story_articles(store, story_id)
    story = Story(id=story_id, headline=headline(articles), articles=tuple(a.id for a in articles))
    stages = [s for s in STAGES if s.name in ("claims", "compare")]
    copies = near_duplicate_pairs(store, story_id)
    context: dict[str, Any] = {
        "articles": articles,
        "stories": [story],
        "rejections": [],
        "near_duplicates": copies,
    }
    context, _ = run_stages(stages, context, settings, Resources())
    return Analysis(
        stories=tuple(context["story_analyses"]),
        rejections=tuple(context["rejections"]),
        algorithms=algorithms(),
    )


def cmd_add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..clean import clean_documents
    from ..ingest import read_sources
    from ..resources import Resources
    from ..storage.corpus import add_articles
    from .progress import Progress

    if args.batch < 1:
        raise ConfigError("--batch must be at least 1")
    settings = _settings(args)
    store = _corpus_store(settings.db)  # fail early on a bad store
    try:
        stdin = sys.stdin.buffer if "-" in args.articles else None
        docs, rejections = read_sources(args.articles, stdin=stdin, options=settings.ingest)
        articles = []
        bar = Progress(len(docs), "cleaning", err)
        for start in range(0, len(docs), args.batch):
            cleaned, rejected = clean_documents(docs[start : start + args.batch], settings.clean)
            articles.extend(cleaned)
            rejections.extend(rejected)
            bar(start + len(cleaned) + len(rejected))
        bar.close()
        _report_rejections(rejections, err)
        bar = Progress(len(articles), "adding", err)
        result = add_articles(store, articles, Resources().embedder, batch_size=args.batch,
                              progress=bar)  # fmt: skip
        bar.close()
    finally:
        store.close()
    summary = {**asdict(result), "rejections": len(rejections)}
    json.dump(summary, out, indent=2)
    out.write("\n")
    print(
        f"added {result.added} articles ({result.skipped} already stored, "
        f"{result.near_duplicates} near-duplicates); {result.opened} new stories, "
        f"{result.stories} in {settings.db}",
        file=err,
    )
    if not articles:
        return EXIT_NOTHING
    return EXIT_PARTIAL if rejections else EXIT_OK


def cmd_stories(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..storage.corpus import list_corpus_stories

    settings = _settings(args)
    store = _corpus_store(settings.db)
    try:
        stories = list_corpus_stories(store)
    finally:
        store.close()
    if not args.table:
        json.dump({"stories": stories}, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    out.write(f"{'story':<12} {'size':>5} {'outlets':>7} {'first':<10} {'last':<10} headline\n")
    for s in stories:
        out.write(
            f"{s['id']:<12} {s['size']:>5} {len(s['outlets']):>7} {s['first'] or '?':<10} "
            f"{s['last'] or '?':<10} {s['headline'][:70]}\n"
        )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, environ: Mapping[str, str], err: TextIO) -> int:
    from ..storage import open_store
    from ..web import create_app, is_loopback, make_server

    token = args.token or environ.get("NEWSPRISM_TOKEN") or None
    if not is_loopback(args.host) and token is None:
        print(f"newsprism: refusing to serve on {args.host} without a token: set --token or "
              "NEWSPRISM_TOKEN, or keep the default --host 127.0.0.1", file=err)  # fmt: skip
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        raise ConfigError(f"--port must be between 0 and 65535, not {args.port}")
    settings = _settings(args)
    store = open_store(settings.db)
    try:
        app = create_app(store, token=token, settings=settings)
        server = make_server(app, args.host, args.port)
        host = f"[{args.host}]" if ":" in args.host else args.host
        mode = "adding articles needs the token" if token else "read-only"
        shown = re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", settings.db)  # no password shown
        print(f"newsprism: serving {shown} at http://{host}:{server.effective_port}/ "
              f"({mode}); Ctrl-C stops", file=err, flush=True)  # fmt: skip
        server.run()
    finally:
        store.close()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
