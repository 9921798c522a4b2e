"""``dyad eval extract DIR``: main-text extraction scored like the article extraction benchmark.

Reads ``DIR/ground-truth.jsonl`` (``id``, ``body``, ``title``, ``published``) and ``DIR/html/<id>.html.gz``,
runs dyad's HTML reader (:func:`dyad.ingest.html.extract`) on each page and scores the body:

* tokens are ``\\w+`` matches (Unicode, case-sensitive); each text becomes a multiset of 4-token
  shingles (a text of fewer than 4 tokens is one shorter shingle);
* per page TP = Σ min(gold, predicted counts), FP = predicted excess, FN = gold excess, normalised so
  TP + FP + FN = 1;
* page precision is 1 when FP = FN = 0, skipped when TP + FP = 0 (nothing predicted), else TP/(TP+FP);
  recall likewise with FN; both are macro-averaged over pages and ``f1`` is their harmonic mean;
* ``accuracy`` is the share of pages whose token lists are identical; ``date_acc`` is the share of pages
  with a gold ``published`` date whose extracted date equals it.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from dyad.errors import EvalError
from dyad.eval import read_jsonl

_TOKEN = re.compile(r"\w+", re.UNICODE)
NGRAM = 4


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    grams = [tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))]
    return Counter(g for g in grams if g)


def page_counts(gold: str | None, predicted: str | None) -> tuple[float, float, float]:
    """(TP, FP, FN) of one page, normalised to sum 1 (all zero when both texts are empty)."""
    g, p = shingles(gold), shingles(predicted)
    tp = fp = fn = 0
    for key in g.keys() | p.keys():
        gc, pc = g.get(key, 0), p.get(key, 0)
        tp += min(gc, pc)
        fp += max(0, pc - gc)
        fn += max(0, gc - pc)
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision(tp: float, fp: float, fn: float) -> float | None:
    if fp == 0 and fn == 0:
        return 1.0
    if tp + fp == 0:
        return None
    return tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float | None:
    if fp == 0 and fn == 0:
        return 1.0
    if tp + fn == 0:
        return None
    return tp / (tp + fn)


def score(pairs: list[tuple[str | None, str | None]]) -> dict[str, float]:
    """Benchmark figures over (gold body, predicted body) pairs."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for gold, predicted in pairs:
        counts = page_counts(gold, predicted)
        p, r = page_precision(*counts), page_recall(*counts)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        exact += tokens(gold) == tokens(predicted)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": exact / len(pairs) if pairs else 0.0}


def evaluate(path: Path, *, predictions: str | None = None, limit: int | None = None) -> dict[str, Any]:
    from dyad.ingest.html import extract

    gold_file = path / "ground-truth.jsonl" if path.is_dir() else path
    html_dir = gold_file.parent / "html"
    if not gold_file.exists():
        raise EvalError("no ground-truth.jsonl in the extract gold folder", input=str(path), code="E403")
    pairs: list[tuple[str | None, str | None]] = []
    dated = dated_right = 0
    out = open(predictions, "w", encoding="utf-8") if predictions else None
    try:
        for rec in read_jsonl(gold_file, limit):
            page = html_dir / f"{rec['id']}.html.gz"
            if not page.exists():
                raise EvalError(f"page {page.name} is missing", input=str(html_dir), code="E404")
            html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
            got = extract(html, url=rec.get("url"))
            body = got.text if got else None
            pairs.append((rec.get("body"), body))
            published = got.published if got else None
            if rec.get("published"):
                dated += 1
                dated_right += published is not None and published.isoformat() == str(rec["published"])[:10]
            if out:
                row = {"id": rec["id"], "body": body, "title": got.title if got else None,
                       "published": published.isoformat() if published else None}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    report: dict[str, Any] = score(pairs)
    report["date_acc"] = dated_right / dated if dated else None
    report["n_dated"] = dated
    report["n"] = len(pairs)
    return report
