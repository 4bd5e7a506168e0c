"""Peer: `st.pydeck_chart` with one ScatterplotLayer; `map_style=None` lets Streamlit pick its base map."""
from peer_common import filtered_events

import pydeck as pdk
import streamlit as st

selected = filtered_events("st.pydeck_chart peer")
layer = pdk.Layer("ScatterplotLayer", data=selected[["longitude", "latitude"]], get_position=["longitude", "latitude"],
                  get_fill_color=[200, 30, 0, 160], get_radius=200, radius_min_pixels=2)
view = pdk.ViewState(latitude=48.5, longitude=31.5, zoom=5)
st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=view, map_style=None), height=620)
