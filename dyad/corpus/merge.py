"""Events vs mentions: every coded event (a mention) is assigned the real-world event it reports.

Reads the coded events of the store and writes ``events.event_group`` and ``mentions.event_group``
(GDELT 2.0's GlobalEventID). Mentions merge into one event when all of these agree:

* PLOVER type and modality (a denial of a strike is not the strike);
* the canonical dyad: actor id, else country + sector, else the lower-cased name, for source and
  target (order-free for reciprocal events); an event with neither actor never merges;
* the date: day intervals (a week- or month-precise date covers its days) that overlap; when one
  side only has the publication day (no date in the text), up to ``merge_window_days`` apart, since
  a report of yesterday's strike is published today. Two explicit dates must agree, so a daily
  shelling stays one event per day;
* the place: same GeoNames id, or one side has no place, or one side is the country of the other.

The group id is the id of the first-seen mention (earliest publication, then article and event
id), so a group keeps its id as later reports join it and the result does not depend on the order
articles were stored in. First-seen date and all sources are derived from the mentions.

Sentence-embedding similarity is not used: the offline model available (all-MiniLM-L6) needs torch
(hundreds of MB and ~10 ms per sentence on this machine, i.e. about as much as the whole spaCy
pipeline), while the structured key above already holds type, dyad, date and place; the copies it
would add (same event, different PLOVER type or unresolved actor) are better fixed upstream.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dyad.settings import Settings, get_settings


def actor_key(actor_id: str | None, country: str | None, sector: str | None, name: str | None) -> str:
    if actor_id:
        return actor_id
    if country:
        return f"{country}-{sector or ''}"
    if name:
        return " ".join(name.casefold().split())
    return ""


def dyad_key(row: Mapping[str, Any]) -> tuple[str, str] | None:
    src = actor_key(row.get("source_actor_id"), row.get("source_country"), row.get("source_sector"), row.get("source_name"))
    tgt = actor_key(row.get("target_actor_id"), row.get("target_country"), row.get("target_sector"), row.get("target_name"))
    if not src and not tgt:
        return None
    if row.get("reciprocal"):
        a, b = sorted((src, tgt))
        return a, b
    return src, tgt


def day_interval(row: Mapping[str, Any]) -> tuple[dt.date, dt.date, bool] | None:
    """First and last day of the event, and whether that comes from the text (not the publication)."""
    start, end = row.get("date_start"), row.get("date_end")
    if start and not row.get("date_fallback"):
        return start, end or start, True
    pub = row.get("published")
    if pub:
        return pub, pub, False
    if start:
        return start, end or start, False
    return None


@dataclass
class _Place:
    geonameid: int | None
    name: str | None
    country: str | None
    feature: str | None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> _Place:
        name = row.get("location_name")
        return cls(row.get("location_geonameid"), name.casefold() if name else None,
                   row.get("location_country"), row.get("location_feature"))

    @property
    def known(self) -> bool:
        return bool(self.geonameid or self.name)

    @property
    def is_country(self) -> bool:
        return self.feature == "country"

    def agrees(self, other: _Place) -> bool:
        if not self.known or not other.known:
            return True
        if self.geonameid and other.geonameid:
            if self.geonameid == other.geonameid:
                return True
        elif self.name and self.name == other.name:
            return True
        return bool((self.is_country or other.is_country) and self.country and self.country == other.country)


@dataclass
class _Group:
    id: str
    start: dt.date
    end: dt.date
    explicit: bool
    place: _Place
    members: list[str] = field(default_factory=list)


def assign_groups(rows: Iterable[Mapping[str, Any]], settings: Settings | None = None) -> dict[str, str]:
    """Event id -> event group id for every row (see the module docstring for the rule)."""
    window = dt.timedelta(days=(settings or get_settings()).merge_window_days)
    zero = dt.timedelta(0)
    out: dict[str, str] = {}
    buckets: dict[tuple[Any, ...], list[tuple[tuple[dt.date, dt.date, bool], Mapping[str, Any]]]] = {}
    for row in rows:
        dyad = dyad_key(row)
        span = day_interval(row)
        if dyad is None or span is None:
            out[row["id"]] = row["id"]
            continue
        buckets.setdefault((row["plover_type"], row["modality"], dyad), []).append((span, row))
    for items in buckets.values():
        items.sort(key=lambda x: (x[1].get("published") or dt.date.max, x[1]["article_id"], x[1]["id"]))
        groups: list[_Group] = []
        for (start, end, explicit), row in items:
            place = _Place.of(row)
            home = None
            for g in groups:
                w = zero if explicit and g.explicit else window
                if start <= g.end + w and g.start <= end + w and g.place.agrees(place):
                    home = g
                    break
            if home is None:
                home = _Group(row["id"], start, end, explicit, place)
                groups.append(home)
            elif not home.place.known and place.known:
                home.place = place
            home.members.append(row["id"])
            out[row["id"]] = home.id
    return out


def merge_store(store, settings: Settings | None = None) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Assign event groups to every stored event; returns mentions, events and rows changed."""
    from dyad.store.corpus import merge_rows, set_event_groups

    rows = merge_rows(store)
    groups = assign_groups(rows, settings)
    changed = set_event_groups(store, groups)
    return {"mentions": len(rows), "events": len(set(groups.values())), "changed": changed}
