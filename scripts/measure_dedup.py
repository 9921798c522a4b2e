"""Measure near-duplicate detection: precision and recall of duplicate article pairs on edited copies.

Builds, at run time and in memory only (nothing is written into the repository), a corpus from real
articles: the texts of ../shared/gold/geo/*.jsonl and ../shared/examples/*.txt. For a random third of
them it adds 1-3 "wire copies" with the edits syndication makes: another headline, a dateline, agency
boilerplate or a newsletter footer appended, the last sentences cut, a few copy edits (said -> told
reporters, numbers as digits), a dropped lead sentence, or several of these at once. Hard negatives
are the other real articles (many LGL stories share places and topics) and "digests" that paste a
short article among others. Truth pairs: an original with its copies and copies with each other.

    .venv/bin/python scripts/measure_dedup.py --shared ../shared [--sweep]

prints pairs precision/recall/F1 with the shipped settings, and with ``--sweep`` a grid of
``dedup_jaccard`` x ``dedup_containment`` to choose them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dyad.corpus.dedup import Doc, exact_key, group_stories
from dyad.settings import Settings

HEADLINES = ["UPDATE 2-{}", "{} - officials", "Breaking: {}", "{} | World News", "WATCH: {}"]
DATELINES = ["LONDON (Reuters) - ", "WASHINGTON (AP) — ", "(AFP) ", "NEW DELHI, May 3 (IANS) "]
FOOTERS = [
    "\n\nReporting by Jane Doe; Editing by John Smith. Our Standards: The Thomson Reuters Trust Principles.",
    ("\n\nCopyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed without permission."),
    ("\n\nSign up for our daily newsletter to get the latest headlines delivered to your inbox every morning. "
    "Follow us on Twitter and Facebook. Comments are closed for this story."),
    ("\n\nRelated: Five things to know this week. Most read: The markets rally as rates hold steady; "
    "Weather: storms expected along the coast through the weekend."),
]
SENT = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    return [s for s in SENT.split(text.strip()) if s]


def edit(text: str, rng: random.Random) -> str:
    ops = rng.sample(["headline", "dateline", "footer", "cut", "copyedit", "droplead"], k=rng.choice([1, 1, 2, 3]))
    sents = sentences(text)
    if "cut" in ops and len(sents) > 4:
        sents = sents[: max(3, int(len(sents) * rng.uniform(0.7, 0.9)))]
    if "droplead" in ops and len(sents) > 4:
        sents = sents[1:]
    out = " ".join(sents)
    if "copyedit" in ops:
        out = out.replace(" said ", " told reporters ", 2).replace(" two ", " 2 ", 1).replace(" percent", "%", 1)
        out = out.replace(" the ", " a ", 1)
    if "dateline" in ops:
        out = rng.choice(DATELINES) + out
    if "headline" in ops:
        out = rng.choice(HEADLINES).format(" ".join(sents[0].split()[:8])) + "\n\n" + out
    if "footer" in ops:
        out += rng.choice(FOOTERS)
    return out


def build(shared: Path, seed: int = 13) -> tuple[list[Doc], set[tuple[str, str]]]:
    rng = random.Random(seed)
    originals: dict[str, str] = {}
    for path in sorted((shared / "gold" / "geo").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            rec = json.loads(line)
            if len(rec["text"].split()) >= 60:
                originals[f"{path.stem}:{rec['id']}"] = rec["text"]
    for path in sorted((shared / "examples").glob("*.txt")):
        originals[f"example:{path.stem}"] = path.read_text(encoding="utf-8")
    docs = [Doc(k, v) for k, v in originals.items()]
    truth: set[tuple[str, str]] = set()
    keys = sorted(originals)
    same_text: dict[str, list[str]] = {}  # the shared examples are also in the geo sets: true duplicates
    for k in keys:
        same_text.setdefault(exact_key(originals[k]), []).append(k)
    for family in same_text.values():
        truth.update(tuple(sorted(p)) for p in itertools.combinations(family, 2))  # type: ignore[misc]
    for key in rng.sample(keys, len(keys) // 3):
        family = [key]
        for n in range(rng.choice([1, 1, 2, 3])):
            copy_id = f"{key}#copy{n}"
            docs.append(Doc(copy_id, edit(originals[key], rng)))
            family.append(copy_id)
        family += [c for c in same_text[exact_key(originals[key])] if c != key]
        truth.update(tuple(sorted(p)) for p in itertools.combinations(family, 2))  # type: ignore[misc]
    short = [k for k in keys if 80 <= len(originals[k].split()) < 200]
    for n in range(20):
        briefs = rng.sample(short, 4)  # a page of four briefs: none is a copy of the page
        docs.append(Doc(f"digest{n}", "\n\n".join(originals[k] for k in briefs)))
    return docs, truth


def score(docs: list[Doc], truth: set[tuple[str, str]], settings: Settings) -> dict[str, float]:
    stories = group_stories(docs, settings)
    groups: dict[str, list[str]] = {}
    for doc_id, story in stories.items():
        groups.setdefault(story, []).append(doc_id)
    predicted = {tuple(sorted(p)) for members in groups.values() for p in itertools.combinations(members, 2)}
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(truth) if truth else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "pairs_true": len(truth), "pairs_predicted": len(predicted), "n_docs": len(docs)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args()
    docs, truth = build(Path(args.shared))
    start = time.perf_counter()
    base = Settings.load()
    report = score(docs, truth, base)
    report["seconds"] = round(time.perf_counter() - start, 2)
    report.update({"dedup_jaccard": base.dedup_jaccard, "dedup_containment": base.dedup_containment,
                   "dedup_min_length_ratio": base.dedup_min_length_ratio})
    if args.sweep:
        for jac, cont in itertools.product((0.3, 0.4, 0.5, 0.6, 0.7), (0.7, 0.8, 0.9, 1.01)):
            s = Settings.load(dedup_jaccard=jac, dedup_containment=cont)
            print(json.dumps({"jaccard": jac, "containment": cont, **score(docs, truth, s)}))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
