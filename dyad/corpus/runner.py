"""``dyad run``: code a corpus of any size on Dask, then group stories and events in the store.

Reads inputs (folders, files of any kind ``dyad ingest`` reads, JSONL, WARC, gzip, URLs) and writes
the DuckDB store. The plan is deterministic: folders are expanded and sorted, files are grouped into
partitions of ``run_partition_articles`` articles; a JSONL file (plain or gzipped) is cut into line
ranges of that size (``file.jsonl#lines=1-50``), a WARC or feed file is one partition. A partition's
id hashes its inputs with their sizes and modification times.

Each partition is a Dask task: the worker reads its inputs with ``dyad.ingest.read_inputs``, codes
them with ``dyad.process.code_articles`` (the spaCy pipeline is loaded once per worker) and writes
one Parquet shard atomically (temp file + rename). The client is the single writer: it merges each
shard into DuckDB in one transaction that also marks the shard merged. A re-run skips merged shards
and merges finished-but-unmerged ones without coding them again, so after ``kill -9`` at any moment
a re-run gives the same store as an uninterrupted run. Stories (dedup) and event groups (merge) are
then recomputed over the whole store, deterministically.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import InputError, UsageError
from dyad.settings import Settings, get_settings

DEFAULT_LOADER = "dyad.nlp.pipeline:load"
WHOLE_FILE_SUFFIXES = (".warc", ".arc", ".rss", ".atom", ".xml")
LINE_SUFFIXES = (".jsonl", ".ndjson")
LINES = "#lines="


@dataclass(frozen=True)
class Partition:
    id: str
    inputs: tuple[str, ...]


@dataclass
class RunSummary:
    partitions: int = 0
    skipped: int = 0  # merged by an earlier run
    resumed: int = 0  # finished by an earlier run, merged now
    articles: int = 0
    new: int = 0
    unchanged: int = 0
    events: int = 0
    mentions: int = 0
    real_events: int = 0
    stories: int = 0
    failures: int = 0
    failed_partitions: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _open_text(path: Path):  # type: ignore[no-untyped-def]
    import gzip

    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def _line_ranges(path: Path, size: int) -> list[str]:
    with _open_text(path) as fh:
        total = sum(1 for _ in fh)
    return [f"{path}{LINES}{a}-{min(a + size - 1, total)}" for a in range(1, total + 1, size)]


def read_lines(spec: str, **defaults: Any) -> list[Any]:
    """Articles and InputErrors of lines ``a``-``b`` of a JSONL file, named ``file:line`` as ingest does."""
    from dyad.errors import DyadError, ParseError
    from dyad.ingest.jsonl import read_record

    name, _, span = spec.rpartition(LINES)
    first, last = (int(x) for x in span.split("-"))
    out: list[Any] = []
    with _open_text(Path(name)) as fh:
        for lineno, line in enumerate(fh, 1):
            if lineno < first or not line.strip():
                continue
            if lineno > last:
                break
            where = f"{name}:{lineno}"
            try:
                out.append(read_record(json.loads(line), where, **{k: v for k, v in defaults.items() if v}))
            except json.JSONDecodeError as exc:
                out.append(ParseError(f"line {lineno} is not valid JSON: {exc.msg} (column {exc.colno})", input=where))
            except InputError as exc:
                out.append(exc)
            except DyadError as exc:
                out.append(InputError(exc.reason, input=where, code=exc.code))
            except (ValueError, TypeError) as exc:
                out.append(ParseError(f"{type(exc).__name__}: {exc}", input=where))
    return out


def _fingerprint(item: str) -> str:
    if LINES in item:
        name, _, span = item.rpartition(LINES)
        return f"{_fingerprint(name)}{LINES}{span}"
    path = Path(item)
    if path.is_file():
        st = path.stat()
        return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return item


def plan(inputs: Sequence[str], settings: Settings | None = None) -> list[Partition]:
    """Deterministic partitions of the inputs (see the module docstring)."""
    from dyad.ingest.dispatch import _wanted

    size = (settings or get_settings()).run_partition_articles
    units: list[str] = []
    for item in inputs:
        if item == "-":
            raise UsageError("dyad run reads files, folders and URLs, not stdin; use 'dyad ingest -'", code="E530")
        path = Path(item)
        if path.is_dir():
            units.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and _wanted(p))
        else:
            units.append(item)
    partitions: list[list[str]] = []
    chunk: list[str] = []
    for unit in units:
        kind = _suffix(Path(unit))
        if kind in LINE_SUFFIXES and Path(unit).is_file():
            partitions.extend([r] for r in _line_ranges(Path(unit), size))
            continue
        if kind in WHOLE_FILE_SUFFIXES:
            partitions.append([unit])
            continue
        chunk.append(unit)
        if len(chunk) >= size:
            partitions.append(chunk)
            chunk = []
    if chunk:
        partitions.append(chunk)
    out = []
    for part in partitions:
        key = "\n".join(_fingerprint(u) for u in part)
        out.append(Partition(hashlib.sha1(key.encode("utf-8")).hexdigest()[:20], tuple(part)))
    return out


_PIPELINES: dict[str, Any] = {}


def _resolve(loader: str) -> Callable[[], Any]:
    module, _, name = loader.partition(":")
    return getattr(importlib.import_module(module), name or "load")


def worker_nlp(loader: str = DEFAULT_LOADER) -> Any:
    """The pipeline of this worker, loaded on first use (per worker, also with threaded workers)."""
    try:
        from distributed import get_worker

        holder: dict[str, Any] = get_worker().__dict__.setdefault("_dyad_pipelines", {})
    except (ImportError, ValueError):
        holder = _PIPELINES
    if loader not in holder:
        holder[loader] = _resolve(loader)()
    return holder[loader]


def code_partition(part: Partition, shard_dir: str, defaults: dict[str, Any], loader: str = DEFAULT_LOADER) -> dict[str, Any]:
    """Worker task: read, code and write one shard; returns its counts. Reuses a finished shard."""
    from dyad.corpus.shards import write_shard
    from dyad.ingest import read_inputs
    from dyad.process import code_articles
    from dyad.records import Article

    path = Path(shard_dir) / f"{part.id}.parquet"
    if path.exists():
        return {"id": part.id, "path": str(path), "reused": True}
    items: list[Any] = []
    for unit in part.inputs:
        items.extend(read_lines(unit, **defaults) if LINES in unit else read_inputs([unit], **defaults))
    articles = [x for x in items if isinstance(x, Article)]
    errors = [x for x in items if isinstance(x, InputError)]
    nlp = worker_nlp(loader)
    try:
        coded = list(code_articles(nlp, articles))
    except Exception:  # noqa: BLE001 - one bad article must not lose the others: code them one by one
        coded = []
        for a in articles:
            try:
                coded.extend(code_articles(nlp, [a]))
            except Exception as exc:  # noqa: BLE001 - recorded as a failed input with its reason
                errors.append(InputError(f"coding failed: {type(exc).__name__}: {exc}", input=a.input, code="E160"))
    write_shard(path, coded, errors, {"partition": part.id, "inputs": json.dumps(list(part.inputs))})
    return {"id": part.id, "path": str(path), "reused": False}


def shard_dir_for(db: str) -> Path:
    return Path(f"{db}.shards") if db != ":memory:" else Path(".dyad-shards")


def _client(workers: int, scheduler: str | None, processes: bool) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=":0",
        silence_logs=40, memory_limit=0 if not processes else "auto",
    )
    return Client(cluster), cluster


def run_corpus(
    inputs: Sequence[str],
    store: Any,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    processes: bool = True,
    shard_dir: str | Path | None = None,
    loader: str = DEFAULT_LOADER,
    defaults: dict[str, Any] | None = None,
    settings: Settings | None = None,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
    postprocess: bool = True,
) -> RunSummary:
    """Code ``inputs`` into ``store`` on Dask (see the module docstring); returns the summary."""
    from distributed import as_completed

    from dyad.corpus.dedup import dedup_store
    from dyad.corpus.merge import merge_store
    from dyad.corpus.shards import read_shard, remove_partial
    from dyad.store.corpus import merged_shards, story_counts

    start = time.perf_counter()
    settings = settings or get_settings()
    folder = Path(shard_dir) if shard_dir else shard_dir_for(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    remove_partial(folder)
    parts = plan(inputs, settings)
    summary = RunSummary(partitions=len(parts))
    done = merged_shards(store)
    todo = [p for p in parts if p.id not in done]
    summary.skipped = len(parts) - len(todo)
    if on_plan:
        on_plan(len(todo))

    def merge(part_id: str, path: Path, reused: bool) -> None:
        coded, errors = read_shard(path)
        written = store.write(coded, errors, marks={f"shard:{part_id}": json.dumps({"articles": len(coded), "failed": len(errors)})})
        summary.articles += len(coded)
        summary.new += written.new
        summary.unchanged += written.unchanged
        summary.events += written.events
        summary.failures += len(errors)
        summary.resumed += int(reused)
        if on_shard:
            on_shard({"id": part_id, "articles": len(coded), "events": written.events, "failed": len(errors)})

    ready = [p for p in todo if (folder / f"{p.id}.parquet").exists()]
    for p in ready:
        merge(p.id, folder / f"{p.id}.parquet", True)
    pending = [p for p in todo if p not in ready]
    if pending:
        client, cluster = _client(workers, scheduler, processes)
        try:
            args = dict(defaults or {})
            futures = {client.submit(code_partition, p, str(folder.resolve()), args, loader, key=f"dyad-{p.id}", pure=False): p
                       for p in pending}
            for fut in as_completed(futures):
                part = futures[fut]
                try:
                    result = fut.result()
                except Exception as exc:  # noqa: BLE001 - a lost partition is reported and retried next run
                    summary.failed_partitions.append(f"{part.id}: {type(exc).__name__}: {exc}")
                    continue
                merge(part.id, Path(result["path"]), bool(result.get("reused")))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    if postprocess:
        dedup_store(store, settings)
        merge_store(store, settings)
    counts = story_counts(store)
    summary.mentions, summary.real_events, summary.stories = counts["mentions"], counts["events"], counts["stories"]
    summary.seconds = time.perf_counter() - start
    return summary
