"""``/events``: filtered, sorted, cursor-paginated events (JSON, CSV or JSONL), one event with the spans of
its evidence, and the per-day, per-place aggregates the dashboard draws."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from dyad.api.deps import FilterDep, StoreDep
from dyad.api.schemas import (
    ErrorResponse,
    EventDetail,
    EventPage,
    EventSummary,
    Facets,
    PlacePage,
    TimelineOut,
)
from dyad.errors import UsageError
from dyad.store import queries

router = APIRouter(prefix="/events", tags=["events"], responses={400: {"model": ErrorResponse},
                                                                  422: {"model": ErrorResponse}})

SortParam = Annotated[str, Query(description="date, published, goldstein, confidence or type; prefix '-' for "
                                             "descending.", max_length=20)]
DOWNLOAD_FIELDS = list(EventSummary.model_fields)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=DOWNLOAD_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for i, row in enumerate(rows):
        writer.writerow({k: ("|".join(v) if isinstance(v, list) else _plain(v)) for k, v in row.items()})
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        if len(lines) == 500:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


@router.get("", response_model=EventPage, summary="List events",
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def list_events(
    store: StoreDep, filt: FilterDep, sort: SortParam = "date",
    limit: Annotated[int, Query(ge=1, le=1000, description="Events per page (JSON).")] = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.", max_length=500)] = None,
    format: Annotated[Literal["json", "csv", "jsonl"], Query(
        description="json pages; csv or jsonl download every matching event (up to max_rows).")] = "json",
    max_rows: Annotated[int, Query(ge=1, le=1_000_000, description="Cap on downloaded rows.")] = 1_000_000,
) -> Any:
    """Events matching every given filter. Example: `/events?actor=Q7747&modality=asserted&sort=-date`."""
    if format != "json":
        queries.sort_order(sort)  # a bad sort is a 400 before the download starts
        rows = queries.iter_events(store, filt, sort=sort, limit=max_rows)
        media, body = ("text/csv", _csv(rows)) if format == "csv" else ("application/x-ndjson", _jsonl(rows))
        return StreamingResponse(body, media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="dyad-events.{format}"'})
    items, nxt = queries.list_events(store, filt, sort=sort, limit=limit, cursor=cursor)
    return {"ok": True, "total": queries.count_events(store, filt), "items": items, "next_cursor": nxt}


@router.get("/facets", response_model=Facets, summary="Values the filters can take")
def facets(store: StoreDep) -> Any:
    return {"ok": True, **queries.facets(store)}


@router.get("/timeline", response_model=TimelineOut, summary="Events per day and QuadClass")
def timeline(store: StoreDep, filt: FilterDep) -> Any:
    return {"ok": True, "items": queries.timeline(store, filt)}


@router.get("/places", response_model=PlacePage, summary="Event locations with counts")
def places(store: StoreDep, filt: FilterDep,
           limit: Annotated[int, Query(ge=1, le=10_000)] = 2000) -> Any:
    return {"ok": True, "items": queries.places(store, filt, limit=limit)}


@router.get("/{event_id}", response_model=EventDetail, summary="One event with its evidence spans",
            responses={404: {"model": ErrorResponse}})
def get_event(store: StoreDep, event_id: str) -> Any:
    """The event, its full record, every span behind it (sentence, trigger, source, target, date, place,
    quote) and a slice of the article text around the sentence."""
    row = queries.event(store, event_id)
    if row is None:
        raise UsageError(f"no event with id {event_id!r}", code="E543")
    row["evidence"] = queries.evidence(row)
    return {"ok": True, **row}
