"""``dyad ingest``, ``dyad articles`` and ``dyad show``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dyad.cli.common import DbOption, console, db_path, err_console, open_store
from dyad.errors import InputError, UsageError
from dyad.records import Article


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or '-' for stdin.", show_default=False)],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date for inputs that lack one (YYYY-MM-DD).")] = None,
    url: Annotated[str | None, typer.Option(help="URL of the article, for a single text input.")] = None,
    source: Annotated[str | None, typer.Option(help="Source (outlet) name for inputs that lack one.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per batch and transaction.")] = None,
) -> None:
    """Ingest, clean, code and store articles.

    Example: [bold]dyad ingest article.txt --published 2025-07-10[/bold]
    or [bold]dyad ingest feeds/ news.jsonl https://example.org/story.html[/bold]
    """
    from dyad.ingest import read_inputs
    from dyad.ingest.base import parse_date
    from dyad.process import process
    from dyad.store import Store

    if published:
        parse_date(published, "--published")
    store = Store(db_path(db))
    with Progress(
        SpinnerColumn(), TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"), TimeElapsedColumn(), console=err_console, transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=None, last="")

        def tick(item: Article | InputError) -> None:
            if isinstance(item, InputError):
                progress.console.print(f"[red]failed[/red] {item}")
            progress.update(task, advance=1, last=(item.input or "")[-50:] if isinstance(item, Article) else "")

        summary = process(
            read_inputs(inputs, published=published, url=url, source=source),
            store, batch_size=batch_size, on_item=tick,
        )
    store.close()
    console.print(
        f"[bold]{summary.new}[/bold] new, [bold]{summary.unchanged}[/bold] unchanged, "
        f"[bold]{summary.failed}[/bold] failed articles; {summary.events} events, {summary.quotes} quotes, "
        f"{summary.flags} flags in {summary.seconds:.1f}s -> {db_path(db)}"
    )
    if summary.failed and not summary.new and not summary.unchanged:
        raise typer.Exit(1)


def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
) -> None:
    """List stored articles. Example: [bold]dyad articles --limit 20[/bold]"""
    with open_store(db) as store:
        rows = store.articles(limit)
    table = Table("id", "published", "source", "title", "chars", "events", "input")
    for r in rows:
        table.add_row(r["id"], str(r["published"] or ""), r["source"] or "", (r["title"] or "")[:50],
                      str(r["n_chars"]), str(r["events"]), (r["input"] or "")[-40:])
    console.print(table)


LAYER_STYLE = {"entity": "underline", "actor": "bold cyan", "time": "bold green", "place": "bold magenta"}


def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = None,
) -> None:
    """Show an article's clean text with entities, actors, dates and places highlighted.

    Example: [bold]dyad show 119d9b71[/bold]
    """
    with open_store(db) as store:
        art = store.article(article_id)
        if art is None:
            raise UsageError(f"no article with id {article_id!r}; see 'dyad articles'", code="E510")
        notes = store.annotations(art["id"])
    text = Text(art["text"])
    for n in sorted(notes, key=lambda n: list(LAYER_STYLE).index(n["layer"]) if n["layer"] in LAYER_STYLE else 9):
        text.stylize(LAYER_STYLE.get(n["layer"], "underline"), n["start"], n["end"])
    console.print(f"[bold]{art['title'] or art['id']}[/bold]  {art['published'] or ''}  {art['url'] or art['input'] or ''}")
    console.print(text)
    ents = [f"{n['text']} ({n['label']})" for n in notes if n["layer"] == "entity"]
    if ents:
        console.print("\n[dim]entities:[/dim] " + "; ".join(ents))
    legend = "  ".join(f"[{style}]{layer}[/{style}]" for layer, style in LAYER_STYLE.items())
    console.print(f"[dim]legend:[/dim] {legend}")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(articles)
    app.command()(show)
