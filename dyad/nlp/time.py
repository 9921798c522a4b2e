"""``dyad_time``: time expressions normalised to TIMEX3 values, and a date for every event.

Reads the parsed ``Doc`` (sentences, dependencies, DATE/TIME entities), ``doc._.published`` (the
reference date) and ``doc._.events``. Writes ``doc._.times`` (one :class:`TimeExpr` per expression,
in text order) and writes back ``doc._.events`` with each event's ``date``:

1. an expression governing the trigger's own clause (attached to its verb or inside its clause);
2. for the complement of "hours/days after|before ...", the date of the governing clause, shifted;
3. else a calendar expression of the sentence;
4. else the publication date marked ``fallback=True`` -- except for past background (historical
   modality, pluperfect, "during ..." phrases), which keeps ``date=None``.

Candidates are spaCy's DATE/TIME entities plus the ref words of ``data/time_rules.toml``. Relative
expressions (weekdays by tense, "this week", "last month", "in recent days", "N days ago",
durations, quarters, seasons) are normalised by rules here because dateparser gets their direction or
value wrong; explicit calendar dates ("May 22, 1995", "Oct. 23", "12/03/2024") go to dateparser,
called only on those candidate strings and cached.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.nlp import extensions
from dyad.records import Event, Span, TimeExpr, date_bounds, replace

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_RE = r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])"
_NUMERIC_DATE_RE = r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
# Calendar granularities that can date an event; refs and durations cannot (PAST_REF is kept for
# an expression in the event's own clause only).
CALENDAR = ("day", "week", "month", "year")
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "csubjpass"}
_DROP_PREFIX = re.compile(
    r"^(?:(?:on|in|at|during|by|since|until|till|for|over|from|of|about|around|nearly|almost|"
    r"approximately|roughly|just|only|some|more than|less than|at least|at most|late|early|earlier|later|"
    r"the end of|the beginning of|the start of|the middle of|end of|beginning of|start of|middle of|"
    r"the|this coming|this year's|this year ?'s)\s+|mid-)+"
)


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The lexicon in ``dyad/data/time_rules.toml``."""
    return tomllib.loads(resources.files("dyad.data").joinpath("time_rules.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Value:
    value: str
    granularity: str
    type: str = "DATE"


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def iso_week(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(day: dt.date, n: int) -> dt.date:
    m = day.month - 1 + n
    y = day.year + m // 12
    return dt.date(y, m % 12 + 1, 1)


def weekday_date(dct: dt.date, weekday: int, tense: str, shift: str | None = None) -> dt.date:
    """The date a weekday name points to: future and progressive tenses look forward, simple present
    takes the publication week, past (and no tense cue) looks back."""
    if shift == "last":
        back = (dct.weekday() - weekday) % 7 or 7
        return dct - dt.timedelta(days=back)
    if shift == "next":
        fwd = (weekday - dct.weekday()) % 7 or 7
        return dct + dt.timedelta(days=fwd)
    if tense in ("future", "progressive"):
        return dct + dt.timedelta(days=(weekday - dct.weekday()) % 7)
    if tense == "present":
        return dct + dt.timedelta(days=weekday - dct.weekday())
    # past, and news copy without a tense cue ("Pakistan agreed Monday", "Monday's vote")
    return dct - dt.timedelta(days=(dct.weekday() - weekday) % 7)


def _number(words: str) -> float | str | None:
    """'24' -> 24, 'twenty four' -> 24, 'a' -> 1, 'several' -> 'X'; None if not a number phrase."""
    words = words.strip().replace("-", " ")
    if not words:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words.replace(",", "")):
        return float(words.replace(",", ""))
    if words in rules()["vague_numbers"]["words"]:
        return "X"
    table = rules()["numbers"]
    if words in table:
        return float(table[words])
    words = re.sub(r"^(?:a|an) (?=\S+ )|^(?:a|an) (?=\w+$)", "", words) if " " in words else words
    total = 0.0
    for w in words.split():
        if w == "and":
            continue
        if w not in table:
            return None
        v = table[w]
        total = total * v if v in (100, 12) and total and w != "dozen" else total + v
    return total


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def duration(n: float | str, unit: str) -> str:
    letter, is_time, _ = rules()["units"][unit]
    if letter == "DE":
        letter, n = "Y", (n * 10 if n != "X" else "X")
    elif letter == "CE":
        letter, n = "Y", (n * 100 if n != "X" else "X")
    elif letter == "W2":
        letter, n = "W", (n * 2 if n != "X" else "X")
    elif letter == "Q":
        letter, n = "M", (n * 3 if n != "X" else "X")
    num = n if n == "X" else _fmt_num(float(n))
    return f"PT{num}{letter}" if is_time else f"P{num}{letter}"


def shift_date(dct: dt.date, n: float, unit: str) -> Value | None:
    """The date N units away from dct (negative = before), at the unit's granularity."""
    gran = rules()["units"][unit][2]
    k = round(n)
    if unit in ("second", "minute", "hour"):
        day = dct + dt.timedelta(hours=n) if unit == "hour" else dct
        return Value(day.isoformat(), "day")
    if unit in ("day", "night"):
        return Value((dct + dt.timedelta(days=k)).isoformat(), "day")
    if unit in ("week", "weekend", "fortnight"):
        return Value(iso_week(dct + dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1))), "week")
    if unit == "month":
        return Value(add_months(dct, k).strftime("%Y-%m"), "month")
    if unit == "quarter":
        first = add_months(dct, 3 * k)
        return Value(f"{first.year}-Q{(first.month - 1) // 3 + 1}", "month")
    if unit == "year":
        return Value(str(dct.year + k), "year")
    if unit == "decade":
        return Value(str(dct.year + 10 * k)[:3], "year")
    if unit == "century":
        return Value(str(dct.year + 100 * k)[:2], "year")
    return Value(dct.isoformat(), gran)


