"""What every peer app shares: the same events file and the same two sidebar filters as conflictmap's map page.

The peers are deliberately minimal apps written the way Streamlit's documentation suggests, each given the
fastest reasonable idiom (the parsed frame is kept with `st.cache_resource`, so a rerun does not copy it).
"""
from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import streamlit as st

COLUMNS = ["event_date", "event_type", "latitude", "longitude"]


@st.cache_resource(show_spinner="Loading events...")
def load(path: str) -> pd.DataFrame:
    """The four columns the peers use; rows without coordinates cannot be drawn by any of them."""
    frame = pd.read_csv(path, usecols=COLUMNS, parse_dates=["event_date"])
    return frame.dropna(subset=["latitude", "longitude"]).reset_index(drop=True)


def filtered_events(title: str) -> pd.DataFrame:
    """Draw the title and the two filters (dates slider, event-types multiselect); return the selected rows."""
    st.set_page_config(page_title=title, layout="wide")
    st.title(title)
    events = load(os.environ["CONFLICTMAP_EVENTS"])
    first, last = events["event_date"].min().date(), events["event_date"].max().date()
    start, end = st.sidebar.slider("Dates", min_value=first, max_value=last, value=(first, last),
                                   format="YYYY-MM-DD", step=dt.timedelta(days=1), key="dates")
    present = sorted(events["event_type"].unique())
    types = st.sidebar.multiselect("Event types", present, default=present, key="types")
    dates = events["event_date"]
    mask = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end)) & events["event_type"].isin(types)
    selected = events[mask]
    st.metric("Events", f"{len(selected):,}")
    return selected
