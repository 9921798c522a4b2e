"""Resolve an actor phrase ("Armenian Prime Minister Nikol Pashinyan", "US officials", "Moscow") on a date.

``resolve(text, day)`` works on plain text with no spaCy: it splits a phrase into an optional
"former", nationality words, title/agent words and a name, looks the name up in the KB, and falls back
to the nationality and the title's sector for people the KB does not know. dyad_actors calls it for
every candidate span; the actors eval and the consistency checks call it directly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from dyad.kb import KB, fold, get_kb
from dyad.records import Actor
from dyad.wordlists import words

def _load_titles() -> dict[str, str]:
    text = resources.files("dyad.data").joinpath("kb", "titles.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {term.strip(): sector.strip() for term, sector in rows}


# Title and agent nouns -> sector (dyad/data/kb/titles.tsv). Longest phrase wins; these are checked before
# Phoenix's agents because they are the words news uses for officials and forces.
TITLES: dict[str, str] = _load_titles()
# "<head title> of <organisation>": the person takes the organisation's country and sector
HEAD_TITLES = words("resolve", "head_titles")
_HEAD_OF = re.compile(r"^(?:(?:the|a|an)\s+)?(?:(?P<former>former|ex-|ex|then|late|outgoing)\s+)?(?:the\s+)?(?P<title>" + "|".join(
    sorted((re.escape(t) for t in HEAD_TITLES), key=len, reverse=True)) + r")\s+(?:of|for|at)\s+(?P<rest>.+)$", re.IGNORECASE)
# protesters against something ("antiwar", "anti-government") oppose; prisoners of any kind are civilians
PROTEST_HEADS = words("resolve", "protest_heads")
OPPOSING = words("resolve", "opposing")
CONDITION_HEADS = words("resolve", "condition_heads")
_TITLE_FIRST = words("resolve", "_title_first")
GENERIC_TITLES = words("resolve", "generic_titles")
REL_WORDS = words("resolve", "rel_words")
FORMER = words("resolve", "former")
SKIP = {"the", "a", "an", "one", "two", "three", "four", "five", "several", "some", "many", "members", "of", "member",
        "senior", "top", "current", "new", "acting", "interim", "deputy", "other", "his", "her", "their", "its",
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "lt.", "col.", "colonel", "colonel-general", "gen", "-",
        "federal", "provincial", "junior", "caretaker", "incumbent", "up", "to", "about", "around", "nearly", "almost",
        "more", "than", "at", "least", "over", "under", "hundreds", "thousands", "dozens", "scores", "tens", "millions",
        "hundred", "thousand", "million", "few", "group", "band", "number", "handful", "another", "all", "most",
        "ethnic", *(PORTFOLIOS := {"labour", "labor", "health", "finance", "interior", "justice", "education", "trade",
                                   "energy", "home", "economy", "agriculture", "environment", "culture", "transport",
                                   "information", "communications", "housing", "tourism", "oil", "petroleum", "mining",
                                   "industry", "commerce", "planning", "sports", "youth"})}
# capitalised words of titles and institutions that are also town names ("Federal", Argentina): never a place
GENERIC_CAPS = words("resolve", "generic_caps")


def _generic(name: str) -> bool:
    """A capitalised name made only of generic words ("West", "Central"): no place or actor by itself."""
    words = [w.lower() for w in name.split() if w.lower() != "the"]
    return bool(words) and all(w in GENERIC_CAPS for w in words)
CAPITAL_SECTOR = "GOV"
_TOKEN = re.compile(r"[\w.\-']+|[’]s|,", re.U)


@dataclass(frozen=True)
class Resolution:
    """What a phrase refers to on the date; ``how`` says which rule decided."""

    name: str | None
    actor: Actor | None
    country: str | None
    sector: str | None
    role: str | None
    how: str
    former: bool = False
    title: str | None = None  # the title words as written ("Foreign Minister")
    title_span: tuple[int, int] | None = None  # char offsets of "former President" etc. within the phrase


def _tokens(text: str) -> list[tuple[str, int, int]]:
    text = text.replace("’", "'")
    out = []
    for m in re.finditer(r"\d[\d,.]*\d|[\w.\-]+(?:'[\w]+)?|'s\b|,", text):
        word = m.group()
        if word.lower().startswith("ex-") and len(word) > 3:  # "ex-President": "ex-" and the title
            out += [(word[:3], m.start(), m.start() + 3), (word[3:], m.start() + 3, m.end())]
            continue
        out.append((word, m.start(), m.end()))
    return out


def split_phrase(kb: KB, text: str) -> tuple[list[str], str | None, str | None, bool, tuple[int, int] | None, str]:
    """(countries, title, sector, former, title span, name rest) of an actor phrase."""
    toks = _tokens(text)
    countries: list[str] = []
    former = False
    title = sector = None
    tspan: list[int] = []
    rest_start = None
    i = 0
    n = len(toks)
    while i < n:
        word, s, e = toks[i]
        low = word.lower().rstrip(",")
        matched = False
        for width in (4, 3, 2, 1):
            if i + width > n:
                continue
            phrase = " ".join(t[0] for t in toks[i : i + width])
            key = fold(phrase)
            key_noposs = re.sub(r"'s$", "", key)
            if word[:1].isupper():
                led = re.sub(r"-led$", "", key_noposs) if width == 1 else key_noposs
                cc = kb.country_of(led) if key_noposs not in SKIP else None
                if cc:
                    countries.append(cc)
                    i += width
                    matched = True
                    break
            if key_noposs in TITLES and key not in TITLES:
                key = key_noposs
            if key in TITLES and not (width == 1 and word[:1].islower() and rest_start is not None):
                # the head (last) title decides, except generic person words after an organisation
                # ("the Syrian army spokesman" is military, "government forces" too)
                if title is None or not (key in GENERIC_TITLES and title not in GENERIC_TITLES):
                    title, sector = key, TITLES[key]
                tspan = tspan or [s]
                tspan[1:] = [toks[i + width - 1][2]]
                i += width
                matched = True
                break
        if matched:
            continue
        if low in FORMER:
            former = True
            tspan = [s]
            i += 1
            continue
        if low in SKIP or low in ("'s", ",") or (low == "of" and title) or re.fullmatch(r"\d+(st|nd|rd|th)|[\d,.]+", low):
            i += 1
            continue
        if rest_start is None:
            rest_start = s
        i += 1
        # a name runs to the end of the phrase (or to a comma: "Harry Tseng, Taiwan's deputy foreign minister")
        j = i
        while j < n and toks[j][0] != ",":
            j += 1
        name = text[rest_start : toks[j - 1][2]] if j > i - 1 else text[rest_start:e]
        if j < n:  # words after a comma are an apposition: take its nationality and title too
            c2, t2, s2, f2, _, _ = split_phrase(kb, text[toks[j][2] :])
            countries += c2
            title = title or t2
            sector = sector or s2
        return countries, title, sector, former, (tspan[0], tspan[-1]) if tspan else None, name.strip()
    return countries, title, sector, former, (tspan[0], tspan[-1]) if tspan else None, ""


def _agent_sector(kb: KB, text: str) -> str | None:
    """Sector of the head noun ("... officials"), else of any title/agent words inside the phrase."""
    if re.search(r"\bUnion\b", text) and not re.search(r"(?i)\b(?:trade|labou?r|workers'?|teachers'?)\s+union", text):
        text = re.sub(r"\bUnion\b", "", text)  # "African Union Commission", "Homeland Union": a name, no trade union
    words = [re.sub(r"'s$", "", w) for w in fold(text).split()]
    if words and words[-1] in PROTEST_HEADS and any(w in OPPOSING or w.startswith("anti-") for w in words[:-1]):
        return "OPP"
    if words and words[-1] in CONDITION_HEADS:
        return "CVL"
    generic = None
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if tail in GENERIC_TITLES:
            generic = TITLES.get(tail, "GOV")
            words = words[:-1]
            break
        if tail in TITLES:
            return TITLES[tail]
        if tail in kb.agents:
            return kb.agents[tail]
        if tail.endswith("s") and tail[:-1] in kb.agents:
            return kb.agents[tail[:-1]]
    for width in (2, 1):
        for k in range(len(words) - width, -1, -1):
            chunk = " ".join(words[k : k + width])
            if chunk in TITLES:
                return TITLES[chunk]
    return generic


def from_actor(kb: KB, actor: Actor, day: dt.date | None, how: str, **extra: object) -> Resolution:
    role = kb.role_on(actor, day)
    country = kb.country_on(actor, day)
    sector = kb.sector_on(actor, day)
    return Resolution(actor.name, actor, country, sector, role.title if role and role.title else None, how, **extra)  # type: ignore[arg-type]


def resolve(text: str, day: dt.date | None = None, *, context: str = "", kb: KB | None = None) -> Resolution | None:
    """The actor a phrase names on ``day``, or None when nothing in it is an actor."""
    kb = kb or get_kb()
    phrase = text.strip().strip(",;:")
    if phrase.endswith(".") and not re.search(r"(?:^|\W)(?:\w\.)+$", phrase):
        phrase = phrase.rstrip(".")  # a full stop, not an abbreviation's ("U.N.", "U.S.")
    if not phrase:
        return None
    key = fold(re.sub(r"['’]s$", "", phrase))
    key = re.sub(r"^(?:a|an|one|two|three|several|some|members of|member of)\s+", "", key)
    # 1. the whole phrase is a KB name, a country, a capital or a known place
    found = kb.candidates(key)
    if found:
        actor = kb.best(found, day, key)
        assert actor is not None
        res = from_actor(kb, actor, day, "kb")
        if res.country is None and res.sector not in ("IGO", "NGO") and context:
            cc = context_country(kb, context)
            if cc:
                res = Resolution(res.name, actor, cc, res.sector, res.role, "context")
        return res
    cc = kb.country_names.get(key)
    if cc:
        return Resolution(kb.countries[cc].name, kb.actors.get(f"dyad:{cc}"), cc, None, None, "country")
    cc = kb.adjectives.get(key)
    if cc:
        return Resolution(kb.countries[cc].name, kb.actors.get(f"dyad:{cc}"), cc, None, None, "demonym")
    cc = kb.capitals.get(key)
    if cc:
        return Resolution(f"Government of {kb.countries[cc].name}", None, cc, CAPITAL_SECTOR, None, "metonymy")
    head_of = _head_of(kb, phrase, day) or _org_prefix(kb, phrase, day) or _persons_office(kb, phrase, day)
    if head_of is not None:
        return head_of
    # 2. nationality + title + name
    countries, title, sector, former, tspan, name = split_phrase(kb, phrase)
    extra = {"former": former, "title": title, "title_span": tspan}
    if name:
        actor = None
        found = kb.candidates(name)
        exact = bool(found)
        if not found and " " not in name.strip():
            # a bare surname names someone in office on the date, or nobody we know
            named = kb.by_surname(name)
            found = [a for a in named if (r := kb.role_on(a, day)) is not None and r.title]
            if not found and len(named) == 1 and (not title or any(
                    title.split()[-1] in r.title.lower() for r in kb.titled_roles(named[0]))):
                found = named  # not "Prince Mohammed" for a President Murtala Mohammed
        if not found:
            found = kb.fuzzy(name)
        if not found and " " in name.strip():
            found = kb.by_surname(name)
        if found and countries:
            same = [a for a in found if kb.country_on(a, day) in countries or a.country in countries]
            # a loose (surname, fuzzy) match from another country than the one the text names is someone else
            found = same or ([a for a in found if a.kind == "person"] if exact else [])
        actor = kb.best(found, day) if found else None
        if actor is not None:
            res = from_actor(kb, actor, day, "alias" if fold(name) != fold(actor.name) else "kb", **extra)
            if day is None and title and not former:
                # no date to go by: the office the text names, if the KB knows they held it
                named = [r for r in kb.titled_roles(actor) if all(w in r.title.lower() for w in title.split()[-1:])]
                if named:
                    r = named[-1]
                    return Resolution(res.name, actor, r.country or res.country, r.sector or res.sector, r.title, res.how, **extra)
            if former and res.sector == "GOV" and res.role is None:
                res = Resolution(res.name, actor, res.country, "ELI", None, res.how, **extra)
            elif res.role is None and sector and actor.kind == "person" and not former:
                # the text's own title ("opposition leader X", "General X", "Minister X") where the KB has no office
                # then: the article, written on its date, knows the office better than a KB that may lag behind
                res = Resolution(res.name, actor, res.country or (countries[0] if countries else None), sector, None, res.how, **extra)
            return res
        cc = kb.city_country(name) if name[:1].isupper() and not countries and not (name.isupper() and len(name) <= 4) \
            and not _generic(name) else None
        if cc and not title:
            return Resolution(name, None, cc, "CVL", None, "place", **extra)
    in_place = False
    if not countries:
        countries = _countries_inside(kb, phrase)
        in_place = bool(countries) and countries[0] in located
    shown = phrase.split()
    words = [fold(w) or w.lower() for w in shown]
    # "Christian Lindner", "Christian Democrats": a religion word before a capitalised word names someone
    religious = any(w in REL_WORDS and not (k + 1 < len(shown) and shown[k + 1][:1].isupper() and shown[k][:1].isupper()
                                             and words[k + 1] not in REL_WORDS)
                    for k, w in enumerate(words))
    if religious:
        sector = "REL"
    if countries or title:
        sec = sector or _agent_sector(kb, phrase) or ("CVL" if in_place else None)
        if former and sec in ("GOV", "MIL", "LEG"):
            sec = "ELI"
        country = countries[0] if countries else context_country(kb, context)
        if sec is None and country is None:
            return None
        how = "title" if title else "demonym"
        return Resolution(None, None, country, sec, None, how if countries or country is None else "context", **extra)
    sec = "REL" if religious else _agent_sector(kb, phrase)
    if sec is not None:
        if former and sec in ("GOV", "MIL"):
            sec = "ELI"
        country = context_country(kb, context) if sec not in ("IGO", "NGO") else None
        return Resolution(None, None, country, sec, None, "context" if country else "agent", **extra)
    cc = kb.city_country(key) if phrase[:1].isupper() and not (phrase.isupper() and len(phrase) <= 4) \
        and not _generic(phrase) else None
    if cc:
        return Resolution(phrase, None, cc, "CVL", None, "place")
    if countries:
        return Resolution(None, None, countries[0], None, None, "place")
    cc = gazetteer_country(phrase)
    if cc:
        # a town or district the KB's town list lacks ("Mongwalu"), used as an actor: its civilians
        return Resolution(phrase, None, cc, "CVL", None, "town")
    return None


def gazetteer_country(name: str) -> str | None:
    """Country of a place whose own name (not an alias) is ``name`` in the GeoNames gazetteer: towns,
    districts and regions ("Northern Territory"); the most populous when several countries have one."""
    words = name.split()
    if not words or len(name) < 4 or not all(w[:1].isupper() for w in words) \
            or _generic(name):
        return None
    from dyad.geo import gazetteer

    hits = [e for e, primary in gazetteer().lookup(name) if primary and e.country
            and (e.feature in ("admin1", "admin2") or (e.feature == "city" and e.population >= 5000))]
    if not hits:
        return None
    return max(hits, key=lambda e: (e.feature == "admin1", e.population)).country


def context_country(kb: KB, context: str) -> str | None:
    """The one country a context text is about: the most named (country, nationality or capital words), when
    no other is named as often."""
    if not context:
        return None
    whole = kb.country_of(context.strip())
    if whole:
        return whole
    counts: dict[str, int] = {}
    words = re.findall(r"[\w.'\-]+", context.replace("’", "'"))
    k = 0
    while k < len(words):
        for width in (3, 2, 1):
            chunk = re.sub(r"'s$", "", " ".join(words[k : k + width]))
            if not chunk[:1].isupper():
                continue
            cc = kb.country_of(chunk) or kb.capitals.get(fold(chunk))
            if cc is None and chunk.endswith("."):
                cc = kb.country_of(chunk[:-1]) or kb.capitals.get(fold(chunk[:-1]))
            if cc:
                counts[cc] = counts.get(cc, 0) + 1
                k += width - 1
                break
        k += 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


_PERSONS_OFFICE = re.compile(r"^(?:the\s+)?(?P<name>(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*?)(?:['’]s)?\s+"
                             r"(?P<office>government|administration|cabinet|camp|spokesman|spokeswoman|spokesperson|"
                             r"office|aides?|adviser|advisers|envoy|regime)$")


def _persons_office(kb: KB, phrase: str, day: dt.date | None) -> Resolution | None:
    """"the Biden administration", "Erdogan's government", "Putin's spokesman": the office-holder's country
    and the government (on the date the person holds an office; a former one's camp is ELI)."""
    m = _PERSONS_OFFICE.match(phrase)
    if m is None:
        return None
    found = kb.candidates(m["name"]) or kb.by_surname(m["name"])
    people = [a for a in found if a.kind == "person"]
    person = kb.best(people, day, m["name"]) if people else None
    if person is None:
        return None
    who = from_actor(kb, person, day, "kb")
    if who.country is None:
        return None
    sector = "GOV" if who.sector in ("GOV", None) or m["office"] in ("government", "administration", "cabinet", "regime") \
        else who.sector
    return Resolution(f"{person.name} {m['office']}", None, who.country, sector, None, "title", title=m["office"])


def _org_prefix(kb: KB, phrase: str, day: dt.date | None) -> Resolution | None:
    """"UN Secretary-General António Guterres", "Kremlin spokesman Dmitry Peskov", "Hezbollah leader X": an
    organisation, then a title (and a name). The person when the KB knows them; else the organisation's
    country, and its sector for a head or spokesman ("Hezbollah leader" is REB), the title's for others."""
    words = phrase.split()
    if words and words[0].lower() in ("a", "an", "the", "one"):
        words = words[1:]
    for width in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:width])
        rest = " ".join(words[width:])
        first = fold(words[width]).rstrip(",")
        if not head[:1].isupper() or not (first in TITLES or first in HEAD_TITLES or first in _TITLE_FIRST) \
                or all(w.lower() in GENERIC_CAPS for w in words[:width]):
            continue  # "Labour Minister", "Health Minister": a portfolio, not the party
        orgs = [a for a in kb.candidates(head) if a.kind in ("organisation", "seat")]
        org = kb.best(orgs, day, head) if orgs else None
        if org is None:
            continue
        inner = resolve(rest, day, kb=kb)
        if inner is not None and inner.actor is not None and inner.actor.kind == "person":
            return inner
        base = from_actor(kb, org, day, "kb")
        title = inner.title if inner is not None else None
        sector = base.sector
        if inner is not None and inner.sector and not (title in HEAD_TITLES or title in GENERIC_TITLES
                                                        or (title or "").startswith("secretary")):
            sector = inner.sector
        if inner is not None and inner.former and sector in ("GOV", "MIL", "LEG"):
            sector = "ELI"
        return Resolution(None, None, base.country, sector, None, "title", former=bool(inner and inner.former),
                          title=title)
    return None


