"""Pydantic response models of the REST API: what each endpoint returns, as the OpenAPI schema shows it.

They mirror the store's rows (dyad/store/queries.py), not the records of dyad/records.py, so the API's
contract can change only here."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="Stable error code, e.g. E540 (bad parameter) or E544 (not found).")
    message: str


class ErrorResponse(BaseModel):
    ok: Literal[False] = False
    error: ErrorBody


class SpanOut(BaseModel):
    start: int
    end: int
    text: str = ""


class EvidenceSpan(SpanOut):
    role: str = Field(description="The field this span supports: sentence, trigger, source, target, date, place, "
                                  "quote, quote_cue, speaker.")
    label: str | None = None


class EventSummary(BaseModel):
    """One coded event as a flat row: what the table, timeline and downloads show."""

    id: str
    article_id: str
    event_group: str | None = None
    plover_type: str
    plover_mode: str | None = None
    contexts: list[str] = []
    cameo_code: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source_actor_id: str | None = None
    source_name: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    source_role: str | None = Field(None, description="Office the source held on the event's date.")
    target_actor_id: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    target_role: str | None = None
    reciprocal: bool | None = None
    date: str | None = None
    date_granularity: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_fallback: bool | None = None
    location_name: str | None = None
    location_geonameid: int | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    modality: str
    reported_by: str | None = None
    confidence: float | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    trigger_text: str | None = None
    flags: list[str] = []
    sentence_text: str | None = None
    article_title: str | None = None
    article_published: dt.date | None = None
    article_source: str | None = None


class EventPage(BaseModel):
    ok: Literal[True] = True
    total: int = Field(description="Events matching the filters, over all pages.")
    items: list[EventSummary]
    next_cursor: str | None = Field(None, description="Pass as ?cursor= for the next page; null on the last page.")


class FlagOut(BaseModel):
    id: str
    article_id: str
    article_title: str | None = None
    kind: str | None = None
    message: str | None = None
    event_id: str | None = None
    actor_id: str | None = None
    spans: list[SpanOut] = []


class ContextOut(SpanOut):
    """A slice of the article text around the event's sentence; spans use whole-article offsets."""


class EventDetail(EventSummary):
    ok: Literal[True] = True
    article_url: str | None = None
    record: dict[str, Any] = Field(description="The full Event record with every span.")
    evidence: list[EvidenceSpan]
    context: ContextOut
    quote: dict[str, Any] | None = Field(None, description="The Quote that reports this event, if any.")
    flag_records: list[FlagOut] = []


class AnnotationOut(BaseModel):
    layer: str | None = None
    start: int
    end: int
    text: str | None = None
    label: str | None = None
    detail: str | None = None


class ArticleEvent(EventSummary):
    evidence: list[EvidenceSpan]
    quote: dict[str, Any] | None = None


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    n_chars: int | None = None
    input: str | None = None
    snippet: str | None = Field(None, description="The first 160 characters of the text.")
    events: int = 0
    quotes: int = 0
    flags: int = 0


class ArticlePage(BaseModel):
    ok: Literal[True] = True
    items: list[ArticleSummary]
    next_offset: int | None = None


class ArticleDetail(BaseModel):
    ok: Literal[True] = True
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    author: str | None = None
    input: str | None = None
    kind: str | None = None
    text: str = Field(description="The clean text every span's offsets point into.")
    n_chars: int | None = None
    annotations: list[AnnotationOut] = Field(description="Entities, actor mentions, dates and places.")
    events: list[ArticleEvent]
    quotes: list[dict[str, Any]]
    flags: list[FlagOut]


class ActorOut(BaseModel):
    key: str = Field(description="Actor id, or the name when the actor is not in the knowledge base.")
    id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    cameo_code: str | None = None
    aliases: list[str] = []
    roles: list[dict[str, Any]] = Field([], description="Offices from the knowledge base, with start/end dates.")
    offices: list[str] = Field([], description="Offices the actor held on the dates of its events.")
    as_source: int = 0
    as_target: int = 0


class ActorPage(BaseModel):
    ok: Literal[True] = True
    items: list[ActorOut]


class SeriesPoint(BaseModel):
    day: dt.date = Field(description="First day of the period.")
    events: int = Field(description="Distinct real-world events (event groups) in the period.")
    goldstein_sum: float
    goldstein_mean: float | None = None
    q1: int = Field(description="Verbal cooperation")
    q2: int = Field(description="Material cooperation")
    q3: int = Field(description="Verbal conflict")
    q4: int = Field(description="Material conflict")
    event_groups: list[str] = []


class Shift(BaseModel):
    date: dt.date
    index: int
    events_before: float
    events_after: float
    size: float
    goldstein_before: float
    goldstein_after: float
    events: list[dict[str, Any]] = Field([], description="The events behind the shift, most reported first.")


class SeriesOut(BaseModel):
    ok: Literal[True] = True
    a: str
    b: str
    both_directions: bool
    freq: str
    modality: list[str]
    total: int
    points: list[SeriesPoint]
    shifts: list[Shift] = []


class DyadEdge(BaseModel):
    source: str
    source_name: str | None = None
    source_country: str | None = None
    target: str
    target_name: str | None = None
    target_country: str | None = None
    n: int
    goldstein: float | None = None
    reciprocal: bool | None = None


class DyadPage(BaseModel):
    ok: Literal[True] = True
    items: list[DyadEdge]


class TimelineBin(BaseModel):
    day: dt.date
    quad_class: int
    n: int


class TimelineOut(BaseModel):
    ok: Literal[True] = True
    items: list[TimelineBin]


class PlaceOut(BaseModel):
    name: str | None = None
    geonameid: int | None = None
    country: str | None = None
    lat: float
    lon: float
    n: int
    goldstein: float | None = None


class PlacePage(BaseModel):
    ok: Literal[True] = True
    items: list[PlaceOut]


class FlagPage(BaseModel):
    ok: Literal[True] = True
    items: list[FlagOut]


class Facets(BaseModel):
    ok: Literal[True] = True
    types: list[str]
    modes: list[str]
    modalities: list[str]
    date_min: dt.date | None = None
    date_max: dt.date | None = None


class Health(BaseModel):
    ok: Literal[True] = True
    version: str
    store: str
    schema_version: int
    counts: dict[str, int]
