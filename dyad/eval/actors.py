"""``dyad eval actors GOLD.jsonl``: actor phrase -> country, sector, name, office on the case's date.

Each gold record gives an actor phrase, optional context and a date; dyad resolves the phrase with
``dyad.kb.resolve.resolve`` (the same resolver dyad_actors uses for every mention). Report keys follow
the gold FORMAT: ``country_acc``, ``sector_acc``, ``name_acc`` (where a name is expected), ``office_acc``
(where an office is expected), ``n``. An expected ``""`` is matched only by "no value"; ``null`` is not
scored. Codes outside the FORMAT's vocabulary are mapped onto it: old CAMEO country codes (ITL, JAP, ...) to
ISO, CAMEO's regional codes for EU bodies and UN agencies (EUR, UNO) to ``IGO`` (FORMAT: "ISO-3166 alpha-3 or
IGO"), CAMEO's health sector HLH to PLOVER's MED; the sector values the gold's SOURCE.md lists as junk (UNK,
JNK) are not scored.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from dyad.eval import read_jsonl
from dyad.kb import fold, get_kb
from dyad.kb.resolve import resolve

# Cases dated "today" in the gold were written about mid-2022 (see the gold SOURCE.md).
TODAY_IN_GOLD = dt.date(2022, 6, 1)
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "EUR": "IGO", "UNO": "IGO"}
SECTOR_CODES = {"HLH": "MED"}
JUNK_SECTORS = frozenset({"UNK", "JNK"})


def parse_date(value: Any) -> dt.date:
    if not value or str(value).strip().lower() == "today":
        return TODAY_IN_GOLD
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        import dateparser

        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
        return parsed.date() if parsed else TODAY_IN_GOLD
    except Exception:  # noqa: BLE001 - a bad gold date is scored on the default day
        return TODAY_IN_GOLD


def _norm_country(value: Any) -> str:
    value = (value or "").strip().upper()
    return OLD_CODES.get(value, value)


def _same_name(pred: str | None, gold: str) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    a, b = fold(pred), fold(gold)
    return a == b or a in b or b in a or a.split(" ")[-1] == b.split(" ")[-1]


def _same_office(pred: str | None, gold: str) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    import re

    a = fold(re.sub(r"^\d+(st|nd|rd|th) ", "", pred))
    b = fold(re.sub(r"^\d+(st|nd|rd|th) ", "", gold))
    return a == b or a in b or b in a


def predict(record: dict[str, Any]) -> dict[str, Any]:
    day = parse_date(record.get("date"))
    res = resolve(record.get("text", ""), day, context=record.get("context") or "", kb=get_kb())
    if res is None:
        return {"country": "", "sector": "", "name": None, "office": None}
    name = res.actor.name if res.actor is not None and res.actor.kind != "country" else None
    return {"country": res.country or "", "sector": res.sector or "", "name": name, "office": res.role, "how": res.how}


def evaluate(path: Path, *, predictions: str | None = None, limit: int | None = None) -> dict[str, Any]:
    scores: dict[str, list[int]] = {"country": [], "sector": [], "name": [], "office": []}
    out = open(predictions, "w", encoding="utf-8") if predictions else None
    n = 0
    try:
        for record in read_jsonl(Path(path), limit=limit):
            n += 1
            gold = record.get("expected") or {}
            pred = predict(record)
            if gold.get("country") is not None:
                scores["country"].append(int(_norm_country(pred["country"]) == _norm_country(gold["country"])))
            if gold.get("sector") is not None and gold["sector"] not in JUNK_SECTORS:
                want = SECTOR_CODES.get(gold["sector"] or "", gold["sector"] or "")
                scores["sector"].append(int((pred["sector"] or "") == want))
            if gold.get("name") is not None:
                scores["name"].append(int(_same_name(pred["name"], gold["name"])))
            if gold.get("office") is not None:
                scores["office"].append(int(_same_office(pred["office"], gold["office"])))
            if out is not None:
                out.write(json.dumps({"id": record.get("id"), "predicted": pred}, ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            out.close()

    def acc(key: str) -> float:
        values = scores[key]
        return sum(values) / len(values) if values else 0.0

    return {
        "country_acc": round(acc("country"), 4),
        "sector_acc": round(acc("sector"), 4),
        "name_acc": round(acc("name"), 4),
        "office_acc": round(acc("office"), 4),
        "n": n,
        "n_country": len(scores["country"]),
        "n_sector": len(scores["sector"]),
        "n_name": len(scores["name"]),
        "n_office": len(scores["office"]),
    }
