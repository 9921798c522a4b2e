"""``dyad events``: list coded events."""

from __future__ import annotations

import csv
import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from dyad.cli.common import DbOption, console, open_store
from dyad.errors import UsageError


def _actor(name: str | None, country: str | None, sector: str | None) -> str:
    if not name and not country:
        return ""
    extra = "/".join(x for x in (country, sector) if x)
    name = name or ""
    if len(name) > 28:
        name = name[:27] + "…"
    return f"{name} ({extra})" if extra else name


def events(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv")] = "table",
    modality: Annotated[str, typer.Option(help="asserted, all, or a comma list (negation,future,...).")] = "all",
    article: Annotated[str | None, typer.Option(help="Only events of this article id.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
) -> None:
    """List coded events with type, dyad, date, place and modality.

    Example: [bold]dyad events --format jsonl --modality asserted > events.jsonl[/bold]
    """
    from dyad.export import event_records

    if format not in ("table", "jsonl", "csv"):
        raise UsageError(f"unknown format {format!r}; choose table, jsonl or csv", code="E522")
    with open_store(db) as store:
        if format == "jsonl":
            recs = event_records(store, modality)
            if article:
                recs = [r for r in recs if r["article_id"].startswith(article)]
            for r in recs[:limit]:
                sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
            return
        rows = store.events(article_id=article, limit=None)
    if modality != "all":
        wanted = set(modality.split(","))
        rows = [r for r in rows if r["modality"] in wanted]
    rows = rows[:limit] if limit else rows
    if format == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return
    table = Table("type", "who", "when", "where", "modality", "evidence", title=f"{len(rows)} events",
                  show_lines=True, expand=True)
    for r in rows:
        arrow = " ↔ " if r["reciprocal"] else " → "
        who = _actor(r["source_name"], r["source_country"], r["source_sector"]) or "?"
        if r["target_name"] or r["target_country"]:
            who += arrow + _actor(r["target_name"], r["target_country"], r["target_sector"])
        date = (r["date"] or "") + (" (pub)" if r["date_fallback"] else "")
        place = r["location_name"] + (f", {r['location_country']}" if r["location_country"] else "") if r["location_name"] else ""
        kind = r["plover_type"] + (f"/{r['plover_mode']}" if r["plover_mode"] else "") + (f" {r['cameo_code']}" if r["cameo_code"] else "")
        style = None if r["modality"] == "asserted" else "dim"
        table.add_row(kind, who, date, place, r["modality"] + (" (reported)" if r["reported_by"] else ""),
                      r["trigger_text"] or "", style=style)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(events)
