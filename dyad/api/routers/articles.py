"""``/articles``: stored articles, and one article's clean text with every span dyad found in it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dyad.api.deps import StoreDep
from dyad.api.schemas import ArticleDetail, ArticlePage, ErrorResponse
from dyad.errors import UsageError
from dyad.store import queries

router = APIRouter(prefix="/articles", tags=["articles"], responses={422: {"model": ErrorResponse}})


@router.get("", response_model=ArticlePage, summary="List articles")
def list_articles(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Text in the title, source or body.", max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Any:
    items = queries.list_articles(store, q=q, limit=limit + 1, offset=offset)
    nxt = offset + limit if len(items) > limit else None
    return {"ok": True, "items": items[:limit], "next_offset": nxt}


@router.get("/{article_id}", response_model=ArticleDetail, summary="One article with every span",
            responses={404: {"model": ErrorResponse}})
def get_article(store: StoreDep, article_id: str) -> Any:
    """Clean text plus entities, actor mentions, dates and places (annotations), events with their
    evidence spans, quotes and flags. Offsets index the ``text`` field."""
    art = queries.article(store, article_id)
    if art is None:
        raise UsageError(f"no article with id {article_id!r}", code="E543")
    return {"ok": True, **art}
