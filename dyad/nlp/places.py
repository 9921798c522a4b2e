"""``dyad_places``: toponyms resolved to GeoNames, and each event's place from its own clause.

Reads the parsed Doc (entities, POS, dependencies, sentences), ``doc._.mentions`` (dyad_actors: a
toponym covered by a ``how="metonymy"`` mention, "Moscow said", is an actor, not a place) and
``doc._.events``; writes ``doc._.places`` (:class:`dyad.records.Place`, one per toponym used as a
place) and ``doc._.events`` with ``location`` set.

Toponyms: spaCy GPE/LOC/FAC entities (split at commas, "Alexandria, La."), proper nouns the gazetteer
knows that the small model tagged otherwise ("Grozny" as a person, "Texas" inside "the Texas Forest
Service"), and demonyms as country-level places ("Ukrainian cities"). Resolution (``dyad.geo``) ranks
the gazetteer's candidates by name match, feature type and population, then again with the article's
context: the other names' first guesses (never a name's own), resolved actors' countries, "City,
State" qualifiers; one sense per name per article.

Event place (``locate``), most specific rule first; never from another sentence unless that sentence
re-mentions the same event:
1. a toponym whose dependency path climbs to the trigger (or to the verb that carries a nominal
   trigger) through a locative preposition ("met ... in Malaysia", "barrages on Ukrainian cities",
   "killed in the bombardment of the Aziziyah district") or that is the object of the verb
   ("captured the town of Bakwa"; a country as bare object is a target, "pressure Russia", not a place);
2. else one from an -ing or participle clause on an argument ("troops who were operating in the Balata
   camp") or from a verb linked to the trigger (conj, xcomp, advcl...: "killed and wounded in X"), but
   not from absolute "with", conditional or concessive clauses;
   among several, the closer, then the more specific, and of two on one noun the one that names it
   ("Baghdad's district of Saiydiah");
3. a country or region, or no place, is refined by a definite nominal re-mention of the event within
   two sentences ("The meeting, held ... in Kuala Lumpur");
4. else, for an event in a "where" relative clause, the place it hangs on ("his hometown of Lahore,
   where his supporters fought");
5. else, for a domestic event (an actor from there, or no actor with a country), the country of the
   article's dateline ("ISLAMABAD, Pakistan —"), at country level with the dateline as its span.
Proper nouns that the sentence itself uses as places but no one knows ("in Khaldiyah", "the village of
Sheikh Najjar") take part as places without a GeoNames id (``guessed_places``).
Word lists live in ``data/gazetteer/place_words.toml``.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.errors import KnowledgeError
from dyad.geo import Context, Entry, Gazetteer, fold, gazetteer
from dyad.nlp import extensions
from dyad.records import ActorRef, Event, Place, Span, replace
from dyad.wordlists import words


def _load_words() -> dict[str, frozenset[str]]:
    """The word lists of ``dyad/data/gazetteer/place_words.toml`` (comments there say what each is for)."""
    text = resources.files("dyad.data").joinpath("gazetteer", "place_words.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"not TOML: {exc}", input="place_words.toml") from exc
    return {key: frozenset(str(w).lower() for w in words) for key, words in data.items()}


_WORDS = _load_words()
# Word lists (data/gazetteer/place_words.toml says what each holds and why).
LOCATIVE_PREPS = _WORDS["locative_preps"]
STRONG_LOCATIVE_PREPS = _WORDS["strong_locative_preps"]
ORG_WORDS = _WORDS["organisation_words"]
TERRITORY_NOUNS = _WORDS["territory_nouns"]
PLACE_NOUNS = _WORDS["place_nouns"]
PLACE_CONTEXT_NOUNS = _WORDS["place_context_nouns"]
GENERIC_WORDS = _WORDS["generic_words"]
ADMIN_WORDS = _WORDS["admin_words"]
DIRECTIONS = _WORDS["directions"]
DETACHED_MARKS = _WORDS["detached_marks"]
ORIGIN_NOUNS = _WORDS["origin_nouns"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose words are not searched in the gazetteer (a person or work is not a place).
BLOCK_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
# Dependency labels a toponym may climb through on its way to its clause's verb.
NOMINAL_DEPS = frozenset({
    "compound", "amod", "appos", "conj", "cc", "pobj", "prep", "poss", "nmod", "npadvmod", "nummod",
    "dobj", "nsubjpass", "nsubj", "attr", "pcomp", "acl", "det", "punct", "case",
})
# Entity labels that a guessed place may not carry (a person, group or organisation is not a place).
GUESS_BLOCK = frozenset({"NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                         "ORDINAL", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
# Dependency labels inside one noun phrase: a toponym that climbs only through these (and "of")
# to a verb's object is that object ("captured the town of Bakwa").
NP_INTERNAL = words("places", "np_internal")
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# Dependency labels that tie two clauses of one event together (rule 2), followed at most this far.
RULE2_STEPS = 3
CLAUSE_LINKS = words("places", "clause_links")
# A toponym the gazetteer finds outside spaCy's entities must name a place at least this large
# (or a country/state/region): small towns share names with people and words.
MIN_UNTAGGED_POPULATION = 10_000
# ... inside an organisation's name ("Edmonton Police Service"), at least this large.
MIN_EMBEDDED_POPULATION = 50_000
# ... tagged as a person's name (one word, never part of a full name in the doc), at least this large.
MIN_PERSONLIKE_POPULATION = 100_000
# ... and, when nothing around it says it is a place, at least this large.
MIN_BARE_POPULATION = 200_000
DEFINITE = words("places", "definite")
# How many sentences away a nominal re-mention of an event may be (rule 3).
REMENTION_WINDOW = 2


@dataclass
class Toponym:
    """A toponym in the doc and what it resolved to."""

    start: int  # token indices
    end: int
    text: str
    start_char: int
    end_char: int
    query: str = ""  # the name looked up, when it differs from text ("Northeast Georgia" -> "Georgia")
    entry: Entry | None = None
    demonym: bool = False
    metonymic: bool = False
    embedded: bool = False  # part of an organisation's name: a toponym, not a place where things happen
    guessed: bool = False  # a proper noun used as a place that neither the model nor the gazetteer knows
    qualifier: Toponym | None = None
    candidates: list[tuple[Entry, float]] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.start_char, self.end_char, self.text)

    def place(self, country_hint: str | None = None) -> Place:
        """The place, named as the gazetteer does unless its name has letters the article's spelling
        lacks ("Dūmā" written "Douma"); a place the gazetteer lacks takes ``country_hint``."""
        e = self.entry
        if e is None:
            return Place(self.span, self.text, country=country_hint)
        name = e.name if e.name.isascii() or not self.text.isascii() or self.query != self.text else self.text
        return Place(self.span, name, e.geonameid, e.country or None, e.lat, e.lon, e.feature)


def _strip(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in ("the", "'s") or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].lower_ == "'s" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _make(span: SpacySpan, **kw: object) -> Toponym:
    t = Toponym(span.start, span.end, span.text, span.start_char, span.end_char, **kw)  # type: ignore[arg-type]
    t.query = t.query or t.text
    return t


def _known(gaz: Gazetteer, name: str) -> bool:
    return any(e.feature != "continent" or p for e, p in gaz.lookup(name))


def _entity_parts(gaz: Gazetteer, span: SpacySpan) -> tuple[SpacySpan, str]:
    """The part of a place entity to look up: all of it if the gazetteer knows it; else the name after
    a direction ("Northeast Georgia"); else its leading place name ("Henderson County Jail")."""
    if _known(gaz, span.text) or len(span) < 2:
        return span, span.text
    if span[0].lower_ in DIRECTIONS and _known(gaz, span[1:].text):
        return span, span[1:].text
    if span[-1].lower_ in ADMIN_WORDS and _known(gaz, span[:-1].text):
        return span, span[:-1].text  # "Homs province": resolved among regions, see resolve()
    for k in range(len(span) - 1, 0, -1):
        head = span[:k]
        if head[-1].pos_ == "PROPN" and not (k == 1 and head[0].lower_ in DIRECTIONS) and any(e.feature in ("country", "admin1", "admin2", "city")
                                            for e, _ in gaz.lookup(head.text)):
            return head, head.text
    return span, span.text


def _person_words(doc: Doc) -> set[str]:
    """Lower-case words of the full (two-word or longer) person names of the doc."""
    return {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}


def candidates(doc: Doc, gaz: Gazetteer) -> list[Toponym]:
    """Toponym spans: place entities (split at commas), gazetteer-known proper nouns, demonyms."""
    found: list[Toponym] = []
    taken = [False] * len(doc)

    def add(span: SpacySpan, **kw: object) -> None:
        if len(span) == 0 or any(taken[i] for i in range(span.start, span.end)):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        found.append(_make(span, **kw))

    # words of a person's full name in the doc: "Farrin" after "Jim Farrin" is the man, even when the
    # recogniser calls it a place, unless the gazetteer knows it as a country or state
    person_words = _person_words(doc)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            parts, start = [], ent.start
            for tok in ent:
                if tok.text == ",":
                    parts.append(doc[start:tok.i])
                    start = tok.i + 1
            parts.append(doc[start:ent.end])
            for part in parts:
                part = _strip(part)
                if part.text and all(t.lower_ in person_words for t in part):
                    prior = _best_prior(gaz, part.text)
                    if prior is None or prior.feature not in ("country", "admin1"):
                        continue
                if part.text and part.text[0].isupper() and not (len(part) == 1 and part[0].lower_ in GENERIC_WORDS):
                    sub, query = _entity_parts(gaz, part)
                    add(sub, query=query)
        elif ent.label_ == "NORP" and gaz.demonym(ent.text) is not None:
            add(_strip(ent), demonym=True)
    # Proper nouns the model did not tag as a place: tagged as a person or product ("Grozny"), or a
    # place inside an organisation's name ("the Texas Forest Service", "Environment Canada"), which
    # the geoparsing gold sets count as toponyms; never a word of a person's full name in the doc.
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ in BLOCK_LABELS:
            i += 1
            continue
        j = i
        while (j < len(doc) and doc[j].pos_ == "PROPN" and not taken[j] and doc[j].text[:1].isupper()
               and doc[j].ent_type_ not in BLOCK_LABELS and (doc[j].ent_iob_ != "B" or j == i)):
            j += 1
        # the whole run, else its longest leading name ("Texas" in "Texas Forest Service")
        for m in range(j, i, -1):
            span = doc[i:m]
            if (m - i == 1 and tok.lower_ in GENERIC_WORDS) or (m - i == 1 and gaz.demonym(tok.text) is not None):
                continue
            prior = _best_prior(gaz, span.text)
            if any(t.lower_ in person_words for t in span) and not (
                    prior is not None and prior.feature in ("country", "admin1") and m - i > 1):
                continue  # a person's name, unless the whole name is a country or state ("Tamil Nadu")
            if prior is not None and tok.lower_ not in DIRECTIONS and _accept(span, prior, tok.ent_type_):
                add(span, embedded=(m < j or bool(tok.ent_type_ and tok.ent_type_ not in PLACE_LABELS))
                    and not _placey(span))
                break
        i = j
    for tok in doc:
        if (not taken[tok.i] and tok.pos_ in ("ADJ", "PROPN") and tok.text[:1].isupper()
                and gaz.demonym(tok.text) is not None):
            # "Canadian" in "the Canadian Football League" is a toponym of the name, not a place
            add(doc[tok.i:tok.i + 1], demonym=True, embedded=tok.ent_type_ not in {"", "NORP"} | PLACE_LABELS)
    found.sort(key=lambda t: t.start)
    return found


def _placey(span: SpacySpan) -> bool:
    """Used as a place: "in Grozny", "Grozny's streets", "the Manbij campaign"."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:  # "in Kyiv and Kharkiv"
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS | {"from", "to", "of"}:
        return True
    if root.dep_ in ("compound", "poss") and (root.head.lemma_.lower() in PLACE_NOUNS | PLACE_CONTEXT_NOUNS
                                             or root.head.lower_ in ORIGIN_NOUNS):
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.text == "," and span.end + 1 < len(span.doc) and span.doc[span.end + 1].ent_type_ == "GPE"


