"""``dyad_quotes``: who said what -- direct, indirect and mixed quotes with cue and speaker.

Reads the parsed ``Doc``, ``doc._.mentions`` (resolved actors, from dyad_actors) and ``doc._.events``.
Writes ``doc._.quotes`` (:class:`Quote` records) and writes back ``doc._.events`` with
``reported_by`` set for every event whose trigger lies inside a quote's content.

* Direct quotes are the stretches between quotation marks (straight or curly). Their cue and speaker
  come from the words right after the closing mark (``"...," said X.``, ``"...," X said.``) or right
  before the opening mark (``X said: "..."``); a quote with no attribution of its own that directly
  follows an attributed one of the same speaker (``"A," said X. "B."``) is added to it as a segment.
* Indirect quotes come from the dependency parse: a cue verb of ``data/quote_cues.txt`` with a
  clausal complement ("said that ...", "warned ...") or one attached to the reported clause
  (``..., officials said``), "according to X", and urging verbs with object + infinitive. Following
  PolNeAR's notion of attribution, verbs of taking a position ("criticized X for Y", "endorsed Clinton",
  passive "was endorsed by X") take their object as content, any verb with a subject and a finite
  clausal complement reports a position, nouns of ``data/quote_noun_cues.txt`` with a possessor
  ("Trump's claim that ...") are cues, and a paragraph opened by a name and a colon ("Pence: ...") is
  that name's. A reported clause ends before a comma-set clause the writer appends (", which ...").
* Further shapes: "as X put it" / "as X noted" report the clause they modify; a poll or study a clause is
  "in" is its speaker ("In this poll, Trump rose ..."); headline labels name a person, a poll or a name the
  article spells out ("Obama on Climate Change: ...", "Poll: ..."); a title line "Name Verbs ..." with a
  cue verb reports the rest of the line; "X added:" before an unquoted paragraph reports that paragraph;
  "spoke of/about X" reports X; a passive cue without agent ("is expected to") has no speaker. Parser
  splits are mended: a clause split into two complements, an object or bare verb conjoined to the cue,
  a sentence break inside a sentence, a that-clause read as a relative clause ("told a meeting of
  leaders that ..."). Indirect content never crosses its cue's paragraph.
* The speaker is the actor mention covering the speaker phrase, else an ``ActorRef`` built from the
  phrase; a phrase headed by a noun of ``data/quote_speakers.txt`` without a personal name is
  ``anonymous`` ("one Western diplomat familiar with the agenda", "US officials").
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.nlp import extensions
from dyad.records import ActorRef, Event, Quote, Span, replace
from dyad.wordlists import words

OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“"}
# A quoted stretch shorter than this many words inside a sentence is a scare quote or a term
# ("called them “deplorables”"), part of the sentence's own (indirect) attribution, not a quote.
MIN_DIRECT_WORDS = 4
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp", "parataxis")
# speech verbs whose direct object is the addressee or a filler, not what was said
NOT_OBJECT = words("quotes", "not_object")
OBJECT_TAIL_DEPS = ("dobj", "prep", "dative", "xcomp", "oprd", "ccomp", "pcomp")
# paragraph labels before a colon that are not speakers ("UPDATE: ...", "Photo: ...")
NOT_SPEAKER_LABELS = words("quotes", "not_speaker_labels")
# verbs with clausal complements that do not report anyone's words or views
NOT_CUES = words("quotes", "not_cues")
ABOUT_PREPS = words("quotes", "about_preps")
# objects of "find" that are no finding
NOT_FOUND = words("quotes", "not_found")
# nouns of the words that follow a colon ("made the following comment:")
STATEMENT_NOUNS = words("quotes", "statement_nouns")
DAY_WORDS = words("quotes", "day_words")
# entity types of a when, never of what was said ("announced on Friday the arrest of ...")
TIME_ENTS = frozenset({"DATE", "TIME"})
# first words of a comma-set clause the writer appends to a reported one
TRAILING_STARTS = words("quotes", "trailing_starts")
PRONOUNS = words("quotes", "pronouns")


def _data_lines(name: str) -> Iterator[list[str]]:
    text = resources.files("dyad.data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def cues() -> dict[str, str]:
    """cue lemma or phrase -> class (speech | stance | urging | phrase)."""
    return {cols[0].strip(): cols[1].strip() for cols in _data_lines("quote_cues.txt")}


@lru_cache(maxsize=1)
def anonymous_heads() -> frozenset[str]:
    return frozenset(cols[0].strip() for cols in _data_lines("quote_speakers.txt"))


@lru_cache(maxsize=1)
def noun_cues() -> frozenset[str]:
    return frozenset(cols[0].strip() for cols in _data_lines("quote_noun_cues.txt"))


@dataclass
class Draft:
    """A quote being built (token-level), turned into a :class:`Quote` at the end."""

    kind: str
    segments: list[tuple[int, int]]  # character spans of the content pieces
    cue: SpacySpan | None = None
    speaker: SpacySpan | None = None
    open_end: int = 0  # char offset after the last piece (for continuation of split quotes)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.segments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.segments)


# ---------------------------------------------------------------------------------------------
# Direct quotes


_MARK = re.compile(r"“|”|«|»|„|''|``|\"")
_OPENERS = ("“", "«", "„", "``")
_CLOSERS = ("”", "»")


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of every stretch between matching quotation marks, marks included.

    Scans each paragraph once: curly marks (and NYT-style ``''``) say their direction, a straight
    ``"`` opens after a space or the paragraph start and closes after a word, so mixed straight and
    curly pairs still match. A quote left open at a paragraph end is closed there (the convention of
    multi-paragraph quotes).
    """
    out: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        s = para.group(0)
        stack: list[tuple[int, bool]] = []  # (offset, opened by an ambiguous straight mark)
        for m in _MARK.finditer(s):
            mark, i = m.group(0), m.start()
            before = s[i - 1] if i else " "
            after = s[m.end():m.end() + 1] or " "
            ambiguous = mark in ('"', "''")
            at_word_start = (i == 0 or before.isspace() or before in "([—–-:/") and not after.isspace()
            # a closing curly mark typed at the start of a quote ("”Fear. I am ...”") opens it
            opens = mark in _OPENERS or ((ambiguous or (mark == "”" and not stack)) and at_word_start)
            if opens and (not stack or not ambiguous or not stack[-1][1]):
                stack.append((i, ambiguous))
                continue
            if stack and (mark in _CLOSERS or ambiguous):
                start, _ = stack.pop()
                if not stack:
                    out.append((para.start() + start, para.start() + m.end()))
        if stack and len(s) - stack[0][0] > 20:
            out.append((para.start() + stack[0][0], para.end()))
    return out


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _cue_in(tokens: Iterable[Token], inside: set[int]) -> Token | None:
    """The first speech-cue verb among tokens that is not inside the quote."""
    table = cues()
    for t in tokens:
        if t.i in inside or t.pos_ not in ("VERB", "AUX"):
            continue
        if table.get(t.lemma_.lower()) in ("speech", "stance"):
            return t
    return None


