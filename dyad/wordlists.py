"""Closed word lists of dyad's rule components, kept as data in ``dyad/data/wordlists.toml``.

``words("events", "attempt_verbs")`` is the set named ``attempt_verbs`` in the ``[events]`` section: the
verbs, nouns and particles the rules of one module match on. Editing the file changes the rules; a
missing list is a :class:`~dyad.errors.KnowledgeError` naming it.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

from dyad.errors import KnowledgeError

FILE = "wordlists.toml"


@functools.cache
def _table() -> dict[str, Any]:
    text = resources.files("dyad.data").joinpath(FILE).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"not valid TOML: {exc}", input=FILE) from exc


def words(section: str, name: str) -> frozenset[str]:
    """The word list ``name`` of ``[section]``."""
    try:
        values = _table()[section][name]
    except KeyError as exc:
        raise KnowledgeError(f"no word list {section}.{name}", input=FILE) from exc
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise KnowledgeError(f"{section}.{name} is not a list of strings", input=FILE)
    return frozenset(values)
