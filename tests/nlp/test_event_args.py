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
    ("Albania on Friday denounced as an ugly crime Serbia's suppression of unrest in Montenegro.", "ACCUSE", "ALB", "SRB"),
    # a passive whose subject is a thing: its proposer, else where it went
    ("A ceasefire proposal put forward by Qatari mediators was accepted by Hamas late on Monday.", "AGREE", "PSE", "QAT"),
    ("Two suspects were handed over to the Netherlands by Moroccan authorities.", "COOPERATE", "MAR", "NLD"),
    # a threat is aimed at the threatened act's target, not at the speaker's own fighters or capital
    ("Haitian gang leader Jimmy Cherizier warned that his fighters would attack the Kenyan-led police mission.",
     "THREATEN", "HTI", "KEN"),
    ("European Union foreign policy chief Kaja Kallas warned that Brussels could impose sanctions on Georgian officials.",
     "THREATEN", "IGO", "GEO"),
    # a day owns nothing; an organisation named after "from"/"at" says whose the people are
    ("The European Union welcomed Tuesday's agreement between Serbia and Kosovo.", "SUPPORT", "IGO", "SRB"),
    ("Mali's junta refused to meet a delegation from the West African bloc ECOWAS.", "REJECT", "MLI", "IGO"),
    ("Prosecutors at the International Criminal Court opened an investigation into crimes by Venezuelan security forces.",
     "ACCUSE", "IGO", "VEN"),
    # a court is where, not whom; a "by" phrase hung on the verb is the proposal's author
    ("Guyana's government filed a complaint against Venezuela at the International Court of Justice.", "ACCUSE", "GUY", "VEN"),
    ("Tehran rejected a proposal by Britain, France and Germany to extend the inspection regime.", "REJECT", "IRN", "GBR"),
    # "drew condemnation from X": X condemns the subject
    ("Moscow's decision to expel two Moldovan diplomats drew angry condemnation from the foreign ministry in Chisinau.",
     "ACCUSE", "MDA", "RUS"),
    # a protest at an embassy, a handover to a state, drills around an island
    ("Hundreds of Armenians rallied outside the Russian embassy in Yerevan on Saturday.", "PROTEST", "ARM", "RUS"),
    ("Colombia extradited a senior cartel commander to the United States on Wednesday.", "COOPERATE", "COL", "USA"),
    ("China's military launched large-scale drills around Taiwan on Thursday.", "MOBILIZE", "CHN", "TWN"),
    # weapons fired are the firer's; the target is where they were aimed (also a capital the parser took for a time)
    ("Russia fired 50 drones at Kyiv overnight.", "ASSAULT", "RUS", "UKR"),
    ("Russia fired a record number of drones at Kyiv overnight, Ukrainian officials said.", "ASSAULT", "RUS", "UKR"),
    # leaving a bloc is a sanction aimed at the bloc
    ("Burkina Faso, Mali and Niger announced their immediate withdrawal from ECOWAS.", "SANCTION", "MLI", "IGO"),
    ("The United States pulled out of the World Health Organization.", "SANCTION", "USA", "IGO"),
    # a non-governmental body of no one country takes the NGO slot, as the named ones do
    ("Members of the Association of African Jurists investigated the detention of 2,000 Libyans.", "ACCUSE", "NGO", "LBY"),
    # the possessor of an arrest or a killing undergoes it; of an expulsion "of X" it acts
    ("Navalny's detention by Russian police drew condemnation from the European Union.", "COERCE", "RUS", "RUS"),
    ("Russia's expulsion of two Moldovan diplomats angered Chisinau.", "SANCTION", "RUS", "MDA"),
    # passives: "charged with", "arrested along with" stay passive; forces put on alert are their state's
    ("Opposition lawmakers in Caracas were threatened with arrest by Venezuela's attorney general.", "THREATEN",
     "VEN", "VEN"),
    ("Pakistani troops were put on high alert along the border with Afghanistan.", "MOBILIZE", "PAK", "AFG"),
    # the recipient hung on the thing given
    ("The International Monetary Fund disbursed $330 million to Sri Lanka after its first review.", "AID", "IGO", "LKA"),
    ("India shipped 10,000 tonnes of rice to Myanmar after Cyclone Mocha.", "AID", "IND", "MMR"),
    # the noun before a participle misparsed as the object ("a Security Council resolution censuring ...")
    ("China on Tuesday vetoed a Security Council resolution censuring as illegal its seizure of the islands.", "REJECT",
     "CHN", "IGO"),
    ("Brazil praised Argentina's new trade policy.", "SUPPORT", "BRA", "ARG"),
    # an object parsed as the subject of a following clause
    ("Chile has granted diplomatic asylum to four Bolivian army officers holed up in an embassy since last month's raid.",
     "AID", "CHL", "BOL"),
    # the office held (apposition, international body in the title) is the capacity an official acts in
    (("Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded parties to the conflict in Iraq to allow aid "
     "workers in."), "REQUEST", "IGO", "IRQ"),
    ("Jan Egeland, the United Nations humanitarian chief, urged the parties to the war in Sudan to open the roads.",
     "REQUEST", "IGO", "SDN"),
    ("Sergei Lavrov, Russia's foreign minister, met Marco Rubio.", "CONSULT", "RUS", "USA"),
    # one party per state in "the X of A and B"
    ("The foreign ministers of India and Pakistan held talks on Monday.", "CONSULT", "IND", "PAK"),
    ("Ursula von der Leyen, the president of the European Commission, criticized Hungary.", "ACCUSE", "IGO", "HUN"),
    # the subject of a "for" clause is the one pressed
    ("Germany is pressing hard for the EU to back its climate plan.", "REQUEST", "DEU", "IGO"),
    ("Reports say Germany is pressing hard for the EU support its climate plan.", "REQUEST", "DEU", "IGO"),
    # the one who judges an offer in a relative clause; a title's nationality beats a context guess
    ("Italy offered concessions that Austria rejected.", "AGREE", "ITA", "AUT"),
    ("Italy offered concessions that Austrian minister Karl Huber believed could end the dispute.", "AGREE", "ITA", "AUT"),
    # a protest's purpose clause names whom it is against
    ("Students in Lagos blocked a highway to show their anger at the British government's visa policies.",
     "PROTEST", "NGA", "GBR"),
    ("Demonstrators in Cairo blocked a road to show their disapproval for the United States' military policies.",
     "PROTEST", "EGY", "USA"),
    # relative clauses: the pronoun subject is the main clause's subject, the relativised noun the object;
    # the accused is who acts in the "of" gerund; a date under "on" is no target
    ("The European Union imposed sanctions on Tuesday on five Iranian companies it accuses of supplying drones to Russia.",
     "SANCTION", "IGO", "IRN"),
    ("The European Union imposed sanctions on Tuesday on five Iranian companies it accuses of supplying drones to Russia.",
     "ACCUSE", "IGO", "IRN"),
    ("India accused Pakistan of sheltering militants.", "ACCUSE", "IND", "PAK"),
    # a state in apposition keeps its own country; an international body named inside a title is the office
    ("Kenya, a key U.S. ally in the region, has refused to deploy troops in Somalia.", "REJECT", "KEN", "SOM"),
    ("Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez in Geneva.", "AGREE", "AFG", "IGO"),
    # troops sent are the sender's own: the recipient is the place
    ("Russia deployed troops along the Finnish border.", "MOBILIZE", "RUS", "FIN"),
    ("France sent 500 soldiers to Mali.", "COOPERATE", "FRA", "MLI"),
    # a KB group named inside a phrase beats a context guess; victims of a clash named under "died in"
    ("Recent US drone attacks have killed at least eight top al-Qaeda leaders since July.", "ASSAULT", "USA", "IMG"),
    ("Two Indian soldiers died in clashes with Chinese troops.", "ASSAULT", "CHN", "IND"),
    # the speaker of a conjoined reporting verb is a party to talks
    # "in defiance of X" names whom a protest is against; a purpose clause's subject does not steal the demand
    ("Thousands of people marched in Lhasa in defiance of Chinese authorities to demand reforms.", "PROTEST", "CHN", "CHN"),
    ("Farmers in Lyon blocked roads in protest at the Spanish government's import policy.", "PROTEST", "FRA", "ESP"),
    # a statement that names its author ("a Security Council resolution condemning ...")
    (("Russia on Tuesday vetoed a Security Council resolution condemning as a violation of international law its military "
     "raid on the Georgian embassy in Kiev on May 2."), "ACCUSE", "IGO", "GEO"),
    # a town the country table does not know, found in the gazetteer
    ("Turkish troops shelled Kobani on Sunday.", "ASSAULT", "TUR", "SYR"),
    # an offer's judge in a that-clause parsed after a date; the destination of a purpose clause's sending verb;
    # the authorities of the place act in an agentless passive arrest or investigation
    ("A Chinese official offered concessions last month that Japanese envoy Taro Kono believed could lead to a deal.",
     "AGREE", "CHN", "JPN"),
    ("The OSCE has sent monitors to a chemical plant in eastern Ukraine to inspect the damage.", "ACCUSE", "IGO", "UKR"),
    ("A French journalist has been put under investigation in Turkey for her role in the protests.", "ACCUSE", "TUR", "FRA"),
    ("Two Kenyan students were arrested in Uganda on Monday.", "COERCE", "UGA", "KEN"),
    # the accused of a passive accusation does the gerund; a finite adverbial clause keeps its own subject
    ("Israel was accused by Turkey of violating the ceasefire.", "ACCUSE", "TUR", "ISR"),
    ("Venezuela expelled the Colombian ambassador after Bogota accused Caracas of harboring rebels.", "ACCUSE", "COL", "VEN"),
    # "at its boats": the owner named earlier is the target; a receiver's giver under "from" is the source
    ("The Philippine coast guard said Chinese vessels fired water cannon at its supply boats.", "ASSAULT", "CHN", "PHL"),
    ("Israel said Hezbollah fired rockets at its northern towns.", "ASSAULT", "LBN", "ISR"),
    ("Nigeria received a shipment of vaccines from the United Kingdom.", "AID", "GBR", "NGA"),
    ("Ukraine received military aid from Germany.", "AID", "DEU", "UKR"),
    # an actor dyad_actors found is a recipient even when no table knows its head noun
    ("Police in Dhaka fired tear gas at opposition supporters.", "ASSAULT", "BGD", "BGD"),
    # a mediator acts toward the parties "between" which it mediates; "its ambassador" is the actor's own
    ("Egypt brokered a ceasefire between Israel and Hamas.", "CONSULT", "EGY", "ISR"),
    ("Serbia recalled its ambassador from Montenegro.", "SANCTION", "SRB", "MNE"),
    # mutual verbs pair coordinated subjects; "blamed on X"; "the country" is the state named before
    ("Chinese and Indian troops clashed along their disputed border.", "ASSAULT", "CHN", "IND"),
    ("Israeli and Hezbollah forces traded fire in southern Lebanon.", "ASSAULT", "ISR", "LBN"),
    ("India and Pakistan clashed in Kashmir.", "ASSAULT", "IND", "PAK"),
    # the accused, not the alleged act (which is no event of its own); mediation offered "between"
    ("Russia accused Ukraine of shelling the Zaporizhzhia plant.", "ACCUSE", "RUS", "UKR"),
    ("Russian forces shelled Kherson overnight, Ukrainian officials said.", "ASSAULT", "RUS", "UKR"),
    ("Qatar offered to mediate between Israel and Hamas.", "AGREE", "QAT", "ISR"),
    # talks in a fronted adjunct are the main subject's; an act's owner, not the act, is the one judged
    ("After long talks with Vladimir Putin, Trump has executed a sharp pivot.", "CONSULT", "USA", "RUS"),
    # the agent of an act-noun subject acts; a sea is no country's
    ("An attack by Houthi rebels damaged a Greek tanker in the Red Sea.", "ASSAULT", "YEM", "GRC"),
    # an allowed act's destination; goods swapped are no party; an organisation compound makes an actor
    ("Israel allowed aid trucks to enter Gaza.", "CONCEDE", "ISR", "PSE"),
    ("Ukraine and Russia swapped prisoners of war.", "RETREAT", "UKR", "RUS"),
    ("Thai and Cambodian officials met at the border to discuss the dispute.", "CONSULT", "THA", "KHM"),
    # the owner of a decision acts; the by-agent of a nominal act
    ("Norway's decision to recognize Palestine angered Israel.", "AGREE", "NOR", "PSE"),
    # another's possessive names the counterpart; "let X visit" names X; a host receiving a visitor
    ("Iran accepted Russia's invitation.", "AGREE", "IRN", "RUS"),
    # a group "linked to" a known organisation takes its country
    ("Two French aid workers were kidnapped in Mali by gunmen linked to al-Qaeda.", "ASSAULT", "IMG", "FRA"),
    # a border named after a neighbour does not give the recipients its country
    ("Greek police detained 30 migrants near the Turkish border.", "COERCE", "GRC", "GRC"),
    # companions of the subject act too
    ("France, together with Germany, condemned Iran.", "ACCUSE", "DEU", "IRN"),
    # "to thousands of X": a number heading a collective is no date-like non-actor
    ("Turkey granted citizenship to thousands of Syrian refugees.", "COOPERATE", "TUR", "SYR"),
    # the one asked is the agent of the demanded act
    ("Israel's demand for the release of its hostages by Hamas is unchanged.", "REQUEST", "ISR", "PSE"),
    ("Washington called for the withdrawal of Russian troops from Moldova.", "REQUEST", "USA", "RUS"),
    ("Along with Britain, the US imposed sanctions on Iran.", "SANCTION", "GBR", "IRN"),
    ("Japan joined the US in condemning North Korea.", "ACCUSE", "USA", "PRK"),
    ("Hamas rejected Israel's offer of a two-month truce.", "REJECT", "PSE", "ISR"),
    ("Iran refused to let IAEA inspectors visit the Fordow site.", "REJECT", "IRN", "IGO"),
    ("Chinese President Xi received the visiting Vietnamese prime minister in Beijing.", "CONSULT", "CHN", "VNM"),
    ("The arrest of two Indian fishermen by the Sri Lankan navy angered New Delhi.", "COERCE", "LKA", "IND"),
    ("Spain demanded that its European Union partners refuse to recognize Kosovo.", "REQUEST", "ESP", "IGO"),
    ("Trump expressed growing frustration with Russia's stalling of peace talks.", "ACCUSE", "USA", "RUS"),
    ("The Philippines accused China's coast guard of ramming its vessel.", "ACCUSE", "PHL", "CHN"),
    ("Iran's supreme leader said the country would never negotiate with Washington.", "REJECT", "IRN", "USA"),
    # "came under attack from X"; an agent of a reduced relative; an act noun subject keeps its own target
    ("Ukrainian towns came under attack from Russian drones overnight.", "ASSAULT", "RUS", "UKR"),
    ("Israel's strike on an Iranian consulate in Damascus killed seven officers.", "ASSAULT", "ISR", "IRN"),
    # the one summoned hears the protest; a list of states parsed as an apposition; a report's author or place
    ("Pakistan summoned the Afghan envoy to protest cross-border attacks.", "PROTEST", "PAK", "AFG"),
    ("The US, Russia, and Switzerland met yesterday", "CONSULT", "USA", "CHE"),
    ("A 300-page report released Monday in the Kenyan capital alleged that Uganda had armed the rebels.",
     "ACCUSE", "KEN", "UGA"),
    ("A report published by Human Rights Watch accused Egypt of torturing detainees.", "ACCUSE", "NGO", "EGY"),
    # the proposer of a rejected object; an expulsion "from X" is by X; a venue's host is no party
    ("Sudan's army rejected the truce proposed by Saudi Arabia.", "REJECT", "SDN", "SAU"),
    ("Hundreds of Syrian refugees were deported from Lebanon.", "COERCE", "LBN", "SYR"),
    ("Kenyan diplomats held talks with Ethiopian officials at a dinner hosted by the Ambassador of Kenya.",
     "CONSULT", "KEN", "ETH"),
    # a relative pronoun object stands for its noun; an unnamed crowd protests where it gathers
    ("The soldiers that Russia sent to Mali attacked a village.", "COOPERATE", "RUS", "MLI"),
    ("Thousands protested in Paris against Israel's war in Gaza.", "PROTEST", "FRA", "ISR"),
    ("Hundreds rallied in Nairobi against the new tax law.", "PROTEST", "KEN", "KEN"),
    # pronouns take an agreeing subject of their own or the previous sentence, not the nearest name
    ("Somali militants attacked a Kenyan base on Monday. They also kidnapped three Kenyan soldiers.",
     "ASSAULT", "SOM", "KEN"),
    ("Germany's chancellor visited Kyiv. She promised more air defence systems to Ukraine.", "AGREE", "DEU", "UKR"),
    (("The Syrian rebels there deny they are negotiating a deal and say talks with the Russian military aim to find a "
     "solution."), "CONSULT", "SYR", "RUS"),
]


