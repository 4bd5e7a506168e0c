"""The Folium map: a base map that stays identical between reruns, and a small layer that says what to show.

The base map carries only tiles, the project's local scripts and the legend, so streamlit-folium keeps the
same iframe (and the user's pan and zoom) when filters change. The events layer travels as a
`feature_group_to_add` that names the dataset only, so the whole map element is identical between the reruns of
one dataset and Streamlit sends only its reference (about 70 bytes instead of about 12 KB); what the layer shows
(the filter's description, a bit mask only for what the browser cannot evaluate, the counts, the linked event,
heat and playback) is written by every rerun into a small hidden element of the page (`selection_html`), which
the map's frame reads (static/conflictmap/channel.js). The browser fetches the published dataset (see mapdata)
once, indexes it once, and builds clusters, markers and popups itself, writing every text with textContent.

The HTML export is the same base map and the same events layer rendered by folium into one page that stands
alone (`standalone_map`): the dataset, the libraries, the map script and its style are written into the page.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import os
import re

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from . import assets
from .filters import EventFilter, drawn_as_point
from .mapdata import PublishedDataset, browser_filter, day_number, encode_mask, inline_dataset, needs_mask
from .review.table import precision_words
from .style import TYPE_ORDER, TYPE_STYLES

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


MIN_ZOOM, MAX_ZOOM = 2, 18
FIRST_VIEW_MAX_ZOOM = 9


def script_json(value) -> str:
    """`value` as JSON to write inside a <script> of a page folium renders.

    It cannot end or confuse the element (no `</`, `<!--`, `&`, U+2028/U+2029), and it holds no `{{`, `{%` or
    `{#`: branca compiles each element's rendered script once more as a Jinja template, so event text such as
    "{{ 7*7 }}" would otherwise be evaluated on the server. Raises ValueError for NaN or infinity.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    # A brace followed by {, % or # can only be inside a JSON string: write it as an escape.
    return re.sub(r"\{(?=[{%#])", r"\\u007b", text)


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
            L.conflictLegend({{ this.config_json }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Legend"
        self.config_json = script_json({"types": TYPE_ORDER, "styles": TYPE_STYLES})


class FitData(MacroElement):
    """The first view: `bounds` ([[south, west], [north, east]], degrees) at most at zoom `max_zoom`, kept clear
    of the legend and the other controls in the map's corners where their style is already there, as in the HTML
    export (static/conflictmap/draw.js, fitData)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.conflictFit({{ this._parent.get_name() }}, {{ this.bounds_json }}, {{ this.max_zoom }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], max_zoom: int):
        super().__init__()
        self._name = "FitData"
        self.bounds_json = script_json(bounds)
        self.max_zoom = int(max_zoom)


class ReferencePlaces(MacroElement):
    """Grey labels of larger towns, from the gazetteer, so that a map without tiles still says where it is."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.conflictReference({{ this.places_json }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, places: list[tuple[str, float, float, int]]):
        super().__init__()
        self._name = "ReferencePlaces"
        self.places_json = script_json([[name, round(lat, 4), round(lon, 4), population]
                                        for name, lat, lon, population in places])


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
    """The events to show: which dataset (published, or carried in the page), which of its rows (the filter the
    browser evaluates, and a bit mask of what it cannot), what to open first. The payload's keys are documented
    in static/conflictmap/layer.js."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.conflictEvents({{ this.script_json }});
            {% if this.shown_on_parent %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, dataset: PublishedDataset | None, mask: str | None, shown: int, focus: int | None = None,
                 heat: bool = False, playback: bool = False, dataset_key: str = "", inline: dict | None = None,
                 filter: dict | None = None, follow: dict | None = None, speed: float = 1.0):
        """A layer of the dashboard's map (`dataset` published, `dataset_key` what the app's URL names it by, for
        the link to one event), or with `inline` (mapdata.inline_dataset) a layer of a page that stands alone,
        whose link to one event is the page itself (`#event=ID`). `filter`: mapdata.browser_filter's description
        or None for every row; `mask`: mapdata.encode_mask's base64 of what the browser cannot evaluate, or None;
        `shown`: how many rows they select; `focus`: the row to open first, shown whatever the filter;
        `follow`: the app's date slider the map may follow before the server's rerun (see `view_layer`), or None;
        `speed`: the days a second that playback shows when it plays."""
        super().__init__(name="Events", control=False)
        self.shown_on_parent = inline is not None  # streamlit-folium adds the dashboard's layer itself
        n = inline["meta"]["n"] if inline is not None else dataset.n
        self.payload = {
            "url": dataset.url if dataset is not None else None,
            "inline": inline,
            "worker": assets.urls([assets.WORKER])[0] if inline is None else None,
            "n": n,
            "filter": filter,
            "mask": mask,
            "follow": follow if inline is None else None,
            "shown": shown,
            "focus": focus,
            "heat": heat,
            "heatScript": assets.urls([assets.HEAT_JS])[0],
            "playback": playback,
            "speed": speed,
            "link": {"page": "file"} if inline is not None else {"page": "app", "dataset": dataset_key},
            "styles": TYPE_STYLES,
            "types": TYPE_ORDER,
            "words": precision_words(),
            "debug": debug_mode(),
        }

    # What each rerun may change; on the dashboard it reaches the map through the page (selection_html).
    SELECTION_KEYS = ("filter", "mask", "follow", "shown", "focus", "heat", "playback", "speed")
    CHANNEL_ATTR = "data-cm-layer"  # static/conflictmap/channel.js reads the element that has it

    @property
    def from_page(self) -> bool:
        """Whether the map reads the selection from the app's page (the dashboard), not from its own script."""
        return self.payload["inline"] is None

    @property
    def script_json(self) -> str:
        """The layer's payload as written into the map's script: the whole payload for a page that stands alone;
        on the dashboard, the dataset's part only (the same at every rerun of one dataset) and `fromPage`."""
        if not self.from_page:
            return script_json(self.payload)
        kept = {k: v for k, v in self.payload.items() if k not in self.SELECTION_KEYS}
        return script_json({**kept, "fromPage": True})

    def selection_html(self) -> str:
        """The hidden element of the dashboard's page that carries the layer's selection to its map (st.html):
        {dataset: the published dataset's URL, and the SELECTION_KEYS of the payload}, as JSON in the attribute
        CHANNEL_ATTR, escaped; a style that keeps the element's place in the page from taking room. Raises
        ValueError for a layer that stands alone, whose selection is in its script."""
        if not self.from_page:
            raise ValueError("a layer that stands alone carries its selection itself")
        selection = {"dataset": self.payload["url"], **{k: self.payload[k] for k in self.SELECTION_KEYS}}
        attr = self.CHANNEL_ATTR
        text = json.dumps(selection, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
        return (f'<div {attr}="{html.escape(text, quote=True)}" hidden></div>'
                f'<style>[data-testid="stElementContainer"]:has([{attr}]) {{ display: none; }}</style>')


def dataset_layer(dataset: PublishedDataset, dataset_key: str = "") -> EventsLayer:
    """The events layer of the dashboard's map element: `dataset` only, whatever the filter (the selection reaches
    the map through the page: `view_layer(...).selection_html()`). Its script is the same as that of every
    `view_layer` of the dataset, so the map element can be sent before the filter is known."""
    return EventsLayer(dataset, mask=None, shown=dataset.n, dataset_key=dataset_key)


def frame_asset_urls() -> list[str]:
    """The URLs (under assets.STATIC_URL) of what the dashboard's map frame loads before its first drawing: the
    libraries and the map script (streamlit-folium loads them one after the other), their style, and the map's
    worker (started when the events layer is added). The heat map's script, loaded when it is switched on, is not
    among them."""
    return assets.urls(assets.JS + assets.OWN_JS + assets.CSS + assets.OWN_CSS + [assets.WORKER])


def _hidden_script(script: str) -> str:
    return (f"<div data-cm-prefetch hidden><script>{script}</script></div>"
            '<style>[data-testid="stElementContainer"]:has([data-cm-prefetch]) { display: none; }</style>')


def preload_html() -> str:
    """The hidden element of the dashboard's page (st.html with its script run) that downloads the map frame's
    scripts, styles and worker (frame_asset_urls) into the browser's HTTP cache as soon as the page shows it,
    before the dataset is loaded: the frame, created later, then reads them from the cache instead of asking the
    server for each one after the previous has loaded. At low priority, so that the page's own code, the frame's
    page and streamlit-folium's script (which cannot be cached: served without a validator) go first on the six
    connections a browser opens to one server. Once per page load. The URLs are our own, written as JSON
    (script_json)."""
    urls = script_json(frame_asset_urls())
    return _hidden_script(
        "(() => { if (window.__cmPreloaded) { return; } window.__cmPreloaded = true;"
        " for (const url of " + urls + ") {"
        " fetch(url, {priority: 'low'}).then((r) => r.arrayBuffer()).catch(() => null); } })();")


def prefetch_html(dataset: PublishedDataset) -> str:
    """The hidden element of the dashboard's page (st.html with its script run) that starts downloading the
    published dataset's points (meta.json and points.bin.gz, inflated) as soon as the page shows it, before the
    map's frame, its scripts and its layer exist; the map's layer takes the download (static/conflictmap/data.js,
    `prefetched`) instead of fetching the files itself. The URL is our own, written as JSON (script_json)."""
    url = script_json(dataset.url)
    return _hidden_script(
        "(() => { const started = window.__cmPrefetch = window.__cmPrefetch || {}, url = " + url + ";"
        " if (started[url]) { return; }"
        " started[url] = Promise.all([fetch(url + '/meta.json').then((r) => r.json()),"
        " fetch(url + '/points.bin.gz').then((r) => { if (!r.ok) { throw new Error('points ' + r.status); }"
        " return new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(); })]);"
        " started[url].catch(() => { delete started[url]; }); })();")


def view_layer(dataset: PublishedDataset, spec: EventFilter, mask: np.ndarray, focus: int | None = None,
               heat: bool = False, playback: bool = False, dataset_key: str = "",
               date_slider: tuple[str, tuple[dt.date, dt.date]] | None = None, speed: float = 1.0) -> EventsLayer:
    """The dashboard's events layer for the filter `spec`, whose rows are `mask` (filters.filter_mask, one bool
    per row, with the linked event `focus` set): the browser evaluates what it can of `spec` itself
    (mapdata.browser_filter), and gets the mask only when `spec` asks for more (mapdata.needs_mask).

    `date_slider`: the label and (first, last) bounds of the sidebar's date range slider showing this dataset.
    While the reader moves it, the map draws the slider's dates from its own index at once instead of waiting
    for the rerun (static/conflictmap/follow.js); the rerun's layer then replaces that drawing, so the server
    stays the truth. Only when the browser evaluates the whole filter: no mask, no playback."""
    follow = None
    if date_slider is not None and not needs_mask(spec) and not playback:
        label, (first, last) = date_slider
        follow = {"dates": {"label": label, "days": [day_number(first), day_number(last)]}}
    return EventsLayer(dataset, encode_mask(mask) if needs_mask(spec) else None, shown=int(mask.sum()), focus=focus,
                       heat=heat, playback=playback, dataset_key=dataset_key, filter=browser_filter(spec),
                       follow=follow, speed=speed)


class _Raw(Element):
    """Markup written into the page as it is: never compiled as a template (see script_json)."""

    def __init__(self, markup: str):
        super().__init__()
        self.markup = markup

    def render(self, **kwargs) -> str:
        return self.markup


def _inline_script(name: str) -> str:
    code = assets.read_text(name)
    # `</script` inside a string or comment would close the element early; `<\/` means the same to JavaScript.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _inline_style(name: str) -> str:
    css = assets.read_text(name)
    if re.search(r"</style", css, re.IGNORECASE):
        raise ValueError(f"{name} contains '</style' and cannot be inlined")
    return css


class InlineAssets(MacroElement):
    """The map's libraries, script and style written into the page itself (a file opened from disk can load
    nothing from the dashboard). Raises FileNotFoundError at rendering if `python -m conflictmap assets` has
    not installed them."""

    _template = Template("")

    def __init__(self, js: list[str], css: list[str]):
        super().__init__()
        self._name = "InlineAssets"
        self.js, self.css = js, css

    def render(self, **kwargs):
        header = self.get_root().header
        for name in self.css:
            header.add_child(_Raw(f"<style>{_inline_style(name)}</style>"), name=f"inline_css_{name}")
        for name in self.js:
            header.add_child(_Raw(f"<script>{_inline_script(name)}</script>"), name=f"inline_js_{name}")
        super().render(**kwargs)


class PageHeader(MacroElement):
    """The title and lines of text above a map that stands alone; every text is escaped."""

    _template = Template("")

    def __init__(self, title: str, lines: list[str]):
        super().__init__()
        self._name = "PageHeader"
        self.title, self.lines = title, lines

    def render(self, **kwargs):
        figure = self.get_root()
        map_id = self._parent.get_name()
        figure.header.add_child(_Raw(
            f"<title>{html.escape(self.title)}</title>\n<style>\n"
            "body { display: flex; flex-direction: column; font: 14px/1.4 sans-serif; }\n"
            "body > header { order: -1; padding: 6px 10px; border-bottom: 1px solid #ccc; }\n"
            "body > header h1 { font-size: 16px; margin: 0 0 2px; }\n"
            "body > header p { margin: 0; color: #333; }\n"
            f"#{map_id} {{ flex: 1 1 auto; height: auto; min-height: 300px; }}\n</style>"
        ), name="page_header_style")
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in self.lines)
        figure.html.add_child(_Raw(f"<header><h1>{html.escape(self.title)}</h1>{paragraphs}</header>"),
                              name="page_header")
        super().render(**kwargs)


def base_map(bounds: list[list[float]] | None, offline: bool | None = None,
             inline_assets: bool = False) -> folium.Map:
    """The map every rerun starts from; identical for identical `bounds` and mode, so the iframe is kept.

    `bounds` ([[south, west], [north, east]], degrees) is the first view. `offline`: no tile layer, town labels
    from the gazetteer instead (default: CONFLICTMAP_OFFLINE). `inline_assets`: the scripts and style are
    written into the page (a page that stands alone) instead of linked from the dashboard's static/.
    """
    offline = offline_mode() if offline is None else offline
    m = folium.Map(
        location=None,
        tiles=None,
        zoom_start=5,
        control_scale=True,
        prefer_canvas=False,
        minZoom=MIN_ZOOM,
        maxZoom=MAX_ZOOM,
    )
    if inline_assets:
        m.default_js, m.default_css = [], []
        InlineAssets(assets.JS + assets.OWN_JS, assets.CSS + assets.OWN_CSS).add_to(m)
    else:
        m.default_js = [(name, url) for name, url in zip(assets.JS, assets.urls(assets.JS))]
        m.default_css = [(name, url) for name, url in zip(assets.CSS, assets.urls(assets.CSS))]
        LocalAssets().add_to(m)
    if offline:
        ReferencePlaces(reference_places()).add_to(m)
    else:
        folium.TileLayer(TILE_URL, attr=TILE_ATTRIBUTION, name="OpenStreetMap", max_zoom=19).add_to(m)
    Legend().add_to(m)
    if bounds:
        FitData(bounds, FIRST_VIEW_MAX_ZOOM).add_to(m)
    return m


def standalone_map(events: pd.DataFrame, title: str, lines: list[str], tiles: bool = True) -> folium.Map:
    """The dashboard's map of `events` (all of them) as a page that stands alone: `m.get_root().render()` is one
    HTML file with the data, libraries, script and style inside, under a header of `title` and `lines`.

    Only map tiles come from the network; with `tiles=False` none, and towns are labelled from the gazetteer as
    on an offline dashboard. A link to one event is the file itself with `#event=ID`, which opens that event.
    """
    m = base_map(data_bounds(events), offline=not tiles, inline_assets=True)
    EventsLayer(None, mask=None, shown=len(events), inline=inline_dataset(events)).add_to(m)
    PageHeader(title, lines).add_to(m)
    return m


def data_bounds(events: pd.DataFrame) -> list[list[float]] | None:
    """The box ([[south, west], [north, east]], degrees) holding the central 98 % of the events drawn as points
    (a few far-off rows should not zoom the map out; events placed only to a country are not points); None
    when no event is drawn."""
    placed = events[drawn_as_point(events)]
    if placed.empty:
        return None
    if len(placed) >= 50:
        lat = placed["latitude"].quantile([0.01, 0.99]).tolist()
        lon = placed["longitude"].quantile([0.01, 0.99]).tolist()
    else:
        lat = [placed["latitude"].min(), placed["latitude"].max()]
        lon = [placed["longitude"].min(), placed["longitude"].max()]
    return [[round(float(lat[0]), 3), round(float(lon[0]), 3)], [round(float(lat[1]), 3), round(float(lon[1]), 3)]]


def off_map(events: pd.DataFrame, mask: np.ndarray) -> dict[str, np.ndarray]:
    """The selected events (`mask`, one bool per row) that the map does not draw, by reason: "country" (placed
    only to a country, geo_precision 4) and "unplaced" (no coordinates). Boolean arrays over the rows."""
    not_drawn = mask & ~drawn_as_point(events)
    unplaced = not_drawn & (events["latitude"].isna().to_numpy() | events["longitude"].isna().to_numpy())
    return {"country": not_drawn & ~unplaced, "unplaced": unplaced}
