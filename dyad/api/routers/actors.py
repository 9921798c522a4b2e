"""``/actors``: actors seen in events, searchable by name, alias, country and role."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dyad.api.deps import StoreDep
from dyad.api.schemas import ActorPage, ErrorResponse
from dyad.store import queries

router = APIRouter(prefix="/actors", tags=["actors"], responses={422: {"model": ErrorResponse}})


@router.get("", response_model=ActorPage, summary="Search actors")
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Text in the id, name or aliases.", max_length=200)] = None,
    role: Annotated[str | None, Query(description="'source', 'target', or text of an office (e.g. 'minister').",
                                      max_length=200)] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO-3 country.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> Any:
    """Most active first, with how often each actor was source and target."""
    return {"ok": True, "items": queries.actors(store, q=q, role=role, country=country, limit=limit)}
