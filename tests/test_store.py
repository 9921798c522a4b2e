import datetime as dt

from dyad.records import ActorRef, Article, Coded, Event, Span, TimeExpr
from dyad.store import SCHEMA_VERSION, Store


def _coded(text="Rebels attacked the town.", aid="a1"):
    art = Article(id=aid, text=text, published=dt.date(2025, 1, 2), input="x.txt")
    ev = Event(
        id=f"{aid}-e1", article_id=aid, sentence=Span(0, len(text), text), trigger=Span(7, 15, "attacked"),
        plover_type="ASSAULT", source=ActorRef(Span(0, 6, "Rebels"), "Rebels", sector="REB"),
        date=TimeExpr("2025-W01", "week"),
    )
    return Coded(article=art, events=(ev,))


def test_schema_version_recorded(store):
    assert store.schema_version == SCHEMA_VERSION


def test_reingest_is_a_no_op(store):
    first = store.write([_coded()])
    again = store.write([_coded()])
    assert (first.new, first.events) == (1, 1)
    assert (again.new, again.unchanged) == (0, 1)
    assert store.count("articles") == 1 and store.count("events") == 1 and store.count("mentions") == 1


def test_week_dates_get_bounds(store):
    store.write([_coded()])
    row = store.events()[0]
    assert (row["date_start"], row["date_end"]) == (dt.date(2024, 12, 30), dt.date(2025, 1, 5))


def test_failed_batch_rolls_back(store, monkeypatch):
    good, bad = _coded(aid="ok"), _coded(aid="bad")

    def boom(coded):
        if coded.article.id == "bad":
            raise RuntimeError("disk on fire")
        return original(coded)

    original = store._write_one
    monkeypatch.setattr(store, "_write_one", boom)
    try:
        store.write([good, bad])
    except RuntimeError:
        pass
    assert store.count("articles") == 0  # nothing half-written


def test_errors_are_recorded(store):
    store.write([], [("broken.html", "E103", "not HTML")])
    assert store.query("SELECT input, code FROM ingest_errors") == [{"input": "broken.html", "code": "E103"}]


def test_store_file_reopens(tmp_path):
    path = tmp_path / "d.duckdb"
    with Store(path) as s:
        s.write([_coded()])
    with Store(path, read_only=True) as s:
        assert s.count("events") == 1
