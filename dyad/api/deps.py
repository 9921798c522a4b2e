"""Dependencies shared by the routers: the read-only store of the app and the event filters.

``StoreDep`` gives each request its own DuckDB cursor over the app's read-only connection;
``FilterDep`` turns the query string into a :class:`~dyad.store.queries.EventFilter`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from dyad.errors import UsageError
from dyad.records import MODALITIES
from dyad.store import Store
from dyad.store.queries import EventFilter


def get_store(request: Request) -> Iterator[Store]:
    holder = request.app.state.stores
    cursor = holder.acquire()
    try:
        yield cursor
    finally:
        holder.release(cursor)


StoreDep = Annotated[Store, Depends(get_store)]


def split(values: list[str] | None) -> list[str]:
    """``?type=A&type=B`` and ``?type=A,B`` both give ``["A", "B"]``."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def modalities(values: list[str] | None, *, default: tuple[str, ...] = ()) -> list[str]:
    wanted = split(values)
    if not wanted:
        return list(default)
    if wanted == ["all"]:
        return []
    bad = [m for m in wanted if m not in MODALITIES]
    if bad:
        raise UsageError(f"unknown modality {', '.join(bad)}; choose from all, {', '.join(MODALITIES)}", code="E542")
    return wanted


def check_dates(date_from: dt.date | None, date_to: dt.date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"date_from {date_from} is after date_to {date_to}", code="E542")


def event_filter(
    source: Annotated[str | None, Query(description="Source actor: id (Q7747), name or ISO-3 country.",
                                        max_length=200)] = None,
    target: Annotated[str | None, Query(description="Target actor: id, name or ISO-3 country.", max_length=200)] = None,
    actor: Annotated[str | None, Query(description="Actor on either side: id, name or ISO-3 country.",
                                       max_length=200)] = None,
    country: Annotated[str | None, Query(description="ISO-3 country of either actor.", pattern="^[A-Za-z]{3}$")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER type(s), repeated or comma-separated.")] = None,
    mode: Annotated[list[str] | None, Query(description="PLOVER mode(s).")] = None,
    modality: Annotated[list[str] | None, Query(description="asserted, negation, future, hypothetical, "
                                                            "historical, or all (default).")] = None,
    date_from: Annotated[dt.date | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
    date_to: Annotated[dt.date | None, Query(description="Events on or before this day.")] = None,
    place: Annotated[str | None, Query(description="Place name (substring), ISO-3 country or GeoNames id.",
                                       max_length=200)] = None,
    q: Annotated[str | None, Query(description="Text in the sentence, trigger, actor or place names.",
                                   max_length=200)] = None,
    article_id: Annotated[str | None, Query(description="Only events of this article.", max_length=100)] = None,
    quad_class: Annotated[list[int] | None, Query(description="QuadClass 1-4.")] = None,
) -> EventFilter:
    check_dates(date_from, date_to)
    quads = list(quad_class or [])
    if any(not 0 <= x <= 4 for x in quads):
        raise UsageError("quad_class must be 1, 2, 3 or 4", code="E542")
    return EventFilter(
        source=source, target=target, actor=actor, country=country,
        type=[t.upper() for t in split(type)], mode=split(mode),
        modality=modalities(modality), date_from=date_from, date_to=date_to, place=place, q=q,
        article_id=article_id, quad_class=quads,
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]
