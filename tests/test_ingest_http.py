"""ingest over HTTP: a real local server (loopback, so allow_private=True) and
httpx.MockTransport for precise cases. No test reaches beyond this machine."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from newsprism.ingest import IngestOptions, read_sources

PAGE = (
    b"<!DOCTYPE html><html><head><title>Ferry strike ends</title></head><body><article>"
    b"<p>Ferry crews returned to work on Sunday after a nine-day strike ended.</p>"
    b"</article></body></html>"
)
PUBLIC_IP = "93.184.215.14"  # only ever handed to a MockTransport, never contacted

Route = Callable[[BaseHTTPRequestHandler], None]


def _send(status: int, body: bytes = b"", **headers: str) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.sent_bytes = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path, _send(404, b"not here"))
        # the client may stop reading early: that is what some tests want
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture()
def server() -> Iterator[_Server]:
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


LOCAL = IngestOptions(allow_private=True, timeout=5.0)


def test_ingest_http_page_is_fetched_from_local_server(server: _Server) -> None:
    server.routes["/story"] = _send(200, PAGE, Content_Type="text/html; charset=utf-8")
    url = server.base + "/story"
    docs, rejections = read_sources([url], options=LOCAL)
    assert rejections == []
    assert docs[0].source == url and docs[0].media_type == "text/html"
    assert b"nine-day strike" in docs[0].content


def test_ingest_http_size_cap_stops_reading_while_streaming(server: _Server) -> None:
    total = 50_000_000

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: only streaming can stop it
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        while server.sent_bytes < total:
            handler.wfile.write(chunk)
            server.sent_bytes += len(chunk)

    server.routes["/huge"] = endless
    options = IngestOptions(allow_private=True, timeout=5.0, max_bytes=100_000)
    docs, rejections = read_sources([server.base + "/huge"], options=options)
    assert docs == []
    assert rejections[0].reason == "larger than 100000 bytes; stopped reading"
    time.sleep(0.2)  # let the server notice the closed connection
    assert server.sent_bytes < total


def test_ingest_http_redirect_loop_is_rejected(server: _Server) -> None:
    server.routes["/a"] = _send(302, Location="/b")
    server.routes["/b"] = _send(302, Location=server.base + "/a")
    docs, rejections = read_sources([server.base + "/a"], options=LOCAL)
    assert docs == []
    assert rejections[0].reason == f"redirect loop at {server.base}/a"
    assert server.requests == ["/a", "/b"]


def test_ingest_http_too_many_redirects_are_rejected(server: _Server) -> None:
    for i in range(10):
        server.routes[f"/hop{i}"] = _send(301, Location=f"/hop{i + 1}")
    options = IngestOptions(allow_private=True, max_redirects=3)
    _, rejections = read_sources([server.base + "/hop0"], options=options)
    assert rejections[0].reason == "more than 3 redirects"
    assert len(server.requests) == 4


def test_ingest_http_loopback_refused_without_allow_private(server: _Server) -> None:
    server.routes["/story"] = _send(200, PAGE, Content_Type="text/html")
    docs, rejections = read_sources([server.base + "/story"])
    assert docs == []
    assert rejections[0].reason.startswith("refused: 127.0.0.1 is a loopback address")
    assert server.requests == []


def test_ingest_http_error_status_and_timeout_are_rejected(server: _Server) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        _send(200, PAGE, Content_Type="text/html")(handler)

    server.routes["/slow"] = slow
    options = IngestOptions(allow_private=True, timeout=0.2)
    docs, rejections = read_sources([server.base + "/gone", server.base + "/slow"], options=options)
    assert docs == []
    assert [r.reason for r in rejections] == ["HTTP 404 Not Found", "timed out after 0.2 s"]


def _recording(
    handler: Callable[[httpx.Request], httpx.Response],
) -> tuple[httpx.MockTransport, list[str]]:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return handler(request)

    return httpx.MockTransport(record), seen


def test_ingest_http_private_address_refused_before_any_connection() -> None:
    transport, seen = _recording(lambda r: httpx.Response(200, content=PAGE))
    resolved: list[str] = []

    def resolver(host: str) -> list[str]:
        resolved.append(host)
        return {"intranet.example": ["10.1.2.3"], "mixed.example": [PUBLIC_IP, "192.168.1.5"]}[host]

    options = IngestOptions(transport=transport, resolver=resolver)
    sources = ["http://10.0.0.1/", "http://intranet.example/x", "https://mixed.example/y"]
    docs, rejections = read_sources(sources, options=options)
    assert docs == [] and seen == []
    assert [r.reason for r in rejections] == [
        "refused: 10.0.0.1 is a private address; use --allow-private to fetch it",
        "refused: intranet.example resolves to a private address; use --allow-private to fetch it",
        "refused: mixed.example resolves to a private address; use --allow-private to fetch it",
    ]
    assert resolved == ["intranet.example", "mixed.example"]


def test_ingest_http_redirect_to_private_address_is_refused_on_that_hop() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    transport, seen = _recording(handler)
    options = IngestOptions(transport=transport, resolver=lambda host: [PUBLIC_IP])
    _, rejections = read_sources(["https://news.example/story"], options=options)
    assert seen == ["https://news.example/story"]
    assert rejections[0].reason == (
        "http://169.254.169.254/latest/: refused: 169.254.169.254 is a link-local address; "
        "use --allow-private to fetch it"
    )


def test_ingest_http_non_text_content_type_is_rejected() -> None:
    transport, _ = _recording(
        lambda r: httpx.Response(200, content=b"\x89PNG...", headers={"Content-Type": "image/png"})
    )
    options = IngestOptions(transport=transport, resolver=lambda host: [PUBLIC_IP])
    _, rejections = read_sources(["https://news.example/photo"], options=options)
    assert rejections[0].reason == "not an article page: content type image/png"


def test_ingest_http_declared_length_over_cap_is_refused_unread() -> None:
    transport, _ = _recording(
        lambda r: httpx.Response(
            200, content=b"<p>" + b"y" * 5000, headers={"Content-Type": "text/html"}
        )
    )
    options = IngestOptions(transport=transport, resolver=lambda host: [PUBLIC_IP], max_bytes=1000)
    _, rejections = read_sources(["https://news.example/long"], options=options)
    assert rejections[0].reason == "larger than 1000 bytes (5003)"


def test_ingest_http_declared_charset_becomes_utf8_and_agent_is_polite() -> None:
    agents: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["user-agent"])
        body = "<html><body><p>Le caf\u00e9 a ferm\u00e9 \u00e0 Z\u00fcrich.</p></body></html>"
        return httpx.Response(
            200,
            content=body.encode("iso-8859-1"),
            headers={"Content-Type": "text/html; charset=ISO-8859-1"},
        )

    transport, _ = _recording(handler)
    options = IngestOptions(transport=transport, resolver=lambda host: [PUBLIC_IP])
    docs, _ = read_sources(["https://news.example/fr"], options=options)
    assert "Le caf\u00e9 a ferm\u00e9 \u00e0 Z\u00fcrich." in docs[0].content.decode("utf-8")
    assert agents[0].startswith("newsprism/")


def test_ingest_http_unsupported_scheme_is_rejected() -> None:
    _, rejections = read_sources(["ftp://news.example/story.txt"])
    assert rejections[0].reason == "unsupported URL scheme 'ftp': http or https only"


def test_ingest_http_ipv6_mapped_loopback_is_refused() -> None:
    transport, seen = _recording(lambda r: httpx.Response(200, content=PAGE))
    options = IngestOptions(transport=transport)
    _, rejections = read_sources(["http://[::ffff:127.0.0.1]/"], options=options)
    assert seen == [] and "loopback address" in rejections[0].reason


def test_ingest_http_rss_feed_link_only_entries_fetched_from_local_server(
    server: _Server,
) -> None:
    items = "".join(
        f"<item><title>Story {n}</title><link>{server.base}/story/{n}</link>"
        f"<description>Teaser {n}</description></item>"
        for n in (1, 2)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    server.routes["/feed"] = _send(200, feed.encode(), Content_Type="application/rss+xml")
    for n in (1, 2):
        body = PAGE.replace(b"Sunday", f"day {n}".encode())
        server.routes[f"/story/{n}"] = _send(200, body, Content_Type="text/html")
    docs, rejections = read_sources([server.base + "/feed"], options=LOCAL)
    assert rejections == []
    assert [d.source for d in docs] == [server.base + "/story/1", server.base + "/story/2"]
    assert b"on day 2 after" in docs[1].content
    assert server.requests == ["/feed", "/story/1", "/story/2"]


def test_ingest_http_atom_feed_mixes_full_content_and_fetched_entries(server: _Server) -> None:
    full = (
        "<entry><title>Full</title><id>urn:1</id><updated>2024-11-19T09:00:00Z</updated>"
        '<link href="https://coast.example/full"/>'
        '<content type="html">&lt;p&gt;Crews returned to work on Sunday.&lt;/p&gt;</content>'
        "</entry>"
    )
    linked = (
        "<entry><title>Linked</title><id>urn:2</id><updated>2024-11-19T09:00:00Z</updated>"
        f'<link href="{server.base}/linked"/><summary>Teaser</summary></entry>'
    )
    feed = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>C</title>'
        f"<id>urn:c</id><updated>2024-11-19T09:00:00Z</updated>{full}{linked}</feed>"
    )
    server.routes["/atom"] = _send(200, feed.encode(), Content_Type="application/atom+xml")
    server.routes["/linked"] = _send(200, PAGE, Content_Type="text/html")
    docs, rejections = read_sources([server.base + "/atom"], options=LOCAL)
    assert rejections == []
    assert [d.source for d in docs] == ["https://coast.example/full", server.base + "/linked"]
    assert b"Crews returned to work on Sunday." in docs[0].content
    assert docs[1].content == PAGE
    assert server.requests == ["/atom", "/linked"]


def test_ingest_http_headers_sent_one_line_at_a_time_hit_the_deadline(server: _Server) -> None:
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for i in range(100):  # 20 s of headers, one line every 0.2 s
            handler.wfile.write(f"X-Line-{i}: slow\r\n".encode())
            handler.wfile.flush()
            time.sleep(0.2)

    server.routes["/trickle"] = trickle
    options = IngestOptions(allow_private=True, timeout=1.0)
    started = time.monotonic()
    docs, rejections = read_sources([server.base + "/trickle"], options=options)
    took = time.monotonic() - started
    assert docs == []
    assert [r.reason for r in rejections] == ["timed out after 1 s"]
    assert took < 4.0  # the per-read timeout alone would wait the full 20 s


def test_ingest_http_slow_redirects_share_one_deadline(server: _Server) -> None:
    def slow_hop(target: str) -> Route:
        def route(handler: BaseHTTPRequestHandler) -> None:
            time.sleep(0.5)
            _send(302, Location=target)(handler)

        return route

    for i in range(5):
        server.routes[f"/hop{i}"] = slow_hop(f"/hop{i + 1}")
    server.routes["/hop5"] = _send(200, PAGE, Content_Type="text/html")
    options = IngestOptions(allow_private=True, timeout=1.2)  # each hop alone is in time
    docs, rejections = read_sources([server.base + "/hop0"], options=options)
    assert docs == []
    assert [r.reason for r in rejections] == ["timed out after 1.2 s"]
    assert len(server.requests) < 5


def test_ingest_http_gzip_bomb_stops_at_the_cap_without_inflating_it(server: _Server) -> None:
    import gzip
    import tracemalloc

    bomb = gzip.compress(b"<p>" + b"\x20" * 200_000_000, compresslevel=9)  # 200 MB inside
    server.routes["/bomb"] = _send(200, bomb, Content_Type="text/html", Content_Encoding="gzip")
    options = IngestOptions(allow_private=True, timeout=10.0, max_bytes=1_000_000)
    tracemalloc.start()
    try:
        docs, rejections = read_sources([server.base + "/bomb"], options=options)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert docs == []
    assert [r.reason for r in rejections] == ["larger than 1000000 bytes; stopped reading"]
    assert peak < 20_000_000  # inflating one 64 KB chunk whole would hold ~64 MB


def test_ingest_http_gzip_page_is_inflated(server: _Server) -> None:
    import gzip

    server.routes["/zipped"] = _send(
        200, gzip.compress(PAGE), Content_Type="text/html", Content_Encoding="gzip"
    )
    docs, rejections = read_sources([server.base + "/zipped"], options=LOCAL)
    assert rejections == []
    assert docs[0].content == PAGE


def test_ingest_http_connects_to_the_address_it_checked(server: _Server) -> None:
    server.routes["/story"] = _send(200, PAGE, Content_Type="text/html")
    answers = iter([["127.0.0.1"], ["10.255.255.1"]])  # a second answer would rebind
    calls: list[str] = []

    def resolver(host: str) -> list[str]:
        calls.append(host)
        return next(answers)

    port = server.server_address[1]
    url = f"http://newsprism-pinned.invalid:{port}/story"  # no DNS server knows this name
    options = IngestOptions(allow_private=True, timeout=5.0, resolver=resolver)
    docs, rejections = read_sources([url], options=options)
    assert rejections == []
    assert b"nine-day strike" in docs[0].content
    assert calls == ["newsprism-pinned.invalid"]
