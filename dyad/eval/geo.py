"""``dyad eval geo``: toponym spans and their resolution against a geoparsing gold set.

Runs the spaCy model alone, then ``dyad.nlp.places.toponyms`` (no actors: the geoparsing sets annotate metonymic
toponyms and demonyms too, so every toponym dyad finds is scored, metonymic or not).

Report: ``span_f1`` (a predicted span overlapping a gold span, one-to-one), ``strict_span_f1``
(identical offsets), and among matched spans ``geonameid_acc`` (same GeoNames id, over gold spans
that have one), ``country_acc`` (same ISO-3 country, where gold has one or its GeoNames id is in
dyad's gazetteer, as for GeoWebNews, which gives no countries), ``acc_at_161km`` (predicted
point within 161 km of gold; the same id counts as 0 km; no prediction counts as a miss) and
``mean_error_km`` (over matched spans with a predicted point), plus ``n`` (records) and
``n_toponyms`` (gold toponyms with offsets).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyad.eval import overlap_pairs, prf, read_jsonl
from dyad.geo import distance_km

KM_161 = 161.0


def _gold_spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    text = record["text"]
    for t in record.get("toponyms", []):
        start, end = t.get("start"), t.get("end")
        if start is None or end is None:
            continue
        if text[start:end] != t.get("text") and t.get("start_fixed") is not None:
            start, end = t["start_fixed"], t["end_fixed"]
        out.append({**t, "start": start, "end": end})
    # GWN-123 repeats a span: score each span once
    seen, unique = set(), []
    for t in out:
        if (t["start"], t["end"]) not in seen:
            seen.add((t["start"], t["end"]))
            unique.append(t)
    return unique


def _country_of(geonameid: int | None) -> str | None:
    """ISO-3 country of a gold GeoNames id, from dyad's gazetteer (GeoWebNews gives ids, no countries)."""
    if not geonameid:
        return None
    from dyad.geo import gazetteer

    entry = gazetteer().get(int(geonameid))
    return entry.country if entry is not None and entry.country else None




def score(rows: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> dict[str, Any]:
    tp = fp = fn = strict_tp = 0
    ids = ids_ok = ctry = ctry_ok = geo = geo_ok = 0
    errors: list[float] = []
    for pred, gold in rows:
        pairs = overlap_pairs(pred, gold)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        strict_tp += len({(p["start"], p["end"]) for p in pred} & {(g["start"], g["end"]) for g in gold})
        for p, g in pairs:
            if g.get("geonameid"):
                ids += 1
                ids_ok += int(p.get("geonameid") == g["geonameid"])
            gold_country = g.get("country") or _country_of(g.get("geonameid"))
            if gold_country:
                ctry += 1
                ctry_ok += int(p.get("country") == gold_country)
            if g.get("lat") is not None and g.get("lon") is not None:
                geo += 1
                if g.get("geonameid") and p.get("geonameid") == g["geonameid"]:
                    km = 0.0
                elif p.get("lat") is not None and p.get("lon") is not None:
                    km = distance_km(p["lat"], p["lon"], g["lat"], g["lon"])
                else:
                    continue
                errors.append(km)
                geo_ok += int(km <= KM_161)
    _, _, f1 = prf(tp, fp, fn)
    _, _, sf = prf(strict_tp, sum(len(p) for p, _ in rows) - strict_tp, sum(len(g) for _, g in rows) - strict_tp)
    p, r, _ = prf(tp, fp, fn)
    return {
        "span_f1": f1,
        "span_precision": p,
        "span_recall": r,
        "strict_span_f1": sf,
        "geonameid_acc": ids_ok / ids if ids else 0.0,
        "country_acc": ctry_ok / ctry if ctry else 0.0,
        "acc_at_161km": geo_ok / geo if geo else 0.0,
        "mean_error_km": sum(errors) / len(errors) if errors else None,
        "n_toponyms": sum(len(g) for _, g in rows),
        "n_matched_with_id": ids,
    }


def predict(nlp: Any, texts: list[str]) -> list[list[dict[str, Any]]]:
    """dyad's toponyms for each text, in the gold's shape."""
    from dyad.nlp.extensions import init_doc
    from dyad.nlp.places import toponyms

    out = []
    docs = (init_doc(nlp.make_doc(t)) for t in texts)
    for doc in nlp.pipe(docs, batch_size=16):
        found = []
        for t in toponyms(doc):
            e = t.entry
            found.append({"start": t.start_char, "end": t.end_char, "text": t.text,
                          "geonameid": e.geonameid if e else None, "lat": e.lat if e else None,
                          "lon": e.lon if e else None, "country": (e.country or None) if e else None,
                          "feature": e.feature if e else None})
        out.append(found)
    return out


def evaluate(path: Path, *, predictions: str | None = None, limit: int | None = None) -> dict[str, Any]:
    from dyad.nlp.pipeline import load

    records = list(read_jsonl(path, limit))
    nlp = load(components=[])  # the model alone: toponyms() runs below, without metonymy
    preds = predict(nlp, [r["text"] for r in records])
    rows = [(p, _gold_spans(r)) for p, r in zip(preds, records)]
    report = score(rows)
    report["n"] = len(records)
    if predictions:
        with open(predictions, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"id": r.get("id"), "toponyms": p}, ensure_ascii=False) + "\n" for r, p in zip(records, preds))
    return report
