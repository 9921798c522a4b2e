"""Duplicate articles: exact copies and near copies (wire stories re-run by many outlets) grouped into stories.

Reads article texts (from the store or any ``(id, text)`` pairs) and writes ``articles.story_id``.
Two articles are the same story when their normalised texts hash alike (exact), or when their word
n-gram shingle sets are close: Jaccard >= ``dedup_jaccard``, or the shorter one lies
``dedup_containment`` inside the longer one (a wire copy with its last paragraph cut) and is not
much shorter (``dedup_min_length_ratio``, so a digest quoting a brief does not swallow it).
Candidates come from datasketch's MinHash LSH, so the work grows with the corpus, not its square;
each candidate pair is then checked on the exact shingle sets. Groups are the connected components
of the duplicate pairs; a story's id is the id of its first-published article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from dyad.settings import Settings, get_settings

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Case-folded NFKC text with punctuation and whitespace runs collapsed to one space."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def exact_key(text: str) -> str:
    return hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()


def shingles(text: str, k: int) -> set[str]:
    words = normalize(text).split()
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    published: dt.date | None = None


@dataclass(frozen=True)
class Match:
    a: str
    b: str
    kind: str  # exact | near
    jaccard: float
    containment: float


class Deduper:
    """Incremental near-duplicate index: ``add`` documents, then ``pairs`` / ``stories``."""

    def __init__(self, settings: Settings | None = None) -> None:
        s = settings or get_settings()
        self.k = s.dedup_shingle_words
        self.num_perm = s.dedup_num_perm
        self.jaccard = s.dedup_jaccard
        self.containment = s.dedup_containment
        self.min_length_ratio = s.dedup_min_length_ratio
        self.lsh = MinHashLSH(threshold=s.dedup_lsh_threshold, num_perm=self.num_perm)
        self.sets: dict[str, set[str]] = {}
        self.exact: dict[str, str] = {}
        self.docs: dict[str, Doc] = {}
        self.matches: list[Match] = []

    def _minhash(self, items: set[str]) -> MinHash:
        m = MinHash(num_perm=self.num_perm)
        m.update_batch([s.encode("utf-8") for s in items])
        return m

    def compare(self, a: set[str], b: set[str]) -> tuple[float, float, bool]:
        """Jaccard, containment of the smaller set, and whether that makes them the same story."""
        if not a or not b:
            return 0.0, 0.0, False
        inter = len(a & b)
        jac = inter / len(a | b)
        small, large = sorted((len(a), len(b)))
        cont = inter / small
        same = jac >= self.jaccard or (cont >= self.containment and small / large >= self.min_length_ratio)
        return jac, cont, same

    def add(self, doc: Doc) -> list[Match]:
        """Index one document; returns its duplicate pairs with documents added before it."""
        if doc.id in self.docs:
            return []
        self.docs[doc.id] = doc
        found: list[Match] = []
        key = exact_key(doc.text)
        if key in self.exact:
            found.append(Match(self.exact[key], doc.id, "exact", 1.0, 1.0))
        else:
            self.exact[key] = doc.id
        sh = shingles(doc.text, self.k)
        self.sets[doc.id] = sh
        if not sh:
            self.matches.extend(found)
            return found
        mh = self._minhash(sh)
        exact_partner = found[0].a if found else None
        for other in sorted(self.lsh.query(mh)):
            if other == exact_partner:
                continue
            jac, cont, same = self.compare(sh, self.sets[other])
            if same:
                found.append(Match(other, doc.id, "near", jac, cont))
        self.lsh.insert(doc.id, mh)
        self.matches.extend(found)
        return found

    def add_all(self, docs: Iterable[Doc]) -> None:
        for d in docs:
            self.add(d)

    def pairs(self) -> set[tuple[str, str]]:
        return {tuple(sorted((m.a, m.b))) for m in self.matches}  # type: ignore[misc]

    def stories(self) -> dict[str, str]:
        """Article id -> story id (the first-published article of its connected component)."""
        parent = {i: i for i in self.docs}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for m in self.matches:
            ra, rb = find(m.a), find(m.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[str]] = {}
        for i in self.docs:
            groups.setdefault(find(i), []).append(i)
        out: dict[str, str] = {}
        for members in groups.values():
            first = min(members, key=lambda i: (self.docs[i].published or dt.date.max, i))
            for i in members:
                out[i] = first
        return out


def group_stories(docs: Sequence[Doc], settings: Settings | None = None) -> dict[str, str]:
    """Article id -> story id for a list of documents (deterministic for the same set)."""
    d = Deduper(settings)
    d.add_all(sorted(docs, key=lambda x: x.id))
    return d.stories()


def dedup_store(store, settings: Settings | None = None) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Group every stored article into stories and write ``articles.story_id``; returns counts."""
    from dyad.store.corpus import article_texts, set_story_ids

    docs = [Doc(r["id"], r["text"], r["published"]) for r in article_texts(store)]
    stories = group_stories(docs, settings)
    changed = set_story_ids(store, stories)
    return {"articles": len(docs), "stories": len(set(stories.values())), "changed": changed}
