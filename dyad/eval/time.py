"""``dyad eval time GOLD.jsonl``: time expressions and their TIMEX3 values against TimeML gold.

Each record's text runs through the spaCy model and ``dyad_time`` with ``dct`` as the publication
date. Predicted and gold expressions are paired one to one by overlap (relaxed, TempEval-3 style):
``span_f1`` counts overlapping pairs, ``strict_span_f1`` identical offsets, ``value_f1`` overlapping
pairs whose normalised values are equal (as TempEval-3's value F1).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

from dyad.eval import overlap_pairs, prf, read_jsonl




def _dct(record: dict[str, Any]) -> dt.date | None:
    raw = record.get("dct") or record.get("dct_value")
    if isinstance(raw, dict):
        raw = raw.get("value")
    try:
        return dt.date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def evaluate(path: Path, *, predictions: str | None = None, limit: int | None = None) -> dict[str, Any]:
    from dyad.nlp.pipeline import load
    from dyad.process import make_doc
    from dyad.records import Article

    nlp = load(components=["dyad_time"])
    records = list(read_jsonl(path, limit))
    articles = [Article(id=r.get("id", str(i)), text=r["text"], published=_dct(r)) for i, r in enumerate(records)]
    docs = nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=16)
    n_pred = n_gold = tp_span = tp_strict = tp_value = 0
    with open(predictions, "w", encoding="utf-8") if predictions else contextlib.nullcontext() as out:
        for record, doc in zip(records, docs):
            pred = [{"start": t.span.start, "end": t.span.end, "text": t.span.text, "type": t.type,
                     "value": t.value} for t in doc._.times if t.span is not None]
            gold = record.get("timexes") or []
            n_pred += len(pred)
            n_gold += len(gold)
            for p, g in overlap_pairs(pred, gold):
                tp_span += 1
                tp_strict += p["start"] == g["start"] and p["end"] == g["end"]
                tp_value += str(p["value"]) == str(g.get("value"))
            if out:
                out.write(json.dumps({"id": record.get("id"), "timexes": pred}, ensure_ascii=False) + "\n")
    span_p, span_r, span_f = prf(tp_span, n_pred - tp_span, n_gold - tp_span)
    _, _, strict_f = prf(tp_strict, n_pred - tp_strict, n_gold - tp_strict)
    val_p, val_r, val_f = prf(tp_value, n_pred - tp_value, n_gold - tp_value)
    return {
        "span_f1": span_f, "value_f1": val_f, "strict_span_f1": strict_f,
        "span_precision": span_p, "span_recall": span_r, "value_precision": val_p, "value_recall": val_r,
        "value_acc_matched": tp_value / tp_span if tp_span else 0.0,
        "n": len(records), "n_gold": n_gold, "n_pred": n_pred,
    }
