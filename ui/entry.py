"""Every page opens through dashboard.py's navigation, even as a fresh server's first request."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_ENTERED = "_conflictmap_entered"


def through_navigation() -> None:
    """Rerun a page that Streamlit ran on its own, so that it runs inside dashboard.py's navigation.

    Until an entry point has called `st.navigation` once, Streamlit (1.67) treats a `pages/` folder the old way:
    the first request to a fresh server for `/Timeline` ran pages/1_Timeline.py alone, without dashboard.py's
    navigation, page list, read-only gate and styles, and listed a page named "dashboard". Called first on each
    page: on a session's first run in that mode it turns the mode off (Streamlit's own flag, which
    `st.navigation` also clears) and reruns, so the same address and query open through dashboard.py. Only a
    first run: a rerun drops the clicks a later run carries (AppTest sets the mode again before every run).
    Raises Streamlit's rerun exception when it reruns.
    """
    first_run = _ENTERED not in st.session_state
    st.session_state[_ENTERED] = True
    if first_run and PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