# ---------------------------------------------------------------------------------------------
# Normalisation of one candidate string


_UNIT_RE = r"(second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|centurie)s?"
_NUM_RE = r"((?:\d[\d,.]*)|(?:[a-z]+(?:[ -][a-z]+){0,3}?))"


class Normalizer:
    """TIMEX3 values for candidate strings relative to one reference date (cached per document)."""

    def __init__(self, dct: dt.date) -> None:
        self.dct = dct
        self._parsers: dict[str, Any] = {}
        self._cache: dict[tuple[str, str], Value | None] = {}

    def __call__(self, text: str, tense: str = "unknown") -> Value | None:
        key = (text, tense)
        if key not in self._cache:
            self._cache[key] = self._normalize(text, tense)
        return self._cache[key]

    # -- the rules, most specific first
    def _normalize(self, text: str, tense: str) -> Value | None:
        low = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" .,;:'\"")
        full = low
        low = re.sub(r"^(?:in|on|at|during|since|until|by|for|over)\s+", "", low)
        refs = rules()["refs"]
        for cand in (full, low, low.removeprefix("the ")):
            if cand in refs:
                v = refs[cand]
                return Value(v, "ref")
        core = _DROP_PREFIX.sub("", low)
        core = re.sub(r"^(?:a |an )?(?:[a-z]+-)?(?:long|old)$", "", core)
        if not core:
            return None
        for fn in (self._deictic, self._weekday, self._relative_unit, self._ago, self._quarter,
                   self._year, self._season, self._set, self._clock, self._duration, self._explicit):
            got = fn(core, low, tense)
            if got is not None:
                return got
        return None

    def _deictic(self, core: str, low: str, tense: str) -> Value | None:
        table = rules()["deictic_days"]
        if core in table:  # one entry: "this morning", "last night", "today"
            key, part = core, (core.split()[-1] if core.startswith(("this ", "last ")) else None)
        else:  # "yesterday's", "tomorrow evening"
            m = re.fullmatch(r"(.+?)(?:'s)?(?: (morning|afternoon|evening|night))?", core)
            if not m or m.group(1) not in table:
                return None
            key, part = m.group(1), m.group(2)
        day = (self.dct + dt.timedelta(days=table[key])).isoformat()
        if part in PARTS_OF_DAY:
            return Value(f"{day}T{PARTS_OF_DAY[part]}", "day", "TIME")
        return Value(day, "day")

    def _weekday(self, core: str, low: str, tense: str) -> Value | None:
        m = re.fullmatch(
            r"(?:(last|next|this|past|previous|coming) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
            r"(?: (morning|afternoon|evening|night|noon))?(?:,? (.+))?", core)
        if not m:
            return None
        if m.group(4):
            rest = self._explicit(m.group(4), m.group(4), tense)
            if rest is not None and rest.granularity == "day":
                return rest
            if not re.fullmatch(r"(?:\d.*[ap]\.?m\.?)", m.group(4)):
                return None
        shift = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next"}.get(m.group(1) or "")
        day = weekday_date(self.dct, WEEKDAYS.index(m.group(2)), tense, shift)
        if m.group(3) == "noon":
            return Value(f"{day.isoformat()}T12:00", "day", "TIME")
        return Value(day.isoformat(), "day")

    def _relative_unit(self, core: str, low: str, tense: str) -> Value | None:
        if core == "weekend":
            sat = weekday_date(self.dct, 5, "past" if tense in ("unknown", "present") else tense)
            return Value(iso_week(sat) + "-WE", "week")
        m = re.fullmatch(
            r"(this|last|next|past|previous|coming|current|same|that|present|recent|latest|following|the following|the previous)"
            r" (week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)", core)
        if not m:
            m2 = re.fullmatch(r"(week|month|year|quarter)[- ](?:end|earlier|ago)(?: period| quarter| level)?", core)
            if m2 and re.search(r"[- ](?:earlier|ago)\b", core):
                return shift_date(self.dct, -1, m2.group(1))
            if m2:
                return shift_date(self.dct, 0, m2.group(1))
            return None
        which, unit = m.group(1), m.group(2)
        if unit == "weekend" and which in ("past", "recent"):
            which = "last"
        if which in ("past", "recent") and unit != "weekend" and "the " + which in low.split(" " + unit)[0] + " ":
            return Value(duration(1, unit), "duration", "DURATION") if unit in rules()["units"] else None
        n = {"last": -1, "previous": -1, "past": -1, "the previous": -1, "recent": -1,
             "next": 1, "coming": 1, "following": 1, "the following": 1}.get(which, 0)
        if unit == "quarter" and which in ("latest", "same"):
            n = -1
        if unit in rules()["seasons"]:
            year = self.dct.year + n
            return Value(f"{year}-{rules()['seasons'][unit]}", "month")
        if unit == "weekend":
            sat = weekday_date(self.dct, 5, tense if n == 0 else "past", {-1: "last", 1: "next"}.get(n))
            return Value(iso_week(sat) + "-WE", "week")
        return shift_date(self.dct, n, unit)

    def _ago(self, core: str, low: str, tense: str) -> Value | None:
        m = re.fullmatch(_NUM_RE + r" " + _UNIT_RE + r" (ago|earlier|before|later|from now|hence|after)", core)
        if not m or m.group(2) not in rules()["units"]:
            m = re.fullmatch(r"(a|an|one|two|three|several|a few) ?" + _UNIT_RE + r" (ago|earlier|later|from now)", core)
            if not m or m.group(2) not in rules()["units"]:
                return None
        n = _number(m.group(1))
        if n is None:
            return None
        unit = m.group(2)
        back = m.group(3) in ("ago", "earlier", "before")
        if n == "X":
            if unit == "year":
                return Value(f"{str(self.dct.year)[:3]}X", "year")
            return Value("PAST_REF" if back else "FUTURE_REF", "ref")
        if m.group(3) in ("before", "after"):
            return Value(duration(n, unit), "duration", "DURATION")
        return shift_date(self.dct, (-1 if back else 1) * float(n), unit)

    def _quarter(self, core: str, low: str, tense: str) -> Value | None:
        m = re.fullmatch(r"(?:fiscal )?(first|second|third|fourth|1st|2nd|3rd|4th|last)[- ](?:fiscal[- ])?quarter(?: of)?(?: (?:fiscal )?(\d{4}))?", core)
        if m:
            q = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(m.group(1)) or rules()["ordinals"][m.group(1)]
            year = m.group(2) or str(self.dct.year - (q > (self.dct.month - 1) // 3 + 1 and tense == "past"))
            return Value(f"{year}-Q{q}", "month")
        if core in ("quarter", "fiscal quarter", "latest quarter"):
            return shift_date(self.dct, -1, "quarter")
        m = re.fullmatch(r"(first|second) half(?: of)?(?: (\d{4}))?", core)
        if m:
            return Value(f"{m.group(2) or self.dct.year}-H{1 if m.group(1) == 'first' else 2}", "month")
        return None

    def _year(self, core: str, low: str, tense: str) -> Value | None:
        m = re.fullmatch(r"(?:fiscal |calendar |the year |year |fy ?)?('?\d{4})(?:'s)?", core)
        if m and 1000 <= int(m.group(1).lstrip("'")) <= 2200:
            return Value(m.group(1).lstrip("'"), "year")
        m = re.fullmatch(r"(\d{3})0'?s", core)
        if m:
            return Value(m.group(1), "year")
        m = re.fullmatch(r"'(\d)0s", core)
        if m:
            return Value(f"19{m.group(1)}", "year")
        m = re.fullmatch(r"(\d{4})[-–/](\d{2,4})", core)
        if m and 1000 <= int(m.group(1)) <= 2200:
            return Value(m.group(1), "year")
        return None

    def _season(self, core: str, low: str, tense: str) -> Value | None:
        m = re.fullmatch(r"(spring|summer|fall|autumn|winter)(?: of)?(?: (\d{4}))?", core)
        if not m:
            return None
        code = rules()["seasons"][m.group(1)]
        year = int(m.group(2)) if m.group(2) else self.dct.year
        return Value(f"{year}-{code}", "month")

    def _duration(self, core: str, low: str, tense: str) -> Value | None:
        core = re.sub(r"^(?:past|last|next|coming|first|previous|recent|following|final|latest|remaining|entire|whole|full|another|additional|further|more)\s+", "", core)
        core = re.sub(r"^(?:past|last|next|coming|first|previous|recent|following|final)\s+", "", core)
        m = re.fullmatch(r"(?:" + _NUM_RE + r"[ -])?" + _UNIT_RE + r"(?:[- ](?:long|old|term|period|span|stint))?"
                         r"(?: or so| and a half)?", core)
        if not m or m.group(2) not in rules()["units"]:
            if re.fullmatch(r"(?:many|several|a few|few|some) " + _UNIT_RE, core):
                unit = core.split()[-1].rstrip("s")
                return Value(duration("X", unit), "duration", "DURATION") if unit in rules()["units"] else None
            return None
        if core.endswith("old"):
            return None
        unit = m.group(2)
        if m.group(1) is None:
            plural = re.search(r"s$", core.split()[0] if core.split() else "")
            n: float | str = "X" if plural or unit in ("decade", "century") and core.endswith("s") else 1
        else:
            got = _number(m.group(1))
            if got is None:
                return None
            n = got
        return Value(duration(n, unit), "duration", "DURATION")

    def _set(self, core: str, low: str, tense: str) -> Value | None:
        """Recurring times: 'daily', 'every week', 'annually' (TIMEX3 SET)."""
        table = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                 "nightly": "P1D", "hourly": "PT1H"}
        if core in table:
            return Value(table[core], "duration", "SET")
        m = re.fullmatch(r"(?:every|each|per|a) (day|week|month|year|night|hour)", core)
        if m and not low.startswith("a "):
            unit = m.group(1)
            return Value(duration(1, unit), "duration", "SET")
        return None

    def _clock(self, core: str, low: str, tense: str) -> Value | None:
        m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?(?: .*)?", core)
        rest = None
        m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?(?: [a-z]{2,4}t)?(?:,? (?:on )?(.+))?", core)
        m2 = re.fullmatch(r"(noon|midday|midnight)(?:,? (?:on )?(.+))?", core)
        rest = (m.group(4) if m else m2.group(2) if m2 else None)
        day = self.dct.isoformat()
        if rest:
            got = self._deictic(rest, rest, tense) or self._weekday(rest, rest, tense) or self._explicit(rest, rest, tense)
            if got is None or got.granularity != "day":
                return None
            day = got.value[:10]
        if m:
            h = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
            return Value(f"{day}T{h:02d}:{m.group(2) or '00'}", "day", "TIME")
        if m2:
            return Value(f"{day}T{'24:00' if m2.group(1) == 'midnight' else '12:00'}", "day", "TIME")
        part = PARTS_OF_DAY.get(core)
        if part:
            return Value(f"{self.dct.isoformat()}T{part}", "day", "TIME")
        return None

    def _explicit(self, core: str, low: str, tense: str) -> Value | None:
        if not (re.search(_MONTH_RE, core) or re.search(_NUMERIC_DATE_RE, core)):
            return None
        m = re.fullmatch(r"(this|last|next|past|coming) (.+)", core)
        if m:
            core = m.group(2)
            tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(m.group(1), "this")
        m = re.fullmatch(r"(.+?),? (this|last|next) year", core)
        if m:
            year = self.dct.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
            core = f"{m.group(1)} {year}"
        text = re.sub(r"\b(?:of|the)\b", " ", core)
        prefer = "current_period"
        data = self._parser(prefer).get_date_data(text)
        if data is None or data.date_obj is None:
            return None
        d = data.date_obj.date()
        period = data.period or "day"
        if period in ("day", "month") and not re.search(r"\b\d{4}\b|'\d\d\b", core):
            d = self._nearest_year(d, tense)
        if period == "month":
            return Value(d.strftime("%Y-%m"), "month")
        if period == "year":
            return Value(str(d.year), "year")
        if period == "week":
            return Value(iso_week(d), "week")
        if period == "time":
            return Value(f"{d.isoformat()}T{data.date_obj.strftime('%H:%M')}", "day", "TIME")
        return Value(d.isoformat(), "day")

    def _nearest_year(self, d: dt.date, tense: str) -> dt.date:
        """A month (and day) without a year: before the reference date in past clauses, after it in
        future ones, else within a window of eight months back and four ahead."""
        def with_year(y: int) -> dt.date:
            try:
                return d.replace(year=y)
            except ValueError:
                return d.replace(year=y, day=28)
        d = with_year(self.dct.year)
        month_first = d.replace(day=1)
        this_month = self.dct.replace(day=1)
        if tense == "this":
            return d
        if tense == "past":
            # reported speech often puts a near future date under a past verb ("said ... Nov. 16")
            return with_year(self.dct.year - 1) if month_first > add_months(this_month, 1) else d
        if tense in ("future", "progressive"):
            return with_year(self.dct.year + 1) if month_first < this_month else d
        # news mostly reports the recent past: a window of eight months back and four ahead
        gap = (d - self.dct).days
        if gap > 122:
            return with_year(self.dct.year - 1)
        if gap < -244:
            return with_year(self.dct.year + 1)
        return d

    def _parser(self, prefer: str) -> Any:
        if prefer not in self._parsers:
            from dateparser.date import DateDataParser

            base = dt.datetime.combine(self.dct, dt.time(12, 0))
            self._parsers[prefer] = DateDataParser(languages=["en"], settings={
                "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
                "PREFER_DAY_OF_MONTH": "first"})
        return self._parsers[prefer]


@lru_cache(maxsize=64)
def normalizer(dct: dt.date) -> Normalizer:
    return Normalizer(dct)


# ---------------------------------------------------------------------------------------------
# Syntax: governors, tense, clauses


def governor(span: SpacySpan | Token) -> Token:
    """The predicate an expression hangs on: first verb (or the root) above it, outside it."""
    inside = set(range(span.start, span.end)) if isinstance(span, SpacySpan) else {span.i}
    tok = span.root if isinstance(span, SpacySpan) else span
    while tok.i in inside or (tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "ROOT"):
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def clause_head(tok: Token) -> Token:
    """The head of the finite clause a token is in (xcomp and non-finite acl stay in their parent)."""
    while tok.head.i != tok.i:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in CLAUSE_DEPS and (tok.dep_ in ("ccomp", "conj", "parataxis") or _finite(tok)):
            return tok
        tok = tok.head
    return tok


def _finite(verb: Token) -> bool:
    """A clause with its own subject or auxiliary ("while demanding ..." is not one)."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "csubj") for c in verb.children)


def tense_of(verb: Token) -> str:
    """past | future | present | unknown, from the auxiliaries and tag of a clause's verb."""
    lex = rules()["tense"]
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & set(lex["future_aux"]) or "going" in words:
        return "future"
    if verb.tag_ == "VB" and words & set(lex["future_modals"]):
        return "future"
    head = verb.head if verb.dep_ in ("xcomp", "ccomp") else None
    if verb.lemma_ in lex["future_lemmas"] or (head is not None and head.lemma_ in lex["future_lemmas"]):
        return "future"
    if head is not None and any(c.lower_ in lex["future_aux"] for c in head.children if c.dep_ == "aux"):
        return "future"
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "progressive"
    if words & {"had", "has", "have", "did", "was", "were", "'ve", "'d"} or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am"}:
        return "present"
    return "unknown"


def _witnessed_earlier(trigger: Token) -> bool:
    """'Leaked audio revealed the former president expressing frustration': a non-finite event
    under a past evidential verb happened at some earlier, unstated time, not on the report's day."""
    tok = trigger
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    if _finite(tok) or tok.dep_ not in ("acl", "xcomp", "ccomp", "dobj", "oprd"):
        return False
    gov = tok.head
    while gov.head.i != gov.i and not (gov.pos_ in ("VERB", "AUX") and _finite(gov)):
        gov = gov.head
    return gov.tag_ == "VBD" and gov.lemma_ in rules()["tense"]["evidential_lemmas"]


def is_pluperfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass"))


# ---------------------------------------------------------------------------------------------
# Finding expressions


@dataclass
class Found:
    """A time expression with the tokens it covers (kept during the component run only)."""

    time: TimeExpr
    tokens: SpacySpan


_MONTH_NAME = (r"(?:January|February|March|April|June|July|August|September|October|November|December|"
               r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|May(?= \d)|(?<=[Ll]ast |[Nn]ext |[Tt]his )May\b)")
_WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EXTRA_PATTERNS = (
    re.compile(r"\b(?:(?:[Tt]his|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id-?) ?)?" + _MONTH_NAME
               + r"(?: \d{1,2}(?:st|nd|rd|th)?\b)?(?:,? \d{4}\b)?"),
    re.compile(r"\b(?:(?:[Tt]his|[Ll]ast|[Nn]ext) )?" + _WEEKDAY_NAME + r"(?: (?:morning|afternoon|evening|night))?\b"),
    re.compile(r"\b(?:today|yesterday|tomorrow|tonight)\b", re.IGNORECASE),
    re.compile(r"\b(?:this|last|next|the past|the coming) (?:week|month|year|weekend|morning|afternoon|evening|"
               r"spring|summer|fall|autumn|winter)\b", re.IGNORECASE),
    re.compile(r"\b(?:in|since|by|until|from|before|after|during|of|fiscal) ((?:19|20)\d\d)\b(?![,.]?\d)"),
    re.compile(r"\b(?:the )?year-(?:ago|earlier) (?:period|quarter)\b", re.IGNORECASE),
)


@lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str]:
    phrases = rules()["extra_candidates"]["phrases"]
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                      + r")(?![\w-])", re.IGNORECASE)