def _subject(cue: Token, inside: set[int]) -> SpacySpan | None:
    """The speaker phrase of a cue verb: its subject (or by-agent), conj subjects of its head."""
    for c in cue.children:
        if c.dep_ == "agent":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs:
                return _phrase(objs[0])
    if _passive(cue):
        return None
    for c in sorted(cue.children, key=lambda c: abs(c.i - cue.i)):
        if c.dep_ in SUBJECT_DEPS and c.i not in inside:
            if c.lower_ in ("them", "him", "me", "us"):
                return None  # 'let them know that ...': the addressee of someone else's words
            return _after_break(c, cue) or _phrase(c)
    if _second_cue(cue):
        return _subject(cue.head.head, inside)
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head.i != cue.i:
        return _subject(cue.head, inside)
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG" and cue.head.dep_ == "prep" and cue.head.head.pos_ in ("VERB", "AUX"):
        # 'despite admitting that ...' is the main subject's; 'criticized Oz for saying that ...' the object's
        verb = cue.head.head
        if cue.head.lower_ == "for":
            objs = [c for c in verb.children if c.dep_ == "dobj" and c.i < cue.i]
            return _phrase(objs[0]) if objs else None
        if cue.head.lower_ in ("despite", "after", "before", "while", "by", "without", "in", "since"):
            subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i not in inside]
            before = [c for c in subj if c.i < cue.i]
            if before:
                return _phrase(max(before, key=lambda c: c.i))
            return _subject(verb, inside)
    if (cue.dep_ == "acl" and cue.tag_ in ("VBD", "VBZ", "VBP") and cue.i > 0 and cue.doc[cue.i - 1].text == ","
            and cue.head.pos_ in ("PROPN", "NOUN")):
        # "Aaron Kall, the director of debate, compared ...": a finite verb misparsed onto its subject
        return _phrase(cue.head)
    return None


def _after_break(subj: Token, cue: Token) -> SpacySpan | None:
    """'7 p.m.\n\nDonald Trump is once again questioning': a subject parsed into the dateline line above
    is the name that opens the cue's line."""
    doc = cue.doc
    if subj.i > cue.i:
        return None
    breaks = [t.i for t in doc[subj.i:cue.i] if "\n" in t.text_with_ws]
    if not breaks:
        return None
    lo = hi = breaks[-1] + 1
    while hi < cue.i and (doc[hi].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM") or doc[hi].tag_ == "POS"):
        hi += 1
    return doc[lo:hi] if hi > lo else None


def _phrase(head: Token) -> SpacySpan:
    """A speaker's noun phrase: the head's subtree without relative clauses or trailing punctuation."""
    toks = [head]
    for c in head.children:
        if c.dep_ in ("relcl", "punct", "cc", "conj", "acl") and c.i > head.i:
            continue
        if c.dep_ == "appos" and not (c.i > head.i and c.pos_ == "PROPN"
                                      and not any(t.is_punct for t in head.doc[head.i + 1:c.i])):
            continue  # "Lavrov, the minister": the name is enough; "spokesman Esmaeil Baghaei" is one phrase
        toks.extend(c.subtree)
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks) + 1
    doc = head.doc
    while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    # a dateline or headline parsed into the subject ("The Latest ...:\n\n7 p.m.\n\nTrump")
    breaks = [t.i for t in doc[lo:hi - 1] if "\n" in t.text_with_ws]
    if breaks:
        lo = breaks[-1] + 1
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo:hi]


