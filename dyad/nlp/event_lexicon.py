"""The event trigger lexicon and ontology tables, loaded from ``dyad/data`` and matched against a Doc.

Reads ``data/ontology/*.tsv`` (PLOVER types, CAMEO codes with Goldstein and QuadClass) and
``data/triggers/*.tsv`` (curated entries first, then those derived from PETRARCH2). A trigger pattern
is one line of lemma syntax:

    attack                   verb lemma
    shoot down               verb + particle (``shoot_down`` is accepted too)
    impose sanction          verb + object head lemma (dobj, passive subject, or the noun under
                             "one/series/package of ..."; a particle may precede the object)
    call (for)               verb + prepositional child (``(to X)`` also matches an xcomp verb X)
    contact (for help)       verb + prepositional child whose object has that lemma
    pressure (to *)          verb + any infinitive complement ("pressured workers to cancel the strike")
    capture @place           verb + an object that is a place: a GPE/LOC/FAC name or a PLACE_NOUNS word
    receive @actor           verb + an object that is an actor: a person, group or state name, or an ACTOR_NOUNS word
    go (to @gpe)             verb + a preposition whose object is a country or city name (also @place, @actor,
                             @org: an organisation name or a BODY_NOUNS word)
    n:barrage                noun lemma
    n:air strike             noun with a compound/amod modifier ("air")
    n:strike (on)            noun + prepositional child

Candidate heads are found with one spaCy ``Matcher`` pass per doc (lemma sets by part of speech);
only candidates are then checked against their entries' constraints, most specific entry first.
"""

from __future__ import annotations
from dyad.wordlists import words

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

DATA = Path(__file__).resolve().parent.parent / "data"
PARTICLES = words("event_lexicon", "particles")
# Nouns that stand between a verb and the real object: "launched one of its barrages", "a package of weaponry".
QUANTIFIER_NOUNS = words("event_lexicon", "quantifier_nouns")
# Nouns of ground held or taken ("captured the airport", "overran two strategic peaks").
PLACE_NOUNS = words("event_lexicon", "place_nouns")
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Nouns of people, offices and bodies that can receive, be helped or be visited.
ACTOR_NOUNS = words("event_lexicon", "actor_nouns")


# Bodies one belongs to and can leave ("quit the regional bloc").
BODY_NOUNS = words("event_lexicon", "body_nouns")


def special(tok: Token, key: str) -> bool:
    """Whether a token fits a class placeholder of a pattern (@place, @gpe, @actor, @org)."""
    if key == "@place":
        return tok.ent_type_ in PLACE_ENTS or stem(tok.lemma_) in PLACE_NOUNS
    if key == "@gpe":
        return tok.ent_type_ == "GPE"
    if key == "@actor":
        return tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or stem(tok.lemma_) in ACTOR_NOUNS
    if key == "@org":
        return tok.ent_type_ == "ORG" or stem(tok.lemma_) in BODY_NOUNS
    return False
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "nsubjpass", "dative"})


