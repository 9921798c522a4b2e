"""Clean text: Unicode normalisation and page-furniture removal with an offset map.

Reads raw article text (a scraped plain-text file, or trafilatura's output for HTML) and writes
:class:`CleanText`: the text dyad codes, the stretches of the raw text that were cut, and anchors that
map any offset of the clean text back to the raw text (``CleanText.to_raw``).

What is cut, by the patterns in ``dyad/data/boilerplate.toml``:

* lines that are only a widget or navigation label ("Impact Shorts", "Trending", "Advertisement");
* furniture lines ("Also Read: <headline>", "Click here to ...", share bars, subscription prompts);
* labels glued to text at a camel-case seam ("View AllWhile details" keeps "While details");
* runs of three or more headline-like lines (a "related stories" list);
* hover cards glued into a line (``inline`` patterns);
* credit and copyright lines at the end ("With inputs from agencies", "(Reuters)", "Edited by ...");
* zero-width characters, soft hyphens, the ``\\r`` of ``\\r\\n``, leading/trailing whitespace and
  blank-line runs longer than one empty line.

Offsets into "raw" mean offsets into ``normalize_unicode(raw)`` (NFC; identical to the input for
text that is already NFC, as nearly all web text is).
"""

from __future__ import annotations

import bisect
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dyad.records import Span

