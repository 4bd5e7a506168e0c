"""Events over time: counts per day or week by type, casualty sums that keep unknown apart from zero, and the
Altair charts of the Timeline page (Altair only builds a chart description; nothing here draws or imports
streamlit)."""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from .style import TYPE_ORDER, TYPE_STYLES

PERIOD_DAYS = {"day": 1, "week": 7}
DAY_KNOWN = "to the day"
WEEK_OR_MONTH = "week or month only"
NOT_STATED = "precision not stated"
DATE_KNOWN_ORDER = [DAY_KNOWN, WEEK_OR_MONTH, NOT_STATED]
DATE_KNOWN_OPACITY = [0.95, 0.35, 0.65]
MEASURES = {"fatalities": "Fatalities", "injuries": "Injuries"}
MEASURE_COLOURS = ["#000000", "#56B4E9"]  # Okabe & Ito black and sky blue: not an event-type colour
SELECTION = "span"


def period_start(dates: pd.Series, period: str) -> pd.Series:
    """The first day of each date's period; weeks start on Monday (ISO 8601)."""
    days = dates.dt.normalize()
    if period == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if period == "day":
        return days
    raise ValueError(f"unknown period {period!r}: expected one of {', '.join(PERIOD_DAYS)}")


def date_known(time_precision: pd.Series) -> pd.Series:
    """How well each event's date is known, as the timeline labels it (blank precision is not the day)."""
    labels = pd.Series(NOT_STATED, index=time_precision.index, dtype=object)
    labels[(time_precision == 1).fillna(False).to_numpy(dtype=bool)] = DAY_KNOWN
    labels[time_precision.isin([2, 3]).fillna(False).to_numpy(dtype=bool)] = WEEK_OR_MONTH
    return labels


def _iso(days: pd.Series) -> pd.Series:
    return days.dt.strftime("%Y-%m-%d")


def counts_by_period(events: pd.DataFrame, period: str) -> pd.DataFrame:
    """Events per period, event type and date precision (only non-empty groups).

    Columns: period_start, period_end (exclusive), both ISO dates; event_type; date_known; events.
    An event known only to the week or month is counted in the period of its first day.
    """
    start = period_start(events["event_date"], period)
    frame = pd.DataFrame({
        "start": start,
        "event_type": events["event_type"].astype(object),
        "date_known": date_known(events["time_precision"]),
    })
    counts = frame.groupby(["start", "event_type", "date_known"], sort=False).size().reset_index(name="events")
    type_rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    known_rank = {k: i for i, k in enumerate(DATE_KNOWN_ORDER)}
    counts = counts.assign(
        _t=counts["event_type"].map(type_rank), _k=counts["date_known"].map(known_rank)
    ).sort_values(["start", "_t", "_k"]).drop(columns=["_t", "_k"])
    out = pd.DataFrame({
        "period_start": _iso(counts["start"]),
        "period_end": _iso(counts["start"] + pd.Timedelta(days=PERIOD_DAYS[period])),
        "event_type": counts["event_type"],
        "date_known": counts["date_known"],
        "events": counts["events"].astype(int),
    })
    return out.reset_index(drop=True)


def casualties_by_period(events: pd.DataFrame, period: str) -> pd.DataFrame:
    """Known fatalities and injuries per period, with how many events had a figure and how many did not.

    Columns: period_start (ISO), measure ("Fatalities"/"Injuries"), known_total, known_events, unknown_events.
    A period where no event has a figure has known_total None (unknown), not 0.
    """
    start = period_start(events["event_date"], period)
    rows = []
    for column, label in MEASURES.items():
        values = events[column]
        grouped = pd.DataFrame({"start": start, "value": values, "known": values.notna()}).groupby("start")
        table = grouped.agg(total=("value", "sum"), known=("known", "sum"), n=("known", "size"))
        for day, rec in table.sort_index().iterrows():
            known = int(rec["known"])
            rows.append({
                "period_start": day.strftime("%Y-%m-%d"),
                "measure": label,
                "known_total": int(rec["total"]) if known else None,
                "known_events": known,
                "unknown_events": int(rec["n"]) - known,
            })
    out = pd.DataFrame(rows, columns=["period_start", "measure", "known_total", "known_events", "unknown_events"])
    out["known_total"] = out["known_total"].astype("Int64")
    return out


def imprecise_dates(events: pd.DataFrame) -> int:
    """Events whose date is known only to the week or the month."""
    return int(events["time_precision"].isin([2, 3]).fillna(False).sum())


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
    start = period_start(pd.Series(pd.to_datetime([first, last])), period)
    date_from = start.iloc[0].date()
    date_to = start.iloc[1].date() + dt.timedelta(days=PERIOD_DAYS[period] - 1)
    if bounds is not None:
        date_from, date_to = max(date_from, bounds[0]), min(date_to, bounds[1])
    if date_from > date_to:
        return None
    return date_from, date_to


def _time_axis(title: str) -> alt.X:
    return alt.X("period_start:T", title=title, scale=alt.Scale(type="utc"),
                 axis=alt.Axis(format="%Y-%m-%d", labelAngle=-30))


def counts_chart(counts: pd.DataFrame, period: str) -> alt.Chart:
    """Stacked bars per period in the map's colours; lighter bars are events dated only to the week or month.
    Dragging across the chart makes the interval selection named SELECTION on the time axis."""
    present = [t for t in TYPE_ORDER if t in set(counts["event_type"])]
    brush = alt.selection_interval(name=SELECTION, encodings=["x"])
    return alt.Chart(counts).mark_bar().encode(
        x=_time_axis("Week starting" if period == "week" else "Day"),
        x2="period_end:T",
        y=alt.Y("sum(events):Q", title="Events", stack="zero"),
        color=alt.Color("event_type:N", title="Event type",
                        scale=alt.Scale(domain=present, range=[TYPE_STYLES[t]["color"] for t in present])),
        opacity=alt.Opacity("date_known:N", title="Date known",
                            scale=alt.Scale(domain=DATE_KNOWN_ORDER, range=DATE_KNOWN_OPACITY)),
        order=alt.Order("date_known:N"),
        tooltip=[alt.Tooltip("period_start:N", title="From"), alt.Tooltip("event_type:N", title="Type"),
                 alt.Tooltip("date_known:N", title="Date known"), alt.Tooltip("sum(events):Q", title="Events")],
    ).add_params(brush).properties(height=320)


def casualties_chart(casualties: pd.DataFrame, period: str) -> alt.Chart:
    """Known sums as lines with points; periods where nobody reported a figure have no point (not zero)."""
    known = casualties[casualties["known_total"].notna()]
    return alt.Chart(known).mark_line(point=True).encode(
        x=_time_axis("Week starting" if period == "week" else "Day"),
        y=alt.Y("known_total:Q", title="Reported (known figures only)"),
        color=alt.Color("measure:N", title="", scale=alt.Scale(domain=list(MEASURES.values()),
                                                               range=MEASURE_COLOURS)),
        tooltip=[alt.Tooltip("period_start:N", title="From"), alt.Tooltip("measure:N", title="Figure"),
                 alt.Tooltip("known_total:Q", title="Known total"),
                 alt.Tooltip("known_events:Q", title="Events with a figure"),
                 alt.Tooltip("unknown_events:Q", title="Events with no figure")],
    ).properties(height=260)
