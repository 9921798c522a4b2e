"""``dyad eval TASK FILE``: score dyad against a gold file."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from dyad.cli.common import console


def eval_(
    task: Annotated[str, typer.Argument(help="extract | events | actors | time | geo | eventloc | quotes")],
    file: Annotated[str, typer.Argument(help="Gold JSONL file (or folder, for extract).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as one JSON line.")] = False,
    predictions: Annotated[str | None, typer.Option(help="Also write dyad's predictions as JSONL here.")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N records.")] = None,
) -> None:
    """Score dyad on a gold set (formats in the README).

    Example: [bold]dyad eval extract ../shared/gold/extract/aeb --json[/bold]
    """
    from dyad.eval import evaluate

    report = evaluate(task, file, predictions=predictions, limit=limit)
    if as_json:
        print(json.dumps(report, default=str))
        return
    table = Table("metric", "value", title=f"dyad eval {task} {file}")
    for key, value in report.items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_)
