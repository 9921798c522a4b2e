"""``/dyads``: who acts on whom (the network's edges) and the series of one dyad (dyad.corpus.series)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from dyad.api.deps import FilterDep, StoreDep, check_dates, modalities
from dyad.api.schemas import DyadPage, ErrorResponse, SeriesOut
from dyad.store import queries

router = APIRouter(prefix="/dyads", tags=["dyads"], responses={400: {"model": ErrorResponse},
                                                                422: {"model": ErrorResponse}})


@router.get("", response_model=DyadPage, summary="Source→target pairs with counts and tone")
def list_dyads(store: StoreDep, filt: FilterDep, limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> Any:
    """Takes the filters of ``/events``; ``n`` counts distinct real-world events, ``goldstein`` is their mean."""
    return {"ok": True, "items": queries.dyads(store, filt, limit=limit)}


@router.get("/{a}/{b}/series", response_model=SeriesOut, summary="Daily (weekly, monthly) series of one dyad")
def series(
    store: StoreDep, a: str, b: str,
    modality: Annotated[list[str] | None, Query(description="Default asserted; 'all' or a list to include "
                                                            "negated, future, hypothetical, historical.")] = None,
    both_directions: Annotated[bool, Query(description="Count b→a too; by default a→b plus reciprocal "
                                                       "events between them.")] = False,
    freq: Annotated[Literal["day", "week", "month"], Query(description="Period of the series.")] = "day",
    date_from: dt.date | None = None, date_to: dt.date | None = None,
) -> Any:
    """Per period: distinct real-world events (event groups, not mentions), Goldstein sum and mean, QuadClass
    mix, and the change points (shifts) of the series. ``a`` and ``b`` are actor ids, names or ISO-3
    countries. Example: `/dyads/USA/RUS/series?both_directions=true&modality=all`."""
    from dyad.corpus.series import dyad_series

    check_dates(date_from, date_to)
    wanted = modalities(modality, default=("asserted",))
    result = dyad_series(store, a, b, freq=freq, since=date_from, until=date_to,
                         modality=",".join(wanted) if wanted else "all", both_directions=both_directions)
    body = result.to_dict()
    points = [{"day": p["start"], "events": p["events"], "goldstein_sum": p["goldstein_sum"],
               "goldstein_mean": p["goldstein_mean"], **{f"q{q}": p["quad"].get(str(q), 0) for q in range(1, 5)},
               "event_groups": p["event_groups"]} for p in body["periods"]]
    return {"ok": True, "a": a, "b": b, "both_directions": both_directions, "freq": freq,
            "modality": wanted or ["all"], "total": body["total"], "points": points, "shifts": body["shifts"]}