def _accept(span: SpacySpan, prior: Entry, label: str) -> bool:
    """Whether a gazetteer name outside the place entities is used as a toponym here."""
    if prior.feature in ("country", "admin1") or _placey(span):
        return True
    if label in ("ORG", "FAC", "NORP", "LOC"):
        return prior.feature == "admin2" or prior.population >= MIN_EMBEDDED_POPULATION
    if label == "PERSON":  # the small model calls "Jaffna" a person; a lone name of a city this big is not
        return prior.population >= MIN_PERSONLIKE_POPULATION
    return not label and prior.population >= MIN_BARE_POPULATION


def _best_prior(gaz: Gazetteer, name: str) -> Entry | None:
    """The place a proper noun outside the place entities may name: a country, state or large town."""
    acronym = name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4
    for entry, primary in gaz.lookup(name):
        if entry.feature in ("country", "admin1", "continent") and primary:
            return entry
        if acronym:
            continue  # "UN" is no town in India, "US" only the country
        if entry.feature == "city" and entry.population >= MIN_UNTAGGED_POPULATION and primary:
            return entry
    return None


def _mark_metonymy(doc: Doc, toponyms: list[Toponym]) -> None:
    spans = [(m.span.start, m.span.end) for m in (doc._.mentions or ()) if m.how == "metonymy"]
    for t in toponyms:
        if any(s < t.end_char and t.start_char < e for s, e in spans):
            t.metonymic = True


