"""``/dyads``: who acts on whom (the network's edges) and the daily series of one dyad."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

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


@router.get("/{a}/{b}/series", response_model=SeriesOut, summary="Daily series of one dyad")
def series(
    store: StoreDep, a: str, b: str,
    modality: Annotated[list[str] | None, Query(description="Default asserted; 'all' or a list to include "
                                                            "negated, future, hypothetical, historical.")] = None,
    directed: Annotated[bool, Query(description="Only a→b (plus reciprocal events); default both ways.")] = False,
    date_from: dt.date | None = None, date_to: dt.date | None = None,
) -> Any:
    """Per day: distinct event groups, Goldstein sum and mean, QuadClass mix. ``a`` and ``b`` are actor ids,
    names or ISO-3 countries. Example: `/dyads/USA/RUS/series?modality=all`."""
    check_dates(date_from, date_to)
    wanted = modalities(modality, default=("asserted",))
    points = queries.dyad_series(store, a, b, modality=wanted, directed=directed, date_from=date_from,
                                 date_to=date_to)
    return {"ok": True, "a": a, "b": b, "directed": directed, "modality": wanted or ["all"], "points": points}
