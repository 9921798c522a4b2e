"""Dyad series and shifts: what happened between actor A and actor B per day, week or month.

Reads real-world events (``events.event_group``, never mentions) from the store and returns, per
period, the event count, Goldstein sum and mean and the QuadClass mix (1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict), asserted events only unless asked.
Change points come from ``ruptures`` (PELT, L2 cost) on the standardised count and Goldstein-sum
series; each shift says its first period, its size (mean before vs after) and the events behind it.
``plot`` draws the series with shifts marked, to a PNG or a self-contained HTML page (inline SVG).

An actor given as A or B matches an event's actor id (e.g. ``Q159``), country code (``RUS``) or
name, case-insensitively. By default the dyad is directed (A did something to B) plus reciprocal
events between them; ``both_directions`` counts B-to-A as well.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import UsageError
from dyad.settings import Settings, get_settings

FREQS = ("day", "week", "month")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
MAX_SHIFT_EVENTS = 20


def period_start(day: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return start + dt.timedelta(days=1)
    if freq == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass
class Period:
    start: dt.date
    events: int = 0
    goldstein_sum: float = 0.0
    goldstein_mean: float | None = None
    quad: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})
    event_groups: list[str] = field(default_factory=list)


@dataclass
class Shift:
    date: dt.date
    index: int
    events_before: float
    events_after: float
    size: float
    goldstein_before: float
    goldstein_after: float
    events: list[dict[str, Any]]


@dataclass
class Series:
    a: str
    b: str
    freq: str
    modality: str
    periods: list[Period]
    shifts: list[Shift]

    @property
    def total(self) -> int:
        return sum(p.events for p in self.periods)

    def to_dict(self) -> dict[str, Any]:
        def clean(v: Any) -> Any:
            if isinstance(v, dt.date):
                return v.isoformat()
            if isinstance(v, dict):
                return {str(k): clean(x) for k, x in v.items()}
            if isinstance(v, list):
                return [clean(x) for x in v]
            return v

        return clean({"a": self.a, "b": self.b, "freq": self.freq, "modality": self.modality, "total": self.total,
                      "periods": [asdict(p) for p in self.periods], "shifts": [asdict(s) for s in self.shifts]})


def _actor_sql(side: str) -> str:
    return (f"(lower(e.{side}_actor_id) = lower(?) OR upper(e.{side}_country) = upper(?)"
            f" OR lower(e.{side}_name) = lower(?))")


def dyad_events(store, a: str, b: str, *, modality: str = "asserted", both_directions: bool = False,
                since: dt.date | None = None, until: dt.date | None = None) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Real-world events of the dyad (one row per event group, first-seen record)."""
    from dyad.store.corpus import EVENT_DAY_SQL, event_groups

    ab = f"({_actor_sql('source')} AND {_actor_sql('target')})"
    ba = f"({_actor_sql('target')} AND {_actor_sql('source')})"
    direction = f"{ab} OR (({ba}) AND (e.reciprocal OR ?))"
    where = f" AND ({direction})"
    params: list[Any] = [a] * 3 + [b] * 3 + [a] * 3 + [b] * 3 + [both_directions]
    if since:
        where += f" AND {EVENT_DAY_SQL} >= ?"
        params.append(since)
    if until:
        where += f" AND {EVENT_DAY_SQL} <= ?"
        params.append(until)
    return event_groups(store, modality=modality, where=where, params=params)


def _segments(values: list[list[float]], penalty: float) -> list[int]:
    """Indices where a new segment starts, from PELT on standardised columns."""
    n = len(values)
    if n < 4:
        return []
    import numpy as np
    import ruptures as rpt

    signal = np.asarray(values, dtype=float)
    std = signal.std(axis=0)
    std[std == 0] = 1.0
    signal = (signal - signal.mean(axis=0)) / std
    breaks = rpt.Pelt(model="l2", min_size=2, jump=1).fit(signal).predict(pen=penalty * math.log(n))
    return [i for i in breaks if 0 < i < n]


def dyad_series(
    store,  # type: ignore[no-untyped-def]
    a: str,
    b: str,
    *,
    freq: str = "day",
    since: dt.date | None = None,
    until: dt.date | None = None,
    modality: str = "asserted",
    both_directions: bool = False,
    settings: Settings | None = None,
) -> Series:
    """Counts, Goldstein and QuadClass per period for A->B, with change points (see module docstring)."""
    if freq not in FREQS:
        raise UsageError(f"unknown frequency {freq!r}; choose from {', '.join(FREQS)}", code="E540")
    rows = dyad_events(store, a, b, modality=modality, both_directions=both_directions, since=since, until=until)
    rows = [r for r in rows if r["event_day"] is not None]
    periods: list[Period] = []
    if rows or (since and until):
        first = period_start(since or min(r["event_day"] for r in rows), freq)
        last = period_start(until or max(r["event_day"] for r in rows), freq)
        index: dict[dt.date, Period] = {}
        scored: dict[dt.date, int] = {}
        day = first
        while day <= last:
            index[day] = Period(day)
            periods.append(index[day])
            day = next_period(day, freq)
        for r in rows:
            p = index[period_start(r["event_day"], freq)]
            p.events += 1
            p.event_groups.append(r["event_group"])
            if r["goldstein"] is not None:
                p.goldstein_sum += r["goldstein"]
                scored[p.start] = scored.get(p.start, 0) + 1
            if r["quad_class"] in p.quad:
                p.quad[r["quad_class"]] += 1
        for p in periods:
            p.goldstein_mean = round(p.goldstein_sum / scored[p.start], 3) if scored.get(p.start) else None
            p.goldstein_sum = round(p.goldstein_sum, 3)
    penalty = (settings or get_settings()).series_penalty
    by_group = {r["event_group"]: r for r in rows}
    shifts = []
    bounds = [0, *_segments([[p.events, p.goldstein_sum] for p in periods], penalty), len(periods)]
    for k in range(1, len(bounds) - 1):
        before, after = periods[bounds[k - 1]:bounds[k]], periods[bounds[k]:bounds[k + 1]]
        mean_b = sum(p.events for p in before) / len(before)
        mean_a = sum(p.events for p in after) / len(after)
        behind = [by_group[g] for p in after[:2] for g in p.event_groups]
        behind.sort(key=lambda r: (-(r["num_mentions"] or 0), -abs(r["goldstein"] or 0), r["event_group"]))
        shifts.append(Shift(
            date=periods[bounds[k]].start, index=bounds[k],
            events_before=round(mean_b, 3), events_after=round(mean_a, 3), size=round(mean_a - mean_b, 3),
            goldstein_before=round(sum(p.goldstein_sum for p in before) / len(before), 3),
            goldstein_after=round(sum(p.goldstein_sum for p in after) / len(after), 3),
            events=[_event_brief(r) for r in behind[:MAX_SHIFT_EVENTS]],
        ))
    return Series(a, b, freq, modality, periods, shifts)