def _qualifiers(doc: Doc, toponyms: list[Toponym]) -> None:
    """"Alexandria, La." / "Kharkiv, Ukraine": the second names the region the first lies in."""
    for a, b in itertools.pairwise(toponyms):
        if a.demonym or b.demonym:
            continue
        between = doc[a.end:b.start]
        if len(between) == 1 and between[0].text == ",":
            a.qualifier = b


def resolve(doc: Doc, toponyms: list[Toponym], gaz: Gazetteer, actor_countries: Iterable[str] = ()) -> None:
    """Give each toponym its best gazetteer entry, using the article as context (two passes)."""
    _qualifiers(doc, toponyms)
    groups: dict[str, list[Toponym]] = {}
    for t in toponyms:
        if t.demonym:
            t.entry = gaz.demonym(t.text)
            continue
        groups.setdefault(fold(t.query), []).append(t)
    base = Context.empty()
    for cc in actor_countries:
        if cc and len(cc) == 3:
            base.countries[cc] = base.countries.get(cc, 0.0) + ACTOR_WEIGHT
    for t in toponyms:
        if t.demonym and t.entry is not None:
            base.add(t.entry, DEMONYM_WEIGHT)
    votes: dict[str, tuple[Entry, float]] = {}  # each name's first-pass sense and how sure it is
    for key, ts in list(groups.items()):
        if not gaz.lookup(ts[0].query) and gaz.demonym(ts[0].query) is not None:
            for t in ts:  # "Ukrainian" tagged as a place entity
                t.demonym = True
                t.entry = gaz.demonym(t.text)
            del groups[key]
            continue
        ranked = gaz.rank(ts[0].query, None, _qualifier_entry(gaz, ts))
        if ranked:
            margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 5.0
            votes[key] = (ranked[0][0], len(ts) * min(1.0, 0.25 + margin / 4))
    for key, ts in groups.items():
        qual = _qualifier_entry(gaz, ts)
        admin = any(t.query != t.text and t.text.split()[-1].lower() in ADMIN_WORDS for t in ts)
        # the context of a name is everything else in the article: never its own first guess
        ctx = Context(dict(base.countries), dict(base.admin1), list(base.points))
        for other, (entry, weight) in votes.items():
            if other != key:
                ctx.add(entry, weight)
        ranked = gaz.rank(ts[0].query, ctx, qual)
        if admin and any(e.feature in ("admin1", "admin2") for e, _ in ranked):
            ranked = [x for x in ranked if x[0].feature in ("admin1", "admin2")]
        for t in ts:
            t.candidates = ranked[:5]
            t.entry = ranked[0][0] if ranked else None


