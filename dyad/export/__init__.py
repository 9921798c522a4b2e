"""Exports of the store: tables as JSONL, CSV or Parquet; event formats (GDELT, POLECAT) add to FORMATS.

Event exports hold asserted events only unless ``modality="all"`` (or a list) is asked for, and every
row says its modality, so negated, future, hypothetical and historical events are never taken as facts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dyad.errors import UsageError
from dyad.store import Store
from dyad.store.db import TABLES

TABLE_FORMATS = ("jsonl", "csv", "parquet")
# format name -> function(store, out, modality) for event-level formats (filled by other modules)
FORMATS: dict[str, Callable[[Store, Path, str], int]] = {}


def _modality_filter(modality: str) -> tuple[str, list[str]]:
    if modality == "all":
        return "", []
    wanted = [m.strip() for m in modality.split(",") if m.strip()]
    return f" WHERE modality IN ({', '.join('?' for _ in wanted)})", wanted


def export_table(store: Store, table: str, fmt: str, out: str | Path, *, modality: str = "asserted") -> int:
    """Write one store table to ``out``; returns the number of rows written."""
    if table not in TABLES:
        raise UsageError(f"unknown table {table!r}; choose from {', '.join(TABLES)}", code="E520")
    if fmt not in TABLE_FORMATS:
        raise UsageError(f"unknown format {fmt!r} for a table; choose from {', '.join(TABLE_FORMATS)}", code="E521")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    where, params = _modality_filter(modality) if table == "events" else ("", [])
    rel = store.con.sql(f"SELECT * FROM {table}{where}", params=params or None).to_arrow_table()
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(rel, out)
    elif fmt == "csv":
        import pyarrow.csv as pacsv

        flat = rel
        for i, col in enumerate(rel.schema):
            if str(col.type).startswith("list"):
                flat = flat.set_column(i, col.name, [[json.dumps(v) for v in rel.column(col.name).to_pylist()]])
        pacsv.write_csv(flat, out)
    else:
        with out.open("w", encoding="utf-8") as fh:
            for row in rel.to_pylist():
                if "record" in row and isinstance(row["record"], str):
                    row["record"] = json.loads(row["record"])
                fh.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    return rel.num_rows


def register_event_formats() -> None:
    """The corpus layer's event formats: GDELT 2.0 events and mentions, POLECAT JSON, partitioned Parquet."""
    from dyad.export import gdelt, partitioned, polecat

    FORMATS.setdefault("gdelt-events", gdelt.export_events)
    FORMATS.setdefault("gdelt-mentions", gdelt.export_mentions)
    FORMATS.setdefault("polecat", polecat.export_polecat)
    FORMATS.setdefault("parquet", partitioned.export_parquet)


def export(store: Store, fmt: str, out: str | Path, *, table: str = "events", modality: str = "asserted") -> int:
    """Event formats for events (``parquet`` to a folder = one row per real-world event, partitioned by
    date; to a ``.parquet`` file = the table as is); table formats for everything else."""
    register_event_formats()
    table_file = fmt in TABLE_FORMATS and (table != "events" or Path(out).suffix.lower() == f".{fmt}")
    if fmt in FORMATS and not table_file:
        return FORMATS[fmt](store, Path(out), modality)
    return export_table(store, table, fmt, out, modality=modality)


def event_records(store: Store, modality: str = "all") -> list[dict[str, Any]]:
    """Full event records (with spans) as dicts, as ``dyad events --format jsonl`` prints them."""
    where, params = _modality_filter(modality)
    rows = store.con.execute(f"SELECT record, event_group FROM events{where} ORDER BY article_id, sentence_start, trigger_start", params).fetchall()
    out = []
    for record, group in rows:
        rec = json.loads(record)
        rec["event_group"] = group
        out.append(rec)
    return out
