"""Who did it to whom: source and target of an event trigger from the dependency parse.

Reads the trigger token (and the support verb of a nominal event), ``doc._.mentions`` (actor mentions
resolved by dyad_actors) and, when no mention covers an argument, falls back to the argument's noun
phrase with a country from ``data/event_countries.tsv`` (or, for place names it lacks, the gazetteer,
weighed by the article's countries) and a sector from ``data/event_sectors.tsv``.
Returns lists of ActorRef for sources and targets (coordination gives several) and whether the
relation is reciprocal ("A and B met", "the Rubio-Lavrov meeting").

Patterns handled: active and passive voice (agent "by"), controlled subjects of xcomp/conj/advcl
verbs, object control ("urged Iran to stop"), relative clauses, "met with", prepositional targets
(on, against, to, with, at, for, toward, into), possessives and compounds ("Moscow's barrage",
"Rubio-Lavrov meeting"), nationality adjectives ("Russian strikes"), appositions, "between A and B".

Subjects are also found through copular adjectives ("France is ready to contribute"), statements that
demand ("issued a declaration demanding", unless the statement names its author), relative clauses
(a pronoun subject is the main clause's subject when it agrees in number; the relativised noun is the
object: "companies it accuses of supplying drones"), "accused X of doing" (X does it), reports ("a report
released by X / in X"), agents of reduced relatives ("sanctions imposed by Washington"), and the place's
authorities for agentless passive arrests and expulsions. Targets are also found in the subject of a
demanded clause ("demanding that X", "pushing for X to"), the possessor of an act-noun object, the one
who judges an offer ("offered concessions that X believed"), the proposer of a rejected thing, a
protest's purpose or "in defiance of" phrase, the destination of a sending verb, "came under attack
from X", "blamed on X". An official acts in the capacity of the office the text gives ("X, the UN relief
coordinator"); troops a state sends are its own, not the recipient; "A-backed" names a backer.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.geo import Context
from dyad.kb import get_kb
from dyad.nlp.actors import REGIONAL
from dyad.nlp.event_lexicon import DATA, QUANTIFIER_NOUNS, objects
from dyad.records import ActorRef, Span, replace
from dyad.wordlists import words

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
TARGET_PREPS = ("on", "against", "to", "with", "at", "toward", "towards", "into", "upon", "for", "over", "from", "of")
# Types whose "for" phrase is a purpose or a demanded thing, not the recipient.
FOR_IS_NOT_TARGET = frozenset({"PROTEST", "REQUEST", "ACCUSE", "ASSAULT", "COERCE", "SANCTION", "CONSULT"})
OFFER_TYPES = frozenset({"AGREE", "CONCEDE", "AID", "SUPPORT", "COOPERATE", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "SANCTION", "COERCE", "MOBILIZE", "PROTEST"})
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
PRONOUNS = words("event_args", "pronouns")
# "A group of Moroccan diplomats", "thousands of Nigerians", "members of the Association": the actor is under "of".
COLLECTIVE_HEADS = words("event_args", "collective_heads")
CONTROL_BY_OBJECT = words("event_args", "control_by_object")


@dataclass
class Args:
    sources: list[ActorRef]
    targets: list[ActorRef]
    reciprocal: bool = False


@functools.cache
def countries() -> dict[str, tuple[str, str]]:
    out = {}
    for line in (DATA / "event_countries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, country, sector = (line.split("\t") + ["", ""])[:3]
            if country:
                out[name] = (country, sector)
    return out


@functools.cache
def sectors() -> dict[str, str]:
    out = {}
    for line in (DATA / "event_sectors.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, sector = line.split("\t")[:2]
            out[word] = sector
    return out


# "Russian-backed offensive": the country backs the actor, it is not the actor's
SUPPORTERS = words("event_args", "supporters")
# Sectors of actors that belong to the country the story is about when the text names none.
DOMESTIC_SECTORS = frozenset({"MIL", "GOV", "REB", "OPP", "COP", "CVL", "JUD", "LEG", "PTY", "EDU", "LAB", "MED"})
# A story country is only guessed for texts of a few sentences; single sentences name their actors.
STORY_MIN_TOKENS = 60
MILITARY_NOUNS = words("event_args", "military_nouns")


# "parties to the conflict in Iraq", "sides to the war in Sudan": belligerents of the country named
CONFLICT_NOUNS = words("event_args", "conflict_nouns")
WATERS = words("event_args", "waters")
SITE_NOUNS = words("event_args", "site_nouns")
AFFILIATED = words("event_args", "affiliated")
# "the country", "the kingdom": the state named before
STATE_NOUNS = words("event_args", "state_nouns")
FLEEING = words("event_args", "fleeing")
SITED = words("event_args", "sited")
STANCE_PREFIXES = words("event_args", "stance_prefixes")


def _backer(tok: Token) -> bool:
    """"Russian-backed", "Iran-funded": the word names a backer, not the actor."""
    doc = tok.doc
    nxt = doc[tok.i + 1:tok.i + 3]
    return len(nxt) == 2 and nxt[0].text in ("-", "\u2013") and nxt[1].lower_ in SUPPORTERS


PERSON_PRONOUNS = words("event_args", "person_pronouns")
PLURAL_PRONOUNS = words("event_args", "plural_pronouns")
PERSON_NOUNS = words("event_args", "person_nouns")


def _agrees(pronoun: Token, root: Token) -> bool:
    """Whether a mention headed by ``root`` can be what ``pronoun`` refers to (person and number)."""
    person = root.ent_type_ == "PERSON" or root.lemma_.lower() in PERSON_NOUNS
    plural = root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in root.children)
    word = pronoun.lower_
    if pronoun.lemma_.lower() in STATE_NOUNS:
        return True  # "the country" is the state of whoever was named
    if word in PERSON_PRONOUNS:
        return person and not plural
    if word in PLURAL_PRONOUNS:
        return plural or (root.ent_type_ == "ORG" and not person) or root.lemma_.lower() in COLLECTIVE_HEADS
    return not person and not plural  # it, its


def country_of_words(words: list[str]) -> tuple[str, str] | None:
    """(country, sector) of the longest run of words (up to 6) that the name table knows."""
    table = countries()
    lowered = [w.lower().replace("\u2019", "'") for w in words]
    for n in (6, 5, 4, 3, 2, 1):
        for i in range(len(lowered) - n + 1):
            key = " ".join(lowered[i:i + n])
            hit = table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)
            if hit and not (i + n + 1 < len(lowered) and lowered[i + n] == "-" and lowered[i + n + 1] in SUPPORTERS) \
                    and not (i >= 2 and lowered[i - 1] == "-" and lowered[i - 2] in STANCE_PREFIXES) \
                    and not (i >= 1 and lowered[i - 1] == "ethnic"):
                return hit  # "Iran-backed", "anti-Syria" name a stance, "ethnic Albanians" a people, not a state
    return None


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Token range of the argument's noun phrase: left modifiers, the head, flat-name continuations."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "npadvmod", "case",
                          "punct", "advmod") or child.ent_type_:
            start = min(start, child.left_edge.i)
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "appos", "case") and child.i == end:
            end = child.right_edge.i + 1 if child.dep_ != "appos" else end
    while start < tok.i and tok.doc[start].dep_ in ("det", "punct", "cc"):
        start += 1
    return start, end


class Resolver:
    """Maps argument tokens to ActorRefs, preferring dyad_actors' mentions over the fallback."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ents = list(doc.ents)  # Doc.ents builds new spans on each access
        self.ent_at = {i: e for e in self.ents for i in range(e.start, e.end)}
        self.mentions = sorted(doc._.mentions or (), key=lambda m: (m.span.start, -m.span.end))
        self.doc_country = self._doc_country()
        self.by_head: dict[str, ActorRef] = {}
        self.place_context: Context | None = None

    def _doc_country(self) -> str | None:
        """The country the story is about: most named among mentions and place/nationality entities."""
        votes: dict[str, int] = {}
        if len(self.doc) < STORY_MIN_TOKENS:
            return None
        for m in self.mentions:
            if m.country and m.country not in ("IGO", "NGO"):
                votes[m.country] = votes.get(m.country, 0) + 1
        if not self.mentions:
            for e in self.ents:
                if e.label_ in ("GPE", "NORP"):
                    hit = country_of_words([t.text for t in e])
                    if hit and hit[0] not in ("IGO", "NGO"):
                        votes[hit[0]] = votes.get(hit[0], 0) + 1
        if not votes or len(self.doc) < STORY_MIN_TOKENS:
            return None
        best = max(votes, key=lambda c: votes[c])
        # only when one country clearly dominates the story
        return best if votes[best] >= 2 and votes[best] * 2 > sum(votes.values()) else None

    def same_name(self, tok: Token) -> ActorRef | None:
        for m in reversed(self.mentions):
            if m.span.end <= tok.idx and m.country and (m.span.text == tok.text or m.span.text.endswith(" " + tok.text)
                                                          or m.name.endswith(tok.text)):
                return m
        return None

    def antecedent(self, tok: Token, avoid: str | None = None) -> ActorRef | None:
        """Earlier mention with a country a pronoun ("they", "it", "she") refers to, skipping ``avoid``: among
        those that agree with it in number and person, a subject of its own or the previous sentence first
        ("Somali militants attacked a Kenyan base. They also kidnapped ..."), else the nearest."""
        first = sentence_start(tok)
        previous = sentence_start(self.doc[first - 1]) if first > 0 else first
        nearest = None
        for m in reversed(self.mentions):
            if m.span.end > tok.idx or not m.country or m.country == avoid or m.span.text.lower() in PRONOUNS:
                continue
            if tok.idx - m.span.end >= 600:
                break
            root = self._root(m)
            if root is not None and not _agrees(tok, root):
                continue
            if root is not None and root.i >= previous and root.dep_ in ("nsubj", "nsubjpass"):
                return m
            nearest = nearest or m
        return nearest

    def _root(self, m: ActorRef) -> Token | None:
        span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def place_country(self, tok: Token) -> str | None:
        """Country of a place name from the gazetteer, weighed by the countries the article's actors have."""
        from dyad.geo import gazetteer

        span = self.ent_at.get(tok.i)
        if span is None and tok.ent_type_ == "" and tok.pos_ == "PROPN":
            span = self.doc[tok.i:tok.i + 1]
        if span is not None and span.label_ == "PERSON" and len(span) > 1:
            return None  # "Vladimir Putin" is no place
        if span is None:
            return None
        gaz = gazetteer()
        if self.place_context is None:
            self.place_context = Context.empty()
            for m in self.mentions:
                entry = gaz.country(m.country) if m.country and len(m.country) == 3 else None
                if entry is not None:
                    self.place_context.add(entry)
        if span[-1].lower_ in WATERS:
            return None  # "the Red Sea" is no country's (nor the Sudanese state named after it)
        entry = gaz.resolve(span.text, self.place_context)
        if entry is None or not entry.country:
            return None
        if span[0].ent_type_ in ("", "PERSON") and (entry.country not in self.place_context.countries
                                                   or entry.population < 50000):
            return None  # an untagged name (or one tagged a person) is a place only if big and in the article's countries
        return entry.country

    def mention_at(self, start_char: int, end_char: int) -> ActorRef | None:
        best = None
        for m in self.mentions:
            inside = m.span.start <= start_char and end_char <= m.span.end
            if inside and (best is None or (m.span.end - m.span.start) < (best.span.end - best.span.start)):
                best = m
        return best

    def resolve_name(self, tok: Token) -> ActorRef | None:
        """A name modifier ("Moscow's", "Rubio-Lavrov"): its entity (or the token alone), not the whole phrase."""
        hit = self.mention_at(tok.idx, tok.idx + len(tok))
        if hit is not None and not (" and " in hit.span.text and tok.conjuncts):
            return hit  # but "Israeli and Hezbollah forces" as one mention is two actors
        span = self.ent_at.get(tok.i) or self.doc[tok.i:tok.i + 1]
        if any(t.tag_ == "HYPH" for t in span):  # "Macron-Scholz" is two names
            span = self.doc[tok.i:tok.i + 1]
        if len(span) > 1 and span[-1].tag_ == "POS":
            span = span[:-1]
        found = country_of_words([t.text for t in span])
        if found is None and tok.pos_ == "PROPN":
            known = get_kb().lookup(span.text, fuzzy=False)
            found = (known.country, known.sector or "") if known is not None and known.country else None
        if found is None and (tok.ent_type_ in ("GPE", "LOC") or tok.head.lemma_.lower() in SITE_NOUNS):
            place = self.place_country(tok)  # "shelling the Zaporizhzhia plant"
            found = (place, "") if place else None
        if found is None and tok.pos_ != "PROPN" and not tok.ent_type_:
            return None
        country, sector = found or (None, None)
        return ActorRef(span=Span.of(span), name=span.text, country=country, sector=sector or None,
                        how="demonym" if tok.ent_type_ == "NORP" else "entity")

    def resolve(self, tok: Token, avoid: str | None = None) -> ActorRef | None:
        ref = self._resolve(tok)
        if ref is None and tok.lower_ in ("they", "them", "it", "he", "she", "their", "its", "his", "her"):
            ref = self.antecedent(tok, avoid)
            if ref is not None:
                ref = replace(ref, span=Span.of(tok), name=ref.name, how="coref")
        if ref is None and tok.lemma_.lower() in STATE_NOUNS and [c.lower_ for c in tok.children if c.dep_ != "case"] == ["the"]:
            ref = self.antecedent(tok)  # "Iran's leader said the country would never negotiate"
            if ref is not None:
                ref = replace(ref, span=Span.of(self.doc[tok.i - 1:tok.i + 1]), how="coref")
        if ref is None:
            return None
        if any(t.lower_ == "ethnic" for t in tok.doc[max(tok.i - 2, 0):tok.i]) and ref.how in ("demonym", "country"):
            # "ethnic Albanians (in Serbia)": a people, not the state of that name
            ref = replace(ref, name=tok.text, country=None, actor_id=None, sector=None, how="ethnic")
        person = tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "NORP", "FAC")
                                               and country_of_words([t.text for t in _entity_tokens(tok)]) is None)
        office = self._office(tok) if person else None
        if office is not None and office != ref.country:
            ref = replace(ref, country=office, how="office", actor_id=None if ref.how == "context" else ref.actor_id)
        head = tok.lemma_.lower()
        if ref.country and ref.how not in ("coref", "story-country", "office", "context"):
            # the text's own nationality word beats a resolver's guess ("French President Emmanuel Macron")
            start, end = noun_phrase(tok)
            said = [t for t in self.doc[start:end] if t.ent_type_ in ("NORP", "GPE") and t.i < tok.i and not _backer(t)]
            stated = country_of_words([t.text for t in said]) if said else None
            if stated and stated[0] != ref.country and stated[0] not in ("IGO", "NGO") and ref.country not in ("IGO", "NGO"):
                ref = replace(ref, country=stated[0], actor_id=None if ref.how == "context" else ref.actor_id)
        if ref.how == "context" and tok.pos_ == "PROPN":
            # "Austrian minister Karl Huber": a nationality in the person's own title beats the context guess
            start, _ = noun_phrase(tok)
            stated = country_of_words([t.text for t in self.doc[start:tok.i] if t.ent_type_ in ("NORP", "GPE")])
            if stated and stated[0] != ref.country:
                ref = replace(ref, country=stated[0], actor_id=None, how="title")
        if ref.country is None:
            start, end = noun_phrase(tok)
            found = country_of_words([t.text for t in self.doc[start:end]]) or (
                self._place_of(tok) if tok.lemma_.lower() not in MILITARY_NOUNS else None)
            if found:
                ref = replace(ref, country=found[0], sector=ref.sector or found[1] or None)
        if ref.country is None or ref.how == "context":
            start, end = noun_phrase(tok)
            for ent in (e for e in self.ents if start <= e.start and e.end <= end and e.label_ == "ORG"):
                group = get_kb().lookup(ent.text, fuzzy=False)  # "eight top al-Qaeda leaders": the group named inside
                if group is not None and group.country:
                    ref = replace(ref, country=group.country, sector=ref.sector or group.sector,
                                  actor_id=None if ref.how == "context" else ref.actor_id)
                    break
        sited = tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in SITE_NOUNS  # "the Zaporizhzhia plant"
        if ref.country is None and (tok.ent_type_ in ("GPE", "LOC", "PERSON", "") and tok.pos_ == "PROPN" or sited
                                    or tok.ent_type_ in ("GPE", "LOC")) \
                and ref.how in ("entity", "demonym"):
            place = self.place_country(tok)  # "operations in the last rebel bastion of Douma": a town of Syria
            if place is not None:
                ref = replace(ref, country=place, how="gazetteer")
        if ref.country is None and tok.pos_ == "NOUN":
            patron = [g for c in tok.children if c.dep_ in ("acl", "amod") and c.lemma_.lower() in AFFILIATED
                      for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                      for g in p.children if g.dep_ == "pobj"]
            named = self.resolve_name(patron[0]) if patron else None  # "gunmen linked to al-Qaeda"
            if named is not None and named.country:
                ref = replace(ref, country=named.country, sector=ref.sector or named.sector, how="affiliation")
        if ref.country is None and tok.pos_ == "PROPN":
            earlier = self.same_name(tok)  # "Rubio" after "US Secretary of State Marco Rubio"
            if earlier is not None:
                ref = replace(ref, country=earlier.country, sector=ref.sector or earlier.sector,
                              actor_id=ref.actor_id or earlier.actor_id, how="coref")
        if ref.country is None and head in self.by_head and tok.pos_ == "NOUN":
            known = self.by_head[head]  # "the coalition" after "the Saudi-led coalition"
            ref = replace(ref, country=known.country, sector=ref.sector or known.sector, how="coref")
        if ref.sector is None and head in MILITARY_NOUNS:
            ref = replace(ref, sector="MIL")
        if ref.country is None and self.doc_country and ref.sector in DOMESTIC_SECTORS and not _regional(ref):
            ref = replace(ref, country=self.doc_country, how="story-country")
        if ref.country is None and ref.sector in ("NGO", "IGO"):
            # "the Association of African Jurists", "aid agencies": a non-governmental or international body
            # of no one country takes the CAMEO country slot of its kind, as the named ones in the KB do
            ref = replace(ref, country=ref.sector)
        if ref.country and tok.pos_ == "NOUN" and ref.how not in ("story-country", "context"):
            self.by_head[head] = ref
        return ref

    def _office(self, tok: Token) -> str | None:
        """Country (or IGO) of the office a named person holds in the text: an apposition ("Kenzo Oshima, the
        United Nations relief coordinator") or an international body in the title ("U.N. mediator Diego
        Cordovez"); the office, not the person's nationality, is the capacity in which they act."""
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and c.i > tok.i:
                start, end = noun_phrase(c)
                of = [g for p in c.children if p.dep_ == "prep" and p.lower_ in ("of", "at", "for")
                      for g in p.children if g.dep_ == "pobj"]
                end = max([end] + [g.right_edge.i + 1 for g in of[:1]])  # "the president of the European Commission"
                role = self.doc[start:end]
                inside = [m for m in self.mentions if role.start_char <= m.span.start and m.span.end <= role.end_char
                          and m.country and m.how != "context" and m.span.start != c.left_edge.idx]
                if inside:
                    return inside[0].country
                found = country_of_words([t.text for t in role if t.i != c.i])
                if found:
                    return found[0]
        start, _ = noun_phrase(tok)
        title = self.doc[start:tok.i]
        if any(t.ent_type_ in ("NORP", "GPE") for t in title):
            return None
        for m in self.mentions:
            if title.start_char <= m.span.start and m.span.end <= title.end_char and m.country in ("IGO", "NGO"):
                return m.country
        return None

    def _resolve(self, tok: Token) -> ActorRef | None:
        if tok.lemma_.lower() in COLLECTIVE_HEADS or tok.like_num:
            inner = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"), None)
            if inner is not None:
                return self.resolve(inner)
        if tok.lower_ in PRONOUNS and tok.dep_ not in ("compound",):
            hit = self.mention_at(tok.idx, tok.idx + len(tok))
            return hit
        hit = self.mention_at(tok.idx, tok.idx + len(tok))
        if hit is not None:
            return hit
        appos = next((c for c in tok.children if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_)), None)
        if appos is not None and tok.pos_ == "NOUN":
            named = self._resolve(appos)  # "Musharraf's successor, Zardari," is Zardari
            if named is not None:
                return named
        start, end = noun_phrase(tok)
        phrase = self.doc[start:end]
        possessors = {t.idx for t in phrase if t.dep_ == "poss" or (t.i + 1 < len(self.doc) and self.doc[t.i + 1].tag_ == "POS")}
        for m in self.mentions:  # a mention inside the noun phrase ("Russian Foreign Minister Lavrov")
            if phrase.start_char <= m.span.start and m.span.end <= phrase.end_char \
                    and not any(m.span.start <= i < m.span.end for i in possessors):
                hit = m
        if hit is not None and hit.how == "demonym" and tok.pos_ == "NOUN" and hit.span.end < tok.idx:
            # "five Iranian companies": the companies, of Iran (not the word "Iranian" alone)
            text = self.doc[max(start, tok.left_edge.i):end]
            if len(text) > 1 and text[-1].tag_ == "POS":
                text = text[:-1]
            return ActorRef(span=Span.of(text), name=text.text, country=hit.country,
                            sector=self._sector(phrase) or hit.sector, how="demonym")
        if hit is not None:
            return hit
        found = country_of_words([t.text for t in phrase]) or (
            self._place_of(tok) if tok.lemma_.lower() not in MILITARY_NOUNS else None)  # "the offensive in Yemen"
        country, table_sector = found or (None, "")
        sector = self._sector(phrase) or table_sector or None
        if sector is None and tok.lemma_.lower() in MILITARY_NOUNS:
            sector = "MIL"
        if country is None and sector is None and tok.pos_ != "PROPN" and tok.ent_type_ not in ACTOR_ENTS \
                and not any(t.ent_type_ in ACTOR_ENTS for t in phrase) and tok.lemma_.lower() not in self.by_head:
            return None
        how = "demonym" if country and any(t.ent_type_ == "NORP" for t in phrase) else "entity"
        return ActorRef(span=Span.of(phrase), name=phrase.text, country=country, sector=sector, how=how)

    @staticmethod
    def _place_of(tok: Token) -> tuple[str, str] | None:
        """"the president of Armenia", "opposition groups in Zimbabwe": the country named right after the head;
        one level deeper for "students at a university in Khartoum", and "a newspaper based in Beirut"."""
        rights = list(tok.rights)
        acls = [c for c in rights if c.dep_ == "acl" and (c.lemma_.lower() in SITED or c.lemma_.lower() in FLEEING)]
        rights += [p for c in acls for p in c.children] + [p for c in acls for o in c.children if o.dep_ == "dobj"
                                                           for p in o.children]  # "refugees fleeing the war in Liberia"
        fled = [o for c in acls if c.lemma_.lower() in FLEEING for o in c.children if o.dep_ == "dobj" and o.ent_type_ == "GPE"]
        if fled:  # "refugees fleeing Syria"
            start, end = noun_phrase(fled[0])
            return country_of_words([t.text for t in fled[0].doc[start:end]])
        for c in rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "from", "at", "to"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and c.lower_ != "to" and (obj.ent_type_ in ("GPE", "NORP", "LOC") or obj.pos_ == "PROPN"):
                    start, end = noun_phrase(obj)
                    found = country_of_words([t.text for t in obj.doc[start:end]])
                    if found or c.lower_ != "at":
                        return found
                if obj is not None and obj.pos_ == "NOUN" and (c.lower_ != "to" or obj.lemma_.lower() in CONFLICT_NOUNS):
                    inner = next((g for q in obj.children if q.dep_ == "prep" and q.lower_ in ("in", "of")
                                  for g in q.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC")), None)
                    if inner is not None:
                        start, end = noun_phrase(inner)
                        return country_of_words([t.text for t in inner.doc[start:end]])
        return None

    @staticmethod
    def _sector(phrase) -> str | None:  # type: ignore[no-untyped-def]
        table = sectors()
        for t in reversed(phrase):
            s = table.get(t.lower_) or table.get(t.lemma_.lower())
            if s:
                return s
        return None


NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "LAW"})
OWNER_PREPS = ("from", "by", "of", "against", "on", "to", "with", "for")


