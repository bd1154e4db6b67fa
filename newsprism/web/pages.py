"""The HTML pages: handlers that gather view data and render one template each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Request, Response

from ..model import GROUP_STATUSES
from ..outlets import labels_by_article
from ..urls import web_url
from . import views
from .adding import read_submitted
from .api import listing, page_args
from .backend import StoryEntry
from .graph import derivation_svg
from .http import bad_request, encoded, not_found

if TYPE_CHECKING:  # pragma: no cover
    from .app import WebApp


def index(app: WebApp, request: Request) -> Response:
    limit, offset, q = page_args(app, request)
    total, rows = app.backend.summaries(limit, offset, q)
    prev_offset = max(0, offset - limit) if offset > 0 else None
    next_offset = offset + limit if offset + limit < total else None
    return app.html(
        "index.html", stories=[listing(s) for s in rows], total=total, q=q or "",
        limit=limit, offset=offset, prev_offset=prev_offset, next_offset=next_offset,
    )  # fmt: skip


def add(app: WebApp, request: Request) -> Response:
    app.require_token(request, request.form.get("token"))
    texts = [t for t in request.form.getlist("text") if t.strip()]
    files = [(f.filename or "", f.read()) for f in request.files.getlist("files") if f.filename]
    urls = [u for field in request.form.getlist("urls") for u in field.splitlines() if u.strip()]
    if not texts and not files and not urls:
        raise bad_request("nothing to add: paste a text, choose files or give URLs")
    if len(texts) + len(files) + len(urls) > app.options.max_items:
        raise bad_request(f"at most {app.options.max_items} texts, files and URLs at once")
    ingest, max_urls = app.backend.settings.ingest, app.options.max_urls
    docs, rejected = read_submitted(texts, files, urls, ingest, max_urls)
    outcome = app.backend.add(docs, rejected)
    return app.html("added.html", stored=outcome.stored, rejected=outcome.rejected)


def _entry(app: WebApp, story_id: str) -> views.StoryView:
    entry = app.backend.story(story_id)
    if entry is None:
        raise not_found("story", story_id)
    return views.StoryView(entry.story)


def story(app: WebApp, request: Request, story_id: str) -> Response:
    entry = app.backend.story(story_id)
    if entry is None:
        raise not_found("story", story_id)
    status = request.args.get("status") or ""
    outlet = request.args.get("outlet") or ""
    if status and status not in GROUP_STATUSES:
        raise bad_request(f"status must be one of {', '.join(GROUP_STATUSES)}")
    if outlet and outlet not in labels_by_article(entry.story["articles"]).values():
        raise bad_request(f"no outlet {outlet!r} in this story")

    def make() -> bytes:
        return _story_page(app, entry, status, outlet).encode()

    key = f"page\n{status}\n{outlet}"
    return encoded(request, lambda gz: entry.body(key, make, gz), "text/html")


def _story_page(app: WebApp, entry: StoryEntry, status: str, outlet: str) -> str:
    view = views.StoryView(entry.story)
    rows = views.fact_rows(view)
    outlets = view.outlet_names()
    derivations = views.derivation_rows(view)
    return app.render(
        "story.html", story=entry.story, note=entry.note, outlets=outlets,
        counts=views.status_counts(entry.story), brief=views.brief_items(view),
        facts=views.filter_rows(rows, status, outlet), all_facts=len(rows),
        status=status, outlet=outlet, statuses=GROUP_STATUSES, labels=views.STATUS_LABELS,
        cards=views.discrepancy_cards(view), derivations=derivations,
        graph=derivation_svg(derivations, outlets) if derivations else None,
        timeline=entry.story["timeline"], blindspots=views.blindspot_rows(view),
        article_outlets=view.outlets,
    )  # fmt: skip


def compare(app: WebApp, request: Request, story_id: str) -> Response:
    view = _entry(app, story_id)
    outlets = view.outlet_names()
    a = request.args.get("a") or (outlets[0] if outlets else "")
    b = request.args.get("b") or (outlets[1] if len(outlets) > 1 else a)
    for name in (a, b):
        if name not in outlets:
            raise bad_request(f"no outlet {name!r} in this story")
    rows = views.compare_rows(view, a, b)
    counts = {m: sum(r["mark"] == m for r in rows) for m in ("agree", "conflict", "missing")}
    return app.html("compare.html", story=view.story, outlets=outlets, a=a, b=b, rows=rows,
                    counts=counts)  # fmt: skip


def article(app: WebApp, request: Request, article_id: str) -> Response:
    found = app.backend.article(article_id)
    if found is None:
        raise not_found("article", article_id)
    stored, entry = found
    view = views.StoryView(entry.story) if entry is not None else None
    claims = [c for c in entry.story["claims"] if c["article"] == article_id] if entry else []
    return app.html(
        "article.html", article=stored, url=web_url(stored.url),
        outlet=view.outlets.get(article_id, stored.outlet) if view else stored.outlet,
        story=entry.story if entry else None,
        segments=views.article_segments(stored.text, claims),
        group_of=view.group_of if view else {},
        panels=views.claim_group_panels(view, article_id) if view else [],
    )  # fmt: skip
