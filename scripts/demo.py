"""`make demo`: code the bundled example articles (and ../shared/examples when present) into a store,
print the events, and say how to open the dashboard."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_examples(shared: Path) -> list[tuple[Path, str | None]]:
    """Example articles from ../shared/examples with the publication date their expected file gives."""
    folder = shared / "examples"
    if not folder.is_dir():
        return []
    out = []
    for txt in sorted(folder.glob("*.txt")):
        published = None
        exp_json = txt.with_suffix(".expected.json")
        exp_md = txt.with_suffix(".expected.md")
        if exp_json.exists():
            published = json.loads(exp_json.read_text(encoding="utf-8")).get("published")
        elif exp_md.exists():
            import re

            m = re.search(r"publication date \**(\d{4}-\d{2}-\d{2})", exp_md.read_text(encoding="utf-8"))
            published = m.group(1) if m else None
        out.append((txt, published))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default="dyad.duckdb")
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args()
    dyad = [str(Path(sys.executable).parent / "dyad")]
    steps = [dyad + ["ingest", str(ROOT / "examples"), "--db", args.db]]
    for txt, published in shared_examples(Path(args.shared)):
        steps.append(dyad + ["ingest", str(txt), "--db", args.db] + (["--published", published] if published else []))
    for cmd in steps:
        if subprocess.call(cmd) != 0:
            return 1
    subprocess.call(dyad + ["events", "--db", args.db])
    print(
        f"\nStore: {args.db}. Next:\n"
        f"  .venv/bin/dyad articles --db {args.db}          # list the articles\n"
        f"  .venv/bin/dyad show ARTICLE_ID --db {args.db}   # read one with its spans highlighted\n"
        f"  .venv/bin/dyad serve --db {args.db}             # dashboard at http://127.0.0.1:8000"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
