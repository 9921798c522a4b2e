"""``/flags``: warnings the checks raised (role contradictions, impossible dates, ...) with their spans."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dyad.api.deps import StoreDep
from dyad.api.schemas import ErrorResponse, FlagPage
from dyad.store import queries

router = APIRouter(prefix="/flags", tags=["flags"], responses={422: {"model": ErrorResponse}})


@router.get("", response_model=FlagPage, summary="List flags")
def list_flags(
    store: StoreDep,
    kind: Annotated[str | None, Query(max_length=100, description="e.g. role_contradiction")] = None,
    article_id: Annotated[str | None, Query(max_length=100)] = None,
    event_id: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Any:
    items = queries.flags(store, kind=kind, article_id=article_id, event_id=event_id, limit=limit, offset=offset)
    return {"ok": True, "items": items}
