from __future__ import annotations

import pytest

from dyad.corpus.merge import assign_groups, merge_store
from dyad.store.corpus import event_groups
from tests.corpus.records import coded

STRIKE = {"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": "2025-03-10", "place": "Kyiv"}


def _groups(store, *batch):
    store.write(list(batch))
    merge_store(store)
    return {r["id"]: r["event_group"] for r in store.query("SELECT id, event_group FROM events")}


@pytest.mark.parametrize("name,other,merged", [
    ("same event, next day's report", dict(STRIKE), True),
    ("no date in the text, published next day", {**STRIKE, "date": None}, True),
    ("text dates one day apart (daily shelling)", {**STRIKE, "date": "2025-03-11"}, False),
    ("no place in the second report", {**STRIKE, "place": None}, True),
    ("country-level place of the same country", {**STRIKE, "place": "Ukraine"}, True),
    ("same dyad, a week later", {**STRIKE, "date": "2025-03-17"}, False),
    ("same dyad and day, another city", {**STRIKE, "place": "Kharkiv"}, False),
    ("reversed direction", {**STRIKE, "src": "UKR", "tgt": "RUS"}, False),
    ("another type", {**STRIKE, "type": "THREATEN"}, False),
    ("denied, not asserted", {**STRIKE, "modality": "negation"}, False),
    ("another target", {**STRIKE, "tgt": "USA"}, False),
])
def test_merge_mentions(store, name, other, merged):
    groups = _groups(store, coded("a1", "2025-03-10", STRIKE), coded("a2", "2025-03-11", other, source="Other"))
    assert (groups["a2-e0"] == groups["a1-e0"]) is merged, name


def test_merge_reciprocal_dyad_is_order_free(store):
    meet = {"type": "CONSULT", "src": "USA", "tgt": "RUS", "date": "2025-07-10", "reciprocal": True}
    groups = _groups(store, coded("a1", "2025-07-10", meet), coded("a2", "2025-07-10", {**meet, "src": "RUS", "tgt": "USA"}))
    assert groups["a1-e0"] == groups["a2-e0"]


def test_merge_group_id_is_first_seen_mention_whatever_the_order(store):
    late, early = coded("aa", "2025-03-12", STRIKE), coded("zz", "2025-03-10", STRIKE)
    store.write([late])
    store.write([early])
    merge_store(store)
    assert {r["event_group"] for r in store.query("SELECT event_group FROM events")} == {"zz-e0"}
    assert store.query("SELECT DISTINCT event_group FROM mentions") == [{"event_group": "zz-e0"}]


def test_merge_keeps_first_seen_and_all_sources(store):
    store.write([coded("a1", "2025-03-10", STRIKE, source="Wire"), coded("a2", "2025-03-11", STRIKE, source="Daily"),
                 coded("a3", "2025-03-11", STRIKE, source="Wire")])
    merge_store(store)
    (g,) = event_groups(store)
    assert g["event_group"] == "a1-e0" and str(g["first_seen"]) == "2025-03-10"
    assert (g["num_mentions"], g["num_articles"], g["num_sources"]) == (3, 3, 2)
    assert g["sources"] == ["Daily", "Wire"]


def test_merge_event_without_actors_never_merges():
    rows = [{"id": f"e{i}", "article_id": f"a{i}", "plover_type": "PROTEST", "modality": "asserted", "reciprocal": False,
                 "published": None, "date_start": None} for i in range(2)]
    assert assign_groups(rows) == {"e0": "e0", "e1": "e1"}


def test_merge_is_idempotent(store):
    store.write([coded("a1", "2025-03-10", STRIKE), coded("a2", "2025-03-10", STRIKE)])
    first = merge_store(store)
    again = merge_store(store)
    assert (first["mentions"], first["events"]) == (2, 1) and again["changed"] == 0
