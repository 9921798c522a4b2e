"""PLOVER modes from the words of an event's own clause: "killed in a car bomb explosion" is ASSAULT
'explosives', "threatened a general strike" THREATEN 'restrict', "ordered patrols by police" MOBILIZE
'police'.

Used by ``dyad_events`` on events whose trigger entry gives no mode. Reads the parsed ``Doc`` and the
events; returns the events with ``plover_mode`` set where a cue of ``data/event_modes.tsv`` occurs
in the trigger's clause (the subtree of the verb that carries it, without other clauses hanging on
it): "warplanes bombed" is aerial, "militants bombed a market" explosives. The cue table is data:
rows are tried in order, the first with a cue wins.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.errors import KnowledgeError
from dyad.nlp.event_lexicon import DATA, _rows, plover_types
from dyad.records import Event, replace

# Children that start a clause of their own: their words say nothing about this event's means.
OTHER_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj"})
# Dependency labels a trigger climbs through to the verb that carries its clause.
NOMINAL_UP = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound", "attr", "amod", "conj", "appos"})


@dataclass(frozen=True, slots=True)
class ModeRule:
    plover_type: str
    mode: str
    cues: tuple[tuple[str, ...], ...]


@functools.cache
def mode_rules() -> dict[str, tuple[ModeRule, ...]]:
    """The rules of ``data/event_modes.tsv`` by PLOVER type, in file order; a mode the ontology does
    not list for its type is a data error."""
    known = {t: set(filter(None, info["modes"].split(","))) for t, info in plover_types().items()}
    out: dict[str, list[ModeRule]] = {}
    for row in _rows(DATA / "event_modes.tsv"):
        if len(row) != 3:
            raise KnowledgeError(f"expected 3 tab-separated columns, got {len(row)}: {row!r}", input="event_modes.tsv")
        plover_type, mode, cues = row
        if mode not in known.get(plover_type, ()):
            raise KnowledgeError(f"{plover_type} has no mode {mode!r} in plover_types.tsv", input="event_modes.tsv")
        phrases = tuple(tuple(c.split()) for c in (x.strip().lower() for x in cues.split(",")) if c)
        out.setdefault(plover_type, []).append(ModeRule(plover_type, mode, phrases))
    return {k: tuple(v) for k, v in out.items()}


def _clause_tokens(trigger: Token) -> list[Token]:
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.dep_ in NOMINAL_UP and head.head is not head:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        head = trigger
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children
                     if c.dep_ not in OTHER_CLAUSES or trigger in c.subtree)
    return sorted(out, key=lambda t: t.i)


def _matches(words: list[tuple[str, str]], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(all(w in words[i + k] for k, w in enumerate(phrase)) for i in range(len(words) - n + 1))


def mode_of(doc: Doc, event: Event) -> str | None:
    rules = mode_rules().get(event.plover_type)
    if not rules:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    words = [(t.lower_, t.lemma_.lower()) for t in _clause_tokens(span.root)]
    present = {w for pair in words for w in pair}
    for rule in rules:
        if any(all(w in present for w in phrase) and _matches(words, phrase) for phrase in rule.cues):
            return rule.mode
    return None


def assign_modes(doc: Doc, events: list[Event]) -> list[Event]:
    """``events`` with a mode from their clause's words where the trigger gave none, or gave only the
    residual ASSAULT 'beat' (the manual's mode for an assault with no tool or method named)."""
    out = []
    for e in events:
        if e.plover_mode is None or (e.plover_type, e.plover_mode) == ("ASSAULT", "beat"):
            mode = mode_of(doc, e)
            if mode is not None:
                e = replace(e, plover_mode=mode)
        out.append(e)
    return out
