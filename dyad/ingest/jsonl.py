"""JSONL: one article per line, streamed from a (optionally gzipped) file.

Each line is a JSON object with ``text`` (plain text) or ``html`` (a page, run through the HTML
reader), and optionally ``url``, ``title``, ``published``, ``source``, ``author``; other keys are kept
in ``Article.meta``. A malformed line becomes an :class:`~dyad.errors.InputError` naming
``file:line`` and the following lines are still read.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dyad.errors import DyadError, InputError, ParseError
from dyad.ingest.base import make_article
from dyad.records import Article
from dyad.settings import Settings

FIELDS = ("url", "title", "published", "source", "author")


def _open(path: Path) -> IO[str]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def read_record(rec: Any, input: str, **defaults: Any) -> Article:
    """One decoded JSONL object to an Article."""
    if not isinstance(rec, dict):
        raise ParseError(f"expected a JSON object, got {type(rec).__name__}", input=input)
    meta = {k: v for k, v in rec.items() if k not in FIELDS and k not in ("text", "html") and v is not None}
    values = {k: rec.get(k) or defaults.get(k) for k in FIELDS}
    text, html = rec.get("text"), rec.get("html")
    if isinstance(text, str) and text.strip():
        return make_article(text, input=input, kind="jsonl", meta=meta, **values)
    if isinstance(html, str) and html.strip():
        from dyad.ingest.html import article_from_html

        art = article_from_html(html, input, kind="jsonl", **{k: v for k, v in values.items() if v})
        return art
    raise ParseError("the record has no 'text' or 'html' field with content", input=input)


def read_path(path: Path, name: str, *, settings: Settings | None = None, **defaults: Any) -> Iterator[Article | InputError]:
    """Yield an Article per good line and an InputError (``file:line``) per bad one."""
    with _open(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{name}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ParseError(f"line {lineno} is not valid JSON: {exc.msg} (column {exc.colno})", input=where)
                continue
            try:
                yield read_record(rec, where, **defaults)
            except InputError as exc:
                yield exc
            except DyadError as exc:
                yield InputError(exc.reason, input=where, code=exc.code)
            except (ValueError, TypeError) as exc:
                yield ParseError(f"{type(exc).__name__}: {exc}", input=where)


def read(data: bytes, input: str, *, path: Path | None = None, **defaults: Any) -> Iterator[Article | InputError]:
    """JSONL from bytes (stdin, a fetched URL): the same as :func:`read_path`."""
    for lineno, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{input}:{lineno}"
        try:
            yield read_record(json.loads(line), where, **defaults)
        except json.JSONDecodeError as exc:
            yield ParseError(f"line {lineno} is not valid JSON: {exc.msg} (column {exc.colno})", input=where)
        except InputError as exc:
            yield exc
        except (ValueError, TypeError) as exc:
            yield ParseError(f"{type(exc).__name__}: {exc}", input=where)
