"""Sport, weather and elections told with the words of conflict are no political events (data/event_offtopic.tsv)."""

from __future__ import annotations

import pytest

NOT_EVENTS = [
    "Senegal beat Egypt 2-1 in Abidjan on Sunday to reach the Africa Cup of Nations final.",
    "India's Neeraj Chopra won gold in the men's javelin at the Asian Games, defending the title he won in Jakarta.",
    "Kenyan runner Faith Kipyegon broke the women's 1,500 metres world record at a Diamond League meeting in Paris.",
    "Typhoon Gaemi made landfall in China's Fujian province after sweeping past Taiwan.",
    "Floods killed 40 people in Nigeria's Borno state on Monday.",
    "Flamengo launched a late attack that sealed a 3-0 win over River Plate in the Copa Libertadores.",
    "Morocco stormed past Portugal to reach the World Cup semi-finals.",
    "Temperatures in New Delhi hit 47 degrees Celsius on Monday as a severe heatwave gripped northern India.",
    # an electoral contest between named candidates
    "Trump clinched Florida's 99 winner-take-all primary, beating rival Marco Rubio in his home state.",
    "Ruto defeated Odinga in the August election.",
    # an accident
    "An explosion in a supermarket in Shiraz injured 37 people and may have been caused by a gas leak.",
    # a campaign's attack ads are advertisements
    "GOP frontrunner Donald Trump is facing attack ads ahead of the May 3 primary in Indiana.",
]

STILL_EVENTS = [
    # one sport word is not enough: a record barrage is an attack
    ("Russia fired a record number of drones at Kyiv overnight, Ukrainian officials said.", "ASSAULT"),
    ("Israeli troops killed 20 Palestinians in Gaza, including a former football player.", "ASSAULT"),
    # a vote tally is no score of a game
    ("The parliament voted 120-80 to impose sanctions on Belarus.", "SANCTION"),
    ("Russian forces launched a new attack on Kharkiv, killing five civilians.", "ASSAULT"),
    ("Police stormed the parliament building in Tbilisi.", "COERCE"),
    ("A car bomb explosion killed 12 people in Mogadishu.", "ASSAULT"),
    # force at election time stays force
    ("Police beat protesters demanding a fair election in Kampala.", "ASSAULT"),
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_sport_and_weather_are_no_events(nlp, text: str) -> None:
    assert list(nlp(text)._.events) == []


@pytest.mark.parametrize("text, plover_type", STILL_EVENTS)
def test_conflict_beside_a_sport_or_weather_word_stays(nlp, text: str, plover_type: str) -> None:
    assert plover_type in {e.plover_type for e in nlp(text)._.events}


def test_off_topic_table_is_checked() -> None:
    from dyad.nlp.event_offtopic import topics

    table = topics()
    assert "beat" in table["sport"].triggers and "typhoon" in table["weather"].cues and "primary" in table["election"].cues and "gas leak" in table["accident"].cues
