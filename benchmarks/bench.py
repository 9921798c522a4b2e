"""`make bench`: dyad's speed and memory, measured side by side in one run.

    python benchmarks/bench.py [--shared ../shared] [--limit 150] [--sections pipeline,components] [--json OUT]

Corpus: the ``text`` fields of ../shared/gold/quotes/polnear_train.jsonl and ../shared/gold/geo/*.jsonl
(real news articles) when present, else a generated corpus of news-like articles. Sections:

* ``pipeline``: the full dyad pipeline (ingest from JSONL, cleaning, every dyad component, writing a
  temporary DuckDB store) against a bare ``nlp.pipe`` of the same spaCy model over the same texts:
  articles/s, words/s, seconds per article, the time ratio, and peak memory; timed after one warm-up
  article (which loads the KB, gazetteer and lexicons: ``dyad_first_article_s``).
* ``components``: where the time goes, component by component, on a small sample.
* ``startup``: a new process's import + ``dyad.load()`` and first article, with a cold then a warm
  index cache (``dyad.cache``).
* ``scaling``: ``dyad run`` on Dask with 1 and then 2 workers over the same articles (wall time,
  articles/s, speedup; the machine's load average is printed because other jobs share the cores).

Adding a section: write ``def my_section(ctx: Context) -> dict[str, Any]`` and decorate it with
``@section("name", "what it measures")``; it receives the corpus (``ctx.texts``), the parsed
arguments and the figures of earlier sections (``ctx.results``), and returns its figures, which are
printed in the table and written to ``--json``. ``api``: request latency of the REST API. The run ends with a summary table of the headline figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_WORD = re.compile(r"\w+")


@dataclass
class Context:
    texts: list[str]
    corpus: str
    args: argparse.Namespace
    results: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(len(_WORD.findall(t)) for t in self.texts)


SectionFn = Callable[[Context], dict[str, Any]]
SECTIONS: dict[str, tuple[str, SectionFn]] = {}


def section(name: str, about: str) -> Callable[[SectionFn], SectionFn]:
    def register(fn: SectionFn) -> SectionFn:
        SECTIONS[name] = (about, fn)
        return fn

    return register


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- corpus


def real_corpus(shared: Path) -> list[str]:
    files = [shared / "gold" / "quotes" / "polnear_train.jsonl", *sorted((shared / "gold" / "geo").glob("*.jsonl"))]
    texts: list[str] = []
    for path in files:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    text = json.loads(line).get("text")
                except (json.JSONDecodeError, AttributeError):
                    continue
                if isinstance(text, str) and len(text.split()) >= 50:
                    texts.append(text)
    return texts


def generated_corpus(n: int, seed: int = 7) -> list[str]:
    """News-like articles from templates, for machines without ../shared (figures are indicative)."""
    rng = random.Random(seed)
    actors = ["Russian forces", "Ukrainian officials", "the United Nations", "Prime Minister Narendra Modi",
              "Chinese Foreign Minister Wang Yi", "protesters in Nairobi", "the European Union",
              "Secretary of State Marco Rubio", "Hamas militants", "Israeli troops", "the Sudanese army"]
    verbs = ["met", "accused", "attacked", "criticised", "signed an agreement with", "threatened",
             "called on", "imposed sanctions on", "held talks with", "rejected a proposal from"]
    places = ["Kyiv", "Geneva", "Kuala Lumpur", "Khartoum", "Gaza City", "Brussels", "Nairobi", "New Delhi"]
    days = ["on Monday", "on Tuesday", "last week", "on Thursday", "earlier this month", "on Sunday"]
    texts = []
    for _ in range(n):
        sents = []
        for _ in range(rng.randint(12, 30)):
            a, b = rng.sample(actors, 2)
            s = f"{a[0].upper()}{a[1:]} {rng.choice(verbs)} {b} in {rng.choice(places)} {rng.choice(days)}."
            if rng.random() < 0.3:
                s = f"“{s[:-1]},” a spokesman said, adding that talks would continue."
            sents.append(s)
        texts.append("\n".join(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)))
    return texts


# ---------------------------------------------------------------- sections


@section("pipeline", "full dyad pipeline into a temporary store vs bare nlp.pipe of the same model")
def pipeline(ctx: Context) -> dict[str, Any]:
    import spacy

    import dyad
    from dyad.ingest import read_inputs
    from dyad.settings import get_settings
    from dyad.store import Store

    settings = get_settings()
    n, words = len(ctx.texts), ctx.words
    before = rss_mb()
    t0 = time.perf_counter()
    nlp = dyad.load()
    load_s = time.perf_counter() - t0
    # the first article loads the KB, gazetteer and lexicons (timed apart here and in ``startup``), so
    # that the timed run below is the steady state that the bare nlp.pipe (model already loaded) is too
    from dyad.process import code_text

    t0 = time.perf_counter()
    code_text(nlp, ctx.texts[0], published="2020-01-01")
    warmup_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(ctx.texts):
                fh.write(json.dumps({"text": text, "url": f"https://bench.invalid/{i}", "published": "2020-01-01"}) + "\n")
        store = Store(str(Path(tmp) / "bench.duckdb"))
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        summary = dyad.process(read_inputs([str(corpus)]), store, nlp, batch_size=settings.batch_size)
        dyad_s, dyad_cpu = time.perf_counter() - t0, time.process_time() - c0
        store.close()
    dyad_peak = peak_rss_mb()
    del nlp
    gc.collect()

    bare = spacy.load(settings.model)
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in bare.pipe(ctx.texts, batch_size=min(settings.batch_size, 32)):
        pass
    bare_s, bare_cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "articles": n,
        "words": words,
        "stored_new": summary.new,
        "failed": summary.failed,
        "events": summary.events,
        "dyad_load_s": round(load_s, 2),
        "dyad_first_article_s": round(warmup_s, 2),
        "dyad_s": round(dyad_s, 2),
        "dyad_articles_per_s": round(n / dyad_s, 2),
        "dyad_words_per_s": round(words / dyad_s),
        "dyad_s_per_article": round(dyad_s / n, 4),
        "bare_s": round(bare_s, 2),
        "bare_articles_per_s": round(n / bare_s, 2),
        "bare_words_per_s": round(words / bare_s),
        "ratio_dyad_to_bare": round(dyad_s / bare_s, 2),
        # CPU seconds are less disturbed than wall time when other jobs share the machine
        "dyad_cpu_s": round(dyad_cpu, 2),
        "bare_cpu_s": round(bare_cpu, 2),
        "ratio_dyad_to_bare_cpu": round(dyad_cpu / bare_cpu, 2) if bare_cpu else None,
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(max(dyad_peak, peak_rss_mb()), 1),
    }


@section("components", "CPU seconds per article of each pipeline component (after a warm-up article), on --sample articles")
def components(ctx: Context) -> dict[str, Any]:
    import dyad
    from dyad.ingest import make_article
    from dyad.process import make_doc

    nlp = dyad.load()
    sample = ctx.texts[: ctx.args.sample]
    docs = [make_doc(nlp, make_article(t, input=f"bench#{i}", published="2020-01-01")) for i, t in enumerate(sample)]
    spent = {name: 0.0 for name in nlp.pipe_names}
    nlp(ctx.texts[-1])  # loads the KB, gazetteer and lexicons (see ``startup``) outside the timing
    for doc in docs:
        for name, component in nlp.pipeline:
            t0 = time.process_time()
            doc = component(doc)
            spent[name] += time.process_time() - t0
    total = sum(spent.values()) or 1.0
    out: dict[str, Any] = {"sample_articles": len(docs)}
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        out[f"{name}_s_per_article"] = f"{seconds / max(len(docs), 1):.4f} ({100 * seconds / total:.0f}%)"
    return out


_STARTUP = """
import json, sys, time
t0 = time.perf_counter()
import dyad
from dyad.process import code_text
nlp = dyad.load()
t1 = time.perf_counter()
code_text(nlp, sys.stdin.read(), published="2020-01-01")
print(json.dumps({"load_s": t1 - t0, "first_doc_s": time.perf_counter() - t1}))
"""


@section("startup", "a new process: import + dyad.load() and its first article, with a cold and then a warm index cache")
def startup(ctx: Context) -> dict[str, Any]:
    import os
    import subprocess

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DYAD_CACHE_DIR": tmp}
        for run in ("cold", "warm"):
            proc = subprocess.run([sys.executable, "-c", _STARTUP], input=ctx.texts[0], capture_output=True,
                                  text=True, env=env, cwd=str(ROOT), check=True)
            figures = json.loads(proc.stdout.strip().splitlines()[-1])
            out[f"{run}_load_s"] = round(figures["load_s"], 2)
            out[f"{run}_first_doc_s"] = round(figures["first_doc_s"], 2)
            out[f"{run}_total_s"] = round(figures["load_s"] + figures["first_doc_s"], 2)
    out["note"] = "cold: indexes (KB, gazetteer, towns) built from the data files; warm: unpickled from the cache (dyad.cache)"
    return out


@section("scaling", "dyad run (Dask LocalCluster, one process per worker) on the same articles with 1 and 2 workers")
def scaling(ctx: Context) -> dict[str, Any]:
    import os

    from dyad.corpus.runner import run_corpus
    from dyad.settings import Settings
    from dyad.store import Store

    texts = ctx.texts[: ctx.args.scaling_articles]
    out: dict[str, Any] = {"articles": len(texts), "cpus": os.cpu_count(),
                           "load_avg_before": round(os.getloadavg()[0], 2)}
    settings = Settings.load(run_partition_articles=max(1, len(texts) // 8))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"a{i:05d}.txt").write_text(f"---\npublished: 2020-01-01\n---\n{text}", encoding="utf-8")
        for workers in (1, 2):
            with Store(str(Path(tmp) / f"w{workers}.duckdb")) as store:
                t0, c0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                summary = run_corpus([str(folder)], store, workers=workers, settings=settings)
                seconds = time.perf_counter() - t0
                # worker processes are joined when the cluster closes, so their CPU time is counted here
                cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - c0
            out[f"w{workers}_s"] = round(seconds, 2)
            out[f"w{workers}_articles_per_s"] = round(len(texts) / seconds, 2)
            out[f"w{workers}_worker_cpu_s"] = round(cpu, 2)
            out[f"w{workers}_cpu_share"] = f"{cpu / (seconds * workers):.0%} of {workers} core(s)"
            out[f"w{workers}_events"] = summary.real_events
            out[f"w{workers}_mentions"] = summary.mentions
    out["speedup_2_vs_1"] = round(out["w1_s"] / out["w2_s"], 2)
    out["load_avg_after"] = round(os.getloadavg()[0], 2)
    out["note"] = "wall time includes cluster start and one pipeline load per worker; other jobs share the cores"
    return out


# ---------------------------------------------------------------- main


@section("api", "REST API /events p50/p95 over HTTP on a synthetic store of --api-events events (benchmarks/api_latency.py)")
def api(ctx: Context) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from api_latency import run

    result = run(n_events=ctx.args.api_events, repeat=ctx.args.api_repeat)
    figures: dict[str, Any] = {"events_in_store": result["events_in_store"],
                               "events_p50_ms": result["events_p50_ms"], "events_p95_ms": result["events_p95_ms"]}
    for name, r in result["requests"].items():
        figures[f"{name} p50/p95 ms"] = f"{r['p50_ms']} / {r['p95_ms']}"
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder with gold/ (real news texts)")
    ap.add_argument("--limit", type=int, default=150, help="articles in the corpus (default 150)")
    ap.add_argument("--sections", default="all", help=f"comma list of: {', '.join(SECTIONS)} (default 'all')")
    ap.add_argument("--sample", type=int, default=30, help="articles for the per-component breakdown")
    ap.add_argument("--scaling-articles", type=int, default=30, help="articles for the 1 vs 2 workers scaling run")
    ap.add_argument("--api-events", type=int, default=3000, help="events in the synthetic store of the api section")
    ap.add_argument("--api-repeat", type=int, default=10, help="requests per API query in the api section")
    ap.add_argument("--seed", type=int, default=7, help="seed for sampling the corpus")
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)

    names = list(SECTIONS) if args.sections == "all" else [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = [s for s in names if s not in SECTIONS]
    if unknown:
        print(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2

    texts = real_corpus(Path(args.shared))
    corpus = f"real news from {args.shared}/gold ({len(texts)} articles available)"
    if not texts:
        texts = generated_corpus(args.limit, args.seed)
        corpus = "generated news-like corpus (../shared not present)"
    random.Random(args.seed).shuffle(texts)
    ctx = Context(texts=texts[: args.limit], corpus=corpus, args=args)
    print(f"corpus: {corpus}; using {len(ctx.texts)} articles, {ctx.words} words")

    from rich.console import Console
    from rich.table import Table

    console = Console()
    for name in names:
        about, fn = SECTIONS[name]
        console.print(f"[bold]{name}[/bold]: {about} ...")
        ctx.results[name] = fn(ctx)
        table = Table("figure", "value", title=name)
        for key, value in ctx.results[name].items():
            table.add_row(key, str(value))
        console.print(table)
    if len(ctx.results) > 1:
        table = Table("section", "figure", "value", title="summary")
        for name, figures in ctx.results.items():
            for key in SUMMARY.get(name, ()):
                if key in figures:
                    table.add_row(name, key, str(figures[key]))
        console.print(table)
    if args.json:
        Path(args.json).write_text(json.dumps({"corpus": corpus, **ctx.results}, indent=2))
    return 0


SUMMARY: dict[str, tuple[str, ...]] = {
    "pipeline": ("articles", "dyad_articles_per_s", "dyad_words_per_s", "dyad_s_per_article", "bare_articles_per_s",
                 "ratio_dyad_to_bare", "ratio_dyad_to_bare_cpu", "peak_rss_mb"),
    "components": ("dyad_actors_s_per_article", "dyad_quotes_s_per_article", "dyad_events_s_per_article",
                   "dyad_places_s_per_article", "dyad_time_s_per_article", "ner_s_per_article"),
    "startup": ("cold_total_s", "warm_total_s"),
    "scaling": ("w1_articles_per_s", "w2_articles_per_s", "speedup_2_vs_1"),
    "api": ("events_p50_ms", "events_p95_ms"),
}


if __name__ == "__main__":
    sys.exit(main())