def _first_token_at(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after a character offset."""
    starts = doc.user_data.get("dyad_token_starts")
    if starts is None:
        starts = doc.user_data["dyad_token_starts"] = [t.idx for t in doc]
    return bisect.bisect_left(starts, char)


def _attribution_window(doc: Doc, start: int, end: int) -> tuple[list[Token], list[Token]]:
    """Tokens after the closing mark up to the sentence end, and before the opening mark from the
    sentence start, staying inside the paragraph."""
    toks_after: list[Token] = []
    i = _first_token_at(doc, end)
    while i < len(doc):
        t = doc[i]
        if t.text in OPEN_CLOSE or t.text == "“" or "\n" in t.text:
            break
        toks_after.append(t)
        if t.text in (".", "!", "?") or t.is_sent_end:
            break
        i += 1
    toks_before: list[Token] = []
    j = _first_token_at(doc, start) - 1
    while j >= 0:
        t = doc[j]
        if "\n" in t.text or t.text in ("”", '"') or (t.text in (".", "!", "?")):
            break
        toks_before.insert(0, t)
        j -= 1
    return toks_after, toks_before


def direct_quotes(doc: Doc) -> list[Draft]:
    drafts: list[Draft] = []
    last: Draft | None = None
    mixed: Draft | None = None
    for start, end in quoted_stretches(extensions.text_of(doc)):
        inner = extensions.text_of(doc)[start:end].strip("“”«»„\"'` ")
        if any(d.start <= start and end <= d.end for d in drafts):
            continue
        stretch = doc.char_span(start, end, alignment_mode="expand")
        inside = set(range(stretch.start, stretch.end)) if stretch is not None else set()
        after, before = _attribution_window(doc, start, end)
        cue = _cue_in(after[:12], inside)
        if cue is None and after and after[0].pos_ == "PROPN" and any(t.text == "," for t in after[1:12]):
            # '"...," Scott Pruitt, the Republican attorney general of Oklahoma, ... said'
            cue = _cue_in(after[12:30], inside)
        closed = inner[-1:] in (",", ".", "?", "!", "—", "-", "…")
        if _words(inner) < MIN_DIRECT_WORDS and not (closed and cue is not None and cue.i - after[0].i <= 3):
            continue
        if _fragment(extensions.text_of(doc), start, end, before):
            if cue is not None and inner[-1:] == "," and before:
                # 'Not paying taxes ''makes me smart,'' Trump said': the sentence up to the mark
                lo = before[0].idx
                speaker = _subject(cue, inside)
                mixed = Draft("mixed", [(lo, end)], doc[cue.i:cue.i + 1], speaker, end)
                drafts.append(mixed)
            elif mixed is not None and mixed.cue is not None and start - mixed.open_end < 80 and \
                    mixed.cue.end_char <= start and not re.search(r"[.!?]", extensions.text_of(doc)[mixed.open_end:start]):
                # 'Mills "got an immunity agreement," Jordan said, and still "got to sit in on ..."'
                mixed.segments.append((start, end))
                mixed.open_end = end
            continue
        lead = None
        if cue is None and before:
            # 'he said Wednesday that under Obama, “the generals ...”': the quote ends a reported clause
            earlier = _cue_in(reversed(before), inside)
            lead = _lead_in(earlier, start) if earlier is not None else None
            if lead is not None or before[-1].text in (":", ","):
                cue = earlier
        if cue is None:
            cue = _colon_cue(doc, start, inside)
        speaker = _subject(cue, inside) if cue is not None else None
        if cue is not None and speaker is None:
            # "said X" misparsed: take the noun phrase right after the cue
            nxt = [t for t in after if t.i > cue.i and t.pos_ in ("PROPN", "NOUN", "PRON")]
            speaker = _phrase(nxt[0]) if nxt else None
        cue_span = doc[cue.i:cue.i + 1] if cue is not None else None
        if cue is None:
            label = _transcript_label(doc, start) or _dash_label(doc, end)
            if label is not None:
                speaker, cue_span = label
        if lead is not None:
            drafts.append(Draft("mixed", [(lead, end)], cue_span, speaker, end))
            last = None
            continue
        if last is not None and last.speaker is not None and (
                (cue_span is None and _continues(extensions.text_of(doc), last, start))
                or (cue_span is not None and last.cue is not None and cue_span.start == last.cue.start)):
            last.segments.append((start, end))
            last.open_end = end
            continue
        draft = Draft("direct", [(start, end)], cue_span, speaker, end)
        drafts.append(draft)
        last = draft
    return drafts


def _lead_in(cue: Token, start: int) -> int | None:
    """Start of the reported clause of ``cue`` when a quotation at ``start`` ends that clause."""
    comp = _content_of(cue)
    if comp is None or comp.start_char >= start:
        return None
    gap = extensions.text_of(cue.doc)[comp.end_char:start].strip()
    return comp.start_char if comp.end_char >= start or gap in ("", ":", ",", "--", "—", "–") else None


def _fragment(text: str, start: int, end: int, before: list[Token]) -> bool:
    """A quoted phrase inside a sentence of the writer's ("a cashier who “steals a handful” is ...",
    "knows that “LeBron will ...”") rather than a quotation of its own."""
    prev = text[:start].rstrip(" \t")
    nxt = text[end:].lstrip(" \t")
    inner = text[start:end].strip("“”\"'` ")
    starts_mid = bool(prev) and prev[-1].isalnum() and not (before and cues().get(before[-1].lemma_.lower()) == "speech")
    ends_mid = bool(nxt) and nxt[0].isalnum() and inner[-1:].isalnum()
    return starts_mid or ends_mid


def _colon_cue(doc: Doc, start: int, inside: set[int]) -> Token | None:
    """'Caddell continued:' / 'The New York Times reports:' at the end of the previous paragraph."""
    prev = extensions.text_of(doc)[:start].rstrip()
    if not prev.endswith(":"):
        return None
    colon = doc.char_span(len(prev) - 1, len(prev), alignment_mode="expand")
    if colon is None:
        return None
    sent = doc[colon.start].sent
    cue = _cue_in(reversed(list(sent)), inside)
    if cue is None:
        # 'Sanders made the following comment:', 'Obama is rolling out a new campaign message:'
        for t in sent:
            if t.dep_ == "dobj" and t.lemma_.lower() in STATEMENT_NOUNS and t.head.pos_ == "VERB" \
                    and any(c.dep_ == "nsubj" for c in t.head.children):
                return t.head
    return cue


def _transcript_label(doc: Doc, start: int) -> tuple[SpacySpan, SpacySpan] | None:
    """'"PENCE: Well, look, ...' -- a speaker label in capitals opening the quote."""
    m = re.match(r"[\"“']*\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(:)", extensions.text_of(doc)[start:start + 40])
    if not m:
        return None
    who = doc.char_span(start + m.start(1), start + m.end(1), alignment_mode="expand")
    colon = doc.char_span(start + m.start(2), start + m.end(2), alignment_mode="expand")
    return (who, colon) if who is not None and colon is not None else None


def _dash_label(doc: Doc, end: int) -> tuple[SpacySpan, SpacySpan] | None:
    """'"..." ― Sonya Herridge' -- a name after a dash following the quote."""
    m = re.match(r"[^\S\n]*([―—–]|--)[^\S\n]*([A-Z][\w.'-]*(?:[^\S\n][A-Z][\w.'-]*){0,3})", extensions.text_of(doc)[end:end + 60])
    if not m:
        return None
    dash = doc.char_span(end + m.start(1), end + m.end(1), alignment_mode="expand")
    who = doc.char_span(end + m.start(2), end + m.end(2), alignment_mode="expand")
    return (who, dash) if who is not None and dash is not None else None


def _continues(text: str, prev: Draft, start: int) -> bool:
    """A quote continues the previous speaker's when only its attribution (one sentence, no new
    paragraph break beyond one) lies between them."""
    gap = text[prev.open_end:start]
    return len(gap) < 200 and gap.count("\n") <= 2 and not re.search(r"[“\"]", gap)


# ---------------------------------------------------------------------------------------------
# Indirect quotes


def _content_of(cue: Token) -> SpacySpan | None:
    """The reported clause of a cue verb: its clausal complement (with "that")."""
    for c in cue.children:
        if c.dep_ in CONTENT_DEPS and c.dep_ != "parataxis" or (c.dep_ == "parataxis" and c.i > cue.i):
            sub = list(c.subtree)
            lo, hi = sub[0].i, sub[-1].i + 1
            if hi <= cue.i and (hi >= cue.i or not any(t.text in (",", "”", '"', "''") for t in cue.doc[hi:cue.i])):
                continue
            if lo > cue.i:
                # 'said that claim smacked of hypocrisy, because Democrats ...': a reason clause the parser
                # hung on the cue still belongs to what was said
                for r in cue.children:
                    if r.dep_ == "advcl" and r.i >= hi and cue.doc[hi].text == "," and r.left_edge.i == hi + 1 \
                            and any(m.dep_ == "mark" and m.lower_ in ("because", "since", "so") for m in r.children):
                        hi = r.right_edge.i + 1
                for r in cue.children:
                    # 'said Trump has "enormous respect" for the military and his comment was instead ...':
                    # a second clausal complement whose subject the parser put inside the first
                    if r.dep_ == "ccomp" and r.i > c.i and r.left_edge.i <= hi:
                        hi = max(hi, r.right_edge.i + 1)
            return _strip(cue.doc[lo:hi])
    if cues().get(cue.lemma_.lower()) == "speech":
        # 'told a meeting of leaders that few people understood ...': the that-clause misparsed as a
        # relative clause of the addressee
        for obj in (c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i):
            for t in obj.subtree:
                if t.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i for m in t.children):
                    sub = list(t.subtree)
                    return _strip(cue.doc[sub[0].i:sub[-1].i + 1])
    for c in cue.children:
        # "said after the convention he would not ...": a subject clause misparsed as an adverbial
        if (c.dep_ == "advcl" and c.i > cue.i and any(g.dep_ == "nsubj" for g in c.children)
                and not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children)):
            sub = list(c.subtree)
            return _strip(cue.doc[sub[0].i:sub[-1].i + 1])
    return None


def _trim(sp: SpacySpan) -> SpacySpan:
    """The reported words without what the writer appends: a comma-set relative or adverbial clause
    running to the end (", which forced her to ...", ", arguing that ...", ", although he ..."), a trailing
    day ("... on Wednesday"; longer dates are often part of what was said: "toward Election Day later
    this week")."""
    doc = sp.doc
    end = sp.end
    for k in range(sp.start + 1, sp.end - 1):
        t, nxt = doc[k], doc[k + 1]
        if t.text == ",":
            heads = [h for h in nxt.ancestors if h.left_edge.i == k + 1 and h.right_edge.i >= end - 1] + [nxt]
            if any(h.dep_ in ("relcl", "advcl", "acl") and h.left_edge.i == k + 1 and h.right_edge.i >= end - 1
                   for h in heads) and (nxt.lower_ in TRAILING_STARTS or nxt.tag_ == "VBG"):
                end = k
                break
    k = end
    while k > sp.start + 1 and doc[k - 1].ent_type_ in ("DATE", "TIME"):
        k -= 1
    if k < end and end - k <= 2 and any(t.lower_ in DAY_WORDS for t in doc[k:end]):
        end = k - 1 if doc[k - 1].dep_ == "prep" else k
    return _strip(doc[sp.start:end]) or sp


def _strip(sp: SpacySpan) -> SpacySpan | None:
    lo, hi = sp.start, sp.end
    doc = sp.doc
    while lo < hi and (doc[lo].is_punct and doc[lo].text not in OPEN_CLOSE and doc[lo].text != "“"):
        lo += 1
    while hi > lo and doc[hi - 1].is_punct and doc[hi - 1].text not in ("”", '"'):
        hi -= 1
    return doc[lo:hi] if hi > lo else None


def _reported_head(cue: Token) -> SpacySpan | None:
    """'..., officials said.' -- the cue hangs on the reported clause: content = the clause minus
    the cue's own subtree."""
    head = cue.head
    if cue.dep_ not in ("parataxis", "ccomp", "advcl") or head.i == cue.i or head.i > cue.i:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") for c in cue.children):
        return None
    first = min(t.i for t in cue.subtree)
    if first == 0 or cue.doc[first - 1].text not in (",", "”", '"', "—", "–"):
        return None
    sent = cue.sent
    cue_toks = {t.i for t in cue.subtree}
    toks = [t for t in head.subtree if t.i not in cue_toks and sent.start <= t.i < sent.end and t.i < cue.i]
    if not toks:
        return None
    return _strip(cue.doc[toks[0].i:toks[-1].i + 1])


def _bracketed(cue: Token) -> bool:
    """'The museum, Mr. Obama said, would ...': a cue clause set off by commas inside its sentence."""
    if cue.head.i == cue.i or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.children):
        return False
    lo, hi = _cue_clause(cue)
    doc = cue.doc
    return (lo > cue.sent.start and doc[lo - 1].text == "," and hi + 1 < cue.sent.end - 1
            and doc[hi + 1].text == ",")


