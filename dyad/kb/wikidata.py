"""Convert a Wikidata JSON dump (or an extract of it) into dyad KB rows.

Reads the format of Wikidata's ``latest-all.json`` and of ``Special:EntityData/Q..json``: either a
JSON array of entities (one per line, lines ending in ``,``, as the full dumps are), a single JSON
object, or ``{"entities": {...}}``. Humans (P31 = Q5) become people with roles from P39 "position held"
(qualifiers P580 start, P582 end, P642/P1001 jurisdiction); other items become organisations. Country
comes from P27 (citizenship) or P17, mapped to ISO alpha-3 through the P298 claim of country items in
the same dump, else through a small table of common countries. Labels and aliases are English ones.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.errors import InputError

HUMAN = "Q5"


def _country_qids() -> dict[str, str]:
    """Country QID -> ISO-3 from dyad/data/kb/country_qids.tsv (for dumps that omit the country items)."""
    text = resources.files("dyad.data").joinpath("kb/country_qids.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {qid.strip(): iso.strip() for qid, iso in rows}


COUNTRY_QIDS = _country_qids()


def _value(snak: dict[str, Any]) -> Any:
    return ((snak.get("datavalue") or {}).get("value")) if snak.get("snaktype", "value") == "value" else None


def _qid(snak: dict[str, Any]) -> str | None:
    v = _value(snak)
    return v.get("id") if isinstance(v, dict) else None


def _time(snak: dict[str, Any]) -> str | None:
    v = _value(snak)
    if not isinstance(v, dict) or "time" not in v:
        return None
    raw = str(v["time"]).lstrip("+")
    try:
        year, month, day = int(raw[0:4]), max(1, int(raw[5:7])), max(1, int(raw[8:10]))
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _claims(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    return [c for c in (entity.get("claims") or {}).get(prop, []) if c.get("rank") != "deprecated"]


def _label(entity: dict[str, Any]) -> str | None:
    labels = entity.get("labels") or {}
    for lang in ("en", "en-gb", "mul"):
        if lang in labels:
            return labels[lang]["value"]
    return None


def read_entities(path: Path) -> Iterator[dict[str, Any]]:
    """Entities of a dump file; a malformed line is an InputError naming the line."""
    text = path.read_text(encoding="utf-8")
    stripped = text.strip()
    if not stripped:
        raise InputError("empty Wikidata dump", input=str(path), code="E101")
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, list):
        yield from (e for e in whole if isinstance(e, dict))
        return
    if isinstance(whole, dict):
        if "entities" in whole:
            yield from whole["entities"].values()
        else:
            yield whole
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {lineno} is not a Wikidata entity: {exc}", input=str(path), code="E103") from exc


def convert(entities: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """KB rows (format of dyad/data/kb/README.md) for the humans and organisations of a dump."""
    items = [e for e in entities if str(e.get("id", "")).startswith("Q")]
    labels = {e["id"]: _label(e) for e in items}
    iso = dict(COUNTRY_QIDS)
    for e in items:
        for c in _claims(e, "P298"):
            v = _value(c["mainsnak"])
            if isinstance(v, str) and len(v) == 3:
                iso[e["id"]] = v.upper()
    positions = {_qid(c["mainsnak"]) for e in items for c in _claims(e, "P39")}
    rows = []
    for e in items:
        if e["id"] in positions:
            continue  # an office, not an actor
        if e["id"] in iso and e["id"] not in COUNTRY_QIDS and _claims(e, "P298"):
            continue  # a country item: dyad's countries come from countries.jsonl
        name = labels.get(e["id"])
        if not name:
            continue
        kinds = {_qid(c["mainsnak"]) for c in _claims(e, "P31")}
        human = HUMAN in kinds
        country = None
        for prop in ("P27", "P17"):
            for c in _claims(e, prop):
                country = iso.get(_qid(c["mainsnak"]) or "")
                if country:
                    break
            if country:
                break
        aliases = [a["value"] for a in (e.get("aliases") or {}).get("en", [])]
        roles = []
        for c in _claims(e, "P39") if human else ():
            pos = _qid(c["mainsnak"])
            if not pos:
                continue
            quals = c.get("qualifiers") or {}
            start = next((_time(q) for q in quals.get("P580", [])), None)
            end = next((_time(q) for q in quals.get("P582", [])), None)
            where = next((_qid(q) for p in ("P1001", "P642") for q in quals.get(p, [])), None)
            rcountry = iso.get(where or "") or country
            roles.append({"title": labels.get(pos) or pos, "organisation": labels.get(where or "") if where else None,
                          "country": rcountry, "sector": "GOV", "start": start, "end": end})
        rows.append({"id": e["id"], "name": name, "kind": "person" if human else "organisation",
                     "country": country, "sector": "GOV" if roles else None, "aliases": aliases,
                     "roles": roles, "source": "user"})
    return rows


def import_dump(path: Path, out: Path) -> int:
    """Append the dump's actors to a user KB file; returns how many rows were written."""
    rows = convert(read_entities(path))
    out.parent.mkdir(parents=True, exist_ok=True)
    new = not out.exists()
    with out.open("a", encoding="utf-8") as fh:
        if new:
            fh.write("# dyad actor KB rows imported from Wikidata JSON (dyad kb import); format: dyad/data/kb/README.md\n")
        for row in rows:
            fh.write(json.dumps({k: v for k, v in row.items() if v not in (None, [], "")}, ensure_ascii=False) + "\n")
    return len(rows)
