"""Modality of an event trigger: asserted, or one of PLOVER's auxiliary modes.

Reads the trigger token, its dependency context and the cue table ``data/event_modality.tsv``;
returns (modality, cue token or None). Precedence when several cues apply: negation > hypothetical >
future > historical (a denied plan is a negation; a planned act in the past is still unrealised).

* negation: a ``neg`` child of the trigger or of the verb it complements ("not to negotiate"),
  a negative governor ("refused to meet", "denied attacking"), "without".
* hypothetical: conditionals and indirect questions ("if", "whether ... remains uncertain"), modal
  auxiliaries (could, may, might, would), wanting/threatening/demanding governors, direct questions.
* future: will/shall, "is expected to", "plans to", "is set to", "upcoming talks".
* historical: past perfect ("had maintained"), "during his presidency", "formerly", "former".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from dyad.nlp.event_lexicon import DATA
from dyad.wordlists import words

REPORTING = words("event_modality", "reporting")
PLAN_NOUNS = words("event_modality", "plan_nouns")
EFFORT_NOUNS = words("event_modality", "effort_nouns")
RANK = {"negation": 4, "hypothetical": 3, "future": 2, "historical": 1, "asserted": 0}
# Verbs whose subject noun is the event itself: "the talks will take place", "the strike may go ahead".
EVENT_PREDICATES = words("event_modality", "event_predicates")
# verbs whose purpose clause tells what was done on arrival ("came to warn", "sent inspectors to investigate")
MOTION_VERBS = words("event_modality", "motion_verbs")
# Nouns whose clause is a claim: its act takes the stance taken toward the claim ("rejected claims that it had ...").
CLAIM_NOUNS = words("event_modality", "claim_nouns")
TEMPORAL_MARKS = words("event_modality", "temporal_marks")
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "csubj", "csubjpass", "acomp"})


@dataclass(frozen=True)
class Cues:
    neg: frozenset[str]
    aux: dict[str, str]
    governor: dict[str, str]
    mark: dict[str, str]
    advmod: dict[str, str]
    nounmod: dict[str, str]
    prep: dict[str, tuple[str, frozenset[str]]]


@functools.cache
def cues() -> Cues:
    tables: dict[str, dict[str, str]] = {k: {} for k in ("neg", "aux", "governor", "mark", "advmod", "nounmod")}
    prep: dict[str, tuple[str, frozenset[str]]] = {}
    for line in (DATA / "event_modality.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        cue, modality, where = cols[0], cols[1], cols[2]
        if where == "prep":
            prep[cue] = (modality, frozenset(cols[3].split(",")) if len(cols) > 3 else frozenset())
        else:
            tables.setdefault(where, {})[cue] = modality
    return Cues(frozenset(tables["neg"]), tables["aux"], tables["governor"], tables["mark"], tables["advmod"],
                tables["nounmod"], prep)


def _clause_chain(tok: Token, limit: int = 4) -> list[Token]:
    """The trigger and the verbs it is a complement of, up to the clause that holds it."""
    chain = [tok]
    node = tok
    for _ in range(limit):
        if node.dep_ in COMPLEMENT_DEPS or (node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX")) \
                or (node.dep_ in ("advcl",) and node.head.pos_ in ("VERB",) and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)) \
                or (node.dep_ in ("dobj", "pobj") and node.pos_ == "NOUN") \
                or (node.dep_ in ("nsubj", "nsubjpass") and node.pos_ == "NOUN" and node.head.lemma_.lower() in EVENT_PREDICATES) \
                or (node.dep_ in ("acl", "relcl") and node.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)) \
                or _participle_clause(node) \
                or (node.dep_ in ("acl", "ccomp", "appos") and node.head.lemma_.lower() in CLAIM_NOUNS):
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            chain.append(node)
        else:
            break
    return chain


def _participle_clause(node: Token) -> bool:
    """"fired Chaudhry in 2007, sparking protests": a participial clause shares its head's time and mode."""
    return node.dep_ == "advcl" and node.tag_ == "VBG" and node.head.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ in ("mark", "aux") for c in node.children)


def _is_past_year(tok: Token, published_year: int) -> bool:
    return tok.ent_type_ == "DATE" and tok.like_num and len(tok.text) == 4 and tok.text.isdigit() \
        and int(tok.text) < published_year