def _cue_clause(cue: Token) -> tuple[int, int]:
    """First and last token of a parenthetical cue clause ("Mr. Castañeda argues", "he said on Monday"):
    the cue's subtree cut at the commas nearest to the cue (the parser may hang the reported clause on it)."""
    doc = cue.doc
    sub = {t.i for t in cue.subtree}
    lo = hi = cue.i
    while lo - 1 in sub and doc[lo - 1].text != ",":
        lo -= 1
    while hi + 1 in sub and doc[hi + 1].text != ",":
        hi += 1
    return lo, hi


def _around(cue: Token) -> list[SpacySpan]:
    """'To prevent problems, he said, officials should be vigilant': the sentence on both sides of a
    parenthetical cue clause."""
    sent = cue.sent
    lo, hi = _cue_clause(cue)
    left = _strip(cue.doc[sent.start:lo]) if lo > sent.start else None
    right = _strip(cue.doc[hi + 1:sent.end]) if hi + 1 < sent.end else None
    return [p for p in (left, right) if p is not None and _words(p.text) >= 1]


def indirect_quotes(doc: Doc, taken: list[tuple[int, int]]) -> list[Draft]:
    table = cues()
    drafts: list[Draft] = []

    def overlaps(a: int, b: int) -> bool:
        return any(s < b and a < e and (min(b, e) - max(a, s)) > 0.5 * (b - a) for s, e in taken)

    phrases = [phrase for phrase, klass in table.items() if klass == "phrase"]
    for sent in doc.sents:
        low = sent.text.lower()
        for phrase in phrases:
            if phrase not in low:
                continue
            for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", low):
                d = _according_to(doc, sent, sent.start_char + m.start(), sent.start_char + m.end())
                if d is not None and not overlaps(d.start, d.end):
                    drafts.append(d)
        for tok in sent:
            if tok.dep_ == "prep" and tok.lower_ in ("in", "by") and tok.head.pos_ in ("VERB", "AUX"):
                d = _in_document(tok)
                if d is not None and not overlaps(d.start, d.end):
                    drafts.append(d)
                continue
            # a verb tagged as a noun ("Trump claims that ...") still has a subject
            verbal = tok.pos_ in ("VERB", "AUX") or (tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children))
            if not verbal and tok.tag_ == "NNS":
                d = _misparsed_verb(tok)
                if d is not None and not overlaps(d.start, d.end):
                    drafts.append(d)
                    continue
            if not verbal and tok.pos_ == "NOUN" and tok.lemma_.lower() in noun_cues():
                d = _noun_quote(tok)
                if d is not None and not overlaps(d.start, d.end):
                    drafts.append(d)
                continue
            if not verbal:
                continue
            found = table.get(tok.lemma_.lower()) or _generic_class(tok)
            as_pieces = _as_clause(tok) if found in ("speech", "stance") or tok.lemma_ == "put" else None
            if as_pieces:
                lo, hi = as_pieces[0].start_char, as_pieces[-1].end_char
                speaker = _subject(tok, {t.i for p in as_pieces for t in p})
                if speaker is not None and not overlaps(lo, hi):
                    kind = "mixed" if re.search(r"[“\"]|''", doc.text[lo:hi]) else "indirect"
                    cue_span = doc[tok.i:tok.i + 2] if tok.lemma_ == "put" else _cue_span(tok)
                    drafts.append(Draft(kind, [(p.start_char, p.end_char) for p in as_pieces], cue_span, speaker, hi))
                continue
            if found is None or found == "phrase" or _naming_call(tok) or _modifier(tok):
                continue
            klass = found
            content = _content_of(tok) if klass != "about" else _about(tok)
            content = _before_own_cue(content, tok) if content is not None else None
            pieces = [content] if content is not None else []
            if content is None and klass == "speech":
                if _bracketed(tok):
                    pieces = _around(tok)
                else:
                    content = _reported_head(tok)
                    pieces = [content] if content is not None else []
            if not pieces and klass in ("urging", "speech"):
                content = _urged(tok)
                pieces = [content] if content is not None else []
            if not pieces and klass in ("intent", "stance", "object", "speech"):
                comp = [c for c in tok.children if c.dep_ == "xcomp"]
                hi_x = max(t.i for t in comp[0].subtree) if comp else 0
                if comp and tok.tag_ != "VB":
                    # 'wants to triple the program, grow the Peace Corps and create ...': bare verbs the
                    # parser conjoined to the cue continue its infinitive
                    for c in tok.children:
                        if c.dep_ == "conj" and c.tag_ == "VB" and c.i > hi_x and not any(g.dep_ in SUBJECT_DEPS for g in c.children):
                            hi_x = max(t.i for t in c.subtree)
                content = _strip(doc[min(t.i for t in comp[0].subtree):hi_x + 1]) if comp else None
                pieces = [content] if content is not None and _words(content.text) >= 2 else []
                subj = [c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i]
                if pieces and subj and not any(c.dep_ == "agent" for c in tok.children):
                    # "Obama's veto is expected to come before Friday": no holder, the subject is part of
                    # what is expected
                    pieces.insert(0, _phrase(subj[0]))
                elif klass == "speech":
                    pieces = []
            if not pieces and (klass in ("object", "urging") or (klass == "speech" and tok.lemma_.lower() not in NOT_OBJECT)):
                content = _object_content(tok)
                # a named or one-noun object stands alone ("endorsed Clinton", "declared bankruptcy")
                enough = _words(content.text) >= 2 or content.root.pos_ in ("PROPN", "NOUN") if content else False
                pieces = [content] if content is not None and enough else []
            if not pieces and klass in ("object", "urging") and any(c.dep_ == "agent" for c in tok.children):
                # "Clinton was endorsed by the Times": the passive subject is what the agent backs
                subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
                pieces = [_phrase(subj[0])] if subj else []
            if not pieces and klass in ("speech", "object", "stance"):
                content = _about(tok)
                pieces = [content] if content is not None and _words(content.text) >= 2 else []
            pieces = [p for p in pieces if p is not None]
            if pieces:
                pieces[-1] = _trim(_run_on(pieces[-1]))
            if not pieces or (_words(" ".join(p.text for p in pieces)) < 2 and pieces[0].root.pos_ not in ("PROPN", "NOUN")):
                continue
            lo, hi = pieces[0].start_char, pieces[-1].end_char
            if overlaps(lo, hi):
                continue
            speaker = _subject(tok, {t.i for p in pieces for t in p})
            if speaker is None and klass in ("stance", "object", "intent", "about") and not _passive(tok):
                continue
            joined = " ".join(p.text for p in pieces)
            kind = "mixed" if re.search(r"[“\"]|''", joined) else "indirect"
            if joined[:1] in ('"', "“") or joined[:2] == "''":
                kind = "direct"
            drafts.append(Draft(kind, [(p.start_char, p.end_char) for p in pieces], _cue_span(tok), speaker, hi))
    clipped = [_in_paragraph(doc, d) for d in drafts]
    return [d for d in clipped if d is not None and not overlaps(d.start, d.end)]


