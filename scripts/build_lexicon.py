"""Derive dyad's verb-trigger lexicon from PETRARCH2's CAMEO verb dictionary.

usage: python scripts/build_lexicon.py [PETRARCH2_VERBS_DIR]   (default ../shared/kb-sources/petrarch2-verbs)

Reads CAMEO.2.0.txt (synonym sets, verb blocks, patterns) and writes
dyad/data/triggers/petrarch_verbs.tsv in dyad's trigger-pattern syntax (see dyad/nlp/event_lexicon.py):

    attack                  a verb on its own
    shoot down              a verb with its particle
    impose sanction         a verb whose object (dobj, passive subject, or "of"-noun under it) has that lemma
    call (for)              a verb with a prepositional child
    contact (for help)      a verb with a prepositional child whose object has that lemma

What is kept and why (the source's flaws are listed in its SOURCE.md):
* Verb entries keep the verb's own code, else its block's; `[---]` verbs are kept only when they have
  patterns (they code through them). Patterns keep the active code of `[A:P]`; passive-only `[:P]`
  patterns are dropped (dyad takes voice from the dependency parse instead).
* Only post-verb patterns with at most one object noun and one prepositional phrase are kept;
  pre-verb material, TABARI `$ + ^` tokens and undefined synonym sets are dropped.
* Stray characters in malformed codes (`[110]---`, `[080!]`) are stripped; codes outside the
  ontology fall back to their root + "0", as PETRARCH2 does.
* A pattern applies only to the verb its `# VERB` provenance comment names (when that comment is
  there): applying every pattern to every verb of a block, as PETRARCH2 does, gives ~100k mostly
  nonsensical pairs ("launch talk" = 045).
* When the same verb/pattern appears twice, the first occurrence wins (PETRARCH2's first-block rule).
* CAMEO 01 codes have no PLOVER type: they are kept as "no event" (`---`), which is how reporting
  verbs such as "say" stay non-events.
* Verbs of actual delivery ("supply drones", "send peacekeepers") carry CAMEO 033x (intent to give
  aid) in the source: they are recoded to the matching 07x (aid given), since the act is reported done.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "dyad" / "data" / "triggers" / "petrarch_verbs.tsv"
CODES = ROOT / "dyad" / "data" / "ontology" / "cameo_codes.tsv"
SKIP_WORDS = {"$", "+", "^", "%"}
DELIVERY_VERBS = {"supply", "send", "deploy", "deliver", "ship", "dispatch", "head"}
INTENT_TO_ACT = {"0331": "071", "0332": "072", "0333": "073", "0334": "074"}


def known_codes() -> set[str]:
    return {line.split("\t", 1)[0] for line in CODES.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}


def norm_code(raw: str, known: set[str]) -> str | None:
    raw = raw.strip()
    if raw.startswith(":"):
        return None
    active = raw.split(":", 1)[0]
    if active.startswith("---"):
        return "---"
    digits = re.sub(r"[^0-9]", "", active)
    if not digits:
        return None
    if digits in known:
        return digits
    if digits[:2] + "0" in known:
        return digits[:2] + "0"
    return None


def lemma_of(word: str) -> str:
    return word.lower().replace("_", " ").strip()


def parse(path: Path, known: set[str]) -> list[tuple[str, str, str]]:
    lines = path.read_text(encoding="latin-1").splitlines()
    sets: dict[str, list[str]] = {}
    section = ""
    current: str | None = None
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    block_code: str | None = None
    block_verbs: list[tuple[str, str | None]] = []
    block_patterns: list[tuple[str | None, str | None, str | None, str, str | None]] = []

    def flush() -> None:
        for verb, vcode in block_verbs:
            code = vcode or block_code
            if code and code != "---":
                add(verb, code, "verb")
            for obj, prep, pobj, pcode, owner in block_patterns:
                if pcode is None:
                    continue
                if (obj and prep) or "(" in verb or (owner and owner != verb.split()[0].split("_")[0]):
                    continue
                pat = verb
                if obj:
                    pat += " " + obj
                if prep:
                    pat += f" ({prep}{' ' + pobj if pobj else ''})"
                add(pat, pcode, "pattern")

    def add(pattern: str, code: str, kind: str) -> None:
        if pattern in seen:
            return
        seen.add(pattern)
        rows.append((pattern, code, kind))

    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].strip().split() if "#" in raw else []
        if "SYNONYM SETS" in raw:
            section = "syn"
            continue
        if "VERB PATTERNS" in raw:
            section = "verbs"
            continue
        if "TRANSFORMATIONS" in raw:
            flush()
            break
        if not line.strip():
            continue
        if section == "syn":
            if line.startswith("&"):
                current = line.strip()
                sets[current] = []
            elif line.startswith("+") and current:
                sets[current].append(lemma_of(line[1:].strip().rstrip("_")))
            continue
        if section != "verbs":
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]?", line)
        if m:
            flush()
            block_code = norm_code(m.group(2), known)
            block_verbs, block_patterns = [], []
            continue
        if line.startswith("-"):
            m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
            if not m:
                continue
            code = norm_code(m.group(2), known)
            body = m.group(1)
            if code is None or "*" not in body:
                continue
            pre, post = body.split("*", 1)
            if pre.strip() or not post.strip() and False:
                continue
            parsed = parse_post(post, sets)
            owner = comment[0].lower().split("_")[0] if comment else None
            for obj, prep, pobj in parsed:
                block_patterns.append((obj, prep, pobj, code, owner))
            continue
        m = re.match(r"^\s*([+A-Z][A-Z_\-+']*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line)
        if m:
            verb = m.group(1).replace("+", "")
            vcode = norm_code(m.group(3)[1:-1], known) if m.group(3) else None
            if "_" in verb:
                # multi-word verbs: keep verb+particle/preposition forms only ("shoot_down", "meet_with")
                parts = verb.lower().split("_")
                if len(parts) != 2:
                    continue
                verb_pat = f"{parts[0]} ({parts[1]})" if parts[1] in PREPS else f"{parts[0]} {parts[1]}"
                block_verbs.append((verb_pat if parts[1] in PREPS else f"{parts[0]}_{parts[1]}", vcode))
            else:
                block_verbs.append((verb.lower(), vcode))
    return rows


PREPS = {"with", "to", "for", "on", "against", "from", "into", "in", "at", "over", "about", "of", "by", "upon"}


def parse_post(post: str, sets: dict[str, list[str]]) -> list[tuple[str | None, str | None, str | None]]:
    """Post-verb part of a pattern -> (object lemma, preposition, prep-object lemma) variants."""
    post = post.strip()
    prep = pobj_raw = None
    m = re.search(r"\(([^)]*)\)", post)
    if m:
        inner = m.group(1).split()
        if not inner:
            return []
        prep = inner[0].lower()
        pobj_raw = " ".join(inner[1:]) or None
        post = (post[: m.start()] + post[m.end():]).strip()
        if "(" in post:
            return []
    obj_raw = post or None

    def heads(raw: str | None) -> list[str | None] | None:
        if raw is None:
            return [None]
        if any(w in SKIP_WORDS for w in raw.split()) or "*" in raw:
            return None
        raw = raw.strip()
        if raw.startswith("{") and raw.endswith("}"):
            return [raw[1:-1].split()[-1].lower()]
        words = raw.split()
        if len(words) != 1:
            return None
        w = words[0]
        if w.startswith("&"):
            if w not in sets:
                return None
            return sorted({x.split()[-1] for x in sets[w]})
        return [lemma_of(w)]

    objs, pobjs = heads(obj_raw), heads(pobj_raw)
    if objs is None or pobjs is None or (prep and prep not in PREPS):
        return []
    return [(o, prep, p) for o in objs for p in pobjs]


def main(src: Path) -> None:
    known = known_codes()
    rows = parse(src / "CAMEO.2.0.txt", known)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Verb triggers derived from PETRARCH2 CAMEO.2.0.txt (MIT, (c) 2015 Open Event Data Alliance) "
                 "by scripts/build_lexicon.py. Do not edit: add entries to curated.tsv instead.\n")
        fh.write("# pattern (see dyad/nlp/event_lexicon.py)\tcameo code (--- = no event)\tplover_type override\t"
                 "plover_mode override\tconfidence\torigin\n")
        for pattern, code, kind in rows:
            if pattern.split()[0].split("_")[0] in DELIVERY_VERBS and " " in pattern:
                code = INTENT_TO_ACT.get(code, code)
            fh.write(f"{pattern}\t{code}\t\t\t{0.6 if kind == 'verb' else 0.65}\tpetrarch2:{kind}\n")
    print(f"wrote {len(rows)} patterns to {OUT}")
    build_countries(src)




# --- country fallback table -------------------------------------------------------------------------
COUNTRIES_OUT = ROOT / "dyad" / "data" / "event_countries.tsv"
SECTOR_CODES = {"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "ELI", "PTY", "BUS", "MED", "EDU", "CVL", "LAB",
                "SPY", "IGO", "NGO", "JRN", "REF", "HLH", "AGR", "CRM", "UAF", "MNC", "RAD"}
EXTRA_NAMES = {  # metonyms that the country blocks lack; dyad_actors resolves these properly
    "kremlin": ("RUS", "GOV"), "white house": ("USA", "GOV"), "pentagon": ("USA", "MIL"),
    "state department": ("USA", "GOV"), "downing street": ("GBR", "GOV"), "elysee": ("FRA", "GOV"),
    "beijing": ("CHN", ""), "moscow": ("RUS", ""), "washington": ("USA", ""), "kyiv": ("UKR", ""),
    "kiev": ("UKR", ""), "us": ("USA", ""), "u.s.": ("USA", ""), "uk": ("GBR", ""), "britain": ("GBR", ""),
    "british": ("GBR", ""), "european union": ("IGO", ""), "eu": ("IGO", ""), "un": ("IGO", ""),
    "united nations": ("IGO", ""), "nato": ("IGO", ""), "asean": ("IGO", ""), "african union": ("IGO", ""),
    "arab league": ("IGO", ""), "security council": ("IGO", ""), "imf": ("IGO", ""), "world bank": ("IGO", ""),
    "european": ("IGO", ""), "western": ("", ""), "palestinian": ("PSE", ""), "palestinians": ("PSE", ""),
    "israeli": ("ISR", ""), "european community": ("IGO", ""), "prc": ("CHN", ""), "red cross": ("NGO", ""), "amnesty international": ("NGO", ""),
    "congo": ("COD", ""), "congolese": ("COD", ""),  # in news "Congo" is the DRC; Brazzaville is "Republic of Congo"
    "human rights watch": ("NGO", ""), "iaea": ("IGO", ""), "unhcr": ("IGO", ""), "osce": ("IGO", ""), "ukrainian": ("UKR", ""), "ukraine": ("UKR", ""), "israelis": ("ISR", ""), "soviet": ("SUN", ""), "iraqi": ("IRQ", ""),
}


def build_countries(src: Path) -> None:
    """Every block of the Phoenix actor files (country, institution, person) -> country (and sector)."""
    names: dict[str, tuple[str, str]] = {}
    for name, pick in (("Phoenix.Countries.actors.txt.gz", -1), ("Phoenix.International.actors.txt.gz", 0)):
        _read_actor_file(src.parent / "petrarch2-phoenix" / name, names, pick)
    for k, v in EXTRA_NAMES.items():
        names[k] = v
    with COUNTRIES_OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Country, institution and person names -> ISO 3166 alpha-3 (IGO/NGO for international bodies) and\n"
                 "# sector: the fallback dyad_events uses when dyad_actors did not resolve an argument. Derived from\n"
                 "# PETRARCH2 Phoenix.Countries (last role listed) and Phoenix.International (first role) actor files\n"
                 "# (MIT, (c) 2014 Open Event Data Alliance) plus a few metonyms, by scripts/build_lexicon.py.\n"
                 "# lower-case name\tcountry\tsector\n")
        for k in sorted(names):
            fh.write(f"{k}\t{names[k][0]}\t{names[k][1]}\n")
    print(f"wrote {len(names)} names to {COUNTRIES_OUT}")


def _read_actor_file(path: Path, names: dict[str, tuple[str, str]], pick: int) -> None:
    import gzip

    block: list[str] = []
    codes: list[str] = []
    former = {"USR", "SUN", "YUG", "CSK", "DDR", "SCG"}

    def close() -> None:
        if block and codes:
            code = codes[pick]
            country = code[3:6] if code[:3] in former and len(code) >= 6 else code[:3]
            sector = code[len(country) + (3 if code[:3] in former else 0):][:3] if len(code) > 3 else ""
            for name in block:
                names.setdefault(name, (country, sector if sector in SECTOR_CODES else ""))
        block.clear()
        codes.clear()

    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].rstrip()
            if raw.strip() and not line.strip():
                continue
            if not line.strip():
                close()
                continue
            m = re.match(r"^([A-Z][A-Z_'.\-]*)\s*(?:\[([A-Z]{3,9})[^\]]*\])?\s*$", line)
            if m:
                close()
                block.append(m.group(1).strip("_").replace("_", " ").lower())
                if m.group(2):
                    codes.append(m.group(2))
                continue
            if line.startswith("+") and block:
                name = line[1:].strip().strip("_").replace("_", " ").lower()
                if name and "(" not in name and len(name) > 2:
                    block.append(name)
                continue
            m = re.match(r"^\s+\[([A-Z]{3,9})", line)
            if m and block:
                codes.append(m.group(1))
    close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "kb-sources" / "petrarch2-verbs")