def _qualifier_entry(gaz: Gazetteer, ts: list[Toponym]) -> Entry | None:
    for t in ts:
        if t.qualifier is not None:
            ranked = gaz.rank(t.qualifier.query)
            if ranked and ranked[0][0].feature in ("admin1", "country"):
                return ranked[0][0]
    return None


# How much a resolved actor's country and a demonym count as context, against 1.0 for a toponym.
ACTOR_WEIGHT = 0.5
DEMONYM_WEIGHT = 0.5
def toponyms(doc: Doc, gaz: Gazetteer | None = None) -> list[Toponym]:
    """Every toponym of the doc, resolved (metonymic ones marked, not removed)."""
    gaz = gaz or gazetteer()
    found = candidates(doc, gaz)
    _mark_metonymy(doc, found)
    countries = [m.country for m in (doc._.mentions or ()) if m.country]
    resolve(doc, found, gaz, countries)
    return [t for t in found if t.entry is not None or not t.demonym]


# ---------------------------------------------------------------- event places


def guessed_places(doc: Doc, topos: list[Toponym], gaz: Gazetteer | None = None) -> list[Toponym]:
    """Proper nouns that the sentence itself uses as places ("in Khaldiyah", "the town of Sheykler",
    "the Radhwaniyah area", "captured Badme") though neither model nor gazetteer knows them: villages,
    quarters and facilities, for event places only (they have no GeoNames id)."""
    taken = {i for t in topos for i in range(t.start, t.end)}
    person_words = _person_words(doc)
    taken.update(t.i for t in doc if t.lower_ in person_words)  # "Chaudhry" after "Iftikhar Chaudhry"
    for m in doc._.mentions or ():
        actor = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if actor is not None:
            taken.update(range(actor.start, actor.end))  # "force Musharraf from power": a person, not a place
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ in GUESS_BLOCK:
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in taken and doc[j].ent_type_ not in GUESS_BLOCK:
            j += 1
        span = doc[i:j]
        root = span.root
        head = root.head
        # the small model often calls a village a person or an organisation: a one-word "person" or
        # "organisation" counts only where the words around it leave no doubt ("the town of Sheykler")
        named = {t.ent_type_ for t in span} & {"PERSON", "ORG", "PRODUCT"}
        place_noun_of = root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS
        place_noun_name = root.dep_ in ("compound", "appos") and head.pos_ == "NOUN" and (
            head.lemma_.lower() in PLACE_NOUNS)
        in_place = root.dep_ == "pobj" and head.lower_ in (STRONG_LOCATIVE_PREPS if named else LOCATIVE_PREPS)
        taken_place = root.dep_ == "dobj" and head.pos_ == "VERB" and len(span) == 1 and "PERSON" not in named
        if "PERSON" in named and len(span) > 1 and not (place_noun_of or place_noun_name):
            i = j  # a person's full name, unless "the village of Sheikh Najjar"
            continue
        organisation = span[-1].lower_ in ORG_WORDS or span[0].lower_ in ORG_WORDS or (
            gaz is not None and gaz.demonym(span.text) is not None) or (len(span) == 1 and (
            (tok.is_upper and len(tok.text) <= 5) or tok.lower_ in GENERIC_WORDS or tok.is_stop))
        if (place_noun_of or place_noun_name or in_place or taken_place) and not organisation:
            out.append(_make(span, guessed=True))
        i = j
    return out