@pytest.mark.parametrize("text, plover_type, source, target", DIRECTION)
def test_event_args_direction(nlp, text: str, plover_type: str, source: str, target: str) -> None:
    got = dyads(events_of(nlp, text), plover_type)
    assert (source, target) in got, f"{plover_type} dyads: {got}"


# (sentence, PLOVER type, country that must NOT be the target of any event of that type)
NOT_TARGET = [
    ("Norway today accepted a plan for ending its trade dispute with its European Union partners.", "AGREE", "NOR"),
    # allies are a recipient of their own, not the speaker's country
    ("Ukrainian President Volodymyr Zelensky urged Western allies to send more air defence systems.", "REQUEST", "UKR"),
    ("The European Union imposed sanctions on Tuesday on five Iranian companies it accuses of supplying drones to Russia.",
     "ACCUSE", "RUS"),
    ("The European Union imposed sanctions on Tuesday on five Iranian companies it accuses of supplying drones to Russia.",
     "SANCTION", "RUS"),
]


# (sentence, PLOVER type, country that must NOT be the source of any event of that type)
NOT_SOURCE = [
    # "Iranian-backed" names the backer; the offensive's place is not its actor
    ("The Iranian-backed offensive in northern Yemen has killed more than 300 civilians, aid workers said.", "ASSAULT", "IRN"),
    ("Kenya, a key U.S. ally in the region, has refused to deploy troops in Somalia.", "REJECT", "USA"),
    ("Israel was accused by Turkey of violating the ceasefire.", "ASSAULT", "TUR"),
    ("Kosovo refused Serbia's demand to withdraw its police.", "RETREAT", "SRB"),
    ("Germany's chancellor visited Kyiv. She promised more air defence systems to Ukraine.", "AGREE", "UKR"),
    # a coordination inside an organisation's name is not a second actor
    ("The European Centre for Law and Justice petitioned the United Nations.", "REQUEST", None),
    # a region before an event noun says where it happened, not who acted
    ("Marco Rubio spent the week on the West Coast meeting with business leaders.", "CONSULT", None),
]


