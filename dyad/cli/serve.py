"""``dyad serve``: the REST API and dashboard over a store, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from dyad.cli.common import DbOption, console, db_path


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 exposes it to your network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API (OpenAPI docs at /docs) and the dashboard, read-only over the store.

    Example: [bold]dyad serve --db dyad.duckdb --port 8000[/bold], then open http://127.0.0.1:8000
    """
    import uvicorn

    from dyad.api import create_app
    from dyad.api.app import open_read_only

    path = db_path(db)
    store = open_read_only(path)
    store.close()
    app = create_app(db=path)
    console.print(f"dyad dashboard on [bold]http://{host}:{port}[/bold] (API docs at /docs) over {path}; Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
