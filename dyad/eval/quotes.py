"""``dyad eval quotes GOLD.jsonl``: quote content, speaker and cue against attribution gold (PolNeAR).

Each record's text runs through the spaCy model and ``dyad_quotes``. A predicted quote matches a gold
one when their contents share at least half of the word tokens of each (content segments count as
one bag of tokens); pairs are made one to one, best overlap first.

* ``content_f1``: matched quotes over predicted and gold quotes.
* ``speaker_f1``: matched pairs whose predicted speaker span overlaps the gold speaker, over predicted
  quotes with a speaker and gold quotes with a speaker.
* ``cue_f1``: likewise for the cue span.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any

from dyad.eval import greedy_pairs, prf, read_jsonl

_WORD = re.compile(r"\w+")


def _tokens(text: str, pieces: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the word tokens inside the pieces."""
    out: set[int] = set()
    for start, end in pieces:
        out.update(start + m.start() for m in _WORD.finditer(text[start:end]))
    return out


def _gold_pieces(q: dict[str, Any]) -> list[tuple[int, int]]:
    segs = q.get("content_segments") or [q["content"]]
    return [(s["start"], s["end"]) for s in segs]


def _pred_pieces(q: dict[str, Any]) -> list[tuple[int, int]]:
    segs = q.get("segments") or [q["content"]]
    return [(s["start"], s["end"]) for s in segs]


def _overlap(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return bool(a and b and a["start"] < b["end"] and b["start"] < a["end"])


def match(text: str, pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(pred index, gold index) pairs whose contents share >= 50% of the tokens of each."""
    ptoks = [_tokens(text, _pred_pieces(p)) for p in pred]
    gtoks = [_tokens(text, _gold_pieces(g)) for g in gold]
    cands = []
    for i, pt in enumerate(ptoks):
        for j, gt in enumerate(gtoks):
            if not pt or not gt:
                continue
            shared = len(pt & gt)
            if shared and shared >= 0.5 * max(len(pt), len(gt)):
                cands.append((-shared / max(len(pt), len(gt)), i, j))
    return greedy_pairs(cands)


def evaluate(path: Path, *, predictions: str | None = None, limit: int | None = None) -> dict[str, Any]:
    from dyad.nlp.pipeline import load
    from dyad.process import make_doc
    from dyad.records import Article, to_dict

    nlp = load(components=["dyad_quotes"])
    records = list(read_jsonl(path, limit))
    articles = [Article(id=r.get("id", str(i)), text=r["text"]) for i, r in enumerate(records)]
    docs = nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=8)
    n_pred = n_gold = tp = 0
    sp_pred = sp_gold = sp_tp = cue_pred = cue_gold = cue_tp = 0
    with open(predictions, "w", encoding="utf-8") if predictions else contextlib.nullcontext() as out:
        for record, doc in zip(records, docs):
            pred = []
            for q in doc._.quotes:
                d = to_dict(q)
                pred.append({"speaker": d["speaker_text"], "content": d["content"], "cue": d["cue"],
                             "kind": d["kind"], "segments": d["segments"], "anonymous": d["anonymous"]})
            gold = record.get("quotes") or []
            n_pred += len(pred)
            n_gold += len(gold)
            sp_pred += sum(1 for p in pred if p["speaker"])
            sp_gold += sum(1 for g in gold if g.get("speaker"))
            cue_pred += sum(1 for p in pred if p["cue"])
            cue_gold += sum(1 for g in gold if g.get("cue"))
            for i, j in match(record["text"], pred, gold):
                tp += 1
                sp_tp += _overlap(pred[i]["speaker"], gold[j].get("speaker"))
                cue_tp += _overlap(pred[i]["cue"], gold[j].get("cue"))
            if out:
                out.write(json.dumps({"id": record.get("id"), "quotes": pred}, ensure_ascii=False) + "\n")
    cp, cr, cf = prf(tp, n_pred - tp, n_gold - tp)
    sp, sr, sf = prf(sp_tp, sp_pred - sp_tp, sp_gold - sp_tp)
    _, _, qf = prf(cue_tp, cue_pred - cue_tp, cue_gold - cue_tp)
    return {
        "content_f1": cf, "speaker_f1": sf, "cue_f1": qf,
        "content_precision": cp, "content_recall": cr, "speaker_precision": sp, "speaker_recall": sr,
        "speaker_acc_matched": sp_tp / tp if tp else 0.0,
        "n": len(records), "n_gold": n_gold, "n_pred": n_pred,
    }
