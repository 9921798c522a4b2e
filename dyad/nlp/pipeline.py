"""``dyad.load()``: the spaCy model plus dyad's components, in the order of the data flow.

Each component lives in its own module ``dyad/nlp/<name>.py`` and registers itself with
``@Language.factory("dyad_<name>")`` on import. ``load`` imports those that exist and adds them
after the model's own components, so anyone can also ``nlp.add_pipe("dyad_events")`` in their
own pipeline after ``import dyad``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import spacy
from spacy.language import Language

from dyad.errors import UsageError
from dyad.nlp import extensions
from dyad.settings import get_settings

# Data-flow order: actors -> events -> time/places/quotes (context) -> checks.
COMPONENTS: tuple[str, ...] = (
    "dyad_actors",
    "dyad_events",
    "dyad_time",
    "dyad_places",
    "dyad_quotes",
    "dyad_checks",
)


def available_components() -> list[str]:
    """Names of dyad components whose modules are installed (importing registers them)."""
    found = []
    for name in COMPONENTS:
        module = "dyad.nlp." + name.removeprefix("dyad_")
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        found.append(name)
    return found


@Language.component("dyad_init", assigns=["doc._.events", "doc._.mentions"])
def dyad_init(doc):  # type: ignore[no-untyped-def]
    """First dyad component: empty per-doc containers for the stages after it."""
    return extensions.init_doc(doc)


def load(
    model: str | None = None,
    *,
    components: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
) -> Language:
    """A spaCy ``Language`` with dyad's components.

    ``components`` picks dyad components (default: all installed), ``exclude`` removes some.
    """
    extensions.register()
    name = model or get_settings().model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise UsageError(f"spaCy model {name!r} is not installed ({exc}); run 'make install'") from exc
    wanted = list(components) if components is not None else available_components()
    skip = set(exclude)
    unknown = [c for c in wanted if c not in COMPONENTS]
    if unknown:
        raise UsageError(f"unknown dyad component(s): {', '.join(unknown)}; known: {', '.join(COMPONENTS)}")
    nlp.add_pipe("dyad_init")
    for comp in available_components():
        if comp in wanted and comp not in skip:
            nlp.add_pipe(comp)
    return nlp
