"""``dyad serve``: help with an example, and a clear error when there is no store to serve."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.errors import StoreError


def test_serve_help_has_an_example():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for words in ("--db", "--host", "--port", "Example", "dyad serve"):
        assert words in result.output


def test_serve_without_a_store_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, StoreError)
    assert result.exception.code == "E201" and "dyad ingest" in str(result.exception)


@pytest.mark.parametrize("port", ["0x", "-"])
def test_serve_rejects_a_bad_port(port):
    result = CliRunner().invoke(app, ["serve", "--port", port])
    assert result.exit_code != 0