def _in_paragraph(doc: Doc, d: Draft) -> Draft | None:
    """An indirect quote's content clipped to its cue's paragraph (the parser may run a sentence over
    a paragraph break: '... polling places.\n\nWASHINGTON (AP)')."""
    if d.cue is None:
        return d
    text = extensions.text_of(doc)
    at = d.cue.start_char
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    segs = []
    for s, e in d.segments:
        s, e = max(s, lo), min(e, hi)
        while e > s and text[e - 1] in " \t.,;:":
            e -= 1
        if _words(text[s:e]) >= 1:
            segs.append((s, e))
    if not segs:
        return None
    if segs != d.segments:
        d.segments = segs
        d.open_end = max(e for _, e in segs)
    return d


def _naming_call(tok: Token) -> bool:
    """'a group called Lashkar-e-Taiba', 'The program, called EB-5,': a participle that names."""
    if tok.lemma_ != "call":
        return False
    return (tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS + ("dobj",) for c in tok.children)
            and sum(c.dep_ == "oprd" for c in tok.children) <= 1)


def _modifier(tok: Token) -> bool:
    """'taxpayers reporting capital gains', 'anyone wanting to learn more': a participle that restricts a
    noun is no statement, unless the noun is one ('a statement calling for ...', 'a letter saying ...')."""
    head = tok.head
    return (tok.dep_ == "acl" and tok.tag_ == "VBG" and head.i < tok.i and tok.doc[tok.i - 1].text != ","
            and head.pos_ in ("NOUN", "PRON") and head.lemma_.lower() not in STATEMENT_NOUNS
            and head.lemma_.lower() not in noun_cues() and head.lemma_.lower() not in DOCUMENT_NOUNS
            and head.lemma_.lower() not in ("letter", "ad", "advertisement", "video", "email", "memo", "sign",
                                            "banner", "poster", "speech", "interview", "op-ed", "editorial", "conference",
                                            "briefing", "release", "policy"))


