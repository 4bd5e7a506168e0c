"""conflictmap: the app's entry point. Builds the navigation and runs the page the user asked for.

Run it with `streamlit run dashboard.py`. The pages themselves live in pages/; this file only says which pages
exist, under which title and address.
"""
from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="conflictmap", page_icon=":world_map:", layout="wide")


def navigation_pages() -> list[st.Page]:
    """The pages in the navigation, in order: the one place where the page list is built.

    A page left out of this list cannot be opened at all (its address gives the first page instead).
    The url_path values are the addresses people link to (`/Timeline?dates=...`): keep them stable.
    """
    return [
        st.Page("pages/0_Map.py", title="Map", default=True),
        st.Page("pages/1_Timeline.py", title="Timeline", url_path="Timeline"),
        st.Page("pages/2_Events_table.py", title="Events table", url_path="Events_table"),
        st.Page("pages/3_Add_events.py", title="Add events", url_path="Add_events"),
    ]


# Labels in the sidebar's chips (the selected event types) are shown whole, wrapping if need be, rather than
# cut to "Strategic developm...".
st.html("""<style>
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] {
  height: auto; white-space: normal;
}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] > span[title] {
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; line-height: 1.25;
}
</style>""")

st.navigation(navigation_pages()).run()