def _entity_tokens(tok: Token) -> list[Token]:
    if not tok.ent_type_:
        return [tok]
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
        end += 1
    return list(tok.doc[start:end])


def _with_conjuncts(tok: Token) -> list[Token]:
    if tok.ent_type_ in NOT_ACTOR_ENTS and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) \
            and country_of_words([tok.text]) is None:  # (but "Kyiv" of "at Kyiv overnight", taken for a time, is Kyiv)
        # "met with President Bashar Assad Tuesday": the parser made the date the head of the name
        names = [c for c in tok.children if c.dep_ == "compound" and c.ent_type_ in ACTOR_ENTS]
        return names[-1:]
    # a name the parser split ("Barack" as subject, "Obama" under it): take conjuncts of any of its tokens
    out = [tok]
    if tok.ent_type_ in ("GPE", "NORP"):  # "The US, Russia, and Switzerland met": a list parsed as an apposition
        listed = [c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == tok.ent_type_ and c.conjuncts]
        for c in listed[:1]:
            out.extend([c] + [g for g in c.conjuncts if g.i > c.i and g.pos_ == "PROPN"])
    for t in _entity_tokens(tok):
        if t.dep_ == "pobj" and t.head.lower_ != "of":
            continue  # "the European Centre for Law and Justice" is one organisation
        out.extend(c for c in t.conjuncts if c.i > t.i and c.pos_ in ("NOUN", "PROPN", "PRON") and c not in out
                   and not (c.ent_type_ and c in _entity_tokens(tok)))
        out.extend(g for c in t.children if c.dep_ == "pobj" and c.ent_iob_ == "I" and t.lower_ == "of"
                   for g in c.conjuncts if g.i > c.i and g not in out)
    if not tok.ent_type_ and tok.tag_ in ("NNS", "NNPS"):
        # "the presidents of Russia and Ukraine": one party per state named
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN")):
                out.extend(g for g in obj.conjuncts if g.i > obj.i and (g.ent_type_ in ACTOR_ENTS or g.pos_ == "PROPN")
                           and g not in out)
    return out