def _head_of(kb: KB, phrase: str, day: dt.date | None) -> Resolution | None:
    """"President of the Chadian Human Rights League", "speaker of the Riigikogu": the organisation's
    country and sector (a head of state's "President of Russia" is left to the title rules)."""
    m = _HEAD_OF.match(phrase)
    if m is None:
        return None
    rest = m["rest"].strip()
    inner = resolve(rest, day, kb=kb)
    title = m["title"].lower()
    former = bool(m["former"])
    if inner is not None and inner.how in ("place", "town") and inner.country and inner.actor is None:
        # "the governor of Texas", "the police chief of Karachi": the place's country, the title's sector
        sector = TITLES.get(title, "GOV")
        return Resolution(None, None, inner.country, "ELI" if former and sector in ("GOV", "MIL", "LEG") else sector,
                          None, "title", former=former, title=title,
                          title_span=(m.start("former") if former else m.start("title"), m.end("title")))
    if inner is None or inner.sector is None or inner.how in ("country", "place", "town"):
        return None
    if inner.actor is not None and inner.actor.kind == "person":
        return None
    sector = inner.sector
    if sector == "IGO" and title not in ("member", "members"):
        sector = "GOV"  # "the president of the European Council": the IGO's own executive (IGO country, GOV sector)
    if former and sector in ("GOV", "MIL", "LEG", "SPY", "COP", "JUD"):
        sector = "ELI"
    return Resolution(None, None, inner.country, sector, None, "title", former=former, title=title,
                      title_span=(m.start("former") if former else m.start("title"), m.end("title")))


