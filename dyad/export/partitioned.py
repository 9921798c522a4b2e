"""Parquet partitioned by event date: one row per real-world event, readable by DuckDB, pandas, polars.

Reads real-world events (``events.event_group``) from the store and writes a Hive-partitioned
dataset ``OUT/event_date=YYYY-MM-DD/part-0.parquet`` (``event_date=__HIVE_DEFAULT_PARTITION__``
for events without any date). Each row is the event's first-seen record (every column of the
``events`` table, the full record with spans in ``record``), plus ``event_day``, ``first_seen``,
``num_mentions``, ``num_articles``, ``num_sources``, ``sources`` and ``event_ids`` (all mentions).
``modality`` says whether the event is asserted, negated, future, hypothetical or historical, and
``reported_by`` whose claim it is; asserted events only unless another modality is asked for.
Read back with ``SELECT * FROM read_parquet('OUT/**/*.parquet', hive_partitioning = true)``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from dyad.errors import UsageError
from dyad.store import Store


def export_parquet(store: Store, out: Path, modality: str = "asserted") -> int:
    from dyad.store.corpus import event_groups

    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; partitioned Parquet needs a folder (or name a .parquet file "
                         "for one table file)", code="E522")
    table: pa.Table = event_groups(store, modality=modality, arrow=True)
    table = table.append_column("event_date", pc.cast(table.column("event_day"), pa.string()))
    if out.exists():
        for child in out.glob("event_date=*"):
            if child.is_dir():
                shutil.rmtree(child)
    ds.write_dataset(
        table, out, format="parquet", partitioning=ds.partitioning(pa.schema([("event_date", pa.string())]), flavor="hive"),
        basename_template="part-{i}.parquet", existing_data_behavior="overwrite_or_ignore",
    )
    return table.num_rows
