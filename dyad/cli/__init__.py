"""The ``dyad`` command line: thin typer commands over dyad's functions.

Each command group lives in its own module with a ``register(app)`` function; errors from dyad
become one ``[Exxx] ...`` line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import importlib
import sys

import typer

from dyad.errors import DyadError

app = typer.Typer(
    name="dyad",
    help="Turn news articles into auditable event data: who did what to whom, where, when, said by whom.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

# Command-group modules under dyad/cli/, registered in this order (missing ones are skipped).
MODULES = ("ingest", "events", "quotes", "export", "eval", "kb", "corpus", "serve")


def _register() -> None:
    for name in MODULES:
        module = f"dyad.cli.{name}"
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue
            raise
        mod.register(app)


_register()


def main() -> None:
    try:
        app()
    except DyadError as exc:
        typer.secho(str(exc), err=True, fg="red")
        sys.exit(2)
    except KeyboardInterrupt:
        typer.secho("interrupted", err=True, fg="red")
        sys.exit(130)
