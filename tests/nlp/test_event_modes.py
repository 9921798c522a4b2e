"""PLOVER modes read from the words of an event's own clause (dyad/nlp/event_modes.py)."""

from __future__ import annotations

import pytest

import dyad
from dyad.nlp.event_lexicon import plover_types
from dyad.nlp.event_modes import mode_rules


def test_every_mode_rule_names_a_mode_of_its_type():
    modes = {t: set(filter(None, info["modes"].split(","))) for t, info in plover_types().items()}
    rules = mode_rules()
    assert {"ASSAULT", "THREATEN", "MOBILIZE", "PROTEST", "COERCE"} <= set(rules)
    for plover_type, rows in rules.items():
        assert all(r.mode in modes[plover_type] and r.cues for r in rows)


@pytest.mark.parametrize("text, plover_type, mode", [
    ("A car bomb explosion killed three soldiers in the city on Monday.", "ASSAULT", "explosives"),
    ("Government warplanes bombed rebel positions near the town on Sunday.", "ASSAULT", "aerial"),
    ("Army tanks shelled the village overnight.", "ASSAULT", "heavy-weapons"),
    ("Gunmen shot dead two police officers at a checkpoint.", "ASSAULT", "firearms"),
    ("Police fired tear gas at protesters outside parliament.", "ASSAULT", "crowd-control"),
    ("Militants kidnapped four aid workers on the road to the airport.", "ASSAULT", "abduct"),
    ("Russian drones hit the port overnight, injuring four workers.", "ASSAULT", "drone"),
    ("Police beat the protesters with batons.", "ASSAULT", "beat"),
    ("The union threatened to hold a general strike next week.", "THREATEN", "restrict"),
    ("Iran threatened to launch a military offensive against Iraq.", "THREATEN", "violence"),
    ("Thousands of workers rioted in the capital on Friday.", "PROTEST", "riot"),
    ("Farmers blocked roads leading to the city centre on Sunday.", "PROTEST", "obstruct"),
])
def test_mode_comes_from_the_clause(nlp, text, plover_type, mode):
    events = [e for e in dyad.code_text(nlp, text, published="2024-05-06").events if e.plover_type == plover_type]
    assert events, [(e.plover_type, e.trigger.text) for e in dyad.code_text(nlp, text, published="2024-05-06").events]
    assert mode in {e.plover_mode for e in events}


def test_another_clause_does_not_lend_its_words(nlp):
    text = "Rebels attacked the base on Monday, a day after warplanes were seen over the border."
    events = [e for e in dyad.code_text(nlp, text, published="2024-05-06").events
              if e.plover_type == "ASSAULT" and e.trigger.text.startswith("attack")]
    assert events and all(e.plover_mode != "aerial" for e in events)
