"""dyad_actors: mentions, their spans and what they resolve to on the publication date."""

from __future__ import annotations

import pytest

import dyad


def _mentions(nlp, text: str, published: str = "2025-07-10"):
    coded = dyad.code_text(nlp, text, published=published)
    doc_mentions = [a for a in coded.annotations if a.layer == "actor"]
    return coded, doc_mentions


def _refs(nlp, text: str, published: str = "2025-07-10"):
    import datetime as dt

    doc = nlp.make_doc(text)
    doc._.published = dt.date.fromisoformat(published)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "dyad_actors":
            break
    return doc._.mentions


def _find(refs, text):
    hits = [m for m in refs if m.span.text == text]
    assert hits, f"no mention {text!r} in {[m.span.text for m in refs]}"
    return hits[0]


@pytest.mark.parametrize(
    "sentence, mention, country, sector, how",
    [
        ("Italian Prime Minister Giovanni Inventato met farmers on Monday.", "Italian Prime Minister Giovanni Inventato", "ITA", "GOV", "title"),
        ("US officials said the talks would continue.", "US officials", "USA", "GOV", "title"),
        ("Russian forces shelled the town overnight.", "Russian forces", "RUS", "MIL", "title"),
        ("Police arrested dozens of people in the capital.", "Police", None, "COP", None),
        ("The rebels seized two villages.", "The rebels", None, "REB", None),
        ("Moscow launched a barrage of missiles.", "Moscow", "RUS", "GOV", "metonymy"),
        ("The Kremlin rejected the proposal.", "The Kremlin", "RUS", "GOV", "metonymy"),
        ("He said Washington's response was weak.", "Washington", "USA", "GOV", "metonymy"),
        ("The president sees Beijing as a rival.", "Beijing", "CHN", "GOV", "metonymy"),
        ("Ukrainian troops repelled the attack.", "Ukrainian troops", "UKR", "MIL", "title"),
        ("Russia condemned the sanctions.", "Russia", "RUS", None, "kb"),
    ],
)
def test_actor_patterns(nlp, sentence, mention, country, sector, how):
    m = _find(_refs(nlp, sentence), mention)
    assert (m.country, m.sector) == (country, sector)
    if how:
        assert m.how == how


@pytest.mark.parametrize(
    "sentence, place",
    [
        ("Debris was still being cleared in Kyiv and Kharkiv on Friday.", "Kyiv"),
        ("Debris was still being cleared in Kyiv and Kharkiv on Friday.", "Kharkiv"),
        ("The ministers met in Kuala Lumpur on Thursday.", "Kuala Lumpur"),
        ("Protesters gathered at the White House.", "White House"),
    ],
)
def test_places_used_as_places_are_not_actor_mentions(nlp, sentence, place):
    refs = _refs(nlp, sentence)
    assert not [m for m in refs if place in m.span.text]


def test_role_on_the_date_and_full_title_span(nlp):
    refs = _refs(nlp, "US Secretary of State Marco Rubio spoke to reporters.", "2025-07-10")
    m = _find(refs, "US Secretary of State Marco Rubio")
    assert (m.name, m.country, m.sector, m.role) == ("Marco Rubio", "USA", "GOV", "United States Secretary of State")
    refs = _refs(nlp, "Antony Blinken spoke to reporters.", "2025-07-10")
    assert _find(refs, "Antony Blinken").sector == "ELI"
    refs = _refs(nlp, "Antony Blinken spoke to reporters.", "2023-07-10")
    assert _find(refs, "Antony Blinken").role == "United States Secretary of State"


def test_coreference_surname_title_and_pronoun(nlp):
    text = ("Russian Foreign Minister Sergei Lavrov arrived in Ankara on Monday. "
            "Lavrov said the talks were useful. Later the Russian minister criticised NATO, and he left.")
    refs = _refs(nlp, text)
    lavrov = _find(refs, "Russian Foreign Minister Sergei Lavrov").actor_id
    assert _find(refs, "Lavrov").actor_id == lavrov
    assert _find(refs, "the Russian minister").actor_id == lavrov
    assert _find(refs, "he").actor_id == lavrov
    assert _find(refs, "he").how == "coref"


