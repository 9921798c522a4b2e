"""The one place that runs the flow: inputs -> Articles -> spaCy Docs -> records -> store.

``code_articles(nlp, articles)`` turns Articles into :class:`Coded` records (no store involved);
``process(inputs, store)`` reads inputs, skips articles already stored, codes the rest in batches and
writes each batch in one transaction, recording failed inputs in ``ingest_errors``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dyad.errors import InputError
from dyad.nlp import extensions
from dyad.records import Annotation, Article, Coded, Span
from dyad.settings import get_settings
from dyad.store import Store, WriteSummary


@dataclass
class Summary(WriteSummary):
    seconds: float = 0.0
    errors: list[InputError] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return (self.new + self.unchanged) / self.seconds if self.seconds else 0.0


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc.user_data["dyad_text"] = article.text  # what extensions.text_of would rebuild from the tokens
    doc._.article_id = article.id
    doc._.published = article.published
    return extensions.init_doc(doc)


def coded_from_doc(doc: Doc, article: Article) -> Coded:
    """Collect the records the components left on the Doc."""
    annotations: list[Annotation] = [Annotation("entity", Span.of(e), e.label_) for e in doc.ents]
    for m in doc._.mentions or ():
        annotations.append(Annotation("actor", m.span, m.actor_id or m.name, m.country))
    for t in doc._.times or ():
        if t.span is not None:
            annotations.append(Annotation("time", t.span, t.value, t.granularity))
    for p in doc._.places or ():
        if p.span is not None:
            annotations.append(Annotation("place", p.span, str(p.geonameid or p.name), p.country))
    actors = tuple((doc._.actors or {}).values())
    return Coded(
        article=article,
        events=tuple(doc._.events or ()),
        quotes=tuple(doc._.quotes or ()),
        flags=tuple(doc._.flags or ()),
        actors=actors,
        annotations=tuple(annotations),
    )


def code_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Coded]:
    articles = list(articles)
    docs = (make_doc(nlp, a) for a in articles)
    for article, doc in zip(articles, nlp.pipe(docs, batch_size=batch_size)):
        yield coded_from_doc(doc, article)


def code_text(nlp: Language, text: str, published: Any = None, **meta: Any) -> Coded:
    """Code one text in memory (no store): handy in notebooks and tests."""
    from dyad.ingest import make_article

    article = make_article(text, input=meta.pop("input", "<text>"), published=published, **meta)
    return next(code_articles(nlp, [article]))


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def process(
    items: Iterable[Article | InputError],
    store: Store,
    nlp: Language | None = None,
    *,
    batch_size: int | None = None,
    on_item: Callable[[Article | InputError], None] | None = None,
) -> Summary:
    """Code and store every article of ``items``; failures are recorded and the batch goes on."""
    from dyad.nlp.pipeline import load

    start = time.perf_counter()
    size = batch_size or get_settings().batch_size
    summary = Summary()
    for chunk in _batches(items, size):
        errors = [x for x in chunk if isinstance(x, InputError)]
        articles = [x for x in chunk if isinstance(x, Article)]
        known = store.known_ids(a.id for a in articles)
        fresh: list[Article] = []
        for a in articles:
            if a.id in known or any(f.id == a.id for f in fresh):
                summary.unchanged += 1
            else:
                fresh.append(a)
        coded: Sequence[Coded] = []
        if fresh:
            nlp = nlp or load()
            coded = list(code_articles(nlp, fresh, batch_size=min(size, 32)))
        written = store.write(coded, [(e.input or "?", e.code, e.reason) for e in errors])
        summary.add(written)
        summary.errors.extend(errors)
        if on_item:
            for x in chunk:
                on_item(x)
    summary.seconds = time.perf_counter() - start
    return summary
