"""dyad_checks: text-versus-KB contradictions, impossible dates, self-directed events."""

from __future__ import annotations

import datetime as dt

import pytest

import dyad
from dyad.nlp.checks import event_flags
from dyad.records import ActorRef, Event, Span, TimeExpr


def test_former_president_for_a_sitting_president_is_flagged(nlp):
    text = "The move was approved by former President Donald Trump on Tuesday."
    coded = dyad.code_text(nlp, text, published="2025-07-10")
    flags = [f for f in coded.flags if f.kind == "role_contradiction"]
    assert flags and flags[0].spans[0].text == "former President"
    assert text[flags[0].spans[0].start : flags[0].spans[0].end] == "former President"


def test_former_president_after_the_term_is_not_flagged(nlp):
    coded = dyad.code_text(nlp, "Former President Donald Trump criticised the bill.", published="2022-04-01")
    assert not [f for f in coded.flags if f.kind == "role_contradiction"]


def test_stale_title_is_flagged(nlp):
    coded = dyad.code_text(nlp, "Secretary of State John Kerry met the delegation.", published="2024-03-01")
    flags = [f for f in coded.flags if f.kind == "role_contradiction"]
    assert flags and "Kerry" in flags[0].message and flags[0].spans[0].text == "Secretary of State"


def test_rubio_example_former_president_flag(rubio):
    """Item 10 of rubio-lavrov-kuala-lumpur.expected.md."""
    flags = [f for f in rubio.flags if f.kind == "role_contradiction"]
    assert flags
    assert any(s.text == "former President" and s.start == 232 for f in flags for s in f.spans)


def _event(**kw):
    base = dict(id="e1", article_id="a", sentence=Span(0, 10, "x" * 10), trigger=Span(0, 4, "xxxx"), plover_type="ASSAULT")
    base.update(kw)
    return Event(**base)


def _ref(actor_id):
    return ActorRef(span=Span(0, 3, "abc"), name=actor_id, actor_id=actor_id, country="RUS")


@pytest.mark.parametrize(
    "event, kind",
    [
        (_event(date=TimeExpr("2025-08-01", "day")), "impossible_date"),
        (_event(date=TimeExpr("1850", "year")), "impossible_date"),
        (_event(source=_ref("Q1"), target=_ref("Q1")), "self_directed"),
    ],
)
def test_event_flags(event, kind):
    assert [f.kind for f in event_flags([event], dt.date(2025, 7, 10))] == [kind]


@pytest.mark.parametrize(
    "event",
    [
        _event(date=TimeExpr("2025-08-01", "day"), modality="future"),
        _event(date=TimeExpr("2025-07", "month")),
        _event(date=TimeExpr("2025-07-10", "day", fallback=True)),
        _event(source=_ref("Q1"), target=_ref("Q1"), reciprocal=True),
        _event(source=_ref("Q1"), target=_ref("Q2")),
    ],
)
def test_event_flags_leave_sound_events_alone(event):
    assert event_flags([event], dt.date(2025, 7, 10)) == []


def test_people_in_a_dated_past_event_get_the_role_of_that_date():
    from dyad.kb import get_kb
    from dyad.nlp.checks import actors_on_event_dates

    kb = get_kb()
    trump = kb.lookup("Donald Trump")
    ref = ActorRef(span=Span(0, 5, "Trump"), name="Donald Trump", actor_id=trump.id, country="USA", sector="GOV",
                   role="President of the United States")
    ev = _event(source=ref, date=TimeExpr("2022-03", "month"))
    (out,) = actors_on_event_dates(kb, [ev])
    assert (out.source.sector, out.source.role) == ("ELI", None)
    (same,) = actors_on_event_dates(kb, [_event(source=ref, date=TimeExpr("2025-07-10", "day", fallback=True))])
    assert same.source == ref


def test_title_of_a_past_year_named_in_the_sentence_is_not_stale(nlp):
    coded = dyad.code_text(nlp, "In 2015, Secretary of State John Kerry met the delegation in Vienna.", published="2024-03-01")
    assert not [f for f in coded.flags if f.kind == "role_contradiction"]
