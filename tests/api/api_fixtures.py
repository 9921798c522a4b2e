"""Hand-built coded articles for the API and dashboard tests: three short articles written for dyad's
tests, with events (asserted, negated, hypothetical, reported), quotes, flags and annotations whose
spans are found in the text, so every offset is right by construction."""

from __future__ import annotations

import datetime as dt

from dyad.records import (
    Actor,
    ActorRef,
    Annotation,
    Article,
    Coded,
    Event,
    Flag,
    Place,
    Quote,
    Role,
    Span,
    TimeExpr,
)

SUMMIT = (
    "Russian Foreign Minister Sergei Lavrov met US Secretary of State Marco Rubio in Kuala Lumpur on Thursday, "
    "the first face-to-face talks between the two diplomats since February. "
    "Rubio said the meeting was frank and constructive. "
    "\"We will not lift sanctions until the fighting stops,\" Rubio told reporters after the talks. "
    "Lavrov denied that Russian forces had shelled civilian areas in Kharkiv. "
    "Ukraine accused Russia of striking an energy facility near Kharkiv overnight."
)

GAZA = (
    "Israeli aircraft struck targets in Gaza City on Saturday, the health ministry said. "
    "Egypt called on Israel to halt the offensive and offered to host new talks in Cairo. "
    "Officials said Qatar might mediate between Israel and Hamas if a ceasefire holds."
)

NAIROBI = (
    "Police in Nairobi fired tear gas at protesters on Tuesday as demonstrations against the finance bill "
    "spread to Mombasa. Kenyan President William Ruto met opposition leaders in Nairobi on Wednesday."
)

PLACES = {
    "Kuala Lumpur": (1735161, "MYS", 3.1412, 101.68653, "city"),
    "Kharkiv": (706483, "UKR", 49.98081, 36.25272, "city"),
    "Gaza City": (281133, "PSE", 31.50161, 34.46672, "city"),
    "Cairo": (360630, "EGY", 30.06263, 31.24967, "city"),
    "Nairobi": (184745, "KEN", -1.28333, 36.81667, "city"),
    "Mombasa": (186301, "KEN", -4.05466, 39.66359, "city"),
}

ACTORS = {
    "Q187383": Actor("Q187383", "Sergei Lavrov", "RUS", "GOV", "RUSGOV", "person", ("Lavrov",),
                     (Role("Minister of Foreign Affairs", "Russian MFA", "RUS", "GOV", dt.date(2004, 3, 9)),)),
    "Q324546": Actor("Q324546", "Marco Rubio", "USA", "GOV", "USAGOV", "person", ("Rubio",),
                     (Role("Secretary of State", "US Department of State", "USA", "GOV", dt.date(2025, 1, 21)),)),
    "Q212": Actor("Q212", "Ukraine", "UKR", None, "UKR", "country"),
    "Q159": Actor("Q159", "Russia", "RUS", None, "RUS", "country"),
    "Q801": Actor("Q801", "Israel", "ISR", None, "ISR", "country"),
    "Q79": Actor("Q79", "Egypt", "EGY", None, "EGY", "country"),
    "Q846": Actor("Q846", "Qatar", "QAT", None, "QAT", "country"),
    "Q38799": Actor("Q38799", "Hamas", "PSE", "REB", "PSEREB", "organisation"),
    "Q1048186": Actor("Q1048186", "William Ruto", "KEN", "GOV", "KENGOV", "person", ("Ruto",)),
}


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def sentence(text: str, needle: str) -> Span:
    """The sentence of ``text`` containing ``needle`` (sentences end with '. ')."""
    at = text.index(needle)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def ref(text: str, needle: str, actor_id: str | None, name: str | None = None, role: str | None = None,
        nth: int = 0, sector: str | None = None, country: str | None = None) -> ActorRef:
    actor = ACTORS.get(actor_id or "")
    return ActorRef(span(text, needle, nth), name or (actor.name if actor else needle), actor_id,
                    country or (actor.country if actor else None), sector or (actor.sector if actor else None),
                    role, "kb" if actor else "entity")


def place(text: str, name: str, nth: int = 0) -> Place:
    gid, country, lat, lon, feature = PLACES[name]
    return Place(span(text, name, nth), name, gid, country, lat, lon, feature)