def _past_year(prep: Token, published_year: int | None) -> bool:
    """"in 2007" on an article of 2009 ("the protests of 2011" on a noun): background, not news."""
    if published_year is None:
        return False
    if prep.lower_ not in ("in", "since", "during", "by") and not (prep.lower_ == "of" and prep.head.pos_ == "NOUN"):
        return False
    for tok in prep.subtree:
        if tok.ent_type_ == "DATE" and tok.like_num and len(tok.text) == 4 and tok.text.isdigit():
            return int(tok.text) < published_year
    return False


def modality(trigger: Token, support: Token | None = None, published_year: int | None = None,
             _depth: int = 0) -> tuple[str, Token | None]:
    c = cues()
    found: list[tuple[str, Token | None]] = []
    head = support if support is not None else trigger
    chain = _clause_chain(head)
    if support is not None:
        chain = [trigger] + chain

    for i, node in enumerate(chain):
        for child in node.children:
            low = child.lower_
            if child.dep_ == "neg" and (low in c.neg or child.lemma_.lower() in c.neg):
                # "not to negotiate, but to warn": the negation scopes over its own verb only
                if i == 0 or node is head or chain[i - 1].dep_ != "conj":
                    found.append(("negation", child))
            elif child.dep_ in ("aux", "auxpass") and low in c.aux:
                mod = c.aux[low]
                if low == "would" and node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING:
                    mod = "future"  # "said they would meet": future in the past, not a condition
                found.append((mod, child))
            elif child.dep_ == "aux" and child.lemma_ == "have" and child.tag_ == "VBD" and node.tag_ == "VBN":
                found.append(("historical", child))
            elif child.dep_ == "mark" and low in c.mark:
                found.append((c.mark[low], child))
            elif child.dep_ == "advmod" and low in c.advmod:
                found.append((c.advmod[low], child))
            elif child.dep_ == "det" and low == "no" and node.pos_ == "NOUN":
                found.append(("negation", child))  # "no talks", "has no plans to send troops"
            elif child.dep_ == "acomp" and child.lemma_.lower() in c.governor and node.lemma_.lower() == "be":
                found.append((c.governor[child.lemma_.lower()], child))  # "sanctions would be unlikely"
            elif child.dep_ in ("amod", "compound") and low in c.nounmod and node.pos_ == "NOUN" and i == 0:
                found.append((c.nounmod[low], child))
            elif child.dep_ == "prep" and (i == 0 or _participle_clause(chain[i - 1])) and _past_year(child, published_year):
                found.append(("historical", child))
            elif child.dep_ in ("nummod", "compound", "amod", "npadvmod") and i == 0 and node.pos_ == "NOUN" \
                    and published_year is not None and _is_past_year(child, published_year):
                found.append(("historical", child))  # "the 2011 protests"
            elif child.dep_ == "prep" and low in c.prep:
                mod, objs = c.prep[low]
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and (not objs or pobj.lemma_.lower() in objs or pobj.lower_ in objs):
                    found.append((mod, child))
        if i > 0 and chain[i - 1].dep_ != "conj" and not _participle_clause(chain[i - 1]):
            # a coordinated verb is a sibling, and the head of a participial clause its companion, not a governor
            gov = node.lemma_.lower()
            if gov in c.governor and node.i != trigger.i and not (gov == "go" and node.tag_ != "VBG"):
                found.append((c.governor[gov], node))
        if node.dep_ in ("csubj", "csubjpass") and node.head.lemma_.lower() in c.governor:
            found.append((c.governor[node.head.lemma_.lower()], node.head))
    for node in chain:
        if node.dep_ == "ROOT":
            for child in node.children:
                if child.dep_ in ("csubj",) and child in chain:
                    break
            if node.lemma_.lower() in c.governor and node is not trigger and node is not support \
                    and any(ch in chain for ch in node.children if ch.dep_ in ("csubj", "csubjpass")):
                found.append((c.governor[node.lemma_.lower()], node))
    for node in chain:
        # "offered troops to help him oust X": an act named as the purpose of another is not done
        if node.dep_ == "advcl" and node.head.pos_ == "VERB" and node.head.lemma_.lower() not in MOTION_VERBS \
                and node.head.lemma_.lower() not in c.governor \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
                and not any(c.dep_ == "mark" for c in node.children):
            found.append(("hypothetical", node))
            break
    for node in chain:
        # "a push to revive negotiations", "plans to attack": an act named as an aim or plan is not done
        if node.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            noun = node.head.lemma_.lower()
            if noun in PLAN_NOUNS:
                found.append(("future", node.head))
            elif noun in EFFORT_NOUNS:
                found.append(("hypothetical", node.head))
            break
    for sibling in head.conjuncts:  # "championing X and scaling back Y during his presidency": shared adjunct
        for child in sibling.children:
            if child.dep_ == "prep" and child.lower_ in c.prep and c.prep[child.lower_][0] == "historical":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() in c.prep[child.lower_][1]:
                    found.append(("historical", child))
    if head.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("NOUN", "PROPN") and head.head.pos_ in ("VERB", "AUX") \
            and head.head.lemma_.lower() not in EVENT_PREDICATES:
        # "if cooperation by all parties founders": the clause's condition covers its subject noun
        for child in head.head.children:
            if child.dep_ == "mark" and child.lower_ in c.mark:
                found.append((c.mark[child.lower_], child))
    if head.pos_ in ("NOUN", "PROPN") and head.head.dep_ == "mark" and head.head.lower_ in c.mark:
        found.append((c.mark[head.head.lower_], head.head))  # "if cooperation ..." parsed under "if"
    if trigger.pos_ in ("NOUN", "PROPN") and support is None:
        cue = _past_relative(trigger, published_year)
        if cue is not None:
            found.append(("historical", cue))  # "centre of protests that ignited the conflict seven years ago"
    if head.dep_ == "relcl" and _older_than_main(head):
        found.append(("historical", head))  # "demonstrated on Tuesday in Serbia, where 24 were killed last March"
    if head.dep_ == "ROOT" and _ends_with_question(head):
        found.append(("hypothetical", None))
    if not found and published_year is not None:
        # "fired him in 2007 after he took up cases ..., sparking protests": a clause told as the
        # circumstance of a past event is past too
        top = chain[-1]
        if top.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in top.children) \
                and top.head.pos_ in ("VERB", "AUX") and _depth < 2:
            mod, cue = modality(top.head, None, published_year, _depth + 1)
            if mod == "historical":
                found.append((mod, cue))
    if not found:
        return "asserted", None
    return max(found, key=lambda f: RANK[f[0]])


