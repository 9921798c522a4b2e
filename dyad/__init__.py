"""dyad: auditable, modality-aware political event data from news articles.

    import dyad
    nlp = dyad.load()
    coded = dyad.code_text(nlp, "Russian forces shelled Kharkiv on Monday.", published="2025-07-10")
"""

from dyad.nlp.pipeline import load
from dyad.process import code_text, process
from dyad.records import Actor, ActorRef, Article, Coded, Event, Flag, Place, Quote, Span, TimeExpr
from dyad.store import Store

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorRef",
    "Article",
    "Coded",
    "Event",
    "Flag",
    "Place",
    "Quote",
    "Span",
    "Store",
    "TimeExpr",
    "__version__",
    "code_text",
    "load",
    "process",
]
