"""The REST API over a store of hand-built records: filters, sorting, cursors, downloads, evidence spans,
articles with every span, actors, dyad series, flags, and the one JSON error shape."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dyad.api import create_app
from dyad.errors import StoreError


def ids(resp) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {e["id"] for e in resp.json()["items"]}


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"ev-meet", "ev-sanctions", "ev-shell-denied", "ev-deny", "ev-accuse", "ev-strike", "ev-demand",
          "ev-offer", "ev-mediate", "ev-teargas", "ev-protest", "ev-ruto"}),
    ("source=Q187383", {"ev-meet", "ev-deny"}),
    ("source=sergei lavrov", {"ev-meet", "ev-deny"}),
    ("actor=Lavrov", {"ev-meet", "ev-deny"}),
    ("actor=lav", set()),
    ("actor=kenyan%", set()),
    ("target=Kenyan government", {"ev-protest"}),
    ("target=Q801&modality=asserted", {"ev-demand"}),
    ("actor=Q324546", {"ev-meet", "ev-sanctions"}),
    ("country=KEN", {"ev-teargas", "ev-protest", "ev-ruto"}),
    ("country=rus&type=ACCUSE", {"ev-accuse"}),
    ("type=ASSAULT,PROTEST&modality=asserted", {"ev-strike", "ev-teargas", "ev-protest"}),
    ("type=assault&type=consult", {"ev-meet", "ev-ruto", "ev-strike", "ev-shell-denied", "ev-teargas"}),
    ("mode=aerial", {"ev-strike", "ev-shell-denied"}),
    ("modality=negation", {"ev-sanctions", "ev-shell-denied"}),
    ("modality=future,hypothetical", {"ev-offer", "ev-mediate"}),
    ("date_from=2025-07-11", {"ev-strike", "ev-demand", "ev-offer", "ev-mediate"}),
    ("date_from=2025-07-08&date_to=2025-07-09", {"ev-teargas", "ev-protest", "ev-ruto"}),
    ("place=kharkiv", {"ev-shell-denied", "ev-accuse"}),
    ("place=1735161", {"ev-meet"}),
    ("place=KEN", {"ev-teargas", "ev-protest", "ev-ruto"}),
    ("q=tear gas", {"ev-teargas", "ev-protest"}),
    ("q=100%", set()),
    ("q=fire_", set()),
    ("q=fired tear", {"ev-teargas", "ev-protest"}),
    ("q=Kuala", {"ev-meet"}),
    ("quad_class=1&country=KEN", {"ev-ruto"}),
    ("article_id=art-gaza&modality=asserted", {"ev-strike", "ev-demand"}),
])
def test_events_filters(client, query, expected):
    resp = client.get(f"/events?{query}&limit=100")
    assert ids(resp) == expected
    assert resp.json()["total"] == len(expected)


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-goldstein", "confidence", "-confidence", "type",
                                  "-type", "published", "-published"])
def test_cursor_pages_cover_every_event_once_in_order(client, sort):
    full = client.get(f"/events?sort={sort}&limit=1000").json()["items"]
    seen, cursor = [], None
    while True:
        url = f"/events?sort={sort}&limit=5" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [e["id"] for e in full]
    assert len(seen) == len(set(seen)) == 12


def test_events_sorted_by_goldstein_descending(client):
    values = [e["goldstein"] for e in client.get("/events?sort=-goldstein&limit=100").json()["items"]]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_undated_events_sort_last_both_ways(tmp_path, sort):
    from api_fixtures import summit
    from fastapi.testclient import TestClient

    from dyad.records import replace
    from dyad.store import Store

    coded = summit()
    undated = replace(coded.events[0], id="ev-0-undated", date=None)
    with Store(":memory:") as s:
        s.write([replace(coded, events=coded.events + (undated,))])
        with TestClient(create_app(store=s)) as c:
            ids = [e["id"] for e in c.get(f"/events?sort={sort}").json()["items"]]
    assert ids[-1] == "ev-0-undated"


def test_cursor_from_the_other_direction_is_refused(client):
    cursor = client.get("/events?sort=date&limit=2").json()["next_cursor"]
    assert client.get(f"/events?sort=-date&cursor={cursor}").status_code == 400


@pytest.mark.parametrize(("url", "status", "code", "words"), [
    ("/events?modality=maybe", 400, "E542", "unknown modality maybe"),
    ("/events?sort=colour", 400, "E540", "unknown sort"),
    ("/events?sort=colour&format=csv", 400, "E540", "unknown sort"),
    ("/events?cursor=not-a-cursor", 400, "E541", "invalid cursor"),
    ("/events?limit=0", 422, "E542", "limit"),
    ("/events?limit=5000", 422, "E542", "limit"),
    ("/events?date_from=2025-13-01", 422, "E542", "date_from"),
    ("/events?date_from=2025-07-10&date_to=2025-07-01", 400, "E542", "after date_to"),
    ("/events?country=Russia", 422, "E542", "country"),
    ("/events?quad_class=9", 400, "E542", "quad_class"),
    ("/events?format=xml", 422, "E542", "format"),
    ("/events/no-such-event", 404, "E543", "no event"),
    ("/articles/no-such-article", 404, "E543", "no article"),
    ("/dyads/USA/RUS/series?modality=wishful", 400, "E542", "modality"),
    ("/dyads/USA/RUS/series?freq=hour", 422, "E542", "freq"),
    ("/no/such/route", 404, "E543", "Not Found"),
])
def test_errors_have_one_json_shape(client, url, status, code, words):
    resp = client.get(url)
    assert resp.status_code == status
    body = resp.json()
    assert body["ok"] is False and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert words in body["error"]["message"]


def test_cursor_from_another_sort_is_refused(client):
    cursor = client.get("/events?sort=date&limit=2").json()["next_cursor"]
    resp = client.get(f"/events?sort=goldstein&cursor={cursor}")
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "E541"


def test_event_has_evidence_spans_that_point_into_the_article(client):
    ev = client.get("/events/ev-meet").json()
    text = client.get(f"/articles/{ev['article_id']}").json()["text"]
    roles = {s["role"]: s for s in ev["evidence"]}
    assert {"sentence", "trigger", "source", "target", "date", "place"} <= set(roles)
    for s in ev["evidence"]:
        assert text[s["start"]:s["end"]] == s["text"]
    assert roles["trigger"]["text"] == "met" and roles["place"]["text"] == "Kuala Lumpur"
    assert roles["date"]["label"] == "2025-07-10"
    ctx = ev["context"]
    assert text[ctx["start"]:ctx["end"]] == ctx["text"] and roles["sentence"]["text"] in ctx["text"]
    assert ev["reciprocal"] is True and ev["flag_records"][0]["kind"] == "role_contradiction"


def test_reported_event_carries_its_quote(client):
    ev = client.get("/events/ev-sanctions").json()
    assert ev["quote"]["id"] == "q-summit-1"
    roles = {s["role"] for s in ev["evidence"]}
    assert {"quote", "quote_cue", "speaker"} <= roles
    assert "date" not in roles  # the publication-date fallback has no span


def test_article_has_every_span(client):
    art = client.get("/articles/art-summit").json()
    text = art["text"]
    layers = {a["layer"] for a in art["annotations"]}
    assert layers == {"actor", "place", "time", "entity"}
    spans = [a for a in art["annotations"]]
    spans += [s for e in art["events"] for s in e["evidence"]]
    spans += [s for f in art["flags"] for s in f["spans"]]
    spans += [q["content"] for q in art["quotes"]]
    assert len(spans) > 20
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
    assert len(art["events"]) == 5 and len(art["quotes"]) == 1 and len(art["flags"]) == 1


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["art-gaza", "art-nairobi", "art-summit"]),
    ("q=mombasa", ["art-nairobi"]),
    ("q=Example Wire", ["art-gaza", "art-summit"]),
])
def test_articles_list(client, query, expected):
    items = client.get(f"/articles?{query}").json()["items"]
    assert sorted(i["id"] for i in items) == expected


def test_articles_pages(client):
    first = client.get("/articles?limit=2").json()
    second = client.get(f"/articles?limit=2&offset={first['next_offset']}").json()
    assert len(first["items"]) == 2 and len(second["items"]) == 1 and second["next_offset"] is None


@pytest.mark.parametrize(("query", "expected"), [
    ("q=lavrov", {"Q187383"}),
    ("q=rubio", {"Q324546"}),
    ("role=minister", {"Q187383"}),
    ("role=President", {"Q1048186"}),
    ("country=EGY", {"Q79"}),
])
def test_actors_search(client, query, expected):
    items = client.get(f"/actors?{query}").json()["items"]
    assert {i["key"] for i in items} == expected


def test_actor_roles_and_counts(client):
    lavrov = client.get("/actors?q=lavrov").json()["items"][0]
    assert lavrov["roles"][0]["title"] == "Minister of Foreign Affairs"
    assert (lavrov["as_source"], lavrov["as_target"]) == (2, 0)
    assert {i["key"] for i in client.get("/actors?role=target&country=ISR").json()["items"]} == {"Q801"}


@pytest.mark.parametrize(("url", "days"), [
    ("/dyads/Q187383/Q324546/series", {"2025-07-10": 1}),
    ("/dyads/Q324546/Q187383/series", {"2025-07-10": 1}),  # reciprocal: counts both ways
    ("/dyads/EGY/ISR/series", {"2025-07-12": 1}),  # the future offer is not asserted
    ("/dyads/EGY/ISR/series?modality=all", {"2025-07-12": 2}),
    ("/dyads/egypt/israel/series?modality=asserted,future", {"2025-07-12": 2}),
    ("/dyads/Israel/Egypt/series", {}),
    ("/dyads/Israel/Egypt/series?both_directions=true", {"2025-07-12": 1}),
    ("/dyads/UKR/RUS/series?date_to=2025-07-09", {}),
])
def test_dyad_series(client, url, days):
    body = client.get(url).json()
    assert {p["day"]: p["events"] for p in body["points"] if p["events"]} == days


def test_dyad_series_quadclass_and_goldstein(client):
    point = client.get("/dyads/EGY/ISR/series?modality=all").json()["points"][0]
    assert (point["q1"], point["q3"]) == (1, 1)
    assert point["goldstein_sum"] == pytest.approx(-1.0)


def test_dyads_edges_have_weight_and_tone(client):
    edges = {(e["source"], e["target"]): e for e in client.get("/dyads?modality=all").json()["items"]}
    assert edges[("Q79", "Q801")]["n"] == 2
    assert edges[("Q79", "Q801")]["goldstein"] == pytest.approx(-0.5)
    assert edges[("Q187383", "Q324546")]["reciprocal"] is True


def test_timeline_and_places(client):
    bins = client.get("/events/timeline?modality=asserted").json()["items"]
    assert sum(b["n"] for b in bins) == 8
    places = {p["name"]: p for p in client.get("/events/places").json()["items"]}
    assert places["Kuala Lumpur"]["lat"] == pytest.approx(3.1412)
    assert places["Nairobi"]["n"] == 2


@pytest.mark.parametrize(("query", "expected"), [
    ("", 2), ("kind=role_contradiction", 1), ("article_id=art-gaza", 1), ("event_id=ev-meet", 1), ("kind=none", 0),
])
def test_flags(client, query, expected):
    assert len(client.get(f"/flags?{query}").json()["items"]) == expected


def test_csv_download_has_every_matching_row(client):
    resp = client.get("/events?format=csv&country=KEN&sort=date")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert [r["id"] for r in rows][:1] and {r["id"] for r in rows} == {"ev-teargas", "ev-protest", "ev-ruto"}


def test_jsonl_download(client):
    resp = client.get("/events?format=jsonl&modality=asserted&max_rows=3")
    lines = [json.loads(x) for x in resp.text.splitlines()]
    assert len(lines) == 3 and all(x["modality"] == "asserted" for x in lines)


def test_health_and_facets(client):
    health = client.get("/health").json()
    assert health["ok"] is True and health["counts"]["events"] == 12
    facets = client.get("/events/facets").json()
    assert "CONSULT" in facets["types"] and facets["date_min"] == "2025-07-08"


def test_openapi_lists_every_resource(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/events", "/events/{event_id}", "/articles", "/articles/{article_id}", "/actors",
                 "/dyads/{a}/{b}/series", "/flags", "/health"):
        assert path in paths


def test_dashboard_is_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "<title>dyad" in page.text
    assert client.get("/static/app.js").status_code == 200


def test_missing_store_is_a_clear_503(tmp_path):
    from fastapi.testclient import TestClient

    with TestClient(create_app(db=str(tmp_path / "absent.duckdb"))) as c:
        resp = c.get("/health")
    assert resp.status_code == 503 and resp.json()["error"]["code"] == "E201"


def test_locked_store_names_the_lock(tmp_path):
    """A store another process is writing cannot be opened; the error says so (DuckDB allows one writer)."""
    import subprocess
    import sys
    import textwrap

    from dyad.api.app import open_read_only
    from dyad.store import Store

    path = tmp_path / "busy.duckdb"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from dyad.store import Store
        s = Store({str(path)!r}); print('ready', flush=True); sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as err:
            open_read_only(str(path))
        assert err.value.code == "E205" and "locked" in str(err.value)
    finally:
        holder.communicate("")


def test_api_reads_only_through_the_store():
    """The API imports neither duckdb nor the NLP stages: it reads records through dyad.store."""
    from pathlib import Path

    import dyad.api

    root = Path(dyad.api.__file__).parent
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import duckdb" not in source, path
        assert "dyad.nlp" not in source and "import spacy" not in source, path


def test_server_lets_go_of_an_idle_store_so_ingest_can_write(tmp_path, monkeypatch):
    """DuckDB allows one writer and no reader beside it: an idle server closes the file, a writer adds an
    article, and the next request reopens the store and sees it."""
    import time

    from api_fixtures import gaza, nairobi
    from fastapi.testclient import TestClient

    from dyad.api import app as app_module
    from dyad.store import Store

    monkeypatch.setattr(app_module, "IDLE_CLOSE_S", 0.2)
    path = tmp_path / "live.duckdb"
    with Store(path) as s:
        s.write([gaza()])
    with TestClient(create_app(db=str(path))) as c:
        assert c.get("/health").json()["counts"]["articles"] == 1
        deadline = time.monotonic() + 10
        while c.app.state.stores.store is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        with Store(path) as writer:
            writer.write([nairobi()])
        assert c.get("/health").json()["counts"]["articles"] == 2


def test_api_docs_work_offline(client):
    """Swagger UI comes from the vendored copy, not a CDN."""
    import re

    page = client.get("/docs").text
    urls = re.findall(r'(?:src|href)="([^"]+)"', page) + re.findall(r"url: '([^']+)'", page)
    assert urls and all(u.startswith("/") for u in urls), urls
    for u in urls:
        assert client.get(u).status_code == 200, u


@pytest.mark.parametrize("url", ["/events", "/events/facets", "/events/timeline", "/events/places", "/actors", "/dyads",
                                 "/dyads/USA/RUS/series", "/articles", "/flags", "/health", "/events?format=csv"])
def test_empty_store_answers_every_endpoint(url):
    from fastapi.testclient import TestClient

    from dyad.store import Store

    with Store(":memory:") as s, TestClient(create_app(store=s)) as c:
        resp = c.get(url)
    assert resp.status_code == 200, resp.text
