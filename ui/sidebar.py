"""The sidebar filters. Every widget is bound to the URL, so a filtered view can be shared as a link,
and keeps its value across pages."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import streamlit as st

from conflictmap.filters import EventFilter, filter_mask
from conflictmap.geocoding import GeodataError
from conflictmap.schema import EVENT_TYPES
from conflictmap.store import EventsFileError

from . import datasets
from .safe import md

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
        st.error(f"The events file cannot be read: {md(exc)}")
        return choice, None


@dataclass
class View:
    """What a page shows: the chosen dataset, the user's filter and the rows it selects."""

    choice: datasets.DatasetChoice
    loaded: datasets.LoadedDataset
    spec: EventFilter
    mask: np.ndarray

    @property
    def events(self):
        return self.loaded.result.events


def filtered_view() -> View:
    """The sidebar every events page starts with; stops the page when the events file cannot be read."""
    choice, loaded = choose_dataset()
    if loaded is None:
        st.stop()
    spec = event_filter(loaded)
    return View(choice, loaded, spec, filter_mask(loaded.result.events, spec))


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
    near, within_km = near_place()
    return EventFilter(
        date_from=date_from, date_to=date_to, event_types=tuple(types),
        sub_event_types=tuple(subs), text=text, precise_only=precise, near=near, within_km=within_km,
    )


def near_place() -> tuple[tuple[float, float] | None, float | None]:
    """'Within N km of <place>': the place goes through the project's geocoder, never a guess."""
    side = st.sidebar
    place = side.text_input("Near a place", key="near", placeholder="e.g. Kharkiv, Koursk, Запоріжжя", **BOUND)
    km = side.number_input("Within km", min_value=1, max_value=1000, value=50, step=5, key="km", **BOUND)
    if not place.strip():
        return None, None
    try:
        result = geocode_place(place.strip())
    except GeodataError:
        side.warning("The gazetteer data cannot be read, so 'near' is off. Run scripts/setup.sh, or check "
                     "CONFLICTMAP\\_GEODATA.")
        return None, None
    if not result.found:
        names = "; ".join(f"{c['name']} ({c.get('admin1') or c.get('country')})" for c in result.candidates[:5])
        side.warning(f"'{md(place)}' could not be placed" + (
            f": several places match ({md(names)}). Add the region, e.g. 'Lyman, Donetsk Oblast'." if names else "."))
        return None, None
    side.caption(md(f"Within {km} km of {result.name}, {result.admin1 or ''} {result.country or ''} "
                    f"(precision {result.geo_precision}, {result.source})"))
    return (result.lat, result.lon), float(km)


@st.cache_data(max_entries=256, show_spinner=False)
def geocode_place(query: str):
    from conflictmap.geocoding import get_geocoder

    return get_geocoder().lookup(query)
