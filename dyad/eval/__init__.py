"""Scoring harness: ``evaluate(task, path)`` runs dyad over a gold file and returns a report dict.

Each task lives in ``dyad/eval/<task>.py`` with ``evaluate(path, *, predictions=None, limit=None) -> dict``;
the report carries at least the keys of the gold FORMAT (numbers in 0..1 and ``n``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dyad.errors import EvalError, UsageError

TASKS = ("extract", "events", "actors", "time", "geo", "eventloc", "quotes")


def evaluate(task: str, path: str | Path, **kwargs: Any) -> dict[str, Any]:
    if task not in TASKS:
        raise UsageError(f"unknown eval task {task!r}; choose from {', '.join(TASKS)}", code="E530")
    try:
        module = importlib.import_module(f"dyad.eval.{task}")
    except ModuleNotFoundError as exc:
        raise UsageError(f"eval task {task!r} is not available in this dyad yet", code="E531") from exc
    if not Path(path).exists():
        raise EvalError(f"gold file or folder not found", input=str(path), code="E401")
    return module.evaluate(Path(path), **kwargs)


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Gold records, one per line; a malformed line is an EvalError naming the line."""
    with path.open(encoding="utf-8") as fh:
        n = 0
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"line {lineno} is not JSON: {exc}", input=str(path), code="E402") from exc
            n += 1
            if limit and n >= limit:
                return


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def greedy_pairs(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs from ``(cost, i, j)`` candidates, lowest cost first."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def overlap_pairs(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """One-to-one pairs of overlapping ``start``/``end`` spans, the largest overlaps first."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = min(p["end"], g["end"]) - max(p["start"], g["start"])
            if ov > 0:
                cands.append((-ov, i, j))
    return [(pred[i], gold[j]) for i, j in greedy_pairs(cands)]
