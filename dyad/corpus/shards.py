"""Parquet shards of coded articles: what a ``dyad run`` worker writes and the single writer merges.

A shard holds one partition's results, one row per article (``kind = "coded"``, the full
:class:`~dyad.records.Coded` record as JSON) or per failed input (``kind = "error"`` with its code
and reason). It is written to a temporary name and renamed into place, so a shard file either is
complete or does not exist, whenever the worker is killed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import types
import typing
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.errors import InputError
from dyad.records import Coded, to_dict

SCHEMA = pa.schema([
    ("kind", pa.string()),
    ("article_id", pa.string()),
    ("input", pa.string()),
    ("code", pa.string()),
    ("reason", pa.string()),
    ("events", pa.int32()),
    ("coded", pa.string()),
])


def from_dict(cls: Any, data: Any) -> Any:
    """Rebuild a record (nested dataclasses, tuples, dates) from :func:`dyad.records.to_dict` output."""
    if data is None:
        return None
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(cls) if a is not type(None)]
        return from_dict(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        (item, *_rest) = typing.get_args(cls)
        return tuple(from_dict(item, x) for x in data)
    if origin in (list, dict, typing.Literal) or cls is Any:
        return data
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return cls(**{f.name: from_dict(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data})
    if cls is dt.date and isinstance(data, str):
        return dt.date.fromisoformat(data[:10])
    return data


def write_shard(path: Path, coded: list[Coded], errors: list[InputError], meta: dict[str, str]) -> None:
    rows: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for c in coded:
        for key, value in (("kind", "coded"), ("article_id", c.article.id), ("input", c.article.input),
                           ("code", None), ("reason", None), ("events", len(c.events)),
                           ("coded", json.dumps(to_dict(c), ensure_ascii=False, default=str))):
            rows[key].append(value)
    for e in errors:
        for key, value in (("kind", "error"), ("article_id", None), ("input", e.input or "?"), ("code", e.code),
                           ("reason", e.reason), ("events", 0), ("coded", None)):
            rows[key].append(value)
    table = pa.table(rows, schema=SCHEMA).replace_schema_metadata({f"dyad.{k}": v for k, v in meta.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def read_shard(path: Path) -> tuple[list[Coded], list[tuple[str, str, str]]]:
    """Coded articles and failed inputs ``(input, code, reason)`` of one shard."""
    table = pq.read_table(path)
    coded: list[Coded] = []
    errors: list[tuple[str, str, str]] = []
    for row in table.to_pylist():
        if row["kind"] == "coded":
            coded.append(from_dict(Coded, json.loads(row["coded"])))
        else:
            errors.append((row["input"], row["code"], row["reason"]))
    return coded, errors


def remove_partial(folder: Path) -> int:
    """Delete temporary files a killed worker left behind; returns how many."""
    n = 0
    for tmp in folder.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)
        n += 1
    return n