def owners(thing: Token, proposer: bool = False) -> list[Token]:
    """Who a non-actor object belongs to: "an Indian proposal", "Saddam's proposal", "an offer from Kabul"."""
    for c in thing.children:
        if c.dep_ == "poss" and (c.lower_ in PRONOUNS or c.ent_type_ in ("DATE", "TIME")):
            continue  # "Tuesday's agreement": a day owns nothing
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and (
                c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or (c.pos_ == "PROPN" and country_of_words([c.text])))):
            return [c]  # ("UN calls": a name the tagger left untyped but the country table knows)
    for c in thing.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in OWNER_PREPS:
            obj = _pobj(c)
            if obj is not None and obj.ent_type_ not in NOT_ACTOR_ENTS and _is_actorish(obj):
                inner = [p for p in obj.children if p.dep_ == "poss" and p.lower_ not in PRONOUNS]
                if inner and obj.pos_ in ("NOUN", "VERB") and not _actor_noun(obj):
                    return inner  # "frustration with Russia's stalling": Russia
                return _with_conjuncts(obj)
    for acl in (c for c in thing.children if c.dep_ == "acl" and c.tag_ == "VBN" and proposer):
        agents = [g for c in acl.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj" and _is_actorish(g)]
        if agents:  # "the truce proposed by Saudi Arabia"
            return _with_conjuncts(agents[0])
    return []


def _counted(tok: Token) -> list[Token]:
    """A noun and, when it is a count ("thousands of troops", "a number of drones"), what it counts."""
    if not (tok.like_num or tok.lemma_.lower() in QUANTIFIER_NOUNS or tok.lemma_.lower() == "million"):
        return [tok]
    return [tok] + [g for q in tok.children if q.dep_ == "prep" and q.lower_ == "of" for g in q.children if g.dep_ == "pobj"]


def _hung_author(verb: Token, thing: Token) -> list[Token]:
    """The author of an object when the parser hung its "by" phrase on the active verb: "rejected a proposal
    by Britain, France and Germany"."""
    by = [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "by" and p.i == thing.right_edge.i + 1
          for g in p.children if g.dep_ == "pobj" and _is_actorish(g)]
    return _with_conjuncts(by[0]) if by and not is_passive(verb) else []


def _of_chain(tok: Token) -> list[Token]:
    out = []
    node = tok
    for _ in range(3):
        nxt = next((g for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"), None)
        if nxt is None:
            break
        out.append(nxt)
        node = nxt
    return out


VICTIM_SUBJECT_VERBS = words("event_args", "victim_subject_verbs")
FORCE_NOUNS = words("event_args", "force_nouns")
# Participles of stance that take "with" with an active meaning ("is allied with", "was concerned with").
ADJECTIVAL_WITH = words("event_args", "adjectival_with")
# Act nouns whose possessor undergoes the act ("his arrest", "the journalist's killing").
PATIENT_NOUNS = words("event_args", "patient_nouns")


def _killers(verb: Token) -> list[Token]:
    """Who used force when the victim is the subject: "died in clashes with X", "at the hands of X",
    "in Israeli custody", "under Russian shelling"."""
    frontier = [verb]
    for _ in range(3):
        nxt = []
        for node in frontier:
            for p in (c for c in node.children if c.dep_ in ("prep", "agent", "advcl")):
                if p.dep_ == "advcl":
                    nxt.append(p)
                    continue
                obj = _pobj(p)
                if obj is None:
                    continue
                if p.lower_ in ("with", "by", "of") and _is_actorish(obj) and obj.pos_ != "PRON":
                    return _with_conjuncts(obj)
                if obj.lemma_.lower() in FORCE_NOUNS:
                    named = [m for m in obj.children if m.dep_ in ("amod", "compound", "poss", "nmod")
                             and m.ent_type_ in ("NORP", "GPE", "ORG")]
                    if named:
                        return named[:1]
                nxt.append(obj)
        frontier = nxt
    return []


def _pobj(prep: Token) -> Token | None:
    found = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if found is None and prep.n_rights == 0 and prep.i + 1 < len(prep.doc):
        # "granted asylum to five officers holed up in ...": the object parsed as the subject of a clause
        for clause in prep.head.children:
            if clause.i > prep.i and clause.dep_ in ("advcl", "ccomp", "conj", "xcomp"):
                subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.left_edge.i == prep.i + 1]
                if subj:
                    return subj[0]
    return found


def _is_actorish(tok: Token) -> bool:
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ACTOR_ENTS:
        return True
    if tok.lower_ in sectors() or tok.lemma_.lower() in sectors() or tok.lemma_.lower() in COLLECTIVE_HEADS:
        return True
    if tok.pos_ == "NOUN" and any(c.dep_ == "compound" and c.ent_type_ == "ORG" for c in tok.children):
        return True  # "its European Community partners"
    if tok.pos_ == "NOUN" and any(m.span.start <= tok.idx < m.span.end and m.how != "context" or
                                  (m.how == "context" and m.span.end == tok.idx + len(tok))
                                  for m in tok.doc._.mentions or ()):
        return True  # dyad_actors found an actor here ("opposition supporters")
    # the words before it down to its first ("the Kenyan-led police mission", tokenised "Kenyan - led")
    return country_of_words([t.text for t in tok.doc[tok.left_edge.i:tok.i + 1]]) is not None


def _actor_noun(tok: Token) -> bool:
    """A common noun naming people or bodies ("diplomats", "government"), not an act or thing ("repression")."""
    return tok.ent_type_ in ACTOR_ENTS or tok.lower_ in sectors() or tok.lemma_.lower() in sectors() \
        or tok.lemma_.lower() in COLLECTIVE_HEADS


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def adjectival_passive(verb: Token) -> bool:
    """"Israel is opposed to", "is committed to", "is concerned about", "is allied with": passive form, active
    meaning (no agent, a "to"/"about" phrase, or "with" after a participle of stance); "was charged with
    murder" and "was arrested along with nine others" stay passive."""
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ == "prep" and (c.lower_ in ("to", "about") or (
        c.lower_ == "with" and verb.lemma_.lower() in ADJECTIVAL_WITH)) for c in verb.children)


def _relative_gap(verb: Token) -> bool:
    """A relative clause whose relativised noun is the object ("companies (that) it accuses of ...")."""
    has_subject = any(c.dep_ in SUBJECT_DEPS and c.tag_ not in ("WDT", "WP") for c in verb.children)
    has_object = any(c.dep_ in ("dobj", "obj") and c.tag_ not in ("WDT", "WP") for c in verb.children)
    return has_subject and not has_object


def _outer_subject(verb: Token, pronoun: Token) -> Token | None:
    """The subject of the clause a pronoun-subject clause hangs from, when it agrees in number
    ("it" is not "the rebels")."""
    node = verb
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = [c for c in node.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in PRONOUNS]
            if subj:
                plural = subj[0].tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj[0].children)
                if pronoun.lower_ in ("he", "she") and subj[0].ent_type_ not in ("PERSON", ""):
                    return None
                if (pronoun.lower_ == "they") == plural or (pronoun.lower_ == "they" and subj[0].ent_type_ in ("GPE", "ORG", "NORP")):
                    return subj[0]
                return None
        if node.head is node:
            break
    return None


def subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """Subject tokens of a verb (following control and coordination), and whether they are agents."""
    if is_passive(verb) and adjectival_passive(verb):
        subj = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        return (_with_conjuncts(subj[0]) if subj else []), True
    if is_passive(verb) or (verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)):
        # also a reduced relative: "sanctions imposed by Washington on Caracas"
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not agents:  # "were threatened with arrest by the attorney general": the "by" phrase hung on the "with" noun
            agents = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
                      if o.dep_ == "pobj" for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
                      for g in b.children if g.dep_ == "pobj" and _is_actorish(g)][:1]
        if not agents and verb.dep_ == "xcomp" and not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
            return subject_of(verb.head, depth + 1)  # "Gilani ordered the activists to be freed"
        return [t for a in agents for t in _with_conjuncts(a)], True
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in ("there",)]
    if subj and verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in DEFIANCE_NOUNS \
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children):
        # "marched in defiance of the authorities to demand reforms": the marchers demand, not the authorities
        main = verb.head.head.head.head if verb.head.head.dep_ == "pobj" else None
        if main is not None and main.pos_ in ("VERB", "AUX"):
            return subject_of(main, depth + 1)
    if subj and subj[0].lower_ in ("it", "they", "he", "she", "we") and verb.dep_ == "ccomp":
        reporter = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        if reporter and reporter[0].lower_ not in PRONOUNS:
            return _with_conjuncts(reporter[0]), True  # "Nigeria said it will withdraw"
    if subj and subj[0].lower_ in ("it", "they", "he", "she") and verb.dep_ in ("relcl", "advcl", "acl"):
        outer = _outer_subject(verb, subj[0])
        if outer is not None:  # "The EU imposed sanctions on companies it accuses of ...": it = the EU
            return _with_conjuncts(outer), True
    if subj:
        s = subj[0]
        if s.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            s = verb.head
        return _with_conjuncts(s), True
    if depth > 3:
        return [], True
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for") and head.head.pos_ == "VERB":
        # "accused Iran of supplying drones", "companies it accuses of supplying drones": the accused acts
        judge = head.head
        objs = [c for c in judge.children if c.dep_ in ("dobj", "obj", "nsubjpass")]  # "X was accused by Y of ..."
        if objs:
            return _with_conjuncts(objs[0]), True
        if judge.dep_ == "relcl" and _relative_gap(judge):
            return _with_conjuncts(judge.head), True
    has_object = any(c.dep_ in ("dobj", "obj") for c in verb.children)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in DOCUMENT_NOUNS | MESSAGE_NOUNS \
            and not _is_actorish(head) and head.dep_ in ("dobj", "obj") \
            and head.head.pos_ in ("VERB", "AUX"):
        # "The PKK issued a declaration demanding that ...": the statement's issuer demands, unless the
        # statement names its author ("vetoed a Security Council resolution condemning ...")
        return owners(head) or subject_of(head.head, depth + 1)[0], True
    owner = [c for c in head.children if c.dep_ == "poss"] if verb.dep_ == "acl" and head.pos_ == "NOUN" \
        and head.lemma_.lower() in INTENTION_NOUNS else []
    if owner and verb.tag_ != "VBN":
        return _with_conjuncts(owner[0]), True  # "Washington's decision to sell F-16s": Washington sells
    if verb.dep_ == "acl" and head.lemma_.lower() in DEMAND_NOUNS and verb.tag_ != "VBN":
        # "Kosovo refused Serbia's demand to withdraw its police": the one asked would act
        return (subject_of(head.head, depth + 1)[0] if head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB"
                else []), True
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and (verb.tag_ != "VBN" or has_object)):
        # "the coalition bombed Yemen" misparsed as a reduced relative: a participle with an object is active
        return _with_conjuncts(head), True
    if verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.dep_ == "xcomp" and head.lemma_.lower() in CONTROL_BY_OBJECT:
            objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            if objs:
                return _with_conjuncts(objs[0]), True
        return subject_of(head, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP") and any(c.dep_ == "mark" for c in verb.children):
        own = _linear_subject(verb)  # "after Bogota accused Caracas", the name parsed as the object of "after"
        if own:
            return own, True
    if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)  # "France is ready to contribute": ready -> is -> France
    if verb.dep_ in ("xcomp", "ccomp", "conj") and head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.pos_ in ("NOUN", "PROPN"):
        return _with_conjuncts(head.head), True  # "leaders ready to talk"
    if verb.dep_ in ("pcomp", "pobj") and head.dep_ in ("prep", "advcl", "advmod") and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)
    return [], True


FIRE_VERBS = words("event_args", "fire_verbs")
DEPLOY_VERBS = words("event_args", "deploy_verbs")
# Verbs of handing someone over: the receiving state ("to X") is the recipient, not the person handed over.
HANDOVER_VERBS = words("event_args", "handover_verbs")
# A protest outside a state's mission is aimed at that state ("rallied outside the Russian embassy").
MISSION_NOUNS = words("event_args", "mission_nouns")
# Bodies an act takes place at ("at the International Court of Justice", "at the UN General Assembly").
VENUES = words("event_args", "venues")
SENT_FORCES = words("event_args", "sent_forces")


