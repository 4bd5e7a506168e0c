"""Timeline page: events per day, week, month or year by type, casualties over time; dragging across the chart
sets the dates."""
from __future__ import annotations

import streamlit as st

from conflictmap import timeline
from conflictmap.filters import summary
from conflictmap.wording import agreeing, counted
from ui import sidebar
from ui.entry import through_navigation

through_navigation()

st.set_page_config(page_title="conflictmap: timeline", page_icon=":world_map:", layout="wide")
st.title("Timeline")

view = sidebar.filtered_view()
loaded, mask, events = view.loaded, view.mask, view.events
shown = events[mask]
counts = summary(events, mask)
bounds = loaded.date_range
can_narrow = bool(bounds and bounds[0] < bounds[1])
within = view.state.dates  # the dates chosen (None: all): an event that began before them is drawn from their start
# The charts' time axis covers the dates chosen (or those of the events shown), empty periods and all; the automatic
# period fits that stretch.
axis_span = within or timeline.shown_bounds(shown, within)
automatic = timeline.choose_period(axis_span)


def show_all_dates() -> None:
    """A callback, so it runs before the sidebar draws the date slider in the rerun."""
    sidebar.set_filters(dates=None)


def apply_span() -> None:
    """Chart selection callback: like the one above it runs before the sidebar draws, so it may set the dates.
    It fires only when the selection changes, so a span still drawn never pulls a moved slider back."""
    values = st.session_state["timeline_chart"].selection.get(timeline.SELECTION, {}).get("period_start")
    span = timeline.span_from_selection(values, period, bounds) if can_narrow else None
    if span is not None:
        sidebar.set_filters(dates=span)


choice = st.radio("One bar per", [timeline.AUTO, *timeline.PERIODS], horizontal=True, key="per", **sidebar.BOUND,
                  help=f"auto: the finest period that shows the selected dates in at most {timeline.MAX_BARS} bars.")
period = automatic if choice == timeline.AUTO else choice
if shown.empty:
    sidebar.say_nothing_matches(view.spec)
    st.stop()

per_period = timeline.counts_by_period(shown, period, within)
st.subheader(f"Events per {period}" + (" (chosen for the dates shown)" if choice == timeline.AUTO else ""))
st.altair_chart(timeline.counts_chart(per_period, period, axis_span), on_select=apply_span,
                selection_mode=timeline.SELECTION, key="timeline_chart", width="stretch")
notes = [f"{counted(counts['events'], 'event')}, {'' if counts['events'] == 1 else 'each '}in the bar of the "
         f"{period} it begins in"
         + (" (or the first of the dates chosen, for one that began before them)." if within else ".")]
imprecise = timeline.imprecise_dates(shown)
if imprecise:
    notes.append(f"{imprecise:,} of them {agreeing(imprecise, 'is')} dated only to the week or month (lighter bars).")
several = timeline.spanning_events(shown, period)
if several:
    notes.append(f"{several:,} {agreeing(several, 'runs')} over several {period}s (lightest bars); in the chart "
                 f"below {'its' if several == 1 else 'their'} figures are spread evenly over "
                 f"{'its' if several == 1 else 'their'} dates.")
if can_narrow:
    notes.append("Drag across the bars to narrow the date filter to that span.")
st.caption(" ".join(notes))
if can_narrow and view.state.dates is not None:
    st.button("Show all dates", on_click=show_all_dates)

st.subheader("Reported fatalities and injuries")
casualties = timeline.casualties_by_period(shown, period, within)
if casualties["known_total"].notna().any():
    st.altair_chart(timeline.casualties_chart(casualties, period, axis_span), width="stretch")
else:  # an empty chart only showed an axis of zeros
    st.info("No fatality or injury figure is known for the events shown: nothing to draw (unknown is not zero).")
unknown_fatalities = counts["events"] - counts["fatalities_known"]
unknown_injuries = counts["events"] - counts["injuries_known"]
caption = (f"Sums of the known figures only. Fatalities are unknown for {unknown_fatalities:,} and injuries for "
           f"{unknown_injuries:,} of the {counted(counts['events'], 'event')}; unknown is not zero, so those events "
           "are not counted, and a period with no known figure (no event, or blank figures only) has no point: the line "
           "breaks there rather than drawing a trend through it.")
if several:
    caption += (f" A hollow point includes figures of events that run over several {period}s, spread evenly over "
                "their days: the sources give only the total (the tooltip says how much).")
    if within:
        caption += " Only the share of their days within the dates chosen is drawn."
country = timeline.country_level(shown)
if country:
    caption += f" {country:,} of the events {agreeing(country, 'is')} placed only to the country."
st.caption(caption)

with st.expander("The numbers behind the charts"):
    st.dataframe(per_period, hide_index=True)
    st.dataframe(casualties, hide_index=True)
