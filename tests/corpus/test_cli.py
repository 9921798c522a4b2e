from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.store import Store
from tests.corpus.records import coded

STRIKE = {"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "place": "Kyiv"}


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    batch = [coded(f"a{d:02d}-{o}", f"2025-03-{d:02d}", *[{**STRIKE, "date": f"2025-03-{d:02d}"}] * (1 if d < 10 else 4),
                   source=o) for d in range(1, 20) for o in ("Wire", "Post")]
    with Store(path) as s:
        s.write(batch)
    return str(path)


@pytest.mark.parametrize("command", ["run", "dedup", "series"])
def test_cli_help_has_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_cli_dedup_then_series_json(db, tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["dedup", "--db", db])
    assert out.exit_code == 0 and "events" in out.output
    result = runner.invoke(app, ["series", "RUS", "UKR", "--db", db, "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["total"] == 19 and data["periods"][0]["events"] == 1  # 2 outlets, 1 event a day
    plot = tmp_path / "s.html"
    result = runner.invoke(app, ["series", "RUS", "UKR", "--db", db, "--freq", "week", "--plot", str(plot)])
    assert result.exit_code == 0 and plot.exists()


def test_cli_series_bad_date(db):
    result = CliRunner().invoke(app, ["series", "RUS", "UKR", "--db", db, "--since", "March"])
    assert result.exit_code != 0
