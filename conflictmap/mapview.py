"""The Folium map: a base map that stays identical between reruns, and a small layer that says what to show.

The base map carries only tiles, the project's local scripts and the legend, so streamlit-folium keeps the
same iframe (and the user's pan and zoom) when filters change. The events travel as a `feature_group_to_add`
whose script is a few hundred bytes plus the filter's bit mask; the browser fetches the published dataset
(see mapdata) once and builds clusters, markers and popups itself, writing every text with textContent.
"""
from __future__ import annotations

import functools
import os

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from . import assets
from .mapdata import PublishedDataset
from .style import TYPE_ORDER, TYPE_STYLES

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


def _switch(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def offline_mode() -> bool:
    """No tile server at all (the map then labels larger towns from the gazetteer): for machines without
    internet, and for tests that must not leave 127.0.0.1."""
    return _switch("CONFLICTMAP_OFFLINE")


def debug_mode() -> bool:
    """CONFLICTMAP_DEBUG=1: the map reports what it has drawn on its frame's <html> (data-cm-* attributes, see
    static/conflictmap/debug.js), for browser tests and benchmarks to wait on. Off for everyone else."""
    return _switch("CONFLICTMAP_DEBUG")


class LocalAssets(JSCSSMixin, MacroElement):
    """Loads the project's own map script and style from static/ (st_folium reads `default_js`/`default_css`)."""

    _template = Template("")

    def __init__(self):
        super().__init__()
        self._name = "LocalAssets"
        self.default_js = [(name, url) for name, url in zip(assets.OWN_JS, assets.urls(assets.OWN_JS))]
        self.default_css = [(name, url) for name, url in zip(assets.OWN_CSS, assets.urls(assets.OWN_CSS))]


class Legend(MacroElement):
    """Colour and shape per event type, drawn by the browser from this data (no HTML built here)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.conflictLegend({{ this.config|tojson }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Legend"
        self.config = {"types": TYPE_ORDER, "styles": TYPE_STYLES}


class ReferencePlaces(MacroElement):
    """Grey labels of larger towns, from the gazetteer, so that a map without tiles still says where it is."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.conflictReference({{ this.places|tojson }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, places: list[tuple[str, float, float, int]]):
        super().__init__()
        self._name = "ReferencePlaces"
        self.places = [[name, round(lat, 4), round(lon, 4), population] for name, lat, lon, population in places]


REFERENCE_COUNTRIES = ("UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "LT", "LV", "EE", "GE")
REFERENCE_MIN_POPULATION = 150_000


REFERENCE_SPACING_KM = 25.0


@functools.lru_cache(maxsize=1)
def reference_places() -> list[tuple[str, float, float, int]]:
    """Larger towns, none within REFERENCE_SPACING_KM of a larger one: GeoNames also lists city sections
    (Saltivka in Kharkiv, Troieshchyna in Kyiv) as populated places, and they must not pass for towns.
    Without readable gazetteer data the map simply has no labels."""
    from geopy.distance import great_circle

    from .geocoding import GeodataError, get_geocoder

    try:
        places = get_geocoder().major_places(REFERENCE_MIN_POPULATION, REFERENCE_COUNTRIES)
    except GeodataError:
        return []
    kept: list[tuple[str, float, float, int]] = []
    for place in places:
        if all(great_circle(place[1:3], other[1:3]).km > REFERENCE_SPACING_KM for other in kept):
            kept.append(place)
    return kept


class EventsLayer(folium.FeatureGroup):
    """The events to show: which published dataset, which of its rows (bit mask), what to open first."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.conflictEvents({{ this.payload|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, dataset: PublishedDataset, mask: str | None, shown: int, focus: int | None = None,
                 heat: bool = False, playback: bool = False, dataset_key: str = ""):
        """`dataset_key` is what the app's URL names the dataset by, for the link to one event."""
        super().__init__(name="Events", control=False)
        self.payload = {
            "url": dataset.url,
            "n": dataset.n,
            "mask": mask,
            "shown": shown,
            "focus": focus,
            "heat": heat,
            "heatScript": assets.urls([assets.HEAT_JS])[0],
            "playback": playback,
            "link": {"page": "app", "dataset": dataset_key},
            "styles": TYPE_STYLES,
            "types": TYPE_ORDER,
            "debug": debug_mode(),
        }


def base_map(bounds: list[list[float]] | None, offline: bool | None = None) -> folium.Map:
    """The map every rerun starts from; identical for identical `bounds` and mode, so the iframe is kept."""
    offline = offline_mode() if offline is None else offline
    m = folium.Map(
        location=None,
        tiles=None,
        zoom_start=5,
        min_zoom=2,
        max_zoom=18,
        control_scale=True,
        prefer_canvas=False,
    )
    m.default_js = [(name, url) for name, url in zip(assets.JS, assets.urls(assets.JS))]
    m.default_css = [(name, url) for name, url in zip(assets.CSS, assets.urls(assets.CSS))]
    if offline:
        ReferencePlaces(reference_places()).add_to(m)
    else:
        folium.TileLayer(
            TILE_URL, attr=TILE_ATTRIBUTION, name="OpenStreetMap",
            max_zoom=19,
        ).add_to(m)
    LocalAssets().add_to(m)
    Legend().add_to(m)
    if bounds:
        m.fit_bounds(bounds, max_zoom=9)
    return m


def data_bounds(events) -> list[list[float]] | None:
    """The box holding the central 98 % of placed events (a few far-off rows should not zoom the map out)."""
    placed = events.dropna(subset=["latitude", "longitude"])
    if placed.empty:
        return None
    if len(placed) >= 50:
        lat = placed["latitude"].quantile([0.01, 0.99]).tolist()
        lon = placed["longitude"].quantile([0.01, 0.99]).tolist()
    else:
        lat = [placed["latitude"].min(), placed["latitude"].max()]
        lon = [placed["longitude"].min(), placed["longitude"].max()]
    return [[round(float(lat[0]), 3), round(float(lon[0]), 3)], [round(float(lat[1]), 3), round(float(lon[1]), 3)]]
