"""``/health``: the store the server reads, its schema version and table counts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

import dyad
from dyad.api.deps import StoreDep
from dyad.api.schemas import ErrorResponse, Health
from dyad.store import queries

router = APIRouter(tags=["health"], responses={503: {"model": ErrorResponse}})


@router.get("/health", response_model=Health, summary="Is the store readable")
def health(store: StoreDep) -> Any:
    info = queries.health(store)
    return {"ok": True, "version": dyad.__version__, "store": info["path"],
            "schema_version": info["schema_version"], "counts": info["counts"]}
