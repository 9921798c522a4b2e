"""URLs: fetch one page with httpx and read it with the reader its content type calls for.

Uses the timeout and User-Agent of the settings, follows redirects (the final URL is stored), stops
reading past ``max_input_bytes`` and refuses content types dyad cannot read. The HTTP client is
injectable (``client=``): tests pass one with ``httpx.MockTransport`` or point it at a local server.
Failures are :class:`~dyad.errors.FetchError` (E15x) naming the URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

from dyad.errors import FetchError, InputError, TooLarge, UnsupportedInput
from dyad.records import Article
from dyad.settings import Settings, get_settings

# content type (without parameters) -> reader module
READERS = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/plain": "text", "text/markdown": "text",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/xml": "feed", "text/xml": "feed",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/x-jsonlines": "jsonl",
}


def fetch(url: str, *, settings: Settings, client: httpx.Client | None = None) -> tuple[bytes, str, str]:
    """(body, content type, final URL) of ``url``; raises FetchError/TooLarge/UnsupportedInput."""
    own = client is None
    client = client or httpx.Client(timeout=settings.fetch_timeout, follow_redirects=True)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"}
    try:
        with client.stream("GET", url, headers=headers, timeout=settings.fetch_timeout, follow_redirects=True) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}", input=url, code="E151")
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and ctype not in READERS:
                raise UnsupportedInput(f"content type {ctype!r} is not an article format", input=url)
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > settings.max_input_bytes:
                raise TooLarge(f"{declared} bytes is over the limit of {settings.max_input_bytes}", input=url)
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > settings.max_input_bytes:
                    raise TooLarge(f"more than {settings.max_input_bytes} bytes (max_input_bytes)", input=url)
                chunks.append(chunk)
            return b"".join(chunks), ctype or "text/html", str(resp.url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.fetch_timeout:g}s ({type(exc).__name__})", input=url, code="E152") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError("too many redirects", input=url, code="E153") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}", input=url, code="E150") from exc
    finally:
        if own:
            client.close()


def read_url(
    url: str, /, *, settings: Settings | None = None, client: httpx.Client | None = None, **defaults: Any
) -> Iterator[Article | InputError]:
    """Fetch ``url`` and yield what its reader makes of it (one Article for a page)."""
    import importlib

    settings = settings or get_settings()
    data, ctype, final = fetch(url, settings=settings, client=client)
    kind = READERS.get(ctype, "html")
    reader = importlib.import_module(f"dyad.ingest.{kind}")
    if kind in ("html", "text"):
        result = reader.read(data, url, kind="url", **{**defaults, "url": defaults.get("url") or final})
        yield result
    else:
        yield from reader.read(data, url, **defaults)
