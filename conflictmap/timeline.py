"""Events over time: counts per day, week, month or year by type, casualty sums that keep unknown apart from zero
and spread an event's figures over the dates it spans, and the Altair charts of the Timeline page (Altair only
builds a chart description; nothing here draws or imports streamlit).

Periods are numbered by ordinals (days since 1970-01-01; ISO weeks, which start on Monday; months; years), so
that the periods an event spans are found with array arithmetic, not a loop over events.
"""
from __future__ import annotations

import datetime as dt
import math

import altair as alt
import numpy as np
import pandas as pd

from .filters import COUNTRY_ONLY, event_days
from .style import TYPE_ORDER, TYPE_STYLES

PERIODS = ["day", "week", "month", "year"]
AUTO = "auto"
MAX_BARS = 150  # the automatic period is the finest one that needs at most this many bars
MAX_LABELS = 12  # time-axis labels, one per bar or per so many bars
DAY_KNOWN = "to the day"
WEEK_OR_MONTH = "week or month only"
NOT_STATED = "precision not stated"
MEASURES = {"fatalities": "Fatalities", "injuries": "Injuries"}
MEASURE_COLOURS = ["#000000", "#56B4E9"]  # Okabe & Ito black and sky blue: not an event-type colour
SELECTION = "span"
AXIS_FORMAT = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
AXIS_TITLE = {"day": "Day", "week": "Week starting (Monday)", "month": "Month", "year": "Year"}
_EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday (Monday = 0)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # day numbers here count from 1970-01-01


def _check(period: str) -> None:
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: expected one of {', '.join(PERIODS)}")


def spanning(period: str) -> str:
    """The date-known label of events that run into later periods than the one they are counted in."""
    return f"over several {period}s"


def date_known_order(period: str) -> list[str]:
    return [DAY_KNOWN, WEEK_OR_MONTH, spanning(period), NOT_STATED]


DATE_KNOWN_OPACITY = [0.95, 0.45, 0.25, 0.65]
# Legend entries whole ("Explosions/Remote violence", "runs over several weeks"): Vega-Lite cuts a label at
# 160 px by default, which cut them at 1,024 px (newcomer trial 6).
WHOLE_LABELS = alt.Legend(labelLimit=0)


def ordinal(days: np.ndarray, period: str) -> np.ndarray:
    """The number of the period holding each day (int64 days since 1970-01-01): days, Monday-based weeks,
    months (year * 12 + month - 1) or years."""
    _check(period)
    days = np.asarray(days, dtype=np.int64)
    if period == "day":
        return days
    if period == "week":
        return (days + _EPOCH_WEEKDAY) // 7
    dates = days.astype("datetime64[D]")
    if period == "month":
        return dates.astype("datetime64[M]").astype(np.int64) + 1970 * 12
    return dates.astype("datetime64[Y]").astype(np.int64) + 1970