def test_rubio_example_actors(rubio_text, nlp):
    """Item 2 of rubio-lavrov-kuala-lumpur.expected.md."""
    refs = _refs(nlp, rubio_text, "2025-07-10")
    rubio = _find(refs, "US Secretary of State Marco Rubio")
    assert (rubio.name, rubio.country, rubio.sector) == ("Marco Rubio", "USA", "GOV")
    lavrov = _find(refs, "Russian Foreign Minister Sergei Lavrov")
    assert (lavrov.name, lavrov.country, lavrov.sector) == ("Sergei Lavrov", "RUS", "GOV")
    meloni = [m for m in refs if "Giorgia Meloni" in m.span.text][0]
    assert (meloni.country, meloni.sector) == ("ITA", "GOV")
    putin = [m for m in refs if "Vladimir Putin" in m.span.text][0]
    assert (putin.country, putin.sector) == ("RUS", "GOV")
    trump = [m for m in refs if "Donald Trump" in m.span.text][0]
    assert (trump.country, trump.sector, trump.role) == ("USA", "GOV", "President of the United States")
    moscow = [m for m in refs if m.span.text == "Moscow"]
    assert moscow and all((m.country, m.sector, m.how) == ("RUS", "GOV", "metonymy") for m in moscow)
    washington = [m for m in refs if m.span.text == "Washington"]
    assert washington and all((m.country, m.sector) == ("USA", "GOV") for m in washington)
    kyiv = [m for m in refs if m.span.text == "Kyiv"]
    assert len(kyiv) == 1 and (kyiv[0].country, kyiv[0].sector) == ("UKR", "GOV")
    assert rubio_text[kyiv[0].span.start - 4 : kyiv[0].span.start] == "not "
    assert not [m for m in refs if m.span.text in ("Kharkiv", "Kuala Lumpur")]


def test_mentions_do_not_overlap_and_spans_match_text(rubio_text, nlp):
    refs = _refs(nlp, rubio_text, "2025-07-10")
    for a, b in zip(refs, refs[1:]):
        assert a.span.end <= b.span.start
    for m in refs:
        assert rubio_text[m.span.start : m.span.end] == m.span.text


@pytest.mark.parametrize(
    "sentence, mention, country, sector",
    [
        ("Russia's Ministry of Defence said its troops advanced.", "Russia's Ministry of Defence", "RUS", "GOV"),
        ("Russia's Ministry of Defence said its troops advanced.", "its troops", "RUS", "MIL"),
        ("The Pakistani Foreign Office protested.", "Pakistani Foreign Office", "PAK", "GOV"),
        ("French and Egyptian warships sailed on Monday.", "French", "FRA", "MIL"),
        ("French and Egyptian warships sailed on Monday.", "Egyptian warships", "EGY", "MIL"),
        ("United Nations peacekeepers left the town.", "United Nations peacekeepers", "IGO", "MIL"),
        ("The Trump administration approved the sale.", "The Trump administration", "USA", "GOV"),
        ("Libya offered to hand the suspects over to Great Britain.", "Great Britain", "GBR", None),
    ],
)
def test_generic_offices_nationalities_and_organisations(nlp, sentence, mention, country, sector):
    m = _find(_refs(nlp, sentence, "2018-04-05"), mention)
    assert (m.country, m.sector) == (country, sector)


def test_bare_state_agents_take_the_articles_country(nlp):
    text = ("Syrian President Bashar al-Assad visited the front. The Syrian army said it shelled the town. "
            "The army said rebels had agreed to leave.")
    refs = _refs(nlp, text, "2018-03-31")
    assert (_find(refs, "The army").country, _find(refs, "The army").sector) == ("SYR", "MIL")
    assert (_find(refs, "rebels").country, _find(refs, "rebels").sector) == ("SYR", "REB")


