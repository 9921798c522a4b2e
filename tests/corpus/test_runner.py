from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyad.corpus.runner import Partition, code_partition, plan, run_corpus
from dyad.settings import Settings
from dyad.store import Store

LOADER = "tests.corpus.fake_nlp:load"
ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings.load(run_partition_articles=2)
STORIES = {
    "a-strike.txt": "Early on Monday RUS attacked UKR near the river. Officials counted the damage.",
    "b-talks.txt": "USA met RUS in Geneva for four hours. Both sides called the talks useful.",
    "c-strike-copy.txt": "Early on Monday RUS attacked UKR near the river. Officials counted the damage.\n\nRead more on our site.",
    "d-protest.txt": "Thousands marched in the capital against rising prices and new taxes on fuel.",
    "e-talks-again.txt": "RUS met USA again, this time with aides. The talks in Geneva covered prisoners.",
    "f-other.txt": "UKR attacked RUS supply lines, the army said, in a statement issued overnight.",
}


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    return folder


def snapshot(store: Store) -> dict[str, list]:
    return {
        "articles": store.query("SELECT id, story_id, text FROM articles ORDER BY id"),
        "events": store.query("SELECT id, event_group, plover_type, source_country, target_country FROM events ORDER BY id"),
        "mentions": store.query("SELECT * FROM mentions ORDER BY event_id"),
        "errors": store.query("SELECT input, code FROM ingest_errors ORDER BY input"),
        "shards": store.query("SELECT key FROM meta WHERE key LIKE 'shard:%' ORDER BY key"),
    }


def run(folder: Path, db: Path, **kw):
    with Store(db) as store:
        summary = run_corpus([str(folder)], store, workers=2, processes=False, loader=LOADER,
                             defaults={"published": "2025-03-10"}, settings=SETTINGS, **kw)
        return summary, snapshot(store)


def test_runner_plan_is_deterministic_and_partitioned(tmp_path):
    folder = corpus(tmp_path)
    first, again = plan([str(folder)], SETTINGS), plan([str(folder)], SETTINGS)
    assert first == again and [len(p.inputs) for p in first] == [2, 2, 2, 1]


def test_runner_dask_two_workers_codes_corpus(tmp_path):
    summary, snap = run(corpus(tmp_path), tmp_path / "d.duckdb")
    assert (summary.articles, summary.failures, summary.partitions) == (6, 1, 4)
    assert summary.mentions == 5 and summary.real_events == 3  # copies and re-reports merge
    assert summary.stories == 5
    groups = {e["id"].split("-")[0]: e["event_group"] for e in snap["events"]}
    assert len(groups) == 5
    rerun, again = run(tmp_path / "corpus", tmp_path / "d.duckdb")
    assert rerun.skipped == 4 and rerun.articles == 0 and again == snap


def test_runner_resumes_from_finished_and_partial_shards(tmp_path):
    folder = corpus(tmp_path)
    _, clean = run(folder, tmp_path / "clean.duckdb")
    db = tmp_path / "resumed.duckdb"
    shards = Path(f"{db}.shards")
    parts = plan([str(folder)], SETTINGS)
    code_partition(parts[1], str(shards), {"published": "2025-03-10"}, LOADER)  # finished, never merged
    (shards / f".{parts[2].id}.parquet.dead.tmp").write_bytes(b"PAR1 half a file")  # killed mid-write
    summary, snap = run(folder, db)
    assert summary.resumed == 1 and not list(shards.glob("*.tmp"))
    assert snap == clean


def test_runner_kill_9_then_rerun_gives_same_store(tmp_path):
    folder = corpus(tmp_path)
    _, clean = run(folder, tmp_path / "clean.duckdb")
    db = tmp_path / "killed.duckdb"
    script = (
        "import sys, time\n"
        "import tests.corpus.fake_nlp as f\n"
        "orig = f.fake_events\n"
        "from dyad.corpus import runner\n"
        "from dyad.settings import Settings\n"
        "from dyad.store import Store\n"
        "real = runner.code_partition\n"
        "def slow(*a, **k):\n"
        "    time.sleep(1.0)\n"
        "    return real(*a, **k)\n"
        "runner.code_partition = slow\n"
        f"s = Store({str(db)!r})\n"
        f"runner.run_corpus([{str(folder)!r}], s, workers=1, processes=False, loader={LOADER!r},"
        " defaults={'published': '2025-03-10'}, settings=Settings.load(run_partition_articles=2))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    shards = Path(f"{db}.shards")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(shards.glob("*.parquet")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list(shards.glob("*.parquet")), "the run never wrote a shard"
    summary, snap = run(folder, db)
    assert snap == clean
    assert summary.skipped + summary.resumed + (summary.partitions - summary.skipped - summary.resumed) == 4


def test_runner_refuses_stdin():
    from dyad.errors import UsageError

    with pytest.raises(UsageError):
        plan(["-"])


def test_runner_partition_ids_change_with_content(tmp_path):
    folder = corpus(tmp_path)
    before = plan([str(folder)], SETTINGS)
    time.sleep(0.01)
    (folder / "a-strike.txt").write_text("USA met UKR.", encoding="utf-8")
    after = plan([str(folder)], SETTINGS)
    assert before[0].id != after[0].id and before[1:] == after[1:]
    assert isinstance(before[0], Partition)


def test_runner_splits_jsonl_into_line_ranges(tmp_path):
    import gzip
    import json

    from dyad.corpus.runner import read_lines

    lines = [json.dumps({"text": f"USA met RUS, report number {i}.", "url": f"https://x.example/{i}"}) for i in range(5)]
    lines.insert(2, "{not json")
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    parts = plan([str(path)], SETTINGS)
    assert [p.inputs[0].rpartition("#lines=")[2] for p in parts] == ["1-2", "3-4", "5-6"]
    items = [x for p in parts for x in read_lines(p.inputs[0])]
    assert [getattr(x, "input", None) for x in items] == [f"{path}:{i}" for i in range(1, 7)]
    assert type(items[2]).__name__ == "ParseError"
    with Store(tmp_path / "j.duckdb") as store:
        summary = run_corpus([str(path)], store, workers=1, processes=False, loader=LOADER, settings=SETTINGS,
                             defaults={"published": "2025-03-10"})
    assert (summary.articles, summary.failures, summary.mentions, summary.real_events) == (5, 1, 5, 1)
