"""Options and helpers shared by the CLI modules."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from dyad.settings import get_settings

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="DuckDB store to use (default: ./dyad.duckdb or $DYAD_DB).", show_default=False),
]


def db_path(db: str | None) -> str:
    return db or get_settings().db


def open_store(db: str | None, read_only: bool = True):  # type: ignore[no-untyped-def]
    from dyad.store import Store

    return Store(db_path(db), read_only=read_only)
