"""dyad_checks: flags where the article contradicts the KB or itself; runs last.

Reads ``doc._.mentions``, ``doc._.events``, ``doc._.published``; appends ``Flag`` records to
``doc._.flags``, adds each flag's kind to the ``flags`` of the events it concerns, and re-takes the
role, sector and country of people in events that dyad_time dated on the event's own date.

Kinds:
* ``role_contradiction``: the text calls someone "former President" while the KB says they hold that
  office on the date, or gives a title ("Foreign Minister X") that X left more than a year before.
* ``impossible_date``: an asserted event dated after publication, or dated before 1900.
* ``self_directed``: an event whose source and target are the same actor and that is not reciprocal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from dyad.kb import KB, get_kb
from dyad.kb.resolve import split_phrase
from dyad.nlp import extensions
from dyad.records import ActorRef, Event, Flag, Span, replace

STALE_TITLE_DAYS = 365  # a title a person left less than a year ago is still common usage ("outgoing")
EARLIEST = dt.date(1900, 1, 1)


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _title_matches(title: str, office: str) -> bool:
    words = [w for w in title.lower().split() if w not in ("of", "the", "deputy")]
    office = office.lower()
    return bool(words) and all(w in office or (w == "defense" and "defence" in office) for w in words[-2:])


def role_flags(kb: KB, text: str, mentions: Iterable[ActorRef], day: dt.date | None, article_id: str = "",
               years_near: Callable[[Span], set[int]] | None = None) -> list[Flag]:
    """Title-versus-KB contradictions of the mentions, one flag per actor and kind. ``years_near`` gives
    the years the mention's sentence talks about ("In 2015, Secretary of State John Kerry ..." is no
    stale title)."""
    if day is None:
        return []
    grouped: dict[tuple[str, str], tuple[str, list[Span]]] = {}
    for m in mentions:
        actor = kb.actors.get(m.actor_id or "")
        if actor is None or actor.kind != "person":
            continue
        _, title, _, former, tspan, _ = split_phrase(kb, m.span.text)
        if not title or tspan is None or tspan[1] <= tspan[0]:
            continue
        titled = kb.titled_roles(actor)
        if not titled:
            continue
        start, end = m.span.start + tspan[0], m.span.start + tspan[1]
        span = Span(start, end, text[start:end])
        current = [r for r in titled if r.valid_on(day) and _title_matches(title, r.title)]
        if former and current:
            since = current[0].start.isoformat() if current[0].start else "before"
            message = (f"the text calls {actor.name} '{span.text}', but on {day.isoformat()} {actor.name} holds "
                       f"the office of {current[0].title} (since {since})")
            grouped.setdefault((actor.id, "former"), (message, []))[1].append(span)
        elif not former and not current and not any(r.valid_on(day) for r in titled):
            past = [r for r in titled if r.end and r.end < day and _title_matches(title, r.title)]
            years = years_near(m.span) if years_near else set()
            if any(r.start and r.end and r.start.year <= y <= r.end.year for r in past for y in years):
                continue
            if past and (day - max(r.end for r in past if r.end)).days > STALE_TITLE_DAYS:
                last = max(past, key=lambda r: r.end or dt.date.min)
                message = (f"the text gives {actor.name} the title '{span.text}', but {actor.name} left the office "
                           f"of {last.title} on {last.end.isoformat() if last.end else '?'}")
                grouped.setdefault((actor.id, "stale"), (message, []))[1].append(span)
    return [Flag("role_contradiction", message, article_id, tuple(spans), actor_id=actor_id)
            for (actor_id, _), (message, spans) in grouped.items()]


def _event_day(event: Event) -> tuple[dt.date | None, str]:
    if event.date is None or event.date.fallback:
        return None, ""
    value = event.date.value
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", value or "")
    if not m:
        return None, value
    try:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)), value
    except ValueError:
        return None, value


def event_flags(events: Iterable[Event], day: dt.date | None, article_id: str = "") -> list[Flag]:
    flags = []
    for ev in events:
        when, value = _event_day(ev)
        spans = tuple(s for s in (ev.date.span if ev.date else None, ev.trigger) if s is not None)
        if when is not None and when < EARLIEST:
            flags.append(Flag("impossible_date", f"event dated {value}, before 1900", article_id, spans, event_id=ev.id))
        elif when is not None and day is not None and ev.modality == "asserted" and when > day:
            gran = len(value)
            later = when.year > day.year if gran == 4 else (when.year, when.month) > (day.year, day.month) if gran == 7 else True
            if later:
                flags.append(Flag("impossible_date", f"asserted event dated {value}, after publication on {day.isoformat()}",
                                  article_id, spans, event_id=ev.id))
        src, tgt = ev.source, ev.target
        if src and tgt and src.actor_id and src.actor_id == tgt.actor_id and not ev.reciprocal:
            flags.append(Flag("self_directed", f"{src.name} is both source and target of a {ev.plover_type} event",
                              article_id, (src.span, tgt.span), event_id=ev.id, actor_id=src.actor_id))
    return flags


def _midpoint(event: Event) -> dt.date | None:
    """A day inside the event's dated period (mid-year for "2007", mid-month for "2007-03")."""
    if event.date is None or event.date.fallback:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", event.date.value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2] or 7), int(m[3] or (15 if m[2] else 1)))
    except ValueError:
        return None


