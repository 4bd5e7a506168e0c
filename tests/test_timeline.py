"""Timeline aggregations: periods, date precision, unknown casualties kept apart from zero, brushed spans."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        timeline.counts_by_period(events, "fortnight")


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


@pytest.mark.parametrize("days, period", [(1, "day"), (150, "day"), (151, "week"), (365 * 2, "week"),
                                          (365 * 9, "month"), (365 * 30, "year")])
def test_the_automatic_period_draws_at_most_max_bars(days, period):
    first = dt.date(2014, 1, 22)
    assert timeline.choose_period((first, first + dt.timedelta(days=days - 1))) == period
    assert timeline.choose_period(None) == "day"


@settings(max_examples=200, deadline=None)
@given(day=st.integers(-30_000, 60_000), period=st.sampled_from(timeline.PERIODS))
def test_a_day_lies_in_the_period_its_ordinal_names(day, period):
    number = timeline.ordinal(np.array([day]), period)
    first, after = timeline.first_day(number, period)[0], timeline.first_day(number + 1, period)[0]
    assert first <= day < after
    assert timeline.ordinal(np.array([first]), period)[0] == number[0]
    if period == "week":
        assert (dt.date(1970, 1, 1) + dt.timedelta(days=int(first))).weekday() == 0, "weeks start on Monday"


@pytest.fixture
def long_event(tmp_path):
    """The shape of UCDP-448455: 5,294 deaths reported for 2022-02-24..2022-09-23, and a one-day event."""
    rows = [row(event_id_cnty="LONG", event_date="2022-02-24", event_date_end="2022-09-23", fatalities="5294",
                time_precision="3", geo_precision="4"),
            row(event_id_cnty="DAY", event_date="2022-03-10", fatalities="2")]
    return load_events(write_events(tmp_path / "long.csv", rows)).events


def test_an_event_over_several_periods_is_spread_not_piled_on_its_first_day(long_event):
    for period in timeline.PERIODS:
        table = timeline.casualties_by_period(long_event, period)
        fatalities = table[table["measure"] == "Fatalities"]
        assert fatalities["known_total"].sum() == pytest.approx(5296), f"{period}: the totals are kept"
    months = timeline.casualties_by_period(long_event, "month")
    months = months[months["measure"] == "Fatalities"].set_index("period_start")
    per_day = 5294 / 212
    assert months.at["2022-02-01", "known_total"] == pytest.approx(5 * per_day), "5 of its 212 days in February"
    assert months.at["2022-03-01", "known_total"] == pytest.approx(31 * per_day + 2)
    assert months.at["2022-03-01", "spread_total"] == pytest.approx(31 * per_day)
    assert months.at["2022-03-01", "known_events"] == 2
    days = timeline.casualties_by_period(long_event, "day")
    assert days["known_total"].max() == pytest.approx(per_day + 2), "no one-day spike of 5,294"


def test_an_event_over_several_periods_is_counted_once_and_marked(long_event):
    counts = timeline.counts_by_period(long_event, "month")
    assert counts["events"].sum() == 2
    assert counts.set_index("period_start").at["2022-02-01", "date_known"] == "over several months"
    assert timeline.spanning_events(long_event, "month") == 1 and timeline.spanning_events(long_event, "year") == 0
    assert timeline.country_level(long_event) == 1


def test_dates_chosen_after_an_event_began_draw_its_days_inside_them_only(long_event):
    """June 2022 selects LONG (it ran on): it is counted at June's start, and only June's 30 of its 212 days'
    share of the figure is drawn, in June's periods; nothing before or after June stretches the charts."""
    june = (dt.date(2022, 6, 1), dt.date(2022, 6, 30))
    long_only = long_event[long_event["event_id_cnty"] == "LONG"]
    assert timeline.shown_bounds(long_only, june) == june
    assert timeline.shown_bounds(long_only, None) == (dt.date(2022, 2, 24), dt.date(2022, 9, 23))
    assert timeline.choose_period(timeline.shown_bounds(long_only, june)) == "day"
    counts = timeline.counts_by_period(long_only, "day", june)
    assert counts[["period_start", "date_known", "events"]].values.tolist() == [
        ["2022-06-01", "over several days", 1]]
    per_day = 5294 / 212
    for period in timeline.PERIODS:
        table = timeline.casualties_by_period(long_only, period, june)
        fatalities = table[table["measure"] == "Fatalities"]
        assert fatalities["known_total"].sum() == pytest.approx(30 * per_day), period
        spread = 30 * per_day if period != "year" else 0.0  # within 2022: not over several years
        assert fatalities["spread_total"].sum() == pytest.approx(spread), period
        assert fatalities["period_start"].min() >= "2022-01-01" and fatalities["period_start"].max() <= "2022-06-30"
    days = timeline.casualties_by_period(long_only, "day", june)
    assert days["period_start"].tolist()[::2] == [f"2022-06-{d:02d}" for d in range(1, 31)]
    weeks = timeline.casualties_by_period(long_only, "week", june)
    weeks = weeks[weeks["measure"] == "Fatalities"].set_index("period_start")
    assert weeks.at["2022-05-30", "known_total"] == pytest.approx(5 * per_day), "June 1-5 of the week of May 30"


def test_spans_snap_to_months_and_years():
    bounds = (dt.date(2014, 1, 22), dt.date(2023, 2, 28))
    assert timeline.span_from_selection(["2022-03-10", "2022-05-02"], "month", bounds) == (
        dt.date(2022, 3, 1), dt.date(2022, 5, 31))
    assert timeline.span_from_selection(["2013-06-01", "2014-02-02"], "year", bounds) == (
        dt.date(2014, 1, 22), dt.date(2014, 12, 31))


