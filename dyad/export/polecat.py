"""POLECAT-shaped JSON: one PLOVER record per real-world event, with its mentions.

Reads real-world events (``events.event_group``) and their mentions from the store and writes the
named fields of the PLOVER data standard (PLOVER manual, "Data Fields"): ``id``, ``date``, ``actor``
and ``recipient`` entity objects (``code`` = country, ``sector``, ``entity_text``, ``identifier_id``
= Wikidata id, ``identifier_text``), ``event``, ``mode``, ``context``, ``event_loc`` (GeoNames fields),
``event_text``, ``quad_code``, ``text_info``, ``cite_info``, ``coder``, ``coded_date``. dyad's own
fields follow: ``modality`` (asserted | negation | future | hypothetical | historical),
``reported_by``, ``cameo``, ``goldstein``, ``first_seen``, ``num_mentions``, ``num_sources``,
``sources`` and ``mentions`` (every article sentence that reports the event). Fields dyad does not
know are null. ``.json`` gets one JSON array, any other name JSON Lines (one event per line).
Asserted events only unless another modality is asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from dyad.store import Store

CODEBOOK = "plover-2.0"


def _entity(record: dict[str, Any], side: str) -> list[dict[str, Any]]:
    ref = record.get(side)
    if not ref:
        return []
    return [{
        "code": ref.get("country"), "sector": ref.get("sector"),
        "entity_text": (ref.get("span") or {}).get("text"), "identifier_id": ref.get("actor_id"),
        "identifier_text": ref.get("name"), "office": ref.get("role"),
    }]


def _location(record: dict[str, Any]) -> dict[str, Any] | None:
    loc = record.get("location")
    if not loc:
        return None
    resolution = {"country": 1, "admin1": 2, "city": 4}.get(loc.get("feature") or "")
    return {
        "extracted_place": (loc.get("span") or {}).get("text"), "resolved_place": loc.get("name"),
        "geonameid": loc.get("geonameid"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "country_code": loc.get("country"), "resolution": resolution,
    }


def polecat_record(group: dict[str, Any], mentions: list[dict[str, Any]], version: str) -> dict[str, Any]:
    record = json.loads(group["record"]) if isinstance(group["record"], str) else group["record"]
    day: dt.date | None = group["event_day"]
    date = record.get("date") or {}
    return {
        "id": group["event_group"],
        "has_event": True,
        "date": day.isoformat() if day else None,
        "date_text": (date.get("span") or {}).get("text"),
        "date_value": date.get("value"),
        "actor": _entity(record, "source"),
        "recipient": _entity(record, "target"),
        "reciprocal": bool(record.get("reciprocal")),
        "event": [record["plover_type"]],
        "mode": [record["plover_mode"]] if record.get("plover_mode") else [],
        "context": list(record.get("contexts") or []),
        "event_loc": _location(record),
        "event_text": [(record.get("trigger") or {}).get("text")],
        "quad_code": group["quad_class"],
        "event_scale": None,
        "text_info": {"start": group["sentence_start"], "end": group["sentence_end"]},
        "cite_info": {"url": group["url"], "title": group["title"], "publication": group["outlet"],
                      "coder": f"dyad {version}", "codebook": CODEBOOK},
        "coder": f"dyad {version}",
        "coded_date": group["first_added"].date().isoformat() if group["first_added"] else None,
        "modality": group["modality"],
        "reported_by": group["reported_by"],
        "cameo": group["cameo_code"],
        "goldstein": group["goldstein"],
        "confidence": group["confidence"],
        "first_seen": group["first_seen"].isoformat() if group["first_seen"] else None,
        "num_mentions": group["num_mentions"],
        "num_articles": group["num_articles"],
        "num_sources": group["num_sources"],
        "sources": list(group["sources"] or []),
        "mentions": [{
            "event_id": m["event_id"], "article_id": m["article_id"], "url": m["url"],
            "source": m["outlet"], "published": m["published"].isoformat() if m["published"] else None,
            "sentence": {"start": m["sentence_start"], "end": m["sentence_end"]},
            "confidence": m["confidence"],
        } for m in mentions],
    }


def export_polecat(store: Store, out: Path, modality: str = "asserted") -> int:
    from dyad import __version__
    from dyad.store.corpus import event_groups, mention_rows

    by_group: dict[str, list[dict[str, Any]]] = {}
    for m in mention_rows(store, modality=modality):
        by_group.setdefault(m["event_group"], []).append(m)
    records = [polecat_record(g, by_group.get(g["event_group"], []), __version__)
               for g in event_groups(store, modality=modality)]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        if out.suffix.lower() == ".json":
            json.dump(records, fh, ensure_ascii=False, indent=1, default=str)
            fh.write("\n")
        else:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return len(records)
