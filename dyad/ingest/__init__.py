"""Ingest: every kind of input becomes :class:`~dyad.records.Article` records.

``read_inputs(inputs)`` takes paths, folders, URLs and ``-`` (stdin) and yields an ``Article`` per
article or an ``InputError`` per input that failed, so one bad file never stops a batch.
"""

from dyad.ingest.base import article_id, make_article
from dyad.ingest.dispatch import read_inputs

__all__ = ["article_id", "make_article", "read_inputs"]
