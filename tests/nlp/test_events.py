"""dyad_events: PLOVER types, who-to-whom, modality and records, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dyad.records import Event


def events_of(nlp, text: str) -> list[Event]:
    doc = nlp(text)
    return list(doc._.events)


def find(events: list[Event], plover_type: str, modality: str | None = None) -> list[Event]:
    return [e for e in events if e.plover_type == plover_type and (modality is None or e.modality == modality)]


def countries(e: Event) -> tuple[str | None, str | None]:
    return (e.source.country if e.source else None, e.target.country if e.target else None)


# (sentence, PLOVER type, source country, target country); None = not checked
TYPES = [
    ("Ukraine and Poland agreed to cooperate on border security.", "AGREE", "UKR", None),
    ("The Turkish president pledged to rebuild the bridge for Syria.", "AGREE", "TUR", None),
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Tuesday.", "CONSULT", "FRA", "DEU"),
    ("Japan's foreign minister held talks with his Chinese counterpart.", "CONSULT", "JPN", "CHN"),
    ("Brazil praised Argentina's new trade policy.", "SUPPORT", "BRA", "ARG"),
    ("Chile signed a defence agreement with Peru.", "SUPPORT", "CHL", "PER"),
    ("The Sudanese government made concessions to the rebels.", "CONCEDE", "SDN", None),
    ("Norway and Sweden cooperate closely on intelligence.", "COOPERATE", "NOR", None),
    ("Germany sent humanitarian aid to Turkey after the earthquake.", "AID", "DEU", "TUR"),
    ("Canada approved a package of military aid for Ukraine.", "AID", "CAN", "UKR"),
    ("Israeli forces withdrew from the Lebanese border town.", "RETREAT", "ISR", None),
    ("Rebels released twelve Nigerian hostages.", "RETREAT", None, "NGA"),
    ("Iraq received UN weapons inspectors.", "RETREAT", "IRQ", "IGO"),
    ("The Kyrgyz prime minister received a team of observers from the OSCE.", "RETREAT", "KGZ", "IGO"),
    ("Mexico demanded an apology from Spain.", "REQUEST", "MEX", "ESP"),
    ("The Polish government urged Belarus to release the journalists.", "REQUEST", "POL", "BLR"),
    ("India accused Pakistan of sheltering militants.", "ACCUSE", "IND", "PAK"),
    ("The Chinese foreign ministry condemned the Japanese visit.", "ACCUSE", "CHN", None),
    ("Iran rejected the European proposal.", "REJECT", "IRN", None),
    ("North Korea threatened South Korea with a nuclear strike.", "THREATEN", "PRK", "KOR"),
    ("Thousands of Kenyan students protested against the government.", "PROTEST", "KEN", None),
    ("The United States imposed sanctions on Venezuela.", "SANCTION", "USA", "VEN"),
    ("Russia deployed troops along the Finnish border.", "MOBILIZE", "RUS", None),
    ("Turkish police arrested dozens of Kurdish activists.", "COERCE", "TUR", None),
    ("The Pakistani army ousted Prime Minister Imran Khan.", "COERCE", "PAK", "PAK"),
    ("Pakistani hackers defaced Indian government websites.", "COERCE", "PAK", "IND"),
    ("Russian warplanes bombed Syrian rebel positions.", "ASSAULT", "RUS", "SYR"),
    ("Moscow launched a barrage of missiles on Ukrainian cities.", "ASSAULT", "RUS", "UKR"),
]


@pytest.mark.parametrize("text, plover_type, source, target", TYPES)
def test_events_codes_each_plover_type(nlp, text: str, plover_type: str, source: str | None, target: str | None) -> None:
    found = find(events_of(nlp, text), plover_type)
    assert found, f"no {plover_type} in {[(e.plover_type, e.trigger.text) for e in events_of(nlp, text)]}"
    if source:
        assert any(source in (e.source and e.source.country, e.target and e.target.country) if e.reciprocal
                   else (e.source and e.source.country) == source for e in found), [countries(e) for e in found]
    if target:
        assert any((e.target and e.target.country) == target or (e.reciprocal and e.source and e.source.country == target)
                   for e in found), [countries(e) for e in found]


DIRECTION = [
    # active voice
    ("Egypt criticized Ethiopia over the dam.", "ACCUSE", "EGY", "ETH"),
    # passive voice keeps the actor as source
    ("Kyiv was attacked by Russian drones overnight.", "ASSAULT", "RUS", "UKR"),
    ("Ethiopia was criticized by Egypt over the dam.", "ACCUSE", "EGY", "ETH"),
    # prepositional targets
    ("Serbia imposed a ban on imports from Kosovo.", "COERCE", "SRB", None),
    ("Colombia appealed to Venezuela for calm.", "REQUEST", "COL", "VEN"),
    ("Hungary protested against the Romanian decision.", "PROTEST", "HUN", None),
    # possessive and nationality adjective on a nominal event
    ("Russia's assault on Ukraine continued.", "ASSAULT", "RUS", "UKR"),
    # light verb carries the subject to the nominal event
    ("Ankara launched an offensive against Kurdish fighters in Syria.", "ASSAULT", "TUR", None),
    # the object of a verb+object trigger can be the recipient; force used "in" a country targets it
    ("Pakistan expelled two Indian diplomats.", "SANCTION", "PAK", "IND"),
    ("Ukrainian drones struck an oil refinery in the Russian region of Saratov.", "ASSAULT", "UKR", "RUS"),
    # "the Saudi-led coalition": the leader, not a backer, gives the country
    ("The Saudi-led coalition bombed Yemen.", "ASSAULT", "SAU", "YEM"),
    # no named recipient: the place where the act (or the act it embeds) happens is the target
    ("Kenya agreed to open a new consulate in Somalia.", "AGREE", "KEN", "SOM"),
    ("Chinese workers rioted at a factory in Vietnam.", "PROTEST", "CHN", "VNM"),
    ("The Egyptian army threatened to impose a curfew in Libya.", "THREATEN", "EGY", "LBY"),
    # a recipient named without a country takes the place of the act, else (domestic acts) the source's
    ("Police arrested dozens of students at a university in Khartoum.", "COERCE", "SDN", "SDN"),
    ("Chinese police detained several students.", "COERCE", "CHN", "CHN"),
    # victims as subjects of "die": the target; the force named in the adjuncts is the source
    ("Two Indian soldiers died in clashes with Chinese troops.", "ASSAULT", "CHN", "IND"),
    ("Three Syrian civilians died under Turkish shelling.", "ASSAULT", "TUR", "SYR"),
    # object control parsed as a clause ("allow X to"), and "up to N" objects
    ("Kenya will allow 500 Somali refugees to return home.", "AGREE", "KEN", "SOM"),
    ("Afghan rebels have kidnapped up to 16 Russian civilian advisers.", "ASSAULT", "AFG", "RUS"),
    # a source named without a country is a local actor of the place of the act
    ("Opposition leaders agreed to postpone the rally in Baku.", "AGREE", "AZE", "AZE"),
    ("A newspaper based in Beirut has violated a ban by the army.", "REJECT", "LBN", None),
    # a group named inside the noun phrase, and a place in apposition ("in the capital, Kabul")
    ("US drone strikes have killed at least eight top al-Qaeda leaders.", "ASSAULT", "USA", "IMG"),
    ("Afghan rebels exploded a series of bombs in the capital, Kabul.", "ASSAULT", "AFG", "AFG"),
    # "ethnic X" names a people, not the state: the place of the act gives the country
    ("Ethnic Russians protested in Tallinn against the language law.", "PROTEST", "EST", "EST"),
    # a same-type participle told with the act gives its recipient
    ("Israeli troops raided the camp, killing three Palestinians.", "ASSAULT", "ISR", "PSE"),
    # refugees are recipients; those fleeing a country belong to it
    ("Turkey sent aid to refugees fleeing Syria.", "AID", "TUR", "SYR"),
    ("The United Nations sent food aid to refugees fleeing the civil war in Liberia.", "AID", "IGO", "LBR"),
]


@pytest.mark.parametrize("text, plover_type, source, target", DIRECTION)
def test_events_direction_patterns(nlp, text: str, plover_type: str, source: str, target: str | None) -> None:
    found = find(events_of(nlp, text), plover_type)
    assert found, [(e.plover_type, e.trigger.text) for e in events_of(nlp, text)]
    assert any((e.source and e.source.country) == source for e in found), [countries(e) for e in found]
    if target:
        assert any((e.target and e.target.country) == target for e in found), [countries(e) for e in found]


def test_events_reciprocal_meeting_is_one_event(nlp) -> None:
    found = find(events_of(nlp, "Portugal and Spain met in Lisbon to discuss fishing quotas."), "CONSULT")
    assert len(found) == 1 and found[0].reciprocal
    assert {found[0].source.country, found[0].target.country} == {"PRT", "ESP"}


def test_events_attack_told_by_noun_and_verb_is_one_event(nlp) -> None:
    found = find(events_of(nlp, "Israeli airstrikes killed 20 people in Gaza on Sunday."), "ASSAULT")
    assert len(found) == 1 and countries(found[0]) == ("ISR", "PSE")


def test_events_coordinated_signatories_are_reciprocal(nlp) -> None:
    found = find(events_of(nlp, "Turkey and Russia signed a gas deal."), "SUPPORT")
    assert len(found) == 1 and found[0].reciprocal and set(countries(found[0])) == {"TUR", "RUS"}


def test_events_compound_actors_give_one_event_per_dyad(nlp) -> None:
    found = find(events_of(nlp, "The United States and France accused Russia of election interference."), "ACCUSE")
    assert {countries(e) for e in found} >= {("USA", "RUS"), ("FRA", "RUS")}


def test_events_hyphenated_meeting_names_both_parties(nlp) -> None:
    found = find(events_of(nlp, "Officials said the Macron-Scholz meeting went well."), "CONSULT")
    assert found and found[0].reciprocal
    names = sorted([found[0].source.name, found[0].target.name])
    assert names[0].endswith("Macron") and names[1].endswith("Scholz")


def test_events_met_with_is_reciprocal(nlp) -> None:
    found = find(events_of(nlp, "The Iraqi prime minister met with Iranian officials in Baghdad."), "CONSULT")
    assert found and found[0].reciprocal
    assert {found[0].source.country, found[0].target.country} == {"IRQ", "IRN"}


MODALITY = [
    ("Russia did not attack the Ukrainian port.", "ASSAULT", "negation"),
    ("The minister refused to meet the Iranian delegation.", "CONSULT", "negation"),
    ("Syria denied attacking Turkish troops.", "ASSAULT", "negation"),
    ("Rubio came in not to negotiate with Russia.", "CONSULT", "negation"),
    ("China will impose sanctions on Lithuania next month.", "SANCTION", "future"),
    ("Israel is expected to launch strikes on Lebanon.", "ASSAULT", "future"),
    ("If Russian forces attack Estonia, NATO will respond.", "ASSAULT", "hypothetical"),
    ("Whether Moscow attacks Georgia remains uncertain.", "ASSAULT", "hypothetical"),
    ("Iran could attack Israeli ships.", "ASSAULT", "hypothetical"),
    ("Russia's army can strike Ukrainian cities at any time.", "ASSAULT", "hypothetical"),  # ability, not an act
    ("During his presidency, Trump imposed sanctions on Iran.", "SANCTION", "historical"),
    ("The Biden administration had imposed sanctions on Russia.", "SANCTION", "historical"),
    ("Egypt imposed sanctions on Libya.", "SANCTION", "asserted"),
    # an act named by an infinitive on an object noun takes the governing verb's cue
    ("The rebels rejected an invitation to attend peace talks with the government.", "CONSULT", "negation"),
    ("Beijing demanded that Washington cancel plans to sell weapons to Taiwan.", "AID", "hypothetical"),
    # the purpose of an act is not itself done, unless it is what a journey or a dispatch was for
    ("Students blocked roads in Algiers to demand the release of detained activists.", "REQUEST", "hypothetical"),
    ("The UN sent inspectors to Iraq to investigate the weapons program.", "ACCUSE", "asserted"),
]


@pytest.mark.parametrize("text, plover_type, modality", MODALITY)
def test_events_modality(nlp, text: str, plover_type: str, modality: str) -> None:
    got = [(e.plover_type, e.modality) for e in events_of(nlp, text)]
    assert (plover_type, modality) in got, got


def test_events_future_cooperation_is_agree(nlp) -> None:
    got = events_of(nlp, "Japan will send food aid to North Korea.")
    assert find(got, "AGREE") and not find(got, "AID", "asserted")


@pytest.mark.parametrize("text", ["Hamas swore to avenge the killing of its leader.",
                                  "The rebels pledged to continue fighting government forces."])
def test_events_sworn_or_pledged_hostile_act_is_threaten(nlp, text: str) -> None:
    assert find(events_of(nlp, text), "THREATEN", "asserted"), [(e.plover_type, e.modality) for e in events_of(nlp, text)]
    assert not find(events_of(nlp, text), "ASSAULT")


@pytest.mark.parametrize("text, plover_type, not_country",
                         [("A prominent anti-Syria journalist has been killed in Beirut.", "ASSAULT", "SYR"),
                          ("Pro-Russian separatists attacked a Ukrainian checkpoint.", "ASSAULT", "RUS")])
def test_events_stance_prefix_does_not_give_the_country(nlp, text: str, plover_type: str, not_country: str) -> None:
    found = find(events_of(nlp, text), plover_type)
    assert found and not_country not in {c for e in found for c in countries(e)}, [countries(e) for e in found]


def test_events_violence_told_as_part_of_a_riot_is_the_riot(nlp) -> None:
    events = events_of(nlp, "Palestinian prisoners rioted at a jail in Israel, setting fire to their mattresses and smashing furniture.")
    assert find(events, "PROTEST") and not find(events, "ASSAULT"), [(e.plover_type, e.trigger.text) for e in events]


def test_events_threat_to_attack_is_one_threaten(nlp) -> None:
    got = events_of(nlp, "Iran threatened to attack American bases.")
    assert find(got, "THREATEN", "asserted") and not find(got, "ASSAULT", "asserted")


def test_events_conditional_hostile_announcement_is_threaten(nlp) -> None:
    got = events_of(nlp, "Nigeria said it will withdraw its troops from Chad unless the rebels disarm.")
    assert find(got, "THREATEN")


def test_events_reported_obligation_is_a_demand(nlp) -> None:
    got = events_of(nlp, "Russia said on Tuesday that Sudan must return the captured helicopter.")
    found = find(got, "REQUEST")
    assert found and countries(found[0]) == ("RUS", "SDN") and not find(got, "RETREAT")


def test_events_halting_talks_is_a_sanction(nlp) -> None:
    found = find(events_of(nlp, "Iran halted talks with Britain."), "SANCTION")
    assert found and countries(found[0]) == ("IRN", "GBR") and not found[0].reciprocal


def test_events_reporting_verbs_are_not_events(nlp) -> None:
    assert events_of(nlp, "The French foreign minister said on Monday that the talks were useful.") == [] or all(
        e.plover_type != "CONSULT" or e.trigger.text != "said" for e in events_of(nlp, "The French foreign minister said on Monday."))
    assert events_of(nlp, "The Kenyan president told reporters he was tired.") == []
    assert events_of(nlp, "Malian rebels control the northern town of Kidal.") == []  # holding ground is no act
    assert not find(events_of(nlp, "Russia is seeking to expand its influence in Africa."), "REQUEST")  # an attempt
    assert find(events_of(nlp, "Ukraine sought military aid from Germany."), "REQUEST")


def test_events_boilerplate_makes_no_event(nlp) -> None:
    assert events_of(nlp, "Impact Shorts\nView All\nWith inputs from agencies") == []


def test_events_record_fields(nlp) -> None:
    text = "Russian forces shelled the Ukrainian city of Kharkiv on Monday."
    doc = nlp(text)
    doc._.article_id = "a1"
    (e, *_) = find(list(doc._.events), "ASSAULT")
    assert text[e.trigger.start:e.trigger.end] == e.trigger.text == "shelled"
    assert text[e.sentence.start:e.sentence.end] == e.sentence.text
    assert e.cameo_code and e.cameo_code.startswith(("18", "19", "20"))
    assert e.goldstein is not None and e.goldstein < 0 and e.quad_class == 4
    assert 0 < e.confidence <= 1 and e.id and e.modality == "asserted" and not e.reciprocal
    assert text[e.source.span.start:e.source.span.end] == e.source.span.text


def test_events_ids_are_stable(nlp) -> None:
    text = "Chile signed a defence agreement with Peru."
    assert [e.id for e in events_of(nlp, text)] == [e.id for e in events_of(nlp, text)]


# (sentence, type that must be coded as a scored fact, types that must not be)
SCORED = ("asserted", "future", "historical")
TYPING = [
    # taking ground in fighting is force; captured combatants are abducted (PLOVER COERCE ambiguities)
    ("Ethiopian troops captured the border town of Zalambessa after heavy fighting.", "ASSAULT", {"COERCE"}),
    ("Rebels overran an army outpost in the north.", "ASSAULT", {"COERCE"}),
    ("Kurdish fighters captured three Turkish soldiers near the border.", "ASSAULT", {"COERCE"}),
    ("Government forces liberated the town of Kafr Nabl.", "ASSAULT", {"CONCEDE"}),
    # delivery verbs report aid given, not an intent to give it
    ("Belarus supplied drones to Russia last year.", "AID", {"AGREE"}),
    # a demand made as pressure to act
    ("The ministry pressured the union to call off the strike.", "REQUEST", {"COERCE"}),
    # armed units arriving: peacekeepers are let in, other troops mobilised; neither is a visit
    ("Nepalese peacekeeping troops arrived in South Sudan on Monday.", "RETREAT", {"CONSULT"}),
    ("Hundreds of Russian troops arrived in Belarus on Monday.", "MOBILIZE", {"CONSULT"}),
    ("The city was sealed off and hundreds of extra police brought in.", "MOBILIZE", set()),
    # pressing an offensive is force, not a demand
    ("The Sudanese army is pressing its military operations in Darfur.", "ASSAULT", {"REQUEST"}),
    ("Turkish forces pressed into the Kurdish enclave.", "ASSAULT", {"REQUEST"}),
    # imprisonment is COERCE arrest (PLOVER SANCTION ambiguities)
    ("A Tunisian court jailed an Algerian activist for two years.", "COERCE", {"SANCTION"}),
    # withdrawing from a treaty or body reduces relations; summoning an ambassador is a diplomatic protest;
    # cancelling a visit is a refusal (PLOVER manual)
    ("Burundi pulled out of the International Criminal Court.", "SANCTION", {"RETREAT"}),
    ("Washington withdrew from the nuclear agreement with Iran.", "SANCTION", {"RETREAT"}),
    ("The Foreign Ministry summoned the Iranian ambassador over the arrests.", "ACCUSE", {"CONSULT"}),
    ("The Israeli prime minister cancelled his visit to Washington.", "REJECT", {"CONSULT"}),
    ("The rebels gave the government a 48-hour ultimatum.", "THREATEN", {"REQUEST"}),
    ("Canada welcomed the ceasefire agreement.", "SUPPORT", {"CONSULT"}),
    ("Iranian police raided the offices of a reformist newspaper.", "COERCE", {"ASSAULT"}),
    ("Israel lifted the blockade of the Gaza Strip.", "RETREAT", {"PROTEST"}),
    ("Moscow halted gas supplies to Ukraine.", "SANCTION", set()),
    ("Serbia said it would cut off electricity to Kosovo if the province declared independence.", "THREATEN", set()),
    ("The authorities expelled a BBC correspondent.", "COERCE", {"SANCTION"}),
    ("Russia opened a criminal case against the Ukrainian pilots.", "ACCUSE", set()),
    # workers striking stop work; they attack no one
    ("Kenyan doctors went on strike on Monday over unpaid salaries.", "PROTEST", {"ASSAULT"}),
    # an actor saying it will do a hostile act threatens it (PLOVER THREATEN, mode = the threat's content)
    ("Kenyan doctors said they would strike from Monday over unpaid salaries.", "THREATEN", {"ASSAULT", "PROTEST"}),
    ("Radical French farmers said on Friday they would blockade Paris from Monday night.", "THREATEN", {"COERCE"}),
    ("The militia warned it would attack the convoy.", "THREATEN", {"ASSAULT"}),
    # diplomatic protests are accusations; a labour strike is a protest; protesters gathering rally
    ("Indonesia lodged a formal protest with Australia over the surveillance flights.", "ACCUSE", {"PROTEST"}),
    ("Nigeria's main labour unions launched an indefinite nationwide strike on Monday.", "PROTEST", {"ASSAULT"}),
    ("Protesters gathered in front of the parliament in Nairobi.", "PROTEST", {"CONSULT"}),
    # a single country's drills are a mobilisation (joint ones cooperation)
    ("China's military launched large-scale drills around Taiwan on Thursday.", "MOBILIZE", {"COOPERATE"}),
    # an announced decision is the act itself
    ("The United States announced it would prohibit all aid to the rebels.", "SANCTION", {"THREATEN"}),
    # what is withdrawn decides the type
    ("Qatar withdrew its ambassador from Egypt.", "SANCTION", {"RETREAT"}),
    ("The Thai government withdrew the security law after mass protests.", "CONCEDE", {"RETREAT"}),
    ("The Syrian army withdrew its tanks from the demilitarized zone.", "RETREAT", {"SANCTION"}),
    ("The Soviet Union boycotted the Los Angeles Olympics.", "SANCTION", {"PROTEST"}),
    ("Thousands of Chilean students boycotted classes in Santiago.", "PROTEST", {"SANCTION"}),
    ("Bolivia terminated its cooperation agreement with the United States.", "SANCTION", set()),
    # protesters using force riot; with military weapons they attack
    ("Kenyan protesters attacked police stations in Nairobi.", "PROTEST", {"ASSAULT"}),
    ("Georgian demonstrators launched missiles at the Georgian government.", "ASSAULT", {"PROTEST"}),
    ("Turkey supplied the Libyan government with armed drones.", "AID", {"COOPERATE"}),
    ("Russia and China held joint naval drills in the Sea of Japan.", "COOPERATE", {"MOBILIZE"}),
]


@pytest.mark.parametrize("text, plover_type, wrong", TYPING)
def test_events_type_of_ambiguous_triggers(nlp, text: str, plover_type: str, wrong: set[str]) -> None:
    scored = [e for e in events_of(nlp, text) if e.modality in SCORED]
    types = {e.plover_type for e in scored}
    assert plover_type in types, [(e.plover_type, e.trigger.text, e.modality) for e in events_of(nlp, text)]
    assert not types & wrong, [(e.plover_type, e.trigger.text, e.modality) for e in scored]


# (sentence, the one type scored as fact): the main event only, nothing from what it blames, demands,
# promises or describes
MAIN_EVENT_ONLY = [
    ("Palestinians blamed Israel for the bombing of a refugee camp.", "ACCUSE"),
    ("Greece accused Turkey of bad faith in the negotiations on Cyprus.", "ACCUSE"),
    ("Bosnian Serbs demanded a truce before allowing UN aid convoys into the enclave.", "REQUEST"),
    ("Egypt offered its troops to Libya's new government to help it oust the militias.", "AGREE"),
    ("The Indian president hosted the Nepalese premier for an informal meeting aimed at establishing closer relations.",
     "CONSULT"),
    ("Chile apologized to Peru for the incident in the strait, disputed by both countries.", "SUPPORT"),
    ("The Jordanian king refused to meet Israel's visiting prime minister.", "REJECT"),
    ("The union said it will strike unless the president agrees to step down.", "THREATEN"),
    ("The European Union may halt mediation if cooperation by the parties collapses.", "THREATEN"),
    ("The minister insisted the unrest reflected old ethnic tensions.", None),
    ("The Kenyan opposition leader called the election a fraud.", None),
    ("The French president called the German chancellor on Tuesday.", "CONSULT"),
    ("The court fired its spokesman after a news release on the case.", None),
    ("Britain sent food and medicine to refugees who fled the fighting in Darfur.", "AID"),
    ("Israel released 20 Palestinian prisoners as part of a deal brokered by Egypt.", "RETREAT"),
    ("Damascus rejected a Turkish offer to mediate between the government and the Kurdish militia.", "REJECT"),
    ("Russia and Ukraine agreed on a prisoner exchange.", "AGREE"),
    ("The Kenyan police posted warning signs along the border road.", None),
    ("The Sudanese government warned that it would expel aid agencies that cooperated with the court.", "THREATEN"),
    ("Security forces prevented opposition supporters from marching to the palace.", "COERCE"),
    ("The EU imposed sanctions on Russia over the invasion of Ukraine.", "SANCTION"),
    ("Azerbaijan mobilized reservists after clashes with Armenian forces.", "MOBILIZE"),
    ("Thousands protested in Athens against austerity measures demanded by the EU.", "PROTEST"),
    ("Egyptian police arrested a man who had bought an assault rifle in Cairo.", "COERCE"),
    ("China criticized the American decision to sell weapons to Taiwan.", "ACCUSE"),
    ("Germany backed the French proposal to impose new sanctions on Iran.", "SUPPORT"),
    ("Spanish police arrested the suspect at the request of the Italian government.", "COERCE"),
    ("The Indian police received letters from the public.", None),
    ("The French police went to an address in the suburbs.", None),
    ("The Kenyan ministry released the names of the victims.", None),
    ("The Spanish king received the Moroccan prime minister in Madrid.", "CONSULT"),
]


@pytest.mark.parametrize("text, plover_type", MAIN_EVENT_ONLY)
def test_events_only_the_main_event_is_a_fact(nlp, text: str, plover_type: str | None) -> None:
    scored = {e.plover_type for e in events_of(nlp, text) if e.modality in SCORED}
    assert scored == ({plover_type} if plover_type else set()), \
        [(e.plover_type, e.trigger.text, e.modality) for e in events_of(nlp, text)]


@pytest.mark.parametrize("text, published, plover_type", [
    # a participial or temporal clause of a past event is past too
    ("The general dismissed the judges in 2015 after they ruled against him, sparking mass protests.",
     "2020-05-01", "PROTEST"),
    # a year on the nominal event
    ("The town was the centre of the 2011 protests.", "2020-05-01", "PROTEST"),
    # a relative clause set in the past on the noun phrase of the event
    ("The city was the centre of street protests in Sanaa against the president's rule that began ten years ago.",
     "2020-05-01", "PROTEST"),
])
def test_events_background_of_past_events_is_historical(nlp, text: str, published: str, plover_type: str) -> None:
    import dyad

    coded = dyad.code_text(nlp, text, published=published)
    found = [e for e in coded.events if e.plover_type == plover_type]
    assert not [e for e in found if e.modality == "asserted"], [(e.trigger.text, e.modality) for e in found]


def test_events_unnamed_protesters_are_people_of_the_place(nlp) -> None:
    import dyad

    coded = dyad.code_text(nlp, "Tunis was the main centre of street protests in Tunisia against President Ben Ali's rule.",
                           published="2020-05-01")
    found = [e for e in coded.events if e.plover_type == "PROTEST"]
    assert found and found[0].source and found[0].source.country == "TUN", [(e.source, e.target) for e in found]


@pytest.mark.parametrize("text, plover_type", [
    ("Egypt has no plans to send troops to Libya.", "MOBILIZE"),
    ("Analysts said sanctions against Iran would be unlikely.", "SANCTION"),
    ("Kenya stopped short of expelling the ambassador.", "SANCTION"),
    ("Rwanda denied reports that its troops had attacked Congolese villages.", "ASSAULT"),
])
def test_events_unrealised_acts_are_not_facts(nlp, text: str, plover_type: str) -> None:
    scored = [e for e in events_of(nlp, text) if e.modality in SCORED and e.plover_type == plover_type]
    assert not scored, [(e.plover_type, e.trigger.text, e.modality) for e in events_of(nlp, text)]


def test_events_relative_clause_dated_before_the_news_is_historical(nlp) -> None:
    text = "Hundreds of Albanians demonstrated on Tuesday in Serbia, where 24 people were killed in riots last March."
    killed = [e for e in events_of(nlp, text) if e.trigger.text == "killed"]
    assert killed and all(e.modality == "historical" for e in killed), [(e.trigger.text, e.modality) for e in killed]


@pytest.mark.parametrize("text", ["The company fired its chief executive on Monday.", "Police fired tear gas at protesters."])
def test_events_firing_staff_or_a_weapon_is_no_coercion(nlp, text: str) -> None:
    assert not find(events_of(nlp, text), "COERCE")


@pytest.mark.parametrize(
    "text, alleged",
    [
        ("Beijing accused Manila of deliberately ramming a Chinese coast guard vessel.", "ASSAULT"),
        ("Rwanda was accused by Congo's government of backing M23 rebels in North Kivu.", "SUPPORT"),
        ("Hezbollah's leader accused Israel of violating the ceasefire more than 100 times.", "ASSAULT"),
        ("The European Union imposed sanctions on Tuesday on five Iranian companies it accuses of supplying drones to "
         "Russia.", "AID"),
    ],
)
def test_events_an_alleged_act_is_no_fact(nlp, text: str, alleged: str) -> None:
    found = events_of(nlp, text)
    assert find(found, "ACCUSE"), found
    assert not find(found, alleged, "asserted"), found  # the accusation is the event, not what it alleges


@pytest.mark.parametrize(
    "text",
    [
        "Rwanda denied on Tuesday that it had deployed troops inside the Democratic Republic of Congo.",
        "Turkey denied massing troops on the Syrian border.",
    ],
)
def test_events_a_denial_is_no_rejection_and_the_denied_act_no_fact(nlp, text: str) -> None:
    found = events_of(nlp, text)
    assert not find(found, "REJECT") and not [e for e in found if e.modality == "asserted"], found


def test_events_denying_a_request_is_a_rejection(nlp) -> None:
    found = events_of(nlp, "The district administration has denied land allocation for the construction of a temple.")
    assert find(found, "REJECT", "asserted"), found


def test_events_a_death_is_no_attack_unless_force_is_named(nlp) -> None:
    assert not find(events_of(nlp, "One of the court's most conservative justices, Antonin Scalia, died in February."),
                    "ASSAULT")
    assert find(events_of(nlp, "Two soldiers died in clashes with Taliban fighters in Helmand."), "ASSAULT")
    assert find(events_of(nlp, "Five people died in an airstrike on the market in Idlib."), "ASSAULT")


def test_events_fighting_for_a_value_is_no_combat(nlp) -> None:
    assert not find(events_of(nlp, "He has fought for our religious liberty."), "ASSAULT")
    assert find(events_of(nlp, "Rebels fought for control of the town of Marib."), "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        # false friends: an idea "met with" a reaction, an index declining, influence amassed
        "Those calls have been met with equally passionate responses by Trump supporters.",
        "Elsewhere, the Eurostoxx lost 2.25 per cent and the FTSE100 declined by 2.4 per cent.",
        "The advertisers' efforts demonstrate the influence the Parkland students have amassed.",
        # instructions to the reader, finding out, retorts, records, debates and fundraising
        "If anyone has information regarding this incident, contact the County of Brant OPP detachment.",
        "Amber said she was shocked when she found out she had been selected for the internship.",
        '"Jeb wants to be a tough guy tonight," Trump shot back.',
        "The Iowa Republican caucus blasted through its 2012 record of 121,354 voters.",
        "When he moderated a Democratic debate, Ramos reminded viewers about his daughter's job.",
        "The governor's campaign struggles to raise money.",
    ],
)
def test_events_false_friends_code_nothing(nlp, text: str) -> None:
    assert events_of(nlp, text) == []


def test_events_a_crowd_gathering_is_a_rally_and_ministers_gathering_a_meeting(nlp) -> None:
    assert find(events_of(nlp, "More than 1,000 people gathered Sunday at a Calgary rally to demand an end to the tax."),
                "PROTEST", "asserted")
    assert find(events_of(nlp, "The foreign ministers gathered in Brussels for talks on Ukraine."), "CONSULT")
    assert not find(events_of(nlp, "Jill Stein says she has gathered enough money to fund a recount."), "CONSULT")



def test_events_an_interview_question_is_no_request_but_a_request_is(nlp) -> None:
    text = 'Asked what a firm commitment looks like, Devine replied: "We are a long way off from that."'
    assert not find(events_of(nlp, text), "REQUEST")
    assert find(events_of(nlp, "Kenya asked Uganda to withdraw its troops."), "REQUEST", "asserted")
    assert find(events_of(nlp, "The soldiers shot back at the attackers."), "ASSAULT")
