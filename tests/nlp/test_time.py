"""dyad_time: TIMEX3 values relative to the publication date, and a date for each event."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.nlp.time import Normalizer, date_events, find_times
from dyad.records import Event, Span

THURSDAY = dt.date(2025, 7, 10)


def parse(nlp, text: str, published: dt.date = THURSDAY):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


# (expression, tense of its clause, TIMEX3 value) relative to Thursday 2025-07-10 (ISO week 28)
VALUES = [
    ("this week", "past", "2025-W28"),
    ("last week", "past", "2025-W27"),
    ("next week", "future", "2025-W29"),
    ("last month", "past", "2025-06"),
    ("this year", "present", "2025"),
    ("last year", "past", "2024"),
    ("yesterday", "past", "2025-07-09"),
    ("tomorrow", "future", "2025-07-11"),
    ("today", "present", "2025-07-10"),
    ("Thursday", "past", "2025-07-10"),
    ("Monday", "past", "2025-07-07"),
    ("Saturday", "past", "2025-07-05"),
    ("Saturday", "future", "2025-07-12"),
    ("Tuesday", "present", "2025-07-08"),
    ("last Friday", "unknown", "2025-07-04"),
    ("Monday morning", "past", "2025-07-07"),
    ("yesterday morning", "past", "2025-07-09TMO"),
    ("in recent days", "past", "PXD"),
    ("recent months", "past", "PXM"),
    ("recently", "past", "PAST_REF"),
    ("now", "present", "PRESENT_REF"),
    ("two weeks ago", "past", "2025-W26"),
    ("three years ago", "past", "2022"),
    ("three years", "past", "P3Y"),
    ("the past two months", "past", "P2M"),
    ("24 hours", "past", "PT24H"),
    ("hours", "past", "PTXH"),
    ("a decade", "past", "P10Y"),
    ("May 22, 1995", "past", "1995-05-22"),
    ("12 March 2024", "past", "2024-03-12"),
    ("March 2024", "past", "2024-03"),
    ("Oct. 23", "past", "2024-10-23"),
    ("Oct. 23", "future", "2025-10-23"),
    ("July 4", "past", "2025-07-04"),
    ("December", "past", "2024-12"),
    ("1987", "past", "1987"),
    ("the 1990s", "past", "199"),
    ("the fourth quarter", "future", "2025-Q4"),
    ("2 p.m.", "past", "2025-07-10T14:00"),
    ("last spring", "past", "2024-SP"),
]


@pytest.mark.parametrize("text, tense, value", VALUES)
def test_time_normalizes_relative_to_publication(text: str, tense: str, value: str) -> None:
    got = Normalizer(THURSDAY)(text, tense)
    assert got is not None and got.value == value, got


@pytest.mark.parametrize("text", ["sat", "37 years old", "the agenda"])
def test_time_refuses_non_expressions(text: str) -> None:
    assert Normalizer(THURSDAY)(text, "past") is None


# (sentence, expression, value): the tense of the clause picks past or future weekdays
SENTENCES = [
    ("US Secretary of State Marco Rubio met Sergei Lavrov on Thursday in Malaysia.", "Thursday", "2025-07-10"),
    ("The foreign ministers will meet again on Saturday.", "Saturday", "2025-07-12"),
    ("The group could come to the United States as early as Tuesday.", "Tuesday", "2025-07-15"),
    ("The minister resigned this morning after the vote.", "this morning", "2025-07-10TMO"),
    ("Police arrested him late last night.", "last night", "2025-07-09TNI"),
    ("The minister left yesterday morning for Paris.", "yesterday morning", "2025-07-09TMO"),
    ("Rebels attacked the town on Saturday, killing four people.", "Saturday", "2025-07-05"),
    ("Italy is hosting European leaders in Rome on Thursday.", "Thursday", "2025-07-10"),
    ("In a notable shift, Trump this week approved a fresh package of weapons.", "this week", "2025-W28"),
    ("The ceasefire collapsed last month.", "last month", "2025-06"),
    ("Trump has in recent days executed a sharp pivot.", "recent days", "PXD"),
    ("The treaty was signed on May 22, 1995 in Paris.", "May 22, 1995", "1995-05-22"),
]


@pytest.mark.parametrize("text, expression, value", SENTENCES)
def test_time_finds_expressions_in_sentences(nlp, text: str, expression: str, value: str) -> None:
    doc = parse(nlp, text)
    got = {t.span.text: t.value for t in doc._.times}
    assert any(expression in k and v == value for k, v in got.items()), got


def test_time_no_false_hit_on_sat_down(nlp) -> None:
    doc = parse(nlp, "Rubio and Lavrov sat down for fraught discussions.")
    assert doc._.times == []


def _event(doc, trigger: str, modality: str = "asserted") -> Event:
    start = doc.text.index(trigger)
    span = Span(start, start + len(trigger), trigger)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return Event(id=trigger, article_id="t", sentence=Span.of(sent), trigger=span, plover_type="CONSULT",
                 modality=modality)


# (text, trigger, expected date value or None, fallback)
DATING = [
    ("Rubio met Lavrov on Thursday in Kuala Lumpur.", "met", "2025-07-10", False),
    ("Trump this week approved a fresh package of weapons for Ukraine.", "approved", "2025-W28", False),
    ("On Monday the minister said that rebels attacked the base on Saturday.", "attacked", "2025-07-05", False),
    ("On Monday the minister said that rebels attacked the base on Saturday.", "said", "2025-07-07", False),
    ("The meeting came just hours after Moscow launched a barrage on Kyiv.", "launched", "2025-07-10", True),
    ("The strike came two days after Israel bombed the port.", "bombed", "2025-07-08", True),
    ("Police arrested dozens of protesters in the capital.", "arrested", "2025-07-10", True),
    ("The army had shelled the village before the talks.", "shelled", None, False),
    ("Trump even scaled back military support for Ukraine during his presidency.", "scaled", None, False),
]


@pytest.mark.parametrize("text, trigger, value, fallback", DATING)
def test_time_dates_events_from_their_own_clause(nlp, text: str, trigger: str, value: str | None, fallback: bool) -> None:
    doc = parse(nlp, text)
    doc._.events = [_event(doc, trigger)]
    (event,) = date_events(doc, find_times(doc))
    if value is None:
        assert event.date is None
    else:
        assert event.date is not None and event.date.value == value and event.date.fallback is fallback, event.date


def test_time_vague_past_dates_an_event_by_an_interval_before_publication(nlp) -> None:
    doc = parse(nlp, "Trump has raised his concerns about that in the past.")
    doc._.events = [_event(doc, "raised")]
    (event,) = date_events(doc, find_times(doc))
    assert event.date.value == "PAST_REF" and event.date.span.text.endswith("past")
    assert (event.date.start, event.date.end) == ("2015-07-13", "2025-07-09")


@pytest.mark.parametrize("text, trigger, value", [
    ("The town was the centre of the protests that ignited the war seven years ago.", "protests", "2018"),
    ("On Monday the army recalled that rebels had shelled the base.", "shelled", None),
])
def test_time_background_takes_only_a_sentence_date_well_before_the_report(nlp, text, trigger, value) -> None:
    doc = parse(nlp, text)
    doc._.events = [_event(doc, trigger, modality="historical")]
    (event,) = date_events(doc, find_times(doc))
    assert (event.date.value if event.date else None) == value


def test_time_historical_events_get_no_publication_date(nlp) -> None:
    doc = parse(nlp, "The Biden administration maintained a supply line to Ukraine.")
    doc._.events = [_event(doc, "maintained", modality="historical")]
    (event,) = date_events(doc, find_times(doc))
    assert event.date is None


def test_time_component_writes_times_and_dates(nlp) -> None:
    doc = parse(nlp, "Russia and Ukraine exchanged prisoners on Tuesday.")
    assert [t.value for t in doc._.times] == ["2025-07-08"]
    assert all(e.date is not None for e in doc._.events)


# The Rubio-Lavrov example (published Thursday 2025-07-10): items 3-6 of its expected file.
def _dated(rubio, word: str, plover_type: str | None = None):
    return [e for e in rubio.events if word in e.trigger.text and (plover_type is None or e.plover_type == plover_type)]


@pytest.mark.parametrize("word, plover_type, values", [
    ("met", "CONSULT", {"2025-07-10"}),
    ("barrage", "ASSAULT", {"2025-07-09", "2025-07-10"}),
    ("approved", "AID", {"2025-W28"}),
    ("hosting", "CONSULT", {"2025-07-10"}),
])
def test_time_rubio_example_dates(rubio, word: str, plover_type: str, values: set[str]) -> None:
    found = _dated(rubio, word, plover_type)
    assert found, [(e.plover_type, e.trigger.text) for e in rubio.events]
    assert any(e.date is not None and e.date.value in values for e in found), [e.date for e in found]


def test_time_rubio_example_background_not_dated_today(rubio) -> None:
    for e in rubio.events:
        if e.modality == "historical":
            assert e.date is None or e.date.value != "2025-07-10", e


def test_time_rubio_example_annotations(rubio) -> None:
    times = {a.span.text: a.label for a in rubio.annotations if a.layer == "time"}
    assert times.get("this week") == "2025-W28"
    assert times.get("Thursday") == "2025-07-10"


def test_time_event_shown_by_past_evidence_is_not_dated_today(nlp) -> None:
    doc = parse(nlp, "Leaked audio revealed the former president expressing growing frustration with Russia.")
    doc._.events = [_event(doc, "expressing")]
    (event,) = date_events(doc, find_times(doc))
    assert event.date is None


def test_time_rubio_example_leaked_audio_not_dated_today(rubio) -> None:
    for e in rubio.events:
        if "frustration" in e.trigger.text:
            assert e.date is None or e.date.value != "2025-07-10", e.date


def test_time_without_publication_date_keeps_relative_values_underspecified(nlp) -> None:
    doc = nlp("The rebels attacked the town on Saturday, a year after the treaty of May 22, 1995.")
    got = {t.span.text: t.value for t in doc._.times}
    assert got.get("Saturday") == "XXXX-XX-XX"
    assert got.get("May 22, 1995") == "1995-05-22"


@pytest.mark.parametrize("text, trigger, dated", [
    # the story goes on from a sentence about 2021: between then and the day before the report
    ("The general seized power in a coup in 2021. His successor promised elections but reneged on the promise.",
     "reneged", ("2021-01-01", "2025-07-09")),
    # a fresh report ("officials said") or a story of recent days keeps the report's own day
    ("The general seized power in a coup in 2021. Soldiers arrested two ministers, officials said.",
     "arrested", None),
    ("Protests broke out last week. Police arrested two students.", "arrested", None),
])
def test_time_narrative_continuation_dates_a_past_story(nlp, text, trigger, dated) -> None:
    doc = parse(nlp, text)
    doc._.events = [_event(doc, trigger)]
    (event,) = date_events(doc, find_times(doc))
    if dated is None:
        assert event.date.start is None, event.date
    else:
        assert (event.date.value, event.date.start, event.date.end) == ("PAST_REF", *dated)
        assert event.date.span is not None and event.date.span.text == "2021"  # provenance: the story's date


@pytest.mark.parametrize("text, modality", [
    ("Russia and China meet in Beijing next week.", "future"),
    ("Putin visits India on July 15.", "future"),
    ("Putin visited India on Monday.", "asserted"),
])
def test_time_an_act_dated_after_the_report_has_not_happened(nlp, text, modality) -> None:
    doc = parse(nlp, text)
    assert [e.modality for e in doc._.events] == [modality]