# Verbs whose coordinated subjects act on each other ("A and B clashed").
MUTUAL_VERBS = words("event_args", "mutual_verbs")


def verb_targets(verb: Token, plover_type: str, skip: set[int]) -> list[Token]:
    passive = is_passive(verb) and not adjectival_passive(verb)
    if passive:
        subj = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        blamed = [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "on" and verb.lemma_.lower() == "blame"
                  for g in p.children if g.dep_ == "pobj" and _is_actorish(g)]
        if blamed:  # "the attack was blamed on Iran-backed militias"
            return _with_conjuncts(blamed[0])
        if subj:
            if not _is_actorish(subj[0]):
                # "a camp for Congolese refugees was attacked", "a proposal put forward by Qatar was accepted",
                # "two suspects were handed over to the Netherlands": whose the thing is, else where it went
                found = owners(subj[0], proposer=True) or prep_targets(verb, plover_type, skip)
                if found:
                    return found
            return _with_conjuncts(subj[0])
        if verb.dep_ == "xcomp":
            objs = [c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
            if objs:
                return _with_conjuncts(objs[0])
        if verb.dep_ == "acl":
            return _with_conjuncts(verb.head)
    if verb.lemma_.lower() in HANDOVER_VERBS:  # "extradited a cartel commander to the United States"
        receivers = [g for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                     for g in p.children if g.dep_ == "pobj" and g.i not in skip and _is_actorish(g)]
        if receivers:
            return _with_conjuncts(receivers[0])
    # ("vetoed a Security Council resolution censuring ...", misparsed with the participle as the object)
    objs = [next((k for k in c.children if k.dep_ == "compound" and k.pos_ == "NOUN"), c) if c.tag_ == "VBG" else c
            for c in verb.children if c.dep_ in ("dobj", "obj", "dative", "iobj")]
    objs = [c for c in objs if c.pos_ in ("PROPN", "NOUN", "PRON")]
    if verb.dep_ == "relcl":  # "the soldiers that Russia sent to Mali": the relative pronoun stands for its noun
        objs = [verb.head if c.tag_ in ("WDT", "WP") else c for c in objs]
    if not objs:  # "kidnapped up to 16 Russian advisers", misparsed as particle "up" + "to"
        objs = [g for p in verb.children if p.dep_ == "prt" and p.lower_ == "up" for q in p.children
                if q.dep_ == "prep" and q.lower_ == "to" for g in q.children
                if g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children)]
    if not objs and verb.dep_ == "relcl" and _relative_gap(verb) and verb.head.pos_ in ("NOUN", "PROPN"):
        objs = [verb.head]  # "five Iranian companies it accuses of supplying drones": the companies are accused
    if not objs:  # "denounced as an ugly crime Serbia's suppression of ...": the object parsed as a second "as" noun
        # (or as an apposition to it)
        as_nouns = [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for c in p.children if c.dep_ == "pobj"]
        objs = as_nouns[1:] + [a for n in as_nouns[:1] for a in n.children if a.dep_ == "appos"]
    for c in objs[:1]:  # the first object; later ones are usually misattached ("by far the biggest group")
        sent = _counted(c)  # "massed thousands of fighters"
        if c.i in skip or (verb.lemma_.lower() in DEPLOY_VERBS | FIRE_VERBS and any(t.lemma_.lower() in SENT_FORCES for t in sent)):
            # "deployed troops in Somalia", "fired 50 drones at Kyiv": the troops and drones are the sender's,
            # the recipient is elsewhere (perhaps hung on them: "drones at Kyiv")
            aimed = [p for t in sent for p in prep_targets(t, plover_type, skip, allow_of=False)] if c.i not in skip else []
            if aimed:
                return aimed
            continue
        owned = owners(c, proposer=True)
        if _is_actorish(c) and not (owned and c.pos_ == "NOUN" and not _actor_noun(c)):
            return _with_conjuncts(c)
        if not owned and not passive:
            owned = _hung_author(verb, c)
        if not owned and plover_type in ("ASSAULT", "COERCE"):
            owned = [p for p in c.children if p.dep_ == "poss" and p.lower_ in ("its", "their")]  # "rammed its vessel"
        if owned:
            return owned
    found = prep_targets(verb, plover_type, skip)
    if found:
        return found
    for c in objs[:1]:  # "disbursed $330 million to Sri Lanka": the recipient hung on the thing given
        given = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children
                 if g.dep_ == "pobj" and g.i not in skip and _is_actorish(g)]
        if given:
            return _with_conjuncts(given[0])
    # "called for sanctions against Nigeria": the recipient sits inside the demanded thing
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in ("for", "of"):
            obj = _pobj(p)
            if obj is not None:
                inner = prep_targets(obj, plover_type, skip, allow_of=False)
                if inner:
                    return inner
    return []


def prep_targets(tok: Token, plover_type: str, skip: set[int], allow_of: bool = True, allow_for: bool = False) -> list[Token]:
    near = ("around", "near", "along") if plover_type == "MOBILIZE" else ()  # "massed troops around Sittwe"
    preps = [c for c in tok.children if c.dep_ in ("prep", "dative") and (c.lower_ in TARGET_PREPS or c.lower_ in near)]
    order = {p: i for i, p in enumerate(TARGET_PREPS)}
    preps.sort(key=lambda p: order.get(p.lower_, 99))
    for p in preps:
        if p.lower_ == "for" and plover_type in FOR_IS_NOT_TARGET and not allow_for:
            continue
        if p.lower_ == "of" and (tok.pos_ == "VERB" or not allow_of):
            continue
        if p.lower_ == "from" and plover_type not in ("RETREAT", "REQUEST", "AID", "SANCTION"):
            continue
        obj = _pobj(p)
        if obj is not None and p.lower_ == "at" and obj.lemma_.lower() in VENUES:
            continue  # "filed a complaint against Venezuela at the International Court of Justice": where, not whom
        if obj is not None and obj.ent_type_ in NOT_ACTOR_ENTS and country_of_words([obj.text]) is None and not any(
                (c.dep_ in ("compound", "amod") and c.ent_type_ in ACTOR_ENTS) or (c.dep_ == "prep" and c.lower_ == "of")
                for c in obj.children):
            continue  # "imposed sanctions on Tuesday on five Iranian companies" (but "to thousands of refugees")
        if obj is not None and obj.i not in skip and (_is_actorish(obj) or owners(obj)):
            owned = owners(obj)
            if _is_actorish(obj) and not (owned and obj.pos_ in ("NOUN", "VERB") and not _actor_noun(obj)):
                return _with_conjuncts(obj)
            return owned  # "against Israel's war in Gaza": the war's owner
        if obj is not None and obj.i not in skip and p.lower_ in ("at", "on", "against", "into", "upon"):
            mine = [c for c in obj.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
            if mine:  # "fired water cannon at its supply boats": the boats' owner (an earlier actor)
                return mine
    return []


# "in defiance of Chinese authorities", "in protest at the government's decision"
DEFIANCE_NOUNS = words("event_args", "defiance_nouns")
STANCE_PREPS = ("at", "for", "of", "against", "with", "over", "toward", "towards", "to")


def _purpose_targets(verb: Token) -> list[Token]:
    """"blocked a road to show their disapproval for the United States' policies", "in defiance of Chinese
    authorities": the one a protest's purpose clause or "in defiance/protest of" phrase is aimed at (or the
    owner of what it is about)."""
    for clause in verb.children:
        if clause.dep_ == "prep" and clause.lower_ == "in":
            things = [g for g in clause.children if g.dep_ == "pobj" and g.lemma_.lower() in DEFIANCE_NOUNS]
        elif clause.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            things = [c for c in clause.children if c.dep_ in ("dobj", "obj")]
        else:
            continue
        for obj in things:
            for p in obj.children:
                if p.dep_ != "prep" or p.lower_ not in STANCE_PREPS:
                    continue
                g = _pobj(p)
                if g is not None and g.dep_ == "pcomp":  # "in defiance of Chinese authorities to demand ..."
                    g = next((c for c in g.children if c.dep_ == "nsubj" and c.i < g.i), None)
                if g is None:
                    continue
                if _is_actorish(g) and (g.pos_ != "NOUN" or _actor_noun(g) or not owners(g)):
                    return _with_conjuncts(g)
                if owners(g):
                    return owners(g)
    return []


EXPEL_VERBS = words("event_args", "expel_verbs")
# "X's decision to sell": X sells (but in "X's demand to withdraw" someone else withdraws)
INTENTION_NOUNS = words("event_args", "intention_nouns")
DEMAND_NOUNS = words("event_args", "demand_nouns")
MESSAGE_NOUNS = words("event_args", "message_nouns")
DOCUMENT_NOUNS = words("event_args", "document_nouns")


def _document_author(paper: Token, resolver: Resolver) -> list[ActorRef]:
    """"A report released by X", "a report released in the Rwandan capital": who (or where) a report that
    accuses, demands or rejects comes from, when the text names no author as subject."""
    authors = owners(paper)
    for acl in (c for c in paper.children if c.dep_ == "acl"):
        authors = authors or [g for c in acl.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    found = _resolve_all(authors, resolver)
    if found:
        return found
    for acl in (c for c in paper.children if c.dep_ == "acl"):
        where = _place_targets(acl, set())
        places = [p for p in _resolve_all(where, resolver) if p.country not in (None, "IGO", "NGO")]
        if places:
            return [replace(places[0], how="place-country")]
    return []


# Acts whose "of" phrase names who does them ("the withdrawal of Russian troops")
INTRANSITIVE_ACTS = words("event_args", "intransitive_acts")


def _demanded_doer(tok: Token) -> list[Token]:
    """Who is asked to act in "demanded / called for the release of the hostages by Hamas", "... for Russia's
    withdrawal", "... for the withdrawal of Russian troops": the demanded act's agent."""
    for p in tok.children:
        if p.dep_ != "prep" or p.lower_ != "for":
            continue
        act = _pobj(p)
        if act is None or act.pos_ != "NOUN" or _actor_noun(act):
            continue
        by = [g for c in act.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
              for g in c.children if g.dep_ == "pobj" and _is_actorish(g)]
        owner = [c for c in act.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS]
        doer = [g for c in act.children if c.dep_ == "prep" and c.lower_ == "of" and act.lemma_.lower() in INTRANSITIVE_ACTS
                for g in c.children if g.dep_ == "pobj" and _is_actorish(g)]
        found = by or owner or doer
        if found:
            return _with_conjuncts(found[0])
    return []


def _companions(verb: Token, subject: Token) -> list[Token]:
    """Actors who act with the subject: "France, together with Germany, condemned", "Along with Britain, the
    US imposed ...", "Japan joined the US in condemning ..."."""
    out: list[Token] = []
    clause = verb
    while clause.dep_ in ("xcomp", "conj", "pcomp", "advcl") and clause.head is not clause and clause.head.pos_ in ("VERB", "ADP"):
        if clause.dep_ == "pcomp" and clause.head.head.lemma_.lower() == "join":
            out += [o for o in clause.head.head.children if o.dep_ in ("dobj", "obj") and _is_actorish(o)]
        clause = clause.head
    for node in (subject, clause):
        for p in node.children:
            if p.dep_ != "prep":
                continue
            inner = p if p.lower_ in ("alongside",) else next(
                (q for q in p.children if q.dep_ == "prep" and q.lower_ == "with"), None) if p.lower_ == "along" else (
                p if p.lower_ == "with" and any(a.lower_ == "together" for a in p.children if a.dep_ == "advmod") else None)
            g = _pobj(inner) if inner is not None else None
            if g is not None and _is_actorish(g):
                out += _with_conjuncts(g)
    return out


def _destination(verb: Token, skip: set[int]) -> list[Token]:
    """Where a verb of sending sends ("to Esfahan facilities in central Iran", "to Mali")."""
    for p in verb.children:
        if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "into"):
            g = _pobj(p)
            if g is None or g.i in skip:
                continue
            if g.ent_type_ in ("GPE", "LOC") or _is_actorish(g):
                return [g]
            inner = [h for q in g.children if q.dep_ == "prep" and q.lower_ in ("in", "of", "near")
                     for h in q.children if h.dep_ == "pobj" and h.ent_type_ in ("GPE", "LOC")]
            if inner:
                return inner[:1]
    return []


def _relative_judge(thing: Token) -> list[Token]:
    """"offered concessions that U.S. negotiator X believed could ...": the one judging an offer is its recipient."""
    clauses = [r for r in thing.children if r.dep_ == "relcl"]
    if thing.dep_ in ("dobj", "obj"):  # the clause parsed as the verb's that-complement after the object
        clauses += [r for r in thing.head.children if r.dep_ == "ccomp" and r.i > thing.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)]
    return [c for r in clauses for c in r.children
            if c.dep_ in SUBJECT_DEPS and c.lower_ not in PRONOUNS and _is_actorish(c)][:1]


