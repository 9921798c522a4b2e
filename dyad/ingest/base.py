"""What every reader shares: decoding bytes, dates, and building an Article with a stable id."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from dyad.clean import clean_text
from dyad.errors import BadDate, DecodeError, EmptyInput
from dyad.records import Article

_WS = re.compile(r"\s+")


def article_id(text: str, url: str | None = None) -> str:
    """Stable id: sha1 of the whitespace-collapsed, case-folded text, plus the URL when known."""
    key = _WS.sub(" ", text).strip().casefold()
    if url:
        key += "\n" + url.strip()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes, input: str) -> str:
    """Bytes to text: BOM/UTF-8 first, else charset-normalizer's best guess; junk is refused."""
    if not data.strip():
        raise EmptyInput("the input is empty", input=input)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess_decode(data, input)
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise DecodeError("looks like binary data, not text", input=input)
    return text


def _guess_decode(data: bytes, input: str) -> str:
    """charset-normalizer's best guess; among equally clean guesses windows-1252 wins, since it is
    what legacy web pages in Western languages use (WHATWG reads latin-1 labels as windows-1252)
    and short texts give the detector too little to tell cp1250/cp1257 from it."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeError("not text in any known encoding (binary data?)", input=input)
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01:
            return str(m)
    return str(best)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(len(sample), 1)


def parse_date(value: Any, input: str | None = None) -> dt.date | None:
    """An ISO date, datetime or free-form date string (via dateparser) to a date; None passes."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        raise BadDate(f"unknown date {s!r}", input=input)
    return parsed.date()


def make_article(
    raw_text: str,
    *,
    input: str,
    kind: str = "text",
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: Any = None,
    author: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    cleaned = clean_text(raw_text)
    if not cleaned.text.strip():
        raise EmptyInput("no article text left after cleaning", input=input)
    return Article(
        id=article_id(cleaned.text, url),
        text=cleaned.text,
        title=title,
        url=url,
        source=source,
        published=parse_date(published, input),
        author=author,
        input=input,
        kind=kind,
        removed=cleaned.removed,
        meta=meta or {},
    )
