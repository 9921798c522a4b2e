"""Quality floor: every eval figure stays at or above its floor in eval_baseline.json.

Runs scripts/eval_all.py (all scorers on the development gold) when ../shared/gold is present; skips
otherwise. Raise a floor with `python scripts/eval_all.py --write-baseline` after an improvement.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_eval_figures_stay_above_their_floors(shared):
    if not (shared / "gold").is_dir():
        pytest.skip("no gold data")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_all.py"), "--shared", str(shared)],
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "FAIL" not in run.stdout
