"""Indexes built once per data version and shared across processes as pickles.

``cached(name, sources, build)`` returns ``build()``, and stores its pickle in the user's cache folder
(env ``DYAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/dyad``, else ``~/.cache/dyad``) under a key hashed
from ``sources`` (the bytes of the data files and of the modules that build the index) and the Python
version. A later process with the same inputs unpickles the index instead of re-parsing the data: the
KB, the gazetteer and the town table load in well under a second instead of several. Any failure to
read or write the cache falls back to building; ``DYAD_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    if os.environ.get("DYAD_CACHE_DIR"):
        return Path(os.environ["DYAD_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyad"


def source_of(module_file: str) -> bytes:
    """The bytes of a module's source, so that a change to the code that builds an index renews it."""
    return Path(module_file).read_bytes()


def cached(name: str, sources: Iterable[bytes], build: Callable[[], T]) -> T:
    """``build()``, or its pickle from an earlier process whose ``sources`` were the same bytes."""
    if os.environ.get("DYAD_CACHE", "1") == "0":
        return build()
    digest = hashlib.blake2b(f"{sys.version_info[:3]}|{pickle.HIGHEST_PROTOCOL}".encode(), digest_size=16)
    for part in sources:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    folder = cache_dir()
    path = folder / f"{name}-{digest.hexdigest()}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing, partial or stale cache file is rebuilt
        pass
    value = build()
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", delete=False) as fh:
            tmp = fh.name
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - an unwritable cache only costs the next process a rebuild
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return value


__all__ = ["cache_dir", "cached", "source_of"]