def test_event_args_reduced_relative_agent(nlp) -> None:
    found = [e for e in events_of(nlp, "Sanctions imposed by Washington on Caracas have hurt the economy.")
             if e.source is not None and e.target is not None]
    assert any((e.source.country, e.target.country) == ("USA", "VEN") for e in found), found


def test_event_args_blamed_on(nlp) -> None:
    found = [e for e in events_of(nlp, "The bombing of the Turkish consulate was blamed on Kurdish militants.")
             if e.plover_type == "ACCUSE"]
    assert found and all(e.target is not None and "militants" in e.target.span.text for e in found)


@pytest.mark.parametrize("text, plover_type, country", NOT_SOURCE)
def test_event_args_not_source(nlp, text: str, plover_type: str, country: str | None) -> None:
    got = dyads(events_of(nlp, text), plover_type)
    assert all(s != country for s, _ in got), f"{plover_type} dyads: {got}"  # (whether the type is coded is events' call)


@pytest.mark.parametrize("text, plover_type, country", NOT_TARGET)
def test_event_args_not_target(nlp, text: str, plover_type: str, country: str) -> None:
    got = dyads(events_of(nlp, text), plover_type)
    assert got and all(t != country for _, t in got), f"{plover_type} dyads: {got}"


# violence told without its perpetrator: an unidentified actor of the country where it happened
UNATTRIBUTED = [
    ("A roadside bombing near the town of Samarra killed one U.S. soldier on Sunday.", "IRQ", "USA"),
    ("A prominent journalist has been killed in a car bomb explosion in eastern Beirut.", "LBN", "LBN"),
    ("The Iranian-backed offensive in northern Yemen has killed more than 300 civilians, aid workers said.", "YEM", "YEM"),
    ("Two reporters were arrested in Cairo on Monday.", "EGY", "EGY"),
]


