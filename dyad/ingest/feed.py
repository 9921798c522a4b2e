"""RSS 2.0 / RSS 1.0 (RDF) / Atom feeds: each item becomes an Article.

The XML is parsed with defusedxml, which refuses entity declarations (billion-laughs bombs) and
external entities/DTDs instead of expanding them. An item's text is its full content
(``content:encoded`` or Atom ``content``) when present, else its ``description``/``summary``; HTML in
it is reduced to text. ``link`` becomes the URL, ``pubDate``/``dc:date``/``published``/``updated`` the
date. An item that cannot be used becomes an InputError named ``feed.xml#N``; the others go on.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError as XMLParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from dyad.errors import BadDate, DyadError, InputError, ParseError
from dyad.ingest.base import make_article, parse_date
from dyad.records import Article

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"
RSS1 = "{http://purl.org/rss/1.0/}"
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(item: Element, *tags: str) -> str | None:
    for tag in tags:
        el = item.find(tag)
        if el is not None and (el.text or "").strip():
            return el.text.strip()
        if el is not None and len(el):  # Atom content type="xhtml": markup as child elements
            from xml.etree.ElementTree import tostring

            return "".join(tostring(child, encoding="unicode") for child in el)
    return None


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's content), one line per block."""
    if not _TAG.search(fragment):
        return fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises bare ParserError/XMLSyntaxError on junk; fall back to stripping
        return _TAG.sub(" ", fragment)
    for bad in root.xpath("//script|//style|//iframe|//noscript"):
        bad.drop_tree()
    for br in root.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.xpath("//p|//div|//li|//h1|//h2|//h3|//h4|//h5|//h6|//blockquote|//tr"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _date(value: str | None, input: str) -> Any:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return parse_date(value, input)


def _link(item: Element) -> str | None:
    for el in item.findall(f"{ATOM}link"):
        if el.get("rel", "alternate") == "alternate" and el.get("href"):
            return el.get("href")
    return _text(item, "link", f"{RSS1}link", "guid")


def parse(data: bytes, input: str) -> Element:
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ParseError(f"unsafe XML refused ({type(exc).__name__}: entity or DTD tricks)", input=input) from exc
    except XMLParseError as exc:
        raise ParseError(f"not well-formed XML: {exc}", input=input) from exc


def items(root: Element) -> list[Element]:
    name = _local(root.tag)
    if name == "feed":
        return root.findall(f"{ATOM}entry")
    if name == "rss":
        return root.findall("channel/item")
    if name == "RDF":
        return root.findall(f"{RSS1}item") or root.findall("item")
    raise ParseError(f"not an RSS or Atom feed (root element <{name}>)")


def read_item(item: Element, input: str, site: str | None, **defaults: Any) -> Article:
    body = _text(item, CONTENT, f"{ATOM}content", "description", f"{RSS1}description", f"{ATOM}summary")
    if not body:
        raise ParseError("the item has no content or description", input=input)
    title = _text(item, "title", f"{ATOM}title", f"{RSS1}title")
    meta: dict[str, Any] = {}
    raw_date = _text(item, "pubDate", f"{DC}date", f"{ATOM}published", f"{ATOM}updated")
    try:
        published = _date(raw_date, input) or defaults.get("published")
    except BadDate:
        published = defaults.get("published")
        meta["warnings"] = [f"unknown date {raw_date!r}; publication date left unset"]
    author = _text(item, "author", f"{DC}creator") or _text(item, f"{ATOM}author/{ATOM}name")
    return make_article(
        html_to_text(body), input=input, kind="feed", title=title and html_to_text(title),
        url=_link(item) or defaults.get("url"), source=defaults.get("source") or site,
        published=published, author=author, meta=meta,
    )


def read(data: bytes, input: str, *, path: Path | None = None, **defaults: Any) -> Iterator[Article | InputError]:
    if not data.strip():
        from dyad.errors import EmptyInput

        raise EmptyInput("the feed is empty", input=input)
    root = parse(data, input)
    try:
        entries = items(root)
    except ParseError as exc:
        raise ParseError(exc.reason, input=input) from None
    site = _text(root, "channel/title", f"{ATOM}title", f"{RSS1}channel/{RSS1}title")
    for n, item in enumerate(entries, 1):
        where = f"{input}#{n}"
        try:
            yield read_item(item, where, site, **defaults)
        except InputError as exc:
            yield exc
        except DyadError as exc:
            yield InputError(exc.reason, input=where, code=exc.code)
