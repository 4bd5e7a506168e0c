"""Peer: folium's `FastMarkerCluster` shown with `st_folium`, without tiles, its scripts served from local copies.

bench_peers copies Leaflet and Leaflet.markercluster (the version folium names, from the npm registry) into
`benchmarks/peers/static/` before the run, because folium's own URLs point at CDNs and this benchmark stays
on 127.0.0.1.
"""
from peer_common import filtered_events

import folium
import streamlit as st
from folium.plugins import FastMarkerCluster
from streamlit_folium import st_folium

STATIC = "/app/static/vendor"
# folium's default callback draws Font Awesome markers (more CDN scripts); Leaflet's own marker keeps it local.
CALLBACK = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"

selected = filtered_events("folium FastMarkerCluster peer")
m = folium.Map(tiles=None, maxZoom=18)  # without tiles the map itself needs its zoom limit
m.default_js = [("leaflet", f"{STATIC}/leaflet.js")]
m.default_css = [("leaflet_css", f"{STATIC}/leaflet.css")]
cluster = FastMarkerCluster(selected[["latitude", "longitude"]].to_numpy().tolist(), callback=CALLBACK)
cluster.default_js = [("markerclusterjs", f"{STATIC}/leaflet.markercluster.js")]
cluster.default_css = [("markerclustercss", f"{STATIC}/MarkerCluster.css"),
                       ("markerclusterdefaultcss", f"{STATIC}/MarkerCluster.Default.css")]
cluster.add_to(m)
m.fit_bounds([[44.3, 22.1], [52.4, 40.3]])
st_folium(m, returned_objects=[], height=620, use_container_width=True, key="map")
