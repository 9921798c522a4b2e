"""``dyad eval events GOLD.jsonl``: PLOVER type, mode, actor countries and direction against event gold.

Each record's text runs through the spaCy model, dyad_actors (when installed) and dyad_events, with
``published`` as the publication date. Only events dyad would count as facts or plans are scored
(modality asserted, future or historical); negated and hypothetical events are left out, since the
gold codes only what happened or was committed to.

Matching follows ../shared/gold/FORMAT.md: an event matches a gold event of the same type in the same
record. Types are compared as sets per record (dyad writes one event per dyad where gold sets write one
per sentence); actors are pooled per record and type, so reciprocal and one-per-dyad styles both count:

* ``type_micro_f1`` / ``type_macro_f1``: (record, type) pairs; macro over the PLOVER types seen in gold.
* ``source_country_acc`` / ``target_country_acc``: among matched pairs whose gold side has a country,
  the share where dyad's pooled countries on that side include one of gold's (for reciprocal gold,
  every party on either side).
* ``direction_acc``: among matched pairs with both ends gold (not reciprocal), the share where one dyad
  event goes from a gold source country to a gold target country; ``direction_resolved_acc`` the same
  among pairs where dyad named both countries, and ``direction_reversed`` the share of those it swapped.
* ``no_event_precision``: among records where dyad scores no event, the share gold marks as eventless.
* ``mode_acc`` (where gold has a mode; older PLOVER mode names read as today's, ``OLD_MODES``),
  ``cameo_root_acc`` (where gold has a CAMEO code), and
  ``modality`` counts of everything dyad produced.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from dyad.eval import prf, read_jsonl

OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
SCORED_MODALITIES = frozenset({"asserted", "future", "historical"})
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


# Mode names of earlier PLOVER drafts, as the current manual names them (same definitions).
OLD_MODES = {"demo-org": "demo", "demo-spon": "demo", "riot-org": "riot", "riot-spon": "riot",
             "strike-gen": "strike", "strike-sec": "strike", "assassinate": "targeted"}


def mode_name(mode: str) -> str:
    return OLD_MODES.get(mode, mode)


def country(code: Any) -> str | None:
    if not isinstance(code, str):
        return None
    code = code.strip().upper()
    if not code or code.startswith("---"):
        return None
    code = code[:3]
    return OLD_CODES.get(code, code)


def _actors(side: Any) -> list[dict[str, Any]]:
    if isinstance(side, dict):
        return [side]
    if isinstance(side, list):
        return [a for a in side if isinstance(a, dict)]
    return []


def _countries(side: Any) -> set[str]:
    return {c for a in _actors(side) if (c := country(a.get("country")))}


def _load_pipeline():  # type: ignore[no-untyped-def]
    import dyad
    from dyad.nlp.pipeline import available_components

    # places too: an unnamed perpetrator takes the country of the event's place there
    wanted = [c for c in ("dyad_actors", "dyad_events", "dyad_places") if c in available_components()]
    return dyad.load(components=wanted)


def predict(nlp, records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    from dyad.ingest import make_article
    from dyad.process import code_articles

    articles = [make_article(r.get("text") or "", input=str(r.get("id")), published=r.get("published"))
                for r in records]
    out = []
    for coded in code_articles(nlp, articles):
        events = []
        for e in coded.events:
            events.append({
                "type": e.plover_type, "mode": e.plover_mode, "context": list(e.contexts), "modality": e.modality,
                "source": [{"text": e.source.name, "country": e.source.country, "sector": e.source.sector}] if e.source else [],
                "target": [{"text": e.target.name, "country": e.target.country, "sector": e.target.sector}] if e.target else [],
                "reciprocal": e.reciprocal, "cameo": e.cameo_code, "trigger": e.trigger.text, "confidence": e.confidence,
            })
        out.append(events)
    return out


def score(records: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict[str, Any]:
    tp = fp = fn = 0
    per_type: dict[str, list[int]] = {t: [0, 0, 0] for t in TYPES}
    src_hit = src_n = tgt_hit = tgt_n = dir_hit = dir_n = 0
    mode_hit = mode_n = cameo_hit = cameo_n = 0
    resolved_hit = resolved_n = reversed_n = 0
    none_pred = none_right = 0
    modalities: Counter[str] = Counter()
    for rec, preds in zip(records, predictions):
        modalities.update(p["modality"] for p in preds)
        scored = [p for p in preds if p["modality"] in SCORED_MODALITIES]
        gold = [g for g in rec.get("events") or [] if g.get("type")]
        if not scored:
            none_pred += 1
            none_right += int(not gold)
        gold_types = {g["type"] for g in gold}
        pred_types = {p["type"] for p in scored}
        for t in gold_types | pred_types:
            row = per_type.setdefault(t, [0, 0, 0])
            if t in gold_types and t in pred_types:
                tp += 1
                row[0] += 1
            elif t in pred_types:
                fp += 1
                row[1] += 1
            else:
                fn += 1
                row[2] += 1
        for t in gold_types & pred_types:
            g_ev = [g for g in gold if g["type"] == t]
            p_ev = [p for p in scored if p["type"] == t]
            g_src = set().union(*(_countries(g.get("source")) for g in g_ev))
            g_tgt = set().union(*(_countries(g.get("target")) for g in g_ev))
            p_src = set().union(*(_countries(p["source"]) for p in p_ev))
            p_tgt = set().union(*(_countries(p["target"]) for p in p_ev))
            reciprocal = any(len(_actors(g.get("source"))) > 1 and not _actors(g.get("target")) for g in g_ev)
            if reciprocal:
                parties = p_src | p_tgt
                if g_src:
                    src_n += 1
                    src_hit += bool(g_src & parties)
            else:
                if g_src:
                    src_n += 1
                    src_hit += bool(g_src & p_src)
                if g_tgt:
                    tgt_n += 1
                    tgt_hit += bool(g_tgt & p_tgt)
                if g_src and g_tgt:
                    dir_n += 1
                    right = any(_countries(p["source"]) & g_src and _countries(p["target"]) & g_tgt for p in p_ev)
                    dir_hit += right
                    both = [p for p in p_ev if _countries(p["source"]) and _countries(p["target"])]
                    if both:
                        resolved_n += 1
                        resolved_hit += right
                        reversed_n += not right and any(_countries(p["source"]) & g_tgt and _countries(p["target"]) & g_src
                                                        and not (g_src & g_tgt) for p in both)
            g_modes = {mode_name(g.get("mode")) for g in g_ev if g.get("mode")}
            if g_modes:
                mode_n += 1
                mode_hit += bool(g_modes & {p["mode"] for p in p_ev})
            g_cameo = {str(g["cameo"])[:2] for g in g_ev if g.get("cameo")}
            if g_cameo:
                cameo_n += 1
                cameo_hit += bool(g_cameo & {str(p["cameo"])[:2] for p in p_ev if p.get("cameo")})
    _, _, micro = prf(tp, fp, fn)
    seen = [t for t, row in per_type.items() if row[0] + row[2] > 0]
    macro = sum(prf(*per_type[t])[2] for t in seen) / len(seen) if seen else 0.0
    report: dict[str, Any] = {
        "type_micro_f1": micro,
        "type_macro_f1": macro,
        "type_micro_precision": prf(tp, fp, fn)[0],
        "type_micro_recall": prf(tp, fp, fn)[1],
        "source_country_acc": src_hit / src_n if src_n else 0.0,
        "target_country_acc": tgt_hit / tgt_n if tgt_n else 0.0,
        "direction_acc": dir_hit / dir_n if dir_n else 0.0,
        "no_event_precision": none_right / none_pred if none_pred else 0.0,
        "n": len(records),
    }
    # direction among pairs where dyad named both countries, and how often it swapped them outright
    report["direction_resolved_acc"] = resolved_hit / resolved_n if resolved_n else 0.0
    report["direction_reversed"] = reversed_n / resolved_n if resolved_n else 0.0
    if mode_n:
        report["mode_acc"] = mode_hit / mode_n
    if cameo_n:
        report["cameo_root_acc"] = cameo_hit / cameo_n
    report["per_type_f1"] = {t: round(prf(*per_type[t])[2], 3) for t in seen}
    report["modality"] = dict(modalities)
    return report


def evaluate(path: Path, *, predictions: str | Path | None = None, limit: int | None = None,
             nlp: Any = None) -> dict[str, Any]:
    records = list(read_jsonl(Path(path), limit))
    nlp = nlp or _load_pipeline()
    preds = predict(nlp, records)
    if predictions:
        with Path(predictions).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"id": rec.get("id"), "events": events}, ensure_ascii=False) + "\n" for rec, events in zip(records, preds))
    return score(records, preds)
