from __future__ import annotations

import datetime as dt

import pytest

from dyad.corpus.dedup import Deduper, Doc, dedup_store, exact_key, group_stories
from dyad.records import Article, Coded
from tests.corpus.conftest import EDITS


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_dedup_edited_wire_copy_is_same_story(own_articles, edit):
    original = own_articles["harbour-talks"]
    stories = group_stories([Doc("orig", original), Doc("copy", EDITS[edit](original))])
    assert stories["copy"] == stories["orig"]


@pytest.mark.parametrize("a,b", [
    ("harbour-talks", "ferry-quota"),  # same countries, town and phrases: a different story
    ("harbour-talks", "mine-protest"),
    ("border-shelling", "mine-protest"),
])
def test_dedup_different_articles_stay_apart(own_articles, a, b):
    stories = group_stories([Doc(a, own_articles[a]), Doc(b, own_articles[b])])
    assert stories[a] != stories[b]


def test_dedup_exact_key_ignores_case_and_spacing():
    assert exact_key("Rebels  attacked\nthe town.") == exact_key("rebels attacked the town")


def test_dedup_digest_quoting_a_brief_is_not_a_copy(own_articles):
    brief = own_articles["ferry-quota"]
    digest = "\n\n".join(own_articles[k] for k in ("harbour-talks", "mine-protest", "border-shelling")) + "\n\n" + brief
    stories = group_stories([Doc("brief", brief), Doc("digest", digest)])
    assert stories["brief"] != stories["digest"]


def test_dedup_story_id_is_first_published(own_articles):
    text = own_articles["mine-protest"]
    docs = [Doc("zz-early", text, dt.date(2025, 1, 1)), Doc("aa-late", EDITS["boilerplate"](text), dt.date(2025, 1, 3))]
    assert set(group_stories(docs).values()) == {"zz-early"}


def test_dedup_match_reports_kind_and_similarity(own_articles):
    d = Deduper()
    text = own_articles["border-shelling"]
    d.add(Doc("a", text))
    exact = d.add(Doc("b", text.lower()))
    near = d.add(Doc("c", EDITS["last_paragraph_cut"](text)))
    assert [m.kind for m in exact] == ["exact"]
    assert {m.kind for m in near} == {"near"} and all(m.containment > 0.9 for m in near)


def test_dedup_store_writes_story_ids(store, own_articles):
    text = own_articles["harbour-talks"]
    batch = [
        Coded(Article(id=i, text=t, published=dt.date(2025, 5, d), input=i))
        for i, t, d in [("a1", text, 2), ("a2", EDITS["boilerplate"](text), 3), ("a3", own_articles["mine-protest"], 3)]
    ]
    store.write(batch)
    counts = dedup_store(store)
    assert counts["articles"] == 3 and counts["stories"] == 2
    rows = {r["id"]: r["story_id"] for r in store.query("SELECT id, story_id FROM articles")}
    assert rows == {"a1": "a1", "a2": "a1", "a3": "a3"}
    assert dedup_store(store)["changed"] == 0


def test_dedup_shared_examples_against_each_other(shared):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((shared / "examples").glob("*.txt"))}
    docs = [Doc(k, t) for k, t in texts.items()]
    docs += [Doc(k + "-copy", EDITS["headline_and_boilerplate"](t)) for k, t in texts.items()]
    stories = group_stories(docs)
    for k in texts:
        assert stories[k] == stories[k + "-copy"]
    assert len(set(stories.values())) == len(texts)
