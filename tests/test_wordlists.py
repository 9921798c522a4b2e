"""The closed word lists of the rule components live in dyad/data/wordlists.toml."""

from __future__ import annotations

import pytest

from dyad.errors import KnowledgeError
from dyad.wordlists import _table, words


def test_every_list_is_a_non_empty_list_of_strings() -> None:
    table = _table()
    assert {"events", "event_args", "actors", "resolve", "quotes"} <= set(table)
    for section, lists in table.items():
        for name, values in lists.items():
            assert values and all(isinstance(v, str) and v.strip() == v and v for v in values), f"{section}.{name}"


def test_the_rules_read_their_lists_from_the_file() -> None:
    from dyad.nlp import events

    assert events.LIGHT_VERBS == words("events", "light_verbs") and "launch" in events.LIGHT_VERBS


def test_a_missing_list_names_itself() -> None:
    with pytest.raises(KnowledgeError, match="events.no_such_list"):
        words("events", "no_such_list")