def _axis_values(spec: dict) -> list[str]:
    layer = spec.get("layer", [spec])[0]
    values = layer["encoding"]["x"]["axis"]["values"]
    return [f"{v['year']:04d}-{v['month']:02d}-{v['date']:02d}" for v in values]


def test_the_axis_covers_every_period_of_the_dates_chosen_empty_ones_included(events):
    """Newcomer trial 5: dates 2024-11-01..04 with events on the 3rd and 4th only drew two adjacent bars, nothing
    showing that the 1st and 2nd had none."""
    chosen = (dt.date(2024, 11, 1), dt.date(2024, 11, 4))
    assert timeline.axis_periods(chosen, "day") == (["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
                                                    "2024-11-05")
    assert timeline.axis_periods(chosen, "week") == (["2024-10-28", "2024-11-04"], "2024-11-11")
    assert timeline.axis_periods((dt.date(2022, 2, 24), dt.date(2022, 4, 2)), "month") == (
        ["2022-02-01", "2022-03-01", "2022-04-01"], "2022-05-01")
    chosen = (dt.date(2024, 11, 1), dt.date(2024, 11, 6))
    shown = events[events["event_date"] <= pd.Timestamp("2024-11-06")]  # on the 4th and the 6th
    for spec in (timeline.counts_chart(timeline.counts_by_period(shown, "day"), "day", chosen).to_dict(),
                 timeline.casualties_chart(timeline.casualties_by_period(shown, "day"), "day", chosen).to_dict()):
        x = spec.get("layer", [spec])[0]["encoding"]["x"]
        assert x["scale"]["domain"] == ["2024-11-01", "2024-11-07"]
        assert _axis_values(spec) == [f"2024-11-0{d}" for d in range(1, 7)], "empty days keep their place"


def test_one_axis_label_per_bar_never_twice_and_titles_that_fit(events):
    """Every day label used to appear twice (a tick every 12 hours under a date-only format)."""
    counts = timeline.counts_by_period(events, "day")
    spec = timeline.counts_chart(counts, "day").to_dict()
    assert _axis_values(spec) == sorted(set(counts["period_start"]))
    assert spec["encoding"]["x"]["axis"]["format"] == "%Y-%m-%d"
    months = [f"{y}-{m:02d}-01" for y in (2020, 2021, 2022) for m in range(1, 13)]
    ticks = _axis_values({"encoding": {"x": timeline._time_axis(months * 2, "month", None).to_dict()}})
    assert ticks == months[::3], "36 bars: a label every third bar, each once"
    casualties = timeline.casualties_chart(timeline.casualties_by_period(events, "week"), "week").to_dict()
    title = casualties["layer"][0]["encoding"]["y"]["title"]
    assert len(title) <= 12, "a longer y title is cut at the chart's height"
    for channel in ("color", "opacity"):
        assert spec["encoding"][channel]["legend"]["labelLimit"] == 0, "legend entries whole, never cut"
    axis = casualties["layer"][0]["encoding"]["y"]["axis"]
    assert axis == {"format": ",~f", "tickMinStep": 1}, "whole people, no '0.000000' (newcomer trial 6)"


def _lines(spec: dict, measure: str) -> list[list[tuple[str, float]]]:
    """The lines the casualties chart draws for `measure`: Vega-Lite draws one path per group of the line
    layer's colour and detail fields, through its rows in time order."""
    (rows,) = spec["datasets"].values()
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    keys = [line["encoding"][c]["field"] for c in ("color", "detail") if c in line["encoding"]]
    groups: dict[tuple, list] = {}
    for r in sorted(rows, key=lambda r: r["period_start"]):
        if r["measure"] == measure:
            groups.setdefault(tuple(r[k] for k in keys), []).append((r["period_start"], r["known_total"]))
    return sorted(groups.values())


def test_the_casualty_line_breaks_at_periods_with_no_known_figure(tmp_path):
    """Newcomer trial 10: one event two years after the others drew a line from 2024-11 (15) to 2026-11 (5), a
    trend through two empty years. A period with no event, or with events of unknown figures only, breaks the
    line; its neighbours stay points, and no zero is drawn for it."""
    rows = [
        row(event_id_cnty="A", event_date="2024-11-04", fatalities="10", injuries=""),
        row(event_id_cnty="B", event_date="2024-11-20", fatalities="5", injuries=""),
        row(event_id_cnty="C", event_date="2024-12-02", fatalities="3", injuries=""),
        row(event_id_cnty="D", event_date="2025-01-15", fatalities="", injuries=""),  # events, no figure known
        row(event_id_cnty="E", event_date="2025-02-10", fatalities="4", injuries=""),
        row(event_id_cnty="F", event_date="2026-11-05", fatalities="5", injuries=""),  # 20 empty months later
    ]
    events = load_events(write_events(tmp_path / "e.csv", rows)).events
    casualties = timeline.casualties_by_period(events, "month")
    spec = timeline.casualties_chart(casualties, "month").to_dict()
    assert _lines(spec, "Fatalities") == [[("2024-11-01", 15.0), ("2024-12-01", 3.0)], [("2025-02-01", 4.0)],
                                          [("2026-11-01", 5.0)]]
    (drawn,) = spec["datasets"].values()
    assert all(r["known_total"] not in (0, None) for r in drawn), "no zero or blank is drawn for unknown"
    january = casualties[casualties["period_start"] == "2025-01-01"]
    assert january["known_total"].isna().all() and list(january["unknown_events"]) == [1, 1]