def first_day(ordinals: np.ndarray, period: str) -> np.ndarray:
    """The first day (int64 days since 1970-01-01) of each numbered period; `ordinal`'s inverse."""
    _check(period)
    ordinals = np.asarray(ordinals, dtype=np.int64)
    if period == "day":
        return ordinals
    if period == "week":
        return ordinals * 7 - _EPOCH_WEEKDAY
    if period == "month":
        return (ordinals - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return (ordinals - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def _days(dates: pd.Series) -> np.ndarray:
    return dates.to_numpy(dtype="datetime64[D]").astype(np.int64)


def _iso(days: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(np.asarray(days, dtype=np.int64).astype("datetime64[D]"), unit="D")


def _day_numbers(*dates: dt.date) -> np.ndarray:
    """Days since 1970-01-01 (int64) of each date: the day numbers `ordinal` and `first_day` work in."""
    return np.array([d.toordinal() for d in dates], dtype=np.int64) - _EPOCH_ORDINAL


def period_start(dates: pd.Series, period: str) -> pd.Series:
    """The first day of each date's period (datetime64, same index); weeks start on Monday (ISO 8601)."""
    starts = first_day(ordinal(_days(dates), period), period).astype("datetime64[D]")
    return pd.Series(starts, index=dates.index).astype("datetime64[s]")


def periods_between(first: dt.date, last: dt.date, period: str) -> int:
    """How many periods (bars) the days `first`..`last` touch."""
    numbers = ordinal(_day_numbers(first, last), period)
    return int(numbers[1] - numbers[0] + 1)


def choose_period(bounds: tuple[dt.date, dt.date] | None) -> str:
    """The finest period that draws the dates `bounds` in at most MAX_BARS bars ("day" when there is no date)."""
    if bounds is None:
        return "day"
    return next((p for p in PERIODS if periods_between(*bounds, p) <= MAX_BARS), "year")


def _spans(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each event (int64 days); a blank or earlier end is the first day."""
    start, end = event_days(events)
    return _days(start), _days(end)


Dates = tuple[dt.date, dt.date] | None


def _shown_spans(events: pd.DataFrame, within: Dates) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of each event inside the dates `within` (both included; None: all its days). The
    events are those a date filter of `within` selects (filters.filter_mask), so each has a day inside them."""
    start, end = _spans(events)
    if within is None:
        return start, end
    lo, hi = _day_numbers(*within)
    return np.maximum(start, lo), np.minimum(end, hi)


def shown_bounds(events: pd.DataFrame, within: Dates) -> tuple[dt.date, dt.date] | None:
    """The first and last day the events run on inside the dates `within` (None: all their days); None for no
    event. What the charts span, so an event that began before the dates chosen does not stretch them."""
    if events.empty:
        return None
    start, end = _shown_spans(events, within)
    return (dt.date.fromordinal(int(start.min()) + _EPOCH_ORDINAL),
            dt.date.fromordinal(int(end.max()) + _EPOCH_ORDINAL))


def date_known(events: pd.DataFrame, period: str) -> pd.Series:
    """How well each event's date is known, as the timeline labels it: an event running into later periods is
    `spanning(period)` whatever its precision; otherwise its time_precision (blank is not "to the day")."""
    precision = events["time_precision"]
    labels = pd.Series(NOT_STATED, index=events.index, dtype=object)
    labels[(precision == 1).fillna(False).to_numpy(dtype=bool)] = DAY_KNOWN
    labels[precision.isin([2, 3]).fillna(False).to_numpy(dtype=bool)] = WEEK_OR_MONTH
    start, end = _spans(events)
    labels[ordinal(end, period) > ordinal(start, period)] = spanning(period)
    return labels


def counts_by_period(events: pd.DataFrame, period: str, within: Dates = None) -> pd.DataFrame:
    """Events per period, event type and how well the date is known (only non-empty groups).

    Columns: period_start, period_end (exclusive), both ISO dates; event_type; date_known; events. Each event is
    counted once, in the period of its first day (its first day inside the dates `within`, when given: one that
    began before them is counted at their start); one running into later periods is labelled `spanning(period)`.
    Raises ValueError for a period not in PERIODS.
    """
    number = ordinal(_shown_spans(events, within)[0], period)
    frame = pd.DataFrame({"number": number, "event_type": events["event_type"].astype(object).to_numpy(),
                          "date_known": date_known(events, period).to_numpy()})
    counts = frame.groupby(["number", "event_type", "date_known"], sort=False).size().reset_index(name="events")
    type_rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    known_rank = {k: i for i, k in enumerate(date_known_order(period))}
    counts = counts.assign(
        _t=counts["event_type"].map(type_rank), _k=counts["date_known"].map(known_rank)
    ).sort_values(["number", "_t", "_k"])
    numbers = counts["number"].to_numpy()
    return pd.DataFrame({
        "period_start": _iso(first_day(numbers, period)),
        "period_end": _iso(first_day(numbers + 1, period)),
        "event_type": counts["event_type"].to_numpy(),
        "date_known": counts["date_known"].to_numpy(),
        "events": counts["events"].astype(int).to_numpy(),
    })


def spread(events: pd.DataFrame, period: str, within: Dates = None) -> pd.DataFrame:
    """Each event's share of each period its dates touch: one row per (event, period).

    Columns: row (position of the event in `events`), number (period ordinal), share (days of the event in
    that period / all its days; 1.0 for an event within one period), several (the event runs over more than one
    period). The shares of one event add up to 1. With `within` (first, last dates), only its days inside them
    count: the shares add up to the part of its days that lie inside.
    """
    start, end = _spans(events)
    shown_start, shown_end = _shown_spans(events, within)
    first, last = ordinal(shown_start, period), ordinal(shown_end, period)
    count = np.maximum(last - first + 1, 0)  # 0: an event with no day inside `within`
    rows = np.repeat(np.arange(len(events)), count)
    step = np.arange(rows.size) - np.repeat(np.cumsum(count) - count, count)
    number = first[rows] + step
    inside = (np.minimum(shown_end[rows] + 1, first_day(number + 1, period))
              - np.maximum(shown_start[rows], first_day(number, period)))
    several = ordinal(end, period) > ordinal(start, period)
    return pd.DataFrame({"row": rows, "number": number, "share": inside / (end - start + 1)[rows],
                         "several": several[rows]})


def casualties_by_period(events: pd.DataFrame, period: str, within: Dates = None) -> pd.DataFrame:
    """Known fatalities and injuries per period, an event's figure spread evenly over the days it spans; with
    `within` (first, last dates), only the periods inside them, with the share of the days inside them.

    Columns: period_start (ISO), measure ("Fatalities"/"Injuries"), known_total (float: the sum of the known
    figures' shares; None where no event touching the period has a figure: unknown, not 0), spread_total (the
    part of known_total that comes from events spanning several periods; a source gives only their total),
    known_events, unknown_events (events touching the period with and without a figure). The known totals over
    all periods add up to the sum of the known figures (of their shares inside `within`). Raises ValueError for a
    period not in PERIODS.
    """
    shares = spread(events, period, within)
    rows = []
    for column, label in MEASURES.items():
        values = events[column].to_numpy(dtype="float64", na_value=np.nan)[shares["row"].to_numpy()]
        known = ~np.isnan(values)
        part = np.where(known, values * shares["share"].to_numpy(), 0.0)
        table = pd.DataFrame({"number": shares["number"], "part": part, "known": known,
                              "spread": np.where(shares["several"], part, 0.0)}).groupby("number", sort=True).agg(
            total=("part", "sum"), spread=("spread", "sum"), known=("known", "sum"), n=("known", "size"))
        starts = _iso(first_day(table.index.to_numpy(), period))
        for start, rec in zip(starts, table.itertuples()):
            rows.append({
                "period_start": start, "measure": label,
                "known_total": float(rec.total) if rec.known else None,
                "spread_total": float(rec.spread) if rec.known else None,
                "known_events": int(rec.known), "unknown_events": int(rec.n - rec.known),
            })
    columns = ["period_start", "measure", "known_total", "spread_total", "known_events", "unknown_events"]
    return pd.DataFrame(rows, columns=columns).sort_values(["period_start", "measure"], kind="stable").reset_index(
        drop=True)


def imprecise_dates(events: pd.DataFrame) -> int:
    """Events whose date is known only to the week or the month."""
    return int(events["time_precision"].isin([2, 3]).fillna(False).sum())


def spanning_events(events: pd.DataFrame, period: str) -> int:
    """Events whose dates run over more than one period."""
    start, end = _spans(events)
    return int((ordinal(end, period) > ordinal(start, period)).sum())


def country_level(events: pd.DataFrame) -> int:
    """Events placed only to the country (geo_precision 4)."""
    return int((events["geo_precision"] == COUNTRY_ONLY).fillna(False).sum())


def _as_date(value) -> dt.date:
    """A selection bound from the browser: epoch milliseconds (UTC) or an ISO date/time string."""
    if isinstance(value, (int, float)):
        return pd.Timestamp(value, unit="ms", tz="UTC").date()
    stamp = pd.Timestamp(str(value))
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC")
    return stamp.date()


def span_from_selection(values, period: str, bounds: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """The date filter a brushed span asks for: whole periods from the one the span starts in to the one it
    ends in, clipped to the dataset's dates. None when there is no usable span."""
    if not values or len(values) != 2:
        return None
    try:
        first, last = sorted(_as_date(v) for v in values)
    except (TypeError, ValueError, OverflowError):
        return None
    numbers = ordinal(_day_numbers(first, last), period)
    date_from = dt.date.fromordinal(int(first_day(numbers[:1], period)[0]) + _EPOCH_ORDINAL)
    date_to = dt.date.fromordinal(int(first_day(numbers[1:] + 1, period)[0]) + _EPOCH_ORDINAL - 1)
    if bounds is not None:
        date_from, date_to = max(date_from, bounds[0]), min(date_to, bounds[1])
    if date_from > date_to:
        return None
    return date_from, date_to


def axis_periods(span: tuple[dt.date, dt.date], period: str) -> tuple[list[str], str]:
    """The first day of every period the days of `span` touch (ISO dates, in order) and the day after the last
    period ends: the time axis covers them all, so a period with no event shows as a gap, never closed up."""
    first, last = ordinal(_day_numbers(*span), period)
    numbers = np.arange(first, last + 2, dtype=np.int64)
    starts = list(_iso(first_day(numbers, period)))
    return starts[:-1], starts[-1]


def _time_axis(starts, period: str, span: tuple[dt.date, dt.date] | None) -> alt.X:
    """One label per bar, or per so many bars (at most MAX_LABELS), at the periods' own first days; with `span`
    (the dates chosen, or shown), the axis covers every period of it, empty ones included."""
    scale = alt.Scale(type="utc")
    if span is not None:
        starts, end = axis_periods(span, period)
        scale = alt.Scale(type="utc", domain=[starts[0], end])
    starts = sorted(set(starts))
    step = max(1, math.ceil(len(starts) / MAX_LABELS))
    days = [dt.date.fromisoformat(s) for s in starts[::step]]
    ticks = [alt.DateTime(year=d.year, month=d.month, date=d.day, utc=True) for d in days]
    return alt.X("period_start:T", title=AXIS_TITLE[period], scale=scale,
                 axis=alt.Axis(format=AXIS_FORMAT[period], values=ticks, labelAngle=-30,
                               labelOverlap=True))


def counts_chart(counts: pd.DataFrame, period: str, span: tuple[dt.date, dt.date] | None = None) -> alt.Chart:
    """Stacked bars per period in the map's colours; lighter bars are events dated only to the week or month, or
    running over several periods. Dragging across the chart makes the interval selection named SELECTION on the
    time axis. `span` (first and last day) is the stretch of time the axis covers, every period of it shown."""
    present = [t for t in TYPE_ORDER if t in set(counts["event_type"])]
    brush = alt.selection_interval(name=SELECTION, encodings=["x"])
    return alt.Chart(counts).mark_bar().encode(
        x=_time_axis(counts["period_start"], period, span),
        x2="period_end:T",
        y=alt.Y("sum(events):Q", title="Events", stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("event_type:N", title="Event type", legend=WHOLE_LABELS,
                        scale=alt.Scale(domain=present, range=[TYPE_STYLES[t]["color"] for t in present])),
        opacity=alt.Opacity("date_known:N", title="Date known", legend=WHOLE_LABELS,
                            scale=alt.Scale(domain=date_known_order(period), range=DATE_KNOWN_OPACITY)),
        order=alt.Order("date_known:N"),
        tooltip=[alt.Tooltip("period_start:N", title="From"), alt.Tooltip("event_type:N", title="Type"),
                 alt.Tooltip("date_known:N", title="Date known"), alt.Tooltip("sum(events):Q", title="Events")],
    ).add_params(brush).properties(height=320)


def line_runs(casualties: pd.DataFrame, period: str) -> pd.Series:
    """The run of each row of `casualties` (casualties_by_period's known rows): rows of one measure in
    consecutive periods share a run (int64, same index), and a period with no known figure (no event, or only
    blank figures) starts a new one. The chart draws one line per run, so it never joins two known sums across
    a period it knows nothing of (newcomer trial 10: a line from 2024-11 to 2026-11 read as a trend through two
    empty years). Raises ValueError for a period not in PERIODS."""
    number = pd.Series(ordinal(_days(pd.to_datetime(casualties["period_start"])), period), index=casualties.index)
    # Within a run, number - rank is constant; a skipped period raises it.
    rank = number.groupby(casualties["measure"]).rank(method="first").astype(np.int64)
    return number - rank


def casualties_chart(casualties: pd.DataFrame, period: str,
                     span: tuple[dt.date, dt.date] | None = None) -> alt.LayerChart:
    """Known sums as lines with points; periods where nobody reported a figure have no point (not zero) and
    break the line (`line_runs`): a lone known period is a point alone. A point whose sum includes figures
    spread from events spanning several periods is hollow, and its tooltip says how much. The axis counts in
    whole people, its labels without trailing zeros (an axis with no figure on it read "0.000000")."""
    known = casualties[casualties["known_total"].notna()]
    known = known.assign(run=line_runs(known, period))
    colour = alt.Color("measure:N", title="", scale=alt.Scale(domain=list(MEASURES.values()), range=MEASURE_COLOURS))
    base = alt.Chart(known).encode(x=_time_axis(known["period_start"], period, span),
                                   y=alt.Y("known_total:Q", title="Known total",
                                           axis=alt.Axis(tickMinStep=1, format=",~f")), color=colour)
    points = base.mark_point(filled=True, size=40).encode(
        fill=alt.condition(alt.datum.spread_total > 0, alt.value("white"), colour),
        tooltip=[alt.Tooltip("period_start:N", title="From"), alt.Tooltip("measure:N", title="Figure"),
                 alt.Tooltip("known_total:Q", title="Known total", format=",.0f"),
                 alt.Tooltip("spread_total:Q", title="of which spread from longer events", format=",.0f"),
                 alt.Tooltip("known_events:Q", title="Events with a figure"),
                 alt.Tooltip("unknown_events:Q", title="Events with no figure")],
    )
    return alt.layer(base.mark_line().encode(detail="run:N"), points).properties(height=260)