# characters that carry nothing for a reader and are cut (with their offsets kept)
_INVISIBLE = re.compile("\r(?=\n)|[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BLANK_RUN = re.compile(r"\n[ \t]*\n((?:[ \t]*\n)+)")
# what may surround a bare label on its line: bullets, arrows, separators, ellipses
_LABEL_DECOR = r"[\s:|»›>→·•\-–—.…()\[\]]*"


@dataclass(frozen=True)
class CleanText:
    text: str
    removed: tuple[Span, ...]  # offsets into the raw (NFC-normalised) text
    # (clean_offset, raw_offset) at the start of each kept stretch, for mapping back
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def to_raw(self, offset: int, *, end: bool = False) -> int:
        """Raw offset of a clean offset; ``end=True`` maps a span end that falls on a cut to the
        end of the kept stretch before it, so ``raw[to_raw(s):to_raw(e, end=True)]`` never
        includes cut furniture at its edges."""
        keys = [c for c, _ in self.anchors]
        i = (bisect.bisect_left(keys, offset) if end else bisect.bisect_right(keys, offset)) - 1
        clean_start, raw_start = self.anchors[max(i, 0)]
        return raw_start + (offset - clean_start)


@dataclass(frozen=True)
class Patterns:
    label_line: re.Pattern[str]
    glued_start: re.Pattern[str]
    glued_end: re.Pattern[str]
    line: re.Pattern[str]
    tail: re.Pattern[str]
    tail_inline: re.Pattern[str]
    tail_lines: int
    inline: tuple[re.Pattern[str], ...]
    headline_min_lines: int
    headline_max_words: int
    headline_caps_share: float


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The furniture patterns of ``dyad/data/boilerplate.toml``, compiled once."""
    data = tomllib.loads(resources.files("dyad.data").joinpath("boilerplate.toml").read_text(encoding="utf-8"))
    labels = sorted(data["labels"], key=len, reverse=True)
    label = "|".join(f"(?:{p})" for p in labels)
    lines = "|".join(f"(?:{p})" for p in data["lines"])
    tail = "|".join(f"(?:{p})" for p in data["tail"])
    return Patterns(
        label_line=re.compile(rf"{_LABEL_DECOR}(?:{label}){_LABEL_DECOR}", re.I),
        glued_start=re.compile(rf"(?i:{label})(?=[A-Z“\"‘'])"),
        glued_end=re.compile(rf"(?<=[.!?”\"’)])(?i:{label})$"),
        line=re.compile(rf"[\s»›>→·•\-–—]*(?:{lines})\s*", re.I),
        tail=re.compile(rf"[\s»›>→·•\-–—]*(?:{tail})\s*", re.I),
        tail_inline=re.compile(rf"(?<=[.!?”\"’])\s*(?:{tail})\s*$", re.I),
        tail_lines=int(data.get("tail_lines", 6)),
        inline=tuple(re.compile(p) for p in data.get("inline", ())),
        headline_min_lines=int(data.get("headline_run", {}).get("min_lines", 3)),
        headline_max_words=int(data.get("headline_run", {}).get("max_words", 20)),
        headline_caps_share=float(data.get("headline_run", {}).get("caps_share", 0.6)),
    )


def normalize_unicode(text: str) -> str:
    """NFC, with line separators, lone carriage returns and non-breaking spaces made plain; apart
    from NFC itself no change of length (``\\r\\n`` is handled as a cut in :func:`clean_text`)."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("\r(?!\n)", "\n", text)
    return text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n").replace("\u202f", " ")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    out, start = [], 0
    for m in re.finditer("\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


_SMALL_WORD = re.compile(r"[^\W\d_]{4,}")


def looks_like_headline(line: str, pat: Patterns) -> bool:
    """A related-story link: short, capitalised like a headline, no sentence-final period, few numbers."""
    text = line.strip().lstrip("-•*·▪►> ").strip()
    words = text.split()
    if not 4 <= len(words) <= pat.headline_max_words or text[-1] in ".;,:":
        return False
    if sum(any(ch.isdigit() for ch in w) for w in words) > 0.3 * len(words):
        return False
    long_words = [m.group() for m in _SMALL_WORD.finditer(text)]
    if len(long_words) < 2 or not any(w[0].islower() for w in words if w[0].isalpha()):
        return False  # a headline has function words ("of", "to"); lists of names and places do not
    return sum(w[0].isupper() for w in long_words) >= pat.headline_caps_share * len(long_words)


def _is_furniture(line: str, pat: Patterns) -> bool:
    return bool(pat.label_line.fullmatch(line) or pat.line.fullmatch(line))


def furniture_cuts(text: str) -> list[tuple[int, int]]:
    """(start, end) stretches of ``text`` that are page furniture, per the boilerplate patterns."""
    pat = patterns()
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in _INVISIBLE.finditer(text)]
    lines = _lines(text)

    def drop(i: int) -> None:
        start, end = lines[i]
        cuts.append((start, min(end + 1, len(text))))

    content = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    dropped: set[int] = set()
    run: list[int] = []
    for i in [*content, -1]:
        if i >= 0 and looks_like_headline(text[lines[i][0] : lines[i][1]], pat) and (not run or i == run[-1] + 1):
            run.append(i)
            continue
        if len(run) >= pat.headline_min_lines:
            for j in run:
                drop(j)
                dropped.add(j)
        run = [i] if i >= 0 and looks_like_headline(text[lines[i][0] : lines[i][1]], pat) else []
    for i in content:
        start, end = lines[i]
        line = text[start:end].replace("\r", "")
        if i in dropped:
            continue
        if _is_furniture(line, pat):
            drop(i)
            dropped.add(i)
            continue
        for inline in pat.inline:
            group = "cut" if "cut" in inline.groupindex else 0
            cuts.extend((start + m.start(group), start + m.end(group)) for m in inline.finditer(line))
        lead = len(line) - len(line.lstrip())
        m = pat.glued_start.match(line, lead)
        if m and m.group()[-1:].islower():
            cuts.append((start + m.start(), start + m.end()))
        m = pat.glued_end.search(line.rstrip())
        if m and m.group()[:1].isupper():
            cuts.append((start + m.start(), start + m.end()))
    seen = 0
    for i in reversed(content):
        if i in dropped:
            continue
        if seen >= pat.tail_lines:
            break
        seen += 1
        start, end = lines[i]
        line = text[start:end]
        if pat.tail.fullmatch(line):
            drop(i)
            continue
        m = pat.tail_inline.search(line)
        if m and m.start() > 0:
            cuts.append((start + m.start(), end))
        break
    return cuts


def _merge(cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(c for c in cuts if c[1] > c[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _kept(length: int, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept, pos = [], 0
    for start, end in cuts:
        if start > pos:
            kept.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        kept.append((pos, length))
    return kept


def _layout_cuts(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leading/trailing whitespace and blank-line runs of what is kept after ``cuts``."""
    kept = _kept(len(text), cuts)
    joined = "".join(text[s:e] for s, e in kept)
    starts = []
    pos = 0
    for s, e in kept:
        starts.append(pos)
        pos += e - s

    def raw(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        return kept[i][0] + offset - starts[i] if i >= 0 else 0

    spans: list[tuple[int, int]] = []
    lead = len(joined) - len(joined.lstrip())
    if lead:
        spans.append((0, lead))
    trail = len(joined.rstrip())
    if trail < len(joined):
        spans.append((trail, len(joined)))
    spans += [m.span(1) for m in _BLANK_RUN.finditer(joined)]
    out: list[tuple[int, int]] = []
    for s, e in spans:
        # a kept-text stretch may cross earlier cuts: split it along the kept segments
        for ks, ke in kept:
            lo, hi = max(raw(s), ks), min(raw(e - 1) + 1, ke)
            if lo < hi:
                out.append((lo, hi))
    return out


def clean_text(raw: str) -> CleanText:
    """Clean ``raw`` and keep the map back to it (see the module docstring)."""
    text = normalize_unicode(raw)
    cuts = _merge(furniture_cuts(text))
    cuts = _merge(cuts + _layout_cuts(text, cuts))
    kept = _kept(len(text), cuts)
    anchors, pieces, pos = [], [], 0
    for start, end in kept:
        anchors.append((pos, start))
        pieces.append(text[start:end])
        pos += end - start
    return CleanText(
        text="".join(pieces),
        removed=tuple(Span(s, e, text[s:e]) for s, e in cuts),
        anchors=tuple(anchors) or ((0, 0),),
    )
