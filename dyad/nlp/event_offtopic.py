"""Sport, weather, accidents and elections told with the words of conflict are no political events.

"Senegal beat Egypt 2-1 in the final" has a trigger (beat, ASSAULT) and two countries, and "Typhoon Gaemi
swept past Taiwan" a trigger and a place: dictionary coders emit both as events. The cue table
``data/event_offtopic.tsv`` says which trigger lemmas are cancelled by which sentence cues.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyad.errors import KnowledgeError

DATA = Path(__file__).resolve().parent.parent / "data"
SCORE = re.compile(r"(?<![\d.,/-])\d{1,3}-\d{1,3}(?![\d/-])")  # "2-1", "3-0"; not dates or "1998-2000"
SPORT_CUES_NEEDED = 2


@dataclass(frozen=True, slots=True)
class Topic:
    cues: frozenset[str]
    triggers: frozenset[str]


@functools.cache
def topics() -> dict[str, Topic]:
    out = {}
    for line in (DATA / "event_offtopic.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != 3:
            raise KnowledgeError(f"expected 3 tab-separated columns, got {len(row)}: {line!r}", input="event_offtopic.tsv")
        kind, cues, triggers = row
        out[kind] = Topic(frozenset(c.strip() for c in cues.split(",") if c.strip()),
                          frozenset(t.strip() for t in triggers.split(",") if t.strip()))
    if set(out) != {"sport", "weather", "election", "accident"}:
        raise KnowledgeError(f"expected the kinds sport, weather, election and accident, got {sorted(out)}",
                             input="event_offtopic.tsv")
    return out


def _cues(tokens: list[Token] | SpacySpan, cues: frozenset[str]) -> set[str]:
    words = [t.lower_ for t in tokens]
    # one cue per word, by its lemma ("games" and "game" are one cue)
    found = {t.lemma_.lower() for t in tokens if t.lower_ in cues or t.lemma_.lower() in cues}
    for n in (2, 3):
        found |= {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)} & cues
    return found


def _named_subject(trigger: Token) -> bool:
    """The contest's subject is a name ("Ruto defeated Odinga", "Trump clinched ..., beating Rubio")."""
    node = trigger
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP")
        if node.dep_ not in ("advcl", "xcomp", "conj", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def off_topic(triggers: list[Token], sentence: SpacySpan) -> str | None:
    """``"sport"``, ``"accident"``, ``"election"`` or ``"weather"`` when the trigger (its words: a light verb and
    its noun), in this sentence, tells a game, an accident, a vote or the weather."""
    lemmas = {t.lemma_.lower() for t in triggers}
    trigger = triggers[0]
    table = topics()
    sport = table["sport"]
    if lemmas & sport.triggers and (SCORE.search(sentence.text) or len(_cues(sentence, sport.cues)) >= SPORT_CUES_NEEDED):
        return "sport"
    accident = table["accident"]
    if lemmas & accident.triggers and _cues(sentence, accident.cues):
        return "accident"
    election = table["election"]
    if lemmas & election.triggers and _cues(sentence, election.cues) and _named_subject(trigger):
        return "election"
    weather = table["weather"]
    if lemmas & weather.triggers:
        subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        subjects += [t for t in trigger.children if t.dep_ in ("nsubj", "nsubjpass")]
        if any(_cues(list(s.subtree), weather.cues) for s in subjects):
            return "weather"
    return None