@pytest.mark.parametrize("text, source, target", UNATTRIBUTED)
def test_event_args_unattributed_perpetrator_takes_the_place(nlp, text: str, source: str, target: str) -> None:
    found = [e for e in events_of(nlp, text) if e.plover_type in ("ASSAULT", "COERCE")]
    # (a passive with "in <place>" already gives the place's authorities in the argument stage)
    assert found and all(e.source is not None and e.source.how in ("location", "place-country") for e in found), found
    assert (found[0].source.country, found[0].target.country if found[0].target else None) == (source, target)


def test_event_args_the_dateline_names_no_perpetrator(nlp) -> None:
    text = "WASHINGTON (AP) — The senator said on Monday that his brother was shot at a shopping mall last year."
    found = [e for e in events_of(nlp, text) if e.plover_type == "ASSAULT"]
    assert all(e.source is None or e.source.how != "location" for e in found), found


def test_event_args_named_perpetrator_is_not_replaced_by_the_place(nlp) -> None:
    found = [e for e in events_of(nlp, "Gunmen from the Islamic State killed five soldiers in Tikrit.")
             if e.plover_type == "ASSAULT"]
    assert found and all(e.source is not None and e.source.how != "location" for e in found), found


def test_event_args_a_date_is_no_party(nlp) -> None:
    text = "Police seek a suspect in the June 2007 murder of a Tennessee man."
    found = [e for e in events_of(nlp, text) if e.plover_type == "ASSAULT"]
    assert all(e.source is None or "2007" not in e.source.span.text for e in found), found


@pytest.mark.parametrize("text, patient", [
    ("Marc Emery, who operates shops, was arrested along with nine others on Monday.", "Marc Emery"),
    ("Wesley Brookes, 18, of Regina has been charged with attempted murder.", "Wesley Brookes"),
])
def test_event_args_a_passive_with_with_keeps_its_subject_as_the_target(nlp, text: str, patient: str) -> None:
    found = events_of(nlp, text)
    assert found and all(e.target is not None and e.target.span.text == patient for e in found), found
    assert all(e.source is None or e.source.span.text != patient for e in found), found
