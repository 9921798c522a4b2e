"""``dyad quotes``: list the quotes found in the store (speaker, cue, content, kind, anonymous)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from dyad.cli.common import DbOption, console, open_store
from dyad.errors import UsageError

COLUMNS = ("id", "article_id", "kind", "speaker_text", "speaker_name", "speaker_actor_id", "speaker_country",
           "anonymous", "cue_text", "content_text", "content_start", "content_end")


def quotes(
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table | jsonl")] = "table",
    article: Annotated[str | None, typer.Option(help="Only quotes of this article id (or id prefix).")] = None,
    anonymous: Annotated[bool | None, typer.Option("--anonymous/--named", help="Only anonymous or only named speakers.",
                                                   show_default=False)] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many quotes.")] = None,
) -> None:
    """List who said what: speaker, cue, content, kind (direct | indirect | mixed), anonymous.

    Example: [bold]dyad quotes --db news.duckdb --anonymous --format jsonl[/bold]
    """
    if format not in ("table", "jsonl"):
        raise UsageError(f"unknown format {format!r}; choose table or jsonl", code="E522")
    where: list[str] = []
    params: list[object] = []
    if article:
        where.append("article_id LIKE ?")
        params.append(article + "%")
    if anonymous is not None:
        where.append("anonymous = ?")
        params.append(anonymous)
    sql = f"SELECT {', '.join(COLUMNS)}, record FROM quotes"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY article_id, content_start"
    if limit:
        sql += f" LIMIT {int(limit)}"
    with open_store(db) as store:
        rows = store.query(sql, params)
    if format == "jsonl":
        for r in rows:
            record = r.pop("record")
            r["record"] = json.loads(record) if isinstance(record, str) else record
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    table = Table("speaker", "anon", "cue", "content", "kind", title=f"{len(rows)} quotes")
    for r in rows:
        speaker = r["speaker_text"] or ""
        name = r["speaker_name"] if r["speaker_actor_id"] and r["speaker_name"] != speaker else None
        extra = "/".join(x for x in (name, r["speaker_country"]) if x)
        speaker += f" ({extra})" if extra else ""
        record = json.loads(r["record"]) if isinstance(r["record"], str) else (r["record"] or {})
        pieces = [seg["text"] for seg in record.get("segments") or []] or [r["content_text"] or ""]
        content = " … ".join(pieces).replace("\n", " ")
        table.add_row(speaker, "yes" if r["anonymous"] else "", r["cue_text"] or "",
                      content if len(content) <= 160 else content[:157] + "...", r["kind"] or "")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(quotes)
