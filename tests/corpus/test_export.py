from __future__ import annotations

import json

import duckdb
import pytest

from dyad.corpus.merge import merge_store
from dyad.export import FORMATS, export, register_event_formats
from dyad.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, global_event_id
from tests.corpus.records import coded

STRIKE = {"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": "2025-03-10", "place": "Kyiv", "confidence": 0.9}


@pytest.fixture()
def corpus(store):
    store.write([
        coded("a1", "2025-03-10", STRIKE, {"type": "AID", "src": "USA", "tgt": "UKR", "date": "2025-03-11",
                                           "modality": "future"}, source="Wire"),
        coded("a2", "2025-03-11", STRIKE, source="Daily"),
        coded("a3", "2025-03-12", {"type": "CONSULT", "src": "USA", "tgt": "RUS", "reciprocal": True}, source=None),
    ])
    merge_store(store)
    return store


def read_tsv(path):
    return duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='\t', header=true, all_varchar=true, quote='')").fetchall(), \
        [d[0] for d in duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{path}', delim='\t', header=true, quote='')").fetchall()]


def test_export_formats_registered():
    register_event_formats()
    assert {"gdelt-events", "gdelt-mentions", "polecat", "parquet"} <= set(FORMATS)


def test_export_gdelt_events_codebook_columns(corpus, tmp_path):
    out = tmp_path / "events.tsv"
    assert export(corpus, "gdelt-events", out) == 2  # the strike (2 mentions) and the talks; not the future aid
    rows, cols = read_tsv(out)
    assert len(EVENT_COLUMNS) == 61 and cols[:61] == list(EVENT_COLUMNS)
    assert cols[61:] == ["DyadModality", "DyadReportedBy", "DyadEventGroup"]
    strike = dict(zip(cols, rows[0]))
    assert strike["GlobalEventID"] == str(global_event_id("a1-e0")) and strike["DyadEventGroup"] == "a1-e0"
    assert (strike["Day"], strike["MonthYear"], strike["Year"]) == ("20250310", "202503", "2025")
    assert (strike["Actor1Code"], strike["Actor1CountryCode"], strike["Actor2Code"]) == ("RUSGOV", "RUS", "UKRGOV")
    assert (strike["EventCode"], strike["EventBaseCode"], strike["EventRootCode"]) == ("195", "195", "19")
    assert (strike["NumMentions"], strike["NumArticles"], strike["NumSources"]) == ("2", "2", "2")
    assert (strike["ActionGeo_Type"], strike["ActionGeo_CountryCode"], strike["ActionGeo_FeatureID"]) == ("4", "UP", "703448")
    assert strike["SOURCEURL"] == "https://wire.example/a1" and strike["DyadModality"] == "asserted"
    assert strike["AvgTone"] is None and strike["Actor1Geo_Type"] is None  # not computed: empty, not invented
    assert len(strike["DATEADDED"]) == 14


def test_export_gdelt_modalities_say_what_they_are(corpus, tmp_path):
    out = tmp_path / "all.tsv"
    assert export(corpus, "gdelt-events", out, modality="all") == 3
    rows, cols = read_tsv(out)
    assert sorted(r[cols.index("DyadModality")] for r in rows) == ["asserted", "asserted", "future"]


def test_export_gdelt_mentions(corpus, tmp_path):
    out = tmp_path / "mentions.tsv"
    assert export(corpus, "gdelt-mentions", out) == 3
    rows, cols = read_tsv(out)
    assert cols[:16] == list(MENTION_COLUMNS)
    by_id = {r[cols.index("DyadEventID")]: dict(zip(cols, r)) for r in rows}
    a2 = by_id["a2-e0"]
    assert a2["GlobalEventID"] == str(global_event_id("a1-e0")) and a2["MentionSourceName"] == "Daily"
    assert (a2["MentionType"], a2["Confidence"], a2["MentionTimeDate"]) == ("1", "90", "20250311000000")
    assert by_id["a3-e0"]["MentionSourceName"] == "x.example"  # no outlet: the URL's host


def test_export_polecat_json(corpus, tmp_path):
    out = tmp_path / "events.jsonl"
    assert export(corpus, "polecat", out) == 2
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    strike = records["a1-e0"]
    assert strike["event"] == ["ASSAULT"] and strike["date"] == "2025-03-10" and strike["modality"] == "asserted"
    assert strike["actor"][0]["code"] == "RUS" and strike["actor"][0]["identifier_id"] == "Q159"
    assert strike["recipient"][0]["code"] == "UKR" and strike["event_loc"]["geonameid"] == 703448
    assert [m["article_id"] for m in strike["mentions"]] == ["a1", "a2"] and strike["sources"] == ["Daily", "Wire"]
    assert export(corpus, "polecat", tmp_path / "events.json", modality="all") == 3
    assert len(json.loads((tmp_path / "events.json").read_text())) == 3


def test_export_parquet_partitioned_round_trip(corpus, tmp_path):
    out = tmp_path / "events"
    assert export(corpus, "parquet", out, modality="all") == 3
    assert sorted(p.name for p in out.iterdir()) == ["event_date=2025-03-10", "event_date=2025-03-11", "event_date=2025-03-12"]
    rows = duckdb.sql(
        f"SELECT event_group, event_date, modality, num_mentions FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true)"
        " ORDER BY event_group").fetchall()
    assert [(r[0], str(r[1]), r[2], r[3]) for r in rows] == [
        ("a1-e0", "2025-03-10", "asserted", 2), ("a1-e1", "2025-03-11", "future", 1), ("a3-e0", "2025-03-12", "asserted", 1)]
    import pyarrow.dataset as ds

    assert ds.dataset(out, format="parquet", partitioning="hive").to_table().num_rows == 3
    assert export(corpus, "parquet", out) == 2  # re-export replaces the partitions
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/**/*.parquet')").fetchall()[0][0] == 2


def test_export_parquet_to_a_file_is_the_table(corpus, tmp_path):
    out = tmp_path / "events.parquet"
    assert export(corpus, "parquet", out, table="events", modality="all") == 4  # every coded event (mention)
    assert duckdb.sql(f"SELECT count(DISTINCT event_group) FROM '{out}'").fetchall()[0][0] == 3


@pytest.mark.parametrize("fmt,out", [("parquet", "pq"), ("gdelt-events", "e.tsv"), ("polecat", "p.jsonl"),
                                     # the table formats, as `dyad export events.jsonl` writes them
                                     ("jsonl", "t.jsonl"), ("csv", "t.csv"), ("parquet", "t.parquet")])
def test_export_from_a_read_only_store_file(tmp_path, fmt, out):
    from dyad.store import Store

    path = tmp_path / "ro.duckdb"
    with Store(path) as s:
        s.write([coded("a1", "2025-03-10", STRIKE)])
        merge_store(s)
    with Store(path, read_only=True) as s:
        assert export(s, fmt, tmp_path / out) == 1
