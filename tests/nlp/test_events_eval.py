"""``dyad eval events``: the scorer on hand-made records, and a short run on the shared gold."""

from __future__ import annotations

import json

import pytest

from dyad.eval.events import country, evaluate, score

REPORT_KEYS = {"type_micro_f1", "type_macro_f1", "source_country_acc", "target_country_acc", "direction_acc",
               "no_event_precision", "n"}


def _ev(t: str, src: list[str], tgt: list[str], modality: str = "asserted") -> dict:
    return {"type": t, "mode": None, "modality": modality, "cameo": None,
            "source": [{"country": c} for c in src], "target": [{"country": c} for c in tgt]}


@pytest.mark.parametrize("raw, expected", [("JAP", "JPN"), ("ISRMIL", "ISR"), ("---", None), ("", None), (None, None)])
def test_events_eval_country_codes(raw, expected) -> None:
    assert country(raw) == expected


def test_events_eval_scores_type_and_direction() -> None:
    gold = [
        {"id": "1", "events": [_ev("ASSAULT", ["RUS"], ["UKR"])], "no_events": False},
        {"id": "2", "events": [_ev("CONSULT", ["USA", "RUS"], [])], "no_events": False},
        {"id": "3", "events": [], "no_events": True},
    ]
    pred = [
        [_ev("ASSAULT", ["UKR"], ["RUS"])],              # right type, reversed direction
        [_ev("CONSULT", ["RUS"], ["USA"])],              # reciprocal: either order is right
        [_ev("PROTEST", ["FRA"], [], "hypothetical")],   # not counted: hypothetical
    ]
    r = score(gold, pred)
    assert REPORT_KEYS <= set(r)
    assert r["type_micro_f1"] == 1.0 and r["n"] == 3
    assert r["direction_acc"] == 0.0
    assert r["source_country_acc"] == 0.5  # ASSAULT source wrong, CONSULT parties right
    assert r["no_event_precision"] == 1.0
    assert r["modality"]["hypothetical"] == 1


def test_events_eval_on_shared_gold(nlp, shared, tmp_path) -> None:
    out = tmp_path / "pred.jsonl"
    r = evaluate(shared / "gold" / "events" / "plover_gsr.jsonl", limit=6, predictions=out, nlp=nlp)
    assert REPORT_KEYS <= set(r) and r["n"] == 6
    assert all(0.0 <= r[k] <= 1.0 for k in REPORT_KEYS - {"n"})
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 6 and all("id" in row and isinstance(row["events"], list) for row in rows)