def _extra_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    """Expressions the entity recogniser often misses: ref words, month and weekday names, deictic
    days, "this|last|next UNIT", and years after a preposition."""
    text = extensions.text_of(doc)
    for pattern in (_phrase_pattern(), *_EXTRA_PATTERNS):
        for m in pattern.finditer(text):
            yield (m.start(1), m.end(1)) if pattern.groups else (m.start(), m.end())


def candidates(doc: Doc) -> list[SpacySpan]:
    """DATE/TIME entities plus pattern matches, longest first (they may overlap: a longer one that
    does not normalise leaves room for the shorter ones inside it)."""
    spans: list[SpacySpan] = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    # a day and a time the recogniser split: "yesterday morning", "noon Saturday"
    spans += [doc[a.start:b.end] for a, b in itertools.pairwise(spans) if a.end == b.start]
    for start, end in _extra_spans(doc):
        sp = doc.char_span(start, end, alignment_mode="contract")
        if sp is not None and len(sp):
            spans.append(sp)
    unique = {(s.start, s.end): s for s in spans}
    return sorted(unique.values(), key=lambda s: (-(s.end - s.start), s.start))


def _trim(sp: SpacySpan) -> SpacySpan:
    """Drop leading prepositions and trailing punctuation the entity recogniser sometimes includes."""
    start, end = sp.start, sp.end
    while start < end and (sp.doc[start].pos_ == "ADP" or sp.doc[start].is_punct):
        start += 1
    while end > start and sp.doc[end - 1].is_punct:
        end -= 1
    return sp.doc[start:end]


