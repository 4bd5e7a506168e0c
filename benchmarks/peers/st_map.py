"""Peer: Streamlit's own `st.map` (deck.gl ScatterplotLayer drawn by Streamlit's frontend)."""
from peer_common import filtered_events

import streamlit as st

selected = filtered_events("st.map peer")
st.map(selected[["latitude", "longitude"]], height=620)