def _past_relative(noun: Token, published_year: int | None) -> Token | None:
    """A relative clause set in the past ("... that ignited the conflict seven years ago", "... that erupted in
    2011") on the event noun or on the noun whose "of" phrase holds it."""
    node = noun
    for _ in range(3):
        for rel in (c for c in node.children if c.dep_ == "relcl"):
            for t in rel.subtree:
                if t.lower_ == "ago" and t.dep_ == "advmod" and t.head.i == rel.i:
                    return t
                if published_year is not None and _is_past_year(t, published_year) and t.head.head.i == rel.i:
                    return t
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "of":
            node = node.head.head
            continue
        break
    return None


MONTHS = words("event_modality", "months")
RECENT_WORDS = words("event_modality", "recent_words")


def _dates_of(verb: Token) -> list[Token]:
    out = [c for c in verb.children if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "advmod")]
    out += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
    return out


def _older_than_main(rel: Token) -> bool:
    """A relative clause dated "last <month>", "last year" or "... ago" on a sentence whose main event is dated
    by a weekday or "today": background told as the setting of the news."""
    own = _dates_of(rel)
    old = any((d.lower_ in MONTHS | {"year"} and any(c.lower_ == "last" for c in d.children))
              or any(t.lower_ == "ago" for t in d.subtree) for d in own)
    if not old:
        return False
    node = rel.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") and any(d.lower_ in RECENT_WORDS for d in _dates_of(node)):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _ends_with_question(tok: Token) -> bool:
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and not doc[i].is_sent_start:
        i += 1
    j = i - 1
    while j > tok.i and doc[j].is_punct and doc[j].text in ('"', "'", "\u201d", "\u2019", ")"):
        j -= 1
    return doc[j].text == "?"


def has_condition(tok: Token) -> bool:
    """Whether an "if"/"unless" clause hangs from the trigger or the verb it complements."""
    for node in (tok, tok.head):
        for child in node.children:
            if child.i != tok.i and child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
                return True
    return False
