"""Plain-text articles, with optional metadata from YAML-style front matter or a sidecar file.

Front matter: the file starts with ``---``, then ``key: value`` lines (title, url, published, source,
author), then ``---``. Sidecar: ``NAME.meta.json`` next to ``NAME.txt`` with the same keys.
Command-line values (``--published``, ``--url``, ``--source``) fill what neither gives.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dyad.errors import ParseError
from dyad.ingest.base import decode, make_article
from dyad.records import Article

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
FIELDS = ("title", "url", "published", "source", "author")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if ":" in line:
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[m.end():]


def sidecar(path: Path | None, input: str) -> dict[str, Any]:
    if path is None:
        return {}
    side = path.with_name(path.name.split(".")[0] + ".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ParseError(f"sidecar {side.name} is not valid JSON: {exc}", input=input) from exc
    return data if isinstance(data, dict) else {}


def read(data: bytes, input: str, *, path: Path | None = None, kind: str = "text", **defaults: Any) -> Article:
    text = decode(data, input)
    front, body = split_front_matter(text)
    meta = {**{k: v for k, v in defaults.items() if v}, **sidecar(path, input), **front}
    return make_article(body, input=input, kind=kind, **{k: meta.get(k) for k in FIELDS})
