"""Timeline aggregations: periods, date precision, unknown casualties kept apart from zero, brushed spans."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conflictmap import timeline
from conflictmap.store import load_events
from tests.helpers import row, write_events


@pytest.fixture
def events(tmp_path):
    rows = [
        row(event_id_cnty="A", event_date="2024-11-04", fatalities="2"),                 # Monday
        row(event_id_cnty="B", event_date="2024-11-06", event_type="Battles", sub_event_type="Armed clash",
            fatalities="0", injuries="3"),
        row(event_id_cnty="C", event_date="2024-11-10", time_precision="2"),             # Sunday, week only
        row(event_id_cnty="D", event_date="2024-11-11", time_precision=""),              # next Monday
    ]
    return load_events(write_events(tmp_path / "e.csv", rows)).events


def test_counts_per_week_by_type_and_date_precision(events):
    counts = timeline.counts_by_period(events, "week")
    assert counts.to_dict("records") == [
        {"period_start": "2024-11-04", "period_end": "2024-11-11", "event_type": "Battles",
         "date_known": timeline.DAY_KNOWN, "events": 1},
        {"period_start": "2024-11-04", "period_end": "2024-11-11", "event_type": "Explosions/Remote violence",
         "date_known": timeline.DAY_KNOWN, "events": 1},
        {"period_start": "2024-11-04", "period_end": "2024-11-11", "event_type": "Explosions/Remote violence",
         "date_known": timeline.WEEK_OR_MONTH, "events": 1},
        {"period_start": "2024-11-11", "period_end": "2024-11-18", "event_type": "Explosions/Remote violence",
         "date_known": timeline.NOT_STATED, "events": 1},
    ]


def test_counts_per_day_sum_to_the_events(events):
    counts = timeline.counts_by_period(events, "day")
    assert counts["events"].sum() == len(events)
    assert set(counts["period_start"]) == {"2024-11-04", "2024-11-06", "2024-11-10", "2024-11-11"}
    with pytest.raises(ValueError):
        timeline.counts_by_period(events, "month")


def test_casualties_keep_unknown_apart_from_zero(events):
    table = timeline.casualties_by_period(events, "week")
    by_key = {(r["period_start"], r["measure"]): r for r in table.to_dict("records")}
    first_fatalities = by_key[("2024-11-04", "Fatalities")]
    assert (first_fatalities["known_total"], first_fatalities["known_events"], first_fatalities["unknown_events"]) == (
        2, 2, 1)
    assert pd.isna(by_key[("2024-11-11", "Fatalities")]["known_total"]), "no figure is unknown, not 0"
    assert by_key[("2024-11-04", "Injuries")]["known_total"] == 3


def test_imprecise_dates(events):
    assert timeline.imprecise_dates(events) == 1


BOUNDS = (dt.date(2024, 11, 4), dt.date(2024, 11, 11))


def ms(day: str) -> int:
    return int(pd.Timestamp(day, tz="UTC").timestamp() * 1000)


def test_span_snaps_to_whole_periods_and_clips_to_the_data():
    assert timeline.span_from_selection([ms("2024-11-05") + 3600_000, ms("2024-11-06") + 7200_000], "day",
                                        BOUNDS) == (dt.date(2024, 11, 5), dt.date(2024, 11, 6))
    assert timeline.span_from_selection(["2024-11-06T10:00:00.000Z", "2024-11-05T00:00:00.000Z"], "week",
                                        None) == (dt.date(2024, 11, 4), dt.date(2024, 11, 10))
    assert timeline.span_from_selection([ms("2024-11-10"), ms("2024-11-20")], "week", BOUNDS) == (
        dt.date(2024, 11, 4), dt.date(2024, 11, 11))


def test_unusable_spans_are_none():
    assert timeline.span_from_selection(None, "day", BOUNDS) is None
    assert timeline.span_from_selection([ms("2024-11-05")], "day", BOUNDS) is None
    assert timeline.span_from_selection(["not a date", "x"], "day", BOUNDS) is None
    assert timeline.span_from_selection([ms("2025-01-01"), ms("2025-01-02")], "day", BOUNDS) is None


def test_chart_uses_the_map_palette(events):
    spec = timeline.counts_chart(timeline.counts_by_period(events, "day"), "day").to_dict()
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Battles", "Explosions/Remote violence"]
    assert colour["range"] == ["#0072B2", "#D55E00"]
    assert spec["params"][0]["name"] == timeline.SELECTION