# Two far-apart reference dates: a value that changes between them depends on the reference date.
_PROBE_DATES = (dt.date(2001, 3, 14), dt.date(2013, 10, 2))
_UNDERSPECIFIED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}


def find_times(doc: Doc, published: dt.date | None = None) -> list[Found]:
    """Every time expression of the doc with its TIMEX3 value.

    Without a publication date, expressions relative to it ("Thursday", "last month") keep only
    what is known of them: an underspecified value such as ``XXXX-XX-XX`` or ``XXXX-WXX``.
    """
    dct = published or doc._.published
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    norm = normalizer(dct or _PROBE_DATES[0])
    probe = normalizer(_PROBE_DATES[1]) if dct is None else None
    found = []
    taken: set[int] = set()
    for sp in candidates(doc):
        sp = _trim(sp)
        if not len(sp) or any(i in taken for i in range(sp.start, sp.end)):
            continue
        if all(t.like_num for t in sp) and not re.fullmatch(r"\d{4}", sp.text):
            continue
        tense = tense_of(governor(sp))
        val = norm(sp.text, tense)
        if val is None:
            continue
        if probe is not None and probe(sp.text, tense) != val:
            val = Value(_UNDERSPECIFIED.get(val.granularity, "XXXX"), val.granularity, val.type)
        taken.update(range(sp.start, sp.end))
        found.append(Found(TimeExpr(value=val.value, granularity=val.granularity, span=Span.of(sp), type=val.type), sp))
    found.sort(key=lambda f: f.tokens.start)
    return _in_quarter_context(found)


