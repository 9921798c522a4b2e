"""dyad_actors: every actor mention in the article, resolved against the KB for the publication date.

Reads the parsed ``Doc`` (tokens, entities, dependencies, noun chunks) and ``doc._.published``;
writes ``doc._.mentions`` (list of ``ActorRef``, sorted by offset, never overlapping) and
``doc._.actors`` ({id: Actor}). Mentions come from

* KB names and aliases found by an n-gram index over the tokens (capitalised words only), extended
  left over titles and nationality ("US Secretary of State Marco Rubio");
* PERSON/ORG entities the KB does not know, resolved by title and nationality ("Italian Prime
  Minister X" -> ITA GOV);
* noun phrases headed by a title or agent noun ("US officials", "Russian forces", "rebels");
* country names and demonyms ("Russia's", "Ukrainian cities"), except where they are plain locations;
* capitals and seats of power only where they act (subject, possessive, object, "by/with/against X"):
  "Moscow launched" is Russia's government, "debris in Kyiv" is a place and no mention;
* coreference inside the article: a surname or "the former president" / "the Russian minister" to the
  earlier person it fits, "he"/"she" to the most recent person;
* a context country for mentions with none (groups, parties, agents, unknown people): the place their
  sentence is set in, else the article's dominant country, else their sentence's (``how="context"``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.kb import KB, fold, get_kb
from dyad.kb.resolve import FORMER, PORTFOLIOS, TITLES, Resolution, from_actor, resolve
from dyad.nlp import extensions
from dyad.records import Actor, ActorRef, Span
from dyad.wordlists import words

MAX_NGRAM = 8
LOCATIVE_PREPS = words("actors", "locative_preps")
# a country after "to"/"from" is often a party ("aid to Ukraine", "a message from Iran"): only these make it a place
COUNTRY_LOCATIVE_PREPS = words("actors", "country_locative_preps")
ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "dobj", "agent", "dative"}
ACTOR_PREPS = words("actors", "actor_preps")
TITLE_WORDS = {w for key in TITLES for w in key.split()} | {"of", "state", "foreign", "defence", "defense", "former",
                                                              "deputy", "vice", "prime", "minister", "secretary", "general"}
PRONOUNS = words("actors", "pronouns")
# resolver rule -> the ActorRef.how vocabulary of records.py
HOW = {"agent": "title", "country": "kb", "place": "entity", "town": "entity", "pending": "title"}
INHERIT_SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "CVL", "REF", "LAB", "AGR", "SPY", "CRM", "UAF", "MED",
                   "PTY", "JRN", "EDU", "BUS", None}
# people who belong where they are: the place their sentence is set in gives their country
LOCAL = {"CVL", "COP", "REB", "OPP", "REF", "LAB", "AGR", "MED", "CRM", "EDU", "JRN"}
GENERIC_PARTIES = words("actors", "generic_parties")
# countries that are no country for the context rule
NO_CONTEXT = {"IGO", "NGO", "EUR", "IMG", "MNC"}
# words that make a phrase regional or transnational ("European leaders", "Western diplomats", "Arab states")
REGIONAL = words("actors", "regional")


def _day(doc: Doc) -> dt.date | None:
    value = doc._.published
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


_NAME_PARTICLES = ("of", "the", "and", "de", "al", "bin")


def _capitalised(span: SpacySpan) -> bool:
    words = [t for t in span if any(c.isalpha() for c in t.text)]
    return bool(words) and all(t.text[:1].isupper() for t in words if t.lower_ not in _NAME_PARTICLES)


def _is_locative(tok: Token, preps: set[str] | None = None) -> bool:
    """A place word used as a place: object of in/at/near..., or a conjunct of one."""
    preps = LOCATIVE_PREPS if preps is None else preps
    while tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
        if tok.dep_ == "compound":
            return False
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in preps:
        return True
    if preps is LOCATIVE_PREPS and tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.head.head.pos_ in ("VERB", "AUX"):
        return True
    return tok.dep_ in ("npadvmod",) and tok.head.pos_ == "VERB"


def _is_dateline(span: SpacySpan) -> bool:
    """"ISLAMABAD (AP) --", "MOSCOW, July 3 (Reuters) -": the place a story was filed from."""
    doc = span.doc
    line_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space
    nxt = doc[span.end].text if span.end < len(doc) else ""
    follows = nxt in ("(", ",", "—", "–", "-", "--")
    return (line_start and (span.text.isupper() or follows)) or (span.text.isupper() and len(span.text) > 3 and follows)


def _is_acting(tok: Token) -> bool:
    """A capital or seat of power used for its government (metonymy)."""
    seen = 0
    while tok.dep_ in ("conj", "appos") and seen < 4:
        tok, seen = tok.head, seen + 1
    if tok.dep_ in ACTING_DEPS or (tok.dep_ == "case" and tok.head.dep_ == "poss"):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ACTOR_PREPS:
        return not (tok.head.lower_ == "from" and tok.head.head.pos_ in ("VERB", "AUX"))
    if tok.dep_ == "pobj" and tok.head.lower_ == "as":
        return False
    return any(c.lower_ == "'s" or c.dep_ == "case" for c in tok.children)


class ActorResolver:
    """The dyad_actors component."""

    def __init__(self, nlp: Language, name: str = "dyad_actors", kb: KB | None = None) -> None:
        extensions.register()
        self.name = name
        self._kb = kb

    @property
    def kb(self) -> KB:
        if self._kb is None:
            self._kb = get_kb()
        return self._kb

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # ---------------------------------------------------------------- candidates

    def _ngram_hits(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start token, end token, kind) of KB names, countries, demonyms, capitals; longest first."""
        kb, hits, i = self.kb, [], 0
        n = len(doc)
        # token attributes read once: a span is _capitalised() while it holds no lower-case word
        text = extensions.text_of(doc)
        texts = [t.text for t in doc]
        starts = [t.idx for t in doc]
        punct = [t.is_punct for t in doc]
        lower_word = [not w[:1].isupper() and any(c.isalpha() for c in w) and w.lower() not in _NAME_PARTICLES
                      for w in texts]
        while i < n:
            found = None
            if texts[i][:1].isupper():
                widest = 1
                while widest < min(MAX_NGRAM, n - i) and not lower_word[i + widest]:
                    widest += 1
                for width in range(widest, 0, -1):
                    last = i + width - 1
                    if punct[last]:
                        continue
                    key = fold(text[starts[i] : starts[last] + len(texts[last])])
                    if key in kb.country_names:
                        found = (i, i + width, "country")
                    elif key in kb.adjectives:
                        found = (i, i + width, "demonym")
                    elif key in kb.capitals:
                        found = (i, i + width, "capital")
                    elif key in kb.names and key not in TITLE_WORDS and (key not in kb.places or any(
                            kb.actors[a].kind == "seat" or kb.source.get(a) in ("curated", "user") for a in kb.names[key])):
                        found = (i, i + width, "kb")
                    if found:
                        break
            if found:
                hits.append(found)
                i = found[1]
            else:
                i += 1
        return hits

    def _extend_left(self, doc: Doc, start: int) -> int:
        """Take in titles and nationality before a name: "US Secretary of State" + "Marco Rubio"."""
        j = start
        titled = False
        while j > 0:
            tok = doc[j - 1]
            low = tok.lower_
            if low in TITLE_WORDS and (tok.text[:1].isupper() or low in FORMER or low == "of"):
                titled = titled or low not in ("of",)
                j -= 1
            elif low in FORMER or (low in PORTFOLIOS and doc[j].lower_ in TITLE_WORDS) or (
                    tok.text[:1].isupper() and self.kb.country_of(tok.text) and j - 1 >= 0):
                j -= 1
            elif low in ("'s", "’s") and j >= 2 and self.kb.country_of(doc[j - 2].text):
                j -= 2
            else:
                break
        while j < start and (doc[j].lower_ == "of" or not titled and not doc[j].text[:1].isupper()):
            j += 1
        return j if titled else start

    # ---------------------------------------------------------------- main

    def __call__(self, doc: Doc) -> Doc:
        extensions.init_doc(doc)
        kb, day = self.kb, _day(doc)
        taken = [False] * len(doc)
        found: list[tuple[SpacySpan, Resolution, Token]] = []

        def free(s: int, e: int, weak_ok: bool = False) -> bool:
            if weak_ok:
                return not any(taken[k] and k not in weak for k in range(s, e))
            return not any(taken[s:e])

        weak: set[int] = set()  # tokens of bare country mentions, which a titled phrase may take over

        def take(span: SpacySpan, res: Resolution, head: Token) -> None:
            for k in range(span.start, span.end):
                taken[k] = True
                weak.discard(k)
            found[:] = [f for f in found if not (span.start <= f[0].start and f[0].end <= span.end)]
            found.append((span, res, head))

        # 1. KB names, countries, capitals
        for s, e, kind in self._ngram_hits(doc):
            span = doc[s:e]
            head = span.root
            if kind == "kb":
                actor = kb.best(kb.candidates(span.text), day, span.text)
                if actor is None:
                    continue
                if actor.kind != "person" and e < len(doc) and doc[e].lower_ in TITLE_WORDS \
                        and all(t.lower_ in PORTFOLIOS for t in span):
                    continue  # "Labour Minister": a portfolio, not the party
                if actor.kind != "person" and s > 0:
                    # "Russia's Ministry of Defence", "the Pakistani Foreign Office": a generic office name
                    # after another country belongs to that country
                    j = s - 2 if doc[s - 1].lower_ in ("'s", "’s") and s > 1 else s - 1
                    cc = kb.country_of(doc[j].text) if doc[j].text[:1].isupper() else None
                    if cc and actor.country and len(actor.country) == 3 and cc != actor.country and actor.country not in ("IGO", "EUR"):
                        take(doc[j:e], Resolution(None, None, cc, actor.sector, None, "title"), head)
                        continue
                if actor.kind == "seat":
                    if _is_locative(head):
                        continue
                    s2 = s - 1 if s > 0 and doc[s - 1].lower_ == "the" else s
                    take(doc[s2:e], from_actor(kb, actor, day, "metonymy"), head)
                    continue
                if actor.kind != "person" and _is_locative(head):
                    continue
                if actor.kind != "person":
                    # an organisation named before an agent noun ("United Nations peacekeepers") yields
                    # to that noun phrase
                    take(span, from_actor(kb, actor, day, "kb" if fold(span.text) == fold(actor.name) else "alias"), head)
                    if e < len(doc) and doc[e].lower_ in TITLES and doc[e].pos_ == "NOUN":
                        weak.update(range(s, e))
                    continue
                if actor.kind == "person" and len(span) <= 2:
                    prior = self._surname(span, found)
                    if prior is not None and prior.actor is not None and prior.actor.id != actor.id:
                        take(span, prior, head)
                        continue
                s2 = self._extend_left(doc, s) if actor.kind == "person" else s
                if actor.kind == "person" and e < len(doc) and doc[e].lower_ in ("administration", "government", "camp", "cabinet"):
                    cc = kb.country_on(actor, None) or actor.country
                    s3 = s - 1 if s > 0 and doc[s - 1].lower_ == "the" else s
                    take(doc[s3 : e + 1], Resolution(f"{actor.name} {doc[e].text}", None, cc, "GOV", None, "title"), doc[e])
                    continue
                full = doc[s2:e]
                res = resolve(full.text, day, kb=kb) if s2 < s else None
                if res is None or res.actor is None or res.actor.id != actor.id:
                    res = from_actor(kb, actor, day, "kb" if fold(span.text) == fold(actor.name) else "alias",
                                     **_title_info(full.text, s2 < s))
                take(full, res, head)
            elif kind == "country":
                if _is_locative(head, COUNTRY_LOCATIVE_PREPS):
                    continue
                cc = kb.country_names[fold(span.text)]
                take(span, Resolution(kb.countries[cc].name, None, cc, None, None, "country"), head)
                weak.update(range(span.start, span.end))
            elif kind == "capital":
                if not _is_acting(head) or _is_locative(head) or _is_dateline(span):
                    continue
                cc = kb.capitals[fold(span.text)]
                take(span, Resolution(f"Government of {kb.countries[cc].name}", None, cc, "GOV", None, "metonymy"), head)
            # demonyms are handled with their noun phrase below

        # 2. noun phrases headed by a title or agent noun; bare demonyms
        for chunk in doc.noun_chunks:
            root = chunk.root
            if root.pos_ == "PRON":
                continue
            s = chunk.start
            while s < chunk.end and (doc[s].pos_ in ("DET", "NUM") and doc[s].lower_ != "the"):
                s += 1
            span = doc[s : chunk.end]
            if not span or not free(span.start, span.end, weak_ok=True):
                # a KB name inside a titled chunk ("the Russian minister Lavrov") is already taken
                continue
            res = self._chunk(doc, span, day, found)
            if res is not None and res.how == "adjective" and res.title_span:
                t = doc.char_span(*res.title_span)
                if t is not None and free(t.start, t.end):
                    take(t, Resolution(res.name, None, res.country, None, None, "demonym"), t.root)
                    weak.update(range(t.start, t.end))
            elif res is not None and res.how == "country":
                continue
            elif res is not None:
                adjs = [t for t in span if t.text[:1].isupper() and kb.country_of(t.text) and t.i < root.i]
                if len(adjs) > 1 and res.how in ("title", "demonym", "agent") and res.actor is None:
                    # "French and Egyptian warships", "US and British forces": one mention per country
                    for t in adjs[:-1]:
                        cc = kb.country_of(t.text)
                        take(doc[t.i : t.i + 1], Resolution(kb.countries[cc].name, None, cc, res.sector, None, res.how), t)
                    last = adjs[-1]
                    res = Resolution(res.name, None, kb.country_of(last.text), res.sector, None, res.how,
                                     former=res.former, title=res.title, title_span=res.title_span)
                    take(doc[last.i : span.end], res, root)
                else:
                    take(span, res, root)

        # 3. PERSON/ORG entities the KB does not know
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP") or not free(ent.start, ent.end, weak_ok=ent.label_ != "NORP"):
                continue
            if ent.end < len(doc) and doc[ent.end].lower_ in TITLE_WORDS and all(t.lower_ in PORTFOLIOS for t in ent):
                continue  # "Labour Minister X": the portfolio goes with the person's title
            if ent.label_ == "NORP":
                cc = kb.country_of(ent.text)
                home = self._home(ent.root) if cc else None
                if home is not None and home != cc:
                    take(ent, Resolution(ent.text, None, home, "CVL", None, "demonym"), ent.root)
                elif cc and _ethnic(ent):
                    take(ent, Resolution(ent.text, None, None, "CVL", None, "entity"), ent.root)
                elif cc and not _is_locative(ent.root):
                    take(ent, Resolution(kb.countries[cc].name, None, cc, None, None, "demonym"), ent.root)
                continue
            short = len(ent) == 1 or (len(ent) == 2 and ent[0].lower_ in TITLE_WORDS | {"prince", "sheikh"})
            coref = self._surname(ent, found) if short else None
            if coref is not None and ent.start > 0 and doc[ent.start - 1].lower_ in TITLE_WORDS | {"prince", "sheikh"}:
                s2 = self._extend_left(doc, ent.start)
                if s2 < ent.start and free(s2, ent.start, weak_ok=True):
                    take(doc[s2 : ent.end], coref, ent.root)
                    continue
            if coref is not None:
                take(ent, coref, ent.root)
                continue
            s2 = self._extend_left(doc, ent.start)
            full = doc[s2 : ent.end]
            res = resolve(full.text, day, kb=kb)
            if res is not None and res.how == "place":
                continue
            if res is not None and res.how == "town":
                res = None  # a name that is also some district's is still a name here
            if res is not None and res.actor is not None and res.actor.kind == "seat" and _is_locative(ent.root):
                continue
            if res is None and ent.label_ == "PERSON":
                res = Resolution(ent.text, None, None, None, None, "entity")
            elif res is None and ent.label_ == "ORG" and _capitalised(ent) and not _is_locative(ent.root) \
                    and not (ent.start > 0 and doc[ent.start - 1].text == "(" and ent.end < len(doc) and doc[ent.end].text == ")"):
                # (not "(AP)" after a dateline, nor an acronym repeated in brackets)
                # a named group the KB does not know ("the Unity Front"): a mention the context may place
                full = doc[ent.start + 1 : ent.end] if ent[0].lower_ == "the" else ent
                res = Resolution(full.text, None, None, None, None, "entity")
            if res is not None and free(full.start, full.end, weak_ok=True):
                take(full, res, ent.root)

        # 4. "the former president": the earlier person it fits, now that every named person is known
        for k, (span, res, head) in enumerate(sorted(found, key=lambda f: f[0].start)):
            if res.how == "pending":
                prior = self._title_coref(res, found, span.start)
                new = prior or Resolution(res.name, None, res.country, res.sector, None, "title", former=res.former,
                                          title=res.title, title_span=res.title_span)
                found[:] = [(sp, new if sp is span else r, h) for sp, r, h in found]

        # 5. pronouns
        for tok in doc:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON" and not taken[tok.i]:
                res = self._pronoun(tok, found)
                if res is not None:
                    take(doc[tok.i : tok.i + 1], res, tok)

        found.sort(key=lambda f: f[0].start)
        found = self._inherit_country(doc, found)
        mentions, actors = [], dict(doc._.actors or {})
        for span, res, _head in found:
            ref = self._ref(span, res, actors)
            mentions.append(ref)
        doc._.mentions = mentions
        doc._.actors = actors
        return doc

    # ---------------------------------------------------------------- rules

    def _chunk(self, doc: Doc, span: SpacySpan, day: dt.date | None, found: list) -> Resolution | None:
        kb = self.kb
        words = [t.lower_ for t in span]
        head = span.root.lower_
        has_title = head in TITLES or fold(span.text) in TITLES or " ".join(words[-2:]) in TITLES
        if not has_title:
            if len([t for t in span if t.lower_ not in ("the", "ethnic")]) == 1 and kb.adjectives.get(span.root.lower_) \
                    and span.root.text[:1].isupper():
                cc = kb.adjectives[span.root.lower_]
                if _is_locative(span.root):
                    return None
                home = self._home(span.root)
                if home is not None and home != cc:
                    # "the Albanians of southern Serbia", "ethnic Russians in Moldova": a people where they live
                    return Resolution(span.text, None, home, "CVL", None, "demonym")
                if _ethnic(span):
                    return Resolution(span.text, None, None, "CVL", None, "entity")  # a people, not that state
                return Resolution(kb.countries[cc].name, None, cc, None, None, "demonym")
            # a demonym modifying a non-agent noun: "Ukrainian cities", "Russian assault"
            for t in span:
                if t.dep_ in ("amod", "compound") and t.text[:1].isupper() and kb.adjectives.get(t.lower_):
                    cc = kb.adjectives[t.lower_]
                    return Resolution(kb.countries[cc].name, None, cc, None, None, "adjective", title_span=(t.idx, t.idx + len(t)))
            return None
        if span.root.text[:1].isupper() and span.root.pos_ == "PROPN" and head not in TITLES:
            return None
        definite = words[0] == "the"
        if head in ("administration", "government", "cabinet", "camp") and span.root.i > span.start:
            names = [t for t in span if t.i < span.root.i and t.pos_ == "PROPN"]
            if names:
                who = resolve(doc[names[0].i : names[-1].i + 1].text, day, kb=kb)
                if who is not None and who.actor is not None and who.actor.kind == "person" and who.country:
                    return Resolution(f"{who.name} {head}", None, who.country, "GOV", None, "title")
        res = resolve(span.text, day, kb=kb)
        if res is None and span.root.pos_ == "PROPN" and _capitalised(span):
            # "the Homeland Union": a named group the KB does not know, which the context may place
            named = span[1:] if span[0].lower_ == "the" else span
            return Resolution(named.text, None, None, None, None, "entity")
        if res is not None and res.country is None and res.actor is None and not any(t.lower_ in REGIONAL for t in span):
            # "officials in Washington", "police in Minsk": the place says whose ("European leaders in Rome" it does not);
            # "prosecutors at the International Criminal Court", "a delegation from ECOWAS": so does the organisation
            for prep in span.root.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of", "at"):
                    for obj in prep.children:
                        cc = kb.capitals.get(fold(obj.text)) or kb.country_names.get(fold(obj.text)) if obj.dep_ == "pobj" else None
                        named = [obj] + [a for a in obj.children if a.dep_ == "appos"]  # "the West African bloc ECOWAS"
                        named = [t for t in named if t.ent_type_ == "ORG" or (t.text[:1].isupper() and not t.ent_type_)]
                        if cc is None and obj.dep_ == "pobj" and named:
                            ent = next((e for e in doc.ents if e.start <= named[0].i < e.end), None)
                            org = resolve(ent.text if ent is not None else named[0].text, day, kb=kb)
                            cc = org.country if org is not None and org.actor is not None and org.actor.kind != "person" else None
                        if cc:
                            res = Resolution(res.name, None, cc, res.sector, None, res.how, former=res.former,
                                             title=res.title, title_span=res.title_span)
        if definite and res is not None and res.actor is None and res.title and span.root.tag_ in ("NN", "NNP"):
            return Resolution(res.name, None, res.country, res.sector, None, "pending", former=res.former,
                              title=res.title, title_span=res.title_span)
        return res

    def _place_votes(self, doc: Doc, found: list) -> list[tuple[int, str]]:
        """(token, country) of the places named outside mentions: "in Baghdad", "near Samarra"."""
        kb, out = self.kb, []
        inside = {k for span, _, _ in found for k in range(span.start, span.end)}
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC") or any(k in inside for k in range(ent.start, ent.end)):
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            text = text[:-2] if text.endswith(("'s", "’s")) else text
            key = fold(text)
            cc = kb.country_names.get(key) or kb.capitals.get(key) or kb.places.get(key) or (
                kb.city_country(text) if text[:1].isupper() else None)
            if cc and len(cc) == 3 and cc not in NO_CONTEXT:
                out.append((ent.root.i, cc))
        return out

    def _home(self, tok: Token) -> str | None:
        """The country a plural demonym lives in: "Albanians of southern Serbia", "Russians in Moldova"."""
        if tok.tag_ not in ("NNPS", "NNS") and not tok.text.endswith("s"):
            return None
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "living"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return self.kb.country_names.get(fold(obj.text))
        return None

    def _inherit_country(self, doc: Doc, found: list) -> list:
        """Mentions with no country take the one their sentence or, failing that, the article is about.

        "its troops" takes the sentence's earlier country-bearing subject. Other groups, parties, agents and
        unknown people with no country ("the Homeland Union", "rebels", "President Dos Santos") take: for local
        people (civilians, police, rebels, ...), the country of the place their sentence is set in
        ("Demonstrators in Baghdad"); else the article's dominant country (by mentions and places, state actors
        counting twice); else the one country that dominates the mentions and places of their sentence. Their
        ``how`` becomes "context" (a guess: events count it as no identity). IGOs, NGOs, transnational KB groups,
        regional phrases ("European leaders") and commentators ("analysts") take none."""
        from collections import Counter

        places = self._place_votes(doc, found)
        counts: Counter[str] = Counter()
        voters = [(span, res) for span, res, _ in found if res.country and len(res.country) == 3
                  and res.country not in NO_CONTEXT and not (res.how == "demonym" and res.sector is None and len(span) == 1
                                                              and span.root.pos_ == "ADJ") and not _party_word(span, res)]
        for span, res in voters:
            counts[res.country] += 2 if res.sector in ("GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD") else 1
        for _, cc in places:
            counts[cc] += 1
        main = _dominant(counts, clear=False)
        by_sent: dict[int, Counter[str]] = {}
        for span, res in voters:
            by_sent.setdefault(span.sent.start, Counter())[res.country] += 1
        placed: dict[int, Counter[str]] = {}
        for i, cc in places:
            by_sent.setdefault(doc[i].sent.start, Counter())[cc] += 1
            placed.setdefault(doc[i].sent.start, Counter())[cc] += 1
        out: list[tuple[SpacySpan, Resolution, Token]] = []
        for span, res, head in found:
            if res.country is None and res.actor is None and span[0].lower_ in ("its", "their"):
                # "its troops": the sentence's earlier country-bearing subject, else its nearest earlier mention
                earlier = [(h.dep_ in ("nsubj", "nsubjpass"), r) for sp, r, h in out
                           if sp.sent == span.sent and r.country and sp.start < span.start]
                owner = [r for subj, r in earlier if subj] or [r for _, r in earlier]
                if owner:
                    res = Resolution(res.name, None, owner[-1].country, res.sector, None, res.how, former=res.former,
                                     title=res.title, title_span=res.title_span)
                    out.append((span, res, head))
                    continue
            if _party_word(span, res) and main is not None and main != res.country:
                # "the Conservatives" in a Lithuanian story are not Britain's
                res = Resolution(span.text, None, None, "PTY", None, "entity")
            if self._wants_context(span, res):
                # the article's country, unless the sentence sets local people in another place ("In Lebanon,
                # protesters ..."; delegates meeting in Istanbul are not Turks); with no article country, the
                # one the sentence's mentions and places agree on
                where = _dominant(placed.get(span.sent.start, Counter()), clear=True) if res.sector in LOCAL else None
                country = where if where is not None else main
                if country is None:
                    country = _dominant(by_sent.get(span.sent.start, Counter()), clear=True)
                if country is not None:
                    res = Resolution(res.name, res.actor, country, res.sector, res.role, "context", former=res.former,
                                     title=res.title, title_span=res.title_span)
            out.append((span, res, head))
        return out

    @staticmethod
    def _wants_context(span: SpacySpan, res: Resolution) -> bool:
        if res.country is not None or res.sector not in INHERIT_SECTORS:
            return False
        if res.actor is not None and (res.actor.kind not in ("organisation", "person") or res.sector is None
                                      or (res.actor.cameo_code or "")[:3] in NO_CONTEXT):
            return False  # a KB group with no country is transnational unless it is a domestic kind of group
        if res.sector is None and res.how != "entity":
            return False
        if span.root.lower_ in ("analysts", "experts", "diplomat", "diplomats", "observers"):
            return False
        return not any(t.lower_ in REGIONAL or t.lower_.startswith(("pro-", "anti-", "non-")) for t in span)

    def _title_coref(self, res: Resolution, found: list, position: int) -> Resolution | None:
        """'the former president', 'the Russian minister' -> the latest earlier person with such a role."""
        title = (res.title or "").split()[-1]
        fits = []
        for span, prior, head in sorted(found, key=lambda f: f[0].start):
            if span.start >= position:
                continue
            actor = prior.actor
            if actor is None or actor.kind != "person":
                continue
            if res.country and prior.country != res.country:
                continue
            said = [fold(n) for n in (span.text, *actor.aliases)]
            if any(title in r.title.lower() for r in self.kb.titled_roles(actor)) or any(fold(res.title or "") in n for n in said):
                fits.append((head.dep_ in ("nsubj", "nsubjpass"), span.start, prior))
        if not fits:
            return None
        subjects = [f for f in fits if f[0]]
        prior = (subjects or fits)[-1][2]
        return Resolution(prior.name, prior.actor, prior.country, prior.sector, prior.role, "coref",
                          former=res.former, title=res.title, title_span=res.title_span)

    def _surname(self, ent: SpacySpan, found: list) -> Resolution | None:
        """A one-word name that ends (or, after a title, is part of) an earlier person's name."""
        key = fold(ent[-1].text)
        titled = len(ent) > 1 or ent.start > 0 and ent.doc[ent.start - 1].lower_ in TITLE_WORDS | {"prince", "sheikh", "mr.", "ms.", "mrs."}
        people = [(span, prior) for span, prior, _ in sorted(found, key=lambda f: f[0].start)
                  if span.start < ent.start and prior.actor is not None and prior.actor.kind == "person"]
        for span, prior in reversed(people):
            names = [span.text, prior.actor.name, *prior.actor.aliases]
            if any(fold(n).split(" ")[-1] == key for n in names):
                return Resolution(prior.name, prior.actor, prior.country, prior.sector, prior.role, "coref")
        if titled:
            for span, prior in reversed(people):
                if any(key in fold(n).split(" ") for n in (span.text, prior.actor.name, *prior.actor.aliases)):
                    return Resolution(prior.name, prior.actor, prior.country, prior.sector, prior.role, "coref")
        return None

    def _pronoun(self, tok: Token, found: list) -> Resolution | None:
        sent_start = tok.sent.start
        prev_sents = [(a, b) for a, b in extensions.sentence_bounds(tok.doc) if b <= sent_start][-2:]
        window_start = prev_sents[0][0] if prev_sents else sent_start
        people = [(span, res, head) for span, res, head in found
                  if window_start <= span.start < tok.i and res.actor is not None and res.actor.kind == "person"]
        if not people:
            return None
        subjects = [p for p in people if p[2].dep_ in ("nsubj", "nsubjpass")]
        span, prior, _ = (subjects or people)[-1]
        return Resolution(prior.name, prior.actor, prior.country, prior.sector, prior.role, "coref")

    def _ref(self, span: SpacySpan, res: Resolution, actors: dict[str, Actor]) -> ActorRef:
        actor_id = None
        if res.actor is not None and res.actor.kind != "country":
            actor_id = res.actor.id
            actors[actor_id] = res.actor
        elif res.country:
            actor_id = f"dyad:{res.country}-{res.sector}" if res.sector else f"dyad:{res.country}"
            if actor_id not in actors:
                cname = self.kb.countries[res.country].name if res.country in self.kb.countries else res.country
                actors[actor_id] = self.kb.actors.get(actor_id) or Actor(
                    id=actor_id, name=f"{cname} ({res.sector})" if res.sector else cname, country=res.country,
                    sector=res.sector, cameo_code=res.country + (res.sector or ""), kind="group" if res.sector else "country")
        how = HOW.get(res.how.split("+")[0], res.how.split("+")[0])
        return ActorRef(span=Span.of(span), name=res.name or span.text, actor_id=actor_id, country=res.country,
                        sector=res.sector, role=res.role, how=how)


def _party_word(span: SpacySpan, res: Resolution) -> bool:
    """A party named by a word many countries' parties share ("the Conservatives", "Democrats")."""
    words = [t.lower_ for t in span if t.lower_ != "the"]
    return res.sector == "PTY" and res.actor is not None and " ".join(words) in GENERIC_PARTIES


def _ethnic(span: SpacySpan) -> bool:
    """"ethnic Albanians": a people, whose country is where they live, not the state of that name."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before == "ethnic" or any(t.lower_ == "ethnic" for t in span)


def _dominant(counts: dict[str, int], *, clear: bool) -> str | None:
    """The country with most votes when it is alone at the top (and, if ``clear``, holds over half of them)."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    if clear and ranked[0][1] * 2 <= sum(counts.values()):
        return None
    return ranked[0][0]


def _title_info(text: str, titled: bool) -> dict:
    if not titled:
        return {}
    from dyad.kb.resolve import split_phrase

    _, title, _, former, tspan, _ = split_phrase(get_kb(), text)
    return {"former": former, "title": title, "title_span": tspan}


@Language.factory("dyad_actors", assigns=["doc._.mentions", "doc._.actors"], requires=["doc.ents", "token.dep"])
def make_actors(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(nlp, name)
