"""The corpus layer: duplicate stories, events vs mentions, dyad series and shifts, the Dask runner.

Works on a store (``dyad.store.Store``) after articles are coded: ``dedup_store`` groups near-copies
into stories, ``merge_store`` groups mentions into real-world events, ``dyad_series`` counts them.
"""

from dyad.corpus.dedup import Deduper, dedup_store, group_stories
from dyad.corpus.merge import assign_groups, merge_store

__all__ = ["Deduper", "assign_groups", "dedup_store", "group_stories", "merge_store"]
