"""A tiny stand-in pipeline for runner tests: a blank spaCy English plus one rule component.

Each line "A verb B." (A, B capitalised country codes, verb attacked|met) gives one event, so the
runner can be tested without the real NLP components (written elsewhere, in parallel).
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language

from dyad.nlp import extensions
from dyad.records import ActorRef, Event, Span, TimeExpr

PATTERN = re.compile(r"\b([A-Z]{3}) (attacked|met) ([A-Z]{3})\b")
TYPES = {"attacked": ("ASSAULT", "190", -10.0, 4), "met": ("CONSULT", "040", 1.0, 1)}


@Language.component("fake_dyad_events")
def fake_events(doc):  # type: ignore[no-untyped-def]
    events = []
    for m in PATTERN.finditer(doc.text):
        kind, cameo, goldstein, quad = TYPES[m.group(2)]
        src = ActorRef(Span(m.start(1), m.end(1), m.group(1)), m.group(1), country=m.group(1), sector="GOV")
        tgt = ActorRef(Span(m.start(3), m.end(3), m.group(3)), m.group(3), country=m.group(3), sector="GOV")
        events.append(Event(
            id=f"{doc._.article_id}-{m.start()}", article_id=doc._.article_id,
            sentence=Span(m.start(), m.end(), m.group(0)), trigger=Span(m.start(2), m.end(2), m.group(2)),
            plover_type=kind, cameo_code=cameo, goldstein=goldstein, quad_class=quad, source=src, target=tgt,
            reciprocal=kind == "CONSULT",
            date=TimeExpr(doc._.published.isoformat(), "day", fallback=True) if doc._.published else None,
        ))
    doc._.events = events
    return doc


def load():  # type: ignore[no-untyped-def]
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("fake_dyad_events")
    return nlp
