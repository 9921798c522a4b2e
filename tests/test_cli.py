"""The `dyad` command line: help everywhere, idempotent ingest, clear errors and exit codes on misuse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyad.cli import app

ROOT = Path(__file__).resolve().parent.parent
RES = Path(__file__).parent / "resources" / "ingest"
DYAD = [sys.executable, "-c", "from dyad.cli import main; main()"]
runner = CliRunner()


def command_paths() -> list[list[str]]:
    import typer.main

    group = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(cmd, prefix: list[str]) -> None:  # type: ignore[no-untyped-def]
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(group, [])
    return paths


def test_top_level_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("ingest", "articles", "show", "events", "export", "eval"):
        assert name in result.output


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p))
def test_every_command_has_help(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.mark.parametrize("name", ["ingest", "articles", "show", "events", "export", "eval"])
def test_foundation_help_has_an_example(name: str) -> None:
    assert "Example" in runner.invoke(app, [name, "--help"]).output


@pytest.fixture()
def shared_nlp(nlp, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Let `dyad ingest` in-process reuse the session pipeline instead of loading its own."""
    import dyad.nlp.pipeline

    monkeypatch.setattr(dyad.nlp.pipeline, "load", lambda *a, **k: nlp)
    return nlp


def test_ingest_twice_reports_unchanged(shared_nlp, tmp_path: Path, rubio_text: str) -> None:
    from dyad.store import Store

    db = str(tmp_path / "d.duckdb")
    src = ROOT.parent / "shared" / "examples" / "rubio-lavrov-kuala-lumpur.txt"
    first = runner.invoke(app, ["ingest", str(src), "--published", "2025-07-10", "--db", db])
    assert first.exit_code == 0, first.output
    assert "1 new, 0 unchanged, 0 failed" in first.output
    second = runner.invoke(app, ["ingest", str(src), "--published", "2025-07-10", "--db", db])
    assert second.exit_code == 0 and "0 new, 1 unchanged, 0 failed" in second.output
    with Store(db, read_only=True) as store:
        (row,) = store.query("SELECT text, published FROM articles")
    assert str(row["published"]) == "2025-07-10"
    for furniture in ("Impact Shorts", "View All", "With inputs from agencies"):
        assert furniture not in row["text"]
    assert "While details of the Malaysia talks" in row["text"]


def test_bad_inputs_in_a_batch_are_recorded_and_the_rest_stored(shared_nlp, tmp_path: Path) -> None:
    from dyad.store import Store

    db = str(tmp_path / "b.duckdb")
    inputs = [str(RES / n) for n in ("article.html", "empty.txt", "junk.txt", "articles.jsonl", "bomb.xml")]
    result = runner.invoke(app, ["ingest", *inputs, "--db", db])
    assert result.exit_code == 0, result.output
    assert "3 new, 0 unchanged, 7 failed" in result.output
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 3
        errors = store.query("SELECT input, code, reason FROM ingest_errors ORDER BY input")
    failed = {(Path(e["input"]).name, e["code"]) for e in errors}
    assert ("empty.txt", "E101") in failed and ("junk.txt", "E102") in failed
    assert ("bomb.xml", "E103") in failed and ("articles.jsonl:2", "E103") in failed


def invoke(args: list[str]) -> tuple[int, str]:
    """Run a command in-process the way ``dyad.cli.main`` does: a DyadError is one line, exit 2."""
    from dyad.errors import DyadError

    result = runner.invoke(app, args)
    if isinstance(result.exception, DyadError):
        return 2, str(result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "no/such/file.txt"], "no such file"),
        (["ingest", str(RES / "feed.atom"), "--published", "31/31/2025"], "[E106]"),
        (["export", "out.xyz", "--table", "articles", "--format", "xyz"], "unknown format"),
        (["export", "out.jsonl", "--table", "nonsense", "--format", "jsonl"], "unknown table"),
        (["show", "ffffffffffff"], "no article with id"),
        (["eval", "nonsense", "x.jsonl"], "unknown eval task"),
        (["eval", "extract", "no/such/gold"], "not found"),
        (["ingest"], "Missing argument"),
    ],
)
def test_misuse_exits_non_zero_with_a_clear_message(tmp_path: Path, args: list[str], message: str) -> None:
    from dyad.store import Store

    db = str(tmp_path / "dyad.duckdb")
    Store(db).close()
    if args[0] in ("ingest", "export", "show") and len(args) > 1:
        args = [*args, "--db", db]
    code, output = invoke(args)
    assert code != 0
    assert message in output


def test_the_real_command_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*DYAD, "eval", "nonsense", "x.jsonl"], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "[E530] unknown eval task 'nonsense'; choose from " + ", ".join(
        __import__("dyad.eval", fromlist=["TASKS"]).TASKS
    )
    assert "Traceback" not in proc.stderr
