"""``dyad kb``: look up and extend the actor knowledge base; ``dyad actors``: actor mentions of a text."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dyad.cli.common import console
from dyad.errors import UsageError

kb_app = typer.Typer(help="The actor knowledge base: look up names, import Wikidata.", no_args_is_help=True)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--date must be YYYY-MM-DD, not {value!r}", code="E523") from exc


@kb_app.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(help="An actor phrase: a name, title or place.")],
    date: Annotated[str | None, typer.Option("--date", help="Resolve the office held on this day (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Resolve a name or phrase on a date: actor id, country, sector, office.

    Example: [bold]dyad kb lookup "Russian Foreign Minister Sergei Lavrov" --date 2025-07-10[/bold]
    """
    from dyad.kb.resolve import resolve

    res = resolve(name, _date(date) or dt.date.today())
    out = {"text": name, "name": res.name if res else None, "actor_id": res.actor.id if res and res.actor else None,
           "country": res.country if res else None, "sector": res.sector if res else None,
           "role": res.role if res else None, "how": res.how if res else None}
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
        return
    table = Table("field", "value")
    for k, v in out.items():
        table.add_row(k, "" if v is None else str(v))
    console.print(table)


@kb_app.command("import")
def import_(
    dump: Annotated[Path, typer.Argument(help="Wikidata JSON: a dump (array, one entity a line) or EntityData JSON.")],
    out: Annotated[Path | None, typer.Option("--out", help="KB file to append to (default: <kb_dir>/wikidata.jsonl).")] = None,
) -> None:
    """Import people (with P39 positions held) and organisations from a Wikidata JSON dump.

    Example: [bold]dyad kb import ministers.json[/bold]   then   [bold]dyad kb lookup "Jane Doe" --date 2024-01-01[/bold]
    """
    from dyad.kb import user_kb_dir
    from dyad.kb.wikidata import import_dump

    if not dump.exists():
        raise UsageError(f"file not found: {dump}", code="E524")
    target = out or ((user_kb_dir() or Path(".")) / "wikidata.jsonl")
    n = import_dump(dump, target)
    console.print(f"imported {n} actors into {target}")


@kb_app.command("stats")
def stats() -> None:
    """Size of the loaded KB (actors, roles, countries, names).

    Example: [bold]dyad kb stats[/bold]
    """
    from dyad.kb import get_kb

    print(json.dumps(get_kb().size()))


def actors(
    file: Annotated[str, typer.Argument(help="Text file, or - for stdin.")] = "-",
    published: Annotated[str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD): roles are taken on it.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per mention.")] = False,
) -> None:
    """Show the actor mentions dyad finds in a text, resolved on the publication date.

    Example: [bold]dyad actors article.txt --published 2025-07-10[/bold]
    """
    import dyad
    from dyad.records import to_dict

    text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    day = _date(published)
    nlp = dyad.load(components=["dyad_actors", "dyad_checks"])
    doc = nlp.make_doc(text)
    doc._.published = day
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    if as_json:
        for m in doc._.mentions:
            print(json.dumps(to_dict(m), ensure_ascii=False))
        return
    table = Table("span", "text", "actor", "country", "sector", "role", "how", title=f"{len(doc._.mentions)} mentions")
    for m in doc._.mentions:
        table.add_row(f"{m.span.start}-{m.span.end}", m.span.text, m.actor_id or "", m.country or "", m.sector or "",
                      m.role or "", m.how)
    console.print(table)
    for f in doc._.flags:
        console.print(f"[yellow]{f.kind}[/yellow]: {f.message} " + ", ".join(f"{s.start}-{s.end} {s.text!r}" for s in f.spans))


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
    app.command("actors")(actors)
