"""Every reader on good and bad inputs: articles come out, failures are InputErrors that name the input."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from dyad.errors import InputError
from dyad.ingest import article_id, read_inputs
from dyad.records import Article

RES = Path(__file__).resolve().parent.parent / "resources" / "ingest"


def read_all(*inputs: str, **kw) -> tuple[list[Article], list[InputError]]:
    out = list(read_inputs(list(inputs), **kw))
    return [x for x in out if isinstance(x, Article)], [x for x in out if isinstance(x, InputError)]


# ---------------------------------------------------------------- plain text


def test_text_with_command_line_date_and_stable_id(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Troops crossed the border on Monday.\n", encoding="utf-8")
    (art,), errors = read_all(str(path), published="2025-07-10", source="Desk")
    assert not errors
    assert art.published == dt.date(2025, 7, 10) and art.source == "Desk" and art.kind == "text"
    assert art.id == article_id("Troops crossed the border on Monday.")
    (again,), _ = read_all(str(path), published="2025-07-10")
    assert again.id == art.id


def test_text_front_matter_wins_over_defaults(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("---\ntitle: Border\npublished: 2024-02-01\nurl: https://x.example/b\n---\nTroops crossed.\n")
    (art,), _ = read_all(str(path), published="2025-07-10")
    assert (art.title, art.published, art.url, art.text) == ("Border", dt.date(2024, 2, 1), "https://x.example/b", "Troops crossed.")


def test_gzipped_inputs(tmp_path: Path) -> None:
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress("Rebels seized the town of Bunia.".encode()))
    (tmp_path / "d.html.gz").write_bytes(gzip.compress((RES / "article.html").read_bytes()))
    (tmp_path / "e.rss.gz").write_bytes(gzip.compress((RES / "feed.rss").read_bytes()))
    arts, errors = read_all(str(tmp_path))
    assert [a.kind for a in arts] == ["text", "html", "feed", "feed", "feed"]
    assert arts[0].text == "Rebels seized the town of Bunia." and arts[1].title.startswith("Armenia")
    assert len(errors) == 1  # the feed's empty item


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("empty.txt", "E101", "empty"),
        ("junk.txt", "E102", "binary"),
    ],
)
def test_bad_text_files_are_errors_naming_the_file(name: str, code: str, words: str) -> None:
    arts, (err,) = read_all(str(RES / name))
    assert not arts
    assert err.code == code and name in err.input and words in err.reason


def test_wrong_encoding_is_detected() -> None:
    (art,), errors = read_all(str(RES / "cp1252.txt"))
    assert not errors
    assert "français a déclaré" in art.text and "« dès que possible »" in art.text and "coût élevé" in art.text


def test_latin1_bytes_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("São Paulo: o governo anunciou ações contra a violência na região, disse o ministro.".encode("latin-1"))
    (art,), errors = read_all(str(path))
    assert not errors and "São Paulo" in art.text and "violência" in art.text


def test_missing_file_and_bad_date() -> None:
    arts, (err,) = read_all("/nonexistent/nothing.txt")
    assert err.code == "E107" and err.input == "/nonexistent/nothing.txt"
    from dyad.errors import BadDate
    from dyad.ingest.base import parse_date

    with pytest.raises(BadDate, match="unknown date"):
        parse_date("sometime soonish", "--published")


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    _, (err,) = read_all(str(path))
    assert err.code == "E104"


# ---------------------------------------------------------------- HTML


def test_html_article_text_and_metadata() -> None:
    (art,), errors = read_all(str(RES / "article.html"))
    assert not errors
    assert art.kind == "html"
    assert art.title == "Armenia and Azerbaijan resume talks in Geneva"
    assert art.published == dt.date(2025, 3, 4)
    assert art.author == "Jane Reporter" and art.source == "Example News"
    assert art.text.startswith("Delegations from Armenia and Azerbaijan met in Geneva")
    assert "Azerbaijan's foreign ministry did not respond" in art.text
    for furniture in ("Also Read", "With inputs from agencies", "Trending", "Copyright", "Home | World"):
        assert furniture not in art.text
    removed = " ".join(s.text for s in art.removed)
    assert "Also Read: Ten things" in removed and "With inputs from agencies" in removed


def test_broken_html_still_gives_text() -> None:
    (art,), errors = read_all(str(RES / "broken.html"))
    assert not errors
    assert "fired tear gas at students on Sunday" in art.text and "left dozens injured" in art.text


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "E101"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "E101"),
        (b"just words without any markup at all", "E103"),
        (bytes(range(256)) * 20, "E102"),
    ],
)
def test_bad_html(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    arts, (err,) = read_all(str(path))
    assert not arts and err.code == code and "bad.html" in err.input


def test_html_page_date_wins_and_default_fills(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><body><article><p>Farmers blocked the main highway into Warsaw on Friday to protest against grain "
        "imports, police said.</p><p>The blockade lasted several hours and caused long traffic jams.</p></article>"
        "<footer>Copyright 2025</footer></body></html>"
    )
    (art,), _ = read_all(str(page))
    assert art.published is None  # no guess from the copyright year
    (art,), _ = read_all(str(page), published="2025-02-07")
    assert art.published == dt.date(2025, 2, 7)
    (art,), _ = read_all(str(RES / "article.html"), published="2020-01-01")
    assert art.published == dt.date(2025, 3, 4)


# ---------------------------------------------------------------- JSONL


def test_jsonl_good_and_bad_lines() -> None:
    arts, errors = read_all(str(RES / "articles.jsonl"))
    name = str(RES / "articles.jsonl")
    assert [a.input for a in arts] == [f"{name}:1", f"{name}:3"]
    lagos, dhaka = arts
    assert (lagos.url, lagos.title, lagos.source, lagos.published) == (
        "https://news.example/lagos", "Arrests in Lagos", "Example Wire", dt.date(2025, 1, 2))
    assert dhaka.kind == "jsonl" and dhaka.title == "Flooding in Dhaka" and dhaka.published == dt.date(2025, 7, 6)
    assert "monsoon rains flooded" in dhaka.text
    by_line = {e.input.rsplit(":", 1)[1]: e for e in errors}
    assert set(by_line) == {"2", "4", "5", "6"}
    assert by_line["2"].code == "E103" and "not valid JSON" in by_line["2"].reason
    assert "no 'text' or 'html'" in by_line["4"].reason
    assert by_line["5"].code == "E106"
    assert "JSON object" in by_line["6"].reason


def test_jsonl_gzip_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "Kenyan police dispersed protesters in Nairobi."}\n'))
    (art,), errors = read_all(str(path), published="2025-06-25", source="Desk")
    assert not errors and art.published == dt.date(2025, 6, 25) and art.source == "Desk"


def test_empty_jsonl_gives_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n")
    assert read_all(str(path)) == ([], [])


# ---------------------------------------------------------------- feeds


def test_rss_items_become_articles() -> None:
    arts, errors = read_all(str(RES / "feed.rss"))
    goma, doha, storm = arts
    assert goma.url == "https://wire.example/goma-convoy" and goma.title == "Rebels attack convoy near Goma"
    assert goma.published == dt.date(2025, 6, 10) and goma.source == "Wire Service" and goma.kind == "feed"
    assert goma.text.startswith("M23 rebels attacked a United Nations convoy")  # content:encoded wins
    assert "Read more" not in goma.text and "The mission condemned the attack." in goma.text
    assert doha.published == dt.date(2025, 6, 11) and doha.text.startswith("Negotiators from Sudan")
    assert storm.published is None and storm.meta.get("warnings")
    (err,) = errors
    assert err.input.endswith("feed.rss#3") and "no content" in err.reason


def test_atom_entry() -> None:
    (art,), errors = read_all(str(RES / "feed.atom"))
    assert not errors
    assert (art.url, art.published, art.author, art.source) == (
        "https://atom.example/tripoli", dt.date(2025, 5, 2), "A. Writer", "Atom Desk")


@pytest.mark.parametrize("name", ["bomb.xml", "xxe.xml"])
def test_xml_bombs_and_external_entities_are_refused(name: str) -> None:
    arts, (err,) = read_all(str(RES / name))
    assert not arts
    assert err.code == "E103" and "unsafe XML" in err.reason
    assert "root:" not in str(err)


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<config><a>1</a></config>")
    _, (err,) = read_all(str(path))
    assert "not an RSS or Atom feed" in err.reason and err.input == str(path)


# ---------------------------------------------------------------- WARC


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for uri, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
        writer.write_record(writer.create_warc_record("https://w.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page = (RES / "article.html").read_bytes()
    _warc(path, [
        ("https://w.example/geneva", "text/html; charset=utf-8", page),
        ("https://w.example/logo.png", "image/png", b"\x89PNG"),
        ("https://w.example/empty", "text/html", b"<html><body></body></html>"),
    ])
    arts, errors = read_all(str(path))
    (art,) = arts
    assert art.kind == "warc" and art.url == "https://w.example/geneva"
    assert art.input == f"{path}#https://w.example/geneva" and art.published == dt.date(2025, 3, 4)
    assert "crawled" in art.meta
    (err,) = errors
    assert err.input.endswith("#https://w.example/empty")


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive\n" * 10)
    arts, errors = read_all(str(path))
    assert not arts and errors and all(str(path) in e.input for e in errors)


# ---------------------------------------------------------------- folders, stdin


def test_folder_is_read_recursively_and_skips_sidecars(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Talks opened in Vienna.")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-03-01", "source": "Vienna Desk"}))
    (tmp_path / "sub" / "b.txt").write_text("Protests spread to Graz.")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    arts, errors = read_all(str(tmp_path))
    assert not errors
    assert sorted(a.text for a in arts) == ["Protests spread to Graz.", "Talks opened in Vienna."]
    vienna = next(a for a in arts if "Vienna" in a.text)
    assert vienna.published == dt.date(2025, 3, 1) and vienna.source == "Vienna Desk"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    class FakeStdin:
        buffer = io.BytesIO("Shelling hit Kharkiv overnight.".encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    (art,), _ = read_all("-", published="2025-07-10")
    assert art.input == "stdin" and art.kind == "stdin" and art.published == dt.date(2025, 7, 10)


@pytest.mark.parametrize(
    ("data", "kind", "start"),
    [
        ((RES / "article.html").read_bytes(), "html", "Delegations from Armenia"),
        (gzip.compress((RES / "article.html").read_bytes()), "html", "Delegations from Armenia"),
        ((RES / "feed.atom").read_bytes(), "feed", "A ceasefire between rival militias"),
        (b'{"text": "Kenyan police dispersed protesters in Nairobi."}\n', "jsonl", "Kenyan police"),
    ],
)
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, kind: str, start: str) -> None:
    import sys

    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    (art,), _ = read_all("-")
    assert art.kind == kind and art.text.startswith(start)


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    from dyad.settings import Settings

    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    _, (err,) = read_all(str(path), settings=Settings(max_input_bytes=1_000_000))
    assert err.code == "E105" and "decompresses to more than" in err.reason