def actors_on_event_dates(kb: KB, events: list[Event]) -> list[Event]:
    """Roles taken on each event's own date where dyad_time dated it: "Former President Musharraf fired
    the chief justice in 2007" has Musharraf as PAK government in that event."""
    out = []
    for ev in events:
        day = _midpoint(ev)
        if day is None:
            out.append(ev)
            continue
        changes = {}
        for side in ("source", "target"):
            ref = getattr(ev, side)
            actor = kb.actors.get(ref.actor_id or "") if ref is not None else None
            if actor is None or actor.kind != "person":
                continue
            role = kb.role_on(actor, day)
            new = replace(ref, role=role.title if role and role.title else None,
                          sector=kb.sector_on(actor, day), country=kb.country_on(actor, day) or ref.country)
            if new != ref:
                changes[side] = new
        out.append(replace(ev, **changes) if changes else ev)
    return out


def _years_near(doc: Doc) -> Callable[[Span], set[int]]:
    text = extensions.text_of(doc)
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(text))]
    times = [t for t in (doc._.times or ()) if t.span is not None and not t.fallback]

    def years(span: Span) -> set[int]:
        out: set[int] = set()
        for a, b in sentences:
            if a <= span.start < b:
                for t in times:
                    if a <= t.span.start < b and re.match(r"^\d{4}", t.value or ""):
                        out.add(int(t.value[:4]))
                out |= {int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", text[a:b])}
        return out

    return years


class Checks:
    def __init__(self, nlp: Language, name: str = "dyad_checks") -> None:
        extensions.register()
        self.name = name

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def __call__(self, doc: Doc) -> Doc:
        extensions.init_doc(doc)
        day = _day(doc._.published)
        aid = doc._.article_id or ""
        kb = get_kb()
        new = role_flags(kb, extensions.text_of(doc), doc._.mentions or (), day, aid, years_near=_years_near(doc))
        events = actors_on_event_dates(kb, list(doc._.events or ()))
        new += event_flags(events, day, aid)
        if new and events:
            by_event: dict[str, set[str]] = {}
            for f in new:
                if f.event_id:
                    by_event.setdefault(f.event_id, set()).add(f.kind)
            for ev in events:
                # a role flag concerns every event whose source or target is that actor mention
                for f in new:
                    if f.kind == "role_contradiction" and any(
                        a is not None and a.actor_id == f.actor_id and any(a.span.start <= s.start < a.span.end for s in f.spans)
                        for a in (ev.source, ev.target)
                    ):
                        by_event.setdefault(ev.id, set()).add(f.kind)
            events = [replace(ev, flags=tuple(dict.fromkeys(ev.flags + tuple(sorted(by_event[ev.id])))))
                      if ev.id in by_event else ev for ev in events]
        doc._.events = events
        doc._.flags = list(doc._.flags or ()) + new
        return doc


@Language.factory("dyad_checks", assigns=["doc._.flags", "doc._.events"], requires=["doc._.mentions", "doc._.events"])
def make_checks(nlp: Language, name: str) -> Checks:
    return Checks(nlp, name)
