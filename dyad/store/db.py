"""DuckDB store. ``Store(path)`` opens (and creates) the database; ``write`` stores a batch of coded
articles in one transaction, skipping articles whose id is already stored, so re-ingest is a no-op."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import StoreError
from dyad.records import Actor, Coded, Event, Flag, Quote, date_bounds, to_dict

SCHEMA_VERSION = 1

TABLES = ("articles", "events", "mentions", "actors", "quotes", "flags", "annotations", "ingest_errors")
# Columns ``Store.write`` fills, per table, in the order of the rows built below (first = key).
BULK_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "url", "title", "source", "published", "author", "input", "kind", "text", "n_chars",
                 "removed", "meta"),
    "events": (
        "id", "article_id", "event_group", "plover_type", "plover_mode", "contexts", "cameo_code", "goldstein",
        "quad_class", "source_actor_id", "source_name", "source_country", "source_sector", "target_actor_id",
        "target_name", "target_country", "target_sector", "reciprocal", "date", "date_granularity", "date_start",
        "date_end", "date_fallback", "location_name", "location_geonameid", "location_country", "lat", "lon",
        "modality", "reported_by", "confidence", "sentence_start", "sentence_end", "trigger_start", "trigger_end",
        "trigger_text", "flags", "record"),
    "mentions": ("event_id", "event_group", "article_id", "source", "url", "published", "sentence_start",
                 "sentence_end", "confidence"),
    "quotes": ("id", "article_id", "kind", "content_start", "content_end", "content_text", "cue_start", "cue_end",
               "cue_text", "speaker_actor_id", "speaker_name", "speaker_country", "speaker_start", "speaker_end",
               "speaker_text", "anonymous", "record"),
    "flags": ("id", "article_id", "kind", "message", "event_id", "actor_id", "spans"),
    "actors": ("id", "name", "country", "sector", "cameo_code", "kind", "aliases", "roles"),
    "annotations": ("article_id", "layer", "start", "end", "text", "label", "detail"),
}


@dataclass
class WriteSummary:
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    quotes: int = 0
    flags: int = 0
    new_ids: list[str] = field(default_factory=list)

    def add(self, other: "WriteSummary") -> None:
        for name in ("new", "unchanged", "failed", "events", "quotes", "flags"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.new_ids.extend(other.new_ids)


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False)


def event_row(e: Event, group: str | None = None) -> tuple[Any, ...]:
    s, t = e.source, e.target
    date_start, date_end = date_bounds(e.date.value if e.date else None)
    if e.date is not None and e.date.start and e.date.end:
        date_start, date_end = dt.date.fromisoformat(e.date.start), dt.date.fromisoformat(e.date.end)
    loc = e.location
    return (
        e.id, e.article_id, group or e.id, e.plover_type, e.plover_mode, list(e.contexts),
        e.cameo_code, e.goldstein, e.quad_class,
        s.actor_id if s else None, s.name if s else None, s.country if s else None, s.sector if s else None,
        t.actor_id if t else None, t.name if t else None, t.country if t else None, t.sector if t else None,
        e.reciprocal,
        e.date.value if e.date else None, e.date.granularity if e.date else None, date_start, date_end,
        e.date.fallback if e.date else None,
        loc.name if loc else None, loc.geonameid if loc else None, loc.country if loc else None,
        loc.lat if loc else None, loc.lon if loc else None,
        e.modality, e.reported_by, e.confidence,
        e.sentence.start, e.sentence.end, e.trigger.start, e.trigger.end, e.trigger.text,
        list(e.flags), _json(e),
    )


def quote_row(q: Quote) -> tuple[Any, ...]:
    sp = q.speaker
    st = q.speaker_text or (sp.span if sp else None)
    return (
        q.id, q.article_id, q.kind, q.content.start, q.content.end, q.content.text,
        q.cue.start if q.cue else None, q.cue.end if q.cue else None, q.cue.text if q.cue else None,
        sp.actor_id if sp else None, sp.name if sp else None, sp.country if sp else None,
        st.start if st else None, st.end if st else None, st.text if st else None,
        q.anonymous, _json(q),
    )


def flag_id(article_id: str, f: Flag) -> str:
    key = f"{article_id}|{f.kind}|{f.event_id}|{f.actor_id}|" + "|".join(f"{s.start}:{s.end}" for s in f.spans)
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def actor_row(a: Actor) -> tuple[Any, ...]:
    return (a.id, a.name, a.country, a.sector, a.cameo_code, a.kind, _json(list(a.aliases)), _json(list(a.roles)))


class Store:
    """A dyad store in one DuckDB file (or ``":memory:"``)."""

    def __init__(self, path: str | Path = "dyad.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            if read_only and self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(f"no store at {self.path!r}; run 'dyad ingest' first", code="E201")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path!r}: {exc}", code="E202") from exc
        if not read_only:
            self._migrate()
        else:
            self._check_version()

    # --- schema -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        ddl = resources.files("dyad.store").joinpath("schema.sql").read_text(encoding="utf-8")
        self.con.execute(ddl)
        row = self.one("SELECT value FROM meta WHERE key = 'schema_version'")
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path!r} has schema version {row[0]}, newer than this dyad ({SCHEMA_VERSION})",
                code="E203",
            )

    def _check_version(self) -> None:
        try:
            row = self.one("SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.Error as exc:
            raise StoreError(f"{self.path!r} is not a dyad store: {exc}", code="E204") from exc
        if row is None or int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path!r} has an unsupported schema version {row}", code="E203")

    def one(self, sql: str, params: Iterable[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a query, with the result read to its end: DuckDB 2 refuses a relation query
        (``con.sql``, used for Arrow exports) while an ``execute`` result is left half-read."""
        rows = self.con.execute(sql, list(params)).fetchall()
        return rows[0] if rows else None

    @property
    def schema_version(self) -> int:
        row = self.one("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.one("SELECT 1 FROM articles WHERE id = ?", [article_id]) is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def write(
        self,
        batch: Sequence[Coded],
        errors: Sequence[tuple[str, str, str]] = (),
        marks: dict[str, str] | None = None,
    ) -> WriteSummary:
        """Store coded articles and failed inputs ``(input, code, reason)`` in one transaction.

        ``marks`` are ``meta`` keys set in the same transaction (``dyad run`` marks merged shards).
        """
        summary = WriteSummary(failed=len(errors))
        known = self.known_ids(c.article.id for c in batch)
        seen: set[str] = set()
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            for input_, code, reason in errors:
                con.execute("INSERT INTO ingest_errors (input, code, reason) VALUES (?, ?, ?)", [input_, code, reason])
            for key, value in (marks or {}).items():
                con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
            self._pending = {table: [] for table in BULK_COLUMNS}
            for coded in batch:
                a = coded.article
                if a.id in known or a.id in seen:
                    summary.unchanged += 1
                    continue
                seen.add(a.id)
                self._write_one(coded)
                summary.new += 1
                summary.new_ids.append(a.id)
                summary.events += len(coded.events)
                summary.quotes += len(coded.quotes)
                summary.flags += len(coded.flags)
            self._flush()
            con.execute("COMMIT")
        except BaseException as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"writing to {self.path!r} failed, batch rolled back: {exc}", code="E210") from exc
            raise
        return summary

    def _write_one(self, coded: Coded) -> None:
        """Queue the rows of one article; ``write`` inserts the whole batch table by table."""
        pending, a = self._pending, coded.article
        pending["articles"].append(
            (a.id, a.url, a.title, a.source, a.published, a.author, a.input, a.kind, a.text, len(a.text),
             _json(list(a.removed)), json.dumps(a.meta, default=str, ensure_ascii=False)))
        for e in coded.events:
            pending["events"].append(event_row(e))
            pending["mentions"].append(
                (e.id, e.id, a.id, a.source, a.url, a.published, e.sentence.start, e.sentence.end, e.confidence))
        pending["quotes"].extend(quote_row(q) for q in coded.quotes)
        pending["flags"].extend(
            (flag_id(a.id, f), a.id, f.kind, f.message, f.event_id, f.actor_id, _json(list(f.spans))) for f in coded.flags)
        pending["actors"].extend(actor_row(x) for x in coded.actors)
        pending["annotations"].extend(
            (a.id, n.layer, n.span.start, n.span.end, n.span.text, n.label, n.detail) for n in coded.annotations)

    def _flush(self) -> None:
        """Insert the queued rows: one Arrow-backed INSERT per table (DuckDB's executemany costs
        milliseconds per row, which made the store, not the NLP, the bottleneck of ingest)."""
        import pyarrow as pa

        for table, columns in BULK_COLUMNS.items():
            rows = self._pending.pop(table, None)
            if not rows:
                continue
            if table != "annotations":  # first row wins for a key, as INSERT OR IGNORE row by row did
                seen: set[Any] = set()
                rows = [r for r in rows if not (r[0] in seen or seen.add(r[0]))]  # type: ignore[func-returns-value]
            types = self._arrow_types(table, columns)
            data = pa.table({c: pa.array([r[i] for r in rows], type=types[c]) for i, c in enumerate(columns)})
            names = ", ".join(f'"{c}"' for c in columns)
            verb = "INSERT INTO" if table in ("articles", "annotations") else "INSERT OR IGNORE INTO"
            self.con.register("_dyad_rows", data)
            try:
                self.con.execute(f"{verb} {table} ({names}) SELECT {names} FROM _dyad_rows")
            finally:
                self.con.unregister("_dyad_rows")

    def _arrow_types(self, table: str, columns: Sequence[str]) -> dict[str, Any]:
        import pyarrow as pa

        cache = self.__dict__.setdefault("_types", {})
        if table not in cache:
            simple = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
                      "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
                      "VARCHAR[]": pa.list_(pa.string()), "TIMESTAMP": pa.timestamp("us")}
            described = {r[0]: str(r[1]) for r in self.con.execute(f"DESCRIBE {table}").fetchall()}
            cache[table] = {c: simple.get(described[c], pa.string()) for c in columns}
        return cache[table]

    def record_errors(self, errors: Sequence[tuple[str, str, str]]) -> None:
        self.write([], errors)

    # --- reading ------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts. Parameterised: never format user input into ``sql``."""
        cur = self.con.execute(sql, list(params or []))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}", code="E220")
        return int(self.one(f"SELECT count(*) FROM {table}")[0])

    def articles(self, limit: int = 100) -> list[dict[str, Any]]:
        return self.query(
            "SELECT a.id, a.published, a.source, a.title, a.n_chars, a.input,"
            " (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
            " FROM articles a ORDER BY a.ingested_at, a.id LIMIT ?",
            [limit],
        )

    def article(self, article_id: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM articles WHERE id = ? OR id LIKE ? ORDER BY id LIMIT 2",
                          [article_id, article_id + "%"])
        if len(rows) > 1 and rows[0]["id"] != article_id:
            raise StoreError(f"article id prefix {article_id!r} is ambiguous", code="E221")
        return rows[0] if rows else None

    def annotations(self, article_id: str) -> list[dict[str, Any]]:
        return self.query('SELECT * FROM annotations WHERE article_id = ? ORDER BY start, "end"', [article_id])

    def events(self, *, article_id: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * EXCLUDE (record) FROM events"
        params: list[Any] = []
        if article_id:
            sql += " WHERE article_id = ?"
            params.append(article_id)
        sql += " ORDER BY article_id, sentence_start, trigger_start"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return self.query(sql, params)

    def table_arrow(self, table: str):  # type: ignore[no-untyped-def]
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; choose from {', '.join(TABLES)}", code="E220")
        return self.con.sql(f"SELECT * FROM {table}").to_arrow_table()