def _passive(tok: Token) -> bool:
    """A passive cue without a by-agent ("is expected to", "is said to"): its subject is no speaker."""
    return any(c.dep_ == "nsubjpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children)


def _second_cue(tok: Token) -> bool:
    """'May said the country would leave by March and suggested that ...': a finite cue verb without a
    subject, parsed as a conjunct of a modal or non-finite verb inside another cue's reported clause, is
    that cue's speaker's second statement."""
    head = tok.head
    return (tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and head.dep_ == "ccomp" and head.head.i != head.i
            and head.head.lemma_.lower() in cues() and tok.lemma_.lower() in cues()
            and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
            and any(c.dep_ == "cc" and c.i < tok.i for c in head.children)
            # "he would order ... and warned": not "he rated ... and talked about", which share his subject
            and (head.tag_ in ("VB", "VBG", "VBN") or any(c.tag_ == "MD" for c in head.children)))


def _before_own_cue(content: SpacySpan, cue: Token) -> SpacySpan | None:
    """The reported clause up to a second statement of the same speaker conjoined inside it."""
    for t in content:
        if t.i > content.start and t.head.i != t.i and _second_cue(t) and t.head.head.i == cue.i:
            cc = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
            end = cc[-1].i if cc else t.i
            return _strip(cue.doc[content.start:end]) if end > content.start else content
    return content


def _run_on(sp: SpacySpan) -> SpacySpan:
    """'cited disparaging remarks | Trump had made about Machado as examples ...': content cut by a
    sentence break the parser put inside a sentence (no punctuation, no line break) runs on to the end
    of the next one."""
    doc = sp.doc
    last = doc[sp.end - 1]
    if sp.end >= len(doc) or not doc[sp.end].is_sent_start or last.is_punct or "\n" in last.text_with_ws \
            or doc[sp.end].is_punct or doc[sp.end].is_space:
        return sp
    nxt = doc[sp.end].sent
    return _strip(doc[sp.start:nxt.end]) or sp


def _as_clause(tok: Token) -> list[SpacySpan] | None:
    """'..., as a Homeland Security memo put it.', 'As one user pointed out, the gap ...', 'The economy, as
    the senator noted, has grown': a cue in an "as" clause without its own content reports the clause it
    modifies, on both sides of the "as" clause."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    if tok.lemma_ == "put" and not any(c.dep_ == "dobj" and c.lower_ == "it" and c.i == tok.i + 1 for c in tok.children):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children if tok.lemma_ != "put"):
        return None
    doc, sent = tok.doc, tok.sent
    own = {t.i for t in tok.subtree}
    toks = [t for t in tok.head.subtree if t.i not in own and sent.start <= t.i < sent.end]
    lo_own, hi_own = min(own), max(own)
    parts = [[t for t in toks if t.i < lo_own], [t for t in toks if t.i > hi_own]]
    pieces = [sp for part in parts if part and (sp := _strip(doc[part[0].i:part[-1].i + 1])) is not None
              and _words(sp.text) >= 2]
    return pieces if pieces and _words(" ".join(p.text for p in pieces)) >= 4 else None


def _object_content(tok: Token) -> SpacySpan | None:
    """'criticized Obama for not doing so' -> 'Obama for not doing so': the direct object with the
    complements and prepositions that follow it."""
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i and c.ent_type_ not in TIME_ENTS]
    if not objs or objs[0].lower_ in PRONOUNS:
        return None
    if tok.lemma_ == "find" and (objs[0].lemma_.lower() in NOT_FOUND or objs[0].tag_ == "PRP"):
        return None  # 'found a way', 'find themselves in', 'find it difficult': no finding
    doc = tok.doc
    obj = objs[0]
    # a non-restrictive relative clause or apposition after a comma is the writer's, not the content
    cut = {t.i for c in obj.children if c.dep_ in ("relcl", "acl", "appos") and c.i > obj.i
           and doc[min(x.i for x in c.subtree) - 1].text == "," for t in c.subtree}
    toks = [t for t in obj.subtree if t.i not in cut]
    hi = max(t.i for t in toks)
    for c in tok.children:
        if c.i <= hi:
            continue
        gap = doc[hi + 1:c.left_edge.i]
        if c.dep_ in OBJECT_TAIL_DEPS and not cut and not len(gap):
            hi = max(t.i for t in c.subtree)
        elif c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and not cut and any(t.lower_ == "and" for t in gap) \
                and all(t.is_punct or t.dep_ == "cc" for t in gap):
            # 'condemned the test as "provocative" and a "grave threat" to ...': a conjoined object the
            # parser hung on the verb
            hi = max(t.i for t in c.subtree)
        elif c.dep_ not in ("cc", "punct") or c.text in (".", ";", "!", "?", ":"):
            break
    lo = min(t.i for t in toks)
    return _strip(doc[lo:hi + 1])


def _about(tok: Token) -> SpacySpan | None:
    """'talked about the economy', 'complained of bias', 'railed against trade deals': the object of
    the preposition that follows a verb of saying."""
    for c in tok.children:
        if c.dep_ == "prep" and c.i > tok.i and (c.lower_ in ABOUT_PREPS or (c.lower_ == "to" and tok.lemma_ in ("refer", "point"))) \
                and not any(o.dep_ == "pobj" and o.ent_type_ in TIME_ENTS for o in c.children):  # "on Friday"
            sub = list(c.subtree)[1:]
            return _strip(tok.doc[sub[0].i:sub[-1].i + 1]) if sub else None
    return None


# nouns of documents whose findings a clause reports ("In this poll, Trump rose 1 point")
DOCUMENT_NOUNS = words("quotes", "document_nouns")


def _in_document(prep: Token) -> Draft | None:
    """'In the latest Post/ABC poll, Clinton led by 5 points', 'Trump fared well in online polls': the
    clause a poll or study modifies through "in"/"by" is its finding; the document is the speaker."""
    objs = [o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in DOCUMENT_NOUNS]
    if not objs or (prep.lower_ == "by" and objs[0].lemma_.lower() != "poll"):
        return None
    doc, head, sent = prep.doc, prep.head, prep.sent
    if head.lemma_.lower() in cues():
        return None  # 'the agency said in a June report': the agency speaks
    own = {t.i for t in prep.subtree}
    toks = [t for t in head.subtree if t.i not in own and sent.start <= t.i < sent.end
            and not (t.dep_ in ("cc",) and t.head == head)]
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        return None
    lo_own, hi_own = min(own), max(own)
    parts = [[t for t in toks if t.i < lo_own], [t for t in toks if t.i > hi_own]]
    pieces = [sp for part in parts if part and (sp := _strip(doc[part[0].i:part[-1].i + 1])) is not None
              and _words(sp.text) >= 2]
    if not pieces or _words(" ".join(p.text for p in pieces)) < 4:
        return None
    return Draft("indirect", [(p.start_char, p.end_char) for p in pieces], doc[prep.i:prep.i + 1],
                 _phrase(objs[0]), pieces[-1].end_char)


def _misparsed_verb(tok: Token) -> Draft | None:
    """'Trump charges that countries ... donated millions': a cue verb in the third person tagged as a plural
    noun after the name opening the sentence, followed by "that"."""
    doc, sent = tok.doc, tok.sent
    if cues().get(tok.lemma_.lower()) not in ("speech", "stance") or tok.i + 1 >= sent.end:
        return None
    if doc[tok.i + 1].lower_ != "that" or doc[tok.i + 1].pos_ != "SCONJ":
        return None
    lo = tok.i
    while lo > sent.start and (doc[lo - 1].pos_ == "PROPN" or (doc[lo - 1].is_title and doc[lo - 1].tag_ == "NN")):
        lo -= 1
    if lo == tok.i or lo != sent.start:
        return None
    content = _strip(doc[tok.i + 1:sent.end])
    if content is None or _words(content.text) < 4:
        return None
    return Draft("indirect", [(content.start_char, content.end_char)], doc[tok.i:tok.i + 1], doc[lo:tok.i],
                 content.end_char)


def _noun_quote(tok: Token) -> Draft | None:
    """"Trump's claim that ...", "her support for the deal", "criticism of the plan by X"."""
    doc = tok.doc
    speaker = None
    for c in tok.children:
        if c.dep_ == "poss" and c.i < tok.i:
            speaker = _phrase(c) if c.lower_ not in ("its", "their", "his", "her") else doc[c.i:c.i + 1]
        elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "from") and c.i > tok.i:
            objs = [o for o in c.children if o.dep_ == "pobj"]
            speaker = speaker or (_phrase(objs[0]) if objs else None)
    if speaker is None:
        return None
    content = None
    for c in tok.children:
        if c.i <= tok.i:
            continue
        if c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            sub = list(c.subtree)
            content = _strip(doc[sub[0].i:sub[-1].i + 1])
            break
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "about", "against", "on", "to", "over"):
            sub = list(c.subtree)[1:]
            content = _strip(doc[sub[0].i:sub[-1].i + 1]) if sub else None
            break
    if content is None or (_words(content.text) < 2 and content.root.pos_ != "PROPN"):
        return None
    if speaker.start_char < content.end_char and content.start_char < speaker.end_char:
        return None
    return Draft("indirect", [(content.start_char, content.end_char)], doc[tok.i:tok.i + 1], speaker, content.end_char)


def _generic_class(tok: Token) -> str | None:
    """A verb outside the cue list that still reports a position: one with a subject and a finite
    clausal complement ("made clear he had misgivings", "is convinced that ...")."""
    if tok.lemma_.lower() in NOT_CUES or tok.lower_ in NOT_CUES or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    if any(c.dep_ == "nsubj" and c.lower_ in ("it", "that", "this", "there") for c in tok.children):
        return None  # "it's hardly surprising that ...", "that's what ..." hold no one's view
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children):
            return "stance"
    return None


def _cue_span(tok: Token) -> SpacySpan:
    """The cue verb with its auxiliaries and particles ("has said", "called for")."""
    lo = hi = tok.i
    for c in tok.children:
        if c.dep_ in ("aux", "neg") and c.i < tok.i and c.i >= tok.i - 3:
            lo = min(lo, c.i)
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in ("for", "on")):
            hi = max(hi, c.i)
    return tok.doc[lo:hi + 1]


def _urged(tok: Token) -> SpacySpan | None:
    """'urged Russia to stop the attacks' -> 'Russia to stop the attacks'."""
    obj = [c for c in tok.children if c.dep_ == "dobj"]
    comp = [c for c in tok.children if c.dep_ in ("xcomp", "oprd")]
    if not comp and obj:
        # 'tells his supporters at a rally to "go to your place"': the infinitive misparsed as an adverbial
        comp = [c for c in tok.children if c.dep_ == "advcl" and c.i > obj[0].i
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)][:1]
    if not comp:
        prep = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "on")
                and not any(o.dep_ == "pobj" and o.ent_type_ in TIME_ENTS for o in c.children)]
        if prep:
            sub = list(prep[0].subtree)[1:]
            return tok.doc[sub[0].i:sub[-1].i + 1] if sub else None
        return None
    pieces = [t for c in obj + comp for t in c.subtree]
    lo = min(t.i for t in pieces)
    hi = max(t.i for t in pieces) + 1
    return _strip(tok.doc[lo:hi])


def _according_to(doc: Doc, sent: SpacySpan, start: int, end: int) -> Draft | None:
    cue = doc.char_span(start, end, alignment_mode="expand")
    if cue is None:
        return None
    objs = [t for t in cue[-1].children if t.dep_ == "pobj"] or [t for t in cue if t.dep_ == "pobj"]
    if not objs:
        nxt = [t for t in sent if t.i >= cue.end and t.pos_ in ("PROPN", "NOUN", "PRON")]
        if not nxt:
            return None
        objs = nxt[:1]
    speaker = _phrase(objs[0])
    skip = set(range(cue.start, speaker.end))
    toks = [t for t in sent if t.i not in skip and not (t.is_punct and (t.i == speaker.end or t.i == cue.start - 1))]
    if not toks:
        return None
    before = [t for t in toks if t.i < cue.start]
    breaks = [k for k, t in enumerate(before) if "\n" in t.text_with_ws]
    if breaks:
        before = before[breaks[-1] + 1:]  # a sentence the parser ran over a paragraph break
    after = [t for t in toks if t.i >= speaker.end]
    # "X paid 25 percent, according to the CBO, and ..." reports what comes before the cue
    part = before if len(before) >= 3 else after
    if not part:
        return None
    content = _strip(doc[part[0].i:part[-1].i + 1])
    if content is None or _words(content.text) < 2:
        return None
    return Draft("indirect", [(content.start_char, content.end_char)], cue, speaker, content.end_char)


# ---------------------------------------------------------------------------------------------
# Speakers and records


def _speaker_ref(doc: Doc, phrase: SpacySpan) -> tuple[ActorRef, bool]:
    """(ActorRef, anonymous) for a speaker phrase: the resolved mention covering its head if any."""
    head = phrase.root
    mentions = doc._.mentions or []
    best = None
    for m in mentions:
        if m.span.start <= head.idx < m.span.end:
            best = m
            break
    if best is None:
        inside = [m for m in mentions if phrase.start_char <= m.span.start and m.span.end <= phrase.end_char]
        if inside and head.pos_ == "PROPN":
            best = max(inside, key=lambda m: m.span.end - m.span.start)
    has_name = head.pos_ == "PROPN" or any(t.ent_type_ == "PERSON" for t in phrase)
    # "the defence minister" names one identifiable person; "a senior official", "US officials" do not
    definite = head.tag_ in ("NN", "NNP") and any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "one", "another", "some", "any")
        for c in head.children)
    anonymous = (not has_name and not definite and head.lemma_.lower() in anonymous_heads()
                 and head.lower_ not in PRONOUNS)
    if best is not None:
        if anonymous:
            # a description ("US officials") keeps its phrase, with the actor's country and sector
            return replace(best, span=Span.of(phrase), name=phrase.text), True
        return best, False
    return ActorRef(span=Span.of(phrase), name=phrase.text, how="quote"), anonymous


def quote_id(article_id: str, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]
    return f"q-{digest}"


def to_quote(doc: Doc, d: Draft) -> Quote:
    text = extensions.text_of(doc)
    start, end = d.start, d.end
    speaker = anonymous = None
    if d.speaker is not None:
        # "Smith, who said ...": the text is the relative pronoun, the actor its antecedent
        rel = d.speaker.root
        ref = _phrase(rel.head.head) if (len(d.speaker) == 1 and rel.lower_ in ("who", "which", "that")
                                         and rel.head.dep_ == "relcl" and rel.head.head.i < rel.i) else d.speaker
        speaker, anonymous = _speaker_ref(doc, ref)
    segments = tuple(Span(s, e, text[s:e]) for s, e in sorted(d.segments)) if len(d.segments) > 1 else ()
    return Quote(
        id=quote_id(doc._.article_id, start, end),
        article_id=doc._.article_id,
        content=Span(start, end, text[start:end]),
        kind=d.kind,
        cue=Span.of(d.cue) if d.cue is not None else None,
        speaker=speaker,
        speaker_text=Span.of(d.speaker) if d.speaker is not None else None,
        anonymous=bool(anonymous),
        segments=segments,
    )


_LABEL = re.compile(r"^[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[\w.'’-]+){0,5})"
                    r"[^\S\n]*(:)[^\S\n]+(\S[^\n]*)$", re.MULTILINE)
# label words that name a speaker as a document, not a person ("Poll: Clinton and Trump in dead heat")
DOCUMENT_LABELS = words("quotes", "document_labels")
NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _label_speaker(doc: Doc, who: SpacySpan) -> SpacySpan | None:
    """The speaker named by a headline label: the whole label when it is all proper nouns ("Pence"),
    a document noun ("Poll"), a name the article spells out elsewhere ("Sanders" for "Bernie Sanders"),
    else a person the article names again, opening the label or after "from"/"by" ("Obama on Climate
    Change", "A lesson from Loretta Lynch", "Elizabeth Warren Hammers Wells Fargo CEO")."""
    words = [t for t in who if not t.is_punct]
    if words[0].lower_.strip(".") in NOT_SPEAKER_LABELS and not (len(words) > 1 and words[0].lower_ == "a"):
        return None
    if len(words) == 1 and words[0].lower_ in DOCUMENT_LABELS:
        return who
    if len(words) <= 4 and all(t.pos_ == "PROPN" for t in words):
        return None if any(t.lower_.strip(".") in NOT_SPEAKER_LABELS for t in words) else who
    if len(words) <= 2 and all(t.is_title for t in words):
        last = words[-1].text
        if any(e.label_ in NAME_ENTS and e[-1].text == last and e.start >= who.end for e in doc.ents):
            return who
    for e in doc.ents:
        if e.label_ == "PERSON" and who.start <= e.start and e.end <= who.end and (
                e.start == who.start or doc[e.start - 1].lower_ in ("from", "by")) and any(
                t.text == e[-1].text for t in doc[who.end:]):
            return e
    return None


def headline_quotes(doc: Doc) -> list[Draft]:
    """'Pence: Gennifer Flowers Won't Be at Debate' -- a paragraph opened by a name and a colon (headline
    or transcript style) reports that name's words (see :func:`_label_speaker`)."""
    text = extensions.text_of(doc)
    drafts = []
    for m in _LABEL.finditer(text):
        who = doc.char_span(m.start(1), m.end(1))
        colon = doc.char_span(m.start(2), m.end(2))
        if who is None or colon is None:
            continue
        speaker = _label_speaker(doc, who)
        if speaker is None:
            continue
        end = m.end(3)
        while end > m.start(3) and text[end - 1] in ". \t":
            end -= 1
        if _words(text[m.start(3):end]) < 3:
            continue
        drafts.append(Draft("direct" if text[m.start(3)] in "“\"'‘" else "indirect",
                            [(m.start(3), end)], colon, speaker, end))
    return drafts


_HEADLINE = re.compile(r"^(?:[^\n,]*,[^\S\n]+)?((?:[A-Z][\w.'’-]*[^\S\n]+){1,4}?)([A-Za-z]+?(?:e?s))[^\S\n]+(\S[^\n]*)$")


def _cue_word(word: str) -> str | None:
    """The cue class of a headline verb in the third person ("Says", "Vows", "Denies")."""
    w = word.lower()
    for lemma in (w[:-3] + "y" if w.endswith("ies") else None, w[:-2] if w.endswith("es") else None, w[:-1]):
        if lemma and cues().get(lemma) in ("speech", "stance", "intent", "urging", "object"):
            return lemma
    return None


def headline_statement(doc: Doc) -> list[Draft]:
    """'Flynn says Trump 'absolutely right' in saying ...', 'Railing Against Trump, Sanders Vows To Eliminate
    Tax Breaks': a title line "Name Verbs ..." with a cue verb reports the rest of the line. Title-case
    headlines defeat the parser, so the line is read as words: a capitalized name of one to four words
    opening the line (or its clause after a comma), a cue verb in the third person, the rest."""
    text = extensions.text_of(doc)
    end = text.find("\n")
    line = text[:end if end >= 0 else len(text)]
    m = _HEADLINE.match(line)
    if m is None or _words(line) > 25 or _cue_word(m.group(2)) is None:
        return []
    who = doc.char_span(m.start(1), m.start(1) + len(m.group(1).rstrip()), alignment_mode="expand")
    cue = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
    if who is None or cue is None or any(t.lower_.strip(".") in NOT_SPEAKER_LABELS for t in who) \
            or not (any(t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS for t in who)
                    or any(e.label_ in NAME_ENTS and e[-1].text == who[-1].text for e in doc.ents if e.start >= who.end)):
        return []
    nxt = doc[cue.end] if cue.end < len(doc) else None
    if cue[-1].tag_ != "VBZ" and nxt is not None and nxt.is_title and nxt.pos_ in ("PROPN", "NOUN", "VERB"):
        return []  # 'Obama Power Plan Rules Face Key Test': a plural noun, not a verb
    lo, hi = m.start(3), m.end(3)
    while hi > lo and line[hi - 1] in " .;:":
        hi -= 1
    if _words(line[lo:hi]) < 2:
        return []
    return [Draft("indirect", [(lo, hi)], cue, who, hi)]


_COLON_PARA = re.compile(r":[^\S\n]*\n\s*([^\s“\"'‘«„`][^\n]*)")


def colon_paragraphs(doc: Doc) -> list[Draft]:
    """'Limbaugh added:' closing a paragraph, then the words themselves as the next paragraph without
    quotation marks (block-quote style): that paragraph is what the cue's subject said."""
    text = extensions.text_of(doc)
    drafts = []
    for m in _COLON_PARA.finditer(text):
        colon = doc.char_span(m.start(), m.start() + 1)
        if colon is None:
            continue
        sent = doc[colon.start].sent
        cue = _cue_in(reversed(list(sent)), set())
        if cue is None or cues().get(cue.lemma_.lower()) != "speech":
            continue
        own = _content_of(cue)
        if own is not None and own.start_char < m.start():
            continue
        speaker = _subject(cue, set())
        end = m.end(1)
        while end > m.start(1) and text[end - 1] in " \t":
            end -= 1
        if speaker is None or _words(text[m.start(1):end]) < 4:
            continue
        drafts.append(Draft("indirect", [(m.start(1), end)], _cue_span(cue), speaker, end))
    return drafts


def find_quotes(doc: Doc) -> list[Quote]:
    direct = direct_quotes(doc)
    for extra in (headline_quotes(doc), headline_statement(doc), colon_paragraphs(doc)):
        direct += [d for d in extra if not any(s < d.end and d.start < e for o in direct for s, e in o.segments)]
    taken = [seg for d in direct for seg in d.segments]
    indirect = indirect_quotes(doc, taken)
    drafts = sorted(direct + _dedupe(indirect), key=lambda d: d.start)
    return [to_quote(doc, d) for d in drafts]


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """Nested indirect quotes ("X said Y warned that ...") keep the outer one, as annotators do."""
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda d: (d.start, -(d.end - d.start))):
        if any(o.start <= d.start and d.end <= o.end for o in out):
            continue
        out.append(d)
    return out


def _pieces(q: Quote) -> tuple[Span, ...]:
    return q.segments or (q.content,)


def attribute_events(events: list[Event], quotes: list[Quote]) -> list[Event]:
    """Events whose trigger lies inside a quote's content get ``reported_by`` = that quote's id."""
    out = []
    for e in events:
        if e.reported_by is None:
            for q in quotes:
                if any(p.start <= e.trigger.start and e.trigger.end <= p.end for p in _pieces(q)):
                    e = replace(e, reported_by=q.id)
                    break
        out.append(e)
    return out


class QuoteFinder:
    """The ``dyad_quotes`` component."""

    def __init__(self, nlp: Language, name: str = "dyad_quotes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        extensions.init_doc(doc)
        doc._.quotes = find_quotes(doc)
        if doc._.events:
            doc._.events = attribute_events(list(doc._.events), doc._.quotes)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("dyad_quotes", assigns=["doc._.quotes", "doc._.events"], requires=["token.dep", "doc._.mentions"])
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
