"""Latency of the REST API's ``/events`` on a synthetic store of at least 10,000 events.

    python benchmarks/api_latency.py [--events 10000] [--repeat 30] [--db /tmp/api-bench.duckdb] [--json OUT]

Builds (or reuses) a DuckDB store of generated articles, each with a few events written with
``Store.write`` like real coded articles (spans, actors, dates, places, modalities), serves it with
uvicorn on a free local port, and times typical dashboard requests with httpx over HTTP: the first page,
filters (actor, country, type, modality, date range, place, text search), a sorted page, a cursor page,
the timeline, map and network aggregates, and one event with its evidence. Prints p50/p95 per request
and over all ``/events`` requests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dyad.records import ActorRef, Article, Coded, Event, Place, Span, TimeExpr
from dyad.store import Store

ACTORS = [
    ("Q159", "Russia", "RUS", None), ("Q30", "United States", "USA", None), ("Q148", "China", "CHN", None),
    ("Q212", "Ukraine", "UKR", None), ("Q801", "Israel", "ISR", None), ("Q794", "Iran", "IRN", None),
    ("Q79", "Egypt", "EGY", None), ("Q43", "Turkey", "TUR", None), ("Q142", "France", "FRA", None),
    ("Q183", "Germany", "DEU", None), ("Q668", "India", "IND", None), ("Q843", "Pakistan", "PAK", None),
    ("Q114", "Kenya", "KEN", None), ("Q1033", "Nigeria", "NGA", None), ("Q1049", "Sudan", "SDN", None),
    ("Q7747", "Vladimir Putin", "RUS", "GOV"), ("Q22686", "Donald Trump", "USA", "GOV"),
    ("Q15031", "Xi Jinping", "CHN", "GOV"), ("Q3874799", "Volodymyr Zelenskyy", "UKR", "GOV"),
    ("Q187383", "Sergei Lavrov", "RUS", "GOV"), ("Q324546", "Marco Rubio", "USA", "GOV"),
    ("Q38799", "Hamas", "PSE", "REB"), ("Q1165", "United Nations", "IGO", "IGO"), ("Q458", "European Union", "IGO", "IGO"),
    (None, "protesters", None, "OPP"), (None, "police", None, "COP"), (None, "rebels", None, "REB"),
]
TYPES = [("CONSULT", "met", 1.0, 1), ("ACCUSE", "accused", -2.0, 3), ("ASSAULT", "attacked", -10.0, 4),
         ("COOPERATE", "signed an agreement with", 6.0, 2), ("DEMAND", "demanded concessions from", -5.0, 3),
         ("THREATEN", "threatened", -7.0, 3), ("AID", "sent aid to", 7.0, 2), ("PROTEST", "protested against", -6.5, 3),
         ("MOBILIZE", "deployed troops near", -7.2, 4), ("SANCTION", "imposed sanctions on", -8.0, 4)]
PLACES = [("Moscow", 524901, "RUS", 55.75, 37.62), ("Kyiv", 703448, "UKR", 50.45, 30.52),
          ("Washington", 4140963, "USA", 38.9, -77.04), ("Beijing", 1816670, "CHN", 39.91, 116.4),
          ("Gaza City", 281133, "PSE", 31.5, 34.47), ("Tehran", 112931, "IRN", 35.69, 51.42),
          ("Cairo", 360630, "EGY", 30.06, 31.25), ("Ankara", 323786, "TUR", 39.92, 32.85),
          ("Paris", 2988507, "FRA", 48.85, 2.35), ("Berlin", 2950159, "DEU", 52.52, 13.41),
          ("New Delhi", 1261481, "IND", 28.64, 77.22), ("Islamabad", 1176615, "PAK", 33.72, 73.04),
          ("Nairobi", 184745, "KEN", -1.28, 36.82), ("Lagos", 2332459, "NGA", 6.45, 3.39),
          ("Khartoum", 379252, "SDN", 15.55, 32.53), ("Kuala Lumpur", 1735161, "MYS", 3.14, 101.69),
          ("Geneva", 2660646, "CHE", 46.2, 6.14), ("Brussels", 2800866, "BEL", 50.85, 4.35)]
MODALITIES = ["asserted"] * 7 + ["negation", "future", "hypothetical", "historical"]


def synthetic(n_events: int, seed: int = 11, per_article: int = 5) -> list[Coded]:
    """Generated articles of ``per_article`` one-sentence events each, every span right by construction."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    batch: list[Coded] = []
    for i in range((n_events + per_article - 1) // per_article):
        aid = f"syn{i:06d}"
        published = start + dt.timedelta(days=rng.randrange(700))
        text, events = "", []
        for j in range(min(per_article, n_events - i * per_article)):
            (sid, sname, scc, ssec), (tid, tname, tcc, tsec) = rng.sample(ACTORS, 2)
            ptype, verb, gs, quad = rng.choice(TYPES)
            pname, gid, pcc, lat, lon = rng.choice(PLACES)
            day = published - dt.timedelta(days=rng.randrange(3))
            s0 = len(text)
            sentence = f"{sname.capitalize()} {verb} {tname} in {pname} on {day:%A}, officials said."
            text += sentence + " "
            trig = s0 + len(sname) + 1
            tgt = trig + len(verb) + 1
            plc = tgt + len(tname) + 4
            dat = plc + len(pname) + 4
            events.append(Event(
                f"{aid}-e{j}", aid, Span(s0, s0 + len(sentence), sentence), Span(trig, trig + len(verb), verb), ptype,
                None, (), None, gs, quad,
                ActorRef(Span(s0, s0 + len(sname), sname.capitalize()), sname, sid, scc, ssec),
                ActorRef(Span(tgt, tgt + len(tname), tname), tname, tid, tcc, tsec), ptype == "CONSULT",
                TimeExpr(day.isoformat(), "day", Span(dat, dat + len(f"{day:%A}"), f"{day:%A}")),
                Place(Span(plc, plc + len(pname), pname), pname, gid, pcc, lat, lon, "city"),
                rng.choice(MODALITIES), None, round(rng.uniform(0.3, 0.95), 2)))
        batch.append(Coded(Article(aid, text.strip(), f"Synthetic report {i}", None, rng.choice(["Wire A", "Wire B"]),
                                   published, input=f"synthetic#{i}"), tuple(events)))
    return batch


def build(db: Path, n_events: int) -> int:
    with Store(db) as store:
        have = store.count("events")
        if have >= n_events:
            return have
    db.unlink(missing_ok=True)
    with Store(db) as store:
        coded = synthetic(n_events)
        for k in range(0, len(coded), 500):
            store.write(coded[k:k + 500])
        return store.count("events")


REQUESTS = [
    ("first page", "/events"),
    ("actor", "/events?actor=Q7747"),
    ("country+modality", "/events?country=RUS&modality=asserted"),
    ("type", "/events?type=ASSAULT,MOBILIZE"),
    ("date range", "/events?date_from=2024-06-01&date_to=2024-06-30"),
    ("place", "/events?place=Kyiv"),
    ("text search", "/events?q=sanctions"),
    ("sort -goldstein", "/events?sort=-goldstein&limit=100"),
    ("source+target", "/events?source=RUS&target=UKR"),
]
AGGREGATES = [("timeline", "/events/timeline?modality=asserted"), ("places", "/events/places?modality=asserted"),
              ("dyads", "/dyads?modality=asserted&limit=120"), ("event detail", "/events/syn000042-e1"),
              ("article", "/articles/syn000042")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(db: Path, repeat: int) -> dict[str, Any]:
    import httpx
    import uvicorn

    from dyad.api import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db=str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    out: dict[str, Any] = {"requests": {}}
    events_ms: list[float] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            first = client.get("/events?sort=date&limit=50").json()
            cursor_url = f"/events?sort=date&limit=50&cursor={first['next_cursor']}"
            for name, url in [*REQUESTS, ("cursor page", cursor_url), *AGGREGATES]:
                client.get(url).raise_for_status()  # warm-up
                times = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    resp = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    resp.raise_for_status()
                out["requests"][name] = {"url": url, "p50_ms": round(statistics.median(times), 1),
                                         "p95_ms": round(pct(times, 0.95), 1)}
                if url.startswith("/events?"):
                    events_ms += times
    finally:
        server.should_exit = True
        thread.join(10)
    out["events_p50_ms"] = round(statistics.median(events_ms), 1)
    out["events_p95_ms"] = round(pct(events_ms, 0.95), 1)
    out["events_requests"] = len(events_ms)
    return out


def run(n_events: int = 10_000, repeat: int = 30, db: Path | None = None) -> dict[str, Any]:
    db = db or Path("/tmp") / f"dyad-api-bench-{n_events}.duckdb"
    t0 = time.perf_counter()
    n = build(db, n_events)
    built = time.perf_counter() - t0
    result = measure(db, repeat)
    return {"events_in_store": n, "build_s": round(built, 1), **result}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    result = run(args.events, args.repeat, args.db)
    print(f"/events latency over HTTP (uvicorn, 1 client) on {result['events_in_store']:,} events:")
    for name, r in result["requests"].items():
        print(f"  {name:18s} p50 {r['p50_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms   {r['url']}")
    print(f"  all /events        p50 {result['events_p50_ms']:7.1f} ms   p95 {result['events_p95_ms']:7.1f} ms"
          f"   ({result['events_requests']} requests)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
