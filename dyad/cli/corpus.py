"""``dyad run`` (a corpus on Dask), ``dyad dedup`` (stories and events) and ``dyad series`` (dyad shifts)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from dyad.cli.common import DbOption, console, db_path, err_console, open_store
from dyad.errors import UsageError


def run(
    corpus: Annotated[list[str], typer.Argument(help="Folders, files (txt, html, JSONL, WARC, .gz) or URLs.", show_default=False)],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Dask workers of the local cluster (one process each).")] = 2,
    scheduler: Annotated[str | None, typer.Option(help="Address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                                                       "(inputs and the store's folder must be on a shared file system).")] = None,
    threads: Annotated[bool, typer.Option("--threads", help="Local workers as threads of this process, not processes.")] = False,
    published: Annotated[str | None, typer.Option(help="Publication date for inputs that lack one (YYYY-MM-DD).")] = None,
    source: Annotated[str | None, typer.Option(help="Source (outlet) name for inputs that lack one.")] = None,
    partition_size: Annotated[int | None, typer.Option(help="Articles per partition / Parquet shard.")] = None,
) -> None:
    """Code a corpus of any size on Dask, then group duplicate stories and merge mentions into events.

    Workers write one Parquet shard per partition into DB.shards/; this process merges them into the
    store. Re-running skips finished shards, so an interrupted run (even kill -9) just resumes.

    Example: [bold]dyad run news/ wires.jsonl.gz --workers 2 --db corpus.duckdb[/bold]
    """
    from dyad.corpus.runner import run_corpus
    from dyad.ingest.base import parse_date
    from dyad.settings import Settings
    from dyad.store import Store

    if published:
        parse_date(published, "--published")
    if workers < 1:
        raise UsageError("--workers must be at least 1", code="E531")
    settings = Settings.load(run_partition_articles=partition_size)
    path = db_path(db)
    store = Store(path)
    with Progress(
        SpinnerColumn(), TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(), TextColumn("partitions"),
        TextColumn("{task.fields[articles]} articles, {task.fields[events]} events"), TimeElapsedColumn(),
        console=err_console, transient=False,
    ) as progress:
        task = progress.add_task("run", total=None, articles=0, events=0)

        def planned(n: int) -> None:
            progress.update(task, total=n)

        def shard(info: dict) -> None:
            f = progress.tasks[task].fields
            progress.update(task, advance=1, articles=f["articles"] + info["articles"], events=f["events"] + info["events"])
            if info["failed"]:
                progress.console.print(f"[yellow]{info['failed']} input(s) failed in partition {info['id']}[/yellow]")

        try:
            summary = run_corpus(
                corpus, store, workers=workers, scheduler=scheduler, processes=not threads,
                defaults={"published": published, "source": source}, settings=settings,
                on_shard=shard, on_plan=planned,
            )
        finally:
            store.close()
    console.print(
        f"[bold]{summary.articles}[/bold] articles ({summary.new} new, {summary.unchanged} already stored) in "
        f"{summary.stories} stories; [bold]{summary.real_events}[/bold] events from {summary.mentions} mentions; "
        f"[bold]{summary.failures}[/bold] failed inputs; {summary.articles_per_second:.1f} articles/s "
        f"({summary.seconds:.1f}s; {summary.partitions} partitions, {summary.skipped} already merged, "
        f"{summary.resumed} resumed) -> {path}"
    )
    for failed in summary.failed_partitions:
        err_console.print(f"[red]partition failed[/red] {failed} (re-run to retry)")
    if summary.failed_partitions:
        raise typer.Exit(1)


def dedup(db: DbOption = None) -> None:
    """Group duplicate articles into stories and merge mentions into real-world events (after ingest).

    Example: [bold]dyad dedup --db corpus.duckdb[/bold]
    """
    from dyad.corpus.dedup import dedup_store
    from dyad.corpus.merge import merge_store

    with open_store(db, read_only=False) as store:
        stories = dedup_store(store)
        events = merge_store(store)
    console.print(f"{stories['articles']} articles in [bold]{stories['stories']}[/bold] stories; "
                  f"{events['mentions']} mentions in [bold]{events['events']}[/bold] events "
                  f"({stories['changed'] + events['changed']} rows updated)")


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} wants a date as YYYY-MM-DD, not {value!r}", code="E542") from None


def series(
    a: Annotated[str, typer.Argument(help="Actor A (source): actor id, country code or name.")],
    b: Annotated[str, typer.Argument(help="Actor B (target): actor id, country code or name.")],
    db: DbOption = None,
    freq: Annotated[str, typer.Option(help="day | week | month")] = "day",
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    all_modalities: Annotated[bool, typer.Option("--all-modalities", help="Count negated, future, hypothetical and "
                                                                          "historical events too (default: asserted only).")] = False,
    both_directions: Annotated[bool, typer.Option("--both-directions", help="Count B->A events as well.")] = False,
    plot: Annotated[str | None, typer.Option(help="Draw the series to a .png or a self-contained .html.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the series as JSON.")] = False,
) -> None:
    """Events between A and B per day, week or month (counts, Goldstein, QuadClass) and the shifts in them.

    Counts real-world events (each reported by any number of articles), asserted only unless asked.

    Example: [bold]dyad series RUS UKR --freq week --plot rus-ukr.html[/bold]
    """
    from dyad.corpus.series import QUAD_NAMES, dyad_series
    from dyad.corpus.series import plot as draw

    with open_store(db) as store:
        s = dyad_series(store, a, b, freq=freq, since=_date(since, "--since"), until=_date(until, "--until"),
                        modality="all" if all_modalities else "asserted", both_directions=both_directions)
    if as_json:
        print(json.dumps(s.to_dict(), ensure_ascii=False, default=str))
    else:
        table = Table("period", "events", "Goldstein sum", "mean", *(f"Q{q}" for q in QUAD_NAMES),
                      title=f"{a} → {b}: {s.total} {s.modality} events per {freq} (empty periods hidden)")
        for p in s.periods:
            if p.events:
                table.add_row(str(p.start), str(p.events), f"{p.goldstein_sum:g}",
                              "" if p.goldstein_mean is None else f"{p.goldstein_mean:g}", *(str(p.quad[q]) for q in QUAD_NAMES))
        console.print(table)
        if not s.shifts:
            console.print("no shift found")
        for shift in s.shifts:
            console.print(f"[bold]shift {shift.date}[/bold]: {shift.events_before:g} → {shift.events_after:g} events per "
                          f"{freq} ({shift.size:+g}); Goldstein sum {shift.goldstein_before:g} → {shift.goldstein_after:g}")
            for e in shift.events[:5]:
                console.print(f"   {e['date']} {e['type']} {e['source'] or '?'} → {e['target'] or '?'} "
                              f"({e['mentions']} mentions) {e['url'] or e['article_id']}")
    if plot:
        out = draw(s, plot)
        err_console.print(f"plot written to {out}")


def register(app: typer.Typer) -> None:
    app.command()(run)
    app.command()(dedup)
    app.command()(series)