def stem(word: str) -> str:
    """Plural-insensitive key: entries and tokens are compared through it."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class CameoInfo:
    code: str
    description: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class Entry:
    pattern: str
    pos: str  # VERB | NOUN
    head: str
    particle: str | None
    obj: str | None
    mods: tuple[str, ...]
    prep: str | None
    pobj: str | None
    cameo: str  # "---" = no event
    plover_type: str | None
    plover_mode: str | None
    confidence: float
    origin: str
    order: int

    @property
    def specificity(self) -> int:
        return sum(x is not None for x in (self.particle, self.obj, self.prep, self.pobj)) + len(self.mods)

    @property
    def curated(self) -> bool:
        return self.origin == "curated"


def _rows(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@functools.cache
def cameo_table() -> dict[str, CameoInfo]:
    out = {}
    for r in _rows(DATA / "ontology" / "cameo_codes.tsv"):
        r += [""] * (7 - len(r))
        out[r[0]] = CameoInfo(r[0], r[1], float(r[2]), int(r[3]), r[4] or None, r[5] or None, r[6] or None)
    return out


@functools.cache
def plover_types() -> dict[str, dict[str, str]]:
    out = {}
    for r in _rows(DATA / "ontology" / "plover_types.tsv"):
        out[r[0]] = {"quad_class": r[1], "score": r[2], "modes": r[4]}
    return out


def parse_pattern(pattern: str) -> tuple[str, str, str | None, str | None, tuple[str, ...], str | None, str | None]:
    """-> (pos, head, particle, obj, mods, prep, pobj)."""
    text = pattern.strip()
    pos = "VERB"
    if text.startswith("n:"):
        pos, text = "NOUN", text[2:]
    prep = pobj = None
    if "(" in text:
        text, inner = text.split("(", 1)
        words = inner.rstrip(")").split()
        prep = words[0].lower() if words else None
        pobj = stem(words[-1]) if len(words) > 1 else None
    words = text.replace("_", " ").split()
    if pos == "NOUN":
        return pos, stem(words[-1]), None, None, tuple(w.lower() for w in words[:-1]), prep, pobj
    head, rest = words[0].lower(), [w.lower() for w in words[1:]]
    particle = None
    if rest and rest[0] in PARTICLES:
        particle = rest.pop(0)
    obj = stem(rest[-1]) if rest else None
    return pos, head, particle, obj, tuple(rest[:-1]), prep, pobj  # verb mods qualify the object


@functools.cache
def entries() -> dict[tuple[str, str], tuple[Entry, ...]]:
    """(pos, head lemma) -> entries, curated files first, each file in order (first one wins on ties)."""
    index: dict[tuple[str, str], list[Entry]] = {}
    seen: set[str] = set()
    order = 0
    files = [DATA / "triggers" / "curated.tsv"] + sorted(
        p for p in (DATA / "triggers").glob("*.tsv") if p.name != "curated.tsv")
    for path in files:
        for r in _rows(path):
            r += [""] * (6 - len(r))
            pattern = " ".join(r[0].split())
            if pattern in seen:
                continue
            seen.add(pattern)
            pos, head, particle, obj, mods, prep, pobj = parse_pattern(pattern)
            order += 1
            e = Entry(pattern, pos, head, particle, obj, mods, prep, pobj, r[1].strip(), r[2] or None, r[3] or None,
                      float(r[4] or 0.6), r[5] or path.stem, order)
            index.setdefault((pos, head), []).append(e)
    return {k: tuple(sorted(v, key=_rank)) for k, v in index.items()}


def _rank(e: Entry) -> tuple[bool, int, int]:
    return (not e.curated, -e.specificity, e.order)


def build_matcher(vocab: Vocab) -> Matcher:
    verbs = sorted({h for (p, h) in entries() if p == "VERB"})
    nouns = sorted({h for (p, h) in entries() if p == "NOUN"})
    # nouns are indexed by their stem; lemmas of plural nouns are usually singular already
    matcher = Matcher(vocab)
    matcher.add("VERB", [[{"LEMMA": {"IN": verbs}, "POS": "VERB"}]])
    matcher.add("NOUN", [[{"LEMMA": {"IN": nouns}, "POS": {"IN": ["NOUN", "PROPN"]}}]])
    # "Russia said Sudan must return ...": an obligation reported by a speaker is a demand (see events.py)
    matcher.add("MUST", [[{"LOWER": {"IN": ["must", "should"]}, "DEP": "aux"}]])
    return matcher


def candidates(matcher: Matcher, doc: Doc) -> list[tuple[Token, str]]:
    found: dict[int, str] = {}
    for match_id, start, _end in matcher(doc):
        found.setdefault(start, doc.vocab.strings[match_id])
    return [(doc[i], found[i]) for i in sorted(found)]


def objects(verb: Token) -> list[Token]:
    """The verb's object heads, looking through "one of", "a package of" and coordination."""
    out: list[Token] = []
    # "the capital has been barricaded and scores of police brought in": a bare participle with a
    # subject and no auxiliary is an elliptical passive, its subject the object
    elliptical = verb.tag_ == "VBN" and verb.dep_ == "conj" \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or (elliptical and child.dep_ == "nsubj"):
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                child = verb.head  # "a deal that he struck": the object is the noun the clause modifies
            out.append(child)
            out.extend(c for c in child.conjuncts)
    more = []
    for o in out:
        node = o
        for _ in range(3):
            amount = node.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or node.like_num
            if node.lemma_.lower() not in QUANTIFIER_NOUNS and not amount:
                break
            of = [c for c in node.children if c.dep_ == "prep" and (c.lower_ == "of" or (amount and c.lower_ == "in"))]
            pobjs = [g for p in of for g in p.children if g.dep_ == "pobj"]
            if not pobjs:
                break
            node = pobjs[0]
            more.append(node)
    return out + more


