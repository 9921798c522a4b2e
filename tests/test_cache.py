"""dyad.cache: indexes pickled across processes, keyed by the bytes they were built from."""

from __future__ import annotations

import pytest

from dyad.cache import cached


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DYAD_CACHE", raising=False)
    return tmp_path


def counting_build(calls: list[int], value: object):
    def build() -> object:
        calls.append(1)
        return value
    return build


@pytest.mark.parametrize(
    ("first", "second", "builds"),
    [
        ([b"data v1", b"code"], [b"data v1", b"code"], 1),  # unchanged inputs: the pickle is reused
        ([b"data v1", b"code"], [b"data v2", b"code"], 2),  # a changed data file rebuilds
        ([b"data v1", b"code"], [b"data v1", b"code v2"], 2),  # changed building code rebuilds
        ([b"ab", b"c"], [b"a", b"bc"], 2),  # the split between inputs counts, not only their bytes
    ],
)
def test_rebuilds_only_when_inputs_change(cache_dir, first, second, builds):
    calls: list[int] = []
    assert cached("idx", first, counting_build(calls, {"k": [1, 2]})) == {"k": [1, 2]}
    assert cached("idx", second, counting_build(calls, {"k": [1, 2]})) == {"k": [1, 2]}
    assert len(calls) == builds
    assert len(list(cache_dir.glob("idx-*.pickle"))) == 1  # the stale version is removed


def test_disabled_by_environment(cache_dir, monkeypatch):
    monkeypatch.setenv("DYAD_CACHE", "0")
    calls: list[int] = []
    for _ in range(2):
        cached("idx", [b"x"], counting_build(calls, 1))
    assert len(calls) == 2
    assert not list(cache_dir.iterdir())


def test_corrupt_or_unwritable_cache_falls_back_to_building(tmp_path, monkeypatch):
    monkeypatch.delenv("DYAD_CACHE", raising=False)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DYAD_CACHE_DIR", str(blocker / "sub"))
    assert cached("idx", [b"x"], lambda: 7) == 7
    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path / "c"))
    cached("idx", [b"x"], lambda: 7)
    for path in (tmp_path / "c").glob("idx-*.pickle"):
        path.write_bytes(b"garbage")
    assert cached("idx", [b"x"], lambda: 8) == 8