def _gerund_targets(thing: Token, plover_type: str, skip: set[int]) -> list[Token]:
    """"accepted a formula for ending its dispute with its partners": the recipient of the act a proposal
    is about (a gerund under the object's preposition, or that gerund's object)."""
    for p in thing.children:
        if p.dep_ != "prep" or p.lower_ not in ("for", "on", "to", "toward", "towards"):
            continue
        for g in p.children:
            if g.dep_ == "pcomp" and g.pos_ == "VERB":
                found = prep_targets(g, plover_type, skip, allow_of=False)
                for o in ([] if found else [c for c in g.children if c.dep_ in ("dobj", "obj")]):
                    found = prep_targets(o, plover_type, skip, allow_of=False)
                if found:
                    return found
    return []


def _between(tok: Token) -> list[Token]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among", "amongst"):
            obj = _pobj(c)
            if obj is not None:
                return [obj] + list(obj.conjuncts)
    return []


def sentence_start(tok: Token) -> int:
    """Index of the first token of ``tok``'s sentence, without building the sentence (``tok.sent`` is slow)."""
    i = tok.i
    doc = tok.doc
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return i


def sentence_of(tok: Token):  # type: ignore[no-untyped-def]
    doc = tok.doc
    start = sentence_start(tok)
    end = tok.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def _linear_possessor(noun: Token) -> Token | None:
    """"Russia's intensified military assault" when the parser attached "Russia's" elsewhere."""
    i = noun.i - 1
    doc = noun.doc
    first = sentence_start(noun)
    while i > first and (doc[i].pos_ in ("ADJ", "ADV") or doc[i].dep_ in ("amod", "compound", "advmod")
                                   or doc[i].tag_ in ("VBN", "JJ", "JJS", "RBS")) and doc[i].tag_ != "POS":
        i -= 1
    if i > first and doc[i].tag_ == "POS" and doc[i - 1].pos_ in ("PROPN", "NOUN"):
        return doc[i - 1]
    return None


def _linear_subject(verb: Token) -> list[Token]:
    """"Rubio and Lavrov sat down" when the parser hung the names elsewhere: the names right before the verb."""
    doc = verb.doc
    i = verb.i - 1
    first = sentence_start(verb)
    while i >= first and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].dep_ != "punct":
        i -= 1
    out: list[Token] = []
    if i < first or doc[i].pos_ != "PROPN":
        return []
    while i >= first and (doc[i].pos_ == "PROPN" or doc[i].lower_ == "and"):
        if doc[i].pos_ == "PROPN" and (not out or not _same_name(doc[i], out[-1])):
            out.append(doc[i])
        i -= 1
    return sorted(out, key=lambda t: t.i)


def _clause_subject(tok: Token) -> list[Token]:
    """Subject of the clause an adjunct hangs from ("After championing X ..., Trump has ...")."""
    node = tok
    for _ in range(5):
        if node.dep_ not in ("conj", "pobj", "pcomp", "prep", "advcl", "compound", "acl") or node.head is node:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
            if subj:
                return _with_conjuncts(subj[0])
    return []


def _modifier_actors(noun: Token) -> list[Token]:
    """Possessive, compound and nationality modifiers of a nominal trigger ("Moscow's", "Rubio-Lavrov", "Russian")."""
    out = []
    possessor = _linear_possessor(noun)
    if possessor is not None and not any(c.dep_ == "poss" for c in noun.children):
        out.append(possessor)
    for c in noun.lefts:
        # ("the West Coast meeting": a region says where, not who)
        named = (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN") and c.ent_type_ != "LOC" or (
            c.pos_ == "NOUN" and any(t.ent_type_ in ("NORP", "GPE") for t in c.subtree))  # "Saudi-led coalition fighting"
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and named):
            out.append(c)
            out.extend(x for x in c.children if x.dep_ == "compound" and (x.ent_type_ in ACTOR_ENTS or x.pos_ == "PROPN"))
            out.extend(x for x in c.conjuncts)
    return sorted(set(out), key=lambda t: t.i)


def _same_name(a: Token, b: Token) -> bool:
    """Whether two adjacent name tokens are one name ("Sergei Lavrov") rather than two ("Rubio-Lavrov")."""
    between = a.doc[min(a.i, b.i) + 1:max(a.i, b.i)]
    if any(t.tag_ == "HYPH" or t.lower_ in ("and", "/", "-", "–") for t in between):
        return False
    if a.ent_type_ and b.ent_type_:
        return b.ent_iob_ == "I" or a.ent_iob_ == "I"
    return not (bool(a.ent_type_) ^ bool(b.ent_type_))


def noun_args(noun: Token, support: Token | None, plover_type: str, skip: set[int]) -> tuple[list[Token], list[Token], bool]:
    parties = _between(noun) or (_between(noun.head) if noun.dep_ == "compound" else []) \
        or (_between(support) if support is not None else [])
    if parties and support is not None and plover_type == "CONSULT":
        subj, _ = subject_of(support)
        if subj:  # "X launched a mediation effort between A and B": X mediates (third party)
            return subj[:1], parties, False
    if parties:
        return parties, [], True
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.lemma_.lower() in ("come", "be", "remain", "fall"):
        # "Ukrainian towns came under attack from Russian drones": the subject suffers the act
        victims = subject_of(noun.head.head)[0]
        attackers = [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                     for g in c.children if g.dep_ == "pobj"]
        if victims or attackers:
            return attackers[:1] or _modifier_actors(noun)[:1], victims, False
    victim_verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    if victim_verb is not None and victim_verb.lemma_.lower() in VICTIM_SUBJECT_VERBS:
        killers = _killers(victim_verb)  # "two soldiers died in clashes with Chinese troops"
        if killers:
            return killers, subject_of(victim_verb)[0], False
    mods = _modifier_actors(noun)
    agents = [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for g in c.children
              if g.dep_ == "pobj"]
    if agents and not any(m.dep_ == "poss" for m in mods):
        mods = [agents[0]] + mods  # "allegations by Rwanda", "the attack by rebels"
    undergone = [m for m in mods if m.dep_ == "poss"]
    if noun.lemma_.lower() in PATIENT_NOUNS and undergone and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        # "his arrest", "Navalny's detention", "the journalist's killing": the possessor undergoes the act
        # (but in "Russia's expulsion of two diplomats" the possessor acts)
        return agents[:1], undergone[:1], False
    if not mods and plover_type == "PROTEST":
        mods = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                if g.dep_ == "pobj" and g.ent_type_ == "GPE"][:1]  # "protests in Damascus": local protesters
    targets = (_demanded_doer(noun) if plover_type == "REQUEST" else []) or prep_targets(noun, plover_type, skip)
    for node in _of_chain(noun):
        if targets:
            break
        targets = prep_targets(node, plover_type, skip, allow_of=False)
    if support is not None:
        subj, _ = subject_of(support)
        if not targets:
            targets = [t for t in prep_targets(support, plover_type, skip | {noun.i}) if t.i != noun.i]
        if not targets and plover_type in OFFER_TYPES:
            targets = _relative_judge(noun)
        if subj:
            # "accepted Russia's invitation": another's possessive names the counterpart ("its barrage" is the actor's own)
            return subj, targets or [m for m in mods if m.dep_ != "poss" or (m.lower_ not in PRONOUNS and m not in subj)], False
    # keep only one head per multi-word name ("Sergei Lavrov" -> Lavrov) by dropping compound children
    if not targets and plover_type in ("ASSAULT", "COERCE"):
        targets = _location_targets(noun)
    heads = [m for m in mods if not (m.dep_ == "compound" and m.head in mods and _same_name(m, m.head))]
    heads = [m for m in heads if not any(t.lower_ in SUPPORTERS for t in m.doc[m.i + 1:m.i + 3])]
    if plover_type == "CONSULT" and len(heads) == 1 and heads[0].dep_ == "compound" and heads[0].ent_type_ == "GPE":
        heads = []  # "the Malaysia talks", "the Geneva talks": one place name is the venue, not a party
    if len(heads) >= 2 and not targets and plover_type in SYMMETRIC:
        return heads, [], True
    if heads:
        return heads[:1], targets or heads[1:2], False
    if targets and plover_type in SYMMETRIC:
        # "After talks with Putin, Trump ...": the subject of the clause the adjunct hangs from is the other party
        return _reporter(noun) or _clause_subject(noun), targets, False
    return [], targets, False


