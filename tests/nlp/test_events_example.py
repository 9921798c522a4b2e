"""dyad_events on the shared Rubio-Lavrov example (items 3-8 of its .expected.md); skips without ../shared."""

from __future__ import annotations

from dyad.records import Event


def _events(rubio, plover_type: str, modality: str | None = "asserted") -> list[Event]:
    return [e for e in rubio.events if e.plover_type == plover_type and (modality is None or e.modality == modality)]


def _parties(e: Event) -> set[str | None]:
    return {e.source.country if e.source else None, e.target.country if e.target else None}


def _sentence(rubio, e: Event) -> str:
    return rubio.article.text[e.sentence.start:e.sentence.end]


def test_example_rubio_lavrov_meeting_is_reciprocal_consult(rubio) -> None:
    found = [e for e in _events(rubio, "CONSULT") if e.reciprocal and _parties(e) == {"USA", "RUS"}]
    assert found, [(e.trigger.text, _parties(e)) for e in _events(rubio, "CONSULT")]


def test_example_barrage_is_russian_assault_on_ukraine(rubio) -> None:
    found = [e for e in _events(rubio, "ASSAULT") if e.source and e.source.country == "RUS"
             and e.target and e.target.country == "UKR"]
    assert found and any("barrage" in e.trigger.text for e in found)


def test_example_weapons_package_is_aid_to_ukraine(rubio) -> None:
    found = [e for e in _events(rubio, "AID") if e.target and e.target.country == "UKR"
             and e.source and e.source.country == "USA"]
    assert found and any("package" in e.trigger.text for e in found)


def test_example_meloni_hosting_is_consult(rubio) -> None:
    found = [e for e in _events(rubio, "CONSULT") if "ITA" in _parties(e)]
    assert found


def test_example_frustration_is_accuse_of_russia(rubio) -> None:
    found = [e for e in _events(rubio, "ACCUSE") if e.source and e.source.country == "USA"
             and e.target and e.target.country == "RUS"]
    assert found


def test_example_came_not_to_negotiate_but_to_warn(rubio) -> None:
    quote_events = [e for e in rubio.events if "not to negotiate" in _sentence(rubio, e)]
    assert not [e for e in quote_events if e.plover_type == "CONSULT" and e.modality == "asserted"]
    assert [e for e in quote_events if e.plover_type == "CONSULT" and e.modality == "negation"]
    warn = [e for e in quote_events if e.plover_type in ("THREATEN", "ACCUSE") and e.modality == "asserted"]
    assert warn and warn[0].source.country == "USA" and warn[0].target and warn[0].target.country == "RUS"


def test_example_uncertain_response_is_not_asserted(rubio) -> None:
    start = rubio.article.text.index("Whether Moscow responds")
    end = rubio.article.text.index("remains uncertain")
    assert not [e for e in rubio.events if start <= e.trigger.start < end and e.modality == "asserted"]


def test_example_past_acts_are_historical(rubio) -> None:
    biden = [e for e in rubio.events if "had maintained" in _sentence(rubio, e)]
    assert biden and all(e.modality == "historical" for e in biden)
    presidency = [e for e in rubio.events if "during his presidency" in _sentence(rubio, e)]
    assert presidency and all(e.modality == "historical" for e in presidency)


def test_example_boilerplate_has_no_events(rubio) -> None:
    for e in rubio.events:
        assert "Impact Shorts" not in e.trigger.text and "inputs from agencies" not in _sentence(rubio, e)
