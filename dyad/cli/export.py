"""``dyad export``: store tables and event formats to files."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.common import DbOption, console, open_store


def export(
    out: Annotated[str, typer.Argument(help="Output file (or folder for partitioned formats).")],
    db: DbOption = None,
    table: Annotated[str, typer.Option(help="articles | events | mentions | actors | quotes | flags | annotations")] = "events",
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet (to a folder: events partitioned by date) | gdelt-events | gdelt-mentions | polecat")] = "jsonl",
    modality: Annotated[str, typer.Option(help="Events: asserted (default), all, or a comma list.")] = "asserted",
) -> None:
    """Export a table (or events in an event-data format) to a file.

    Example: [bold]dyad export events.parquet --table events --format parquet --modality all[/bold]
    or [bold]dyad export events.tsv --format gdelt-events[/bold] (GDELT 2.0 columns, asserted events)
    """
    from dyad.export import export as run

    with open_store(db) as store:
        n = run(store, format, out, table=table, modality=modality)
    console.print(f"wrote {n} rows to {out}")


def register(app: typer.Typer) -> None:
    app.command()(export)