def _location_targets(tok: Token) -> list[Token]:
    """"in Gaza", "in the Russian region of Saratov": the place (or its nationality word) where force was used."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "inside", "across"):
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                if g.ent_type_ == "GPE":
                    return [g]
                named = [m for m in g.children if m.dep_ in ("amod", "compound") and m.ent_type_ in ("NORP", "GPE")]
                if named:
                    return named[:1]
    return []


PLACE_PREPS = ("in", "inside", "across", "at", "near", "along")


def _place_targets(trigger: Token, skip: set[int]) -> list[Token]:
    """The place an act happens in when it names no recipient ("agreed to postpone the rally in Baku",
    "rioted at a jail in northern Israel"): the gold sets and CAMEO code that country as the target."""
    nodes = [trigger] + objects(trigger)[:1]
    for comp in (c for c in trigger.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")):
        nodes += [comp] + objects(comp)[:1]
    for node in nodes:
        for c in node.children:
            if c.dep_ != "prep" or c.lower_ not in PLACE_PREPS + ("to",):
                continue
            for g in c.children:
                if g.dep_ != "pobj" or g.i in skip or (c.lower_ == "to" and g.lemma_.lower() not in CONFLICT_NOUNS):
                    continue  # "urged the parties to the war in Sudan": the war's country
                if g.ent_type_ in ("GPE", "LOC") and g.ent_iob_ != "O":
                    return [g]
                named = [m for m in g.children if m.dep_ in ("amod", "compound", "appos") and m.ent_type_ in ("NORP", "GPE")]
                inner = [h for q in g.children if q.dep_ == "prep" and q.lower_ in ("in", "of", "near")
                         for h in q.children if h.dep_ == "pobj" and h.ent_type_ in ("GPE", "LOC")]
                if named or inner:
                    return (named or inner)[:1]
    return []


def _reporter(noun: Token) -> list[Token]:
    """"The rebels say talks with the Russian military aim ...": the speaker is a party to the talks."""
    node = noun
    for _ in range(4):
        if node.head is node:
            return []
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in ("say", "announce", "confirm", "report", "tell", "state"):
            return subject_of(node)[0]  # also "The rebels deny ... and say talks with X ..."
    return []


def arguments(trigger: Token, support: Token | None, plover_type: str, resolver: Resolver, consumed: set[int]) -> Args:
    """Sources and targets of an event whose head is ``trigger`` (a noun when ``support`` is its light verb)."""
    skip = set(consumed)
    reciprocal = False
    if trigger.pos_ in ("NOUN", "PROPN"):
        src_toks, tgt_toks, reciprocal = noun_args(trigger, support, plover_type, skip)
    else:
        src_toks, _ = subject_of(trigger)
        if not src_toks and not is_passive(trigger):
            src_toks = _linear_subject(trigger) or _clause_subject(trigger)
        moved = [f for c in trigger.children if c.dep_ in PASSIVE_SUBJECT_DEPS for f in _counted(c)
                 if f.lemma_.lower() in SENT_FORCES][:1] if plover_type == "MOBILIZE" and is_passive(trigger) and not src_toks else []
        if trigger.lemma_.lower() in VICTIM_SUBJECT_VERBS:
            src_toks, tgt_toks = _killers(trigger), src_toks  # "two soldiers died in clashes with Chinese troops"
        elif moved:
            # "Pakistani troops were put on high alert along the border with Afghanistan": the forces moved are
            # their state's (the source), the recipient is where they face
            src_toks = _with_conjuncts(moved[0])
            tgt_toks = prep_targets(trigger, plover_type, skip | {t.i for t in src_toks})
        else:
            tgt_toks = verb_targets(trigger, plover_type, skip | {t.i for t in src_toks})
            if plover_type == "REQUEST" and not any(c.dep_ in ("dobj", "obj") for c in trigger.children):
                tgt_toks = _demanded_doer(trigger) or tgt_toks  # "called for the withdrawal of Russian troops"
        if not tgt_toks and consumed:
            obj = trigger.doc[min(consumed)]
            # "rejected an Indian proposal", "Saddam's proposal", "an offer from Kabul"; but in "launched its
            # barrages" or "imposed its sanctions" the object is the act itself and its owner is the actor
            if (trigger.lemma_.lower() in DEPLOY_VERBS | FIRE_VERBS and obj.lemma_.lower() in SENT_FORCES) or any(
                    c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her") for c in obj.children):
                tgt_toks = []  # "deployed troops along the border", "recalled its ambassador": the actor's own people
            elif _is_actorish(obj):
                # "expelled two Indian diplomats": the object is the recipient; "rejected Israel's offer": its owner
                owned = owners(obj) if obj.pos_ == "NOUN" and not _actor_noun(obj) else []
                tgt_toks = owned or _with_conjuncts(obj)
            else:
                tgt_toks = owners(obj, proposer=True) or _hung_author(trigger, obj) if plover_type not in MATERIAL_CONFLICT else []
            for node in [] if tgt_toks else [obj] + _of_chain(obj) + [o for o in objects(trigger) if o.i != obj.i]:
                tgt_toks = prep_targets(node, plover_type, skip, allow_of=False, allow_for=True)
                if tgt_toks:
                    break
            if not tgt_toks:
                tgt_toks = _gerund_targets(obj, plover_type, skip)
            if not tgt_toks and plover_type in OFFER_TYPES:
                tgt_toks = _relative_judge(obj)
        if not tgt_toks:
            # "brokered a ceasefire between Israel and Hamas": the mediator acts toward both parties
            hosts = [trigger] + objects(trigger) + [trigger.doc[i] for i in consumed] + [
                c for c in trigger.children if c.dep_ == "xcomp"]  # "offered to mediate between Israel and Hamas"
            tgt_toks = next((b for o in hosts if (b := _between(o))), [])
        if plover_type == "PROTEST":
            # "rallied outside the Russian embassy", "in front of the embassy of Israel": at that state
            missions = [t for t in trigger.subtree if t.dep_ == "pobj" and t.lemma_.lower() in MISSION_NOUNS]
            tgt_toks = (owners(missions[0]) if missions else []) or tgt_toks
        if not tgt_toks and (plover_type in ("REQUEST", "THREATEN", "ACCUSE") or trigger.lemma_.lower() in CONTROL_BY_OBJECT):
            # "demanded that the US cancel", "will allow 500 refugees to return": the subject of the complement
            # "pushing hard for the US to support its plan": the subject of a "for" clause
            ccomp = next((c for c in trigger.children if c.dep_ == "ccomp" or (
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))), None)
            if ccomp is not None:
                subj = [c for c in ccomp.children if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS and _is_actorish(c)][:1]
                if plover_type == "THREATEN":
                    # "warned that his fighters would attack the mission": the threatened act's own target;
                    # "warned that Israel would pay a price": who would suffer; "warned it would ...": the speaker
                    tgt_toks = verb_targets(ccomp, plover_type, skip | {t.i for t in src_toks}) \
                        or [c for c in subj if c.tag_ != "PRP" and not any(p.dep_ == "poss" and p.tag_ == "PRP$"
                                                                          for p in c.children)]
                else:
                    tgt_toks = subj
        if not tgt_toks and plover_type == "THREATEN":
            # "threatened to strike unless Israel rescinded ...": the party that must comply
            for node in [trigger] + [c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")]:
                cond = [c for c in node.children if c.dep_ == "advcl"
                        and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)]
                if cond:
                    tgt_toks = [c for c in cond[0].children if c.dep_ in SUBJECT_DEPS][:1]
                    break
        if not tgt_toks and (plover_type in ("AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT")
                             or trigger.lemma_.lower() in ("allow", "let", "permit")):
            # "offered to hand over X to Britain", "refused to meet Jordan's king": the embedded act's recipient;
            # "allowed aid trucks to enter Gaza": where the allowed act goes
            for comp in (c for c in trigger.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"):
                if comp.lemma_.lower() in ("allow", "let", "permit"):  # "refused to let IAEA inspectors visit"
                    tgt_toks = [s for c in comp.children if c.dep_ in ("ccomp", "xcomp") for s in c.children
                                if s.dep_ in SUBJECT_DEPS and _is_actorish(s)][:1] or [
                        o for o in comp.children if o.dep_ in ("dobj", "obj") and _is_actorish(o)][:1]
                    if tgt_toks:
                        break
                places = [comp] + [o for o in comp.children if o.dep_ in ("dobj", "obj")]
                tgt_toks = verb_targets(comp, plover_type, skip | {t.i for t in src_toks}) or [
                    g for node in places for c in node.children if c.dep_ == "prep" and c.lower_ in ("in", "to", "into")
                    for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"][:1]  # "refused to deploy troops in Iraq"
                if tgt_toks:
                    break
        if not tgt_toks and plover_type == "PROTEST":
            tgt_toks = _purpose_targets(trigger)
        if not tgt_toks and plover_type in ("PROTEST", "ACCUSE", "REQUEST", "CONSULT") and trigger.dep_ in ("advcl", "xcomp") \
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in trigger.children) \
                and trigger.head.lemma_.lower() not in CONTROL_BY_OBJECT:
            # "summoned the Afghan envoy to protest cross-border attacks": the one summoned hears the protest
            tgt_toks = [o for o in trigger.head.children if o.dep_ in ("dobj", "obj") and _is_actorish(o)
                        and o.i not in {t.i for t in src_toks}][:1]
        mutual = trigger.lemma_.lower() in MUTUAL_VERBS and len(_split_nationalities(src_toks)) >= 2
        if mutual and all(not _actor_noun(t) or t.i in consumed for t in tgt_toks) \
                and not any(p.dep_ == "prep" and p.lower_ == "with" for p in trigger.children):
            tgt_toks = []  # "Ukraine and Russia swapped prisoners": what they exchange is no party
        if not tgt_toks and plover_type in ("ASSAULT", "COERCE") and not mutual:
            # "fighting in Yemen": with no named victim, the country where force is used
            tgt_toks = _location_targets(trigger) or [p for o in objects(trigger)[:1] for p in _location_targets(o)]
        if len(src_toks) >= 2 and not tgt_toks and (plover_type in SYMMETRIC or trigger.lemma_.lower() in MUTUAL_VERBS):
            # "Chinese and Indian troops clashed": each side acts on the other
            reciprocal = True
    if not tgt_toks and plover_type in ("ACCUSE", "COERCE", "AID", "SUPPORT", "RETREAT") and trigger.dep_ in ("advcl", "xcomp") \
            and trigger.head.lemma_.lower() in DEPLOY_VERBS:
        # "sent inspectors to a plant in central Iran to monitor ...": the act is aimed where they are sent
        tgt_toks = _destination(trigger.head, skip | {t.i for t in src_toks})
    if src_toks and trigger.pos_ == "VERB":
        src_toks = src_toks + [t for t in _companions(trigger, src_toks[0]) if t not in src_toks]
    if len(src_toks) == 1 and src_toks[0].pos_ == "NOUN" and not _actor_noun(src_toks[0]):
        by = [g for c in src_toks[0].children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
              for g in c.children if g.dep_ == "pobj" and _is_actorish(g)]
        if by:  # "an attack by Houthi rebels damaged a Greek tanker"
            src_toks = _with_conjuncts(by[0])
    sources = _resolve_all(src_toks, resolver)
    crowd = src_toks[:1] or [c for c in trigger.children if c.dep_ == "nsubj"][:1]
    if not sources and crowd and plover_type == "PROTEST" and (
            crowd[0].like_num or crowd[0].lemma_.lower() in COLLECTIVE_HEADS or crowd[0].ent_type_ == "CARDINAL"):
        # "Thousands protested in Paris": local people, of the place's country
        gathered = [p for p in _resolve_all(_place_targets(trigger, skip), resolver) if p.country not in (None, "IGO", "NGO")]
        if gathered:
            head = crowd[0]
            sources = [ActorRef(span=Span.of(head.doc[head.left_edge.i:head.i + 1]), name=head.text,
                                country=gathered[0].country, sector="CVL", how="place-country")]
    if not sources and len(src_toks) == 1 and src_toks[0].lemma_.lower() in DOCUMENT_NOUNS:
        sources = _document_author(src_toks[0], resolver)
    if not sources and plover_type in ("ACCUSE", "COERCE") and is_passive(trigger) \
            and not any(c.dep_ == "agent" for c in trigger.children):
        # "a US national has been put under investigation in Italy": the authorities of the place act
        where = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "from"
                 and trigger.lemma_.lower() in EXPEL_VERBS for g in c.children
                 if g.dep_ == "pobj" and g.ent_type_ == "GPE"][:1]  # "were deported from Lebanon"
        where = where or _place_targets(trigger, skip | {t.i for t in tgt_toks}) or [
            g for c in trigger.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
            for q in o.children if q.dep_ == "prep" and q.lower_ == "in"
            for g in q.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"][:1]  # "under investigation in Italy"
        authorities = [p for p in _resolve_all(where, resolver) if p.country not in (None, "IGO", "NGO")]
        if authorities:
            sources = [replace(authorities[0], how="place-country")]
    if len(sources) >= 2 and len(src_toks) == 1 and not tgt_toks and (
            plover_type in SYMMETRIC | {"MOBILIZE"} or trigger.lemma_.lower() in MUTUAL_VERBS):
        reciprocal = True
    if not tgt_toks and sources and not reciprocal and trigger.pos_ not in ("NOUN", "PROPN"):
        tgt_toks = _place_targets(trigger, skip | {t.i for t in src_toks})
    targets = _resolve_all(tgt_toks, resolver, avoid=sources[0].country if sources else None)
    act = src_toks[0] if len(src_toks) == 1 and trigger.pos_ == "VERB" else None
    if act is not None and act.pos_ == "NOUN" and not _actor_noun(act) and plover_type in ("ASSAULT", "COERCE") \
            and all(t.country is None or t.how == "context" for t in targets):
        # "Israel's strike on an Iranian consulate killed seven officers": the strike's own target
        aimed = _resolve_all(prep_targets(act, plover_type, skip, allow_of=False), resolver)
        if aimed and aimed[0].country:
            targets = aimed
    if any(t.country is None for t in targets):
        targets = _fill_countries(targets, trigger, sources, plover_type, resolver, skip)
    if sources and sources[0].country is None and sources[0].how != "coref" and trigger.pos_ not in ("NOUN", "PROPN"):
        # "the opposition coalition agreed to postpone the rally in Baku": a local actor of that country
        local = [p for p in _resolve_all(_place_targets(trigger, skip), resolver) if p.country not in (None, "IGO", "NGO")]
        if local:
            sources = [replace(sources[0], country=local[0].country, how="place-country")] + sources[1:]
    same = {_identity(a) for a in sources}
    targets = [t for t in targets if _identity(t) not in same and t.span != sources[0].span] if sources else targets
    if plover_type == "CONSULT" and sources and targets:
        reciprocal = True
    if reciprocal and not targets and len(sources) >= 2:
        return Args(sources[:1], sources[1:], True)
    return Args(sources, targets, reciprocal)


def _identity(ref: ActorRef) -> str:
    """Who an actor is, for "not both ends of one event": a country guessed from context is no identity."""
    return ref.name if ref.how in ("context", "story-country", "place-country", "implicit-domestic") else (ref.actor_id or ref.name)


BORDERS = words("event_args", "borders")
DOMESTIC_TYPES = frozenset({"PROTEST", "CONCEDE", "REQUEST", "REJECT", "COERCE", "THREATEN"})


def _fill_countries(targets: list[ActorRef], trigger: Token, sources: list[ActorRef], plover_type: str,
                    resolver: Resolver, skip: set[int]) -> list[ActorRef]:
    """Recipients named without a country ("arrested students at a university in Khartoum") take the
    place where the act happens, else, for domestic kinds of act, the source's own country."""
    where = [t for t in _place_targets(trigger, skip) if t.head.lemma_.lower() not in BORDERS]
    places = [p for p in _resolve_all(where, resolver) if p.country]  # "near the Turkish border" is no Turk's
    if places:
        fill, how = places[0].country, "place-country"
    elif plover_type in DOMESTIC_TYPES and sources and sources[0].country and sources[0].country not in ("IGO", "NGO", "IMG"):
        fill, how = sources[0].country, "implicit-domestic"
    else:
        return targets
    return [replace(t, country=fill, how=how) if t.country is None and not _regional(t) else t for t in targets]


