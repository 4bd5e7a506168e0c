"""Events table page: the filtered events, sortable, with downloads of exactly that set."""
from __future__ import annotations

import streamlit as st

from conflictmap import exports
from conflictmap.filters import describe
from conflictmap.schema import (
    COLUMN_DOCS, COLUMN_LABELS, COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, safe_urls,
)
from conflictmap.review.table import when_text
from conflictmap.wording import counted
from ui import sidebar
from ui.entry import through_navigation
from ui.safe import md

through_navigation()

st.set_page_config(page_title="conflictmap: events table", page_icon=":world_map:", layout="wide")
st.title("Events table")

view = sidebar.filtered_view()
choice, loaded, spec, mask, events = view.choice, view.loaded, view.spec, view.mask, view.events
shown = events[mask]


def export_data(kind: str, description: str):
    """The download of the shown events in `kind` (csv, geojson, html), built when its button is clicked
    (Streamlit's deferred download): built on every run before the table, the three files of a 300,000-event
    selection kept the table from showing for almost four minutes (newcomer trial 10)."""
    frame, attribution = shown, choice.attribution

    def build() -> bytes:
        if kind == "csv":
            return exports.csv_bytes(frame)
        if kind == "geojson":
            return exports.geojson_bytes(frame)
        return exports.standalone_html_bytes(frame, title="conflictmap: exported events", description=description,
                                             attribution=attribution)
    return build


description = describe(spec)
st.caption(f"{len(shown):,} of {counted(len(events), 'event')}. {md(description)}.")  # holds the search text
if choice.attribution:
    st.caption(f"Data: {choice.attribution}")

stem = f"conflictmap-{choice.key}-{len(shown)}-events"
cols = st.columns(3)
cols[0].download_button("Download CSV", export_data("csv", description), file_name=f"{stem}.csv",
                        mime="text/csv", on_click="ignore", key="download_csv",
                        help="ACLED's column order, then this project's columns. Cells that a spreadsheet would "
                             "run as a formula start with an apostrophe.")
cols[1].download_button("Download GeoJSON", export_data("geojson", description), file_name=f"{stem}.geojson",
                        mime="application/geo+json", on_click="ignore", key="download_geojson",
                        help="RFC 7946 FeatureCollection; events without coordinates have a null geometry.")
cols[2].download_button("Download HTML map", export_data("html", description), file_name=f"{stem}.html",
                        mime="text/html", on_click="ignore", key="download_html",
                        help="One file that opens in any browser without this app; map tiles load from "
                             "OpenStreetMap when online.")

if shown.empty:
    sidebar.say_nothing_matches(view.spec)
    st.stop()

# Only http(s) addresses become links; a cell may hold several, the first is the link and all are listed.
# "When" says the date as the map's popups do ("around 2024-11-04 (known to the week)"); the recorded date and its
# precision follow in the schema's own columns.
table = shown[COLUMNS].assign(
    source_link=shown["source_url"].map(lambda value: next(iter(safe_urls(value)), "")),
    when=when_text(shown),
)
# First, where a reader looks for it; left out when no shown event has a link (an empty first column reads as
# missing data).
table = table[(["source_link"] if table["source_link"].ne("").any() else []) + ["when"] + COLUMNS]


def column(name: str):
    """A readable header, the schema's description as its help; the downloads keep the schema's names."""
    label, about = COLUMN_LABELS[name], COLUMN_DOCS[name]
    if name in ("event_date", "event_date_end"):
        return st.column_config.DateColumn(label, help=about, format="YYYY-MM-DD")
    if name in FLOAT_COLUMNS:
        return st.column_config.NumberColumn(label, help=about, format="%.5f")
    if name in INTEGER_COLUMNS:
        return st.column_config.NumberColumn(label, help=about, format="%d")
    return st.column_config.TextColumn(label, help=about)


ROW_PX = 35  # Streamlit's row height; the table is as tall as its rows, up to 16 of them, then scrolls
# The grid sizes a column by its first rows and cut "When" ("...(exact day unk", newcomer trial 7): it is as wide as
# its longest text, at most 7 px a character of the grid's 13 px font plus the cell's padding (checked by screenshot
# at 1,400 px).
WHEN_PX = 7 * int(table["when"].str.len().max()) + 20
st.dataframe(
    table, hide_index=True, width="stretch", height=ROW_PX * (min(len(table), 16) + 1) + 3, key="events_table",
    placeholder="",
    column_config={"source_link": st.column_config.LinkColumn("Source link", help="First http(s) link of the source"),
                   "when": st.column_config.TextColumn("When", width=WHEN_PX,
                                                       help="The date as the map says it: a date known only to the "
                                                       "week is the day recorded, said to be known to the week "
                                                       "(the Timeline counts it in that Monday week); only to the "
                                                       "month, its month; only within a span of days (UCDP's "
                                                       "earliest and latest possible days), that span."),
                   **{name: column(name) for name in COLUMNS}},
)
st.caption("Click a column header to sort. A blank cell is unknown (a blank fatalities or injuries cell is not "
           "zero). The downloads use the schema's column names.")
