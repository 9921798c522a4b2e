"""Fixtures of the API tests: a store built from hand-built records and a TestClient over it."""

from __future__ import annotations

import pytest
from api_fixtures import fixture_batch
from fastapi.testclient import TestClient

from dyad.api import create_app
from dyad.store import Store


@pytest.fixture(scope="module")
def api_store():
    s = Store(":memory:")
    s.write(fixture_batch())
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(api_store):
    with TestClient(create_app(store=api_store)) as c:
        yield c