def _regional(ref: ActorRef) -> bool:
    """A transnational description ("Western allies", "Arab states") belongs to no one country."""
    return any(w in REGIONAL for w in ref.name.lower().split())


def _split_nationalities(tokens: list[Token]) -> list[Token]:
    """"French and Egyptian warships" are two actors: one per coordinated nationality modifier."""
    out: list[Token] = []
    for t in tokens:
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG")
                and c.conjuncts]  # "Israeli and Hezbollah forces"
        if mods and t.pos_ == "NOUN":
            out.extend([mods[0]] + [c for c in mods[0].conjuncts if c.ent_type_ in ("NORP", "GPE", "ORG")])
        else:
            out.append(t)
    return out


def _resolve_all(tokens: list[Token], resolver: Resolver, avoid: str | None = None) -> list[ActorRef]:
    out: list[ActorRef] = []
    for t in _split_nationalities(tokens):
        modifier = t.dep_ in ("poss", "compound", "amod", "nmod", "case") or (
            t.dep_ == "conj" and t.head.dep_ in ("compound", "amod", "nmod"))  # "Israeli and Hezbollah forces"
        if modifier and t.lower_ not in PRONOUNS and t.pos_ != "NOUN":
            ref = resolver.resolve_name(t)
        else:
            ref = resolver.resolve(t, avoid)
        if ref is not None and all(ref.span != o.span for o in out):
            out.append(ref)
    return out