def test_dateline_capital_is_not_an_actor(nlp):
    refs = _refs(nlp, "ISLAMABAD, Pakistan — Pakistan agreed on Monday to reinstate the judge.", "2009-03-16")
    assert not [m for m in refs if m.span.text == "ISLAMABAD"]


@pytest.mark.parametrize(
    "text, mention, country, how",
    [
        # a group with no country of its own takes the one country its sentence is about
        ("The Unity Front began collecting signatures to convince the Estonian Parliament to change the law.",
         "Unity Front", "EST", "context"),
        ("The Homeland Front began collecting signatures to convince the Lithuanian Parliament to act.",
         "Homeland Front", "LTU", "context"),
        ("The Popular Renewal party said it would boycott Algeria's first free elections.",
         "The Popular Renewal party", "DZA", "context"),
        # an unknown person known only by a title
        ("President Dos Almeida said Angola would hold talks with Angolan rebels.", "President Dos Almeida", "AGO", "context"),
        # the place a sentence is set in beats the counterpart it names
        ("On Sunday in Nairobi, demonstrators burned a Chinese flag.", "demonstrators", "KEN", "context"),
        # no single country: none
        ("Rebels attacked Turkish and Russian positions.", "Rebels", None, None),
        # international and regional bodies take none
        ("Western diplomats met Serbian officials in Belgrade.", "Western diplomats", None, None),
        ("Italy's prime minister is hosting European leaders in Rome on Thursday.", "European leaders", None, None),
        ("Amnesty International accused the Sudanese government of abuses.", "Amnesty International", None, None),
        # a people named where it lives; "ethnic X" is a people, placed by its sentence
        ("The Albanians of southern Serbia demanded autonomy.", "The Albanians", "SRB", "demonym"),
        ("Ethnic Serbs blocked roads near Kosovo's border, Kosovar police said.", "Ethnic Serbs", "XKX", "context"),
        # only local people take the place a sentence is set in: delegates meeting in Istanbul are not Turks
        ("Russian and Ukrainian delegations met in Istanbul. The negotiators agreed to meet again.",
         "The negotiators", None, None),
        # a portfolio before a title is no party ("Labour Minister" is not the Labour Party)
        ("The bill was signed by Serbian Labour Minister Dragan Milovanovic.", "Serbian Labour Minister Dragan Milovanovic",
         "SRB", None),
        # a party word many countries share belongs to the story's country
        ("The Conservatives urged the Lithuanian Parliament and the Lithuanian government to act.", "The Conservatives",
         "LTU", "context"),
        ("The Conservatives won the British election.", "The Conservatives", "GBR", None),
        # "its" is the sentence's subject's
        ("Pakistan, a close ally of Britain, has refused to deploy peacekeepers in Iraq and urged its citizens to leave.",
         "its citizens", "PAK", None),
        # numbers and quantifiers before a nationality do not hide it
        ("Greece will let up to 5,000 Syrian refugees who have lived in Turkey move on.",
         "up to 5,000 Syrian refugees", "SYR", None),
    ],
)
def test_context_country(nlp, text, mention, country, how):
    m = _find(_refs(nlp, text), mention)
    assert m.country == country
    if how:
        assert m.how == how


def test_context_country_of_the_article_for_groups_in_other_sentences(nlp):
    text = ("Syrian troops pressed their offensive near Damascus on Sunday. The Syrian army said it had taken three "
            "villages.\n\nThe rebels said their talks with the Russian military would go on. Activists said dozens "
            "of civilians had fled.")
    refs = _refs(nlp, text, "2018-03-31")
    assert _find(refs, "The rebels").country == "SYR"  # not the Russian counterpart of their sentence
    assert _find(refs, "The rebels").how == "context"
