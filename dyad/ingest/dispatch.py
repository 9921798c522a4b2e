"""Route each input to its reader by what it is: folder, URL, stdin or file suffix."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dyad.errors import DyadError, InputError, TooLarge, UnsupportedInput
from dyad.records import Article
from dyad.settings import Settings, get_settings

# suffix -> reader module in dyad.ingest (each has ``read(data: bytes, input: str, **defaults)``)
READERS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}
SKIP_SUFFIXES = (".meta.json", ".expected.json", ".expected.md")

Result = Article | InputError


def _reader(kind: str) -> Any:
    try:
        return importlib.import_module(f"dyad.ingest.{kind}")
    except ModuleNotFoundError as exc:
        raise UnsupportedInput(f"no reader for {kind} inputs in this dyad") from exc


def read_inputs(
    inputs: Sequence[str],
    *,
    published: Any = None,
    url: str | None = None,
    source: str | None = None,
    settings: Settings | None = None,
    client: Any = None,
) -> Iterator[Result]:
    """Yield an Article for every article in ``inputs`` and an InputError for every failure."""
    settings = settings or get_settings()
    defaults = {"published": published, "url": url, "source": source}
    for item in inputs:
        if item == "-":
            yield from _guard("stdin", lambda: _read_stdin(sys.stdin.buffer.read(), defaults))
        elif item.startswith(("http://", "https://")):
            yield from _guard(item, lambda item=item: _reader("url").read_url(item, settings=settings, client=client, **defaults))
        else:
            path = Path(item)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if _wanted(child):
                        yield from _read_file(child, settings, defaults)
            elif path.exists():
                yield from _read_file(path, settings, defaults)
            else:
                yield InputError("no such file, folder or URL", input=item, code="E107")


def sniff(data: bytes) -> str:
    """The reader for bytes of unknown type (stdin): feed, HTML, JSONL or plain text."""
    head = data[:2000].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def gunzip(data: bytes, input: str, limit: int) -> bytes:
    """Decompress at most ``limit`` bytes: a gzip bomb is refused, not expanded."""
    import gzip
    import io

    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(limit + 1)
    if len(out) > limit:
        raise TooLarge(f"decompresses to more than {limit} bytes (max_input_bytes)", input=input)
    return out


def _read_stdin(data: bytes, defaults: dict[str, Any]) -> Any:
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, "stdin", get_settings().max_input_bytes)
    kind = sniff(data)
    if kind == "text":
        return _reader("text").read(data, "stdin", kind="stdin", **defaults)
    return _reader(kind).read(data, "stdin", **defaults)


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.endswith(SKIP_SUFFIXES):
        return False
    return _kind_of(path) is not None


def _kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return READERS.get(suffixes[-1]) if suffixes else "text"


def _read_file(path: Path, settings: Settings, defaults: dict[str, Any]) -> Iterator[Result]:
    name = str(path)

    def run() -> Any:
        size = path.stat().st_size
        if size > settings.max_input_bytes and not name.endswith((".warc", ".warc.gz", ".jsonl", ".jsonl.gz")):
            raise TooLarge(f"{size} bytes is over the limit of {settings.max_input_bytes} (max_input_bytes)", input=name)
        kind = _kind_of(path)
        if kind is None:
            raise UnsupportedInput(f"unknown file type {path.suffix!r}", input=name)
        reader = _reader(kind)
        if kind in ("jsonl", "warc"):
            return reader.read_path(path, name, settings=settings, **defaults)
        data = path.read_bytes()
        if name.lower().endswith(".gz"):
            data = gunzip(data, name, settings.max_input_bytes)
        return reader.read(data, name, path=path, **defaults)

    yield from _guard(name, run)


def _guard(name: str, run: Any) -> Iterator[Result]:
    """Run a reader; turn any failure into an InputError that names the input."""
    try:
        result = run()
        if isinstance(result, (Article, InputError)):
            yield result
        else:
            yield from result
    except InputError as exc:
        yield exc
    except DyadError as exc:
        yield InputError(exc.reason, input=name, code=exc.code)
    except (OSError, ValueError, UnicodeError) as exc:
        yield InputError(f"{type(exc).__name__}: {exc}", input=name)