def _has_prep(tok: Token, prep: str, pobj: str | None) -> Token | None:
    # "pulled out of the court": the preposition may hang from a particle parsed as a preposition
    nested = [g for c in tok.children if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in PARTICLES
              for g in c.children if g.dep_ == "prep"]
    for child in list(tok.children) + nested:
        if child.dep_ in ("prep", "prt", "agent", "dative") and child.lower_ == prep:
            if pobj is None:
                if any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children):
                    continue  # "called Macron on Tuesday": a date, not the one called on
                return child
            for g in child.children:
                if g.dep_ in ("pobj", "pcomp") and (stem(g.lemma_) == pobj or special(g, pobj)):
                    return child
        if pobj is None and child.dep_ in ("advcl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == prep for g in child.children):
            return child  # "pushing hard for the US (to) support its plan": "for" parsed as the clause's mark
        if prep == "to" and pobj and child.dep_ in ("xcomp", "ccomp", "advcl") \
                and (child.lemma_.lower() == pobj or (pobj == "*" and child.pos_ in ("VERB", "AUX")
                                                      and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children))):
            return child
    return None


def _has_mods(tok: Token, wanted: tuple[str, ...]) -> bool:
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")}
    mods |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    return all(m in mods for m in wanted)


def entry_matches(e: Entry, tok: Token, objs: list[Token] | None = None) -> Token | None | bool:
    """False when ``e`` does not fit ``tok``; else the object token it consumed (or None/True)."""
    consumed: Token | None = None
    if e.particle and not any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == e.particle for c in tok.children):
        return False
    if e.mods and e.pos == "NOUN" and not _has_mods(tok, e.mods):
        return False
    if e.obj:
        for o in (objs if objs is not None else objects(tok)):
            hyphenated = f"{o.nbor(-2).lower_}-{o.lower_}" if o.i >= 2 and o.nbor(-1).text == "-" else ""
            if (special(o, e.obj) or stem(o.lemma_) == e.obj or stem(o.lower_) == e.obj or hyphenated == e.obj) \
                    and (not e.mods or _has_mods(o, e.mods)):
                consumed = o
                break
        else:
            return False
    if e.prep and _has_prep(tok, e.prep, e.pobj) is None:
        return False
    return consumed if consumed is not None else True


def best_entry(tok: Token, pos: str) -> tuple[Entry, Token | None] | None:
    """The most specific entry that fits the token (curated before derived, then file order)."""
    keys = {tok.lemma_.lower(), tok.lower_} if pos == "VERB" else {stem(tok.lemma_), stem(tok.lower_)}
    pools = [entries()[(pos, k)] for k in keys if (pos, k) in entries()]
    pool = list(pools[0]) if len(pools) == 1 else sorted((e for p in pools for e in p), key=_rank)
    objs = objects(tok) if any(e.obj for e in pool) else []
    chosen: tuple[Entry, Token | None] | None = None
    for e in pool:
        m = entry_matches(e, tok, objs)
        if m is False:
            continue
        hit = (e, m if isinstance(m, Token) else None)
        if chosen is None:
            chosen = hit
            # a curated "no event" on the bare verb ("give", "take") still lets a derived pattern
            # with an object or preposition ("give aid") code the event
            if not (e.curated and e.cameo == "---" and e.specificity == 0):
                return chosen
        elif e.specificity > 0 and e.cameo != "---":
            return hit
    return chosen


# The entry of a demand found by construction ("X said Y must ...") rather than by a lexicon word.
OBLIGATION = Entry("<said ... must>", "VERB", "", None, None, (), None, None, "100", "REQUEST", None, 0.6,
                   "construction", 0)
