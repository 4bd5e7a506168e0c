"""The sidebar filters. Every widget is bound to the URL, so a filtered view can be shared as a link,
and keeps its value across pages."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from conflictmap.filters import EventFilter
from conflictmap.schema import EVENT_TYPES
from conflictmap.store import EventsFileError

from . import datasets

BOUND = {"bind": "query-params", "persist_state": "session"}


def choose_dataset() -> tuple[datasets.DatasetChoice, datasets.LoadedDataset | None]:
    options = datasets.choices()
    by_key = {c.key: c for c in options}
    key = st.sidebar.selectbox("Dataset", list(by_key), format_func=lambda k: by_key[k].label, key="dataset",
                               **BOUND)
    choice = by_key[key]
    try:
        return choice, datasets.load(choice)
    except EventsFileError as exc:
        st.error(f"The events file cannot be read: {exc}")
        return choice, None


def event_filter(loaded: datasets.LoadedDataset) -> EventFilter:
    """Draw the filter widgets for this dataset and return what they select."""
    side = st.sidebar
    bounds = loaded.date_range
    date_from = date_to = None
    if bounds and bounds[0] < bounds[1]:
        date_from, date_to = side.slider(
            "Dates", min_value=bounds[0], max_value=bounds[1], value=bounds, format="YYYY-MM-DD", key="dates",
            step=dt.timedelta(days=1), **BOUND,
        )
    elif bounds:
        side.caption(f"All events are dated {bounds[0].isoformat()}.")
    present = [t for t in EVENT_TYPES if t in loaded.event_types]
    types = side.multiselect("Event types", present, default=present, key="types", **BOUND)
    subs_available = [s for t in types for s in EVENT_TYPES[t] if s in loaded.sub_event_types]
    subs = side.multiselect("Sub-event types (none = all)", subs_available, default=[], key="sub", **BOUND)
    text = side.text_input("Search notes, places, actors, sources", key="q", **BOUND)
    precise = side.checkbox("Precise locations only", key="precise", **BOUND,
                            help="Leave out events placed only near a town or only to a region.")
    return EventFilter(
        date_from=date_from, date_to=date_to, event_types=tuple(types),
        sub_event_types=tuple(subs), text=text, precise_only=precise,
    )
