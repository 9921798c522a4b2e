"""URL ingest against a local HTTP server thread and httpx.MockTransport (never the internet)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from dyad.errors import InputError
from dyad.ingest import read_inputs
from dyad.records import Article
from dyad.settings import Settings

RES = Path(__file__).resolve().parent.parent / "resources" / "ingest"
PAGE = (RES / "article.html").read_bytes()
FEED = (RES / "feed.rss").read_bytes()
SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    routes = {
        "/story": (200, "text/html; charset=utf-8", PAGE),
        "/feed": (200, "application/rss+xml", FEED),
        "/plain": (200, "text/plain; charset=utf-8", "Strikes hit Odesa port overnight, officials said.".encode()),
        "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
        "/big": (200, "text/html", b"<html><body>" + b"<p>word</p>" * 5000 + b"</body></html>"),
    }

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


SETTINGS = Settings(fetch_timeout=5.0, user_agent="dyad-test/1.0", max_input_bytes=20_000)


def fetch(url: str, **kw) -> tuple[list[Article], list[InputError]]:
    out = list(read_inputs([url], settings=kw.pop("settings", SETTINGS), **kw))
    return [x for x in out if isinstance(x, Article)], [x for x in out if isinstance(x, InputError)]


def test_html_page_over_http(server: str) -> None:
    (art,), errors = fetch(f"{server}/story")
    assert not errors
    assert art.kind == "url" and art.url == f"{server}/story" and art.input == f"{server}/story"
    assert art.title == "Armenia and Azerbaijan resume talks in Geneva" and art.published == dt.date(2025, 3, 4)
    assert "dyad-test/1.0" in SEEN_AGENTS


def test_redirect_is_followed_and_final_url_kept(server: str) -> None:
    (art,), _ = fetch(f"{server}/old")
    assert art.url == f"{server}/story"


def test_feed_and_plain_text_by_content_type(server: str) -> None:
    arts, errors = fetch(f"{server}/feed")
    assert len(arts) == 3 and len(errors) == 1 and arts[0].url == "https://wire.example/goma-convoy"
    (plain,), _ = fetch(f"{server}/plain", published="2025-07-10")
    assert plain.text.startswith("Strikes hit Odesa") and plain.published == dt.date(2025, 7, 10)


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("/missing", "E151", "HTTP 404"),
        ("/image", "E104", "image/png"),
        ("/big", "E105", "20000"),
    ],
)
def test_fetch_failures(server: str, path: str, code: str, words: str) -> None:
    arts, (err,) = fetch(f"{server}{path}")
    assert not arts and err.code == code and words in err.reason and err.input == f"{server}{path}"


def test_connection_refused_is_a_fetch_error() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    _, (err,) = fetch(f"http://127.0.0.1:{port}/x")
    assert err.code == "E150"


def test_injected_client_with_mock_transport() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=PAGE)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    (art,), _ = fetch("https://news.example/story", client=client)
    assert art.url == "https://news.example/story" and seen[0].headers["User-Agent"] == "dyad-test/1.0"
    _, (err,) = fetch("https://news.example/slow", client=client)
    assert err.code == "E152" and "timed out after 5s" in err.reason
