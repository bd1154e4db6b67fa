"""The command line: thin wrappers that parse arguments and call library functions.

Exit codes (also in docs/cli.md):

* 0  the report was written and every input was used
* 1  the report was written, but some inputs were rejected (one line each on stderr)
* 2  usage or configuration error
* 3  a packaged model is missing (reinstall with ``make install``)
* 4  the store could not be opened or written
* 5  nothing could be analysed (every input was rejected)
* 6  internal error: an exception newsprism did not expect (a bug; the traceback follows)
* 130  interrupted; 141  the reader of standard output went away (``| head``): ends quietly

File names, URLs and reasons in messages are quoted and escaped (``output.quoted``), so
that no name can split a line of stderr or forge one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, BinaryIO, TextIO

from .. import __version__
from ..config import Settings
from ..errors import ConfigError, NewsprismError, StageError, describe
from ..model import Rejection
from .output import printable, quoted

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import AddResult
    from ..model import Analysis
    from ..storage import Store

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 5
EXIT_INTERNAL = StageError.exit_code  # 6: a bug, never "some inputs were rejected"
EXIT_INTERRUPTED, EXIT_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as shells count
DB_HELP = "SQLite file or postgresql://USER@HOST:PORT/DB (default: newsprism.db)"


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
    an.add_argument("--db", metavar="FILE", help=DB_HELP)
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
    ad.add_argument("--db", metavar="FILE", help=DB_HELP)
    ad.add_argument("--max-bytes", type=int, help="reject inputs larger than this")
    ad.add_argument("--batch", type=int, default=500, metavar="N", help="articles per transaction")
    ad.add_argument(
        "--analyze",
        action="store_true",
        help="also analyse every story the run opened or grew, stored as one run",
    )
    ad.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="run the per-article work on a local Dask cluster of N processes",
    )
    ad.add_argument(
        "--scheduler",
        metavar="URL",
        help="run it on the Dask cluster of this scheduler (tcp://HOST:PORT)",
    )
    ad.add_argument(
        "--chunk",
        type=int,
        default=20,
        metavar="N",
        help="inputs per Dask task (with --workers or --scheduler)",
    )
    _add_fetch_options(ad)

    st = sub.add_parser("stories", help="list the stories of the stored corpus")
    st.add_argument("--db", metavar="FILE", help=DB_HELP)
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
    err = sys.stderr
    try:
        if args.command == "analyze":
            return cmd_analyze(args, sys.stdout, err)
        if args.command == "add":
            return cmd_add(args, sys.stdout, err)
        if args.command == "stories":
            return cmd_stories(args, sys.stdout, err)
        if args.command == "serve":
            return cmd_serve(args, os.environ, err)
        return cmd_extract(args, sys.stdout, err)
    except BrokenPipeError:
        return _closed_pipe()
    except StageError as exc:  # --strict: the first input a stage failed on
        print(f"newsprism: {printable(exc)} (a bug: please report it)", file=err)
        if exc.__cause__ is not None:
            traceback.print_exception(exc.__cause__, file=err)
        return exc.exit_code
    except NewsprismError as exc:
        print(f"newsprism: {printable(exc)}", file=err)
        return exc.exit_code
    except KeyboardInterrupt:
        print("newsprism: interrupted; stored runs are complete or absent", file=err)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - reported with its traceback, not swallowed
        print(f"newsprism: internal error: {printable(describe(exc))} (a bug: please report it)",
              file=err)  # fmt: skip
        traceback.print_exception(exc, file=err)
        return EXIT_INTERNAL


def _closed_pipe() -> int:
    """The reader of stdout went away (``newsprism stories | head``): end quietly. Output
    still buffered is dropped, so that Python's own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (tests): nothing to redirect
        pass
    return EXIT_PIPE


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
        print(f"rejected {quoted(r.source)}: {printable(r.reason)}", file=err)


def _open_out(path: str, out: TextIO) -> TextIO:
    return out if path == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115


def cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import corpus
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
            analysis = corpus.analyze_story(store, args.story, settings)
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
        + (f"; stored in {quoted(settings.db)}" if store is not None else ""),
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
            out.write(f"== {printable(head)}\n")
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


