"""The shared example articles end to end, scored by ../shared/tools/check_example.py (skipped without it).

Floors are what dyad finds today: a change that finds fewer expected events, loses a quote, or codes
something the expected file forbids (a must-not violation) fails here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from dyad.records import to_dict

# example -> expected events found at least (of the expected file's list)
FLOORS = {
    "us-saudi-artillery-sale": 8,
    "pakistan-chief-justice-reinstated": 9,
    "syria-ghouta-douma": 7,
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_example_meets_its_floor_without_violations(name, nlp, shared, tmp_path):
    import dyad

    folder = shared / "examples"
    expected = folder / f"{name}.expected.json"
    checker = shared / "tools" / "check_example.py"
    if not expected.exists() or not checker.exists():
        pytest.skip(f"{name} or the checker is not present")
    published = json.loads(expected.read_text(encoding="utf-8"))["published"]
    coded = dyad.code_text(nlp, (folder / f"{name}.txt").read_text(encoding="utf-8"), published=published)
    events, quotes = tmp_path / "events.jsonl", tmp_path / "quotes.jsonl"
    events.write_text("".join(json.dumps(to_dict(e)) + "\n" for e in coded.events), encoding="utf-8")
    quotes.write_text("".join(json.dumps(to_dict(q)) + "\n" for q in coded.quotes), encoding="utf-8")
    run = subprocess.run([sys.executable, str(checker), str(expected), str(events), str(quotes)],
                         capture_output=True, text=True, timeout=120)
    last = run.stdout.strip().splitlines()[-1]
    m = re.match(r"(\d+)/(\d+) expected events found, (\d+) must-not violations, (\d+)/(\d+) quotes", last)
    assert m, run.stdout
    found, _, violations, quotes_found, quotes_total = map(int, m.groups())
    assert violations == 0, run.stdout
    assert quotes_found == quotes_total, run.stdout
    assert found >= FLOORS[name], run.stdout
