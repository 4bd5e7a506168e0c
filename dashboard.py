"""conflictmap: the app's entry point. Builds the navigation and runs the page the user asked for.

Run it with `streamlit run dashboard.py`. The pages themselves live in pages/; this file only says which pages
exist, under which title and address.

Streamlit (1.67) reads a pages/ folder beside the entry point as pages of its own until some session of the
server process has called `st.navigation`: a fresh server's first request lists this file as a page named
"dashboard" until the navigation below replaces it (while this file's imports load), and runs a linked page alone,
which then reruns itself through this file (ui/entry.py).
"""
from __future__ import annotations

import streamlit as st

from conflictmap.csvio import EventsFileError
from conflictmap.store import access, serve_on
from ui.safe import md

st.set_page_config(page_title="conflictmap", page_icon=":world_map:", layout="wide")


def navigation_pages(writable: bool = True) -> list[st.Page]:
    """The pages in the navigation, in order: the one place where the page list is built.

    A page left out of this list cannot be opened at all (its address gives the first page instead): in
    read-only mode (`conflictmap.store.readonly`) that is the Add events page.
    The url_path values are the addresses people link to (`/Timeline?dates=...`): keep them stable.
    """
    pages = [
        st.Page("pages/0_Map.py", title="Map", default=True),
        st.Page("pages/1_Timeline.py", title="Timeline", url_path="Timeline"),
        st.Page("pages/2_Events_table.py", title="Events table", url_path="Events_table"),
    ]
    if writable:
        pages.append(st.Page("pages/3_Add_events.py", title="Add events", url_path="Add_events"))
    return pages


# Labels in the sidebar's chips (the selected event types) are shown whole, wrapping if need be, rather than
# cut to "Strategic developm...". Chips of two lines are taller than Streamlit's, whose box holds 4.5 rows of them
# and scrolls the rest: at 1,024 px the last chips of six types were cut (newcomer trial 7), so the box grows.
st.html("""<style>
[data-testid="stSidebar"] div:has(> [data-testid="stMultiSelectTagsContainer"]) {
  max-height: none;
}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] {
  height: auto; white-space: normal;
}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] > span[title] {
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; line-height: 1.25;
}
</style>""")

serve_on(st.get_option("server.address"))
try:
    st.navigation(navigation_pages(access().writable)).run()
except EventsFileError as exc:  # a file that cannot be read or written, or that changed while a page read it
    st.error(md(exc))          # (store.cache.CachedResult), on any page: its one sentence, no traceback