def when(text: str, needle: str | None, value: str) -> TimeExpr:
    if needle is None:
        return TimeExpr(value, "day", None, fallback=True)
    return TimeExpr(value, "day" if len(value) == 10 else "month", span(text, needle))


def summit() -> Coded:
    t, aid = SUMMIT, "art-summit"
    quote = Quote("q-summit-1", aid, span(t, "We will not lift sanctions until the fighting stops,"), "direct",
                  span(t, "told"), ref(t, "Rubio", "Q324546", nth=2), span(t, "Rubio", 2))
    meet = Event(
        "ev-meet", aid, sentence(t, "Lavrov met"), span(t, "met"), "CONSULT", "visit", ("diplomatic",), "040",
        1.0, 1, ref(t, "Sergei Lavrov", "Q187383", role="Minister of Foreign Affairs of Russia"),
        ref(t, "Marco Rubio", "Q324546", role="Secretary of State of the United States"), True,
        when(t, "Thursday", "2025-07-10"), place(t, "Kuala Lumpur"), "asserted", None, 0.92)
    sanctions = Event(
        "ev-sanctions", aid, sentence(t, "We will not lift"), span(t, "lift"), "EASE_SANCTIONS", None, (), "0814",
        7.0, 2, ref(t, "We", "Q324546", name="Marco Rubio"), None,
        False, when(t, None, "2025-07-10"), None, "negation", "q-summit-1", 0.55)
    shelling_denied = Event(
        "ev-shell-denied", aid, sentence(t, "Lavrov denied"), span(t, "shelled"), "ASSAULT", "aerial", (), "195",
        -10.0, 4, ref(t, "Russian forces", None, name="Russian forces", country="RUS", sector="MIL"),
        ref(t, "civilian areas", None, name="civilians", country="UKR", sector="CVL"), False,
        when(t, None, "2025-07-10"), place(t, "Kharkiv"), "negation", None, 0.6)
    denial = Event(
        "ev-deny", aid, sentence(t, "Lavrov denied"), span(t, "denied"), "REJECT", None, (), "125", -5.0, 3,
        ref(t, "Lavrov", "Q187383", nth=1), None, False, when(t, None, "2025-07-10"), None, "asserted", None, 0.5)
    accuse = Event(
        "ev-accuse", aid, sentence(t, "Ukraine accused"), span(t, "accused"), "ACCUSE", "disapprove", (), "112",
        -2.0, 3, ref(t, "Ukraine", "Q212"), ref(t, "Russia", "Q159", nth=1), False,
        TimeExpr("2025-07-10", "day", span(t, "overnight")), place(t, "Kharkiv", 1), "asserted", None, 0.8)
    flag = Flag("role_contradiction", "Rubio is called Secretary of State; the KB agrees from 2025-01-21.", aid,
                (span(t, "US Secretary of State Marco Rubio"),), "ev-meet", "Q324546")
    annotations = (
        Annotation("actor", span(t, "Sergei Lavrov"), "Q187383", "Minister of Foreign Affairs"),
        Annotation("actor", span(t, "Marco Rubio"), "Q324546", "Secretary of State"),
        Annotation("actor", span(t, "Ukraine"), "Q212"),
        Annotation("place", span(t, "Kuala Lumpur"), "1735161", "MYS"),
        Annotation("place", span(t, "Kharkiv"), "706483", "UKR"),
        Annotation("time", span(t, "Thursday"), "2025-07-10"),
        Annotation("time", span(t, "February"), "2025-02"),
        Annotation("entity", span(t, "Russian"), "NORP"),
    )
    article = Article(aid, t, "Rubio and Lavrov meet in Kuala Lumpur", "https://news.example/kl-talks", "Example Wire",
                      dt.date(2025, 7, 10), input="summit.txt")
    return Coded(article, (meet, sanctions, shelling_denied, denial, accuse), (quote,), (flag,),
                 (ACTORS["Q187383"], ACTORS["Q324546"], ACTORS["Q212"], ACTORS["Q159"]), annotations)