def _event_brief(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_group": r["event_group"], "date": r["event_day"], "type": r["plover_type"],
        "source": r["source_name"], "target": r["target_name"], "goldstein": r["goldstein"],
        "mentions": r["num_mentions"], "trigger": r["trigger_text"], "article_id": r["article_id"],
        "url": r["url"], "modality": r["modality"],
    }


def _figure(series: Series):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [p.start for p in series.periods]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 5.5), sharex=True, height_ratios=[2, 1])
    colours = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a24a", 4: "#c0392b"}
    width = {"day": 0.8, "week": 5.5, "month": 24}[series.freq]
    base = [0] * len(x)
    for q in (1, 2, 3, 4):
        heights = [p.quad[q] for p in series.periods]
        top.bar(x, heights, width=width, bottom=base, color=colours[q], label=QUAD_NAMES[q])
        base = [b + h for b, h in zip(base, heights)]
    other = [p.events - sum(p.quad.values()) for p in series.periods]
    if any(other):
        top.bar(x, other, width=width, bottom=base, color="#999999", label="no QuadClass")
    bottom.plot(x, [p.goldstein_sum for p in series.periods], color="#333333", marker=".", label="Goldstein sum")
    bottom.axhline(0, color="#bbbbbb", linewidth=0.8)
    for s in series.shifts:
        for ax in (top, bottom):
            ax.axvline(s.date, color="#7d3c98", linestyle="--", linewidth=1.2)
        top.annotate(f" shift {s.size:+.1f}/{series.freq}", (s.date, top.get_ylim()[1] * 0.92), color="#7d3c98", fontsize=8,
                     bbox={"fc": "white", "alpha": 0.8, "lw": 0})
    top.set_ylabel(f"events per {series.freq}")
    bottom.set_ylabel("Goldstein sum")
    top.set_title(f"{series.a} → {series.b} ({series.modality} events; dashed lines: shifts)")
    top.legend(fontsize=8, loc="upper left")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig, plt


def plot(series: Series, out: str | Path) -> Path:
    """Draw the series to ``out``: ``.png`` (matplotlib) or ``.html`` (self-contained, inline SVG)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".html", ".htm", ".svg"):
        raise UsageError(f"cannot plot to {out.name!r}: use .png, .svg or .html", code="E541")
    fig, plt = _figure(series)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        if suffix in (".png", ".svg"):
            fig.savefig(out, dpi=120)
            return out
        buf = io.StringIO()
        fig.savefig(buf, format="svg")
        out.write_text(_html_page(series, buf.getvalue()), encoding="utf-8")
        return out
    finally:
        plt.close(fig)


def _html_page(series: Series, svg: str) -> str:
    esc = html.escape
    svg = svg[svg.find("<svg"):]
    rows = "".join(
        f"<tr><td>{p.start}</td><td>{p.events}</td><td>{p.goldstein_sum}</td><td>{p.goldstein_mean if p.goldstein_mean is not None else ''}</td>"
        + "".join(f"<td>{p.quad[q]}</td>" for q in (1, 2, 3, 4)) + "</tr>"
        for p in series.periods if p.events
    )
    def item(e: dict[str, Any]) -> str:
        link = f' <a href="{esc(e["url"])}">source</a>' if e["url"] else ""
        return (f"<li>{esc(str(e['date']))} {esc(e['type'])} {esc(e['source'] or '?')} → {esc(e['target'] or '?')}"
                f" ({e['mentions']} mentions){link}</li>")

    shifts = "".join(
        f"<li><b>{s.date}</b>: {s.events_before} → {s.events_after} events per {series.freq} ({s.size:+})<ul>"
        + "".join(item(e) for e in s.events) + "</ul></li>"
        for s in series.shifts
    ) or "<li>no shift found</li>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>dyad series {esc(series.a)} → {esc(series.b)}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>"
        f"<h1>{esc(series.a)} → {esc(series.b)}</h1><p>{series.total} {esc(series.modality)} events "
        f"(real-world events, not mentions), per {series.freq}.</p>{svg}<h2>Shifts</h2><ul>{shifts}</ul>"
        "<h2>Periods with events</h2><table><tr><th>period</th><th>events</th><th>Goldstein sum</th>"
        "<th>Goldstein mean</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th></tr>"
        f"{rows}</table></body></html>"
    )