def _trigger_token(doc: Doc, span: Span) -> Token | None:
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return None
    verbs = [t for t in sp if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else sp.root


def _clause_head(tok: Token) -> Token:
    """The verb that carries a token's clause: a nominal trigger under a light verb climbs to it."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr",
                                                      "compound", "conj") and t.head is not t:
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else tok


def _path(tok: Token, stop: set[int], resolved: bool = True, polity: bool = False, big: bool = True
          ) -> tuple[Token | None, bool, int]:
    """Climb from a toponym's root to the first token in ``stop`` or the first verb.

    Returns (the token reached, whether the way passed a locative preposition or the toponym heads
    the object of the verb reached, the number of steps). ``resolved=False`` (a place entity
    the gazetteer does not know) accepts only the preposition; ``polity=True`` (a country) is not a
    place as a bare object: "pressure Russia" acts on the state; a passive subject is a place only
    if it is a big one or a kind of place ("Grozny's streets are patrolled"), not "Montoya was captured".
    """
    locative = False
    inside_np = True  # still within the toponym's own noun phrase ("the town of Bakwa", "Grozny's streets")
    place_np = False  # that noun phrase names a kind of place ("the towns of Nyabibwe and Dutu")
    t = tok
    prev = None
    for hops in range(40):
        if t.i in stop:
            return t, locative, hops
        if t.pos_ in ("VERB", "AUX") and prev is not None:
            return t, locative, hops
        if t.dep_ in ("prep", "prt", "advmod") and t.pos_ == "ADP" and t.lower_ in LOCATIVE_PREPS:
            locative = True  # "captured off Mogadishu" (the parser makes "off" a particle)
        if t is tok and t.dep_ == "npadvmod" and t.head.pos_ == "VERB" and any(
                c.dep_ == "prt" and c.lower_ in LOCATIVE_PREPS for c in t.head.children):
            locative = True  # ... and "Mogadishu" an adverbial noun
        elif t.dep_ == "prep" and t.lower_ == "to" and not (polity and prev is tok):
            locative = True  # "marched to the Sydney offices", not "sent aid to Ukraine"
        if t is not tok and t.lemma_.lower() in PLACE_NOUNS:
            place_np = True
        if t.dep_ not in NP_INTERNAL and not (t.dep_ == "prep" and t.lower_ == "of"):
            if ((resolved or place_np) and inside_np and t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB"
                    and (t is tok or t.pos_ in ("NOUN", "PROPN")) and not (polity and t is tok)
                    and (t.dep_ == "dobj" or place_np or big)):
                locative = True  # "captured Badme", "hit the Jumla and Diwan villages"
            inside_np = False
        if t.head is t or t.dep_ not in NOMINAL_DEPS and t.dep_ not in ("advmod", "npadvmod", "oprd", "dative"):
            return (t.head if t.head is not t else None), locative, hops + 1
        prev = t
        t = t.head
    return None, False, 99


def _attached(doc: Doc, trig: Token, topo: Toponym) -> tuple[int, int]:
    """How tightly a toponym belongs to the trigger's clause (2 = rule 1, 1 = rule 2, 0 = not) and
    the length of the dependency path that ties it there."""
    root = doc[topo.start:topo.end].root
    polity = topo.entry is not None and topo.entry.feature in ("country", "continent")
    if topo.demonym or polity and root.dep_ in MODIFIER_DEPS:
        # a demonym or country qualifying a noun is a place only if the noun is territory: "barrages
        # on Ukrainian cities", not "the US embassy", "the Philippine presidential palace"
        if root.dep_ not in MODIFIER_DEPS or root.head.lemma_.lower() not in TERRITORY_NOUNS | PLACE_CONTEXT_NOUNS:
            return 0, 99
    elif root.dep_ in MODIFIER_DEPS and root.head.pos_ == "NOUN" and root.head.lemma_.lower() not in (
            PLACE_NOUNS | PLACE_CONTEXT_NOUNS):
        return 0, 99  # a nationality or origin, not a place: "a US convoy", "Mexico's police chief"
    head = _clause_head(trig)
    big = topo.entry is not None and topo.entry.population >= MIN_PERSONLIKE_POPULATION
    reached, locative, hops = _path(root, {trig.i, head.i}, topo.entry is not None or topo.guessed, polity, big)
    if reached is None or not locative:
        return 0, hops
    if reached.i in (trig.i, head.i):
        return 2, hops
    if topo.entry is not None and topo.entry.feature == "continent":
        return 0, hops  # "the worst atrocity in Europe": a continent is a place only in the clause itself
    # rule 2a: the place of participants at that moment, "troops who were operating in the Balata
    # camp", "a patrol passing on a bridge west of the Duluiyah town", "bombardment launched ... on the
    # village of Sheikh Najjar" (an -ing or participle clause on an argument of the trigger)
    if (reached.tag_ == "VBG" and reached.dep_ in ("acl", "relcl") or reached.tag_ == "VBN" and reached.dep_ == "acl"
            ) and reached.head is not reached:
        r2, _, h2 = _path(reached.head, {trig.i, head.i})
        if r2 is not None and r2.i in (trig.i, head.i):
            return 1, hops + h2
    # rule 2: the toponym's verb is linked to the trigger's verb as one clause complex, unless it is
    # an absolute "with" clause of circumstances ("With debris still being cleared in Kyiv, they met")
    if any(c.dep_ == "mark" and c.lower_ in DETACHED_MARKS for c in (*reached.children, *head.children)):
        return 0, hops
    for x, targets in ((reached, {trig.i, head.i}), (trig, {reached.i}), (head, {reached.i})):
        t = x
        for _ in range(RULE2_STEPS):
            if t.dep_ not in CLAUSE_LINKS or t.head is t:
                break
            t = t.head
            if t.i in targets:
                return 1, hops
    return 0, hops


# How specific a place is, for picking among toponyms of the same clause ("the cities of Palmyra
# and Quaryatayn in the Homs province", "near al-Shaab Stadium in eastern Baghdad").
SPECIFICITY = {"continent": 0, "country": 1, "admin1": 2, "admin2": 3, "city": 4}


# A toponym this close to the trigger's clause (dependency steps) outranks a more specific one further
# down a chain of modifiers ("patrolled Jerusalem ... after prayers in the Old City").
CLOSE_HOPS = 4


def _rank_key(level: int, specificity: int, hops: int, distance: int) -> tuple[int, ...]:
    return (level, hops <= CLOSE_HOPS, specificity, -hops, -distance)


UNKNOWN_SPECIFICITY = 4


def _specificity(t: Toponym) -> int:
    if t.demonym:
        return 0
    if t.entry is None:
        return UNKNOWN_SPECIFICITY  # a facility or village the gazetteer lacks
    return SPECIFICITY.get(t.entry.feature, 3)


def event_place(doc: Doc, event: Event, topos: list[Toponym]) -> Toponym | None:
    """The toponym where ``event`` happened, from its own clause (rules 1-2), else None."""
    trig = _trigger_token(doc, event.trigger)
    if trig is None:
        return None
    sent = trig.sent
    ranked: list[tuple[tuple[int, ...], Toponym]] = []
    for t in topos:
        if t.metonymic or t.entry is None and not t.text:
            continue
        if not (sent.start <= t.start < sent.end):
            continue
        if trig.idx <= t.start_char < trig.idx + len(trig.text):
            continue
        level, hops = _attached(doc, trig, t)
        if level == 0:
            continue
        ranked.append((_rank_key(level, _specificity(t), hops, abs(t.start - trig.i)), t))
    if not ranked:
        return _where_antecedent(doc, trig, [t for t in topos if sent.start <= t.start < sent.end])
    ranked.sort(key=lambda x: x[0], reverse=True)
    best = ranked[0][1]
    # of two places on one noun, the one that names it beats the one that says where it is:
    # "Baghdad's district of Saiydiah", "Mecca's Al-Nur hospital", "the Balata camp near Nablus"
    anchor, role = _anchor(doc[best.start:best.end].root)
    if anchor is not None and role == "setting":
        for _key, other in ranked[1:]:
            if _anchor(doc[other.start:other.end].root) == (anchor, "name"):
                return other
    return best


def _where_antecedent(doc: Doc, trig: Token, topos: list[Toponym]) -> Toponym | None:
    """The place a "where" relative clause hangs on: "his hometown of Lahore in Punjab, where his
    supporters fought running battles" (of "X in Y, where", the more specific X)."""
    head = _clause_head(trig)
    if head.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in head.children):
        return None
    by_root = {doc[t.start:t.end].root.i: t for t in topos if not t.metonymic and not t.demonym}
    found = by_root.get(head.head.i)
    if found is None:
        return None
    root = doc[found.start:found.end].root
    if root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.i in by_root:
        inner = by_root[root.head.head.i]
        if _specificity(inner) > _specificity(found):
            return inner
    return found


