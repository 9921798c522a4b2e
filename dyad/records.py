"""The records that flow through dyad, as small frozen dataclasses.

Every field that comes from the article carries a :class:`Span`: character offsets (Python string
indices, end exclusive) into ``Article.text``, the clean text dyad stores. Stages build these records
from spaCy docs; the store, exports and API read them and never touch spaCy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "negation", "future", "hypothetical", "historical"]
MODALITIES: tuple[str, ...] = ("asserted", "negation", "future", "hypothetical", "historical")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article's clean text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, obj: Any) -> "Span":
        """Span of a spaCy ``Span``/``Token`` (anything with ``idx``/``start_char`` and ``text``)."""
        start = getattr(obj, "start_char", None)
        if start is None:
            start = obj.idx
        end = getattr(obj, "end_char", None)
        if end is None:
            end = start + len(obj.text)
        return cls(int(start), int(end), str(obj.text))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after ingest and cleaning; ``id`` is stable for the same text (and URL)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    author: str | None = None
    input: str | None = None  # where it came from: file path, URL, "stdin", "feed.xml#3"
    kind: str = "text"  # text | html | jsonl | feed | warc | url | stdin
    removed: tuple[Span, ...] = ()  # boilerplate cut from the raw text (offsets into the raw text)
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Role:
    """An office held: title and organisation in a country, between two dates (None = open)."""

    title: str
    organisation: str | None = None
    country: str | None = None
    sector: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor in the knowledge base."""

    id: str  # Wikidata QID where known, else a dyad id such as "dyad:RUS-GOV"
    name: str
    country: str | None = None  # ISO 3166 alpha-3, or IGO/NGO
    sector: str | None = None  # GOV, MIL, COP, REB, OPP, BUS, MED, NGO, IGO, ...
    cameo_code: str | None = None
    kind: str = "person"  # person | organisation | country | group
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as mentioned at one place in the article, resolved for the article's date."""

    span: Span
    name: str
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None  # office held on the date, e.g. "Foreign Minister of Russia"
    how: str = "entity"  # how it was resolved: kb, alias, fuzzy, title, metonymy, demonym, coref, entity,
    # context (country guessed from the sentence's place or the article's dominant country: less certain),
    # location (an unnamed perpetrator, given the country of the event's place)


def date_bounds(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day covered by a TIMEX value: 2025-07-10, 2025-W28, 2025-07, 2025."""
    if not value:
        return None, None
    try:
        if len(value) == 10:
            d = dt.date.fromisoformat(value)
            return d, d
        if "-W" in value:
            year, week = value.split("-W")
            start = dt.date.fromisocalendar(int(year), int(week[:2]), 1)
            return start, start + dt.timedelta(days=6)
        if len(value) == 7:
            start = dt.date.fromisoformat(value + "-01")
            nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return start, nxt - dt.timedelta(days=1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None, None
    return None, None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A normalized time expression (TIMEX3-style value) or the publication-date fallback."""

    value: str  # 2025-07-10, 2025-W28, 2025-07, 2025, P3D, PRESENT_REF
    granularity: str  # day | week | month | year | duration | ref
    span: Span | None = None
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    fallback: bool = False  # True when it is the publication date, not words of the article
    start: str | None = None  # first and last day (ISO) of a vague value's interval, when dated by
    end: str | None = None  # convention: PAST_REF "in the past" is [published - 10 years, published - 1 day]


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to the gazetteer."""

    span: Span | None
    name: str
    geonameid: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city | admin1 | country | region


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    article_id: str
    content: Span
    kind: str = "direct"  # direct | indirect | mixed
    cue: Span | None = None
    speaker: ActorRef | None = None
    speaker_text: Span | None = None
    anonymous: bool = False
    # the quoted pieces when a quote is split by its attribution ("A," said X. "B."); content spans them all
    segments: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str  # role_contradiction, impossible_date, self_directed, ...
    message: str
    article_id: str = ""
    spans: tuple[Span, ...] = ()
    event_id: str | None = None
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: PLOVER type/mode, CAMEO mapping, dyad, date, place, modality, provenance."""

    id: str
    article_id: str
    sentence: Span
    trigger: Span
    plover_type: str
    plover_mode: str | None = None
    contexts: tuple[str, ...] = ()
    cameo_code: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    reciprocal: bool = False
    date: TimeExpr | None = None
    location: Place | None = None
    modality: str = "asserted"
    reported_by: str | None = None  # Quote.id when the event is someone's claim
    confidence: float = 0.5
    flags: tuple[str, ...] = ()  # Flag kinds attached to this event


def replace(record: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` under a short name: later stages add to earlier records this way."""
    return dataclasses.replace(record, **changes)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def to_dict(record: Any) -> Any:
    """A JSON-ready dict of a record (dates as ISO strings, spans as dicts)."""
    if record is None or type(record) in (str, int, float, bool):
        return record
    names = _FIELD_NAMES.get(type(record))
    if names is None and dataclasses.is_dataclass(record) and not isinstance(record, type):
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in dataclasses.fields(record))
    if names is not None:
        return {name: to_dict(getattr(record, name)) for name in names}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    return record


@dataclass(frozen=True, slots=True)
class Annotation:
    """A span the reader highlights: an entity, actor mention, time expression or place."""

    layer: str  # entity | actor | time | place
    span: Span
    label: str  # entity label, actor id, TIMEX value, geonameid
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Coded:
    """Everything dyad found in one article: what the store writes in one go."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    flags: tuple[Flag, ...] = ()
    actors: tuple[Actor, ...] = ()
    annotations: tuple[Annotation, ...] = ()
