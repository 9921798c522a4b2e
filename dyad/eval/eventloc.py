"""``dyad eval eventloc``: where did *this* event happen? Scored on event-location sentences.

Each gold record is one sentence with the event's verb; dyad parses it with the model and
``dyad_places`` only, makes an :class:`dyad.records.Event` whose trigger is that verb and asks
``dyad.nlp.places`` for its place (the rules of the component, the same code path as the pipeline).

Report: ``acc`` (the predicted place overlaps a gold location, or both are empty), ``precision``
(right among records where dyad gave a place), ``recall`` (right among records with a gold place),
``no_place_acc`` (dyad gave none where gold has none), ``n``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyad.eval import read_jsonl
from dyad.records import Event, Span


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return min(a["end"], b["end"]) > max(a["start"], b["start"])


def predict(nlp: Any, records: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    from dyad.geo import gazetteer
    from dyad.nlp.extensions import init_doc
    from dyad.nlp.places import guessed_places, locate, toponyms

    out: list[dict[str, Any] | None] = []
    docs = (init_doc(nlp.make_doc(r["text"])) for r in records)
    for r, doc in zip(records, nlp.pipe(docs, batch_size=32)):
        v = r["verb"]
        event = Event(id=str(r.get("id")), article_id="", sentence=Span(0, len(doc.text), doc.text),
                      trigger=Span(v["start"], v["end"], v["text"]), plover_type="")
        topos = toponyms(doc)
        located = locate(doc, [event], topos + guessed_places(doc, topos, gazetteer()))[0].location
        if located is None or located.span is None:
            out.append(None)
        else:
            out.append({"start": located.span.start, "end": located.span.end, "text": located.span.text})
    return out


def score(pairs: list[tuple[dict[str, Any] | None, list[dict[str, Any]]]]) -> dict[str, Any]:
    right = said = right_said = gold_has = none_gold = none_ok = 0
    for pred, gold in pairs:
        ok = (pred is None and not gold) or (pred is not None and any(_overlaps(pred, g) for g in gold))
        right += ok
        if pred is not None:
            said += 1
            right_said += ok
        if gold:
            gold_has += 1
        else:
            none_gold += 1
            none_ok += pred is None
    hits = sum(1 for p, g in pairs if p is not None and g and any(_overlaps(p, x) for x in g))
    return {
        "acc": right / len(pairs) if pairs else 0.0,
        "precision": right_said / said if said else 0.0,
        "recall": hits / gold_has if gold_has else 0.0,
        "no_place_acc": none_ok / none_gold if none_gold else None,
    }


def evaluate(path: Path, *, predictions: str | None = None, limit: int | None = None) -> dict[str, Any]:
    from dyad.nlp.pipeline import load

    records = list(read_jsonl(path, limit))
    nlp = load(components=[])
    preds = predict(nlp, records)
    report = score([(p, r.get("locations") or []) for p, r in zip(preds, records)])
    report["n"] = len(records)
    if predictions:
        with open(predictions, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"id": r.get("id"), "locations": [p] if p else []}, ensure_ascii=False) + "\n" for r, p in zip(records, preds))
    return report