_YEAR_AGO = re.compile(r"(?:a year (?:ago|earlier|before)|(?:the )?year-(?:ago|earlier)(?: (?:period|quarter|level))?)", re.IGNORECASE)


def _in_quarter_context(found: list[Found]) -> list[Found]:
    """Financial copy compares quarters: "a year ago" after "the third quarter" of 1989 means
    1988-Q3 (TimeML convention), not the whole of 1988."""
    quarter: tuple[int, str] | None = None
    out = []
    for f in found:
        m = re.fullmatch(r"(\d{4})-(Q\d)", f.time.value)
        if m:
            quarter = (int(m.group(1)), m.group(2))
        elif quarter is not None and _YEAR_AGO.fullmatch(f.tokens.text):
            f = Found(replace(f.time, value=f"{quarter[0] - 1}-{quarter[1]}", granularity="month"), f.tokens)
        out.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# Dating events


def _token_at(doc: Doc, span: Span) -> Token | None:
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    if sp is None or not len(sp):
        return None
    return sp.root


_ANCHOR_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")


def _anchor_after(trigger: Token, by_token: dict[int, Found]) -> tuple[Token, int, str, Found | None] | None:
    """("after"/"before" token, sign, unit, its measure) when the trigger is the complement of
    'N hours after X' / 'shortly before X'; sign is -1 when the trigger's event came first."""
    tok = trigger
    while tok.head.i != tok.i:
        marks = [c for c in tok.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")]
        if tok.dep_ in ("advcl", "pcomp", "pobj") and (marks or tok.head.lower_ in ("after", "before")):
            link = marks[0] if marks else tok.head
            measure = None
            for c in list(link.children) + [c for c in tok.children if c.dep_ == "npadvmod"]:
                f = by_token.get(c.i)
                if f is not None:
                    measure = f
            if measure is None and not any(c.lower_ in ("shortly", "soon", "just", "moments", "minutes", "hours", "days")
                                           for c in list(link.children) + list(tok.children)):
                return None
            unit = "hour"
            if measure is not None:
                m = re.search(_UNIT_RE, measure.tokens.text.lower())
                unit = m.group(1) if m and m.group(1) in _ANCHOR_UNITS else "hour"
            sign = -1 if link.lower_ == "after" else 1
            return link, sign, unit, measure
        if tok.dep_ in CLAUSE_DEPS - {"conj"} and tok.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


def _shift(value: TimeExpr, sign: int, unit: str, measure: Found | None) -> TimeExpr:
    """An anchor date moved by the measure of 'N days after' (hours and vaguer amounts: same day)."""
    if value.granularity != "day" or unit in ("second", "minute", "hour") or measure is None \
            or not re.match(r"\d{4}-\d\d-\d\d", value.value):
        return value
    m = re.match(r"PT?(\d+(?:\.\d+)?)", measure.time.value)
    if not m:
        return value
    n = float(m.group(1)) * sign
    got = shift_date(dt.date.fromisoformat(value.value[:10]), n, unit)
    return replace(value, value=got.value, granularity=got.granularity) if got else value


class Dater:
    """Dates events of one doc from its time expressions."""

    def __init__(self, doc: Doc, found: list[Found]) -> None:
        self.doc = doc
        self.found = found
        self.published = doc._.published
        self.by_token: dict[int, Found] = {}
        for f in found:
            for t in f.tokens:
                self.by_token[t.i] = f
        self.by_clause: dict[int, list[Found]] = {}
        for f in found:
            self.by_clause.setdefault(clause_head(governor(f.tokens)).i, []).append(f)

    def fallback(self) -> TimeExpr | None:
        if self.published is None:
            return None
        return TimeExpr(value=self.published.isoformat(), granularity="day", span=None, fallback=True)

    @staticmethod
    def _usable(f: Found, own_clause: bool) -> bool:
        if f.time.granularity in CALENDAR:
            return True
        return own_clause and f.time.granularity == "ref"

    def _as_date(self, f: Found) -> TimeExpr:
        if f.time.value == "PRESENT_REF" and self.published is not None:
            return replace(f.time, value=self.published.isoformat(), granularity="day")
        interval = rules().get("ref_intervals", {}).get(f.time.value)
        if interval and self.published is not None:
            first, last = (self.published + dt.timedelta(days=int(n)) for n in interval)
            return replace(f.time, start=first.isoformat(), end=last.isoformat())
        if f.time.type == "TIME" and len(f.time.value) > 10 and f.time.value[:10].count("-") == 2:
            return replace(f.time, value=f.time.value[:10], granularity="day")
        return f.time

    def clause_date(self, head: Token, near: int) -> TimeExpr | None:
        own = [f for f in self.by_clause.get(head.i, []) if self._usable(f, True)]
        if own:
            return self._as_date(min(own, key=lambda f: abs(f.tokens.start - near)))
        return None

    def background(self, trigger: Token, head: Token, event: Event) -> bool:
        if event.modality == "historical" or is_pluperfect(head):
            return True
        tok = trigger
        while True:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("during", "under") and c.i not in self.by_token:
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs and objs[0].i not in self.by_token:
                        return True
            if tok.i == head.i or tok.head.i == tok.i:
                return False
            tok = tok.head

    def date(self, event: Event) -> TimeExpr | None:
        trigger = _token_at(self.doc, event.trigger)
        if trigger is None:
            return self.fallback()
        head = clause_head(trigger)
        own = self.clause_date(head, trigger.i)
        if own is None and head.i != trigger.i:
            own = self.clause_date(trigger, trigger.i)
        conj = head
        while own is None and conj.dep_ == "conj" and conj.head.i != conj.i:
            # "raised concerns in the past, and the U.S. stopped selling ...": coordinated clauses
            # share the time of the first one
            conj = clause_head(conj.head)
            own = self.clause_date(conj, trigger.i)
        if own is not None:
            return own
        anchored = _anchor_after(trigger, self.by_token)
        if anchored is not None:
            link, sign, unit, measure = anchored
            main = clause_head(link.head) if link.head.i != link.i else link
            base = self.clause_date(main, link.i) or self.sentence_date(main) or self.fallback()
            if base is not None:
                span = measure.time.span if measure is not None else Span.of(link)
                return replace(_shift(base, sign, unit, measure), span=span)
        if self.background(trigger, head, event) or _witnessed_earlier(trigger):
            # background takes its sentence's date only when that lies well before the report ("the
            # protests that ignited the conflict seven years ago"), never the report's own days
            past = self.sentence_date(trigger)
            return past if past is not None and self._long_before(past) else None
        return self.sentence_date(trigger) or self.narrative_date(trigger, head) or self.fallback()

    def narrative_date(self, trigger: Token, head: Token) -> TimeExpr | None:
        """The interval after the previous sentence's long-past date, for a simple-past event that goes on
        telling that story (rules: ``[narrative]``)."""
        sent = trigger.sent
        first_conjunct = head
        while first_conjunct.dep_ == "conj" and first_conjunct.head.i != first_conjunct.i:
            first_conjunct = first_conjunct.head  # "pledged ..., but reneged": the tense of the first verb
        if self.published is None or sent.start == 0 or is_pluperfect(head) \
                or "past" not in (tense_of(head), tense_of(first_conjunct)):
            return None
        if any(t.lemma_ in rules()["tense"]["reporting_lemmas"] and t.dep_ in ("ROOT", "parataxis") and t.i != head.i
               for t in sent):
            return None  # "..., officials said": a fresh report, of the report's days
        previous = self.doc[sent.start - 1].sent
        dated = [f for f in self.found if previous.start <= f.tokens.start < previous.end and self._usable(f, False)
                 and f.time.granularity in CALENDAR]
        if not dated:
            return None
        anchor = max(dated, key=lambda f: f.tokens.start)  # the story's latest step
        first, last = date_bounds(anchor.time.value)
        limit = rules()["narrative"]["min_days_before_publication"]
        if first is None or last is None or last >= self.published or (self.published - first).days < limit:
            return None
        end = self.published - dt.timedelta(days=1)
        return TimeExpr(value="PAST_REF", granularity="ref", span=anchor.time.span, start=first.isoformat(),
                        end=end.isoformat())

    def _long_before(self, value: TimeExpr) -> bool:
        last = date_bounds(value.value)[1]
        return self.published is not None and last is not None and (
            (self.published - last).days > rules()["background"]["min_days_before_publication"])

    def sentence_date(self, tok: Token) -> TimeExpr | None:
        sent = tok.sent
        usable = [f for f in self.found if sent.start <= f.tokens.start < sent.end and self._usable(f, False)]
        if not usable:
            return None
        root_level = [f for f in usable if clause_head(governor(f.tokens)).dep_ == "ROOT"]
        pick = root_level or usable
        return self._as_date(min(pick, key=lambda f: abs(f.tokens.start - tok.i)))


def date_events(doc: Doc, found: list[Found]) -> list[Event]:
    dater = Dater(doc, found)
    out = []
    for e in doc._.events or ():
        if e.date is None:
            e = replace(e, date=dater.date(e))
        if e.modality == "asserted" and _after_publication(e.date, doc._.published):
            # "Russia and China meet in Beijing next week": an act dated after the report has not happened
            e = replace(e, modality="future")
        out.append(e)
    return out


def _after_publication(value: TimeExpr | None, published: dt.date | None) -> bool:
    if value is None or value.fallback or published is None or value.granularity not in CALENDAR:
        return False
    first = date_bounds(value.value)[0]
    return first is not None and first > published


class TimeTagger:
    """The ``dyad_time`` component."""

    def __init__(self, nlp: Language, name: str = "dyad_time") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        extensions.init_doc(doc)
        found = find_times(doc)
        doc._.times = [f.time for f in found]
        if doc._.events:
            doc._.events = date_events(doc, found)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("dyad_time", assigns=["doc._.times", "doc._.events"], requires=["doc.ents", "token.dep"])
def make_time(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(nlp, name)
