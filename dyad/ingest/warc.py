"""WARC (and ARC) web archives, gzipped or not: every HTML response record becomes an Article.

Streams the file with warcio. A ``response`` record with HTTP status 200 and an HTML content type
goes through the HTML reader with its ``WARC-Target-URI`` as URL; the crawl time (``WARC-Date``) is
kept in ``Article.meta["crawled"]`` and is not taken for the publication date. Other records
(requests, metadata, images, redirects) are skipped; a response that fails becomes an InputError
named ``file.warc#URI``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.errors import DyadError, InputError, ParseError
from dyad.ingest.base import decode
from dyad.records import Article
from dyad.settings import Settings, get_settings

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _decode(payload: bytes, content_type: str, input: str) -> str:
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(payload, input)


def read_path(path: Path, name: str, *, settings: Settings | None = None, **defaults: Any) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from dyad.ingest.html import article_from_html

    settings = settings or get_settings()
    n = 0
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                status = record.http_headers.get_statuscode() or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                if status != "200" or not content_type.lower().startswith(HTML_TYPES):
                    continue
                n += 1
                where = f"{name}#{uri or n}"
                try:
                    payload = record.content_stream().read(settings.max_input_bytes + 1)
                    if len(payload) > settings.max_input_bytes:
                        raise ParseError(f"response is over {settings.max_input_bytes} bytes", input=where)
                    html = _decode(payload, content_type, where)
                    article = article_from_html(html, where, kind="warc", **{**defaults, "url": uri or defaults.get("url")})
                    crawled = record.rec_headers.get_header("WARC-Date")
                    if crawled:
                        article.meta["crawled"] = crawled
                    yield article
                except InputError as exc:
                    yield exc
                except DyadError as exc:
                    yield InputError(exc.reason, input=where, code=exc.code)
                except (ValueError, UnicodeError) as exc:
                    yield ParseError(f"{type(exc).__name__}: {exc}", input=where)
        except ArchiveLoadFailed as exc:
            yield ParseError(f"not a readable WARC/ARC file: {exc}", input=name)
    if n == 0:
        yield ParseError("the archive has no HTML response records", input=name)


def read(data: bytes, input: str, *, path: Path | None = None, **defaults: Any) -> Iterator[Article | InputError]:
    if path is None:
        raise ParseError("WARC input must be a file", input=input)
    yield from read_path(path, input, **defaults)
