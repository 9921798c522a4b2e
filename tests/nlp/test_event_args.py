"""event_args: who did it to whom, on sentences written for these tests (one row per syntactic pattern)."""

from __future__ import annotations

import pytest

from dyad.records import Event


def events_of(nlp, text: str) -> list[Event]:
    return list(nlp(text)._.events)


def dyads(events: list[Event], plover_type: str) -> list[tuple[str | None, str | None]]:
    return [(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in events if e.plover_type == plover_type]


# (sentence, PLOVER type, source country, target country): one dyad event must go source -> target
DIRECTION = [
    # subject of a trigger under an adjective or a participle clause
    ("Spain is ready to send 500 soldiers to a peace force in Mali.", "COOPERATE", "ESP", "MLI"),
    ("The ELN issued a statement demanding that the Colombian government release prisoners.", "REQUEST", "COL", "COL"),
    ("Sweden on Monday issued a note demanding that Iran free the detained diplomat.", "REQUEST", "SWE", "IRN"),
    # the accepter of a proposal is the one who agrees; the recipient sits in the proposal's gerund
    ("Norway today accepted a plan for ending its trade dispute with its European Union partners.", "AGREE", "NOR", "IGO"),
    ("Iraq accepted a proposal from Jordan.", "AGREE", "IRQ", "JOR"),
    # the possessor of an act-noun object, also when parsed as a second "as" noun
    ("Greece on Monday condemned as a grave crime Turkey's repression of Kurdish protesters.", "ACCUSE", "GRC", "TUR"),
    ("Hungary on Friday denounced as a brutal act Romania's treatment of Hungarian protesters.", "ACCUSE", "HUN", "ROU"),
    ("Brazil praised Argentina's new trade policy.", "SUPPORT", "BRA", "ARG"),
]


@pytest.mark.parametrize("text, plover_type, source, target", DIRECTION)
def test_event_args_direction(nlp, text: str, plover_type: str, source: str, target: str) -> None:
    got = dyads(events_of(nlp, text), plover_type)
    assert (source, target) in got, f"{plover_type} dyads: {got}"


# (sentence, PLOVER type, country that must NOT be the target of any event of that type)
NOT_TARGET = [
    ("Norway today accepted a plan for ending its trade dispute with its European Union partners.", "AGREE", "NOR"),
]


@pytest.mark.parametrize("text, plover_type, country", NOT_TARGET)
def test_event_args_not_target(nlp, text: str, plover_type: str, country: str) -> None:
    got = dyads(events_of(nlp, text), plover_type)
    assert got and all(t != country for _, t in got), f"{plover_type} dyads: {got}"