def gaza() -> Coded:
    t, aid = GAZA, "art-gaza"
    strike = Event(
        "ev-strike", aid, sentence(t, "Israeli aircraft"), span(t, "struck"), "ASSAULT", "aerial", (), "195",
        -10.0, 4, ref(t, "Israeli aircraft", "Q801", name="Israel", sector="MIL"),
        ref(t, "targets", None, name="Gaza", country="PSE"), False, when(t, "Saturday", "2025-07-12"),
        place(t, "Gaza City"), "asserted", None, 0.85)
    demand = Event(
        "ev-demand", aid, sentence(t, "Egypt called"), span(t, "called on"), "DEMAND", None, (), "10", -5.0, 3,
        ref(t, "Egypt", "Q79"), ref(t, "Israel", "Q801"), False, when(t, None, "2025-07-12"), None, "asserted", None,
        0.7)
    offer = Event(
        "ev-offer", aid, sentence(t, "Egypt called"), span(t, "offered"), "COOPERATE", None, (), "03", 4.0, 1,
        ref(t, "Egypt", "Q79"), ref(t, "Israel", "Q801"), False, when(t, None, "2025-07-12"), place(t, "Cairo"),
        "future", None, 0.6)
    mediate = Event(
        "ev-mediate", aid, sentence(t, "Qatar might"), span(t, "mediate"), "MEDIATE", None, (), "043", 5.0, 1,
        ref(t, "Qatar", "Q846"), ref(t, "Israel", "Q801", nth=2), False, when(t, None, "2025-07-12"), None,
        "hypothetical", None, 0.4)
    annotations = (
        Annotation("place", span(t, "Gaza City"), "281133", "PSE"),
        Annotation("place", span(t, "Cairo"), "360630", "EGY"),
        Annotation("time", span(t, "Saturday"), "2025-07-12"),
        Annotation("actor", span(t, "Egypt"), "Q79"),
        Annotation("actor", span(t, "Qatar"), "Q846"),
        Annotation("entity", span(t, "health ministry"), "ORG"),
    )
    flag = Flag("source_attribution", "Casualty claim attributed to an unnamed ministry.", aid,
                (span(t, "the health ministry said"),), "ev-strike")
    article = Article(aid, t, "Israeli strikes on Gaza City; Egypt offers talks", None, "Example Wire",
                      dt.date(2025, 7, 12), input="gaza.txt")
    return Coded(article, (strike, demand, offer, mediate), (), (flag,),
                 (ACTORS["Q801"], ACTORS["Q79"], ACTORS["Q846"], ACTORS["Q38799"]), annotations)


def nairobi() -> Coded:
    t, aid = NAIROBI, "art-nairobi"
    teargas = Event(
        "ev-teargas", aid, sentence(t, "Police in Nairobi"), span(t, "fired tear gas"), "ASSAULT", "crowd_control", (),
        "1723", -9.0, 4, ref(t, "Police", None, name="Kenyan police", country="KEN", sector="COP"),
        ref(t, "protesters", None, name="protesters", country="KEN", sector="OPP"), False,
        when(t, "Tuesday", "2025-07-08"), place(t, "Nairobi"), "asserted", None, 0.8)
    protest = Event(
        "ev-protest", aid, sentence(t, "Police in Nairobi"), span(t, "demonstrations"), "PROTEST", "demonstrate", (),
        "141", -6.5, 3, ref(t, "protesters", None, name="protesters", country="KEN", sector="OPP"),
        ref(t, "finance bill", None, name="Kenyan government", country="KEN", sector="GOV"), False,
        when(t, "Tuesday", "2025-07-08"), place(t, "Mombasa"), "asserted", None, 0.6)
    meet = Event(
        "ev-ruto", aid, sentence(t, "Kenyan President"), span(t, "met"), "CONSULT", "visit", (), "040", 1.0, 1,
        ref(t, "William Ruto", "Q1048186", role="President of Kenya"),
        ref(t, "opposition leaders", None, name="Kenyan opposition", country="KEN", sector="OPP"), True,
        when(t, "Wednesday", "2025-07-09"), place(t, "Nairobi", 1), "asserted", None, 0.75)
    article = Article(aid, t, "Kenya protests spread to Mombasa", None, "Example Daily", dt.date(2025, 7, 10),
                      input="nairobi.txt")
    annotations = (Annotation("place", span(t, "Nairobi"), "184745", "KEN"),
                   Annotation("place", span(t, "Mombasa"), "186301", "KEN"),
                   Annotation("time", span(t, "Tuesday"), "2025-07-08"))
    return Coded(article, (teargas, protest, meet), (), (), (ACTORS["Q1048186"],), annotations)


def fixture_batch() -> list[Coded]:
    return [summit(), gaza(), nairobi()]