located: set[str] = set()  # countries found through a town in the last _countries_inside call


def _countries_inside(kb: KB, phrase: str) -> list[str]:
    """Country of an organisation or town named inside a phrase: "a former CIA official", "Minsk police",
    "an amusement park in Kabul"."""
    words = re.findall(r"[\w.'\-]+", phrase.replace("’", "'"))
    out: list[str] = []
    located.clear()
    for width in (3, 2, 1):
        for k in range(len(words) - width + 1):
            chunk = " ".join(words[k : k + width])
            if not chunk[:1].isupper() or (width == 1 and chunk.lower() in TITLES):
                continue  # "Electoral Commission": a title word alone names no one (not the European Commission)
            actor = kb.best(kb.candidates(chunk), None)
            before = words[k - 1].lower() if k > 0 else ""
            after = " ".join(words[k + width : k + width + 2]).lower()
            placed = before in ("in", "at", "near", "from") or after.split(" ")[0] in TITLES or after in TITLES
            town = placed and not all(w.lower() in GENERIC_CAPS or w.lower() in ("the", "of", "and") for w in words[k : k + width])
            cc = ((actor.country if actor is not None and actor.kind != "person" else None) or kb.capitals.get(fold(chunk))
                  or kb.country_names.get(fold(chunk)) or (kb.city_country(chunk) if town else None))
            if cc and placed and not (actor is not None and actor.kind != "person") and fold(chunk) not in kb.country_names:
                located.add(cc)
            named = [w for w in words[k : k + width] if w.lower() != "the"]
            if cc is None and len(named) > 1 and all(w[:1].isupper() for w in named) \
                    and not all(w.lower() in GENERIC_CAPS for w in named):
                from dyad.geo import gazetteer

                regions = [e for e, primary in gazetteer().lookup(chunk) if primary and e.feature == "admin1"]
                cc = regions[0].country if len({e.country for e in regions}) == 1 else None
            if cc and len(cc) == 3 and cc != "NGO":
                out.append(cc)
        if out:
            return sorted(out, key=lambda c: c in ("IGO", "EUR"))
    return out


__all__ = ["FORMER", "TITLES", "Resolution", "context_country", "resolve", "split_phrase"]
