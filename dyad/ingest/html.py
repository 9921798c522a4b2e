"""HTML pages: main text and metadata by trafilatura, then dyad's furniture cleaning.

``extract(html, url)`` reads one page and returns :class:`Extracted` (body text, title, author, site
name, publication date from the page metadata or htmldate); ``read(data, input)`` turns HTML bytes into
an :class:`~dyad.records.Article`. The body is trafilatura's text with a headline or standfirst that
repeats the title/description at its top dropped, then :func:`dyad.clean.clean_text`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.clean import clean_text
from dyad.errors import BadDate, EmptyInput, ParseError
from dyad.ingest.base import decode, make_article, parse_date
from dyad.records import Article

# Chosen on the extract development gold (`dyad eval extract`, 102 pages; trafilatura's own text, F1):
# defaults 0.950, favor_precision 0.952, favor_recall 0.950, no tables 0.944, deduplicate 0.949,
# no comments 0.954, no comments + fast 0.959, + favor_precision 0.954. Comments are never article
# text; `fast` skips the readability/jusText fallbacks, which on news pages add more furniture than
# text they recover (they are still tried when the fast result looks like a menu, below); tables stay
# (they hold results and figures). With dyad's cleaning and headline removal on top: 0.971.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "fast": True,
    "favor_precision": False,
    "favor_recall": False,
    "include_tables": True,
    "deduplicate": False,
}
# A "body" of at least this many lines, more than this share of them four words or fewer, is a menu.
MENU_MIN_LINES = 30
MENU_SHORT_SHARE = 0.7
# htmldate: the original (not the last-modified) date from the page's metadata, markup and URL.
# No extensive search of free text: it turns a footer's "Copyright 2025" into 2025-01-01, and a
# wrong publication date is worse than none (dyad then asks for --published).
DATE_OPTIONS: dict[str, Any] = {"extensive_search": False, "original_date": True}

_WORD = re.compile(r"\w+")
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    published: dt.date | None = None
    url: str | None = None
    description: str | None = None
    raw_text: str = ""  # trafilatura's text before cleaning (what Article.removed offsets point into)


def _words(text: str | None) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


def drop_repeated_head(text: str, title: str | None) -> str:
    """Remove a first line that repeats the title (the page's headline; the title is kept apart).
    The standfirst under it is kept: on most news pages the description is a copy of the first
    paragraph, which is article text (measured on the extract gold: dropping it costs recall)."""
    lines = text.split("\n")
    if len(lines) < 2 or not _same(lines[0], title):
        return text
    return "\n".join(lines[1:])


def _same(line: str, meta: str | None) -> bool:
    """The line is the title, or the title without a section/site prefix or suffix ("Opinion | ...")."""
    words, wanted = _words(line), _words(meta)
    if not words or len(words) > len(wanted):
        return False
    if words == wanted:
        return True
    return len(words) >= 3 and len(words) >= 0.6 * len(wanted) and words in (wanted[: len(words)], wanted[-len(words) :])


def looks_like_menu(text: str) -> bool:
    """True when the extracted "body" is mostly a list of short navigation lines (a portal page
    whose article trafilatura's fast path missed); then the slower fallback extractors are tried."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < MENU_MIN_LINES:
        return False
    short = sum(1 for line in lines if len(line.split()) <= 4)
    return short / len(lines) > MENU_SHORT_SHARE


def extract(html: str | bytes, url: str | None = None) -> Extracted | None:
    """Main text and metadata of one HTML page, or None when trafilatura finds no article text."""
    import trafilatura

    def run(**overrides: Any) -> Any:
        try:
            return trafilatura.bare_extraction(
                html, url=url, with_metadata=True, date_extraction_params=DATE_OPTIONS,
                **{**EXTRACT_OPTIONS, **overrides},
            )
        except (ValueError, TypeError, AttributeError) as exc:  # lxml on pathological markup
            raise ParseError(f"HTML could not be parsed: {exc}") from exc

    doc = run()
    if doc is not None and looks_like_menu(doc.text or ""):
        doc = run(fast=False) or doc
    if doc is None or not (doc.text or "").strip():
        return None
    body = drop_repeated_head(doc.text, doc.title)
    text = clean_text(body).text
    if not text.strip():
        return None
    try:
        published = parse_date(doc.date)
    except BadDate:
        published = None
    return Extracted(
        text=text, title=doc.title or None, author=doc.author or None, sitename=doc.sitename or None,
        published=published, url=doc.url or url, description=doc.description or None, raw_text=body,
    )


def read(data: bytes, input: str, *, path: Path | None = None, kind: str = "html", **defaults: Any) -> Article:
    html = decode(data, input)
    return article_from_html(html, input, kind=kind, **defaults)


def article_from_html(html: str, input: str, *, kind: str = "html", **defaults: Any) -> Article:
    """An Article from an HTML page; page metadata wins over ``defaults`` except a given ``url``."""
    if "<" not in html:
        raise ParseError("no HTML markup in the input", input=input)
    got = extract(html, url=defaults.get("url"))
    if got is None:
        raise EmptyInput("no article text found in the HTML page", input=input)
    return make_article(
        got.raw_text or got.text,
        input=input,
        kind=kind,
        title=got.title or defaults.get("title"),
        url=defaults.get("url") or got.url,
        source=defaults.get("source") or got.sitename,
        published=got.published or defaults.get("published"),
        author=got.author or defaults.get("author"),
        meta={k: v for k, v in {"description": got.description, "sitename": got.sitename}.items() if v},
    )
