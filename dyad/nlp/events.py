"""``dyad_events``: PLOVER events with CAMEO codes, direction and modality, one list per Doc.

Reads the parsed Doc (lemmas, POS, dependencies, entities) and ``doc._.mentions`` (dyad_actors);
writes ``doc._.events`` (list of :class:`dyad.records.Event`). Date, location and ``reported_by`` are
left empty for dyad_time, dyad_places and dyad_quotes.

Steps, once per doc: one Matcher pass finds trigger heads (event_lexicon); each candidate takes its
most specific lexicon entry (verb, verb+object, verb+preposition, noun, noun+modifier; "---" entries
block reporting verbs and false friends); a nominal trigger under a light verb ("launched a barrage",
"imposed sanctions", "held talks") takes that verb as its support for arguments and modality;
event_args finds who did it to whom, event_modality how certain it is. One event per dyad.

PLOVER decisions (see the PLOVER manual, section on AGREE and auxiliary modes):
* Cooperative acts (CONSULT, SUPPORT, COOPERATE, AID) stated as future intention ("will meet",
  "plans to send aid", "is expected to reinforce ... in his talks") are coded AGREE, as PLOVER asks,
  with modality ``future`` (dyad's auxiliary mode, so that series of facts do not count them as done).
* An act embedded under an AGREE, REQUEST or THREATEN trigger ("agreed to cooperate", "urged Iran
  to stop", "threatened to strike") is that trigger's content, not a second event; under REJECT
  ("refused to meet") the embedded act is kept with modality ``negation``.
* A wanted or vowed act is coded by intent: cooperative -> AGREE, hostile -> THREATEN ("wants to
  attack", "vowed to sit in"); a promised concession or retreat is CONCEDE ("agreed to reinstate"),
  as the PLOVER 2.0 CONCEDE definition includes "the promise of future concessions".
* "would not provide support" is a REJECT; "stopped selling arms" a SANCTION (discontinue), and
  "may halt mediation if ..." a THREATEN; "X said Y must ..." a REQUEST from X to Y.
* A conditional announcement of a hostile act ("will withdraw ... unless") is a THREATEN.
* Joint exercises of several actors are COOPERATE, not MOBILIZE.
* CAMEO 01 (statements) has no PLOVER type: "say", "tell" and the like code nothing.
* A sentence reports its main event(s); mentions inside it are not second events: a nominal act that is what
  is blamed, denied, demanded, promised, praised or talked about ("blamed Israel for the bombing", "met to
  discuss the ceasefire"), one in a cause, time or place phrase of another event ("sanctions over the
  invasion", "a bomb exploded near an army patrol"), the object of a verb of fleeing or knowing ("fled the
  fighting"), a participle or relative clause describing a participant of another event ("fired on
  demonstrators protesting against the coup") or a noun ("a deal brokered by Egypt"), and a trigger noun
  that only classifies another ("attack helicopters", "warning signs").
* Senses that PLOVER splits by participant: capturing a place is ASSAULT, a person COERCE (combatants
  ASSAULT abduct); peacekeepers arriving are let in (RETREAT access), troops arriving MOBILIZE; police raids
  are COERCE seize; workers who strike PROTEST; a state's boycott is SANCTION; what is withdrawn decides
  between SANCTION (envoys, support), CONCEDE (bills) and RETREAT (troops).

Recipients the text leaves implicit are filled and marked (``ActorRef.how``): a warning or accusation
takes the source's main counterpart in the article ("implicit"); protests, concessions, demands,
rejections and repression with no named recipient take the source's own country ("implicit-domestic",
the CAMEO/PLOVER convention for domestic events). Both lower the event's confidence.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyad.nlp import extensions
from dyad.nlp.event_args import FORCE_NOUNS, VICTIM_SUBJECT_VERBS, Resolver, _killers, arguments, sentence_of
from dyad.nlp.event_lexicon import (
    OBLIGATION,
    Entry,
    best_entry,
    build_matcher,
    cameo_table,
    candidates,
    plover_types,
)
from dyad.nlp.event_modality import REPORTING, has_condition, modality
from dyad.nlp.event_modes import assign_modes
from dyad.nlp.event_offtopic import off_topic
from dyad.records import ActorRef, Event, Span, replace
from dyad.wordlists import words

# Verbs that carry a nominal event without adding meaning of their own ("held talks", "launched a barrage").
LIGHT_VERBS = words("events", "light_verbs")
NOT_SUPPORT_VERBS = words("events", "not_support_verbs")
# Heads that a trigger noun only classifies ("warning signs", "attack helicopters", "protest movement").
NON_EVENT_HEADS = words("events", "non_event_heads")
# A strike so described is a labour one ("an indefinite nationwide strike").
LABOUR_STRIKE_WORDS = words("events", "labour_strike_words")
# Who strikes from work: a strike by workers is a PROTEST, not an attack.
WORKER_NOUNS = words("events", "worker_nouns")
# Verbs of undergoing: the subject is the target of the nominal event ("Kyiv suffered a barrage").
UNDERGO_VERBS = words("events", "undergo_verbs")
# Verbs of causing: "X sparked protests" are protests against X, not by X.
CAUSE_VERBS = words("events", "cause_verbs")
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICT = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE", "REJECT"})
ABSORBING = frozenset({"AGREE", "REQUEST", "THREATEN"})
# Hostile acts an actor can announce as its own intention: the announcement is a THREATEN.
ANNOUNCEABLE_THREATS = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# ... when said, warned or vowed; "announced it would prohibit all aid" is a decision, coded as the act.
THREAT_SAYING = words("events", "threat_saying")
ATTEMPT_VERBS = words("events", "attempt_verbs")
ASPECT_VERBS = words("events", "aspect_verbs")
# Governors of will: a cooperative act wanted or planned is an AGREE, a hostile one a THREATEN (PLOVER).
VOLITION = words("events", "volition")
STOPPING = words("events", "stopping")
DENIAL_VERBS = words("events", "denial_verbs")
# Verbs of a journalist's question: "Asked if ..., X replied" introduces an answer, not a request.
QUESTION_VERBS = words("events", "question_verbs")
QUANTITY_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
WILL_AUX = words("events", "will_aux")
RECEIVE_VERBS = words("events", "receive_verbs")
MIN_CONFIDENCE = 0.3
NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"})
EXERCISE_NOUNS = words("events", "exercise_nouns")
IMPLICIT_TARGET_TYPES = frozenset({"THREATEN", "ACCUSE", "REQUEST", "REJECT"})
# Participles that describe a state, not an act, when they modify a noun ("the Beagle Channel, disputed by
# Argentina and Chile", "Russian-occupied territory").
STATIVE_PARTICIPLES = words("events", "stative_participles")
# Triggers whose nominal content is the thing blamed, denied, demanded or promised, not a second event
# ("blamed Israel for the bombing", "demanded a truce before allowing aid convoys").
CONTENT_HOSTS = ABSORBING | {"ACCUSE", "REJECT", "CONSULT", "SUPPORT"}
NOMINAL_PATH_DEPS = frozenset({"compound", "pobj", "prep", "pcomp", "dobj", "obj", "nsubj", "nsubjpass", "xcomp",
                               "ccomp", "acl", "appos", "conj", "attr", "oprd"})
# Nouns of texts whose participle is their content ("a resolution condemning ..."), not a participant's description.
DOCUMENT_NOUNS = words("events", "document_nouns")
# Verbal and cooperative types: a past participle of these describing a noun is background.
VERBAL_TYPES = frozenset({"CONSULT", "SUPPORT", "AGREE", "COOPERATE", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                          "CONCEDE"})
# Prepositions that give the cause, time frame or place of another event ("over the invasion", "after clashes",
# "a bomb exploded near a US patrol").
CAUSE_PREPS = words("events", "cause_preps")
# Protesters acting with force riot (PLOVER PROTEST riot).
RIOTERS = words("events", "rioters")
CROWD_NOUNS = words("events", "crowd_nouns")
GATHERING_VERBS = words("events", "gathering_verbs")
# Acts of crowd violence (not military weapons: "demonstrators launched missiles" stays an ASSAULT).
RIOT_CODES = frozenset({"", "170", "171", "175", "180", "182", "190"})
SEARCH_VERBS = words("events", "search_verbs")
NAMING_VERBS = words("events", "naming_verbs")
# Arriving armed units are no visit: peacekeepers are let in (RETREAT access), other troops deployed (MOBILIZE).
ARMED_UNITS = words("events", "armed_units")
PEACEKEEPING = words("events", "peacekeeping")
DOMESTIC_TARGET_TYPES = frozenset({"PROTEST", "CONCEDE", "REQUEST", "REJECT", "COERCE"})


def event_id(article_id: str, trigger: Span, plover_type: str, source: ActorRef | None, target: ActorRef | None) -> str:
    key = "|".join([article_id, str(trigger.start), str(trigger.end), plover_type,
                    str(source.span.start) if source else "-", str(target.span.start) if target else "-"])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class _Found:
    """A trigger with its lexicon entry, before arguments are attached."""

    __slots__ = ("consumed", "entry", "head", "support")

    def __init__(self, head: Token, entry: Entry, support: Token | None, consumed: Token | None) -> None:
        self.head, self.entry, self.support, self.consumed = head, entry, support, consumed


class EventCoder:
    def __init__(self, nlp: Language, name: str = "dyad_events") -> None:
        extensions.register()
        self.name = name
        self.matcher = build_matcher(nlp.vocab)
        self.cameo = cameo_table()
        self.types = plover_types()

    def __call__(self, doc: Doc) -> Doc:
        extensions.init_doc(doc)
        doc._.events = assign_modes(doc, self.code(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # -- triggers ---------------------------------------------------------------------------------
    def triggers(self, doc: Doc) -> list[_Found]:
        found: dict[int, _Found] = {}
        consumed: set[int] = set()
        cands = candidates(self.matcher, doc)
        for tok, pos in cands:
            if pos != "VERB" or tok.ent_type_ in NAME_ENTS or self._descriptive_participle(tok):
                continue
            hit = best_entry(tok, "VERB")
            if hit is None:
                continue
            entry, obj = hit
            if self._naming(tok):
                continue  # "calling it a diversion", "called the election a fraud": naming, not a call
            if obj is not None and not entry.curated and self._curated_noun(obj) is not None:
                continue  # "launched a mediation effort": the curated nominal event beats a derived verb pattern
            if obj is not None:
                consumed.add(obj.i)
            found[tok.i] = _Found(tok, entry, None, obj)
        for tok, pos in cands:
            verb = tok.head
            if pos == "MUST" and verb.i not in found and verb.pos_ in ("VERB", "AUX") and verb.dep_ == "ccomp" \
                    and verb.head.lemma_.lower() in REPORTING:
                found[verb.i] = _Found(verb, OBLIGATION, None, None)
        for tok, pos in cands:
            if pos != "NOUN" or tok.i in consumed or tok.i in found or tok.ent_type_ in NAME_ENTS:
                continue  # "Asia-Pacific Economic Cooperation", "Security Cooperation Agency" are names
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in NON_EVENT_HEADS:
                continue  # "warning signs", "attack helicopters", "aid agency": a kind of thing, not an act
            hit = best_entry(tok, "NOUN")
            if hit is None:
                continue
            entry, _ = hit
            support = self._support_verb(tok)
            if support is not None and support.i in found:
                verb_found = found[support.i]
                if verb_found.consumed is None and verb_found.entry.specificity == 0 and entry.cameo != "---" \
                        and support.lemma_.lower() in LIGHT_VERBS:
                    del found[support.i]  # "launched a barrage": the noun carries the event
                else:
                    continue
            found[tok.i] = _Found(tok, entry, support, None)
        return [f for f in sorted(found.values(), key=lambda f: f.head.i) if f.entry.cameo != "---"]

    @staticmethod
    def _naming(verb: Token) -> bool:
        """"called it a diversion", "called the attack cowardly": an object with a predicate of its own."""
        if verb.lemma_.lower() not in NAMING_VERBS:
            return False
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        return len(objs) >= 2 or any(c.dep_ in ("oprd", "xcomp", "acomp") and c.pos_ in ("NOUN", "ADJ", "PROPN")
                                     for c in verb.children)

    @staticmethod
    def _descriptive_participle(tok: Token) -> bool:
        """"the visiting king", "striking workers", "the Beagle Channel, disputed by Chile": a participle
        that describes a participant or a state names no event of its own."""
        if tok.dep_ == "amod" and tok.tag_ in ("VBG", "VBN"):
            return True  # "the visiting king", "allied militia forces"
        return tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and tok.lemma_.lower() in STATIVE_PARTICIPLES \
            and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)

    @staticmethod
    def _curated_noun(obj: Token) -> Token | None:
        for tok in [obj] + [c for c in obj.children if c.dep_ == "compound"]:
            hit = best_entry(tok, "NOUN")
            if hit is not None and hit[0].curated and hit[0].cameo != "---":
                return tok
        return None

    @staticmethod
    def _support_verb(noun: Token) -> Token | None:
        node = noun
        for _ in range(3):
            if node.dep_ == "compound" and node.head.pos_ == "NOUN":
                node = node.head  # "a mediation effort"
            head = node.head
            if node.dep_ in ("dobj", "obj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
                # any verb governing the nominal lends it its subject ("speeded up the withdrawal");
                # only light verbs give up their own event to it (see triggers); verbs of having,
                # needing or knowing do not ("it had unspent donations" is no aid)
                return None if head.lemma_.lower() in NOT_SUPPORT_VERBS else head
            if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of":
                node = head.head
                continue
            if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "into", "for") \
                    and head.head.pos_ == "VERB" and head.head.lemma_.lower() in ("engage", "sit", "take", "join"):
                return head.head
            return None
        return None

    # -- events -----------------------------------------------------------------------------------
    def code(self, doc: Doc) -> list[Event]:
        resolver = Resolver(doc)
        article_id = doc._.article_id or ""
        found = self.triggers(doc)
        by_head = {f.head.i: f for f in found}
        anchor_types = {t.i: self._type_of(f) for f in found for t in (f.head, f.support, f.consumed) if t is not None}
        anchors = set(anchor_types)
        events: list[Event] = []
        seen: set[tuple] = set()
        # "agreed to reinstate the chief justice": a promised concession is a CONCEDE (PLOVER), not an AGREE
        promised: set[int] = set()
        conceding: set[int] = set()
        threatening: set[int] = set()
        for f in found:
            if self._nominal_content(f, by_head):
                continue  # "agreed on a prisoner exchange": an agreement about a thing, not a promised act
            outer = self._governing_trigger(f, by_head)
            if outer is not None and self._obligation_sayer(outer) is not None:
                continue  # "X said Y must agree to demobilize": the demand carries it
            if outer is not None and self._type_of(outer) == "AGREE" and self._type_of(f) in ("CONCEDE", "RETREAT"):
                promised.add(outer.head.i)
                conceding.add(f.head.i)
            elif outer is not None and self._type_of(outer) == "AGREE" and self._type_of(f) in CONFLICT - {"REJECT"} \
                    and self._committed_head(f).i == outer.head.i:
                promised.add(outer.head.i)  # "vowed to sit in at the parliament", "swore to fight": a threat
                threatening.add(f.head.i)
        for f in found:
            if f.head.i in promised:
                continue
            if f.support is None and f.head.lemma_.lower() in ATTEMPT_VERBS and any(c.dep_ == "xcomp" for c in f.head.children):
                continue  # "seeking to expand its influence": an attempt, coded (if at all) by the act it aims at
            if off_topic([t for t in (f.support, f.head) if t is not None], sentence_of(f.head)):
                continue  # "Senegal beat Egypt 2-1 in the final", "Typhoon Gaemi swept past Taiwan"
            if self._riot_detail(f, by_head):
                continue  # "rioted, setting fire to their cells and smashing furniture": the riot's violence is the riot
            if f.support is None and f.head.lemma_.lower() in DENIAL_VERBS and any(
                    c.dep_ == "ccomp" or (c.dep_ in ("xcomp", "dobj", "pcomp") and c.tag_ == "VBG")
                    or (c.dep_ == "dobj" and any(g.tag_ == "VBG" and g.dep_ == "compound" for g in c.children))  # "massing troops"
                    for c in f.head.children):
                continue  # "denied that it had deployed troops", "denied massing troops": a denial (CAMEO 016), no rejection
            if self._alleged(f, by_head):
                continue  # "accused Rwanda of backing the M23": what is alleged is no fact of its own
            if f.support is None and f.head.lemma_.lower() in QUESTION_VERBS and f.head.tag_ in ("VBN", "VBD") \
                    and f.head.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in f.head.children):
                continue  # "Asked if he was encouraging violence, Trump replied ...": an interview question
            if self._imperative(f.support or f.head):
                continue  # "If you have information, contact the police": an instruction to the reader
            if f.support is None and f.head.lemma_.lower() in VICTIM_SUBJECT_VERBS and not self._violent_death(f.head, by_head):
                continue  # "Justice Scalia died in February": a death, no attack
            if self._nominal_content(f, by_head):
                continue  # "blamed Israel for the bombing": the bombing is what is blamed, not a second event
            if f.support is None and f.head.pos_ in ("NOUN", "PROPN") and f.head.dep_ in ("dobj", "obj") \
                    and f.head.head.lemma_.lower() in NOT_SUPPORT_VERBS:
                continue  # "refugees who fled the fighting", "survived the attack": a mention, not a report
            describing = (f.head.dep_ == "acl" and f.head.tag_ == "VBG") or (f.head.dep_ == "relcl" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in f.head.children))
            if f.support is None and describing and self._participant_of_other(f, by_head) \
                    and f.head.head.lemma_.lower() not in DOCUMENT_NOUNS and resolver.resolve(f.head.head) is not None:
                # "opened fire on demonstrators protesting against the coup", "would expel aid agencies that
                # cooperated with the court": a description of a participant of another event
                continue
            if f.support is None and f.head.dep_ == "acl" and f.head.tag_ == "VBN" and self._type_of(f) in VERBAL_TYPES:
                continue  # "a deal brokered by Egypt", "austerity measures demanded by the EU": describes the noun
            if self._content_of_object(f, anchor_types):
                continue  # "criticized the decision to sell weapons to Taiwan": what is criticized, not an event
            if self._stated_cause(f, anchors):
                continue  # "imposed sanctions over the invasion", "mobilized after clashes": the reason, told elsewhere
            info = self.cameo.get(f.entry.cameo)
            plover_type = f.entry.plover_type or (info.plover_type if info else None)
            if not plover_type:
                continue
            outer = self._governing_trigger(f, by_head)
            if f.head.dep_ in ("nsubj", "nsubjpass") and f.head.head.i in by_head \
                    and self._type_of(by_head[f.head.head.i]) == plover_type:
                continue  # "Israeli airstrikes killed 20 people": one attack, told by its verb
            mod, cue = modality(f.head, f.support, published_year=self._year(doc))
            if f.head.i in threatening or f.head.i in conceding:
                # the promise is the event: it takes the promise's own modality
                # ("will boycott unless the president agrees to step down": no concession yet)
                promise = self._governing_trigger(f, by_head)
                mod, cue = modality(promise.head, promise.support, published_year=self._year(doc)) \
                    if promise is not None else ("asserted", None)
                if mod not in ("negation", "hypothetical"):
                    mod = "asserted"
                outer = None
                plover_type = "THREATEN" if f.head.i in threatening else "CONCEDE"
            if outer is not None:
                outer_type = outer.entry.plover_type or (self.cameo[outer.entry.cameo].plover_type
                                                         if outer.entry.cameo in self.cameo else None)
                if outer_type in ABSORBING or outer_type == plover_type or self._absorbed_above(outer, by_head):
                    continue  # "met ... to discuss": one meeting; "offered troops to help him oust X": the offer
                if outer_type == "REJECT":
                    mod = "negation"
            plover_mode = f.entry.plover_mode or (info.plover_mode if info else None)
            cameo_code = f.entry.cameo if info else None
            if f.head.i in conceding or f.head.i in threatening:
                cameo_code = "080" if f.head.i in conceding else "130"
                info = self.cameo.get(cameo_code)
                plover_mode = None
            args = arguments(f.head, f.support, plover_type, resolver, {f.consumed.i} if f.consumed else set())
            sayer = self._obligation_sayer(f)
            if sayer is not None:
                # "Russia said Sudan must return the helicopter": a demand by the sayer on the subject
                said = arguments(sayer, None, "REQUEST", resolver, set())
                plover_type, plover_mode, cameo_code, mod = "REQUEST", None, "100", "asserted"
                info = self.cameo.get(cameo_code)
                args.sources, args.targets, args.reciprocal = said.sources, args.sources or args.targets, False
            elif mod == "negation" and cue is not None and cue.lemma_.lower() in STOPPING \
                    and plover_type in ("AID", "COOPERATE", "SUPPORT", "CONSULT"):
                # "stopped selling munitions to the Saudis": cutting off cooperation is a sanction,
                # and "may halt mediation if ..." a threat of one
                stopper = cue.head if cue.dep_ in ("aux", "neg") else cue
                if has_condition(stopper) or any(c.dep_ == "aux" and c.lower_ in WILL_AUX | {"may", "might", "could"}
                                                 for c in stopper.children):
                    plover_type, plover_mode, cameo_code = "THREATEN", "relations", "1312"
                elif plover_type == "CONSULT":
                    plover_type, plover_mode, cameo_code = "SANCTION", None, "164"  # halt negotiations
                else:
                    plover_type, plover_mode, cameo_code = "SANCTION", "discontinue", "1621"
                mod, args.reciprocal = "asserted", False
                info = self.cameo.get(cameo_code)
            elif plover_type in ANNOUNCEABLE_THREATS and mod in ("future", "hypothetical") and self._own_announcement(f):
                # "farmers said they would blockade Paris", "Russia warned it will expel the diplomats": an actor
                # announcing its own hostile act threatens it (PLOVER THREATEN; the mode is the threat's content,
                # and a workers' strike restricts rather than strikes at anyone)
                strike = f.head.lemma_.lower() == "strike" and self._workers_strike(f.head)
                plover_type, plover_mode, cameo_code, mod = "THREATEN", "restrict" if strike else None, "130", "asserted"
                info = self.cameo.get(cameo_code)
            elif plover_type in CONFLICT | {"RETREAT"} and mod in ("future", "hypothetical") and has_condition(f.support or f.head):
                # "will withdraw its force unless ...": a conditional announcement of a hostile act is a threat
                plover_type, plover_mode, cameo_code, mod = "THREATEN", None, "130", "asserted"
                info = self.cameo.get(cameo_code)
            elif mod == "negation" and cue is not None and plover_type in COOPERATIVE | {"AGREE"} \
                    and any(c.dep_ == "aux" and c.lower_ in WILL_AUX for c in cue.head.children):
                # "would not provide support", "will not accept refugees": a refusal
                plover_type, plover_mode, cameo_code, mod = "REJECT", None, "120", "asserted"
                info = self.cameo.get(cameo_code)
            elif cue is not None and cue.lemma_.lower() in VOLITION and mod in ("future", "hypothetical") \
                    and plover_type in COOPERATIVE | CONFLICT and cue.dep_ != "acl":
                # "vowed to strike" is a threat, "wants to meet" an agreement; "talks aimed at ending
                # the war" (the purpose of a noun) are neither
                hostile = plover_type in CONFLICT
                plover_type, plover_mode, mod = ("THREATEN" if hostile else "AGREE"), None, "asserted"
                cameo_code = "130" if hostile else "030"
                info = self.cameo.get(cameo_code)
            elif plover_type in COOPERATIVE and mod == "future":
                plover_type, plover_mode = "AGREE", None
                cameo_code = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
                              "CONCEDE": "035", "RETREAT": "035"}.get(self._type_of(f) or "", "030")
                info = self.cameo.get(cameo_code)
            if not args.targets:
                args.targets = self._absorbed_targets(f, found, by_head, resolver)
            if f.support is not None and f.support.lemma_.lower() in CAUSE_VERBS and plover_type in ("PROTEST", "ACCUSE"):
                # "the decision drew condemnation from Chisinau", "recognised Palestine, drawing a rebuke from
                # Israel": the subject caused it, the "from" phrase gave it
                if args.sources and not args.targets:
                    args.sources, args.targets = [], args.sources
                critic_toks = [g for node in (f.head, f.support) for c in node.children if c.dep_ in ("prep", "agent")
                               and (c.lower_ == "from" or (c.lower_ == "by" and node.i == f.head.i))
                               for g in c.children if g.dep_ == "pobj"]  # ("sparked protests by students")
                critics = [r for g in critic_toks[:1] if (r := resolver.resolve(g)) is not None]
                if critics:
                    args.sources = critics
                    args.targets = [t for t in args.targets if t.span != critics[0].span]
            if f.support is not None and f.support.lemma_.lower() in UNDERGO_VERBS and args.sources and not args.reciprocal:
                # "received a shipment of vaccines from the UK": the giver (found under "from") becomes the source
                givers = args.targets if f.support.lemma_.lower() in RECEIVE_VERBS else []
                args.sources, args.targets = givers, args.sources
            if f.head.lemma_.lower() in RECEIVE_VERBS and f.consumed is not None:
                # "demonstrators received weapons from the government": the giver is under "from"
                held = [g for c in f.consumed.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]  # "a shipment of vaccines from the UK"
                giver = [g for c in list(f.head.children) + list(f.consumed.children) + [c for h in held for c in h.children]
                         if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
                if plover_type in ("RETREAT", "AGREE", "CONSULT"):  # "received observers from the OSCE": the host grants access
                    # to the sender; "accepted a formula (from X)": the acceptor agrees (with X)
                    args.targets = args.targets or [r for g in giver[:1] if (r := resolver.resolve(g))]
                else:
                    args.sources, args.targets = [r for g in giver[:1] if (r := resolver.resolve(g))], args.sources
            if not args.sources and not args.targets and plover_type == "PROTEST" and f.support is None:
                args.targets = self._protested(f.head, resolver)
                if args.targets:
                    # protesters left unnamed are people of the place the protests are told in
                    args.sources = self._people_of_place(f.head, resolver)
            # "a roadside bombing killed a soldier", "the June 2007 murder": the attack itself, a date or a number
            args.sources = [a for a in args.sources if not self._no_party(doc, a, by_head)]
            args.targets = [a for a in args.targets if not self._no_party(doc, a, by_head)]
            if not args.sources and not args.targets:
                continue
            drill = {f.head.lemma_.lower()} | ({f.consumed.lemma_.lower()} if f.consumed is not None else set())
            joint = any(c.lower_ in ("joint", "combined") for t in (f.head, f.consumed) if t is not None for c in t.children)
            if plover_type == "MOBILIZE" and drill & (EXERCISE_NOUNS | {"exercise"}) \
                    and (len(args.sources) >= 2 or args.reciprocal or joint):
                # "French and Egyptian warships launched war games": joint manoeuvres are military cooperation
                plover_type, plover_mode, cameo_code, args.reciprocal = "COOPERATE", None, "062", True
                info = self.cameo.get(cameo_code)
                if not args.targets and len(args.sources) >= 2:
                    args.sources, args.targets = args.sources[:1], args.sources[1:]
            if plover_type == "ASSAULT" and ((f.head.lemma_.lower() == "strike" and f.support is None
                                              and self._workers_strike(f.head)) or self._labour_strike(f)):
                # "BA cabin crew said they would strike on Christmas Day": a labour strike (PLOVER PROTEST strike)
                plover_type, plover_mode, cameo_code = "PROTEST", "strike", "143"
                info = self.cameo.get(cameo_code)
            crowd = f.head.lemma_.lower() in GATHERING_VERBS and not any(c.dep_ in ("dobj", "obj") for c in f.head.children)
            if plover_type == "CONSULT" and args.sources and all(
                    self._head_lemma(f.head.doc, a) in RIOTERS | (CROWD_NOUNS if crowd else frozenset()) for a in args.sources):
                # "protesters gathered in front of the embassy", "thousands of people gathered at a rally": a rally,
                # not a meeting
                plover_type, plover_mode, cameo_code, args.reciprocal = "PROTEST", "demo", "141", False
                info = self.cameo.get(cameo_code)
            if plover_type in ("ASSAULT", "COERCE") and (cameo_code or "")[:3] in RIOT_CODES and args.sources and all(
                    self._head_lemma(f.head.doc, a) in RIOTERS for a in args.sources):
                # "the building was demolished by a protester", "rioters attacked the police": a violent protest
                plover_type, plover_mode, cameo_code = "PROTEST", "riot", "145"
                info = self.cameo.get(cameo_code)
            if plover_type == "PROTEST" and f.head.lemma_.lower() == "boycott" and args.sources \
                    and all(a.country and a.sector in (None, "GOV") and a.how not in ("title", "context") for a in args.sources):
                # "the Soviet Union boycotted the Olympics": a state's boycott is a sanction (CAMEO 163)
                plover_type, plover_mode, cameo_code = "SANCTION", "discontinue", "163"
                info = self.cameo.get(cameo_code)
            if plover_type == "ASSAULT" and f.head.lemma_.lower() in SEARCH_VERBS and args.sources \
                    and all(a.sector == "COP" for a in args.sources):
                # "police raided the offices of a newspaper": a search, not an armed attack (PLOVER COERCE seize)
                plover_type, plover_mode, cameo_code = "COERCE", "seize", "171"
                info = self.cameo.get(cameo_code)
            if plover_type in ("RETREAT", "SANCTION") and plover_mode == "withdraw":
                if not args.targets:  # "pulled out of the World Health Organization"
                    exit_nodes = [f.head, f.support] + [c for c in f.head.children if c.lower_ in ("out", "away")]
                    left = [g for node in exit_nodes if node is not None for c in node.children
                            if c.dep_ == "prep" and c.lower_ in ("from", "of") for g in c.children if g.dep_ == "pobj"]
                    args.targets = [r for g in left[:1] if (r := resolver.resolve(g)) is not None and r.country == "IGO"]
                if plover_type == "RETREAT" and args.targets and all(t.country == "IGO" for t in args.targets):
                    # leaving a bloc or an organisation reduces relations (PLOVER SANCTION withdraw)
                    plover_type, cameo_code = "SANCTION", "166"
                    info = self.cameo.get(cameo_code)
            unit = self._arriving_unit(f) if plover_type == "CONSULT" and plover_mode == "visit" else None
            if unit == "peacekeepers":
                # "peacekeeping troops arrived in Sierra Leone": the host lets them in (PLOVER RETREAT access)
                plover_type, plover_mode, cameo_code = "RETREAT", "access", "0862"
                info = self.cameo.get(cameo_code)
                args.sources, args.targets, args.reciprocal = args.targets, args.sources, False
            elif unit == "troops":
                plover_type, plover_mode, cameo_code, args.reciprocal = "MOBILIZE", "troops", "154", False
                info = self.cameo.get(cameo_code)
            if plover_type == "CONSULT" and plover_mode == "visit" and args.sources and args.targets \
                    and args.sources[0].country and args.targets[0].country == args.sources[0].country \
                    and args.targets[0].how in ("entity", "country"):
                continue  # "protesters travelled to Islamabad": travel at home is no visit
            sent = sentence_of(f.head)
            trig = self._trigger_span(f)
            contexts = tuple(c for c in ((info.context if info else None),) if c)
            confidence = self._confidence(f.entry, args.sources, args.targets, mod)
            pairs = self._pairs(args.sources, args.targets, args.reciprocal)
            for source, target in pairs:
                key = (sent.start, plover_type, mod, source.span if source else None, target.span if target else None)
                if key in seen:
                    continue
                seen.add(key)
                events.append(Event(
                    id=event_id(article_id, trig, plover_type, source, target),
                    article_id=article_id,
                    sentence=Span.of(sent),
                    trigger=trig,
                    plover_type=plover_type,
                    plover_mode=plover_mode,
                    contexts=contexts,
                    cameo_code=cameo_code,
                    goldstein=info.goldstein if info else None,
                    quad_class=info.quad_class if info else int(self.types.get(plover_type, {}).get("quad_class", 0)) or None,
                    source=source,
                    target=target,
                    reciprocal=args.reciprocal,
                    modality=mod,
                    confidence=confidence,
                ))
        return self._implicit_recipients(events)

    @staticmethod
    def _implicit_recipients(events: list[Event]) -> list[Event]:
        """A warning or accusation with no named recipient ("came in ... to warn") is aimed at the source's
        main counterpart in this article: the country it has most events with (marked how="implicit")."""
        partners: dict[str, Counter[str]] = {}
        refs: dict[str, ActorRef] = {}
        for e in events:
            src, tgt = (e.source.country if e.source else None), (e.target.country if e.target else None)
            if e.source and e.target and src and tgt and src != tgt:
                for a, b, ref in ((src, tgt, e.target), (tgt, src, e.source)):
                    partners.setdefault(a, Counter())[b] += 1
                    refs.setdefault(b, ref)
        out = []
        for e in events:
            if e.target is None and e.source and e.source.country in partners and e.plover_type in IMPLICIT_TARGET_TYPES:
                country, _n = partners[e.source.country or ""].most_common(1)[0]
                target = replace(refs[country], how="implicit")
                e = replace(e, target=target, confidence=round(max(MIN_CONFIDENCE, e.confidence - 0.15), 2))
            elif e.target is None and e.source and e.source.country and e.plover_type in DOMESTIC_TARGET_TYPES \
                    and e.source.country not in ("IGO", "NGO", "IMG"):
                # protests, concessions, demands and repression with no named recipient are aimed at the
                # actor's own country (CAMEO/PLOVER convention for domestic events); marked implicit
                target = ActorRef(span=e.source.span, name=e.source.country, country=e.source.country,
                                  how="implicit-domestic")
                e = replace(e, target=target, confidence=round(max(MIN_CONFIDENCE, e.confidence - 0.15), 2))
            out.append(e)
        return out

    @staticmethod
    def _year(doc: Doc) -> int | None:
        published = doc._.published
        if isinstance(published, str):
            return int(published[:4]) if published[:4].isdigit() else None
        return getattr(published, "year", None)

    @staticmethod
    def _own_announcement(f: _Found) -> bool:
        """Whether the act is what its own actor says it will do: "they would blockade" under "said",
        with the act's subject a pronoun for the sayer (or left out)."""
        node = f.support or f.head
        if node.dep_ != "ccomp" or node.head.lemma_.lower() not in THREAT_SAYING:
            return False
        if not any(c.dep_ == "aux" and c.lower_ in WILL_AUX for c in node.children):
            return False
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        return all(c.dep_ == "nsubj" and c.tag_ == "PRP" for c in subjects)

    @staticmethod
    def _obligation_sayer(f: _Found) -> Token | None:
        node = f.support or f.head
        if node.dep_ != "ccomp" or node.head.lemma_.lower() not in REPORTING:
            return None
        if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in node.children):
            return node.head
        return None

    def _absorbed_targets(self, f: _Found, found: list[_Found], by_head: dict[int, _Found], resolver: Resolver) -> list[ActorRef]:
        """Targets of the act an AGREE/REQUEST/THREATEN trigger embeds ("offered to hand over X to Britain"),
        or of a same-type act told with it ("raided the camp, killing three Palestinians")."""
        t = self._type_of(f)
        for inner in found:
            if inner is not f and self._governing_trigger(inner, by_head) is f \
                    and (t in ABSORBING or self._type_of(inner) == t):
                inner_type = self._type_of(inner) or t or ""
                got = arguments(inner.head, inner.support, inner_type, resolver, {inner.consumed.i} if inner.consumed else set())
                if got.targets:
                    return got.targets
        return []

    def _type_of(self, f: _Found) -> str | None:
        info = self.cameo.get(f.entry.cameo)
        return f.entry.plover_type or (info.plover_type if info else None)

    @staticmethod
    def _imperative(verb: Token) -> bool:
        """A main verb in the base form with no subject or auxiliary: "contact the OPP at 1-888-...", "call 911"."""
        return verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in verb.children)

    @staticmethod
    def _violent_death(verb: Token, by_head: dict[int, _Found]) -> bool:
        """"died in clashes with X", "died as a result of torture", "perished in an airstrike": force is named
        (a FORCE_NOUNS word or another event trigger in the death's own phrases)."""
        if _killers(verb):
            return True
        return any(t.i != verb.i and (t.lemma_.lower() in FORCE_NOUNS or t.i in by_head)
                   for c in verb.children if c.dep_ in ("prep", "advcl", "agent") for t in c.subtree)

    def _alleged(self, f: _Found, by_head: dict[int, _Found]) -> bool:
        """A gerund under "of"/"for" of an accusation ("accused Manila of ramming", "was accused by Congo's
        government of backing")."""
        if f.support is not None or f.head.dep_ != "pcomp" or f.head.head.lower_ not in ("of", "for"):
            return False
        node = f.head.head
        for _ in range(4):
            node = node.head
            if node.i in by_head and self._type_of(by_head[node.i]) == "ACCUSE":
                return True
            if node.head.i == node.i:
                break
        return False

    def _nominal_content(self, f: _Found, by_head: dict[int, _Found]) -> bool:
        """A nominal event with no verb of its own inside what another trigger blames, denies, demands,
        promises or threatens ("accused the US of restoring the blackmail in the negotiations"), or
        inside a phrase of a same-type trigger ("hosted him for an informal meeting")."""
        if f.support is not None or f.head.pos_ not in ("NOUN", "PROPN"):
            return False
        own = self._type_of(f)
        node = f.head
        for _ in range(7):
            if node.dep_ not in NOMINAL_PATH_DEPS or node.head.i == node.i:
                return False
            node = node.head
            host = by_head.get(node.i)
            if host is not None and host is not f and self._type_of(host) in CONTENT_HOSTS | {own}:
                return True
            if node.pos_ in ("VERB", "AUX") and node.dep_ in ("ROOT", "relcl", "advcl", "conj"):
                return False  # a clause of its own ("X, which ...", "... and say talks aim to ..."): stop at it
        return False

    @staticmethod
    def _ref_root(doc: Doc, ref: ActorRef) -> Token | None:
        """The head token of the words an actor reference points at."""
        span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
        return span.root if span is not None else None

    def _no_party(self, doc: Doc, ref: ActorRef, by_head: dict[int, _Found]) -> bool:
        """A reference with no country or KB actor that names the attack itself ("a roadside bombing killed ...")
        or a date or number ("the June 2007 murder"): no party to the event."""
        root = self._ref_root(doc, ref)
        return not (ref.country or ref.actor_id) and root is not None and (
            root.i in by_head or root.ent_type_ in QUANTITY_ENTS)

    def _head_lemma(self, doc: Doc, ref: ActorRef) -> str:
        root = self._ref_root(doc, ref)
        return root.lemma_.lower() if root is not None else ""

    @staticmethod
    def _content_of_object(f: _Found, anchors: dict[int, str | None]) -> bool:
        """An infinitive act of a decision, plan or proposal noun that another trigger acts on (under a
        rejection it is kept, negated: "rejected an invitation to attend talks")."""
        verb = f.support or f.head
        if verb.dep_ not in ("acl", "relcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return False
        noun = verb.head
        if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "obj", "pobj", "nsubjpass"):
            return False
        host = noun.head.head if noun.dep_ == "pobj" else noun.head
        kinds = {anchors[i] for i in (host.i, noun.i) if i in anchors}
        return bool(kinds) and "REJECT" not in kinds

    @staticmethod
    def _stated_cause(f: _Found, anchors: set[int]) -> bool:
        """A nominal event with no verb of its own in a cause or time phrase of another trigger."""
        if f.support is not None or f.head.pos_ not in ("NOUN", "PROPN"):
            return False
        node, cause = f.head, False
        for _ in range(5):
            if node.dep_ not in ("pobj", "prep", "compound", "conj") or node.head.i == node.i:
                return False
            node = node.head
            if node.dep_ == "prep" and node.lower_ in CAUSE_PREPS:
                cause = True
            if cause and node.i in anchors and node.i != f.head.i:
                return True
        return False

    @staticmethod
    def _labour_strike(f: _Found) -> bool:
        """A strike noun ("launched an indefinite nationwide strike") called by workers or described as a labour one."""
        noun = next((t for t in (f.consumed, f.head) if t is not None and t.lemma_.lower() == "strike" and t.pos_ == "NOUN"), None)
        if noun is None:
            return False
        if any(c.lower_ in LABOUR_STRIKE_WORDS for c in noun.children):
            return True
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None) if noun.dep_ in ("dobj", "obj") else None
        return subj is not None and EventCoder._workers(subj)

    @staticmethod
    def _workers(subj: Token) -> bool:
        """"doctors", "labour unions", "Kenyan doctors": a subject that works for a living."""
        return subj.lemma_.lower() in WORKER_NOUNS or any(
            c.lemma_.lower() in WORKER_NOUNS for c in subj.children if c.dep_ == "compound")

    @staticmethod
    def _workers_strike(verb: Token) -> bool:
        """A verb "strike" with no object whose subject (or that of the verb it reports to) is workers."""
        if any(c.dep_ in ("dobj", "obj") for c in verb.children):
            return False
        node = verb
        for _ in range(2):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return EventCoder._workers(subj)
            if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
                return False
            node = node.head
        return False

    @staticmethod
    def _protested(noun: Token, resolver: Resolver) -> list[ActorRef]:
        """The one protested against, from an "against" phrase the parser hung lower in the protest noun's
        phrase ("protests in the suburbs against Assad's rule")."""
        for prep in (t for t in noun.subtree if t.dep_ == "prep" and t.lower_ == "against"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for cand in [pobj] + [c for c in pobj.children if c.dep_ == "poss"]:
                    ref = resolver.resolve(cand)
                    if ref is not None:
                        return [ref]
        return []

    @staticmethod
    def _people_of_place(noun: Token, resolver: Resolver) -> list[ActorRef]:
        for prep in (t for t in noun.subtree if t.dep_ == "prep" and t.lower_ in ("in", "across", "throughout")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for cand in [pobj] + [c for c in pobj.children if c.dep_ == "compound"]:
                    ref = resolver.resolve(cand)
                    if ref is not None and ref.country:
                        return [ActorRef(span=ref.span, name=ref.country, country=ref.country, how="implicit-domestic")]
        return []

    @staticmethod
    def _participant_of_other(f: _Found, by_head: dict[int, _Found]) -> bool:
        """Whether the noun a participle modifies is an argument of another trigger."""
        node = f.head.head
        for _ in range(3):
            if node.dep_ not in ("dobj", "obj", "pobj", "prep", "nsubj", "nsubjpass", "dative") or node.head.i == node.i:
                return False
            node = node.head
            if node.i in by_head and node.i != f.head.i:
                return True
        return False

    def _riot_detail(self, f: _Found, by_head: dict[int, _Found]) -> bool:
        """An act of force told as a participle of a protest ("rioted, setting fire to ...")."""
        if self._type_of(f) not in ("ASSAULT", "COERCE") or f.head.tag_ != "VBG":
            return False
        node = f.support or f.head
        while node.dep_ == "conj" and node.head is not node:
            node = node.head
        outer = by_head.get(node.head.i) if node.dep_ == "advcl" and node.tag_ == "VBG" else None
        return outer is not None and self._type_of(outer) == "PROTEST"

    def _absorbed_above(self, f: _Found, by_head: dict[int, _Found]) -> bool:
        """Whether a trigger is itself the content of an AGREE/REQUEST/THREATEN higher up."""
        node: _Found | None = f
        for _ in range(3):
            node = self._governing_trigger(node, by_head) if node is not None else None
            if node is None:
                return False
            if self._type_of(node) in ABSORBING:
                return True
        return False

    @staticmethod
    def _arriving_unit(f: _Found) -> str | None:
        """"peacekeepers" or "troops" when the subject of a visit verb is an armed unit, else None."""
        verb = f.support or f.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        heads = [subj] + [g for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
                          for g in p.children if g.dep_ == "pobj"]
        for h in heads:
            if h.lemma_.lower() in ARMED_UNITS:
                words = {h.lemma_.lower()} | {c.lower_ for c in h.children if c.dep_ in ("compound", "amod")}
                return "peacekeepers" if words & PEACEKEEPING else "troops"
        return None

    @staticmethod
    def _committed_head(f: _Found) -> Token:
        """The verb an act is the complement of, looking through aspect ("pledged to continue fighting")."""
        node = (f.support or f.head).head
        if node.lemma_.lower() in ASPECT_VERBS and node.dep_ in ("xcomp", "ccomp") and node.head is not node:
            node = node.head
        return node

    @staticmethod
    def _governing_trigger(f: _Found, by_head: dict[int, _Found]) -> _Found | None:
        node = f.support or f.head
        for _ in range(3):
            if node.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "advcl") or node.head is node:
                return None
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            if node.i in by_head and node.i != f.head.i:
                return by_head[node.i]
        return None

    @staticmethod
    def _trigger_span(f: _Found) -> Span:
        toks = [f.head] + ([f.support] if f.support is not None else []) + ([f.consumed] if f.consumed is not None else [])
        toks += [c for c in f.head.children if c.dep_ == "prt"]
        first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
        return Span.of(f.head.doc[first.i:last.i + 1])

    @staticmethod
    def _pairs(sources: list[ActorRef], targets: list[ActorRef], reciprocal: bool) -> list[tuple[ActorRef | None, ActorRef | None]]:
        if reciprocal and not targets:
            return [(s, None) for s in sources[:1]]
        srcs: list[ActorRef | None] = list(sources) or [None]
        tgts: list[ActorRef | None] = list(targets) or [None]
        return [(s, t) for s in srcs for t in tgts if not (s and t and s.span == t.span)][:8]

    @staticmethod
    def _confidence(entry: Entry, sources: list[ActorRef], targets: list[ActorRef], mod: str) -> float:
        score = entry.confidence
        if not sources:
            score -= 0.15
        if not targets:
            score -= 0.1
        if any((a.actor_id or a.country) and a.how != "context" for a in sources + targets):
            score += 0.05
        return round(max(MIN_CONFIDENCE, min(0.95, score)), 2)


@Language.factory("dyad_events", assigns=["doc._.events"], requires=["token.dep", "token.lemma", "token.pos"])
def make_events(nlp: Language, name: str) -> EventCoder:
    return EventCoder(nlp, name)
