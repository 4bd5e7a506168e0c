"""The map page (the app's first page). Reads the sidebar, asks the conflictmap package, draws."""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from conflictmap import assets
from conflictmap.filters import linked_event, summary
from conflictmap.mapview import base_map, dataset_layer, off_map, prefetch_html, preload_html, view_layer
from conflictmap.wording import agreeing, counted
from ui import datasets, sidebar
from ui.entry import through_navigation
from ui.safe import md

through_navigation()

st.title("Conflict events map")

try:
    assets.check_installed()
except assets.AssetsMissing as exc:
    st.error(str(exc))
    st.stop()
# The map frame's scripts and styles go into the browser's cache now, while the server loads the dataset: the frame,
# created later, then reads each from the cache instead of asking for them one after the other.
st.html(preload_html(), unsafe_allow_javascript=True)

# The map element depends on the dataset only (its selection goes through the page, below), so it is sent as
# soon as the dataset is loaded, before the filter widgets, counts and notes: the browser then loads the map's
# frame, scripts and points while the rest of the page arrives, instead of after it. Everything said above the
# map is written into `above`, which keeps its place in the page.
above, map_slot = st.container(), st.container()
PLAYBACK_SPEEDS = [0.5, 1.0, 2.0, 4.0]  # days a second


def draw_map(choice: datasets.DatasetChoice, loaded: datasets.LoadedDataset) -> None:
    with map_slot:
        dataset = datasets.published(loaded)
        # its points start downloading as soon as the page shows this, before the map's frame and scripts load
        st.html(prefetch_html(dataset), unsafe_allow_javascript=True)
        st_folium(base_map(loaded.map_bounds), feature_group_to_add=dataset_layer(dataset, choice.label),
                  returned_objects=[], height=620, use_container_width=True, key="map")


with above:
    view = sidebar.filtered_view(on_loaded=draw_map)
    # The map reads a few columns (datasets.FIRST_VIEW_COLUMNS): the rest of a large file is not read for it.
    choice, loaded, events, mask = view.choice, view.loaded, view.loaded.first_view, view.mask
    if choice.attribution:
        st.caption(f"Data: {choice.attribution}")

    problems, cleared = loaded.result.problems, loaded.result.warnings
    if problems:
        st.warning(
            f"{counted(len(loaded.result.rejected_lines), 'row')} of {md(choice.path.name)} could not be shown and "
            f"{counted(len(cleared), 'value')} {agreeing(len(cleared), 'was')} cleared. Run `python -m conflictmap "
            "validate` for the same report."
        )
        with st.expander("Problems by line", expanded=len(problems) <= 10):
            st.text("\n".join(f"{p.severity}: {p}" for p in problems[:500]))

    st.sidebar.divider()
    heat = st.sidebar.toggle("Heat map (density)", key="heat", **sidebar.BOUND)
    playback = st.sidebar.toggle("Play back day by day", key="play", **sidebar.BOUND,
                                 help="Step or play through the selected dates one day at a time on the map.")
    speed = 1.0
    if playback:
        speed = st.sidebar.segmented_control(
            "Playback speed", PLAYBACK_SPEEDS, default=1.0, format_func=lambda v: f"{v:g}x", key="speed",
            required=True, **sidebar.BOUND, help="1x shows one day a second, 4x four days a second.")
    focus = linked_event(events, st.query_params.get("event"))
    if focus is not None:
        mask[focus] = True
        event_id = events["event_id_cnty"].iat[focus]
        left, right = st.columns([4, 1])
        left.info(f"Showing the linked event {md(event_id)}.")
        if right.button("Clear the link"):
            del st.query_params["event"]
            st.rerun()
    elif "event" in st.query_params:
        # Said once, and the link is dropped from the address: kept, it would be said again on every rerun and
        # copied into every link taken from this page.
        if st.query_params.get("event"):
            st.warning(f"No event {md(st.query_params.get('event'))} in this dataset: showing the map without it.")
        del st.query_params["event"]
    counts = summary(events, mask)

    cols = st.columns(3)
    cols[0].metric("Events", f"{counts['events']:,}")
    known = "Known for {:,} of {:,} events; blank is unknown."
    cols[1].metric("Fatalities", counts["fatalities"], help=known.format(counts["fatalities_known"], counts["events"]))
    cols[2].metric("Injuries", counts["injuries"], help=known.format(counts["injuries_known"], counts["events"]))
    if not counts["events"]:
        sidebar.say_nothing_matches(view.spec)
    elif playback:
        # the map's bar says the day shown as a part of these figures ("2024-11-04: 4 of 7 events")
        st.caption(f"Playing back: the figures count all {counted(counts['events'], 'event')} of the selected dates; "
                   "the map shows them one day at a time, and its bar says how many of them that day holds.")

    layer = view_layer(datasets.published(loaded), view.spec, mask, focus=focus, heat=heat, playback=playback,
                       dataset_key=choice.label, date_slider=sidebar.date_slider(loaded), speed=speed)
    # The selection goes through the page: the map element itself stays the same for one dataset.
    st.html(layer.selection_html())

# Checked after the map is drawn (the check reads the gazetteer) and said right below it, in page order: a notice
# written back into a slot above the map left the previous dataset's figures on the page after a switch.
misplaced = datasets.misplaced(loaded)
if not misplaced.empty:
    one = len(misplaced) == 1
    st.warning(f"{counted(len(misplaced), 'event')} of {md(choice.path.name)} {agreeing(len(misplaced), 'has')} "
               f"coordinates that contradict {'its' if one else 'their'} own region (drawn where the file puts "
               f"{'it' if one else 'them'}; check {'it' if one else 'them'} before citing the map). "
               "`python -m conflictmap validate` names their lines.")
    # The table is built while the box is open only: one that starts closed (more than 10 rows) costs the first
    # view nothing, where the table's code (st.dataframe, 1.2 MB of JavaScript) loaded with it delayed the map.
    box = st.expander("Coordinates to check", expanded=len(misplaced) <= 10, key="misplaced", on_change="rerun")
    if box.open:
        box.dataframe(misplaced, hide_index=True,  # the reason is a sentence: its column takes the room left
                      column_config={"reason": st.column_config.TextColumn("reason", width="large")})

# Events with no point on the map stay readable: listed here (and in the map's "not on the map" panel).
OFF_MAP_COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "location", "admin1", "country",
                   "fatalities", "injuries", "source", "notes"]
missing = off_map(events, mask)
for kind, title in (("country", "{are} placed only to a country and {are} not drawn on the map (a point there "
                                "would claim a place)"),
                    ("unplaced", "{have} no coordinates and {are} not on the map")):
    if missing[kind].any():
        n = int(missing[kind].sum())
        with st.expander(f"{counted(n, 'event')} in this selection "
                         + title.format(are=agreeing(n, "is"), have=agreeing(n, "has"))):
            st.dataframe(view.events.loc[missing[kind], OFF_MAP_COLUMNS], hide_index=True)
