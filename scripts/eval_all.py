"""`make eval`: every eval task on the development gold in ../shared/gold, one table, and a check
against eval_baseline.json (a figure that falls below its floor fails the run).

    python scripts/eval_all.py [--shared ../shared] [--limit N] [--write-baseline]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "eval_baseline.json"

# (task, gold path under shared/gold, headline metrics)
SUITE = [
    ("extract", "extract/aeb", ["f1", "precision", "recall"]),
    ("events", "events/plover_gsr.jsonl", ["type_macro_f1", "type_micro_f1", "direction_acc"]),
    ("events", "events/petrarch2_gsr.jsonl", ["type_macro_f1", "type_micro_f1", "direction_acc"]),
    ("actors", "actors/ngec_cases.jsonl", ["country_acc", "sector_acc"]),
    ("time", "time/tbaq_timebank_aquaint.jsonl", ["value_f1", "span_f1"]),
    ("geo", "geo/lgl.jsonl", ["geonameid_acc", "country_acc", "span_f1"]),
    ("geo", "geo/geowebnews.jsonl", ["geonameid_acc", "country_acc", "span_f1"]),
    ("geo", "geo/trnews.jsonl", ["geonameid_acc", "country_acc", "span_f1"]),
    ("eventloc", "eventloc/halterman_relabel.jsonl", ["acc"]),
    ("quotes", "quotes/polnear_dev.jsonl", ["speaker_f1", "content_f1"]),
]


def main() -> int:
    from dyad.errors import UsageError
    from dyad.eval import evaluate

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", default=None, help="comma list of tasks")
    ap.add_argument("--write-baseline", action="store_true", help="store today's figures minus 0.02 as floors")
    args = ap.parse_args()
    gold = Path(args.shared) / "gold"
    if not gold.is_dir():
        print(f"no gold data at {gold}; nothing to evaluate")
        return 0
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    results: dict[str, dict[str, float]] = {}
    failures = []
    for task, rel, keys in SUITE:
        if args.only and task not in args.only.split(","):
            continue
        path = gold / rel
        if not path.exists():
            continue
        t0 = time.perf_counter()
        try:
            report = evaluate(task, path, limit=args.limit)
        except UsageError as exc:
            print(f"{task:9s} {rel:40s} skipped: {exc}")
            continue
        secs = time.perf_counter() - t0
        name = f"{task}:{rel}"
        results[name] = {k: report[k] for k in keys if isinstance(report.get(k), (int, float))}
        figures = "  ".join(f"{k}={report.get(k, float('nan')):.3f}" for k in keys if k in report)
        print(f"{task:9s} {rel:40s} n={report.get('n', '?'):<5} {figures}  ({secs:.0f}s)")
        for k, floor in baseline.get(name, {}).items():
            if args.limit is None and k in report and report[k] < floor:
                failures.append(f"{name} {k}={report[k]:.3f} fell below its floor {floor:.3f}")
    if args.write_baseline and args.limit is None:
        floors = {n: {k: round(max(v - 0.02, 0.0), 3) for k, v in m.items()} for n, m in results.items()}
        BASELINE.write_text(json.dumps(floors, indent=2) + "\n")
        print(f"wrote {BASELINE}")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
