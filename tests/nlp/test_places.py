"""dyad_places and the gazetteer: toponyms resolved to GeoNames, each event placed from its own clause."""

from __future__ import annotations

import pytest

from dyad.geo import Context, gazetteer
from dyad.nlp import places
from dyad.records import ActorRef, Event, Span, replace


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def _event(text: str, trigger: str, nth: int = 0) -> Event:
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    return Event(id=trigger, article_id="t", sentence=Span(0, len(text), text),
                 trigger=Span(start, start + len(trigger), trigger), plover_type="CONSULT")


def _model_only(nlp, text: str):
    """The doc after the spaCy model and dyad_init: mentions and events are built by hand in these tests."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if not name.startswith("dyad_") or name == "dyad_init":
            doc = proc(doc)
    return doc


def _locate(nlp, text: str, trigger: str, nth: int = 0):
    doc = _model_only(nlp, text)
    topos = places.toponyms(doc)
    return places.locate(doc, [_event(text, trigger, nth)], topos + places.guessed_places(doc, topos))[0].location


# ---------------------------------------------------------------- gazetteer


@pytest.mark.parametrize("name, feature, country, geonameid", [
    ("Kuala Lumpur", "city", "MYS", 1735161),
    ("Kyiv", "city", "UKR", 703448),
    ("Malaysia", "country", "MYS", 1733045),
    ("Rome", "city", "ITA", 3169070),
    ("Texas", "admin1", "USA", 4736286),
    ("Washington", "city", "USA", 4140963),  # the capital, not the state
    ("U.S.", "country", "USA", 6252001),
    ("New York", "admin1", "USA", 5128638),  # "New York City" is the city's own name
])
def test_gazetteer_resolves_the_usual_sense(gaz, name, feature, country, geonameid):
    best = gaz.resolve(name)
    assert (best.feature, best.country, best.geonameid) == (feature, country, geonameid)


def test_gazetteer_context_picks_the_us_state_georgia(gaz):
    assert gaz.resolve("Georgia").country == "GEO"
    us = Context({"USA": 3.0}, {}, [])
    assert gaz.resolve("Georgia", us).feature == "admin1"


def test_gazetteer_qualifier_picks_the_town_in_that_state(gaz):
    la = gaz.resolve("La.")
    assert la is not None and la.name == "Louisiana"
    town = gaz.resolve("Alexandria", qualifier=la)
    assert town.country == "USA" and town.admin1 == la.geonameid


@pytest.mark.parametrize("word, country", [
    ("Ukrainian", "UKR"), ("Syrians", "SYR"), ("French", "FRA"), ("Nigerian", "NGA"), ("Sri Lankan", "LKA"),
])
def test_gazetteer_demonyms_name_countries(gaz, word, country):
    assert gaz.demonym(word).country == country


def test_gazetteer_abbreviations_match_only_as_written(gaz):
    assert gaz.resolve("Ind.").name == "Indiana"
    assert all(e.name != "Manitoba" for e, _ in gaz.lookup("Man"))


def test_gazetteer_entries_have_coordinates_and_countries(gaz):
    for name in ("Texas", "Malaysia", "Kharkiv"):
        e = gaz.resolve(name)
        assert e.lat is not None and e.lon is not None and len(e.country) == 3


# ---------------------------------------------------------------- event places


@pytest.mark.parametrize("text, trigger, expected", [
    ("US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov on Thursday in Malaysia.",
     "met", "Malaysia"),
    ("Italian Prime Minister Giorgia Meloni is hosting European leaders in Rome on Thursday.", "hosting", "Rome"),
    ("Moscow launched one of its most intense barrages on Ukrainian cities overnight.", "barrages", "Ukrainian"),
    ("The rebels captured the town of Bakwa last month before being forced out.", "captured", "Bakwa"),
    ("Eritrea captured Badme at the start of the war.", "captured", "Badme"),
    ("Pro-government forces liberated the cities of Palmyra and Quaryatayn in the Homs province.",
     "liberated", "Palmyra"),
    ("Around 100,000 supporters demonstrated in Rome on Saturday to protest austerity.", "demonstrated", "Rome"),
    ("A roadside bomb detonated near a US convoy in the Radhwaniyah area of Baghdad.", "detonated", "Radhwaniyah"),
])
def test_event_gets_the_place_of_its_own_clause(nlp, text, trigger, expected):
    place = _locate(nlp, text, trigger)
    assert place is not None and place.span.text == expected


@pytest.mark.parametrize("text, trigger", [
    # the place of a person's origin, a nationality or another clause is not where the event happened
    ("Assane Sanogo, a cab driver from Abidjan, was shot to death by police officers.", "shot"),
    ("A US soldier was wounded on Friday by a roadside bomb.", "wounded"),
    ("The minister, who had visited Paris in May, resigned on Monday.", "resigned"),
    ("Mexico's acting federal police chief was shot dead outside his home.", "shot"),
])
def test_event_gets_no_place_from_elsewhere(nlp, text, trigger):
    assert _locate(nlp, text, trigger) is None


def test_event_never_takes_a_place_from_an_unrelated_sentence(nlp):
    text = "Protesters gathered in Cairo on Sunday. Separately, the finance minister resigned on Monday."
    assert _locate(nlp, text, "resigned") is None


def test_nominal_remention_refines_the_place_of_the_same_event(nlp):
    text = ("Rubio met Lavrov on Thursday in Malaysia. The meeting, held on the sidelines of a regional "
            "summit in Kuala Lumpur, lasted an hour.")
    place = _locate(nlp, text, "met")
    assert place.span.text == "Kuala Lumpur" and place.country == "MYS" and place.geonameid == 1735161


def test_places_carry_geonames_ids_and_skip_metonymy(nlp):
    text = "Moscow said on Monday that debris was still being cleared in Kyiv and Kharkiv."
    doc = _model_only(nlp, text)
    doc._.mentions = [ActorRef(Span(0, 6, "Moscow"), "Government of Russia", country="RUS", how="metonymy")]
    doc = places.PlacesComponent()(doc)
    by_text = {p.span.text: p for p in doc._.places}
    assert "Moscow" not in by_text
    assert by_text["Kyiv"].country == "UKR" and by_text["Kyiv"].feature == "city"
    assert by_text["Kharkiv"].geonameid == 706483


def test_where_clause_takes_the_place_it_hangs_on(nlp):
    text = ("Sharif left the house in his hometown of Lahore in Punjab, where his supporters fought "
            "running battles with police.")
    place = _locate(nlp, text, "fought")
    assert place is not None and place.span.text == "Lahore" and place.country == "PAK"


def test_a_surname_tagged_as_a_place_is_the_person(nlp, gaz):
    doc = nlp("Jim Webb spoke in Richmond on Monday. Webb said the plan would fail.")
    assert [t.text for t in places.toponyms(doc, gaz)] == ["Richmond"]


def test_a_person_is_not_guessed_as_a_place(nlp):
    text = "The protests helped force Musharraf from power in 2008."
    doc = _model_only(nlp, text)
    doc._.mentions = [ActorRef(Span(26, 35, "Musharraf"), "Pervez Musharraf", country="PAK", how="alias")]
    topos = places.toponyms(doc)
    assert "Musharraf" not in {t.text for t in places.guessed_places(doc, topos)}


@pytest.mark.parametrize("top, country", [
    ("Pakistan to restore judge. ISLAMABAD, Pakistan — Pakistan agreed Monday to reinstate a judge.", "PAK"),
    ("WASHINGTON (AP) - The administration agreed on Thursday to sell artillery.", "USA"),
    ("KYIV, Nov 25 (Reuters) - The government agreed to hold talks.", "UKR"),
])
def test_dateline_is_found(nlp, gaz, top, country):
    doc = nlp(top)
    home = places.dateline(doc, places.toponyms(doc, gaz), gaz)
    assert home is not None and home.country == country and home.feature == "country"
    assert top[home.span.start:home.span.end] == home.span.text and home.span.text.isupper()


def test_no_dateline_in_plain_prose(nlp, gaz):
    doc = nlp("The government agreed on Monday to hold talks with the opposition in the capital.")
    assert places.dateline(doc, places.toponyms(doc, gaz), gaz) is None


def test_dateline_country_places_only_domestic_events(nlp, gaz):
    text = "ISLAMABAD, Pakistan — Pakistan agreed Monday to reinstate a judge. Russia agreed to sell gas to India."
    doc = _model_only(nlp, text)
    topos = places.toponyms(doc, gaz)
    home = places.dateline(doc, topos, gaz)
    pak = ActorRef(Span(22, 30, "Pakistan"), "Pakistan", country="PAK")
    rus = ActorRef(Span(67, 73, "Russia"), "Russia", country="RUS")
    ind = ActorRef(Span(93, 98, "India"), "India", country="IND")
    domestic = replace(_event(text, "agreed"), source=pak)
    foreign = replace(_event(text, "agreed", 1), source=rus, target=ind)
    placed = places.locate(doc, [domestic, foreign], topos, home)
    assert placed[0].location is not None and placed[0].location.country == "PAK"
    assert placed[1].location is None


def test_place_is_named_as_the_article_spells_it_when_the_gazetteer_adds_diacritics(nlp):
    place = _locate(nlp, "Government forces shelled rebel positions in Douma on Friday.", "shelled")
    assert place is not None and place.country == "SYR" and place.geonameid and place.name == "Douma"


def test_unknown_place_takes_the_article_country(nlp):
    text = ("Syrian troops advanced near Damascus and Homs on Monday. Jets bombed the enclave of Zabdinoun "
            "in Syria overnight, and the army shelled the village of Qarfoun.")
    place = _locate(nlp, text, "shelled")
    assert place is not None and place.span.text == "Qarfoun" and place.geonameid is None and place.country == "SYR"


# ---------------------------------------------------------------- the example article


def test_rubio_example_places(rubio):
    places_by_text = {}
    for a in rubio.annotations:
        if a.layer == "place":
            places_by_text.setdefault(a.span.text, a)
    assert places_by_text["Kyiv"].detail == "UKR" and places_by_text["Kharkiv"].detail == "UKR"
    assert places_by_text["Kuala Lumpur"].label == "1735161"


def test_rubio_example_events_are_placed_by_their_own_clause(rubio):
    if not rubio.events:
        pytest.skip("dyad_events is not installed")
    located = {e.trigger.text: e.location for e in rubio.events if e.location is not None}
    met = [loc for trig, loc in located.items() if trig.startswith("met") or "meeting" in trig]
    assert met and all(loc.name == "Kuala Lumpur" and loc.country == "MYS" for loc in met)
    hosting = [loc for trig, loc in located.items() if "host" in trig]
    assert hosting and hosting[0].name == "Rome"


# ---------------------------------------------------------------- scorers


def test_geo_scorer_matches_spans_one_to_one_and_measures_distance():
    from dyad.eval.geo import score

    gold = [{"start": 0, "end": 5, "geonameid": 1, "lat": 0.0, "lon": 0.0, "country": "AAA"},
            {"start": 10, "end": 15, "geonameid": 2, "lat": 10.0, "lon": 10.0, "country": "BBB"}]
    pred = [{"start": 0, "end": 5, "geonameid": 1, "lat": 5.0, "lon": 5.0, "country": "AAA"},
            {"start": 11, "end": 14, "geonameid": 3, "lat": 10.5, "lon": 10.0, "country": "CCC"},
            {"start": 20, "end": 25, "geonameid": 4, "lat": 0.0, "lon": 0.0, "country": "AAA"}]
    r = score([(pred, gold)])
    assert r["span_f1"] == pytest.approx(0.8) and r["strict_span_f1"] == pytest.approx(0.4)
    assert r["geonameid_acc"] == 0.5 and r["country_acc"] == 0.5
    assert r["acc_at_161km"] == 1.0  # same id counts as 0 km; 0.5 degrees of latitude is ~56 km


def test_eventloc_scorer_counts_right_silence():
    from dyad.eval.eventloc import score

    r = score([(None, []), ({"start": 0, "end": 4}, [{"start": 2, "end": 6}]), (None, [{"start": 0, "end": 1}]),
               ({"start": 0, "end": 1}, [])])
    assert r["acc"] == 0.5 and r["precision"] == 0.5 and r["recall"] == 0.5 and r["no_place_acc"] == 0.5
