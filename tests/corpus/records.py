"""Hand-built coded articles for the corpus tests (no NLP involved)."""

from __future__ import annotations

import datetime as dt

from dyad.records import ActorRef, Article, Coded, Event, Place, Span, TimeExpr

ACTORS = {
    "USA": ActorRef(Span(0, 3, "USA"), "United States", actor_id="Q30", country="USA", sector="GOV"),
    "RUS": ActorRef(Span(0, 6, "Russia"), "Russia", actor_id="Q159", country="RUS", sector="GOV"),
    "UKR": ActorRef(Span(0, 7, "Ukraine"), "Ukraine", actor_id="Q212", country="UKR", sector="GOV"),
    "REB": ActorRef(Span(0, 6, "rebels"), "rebels", country="SYR", sector="REB"),
}
PLACES = {
    "Kyiv": Place(None, "Kyiv", geonameid=703448, country="UKR", lat=50.45, lon=30.52, feature="city"),
    "Kharkiv": Place(None, "Kharkiv", geonameid=706483, country="UKR", lat=49.98, lon=36.25, feature="city"),
    "Ukraine": Place(None, "Ukraine", geonameid=690791, country="UKR", lat=49.0, lon=32.0, feature="country"),
}
CAMEO = {"ASSAULT": ("195", -10.0, 4), "CONSULT": ("040", 1.0, 1), "ACCUSE": ("112", -2.0, 3),
         "AID": ("070", 7.0, 2), "THREATEN": ("130", -4.4, 3)}


def coded(
    aid: str,
    published: str,
    *events: dict,
    source: str | None = "Wire",
    text: str | None = None,
) -> Coded:
    """An article with one event per dict: type, src, tgt, date (ISO day or None), place, modality."""
    body = text or f"Article {aid}. " + " ".join(f"Sentence {i} about an event." for i in range(len(events)))
    art = Article(id=aid, text=body, published=dt.date.fromisoformat(published), source=source,
                  url=f"https://{(source or 'x').lower()}.example/{aid}", input=f"{aid}.txt")
    out = []
    for i, e in enumerate(events):
        cameo, goldstein, quad = CAMEO.get(e["type"], (None, None, None))
        date = e.get("date")
        out.append(Event(
            id=f"{aid}-e{i}", article_id=aid, sentence=Span(0, 10, body[:10]), trigger=Span(2, 5, body[2:5]),
            plover_type=e["type"], cameo_code=cameo, goldstein=goldstein, quad_class=quad,
            source=ACTORS.get(e.get("src", "")), target=ACTORS.get(e.get("tgt", "")),
            reciprocal=e.get("reciprocal", False),
            date=TimeExpr(date, "day", Span(0, 3, body[:3])) if date else TimeExpr(published, "day", fallback=True),
            location=PLACES.get(e.get("place", "")), modality=e.get("modality", "asserted"),
            confidence=e.get("confidence", 0.8),
        ))
    return Coded(article=art, events=tuple(out))