def _anchor(root: Token) -> tuple[Token | None, str]:
    """The noun a toponym qualifies and how: it names it ("the Radhwaniyah area", "the district of
    Saiydiah") or sets it somewhere ("Baghdad's district", "the camp near Nablus")."""
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in ("compound", "appos") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head, "name"
    if root.dep_ in ("poss", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head, "setting"
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in ("NOUN", "PROPN"):
        if root.head.lower_ == "of":
            return root.head.head, "name"
        if root.head.lower_ in LOCATIVE_PREPS:
            return root.head.head, "setting"
    return None, ""


def _remention(doc: Doc, event: Event, topos: list[Toponym], current: Toponym | None) -> Toponym | None:
    """Rule 3: "The meeting, held ... in Kuala Lumpur" gives the place of "met ... in Malaysia"."""
    trig = _trigger_token(doc, event.trigger)
    if trig is None:
        return None
    stem = trig.lemma_.lower()[:4]
    if len(stem) < 4:
        return None
    bounds = extensions.sentence_bounds(doc)
    here = next((k for k, (a, b) in enumerate(bounds) if a <= trig.i < b), None)
    if here is None:
        return None
    for k in range(max(0, here - REMENTION_WINDOW), min(len(bounds), here + REMENTION_WINDOW + 1)):
        if k == here:
            continue
        for tok in doc[bounds[k][0]:bounds[k][1]]:
            if tok.pos_ != "NOUN" or not tok.lemma_.lower().startswith(stem):
                continue
            if not any(c.dep_ in ("det", "poss") and (c.lower_ in DEFINITE or c.dep_ == "poss") for c in tok.children):
                continue
            fake = replace(event, trigger=Span.of(tok))
            found = event_place(doc, fake, topos)
            if found is None or found.entry is None:
                continue
            if current is None:
                return found
            if _inside(found.entry, current.entry):
                return found
    return None


def _inside(inner: Entry, outer: Entry | None) -> bool:
    if outer is None or inner.geonameid == outer.geonameid:
        return False
    if outer.feature == "country":
        return inner.country == outer.country and inner.feature != "country"
    if outer.feature == "admin1":
        return inner.admin1 == outer.geonameid and inner.feature in ("city", "admin2")
    return False


# A dateline near the top of an article: "ISLAMABAD, Pakistan —", "WASHINGTON (AP) -",
# "KYIV, Nov 25 (Reuters) -", at the start or right after the headline's full stop.
DATELINE = re.compile(
    r"(?:^|\n|(?<=[.!?]) )(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2}))?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z .&]{1,30}\))?\s*(?:—|–|--|-|:)\s")
DATELINE_WINDOW = 600  # characters from the top


def dateline(doc: Doc, topos: list[Toponym], gaz: Gazetteer) -> Place | None:
    """The country of the article's dateline, as a country-level place whose span is the dateline's
    toponym; None when there is none or it does not resolve."""
    m = DATELINE.search(extensions.text_of(doc)[:DATELINE_WINDOW])
    if m is None or len(m["place"].replace(".", "")) < 3:
        return None
    start, end = m.span("place")
    entry = next((t.entry for t in topos if t.start_char == start and t.entry is not None), None)
    qualifier = gaz.resolve(m["region"]) if m["region"] else None
    if entry is None:
        entry = gaz.resolve(m["place"].title(), qualifier=qualifier)
    if entry is None or not entry.country or (qualifier is not None and qualifier.country != entry.country):
        return None
    country = gaz.country(entry.country) or entry
    return Place(Span(start, end, m["place"]), country.name, country.geonameid, entry.country,
                 country.lat, country.lon, "country")


def _domestic(ev: Event, country: str) -> bool:
    """An event of the dateline's country: one of its actors is from there, or neither has a country."""
    countries = {a.country for a in (ev.source, ev.target) if a is not None and a.country}
    return not countries or country in countries


# A place the gazetteer lacks ("eastern Ghouta") is taken to lie in the article's country: the
# dateline's, else the one that at least this share (and two) of the resolved places lie in.
ARTICLE_COUNTRY_SHARE = 0.6


def article_country(topos: list[Toponym], home: Place | None = None) -> str | None:
    if home is not None and home.country:
        return home.country
    counts = Counter(t.entry.country for t in topos if t.entry is not None and t.entry.country
                     and not t.metonymic and not t.embedded)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= 2 and n >= ARTICLE_COUNTRY_SHARE * sum(counts.values()) else None


# Violence and coercion told without a perpetrator ("a car bomb killed a journalist in Beirut", "was
# arrested in Cairo") are coded, as ICEWS codes its "unidentified gunmen", to an unidentified actor of the
# country where they happened; the actor's span is the place that gave the country.
UNATTRIBUTED_TYPES = frozenset({"ASSAULT", "COERCE"})
UNATTRIBUTED_NAME = "unidentified perpetrator"


def _unattributed(ev: Event) -> Event:
    loc = ev.location
    if ev.source is not None or ev.reciprocal or ev.plover_type not in UNATTRIBUTED_TYPES \
            or loc is None or not loc.country or loc.span is None \
            or not ev.sentence.start <= loc.span.start < ev.sentence.end:
        return ev  # (only a place of the event's own sentence says whose the perpetrator is, not the dateline)
    return replace(ev, source=ActorRef(span=loc.span, name=UNATTRIBUTED_NAME, country=loc.country, how="location"))


def locate(doc: Doc, events: list[Event], topos: list[Toponym], home: Place | None = None) -> list[Event]:
    """Each event's place (rules 1-4), else the dateline's country for a domestic event (rule 5)."""
    hint = article_country(topos, home)
    out = []
    for ev in events:
        t = event_place(doc, ev, topos)
        if t is None or (t.entry is not None and t.entry.feature in ("country", "admin1", "continent")):
            better = _remention(doc, ev, topos, t)
            if better is not None:
                t = better
        if t is not None:
            ev = replace(ev, location=t.place(hint))
        elif home is not None and home.country and _domestic(ev, home.country):
            ev = replace(ev, location=home)
        out.append(_unattributed(ev))
    return out


class PlacesComponent:
    """spaCy component: ``doc._.places`` and each event's ``location``."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self._gaz = gaz

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        extensions.init_doc(doc)
        topos = toponyms(doc, self.gaz)
        events = list(doc._.events or ())
        if events:
            home = dateline(doc, topos, self.gaz)
            doc._.events = locate(doc, events, topos + guessed_places(doc, topos, self.gaz), home)
        used = {(e.location.span.start, e.location.span.end) for e in doc._.events or () if e.location and e.location.span}
        doc._.places = [t.place() for t in topos if not t.metonymic and t.entry is not None
                        and (not (t.demonym or t.embedded) or (t.start_char, t.end_char) in used)]
        known = {(p.span.start, p.span.end) for p in doc._.places if p.span}
        doc._.places += [e.location for e in doc._.events or () if e.location and e.location.span
                         and e.location.feature != "country"
                         and (e.location.span.start, e.location.span.end) not in known]
        doc._.places.sort(key=lambda p: p.span.start if p.span else -1)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("dyad_places", assigns=["doc._.places", "doc._.events"],
                  requires=["doc.ents", "doc.sents", "token.dep"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
