"""Store queries of the corpus layer: story ids, event groups (real-world events) and their mentions.

Reads and writes the ``articles.story_id``, ``events.event_group`` and ``mentions.event_group``
columns, and answers the group-level questions exports and series ask: one row per real-world event
(``event_group``) with its representative (first-seen) record, first-seen date, mentions and sources.
The day an event is counted on (``event_day``) is its own date when the article gives a day, else the
publication date of the article that reported it first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from dyad.errors import StoreError
from dyad.store.db import Store

# The day an event happened as far as dyad can tell: its own day-precise date, else publication date.
EVENT_DAY_SQL = (
    "COALESCE(CASE WHEN e.date_granularity = 'day' AND NOT coalesce(e.date_fallback, false)"
    " THEN e.date_start END, a.published, e.date_start)"
)


def article_texts(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT id, text, published FROM articles ORDER BY id")


def _update(store: Store, targets: list[tuple[str, str, str]], mapping: Mapping[str, str], what: str, code: str) -> int:
    """Set ``table.column`` from ``mapping`` (key -> value) for each ``(table, column, key)`` target,
    all in one transaction; returns the rows changed in the first target."""
    if not mapping:
        return 0
    con = store.con
    data = pa.table({"k": list(mapping.keys()), "v": list(mapping.values())})
    con.register("_dyad_map", data)
    try:
        con.execute("BEGIN TRANSACTION")
        changed = []
        for table, column, key in targets:
            row = con.execute(
                f"UPDATE {table} SET {column} = m.v FROM _dyad_map m"
                f" WHERE {table}.{key} = m.k AND {table}.{column} IS DISTINCT FROM m.v"
            ).fetchone()
            changed.append(int(row[0]) if row else 0)
        con.execute("COMMIT")
    except BaseException as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"writing {what} to {store.path!r} failed: {exc}", code=code) from exc
    finally:
        con.unregister("_dyad_map")
    return changed[0]


def set_story_ids(store: Store, stories: Mapping[str, str]) -> int:
    return _update(store, [("articles", "story_id", "id")], stories, "story ids", "E230")


def merge_rows(store: Store) -> list[dict[str, Any]]:
    """What mention merging needs of every coded event, in a deterministic order."""
    return store.query(
        "SELECT e.id, e.article_id, e.plover_type, e.modality, e.reciprocal,"
        " e.source_actor_id, e.source_country, e.source_sector, e.source_name,"
        " e.target_actor_id, e.target_country, e.target_sector, e.target_name,"
        " e.date_granularity, e.date_start, e.date_end, e.date_fallback, a.published,"
        " e.location_geonameid, e.location_name, e.location_country,"
        " json_extract_string(e.record, '$.location.feature') AS location_feature,"
        " e.event_group"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " ORDER BY a.published NULLS LAST, e.article_id, e.sentence_start, e.trigger_start, e.id"
    )


def set_event_groups(store: Store, groups: Mapping[str, str]) -> int:
    """Write event id -> event_group into events and mentions in one transaction."""
    targets = [("events", "event_group", "id"), ("mentions", "event_group", "event_id")]
    return _update(store, targets, groups, "event groups", "E231")


def modality_where(modality: str, alias: str = "e") -> tuple[str, list[str]]:
    """SQL condition (with leading AND) and parameters for ``asserted`` | ``all`` | a comma list."""
    if modality == "all":
        return "", []
    wanted = [m.strip() for m in modality.split(",") if m.strip()]
    return f" AND {alias}.modality IN ({', '.join('?' for _ in wanted)})", wanted


GROUPS_SQL = """
WITH m AS (
    SELECT e.* EXCLUDE (record), e.record, a.published, a.url, a.source AS outlet, a.title, a.n_chars, a.ingested_at,
           {event_day} AS event_day,
           json_extract_string(e.record, '$.location.feature') AS location_feature,
           (e.sentence_start < coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0), a.n_chars + 1))::INTEGER
               AS is_root,
           row_number() OVER (PARTITION BY e.event_group
                              ORDER BY a.published NULLS LAST, a.ingested_at, e.article_id, e.id) AS rank
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE 1 = 1 {where}
), agg AS (
    SELECT event_group, count(*) AS num_mentions, count(DISTINCT article_id) AS num_articles,
           count(DISTINCT coalesce(outlet, url, article_id)) AS num_sources,
           list(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL) AS sources,
           list(id ORDER BY published NULLS LAST, article_id, id) AS event_ids,
           min(published) AS first_seen, min(ingested_at) AS first_added
    FROM m GROUP BY event_group
)
SELECT m.* EXCLUDE (rank), agg.num_mentions, agg.num_articles, agg.num_sources, agg.sources,
       agg.event_ids, agg.first_seen, agg.first_added
FROM m JOIN agg USING (event_group) WHERE m.rank = 1
"""


def event_groups(
    store: Store,
    *,
    modality: str = "asserted",
    where: str = "",
    params: list[Any] | None = None,
    order: str = "event_day, event_group",
    arrow: bool = False,
) -> Any:
    """One row per real-world event: the first-seen event record's columns plus group counts.

    ``where`` is extra SQL on the events table (alias ``e``) and articles (``a``) with ``?`` params.
    """
    cond, mparams = modality_where(modality)
    sql = GROUPS_SQL.format(event_day=EVENT_DAY_SQL, where=cond + where) + f" ORDER BY {order}"
    args = mparams + list(params or [])
    if arrow:
        return store.con.execute(sql, args).to_arrow_table()
    return store.query(sql, args)


def mention_rows(store: Store, *, modality: str = "asserted") -> list[dict[str, Any]]:
    """Every mention with its event's fields and its article's metadata, first-seen order per group."""
    cond, params = modality_where(modality)
    return store.query(
        "SELECT mn.*, e.modality, e.trigger_start, e.trigger_end,"
        " json_extract(e.record, '$.source.span.start')::INTEGER AS source_start,"
        " json_extract(e.record, '$.target.span.start')::INTEGER AS target_start,"
        " a.n_chars, a.title, a.source AS outlet, a.ingested_at"
        " FROM mentions mn JOIN events e ON e.id = mn.event_id JOIN articles a ON a.id = mn.article_id"
        f" WHERE 1 = 1 {cond}"
        " ORDER BY mn.event_group, mn.published NULLS LAST, mn.article_id, mn.event_id",
        params,
    )


def merged_shards(store: Store) -> set[str]:
    rows = store.con.execute("SELECT key FROM meta WHERE key LIKE 'shard:%'").fetchall()
    return {r[0].removeprefix("shard:") for r in rows}


def story_counts(store: Store) -> dict[str, int]:
    row = store.one("SELECT count(*), count(DISTINCT coalesce(story_id, id)) FROM articles")
    groups = store.one("SELECT count(DISTINCT event_group) FROM events")
    return {
        "articles": int(row[0]), "stories": int(row[1]),
        "mentions": store.count("mentions"), "events": int(groups[0]),
    }