def cmd_add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..storage import open_store

    if args.batch < 1 or args.chunk < 1:
        raise ConfigError("--batch and --chunk must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise ConfigError("--workers must be at least 1")
    settings = _settings(args)
    store = open_store(settings.db)  # fail early on a bad store
    try:
        stdin = sys.stdin.buffer if "-" in args.articles else None
        if args.workers is not None or args.scheduler:
            result, rejections, analysis = _add_distributed(args, settings, store, stdin, err)
        else:
            result, rejections, analysis = _add_here(args, settings, store, stdin, err)
        run = store.save_analysis(analysis) if analysis is not None and analysis.stories else None
    finally:
        store.close()
    summary = {**asdict(result), "rejections": len(rejections)}
    summary.pop("touched")
    if args.analyze:
        summary |= {"analysed": len(analysis.stories) if analysis else 0, "run": run}
    json.dump(summary, out, indent=2)
    out.write("\n")
    print(
        f"added {result.added} articles ({result.skipped} already stored, "
        f"{result.near_duplicates} near-duplicates); {result.opened} new stories, "
        f"{result.stories} in {quoted(settings.db)}",
        file=err,
    )
    if not result.added + result.skipped:
        return EXIT_NOTHING
    return EXIT_PARTIAL if rejections else EXIT_OK


AddOutcome = tuple["AddResult", list[Rejection], "Analysis | None"]


def _add_here(
    args: argparse.Namespace, settings: Settings, store: Store, stdin: BinaryIO | None,
    err: TextIO,
) -> AddOutcome:  # fmt: skip
    """``add`` in this process."""
    from .. import corpus
    from ..resources import Resources
    from .progress import Progress

    bars: list[Progress] = []

    def cleaning(done: int, total: int) -> None:
        if not bars:
            bars.append(Progress(total, "cleaning", err))
        bars[0](done)

    articles, rejections = corpus.read_articles(
        args.articles, settings, stdin=stdin, batch_size=args.batch, progress=cleaning
    )
    for bar in bars:
        bar.close()
    _report_rejections(rejections, err)
    resources = Resources()
    bar = Progress(len(articles), "adding", err)
    result = corpus.add(store, articles, resources.embedder, batch_size=args.batch, progress=bar)
    bar.close()
    analysis = None
    if args.analyze:
        found = corpus.analyze_stories(store, result.touched, settings, resources)
        analysis = corpus.with_rejections(found, rejections)
    return result, rejections, analysis


def _add_distributed(
    args: argparse.Namespace, settings: Settings, store: Store, stdin: BinaryIO | None,
    err: TextIO,
) -> AddOutcome:  # fmt: skip
    """``add`` with the per-article work on a Dask cluster (``newsprism.batch``)."""
    from .. import batch
    from .progress import Progress

    bars: list[Progress] = []

    def progress(done: int, total: int, articles: int) -> None:
        if not bars:
            bars.append(Progress(total, "adding", err))
        bars[0](done, articles)

    with batch.cluster(args.workers or 2, args.scheduler) as client:
        run = batch.add(store, args.articles, client, settings, stdin=stdin,
                        batch_size=args.batch, chunk=args.chunk, analyze=args.analyze,
                        progress=progress)  # fmt: skip
    for bar in bars:
        bar.close()
    _report_rejections(run.rejections, err)
    return run.result, run.rejections, run.analysis


def cmd_stories(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import corpus
    from ..storage import open_store

    settings = _settings(args)
    store = open_store(settings.db)
    try:
        stories = corpus.list_stories(store)
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
            f"{s['last'] or '?':<10} {printable(s['headline'][:70])}\n"
        )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, environ: Mapping[str, str], err: TextIO) -> int:
    from ..storage import open_store
    from ..storage.postgres import redact
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
        shown = redact(settings.db)  # no password shown (store.path is not on Store)
        print(f"newsprism: serving {shown} at http://{host}:{server.effective_port}/ "
              f"({mode}); Ctrl-C stops", file=err, flush=True)  # fmt: skip
        server.run()
    finally:
        store.close()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
