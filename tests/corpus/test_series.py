from __future__ import annotations

import datetime as dt
import json

import pytest

from dyad.corpus.merge import merge_store
from dyad.corpus.series import dyad_series, plot
from dyad.errors import UsageError
from tests.corpus.records import coded

START = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def escalation():
    """30 days of RUS->UKR: one threat a day, then from day 15 three strikes a day, each in 3 outlets."""
    from dyad.store import Store

    store = Store(":memory:")
    batch = []
    for d in range(30):
        day = (START + dt.timedelta(days=d)).isoformat()
        events = [{"type": "THREATEN", "src": "RUS", "tgt": "UKR", "date": day}]
        if d >= 15:
            events += [{"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": day, "place": p} for p in ("Kyiv", "Kharkiv")]
            events += [{"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": day}]
        for outlet in ("Wire", "Daily", "Post"):
            batch.append(coded(f"{outlet}-{d:02d}", day, *events, source=outlet))
    batch.append(coded("denial", "2025-03-05", {"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": "2025-03-05",
                                                 "modality": "negation"}))
    batch.append(coded("talks", "2025-03-05", {"type": "CONSULT", "src": "UKR", "tgt": "RUS", "date": "2025-03-05", "reciprocal": True}))
    store.write(batch)
    merge_store(store)
    yield store
    store.close()


def test_series_counts_events_not_mentions(escalation):
    s = dyad_series(escalation, "RUS", "UKR")
    assert len(s.periods) == 30
    assert [p.events for p in s.periods[:3]] == [1, 1, 1]
    assert s.periods[4].events == 2  # the threat and the reciprocal talks; the denial is not asserted
    assert [p.events for p in s.periods[15:18]] == [3, 3, 3]  # threat + strikes in Kyiv and Kharkiv (the unplaced report joins Kyiv)
    assert s.periods[20].quad == {1: 0, 2: 0, 3: 1, 4: 2}
    assert s.periods[20].goldstein_sum == pytest.approx(-24.4) and s.periods[20].goldstein_mean == pytest.approx(-24.4 / 3, abs=1e-3)


def test_series_shift_found_with_date_size_and_events(escalation):
    s = dyad_series(escalation, "rus", "ukr")
    assert [x.date for x in s.shifts] == [dt.date(2025, 3, 16)]
    shift = s.shifts[0]
    assert shift.size > 1.5 and shift.events_after == 3.0
    assert {e["type"] for e in shift.events} == {"ASSAULT", "THREATEN"} and all(e["mentions"] in (3, 6) for e in shift.events)


@pytest.mark.parametrize("kwargs,total", [
    ({}, 61),
    ({"modality": "all"}, 62),
    ({"freq": "week"}, 61),
    ({"freq": "month"}, 61),
    ({"since": dt.date(2025, 3, 16)}, 45),
    ({"until": dt.date(2025, 3, 2)}, 2),
])
def test_series_options(escalation, kwargs, total):
    assert dyad_series(escalation, "Q159", "UKR", **kwargs).total == total


def test_series_direction(escalation):
    assert dyad_series(escalation, "UKR", "RUS").total == 1  # only the reciprocal talks
    assert dyad_series(escalation, "UKR", "RUS", both_directions=True).total == 61


def test_series_week_buckets_start_on_monday(escalation):
    s = dyad_series(escalation, "RUS", "UKR", freq="week")
    assert all(p.start.weekday() == 0 for p in s.periods)


def test_series_unknown_frequency(escalation):
    with pytest.raises(UsageError):
        dyad_series(escalation, "RUS", "UKR", freq="hour")


def test_series_json_ready(escalation):
    data = dyad_series(escalation, "RUS", "UKR").to_dict()
    assert json.loads(json.dumps(data))["shifts"][0]["date"] == "2025-03-16"


@pytest.mark.parametrize("name", ["series.png", "series.html"])
def test_series_plot(escalation, tmp_path, name):
    out = plot(dyad_series(escalation, "RUS", "UKR"), tmp_path / name)
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if name.endswith(".png") else (b"<svg" in data and b"2025-03-16" in data)
