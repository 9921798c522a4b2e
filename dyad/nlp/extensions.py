"""All of dyad's spaCy extension attributes, registered in one place.

Components read and write these on the one ``Doc`` of an article; values are records from
``dyad.records`` (so later stages never need spaCy objects to build rows).

    doc._.article_id   str            set by process before the pipeline runs
    doc._.published    date | None    the publication date (reference for dates and roles)
    doc._.mentions     list[ActorRef] every actor mention resolved by dyad_actors
    doc._.actors       dict[str, Actor] the KB actors those mentions point to
    doc._.events       list[Event]    dyad_events, then dated/placed/attributed by later stages
    doc._.times        list[TimeExpr] dyad_time
    doc._.places       list[Place]    dyad_places (toponyms used as places, not metonymy)
    doc._.quotes       list[Quote]    dyad_quotes
    doc._.flags        list[Flag]     dyad_checks (and any stage that finds a problem)
    doc._.sentence_spans / entity_spans / noun_chunk_spans   read-only, as records.Span
"""

from __future__ import annotations

from spacy.tokens import Doc

from dyad.records import Span

_LIST_ATTRS = ("mentions", "events", "times", "places", "quotes", "flags")


def _sentences(doc: Doc) -> list[Span]:
    return [Span.of(s) for s in doc.sents] if doc.has_annotation("SENT_START") else []


def _entities(doc: Doc) -> list[tuple[Span, str]]:
    return [(Span.of(e), e.label_) for e in doc.ents]


def _noun_chunks(doc: Doc) -> list[Span]:
    return [Span.of(c) for c in doc.noun_chunks] if doc.has_annotation("DEP") else []


def text_of(doc: Doc) -> str:
    """The doc's text, built once per doc (``Doc.text`` joins every token on each access)."""
    cached = doc.user_data.get("dyad_text")
    if cached is None:
        cached = doc.user_data["dyad_text"] = doc.text
    return str(cached)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of the doc's sentences, found once per doc (``Doc.sents`` walks
    every token on each access)."""
    cached = doc.user_data.get("dyad_sents")
    if cached is None:
        cached = doc.user_data["dyad_sents"] = [(s.start, s.end) for s in doc.sents] if doc.has_annotation(
            "SENT_START") else [(0, len(doc))]
    return list(cached)


def register() -> None:
    """Idempotent: safe to call from every component module."""
    if Doc.has_extension("events"):
        return
    Doc.set_extension("article_id", default="")
    Doc.set_extension("published", default=None)
    Doc.set_extension("actors", default=None)
    for name in _LIST_ATTRS:
        Doc.set_extension(name, default=None)
    Doc.set_extension("sentence_spans", getter=_sentences)
    Doc.set_extension("entity_spans", getter=_entities)
    Doc.set_extension("noun_chunk_spans", getter=_noun_chunks)


def init_doc(doc: Doc) -> Doc:
    """Give a fresh Doc its own empty containers (mutable defaults must not be shared)."""
    for name in _LIST_ATTRS:
        if getattr(doc._, name) is None:
            setattr(doc._, name, [])
    if doc._.actors is None:
        doc._.actors = {}
    return doc


register()
