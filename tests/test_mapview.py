"""mapview: the folium map and the events layer that the map page and the HTML export share."""
from __future__ import annotations

import json

import numpy as np

import pytest

from conflictmap import assets, mapview
from conflictmap.mapdata import PublishedDataset, inline_dataset
from conflictmap.store import load_events
from tests.helpers import row, write_events

JINJA = "{{ 7*7 }} {% if true %}IF{% endif %} {# c #}"


def layer_payload(page: str) -> dict:
    """The events layer's payload, as written into a rendered page (`L.conflictEvents({...})`)."""
    start = page.index("L.conflictEvents(") + len("L.conflictEvents(")
    return json.JSONDecoder().raw_decode(page, start)[0]


@pytest.fixture
def events(tmp_path):
    return load_events(write_events(tmp_path / "events.csv", [
        row(event_id_cnty="M1", notes=JINJA + " </script><script>alert(1)</script>", location="{{ 6*7 }}"),
        row(event_id_cnty="M2", event_date="2024-11-04", latitude="48.0", longitude="37.5", notes="\u2028 & <!--"),
        row(event_id_cnty="M3", latitude="", longitude="", geo_precision="", location="Nowhere"),
    ])).events


def test_script_json_cannot_end_its_element_nor_be_read_as_a_template():
    value = {"a": "</script><!-- \u2028\u2029 & <b>", "b": JINJA, "c": ["{", "}", "{{", "}}"]}
    text = mapview.script_json(value)
    for bad in ("</", "<!--", "\u2028", "\u2029", "{{", "{%", "{#"):
        assert bad not in text, bad
    assert json.loads(text) == value


def test_event_text_is_never_evaluated_when_the_export_is_rendered(events):
    """branca compiles each rendered script a second time as a Jinja template: text must stay text."""
    page = mapview.standalone_map(events, title="T " + JINJA, lines=[JINJA]).get_root().render()
    layer = layer_payload(page)
    notes = layer["inline"]["meta"]["columns"].index("notes")
    location = layer["inline"]["meta"]["columns"].index("location")
    rows = [r for chunk in layer["inline"]["details"] for r in chunk]
    assert rows[0][notes] == JINJA + " </script><script>alert(1)</script>"
    assert rows[0][location] == "{{ 6*7 }}"
    assert "<title>T {{ 7*7 }} {% if true %}IF{% endif %} {# c #}</title>" in page
    assert "<p>{{ 7*7 }} {% if true %}IF{% endif %} {# c #}</p>" in page


def test_the_export_is_the_live_map_with_its_assets_inline(events):
    live = mapview.base_map([[48.0, 30.0], [50.0, 37.5]], offline=False).get_root().render()
    page = mapview.standalone_map(events, title="Export", lines=["all"]).get_root().render()
    for text in (live, page):
        assert '"minZoom":2' in text.replace(" ", "") and '"maxZoom":18' in text.replace(" ", "")
        assert "L.conflictLegend(" in text and "L.conflictFit(" in text
        assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in text
    assert '<script src="/app/static/build/conflictmap.js">' in live
    assert "<script src=" not in page and 'rel="stylesheet"' not in page
    bundle = assets.read_text(assets.BUNDLE)
    assert bundle.split("\n", 1)[0] in page, "the same bundled map script, inline"
    assert "L.conflictFit(" in page and "[[48.0,30.0],[50.0,37.5]]" in page, "the first view: the placed events"
    layer = layer_payload(page)
    assert layer["url"] is None and layer["mask"] is None and layer["shown"] == 3
    assert layer["inline"] == json.loads(json.dumps(inline_dataset(events)))


def test_an_offline_export_has_no_tiles_and_labels_towns_instead(events):
    page = mapview.standalone_map(events, title="Export", lines=[], tiles=False).get_root().render()
    assert "tile.openstreetmap" not in page
    assert "L.conflictReference(" in page


def test_the_dashboards_layer_names_its_dataset_for_links_and_follows_the_debug_switch(monkeypatch):
    dataset = PublishedDataset(key="k", url="/app/static/cache/k", n=10)
    monkeypatch.delenv("CONFLICTMAP_DEBUG", raising=False)
    layer = mapview.EventsLayer(dataset, mask="AQ==", shown=1, focus=0, dataset_key="UCDP GED")
    assert layer.payload["link"] == {"page": "app", "dataset": "UCDP GED"}
    assert layer.payload["url"] == "/app/static/cache/k" and layer.payload["inline"] is None
    assert layer.payload["debug"] is False
    monkeypatch.setenv("CONFLICTMAP_DEBUG", "1")
    assert mapview.EventsLayer(dataset, mask=None, shown=10).payload["debug"] is True


def test_inlined_scripts_cannot_close_their_element(monkeypatch, tmp_path):
    (tmp_path / "a.js").write_text('var s = "</script><script>alert(1)</script>";')
    (tmp_path / "b.css").write_text("p { color: red } </style><script>")
    monkeypatch.setattr(assets, "STATIC", tmp_path)
    assert "</script" not in mapview._inline_script("a.js").lower()
    with pytest.raises(ValueError, match="cannot be inlined"):
        mapview._inline_style("b.css")


def test_data_bounds_hold_the_central_placed_events(tmp_path):
    rows = [row(event_id_cnty=f"E{k}", latitude=str(48 + k / 100), longitude="30.0") for k in range(100)]
    rows.append(row(event_id_cnty="FAR", latitude="10.0", longitude="-60.0"))
    rows.append(row(event_id_cnty="NONE", latitude="", longitude="", geo_precision=""))
    bounds = mapview.data_bounds(load_events(write_events(tmp_path / "e.csv", rows)).events)
    assert bounds[0][0] > 47.9 and bounds[1][0] < 49.0, "one far-off row does not zoom the map out"
    few = load_events(write_events(tmp_path / "f.csv", rows[:3] + rows[-2:])).events
    assert mapview.data_bounds(few) == [[10.0, -60.0], [48.02, 30.0]]
    nothing = load_events(write_events(tmp_path / "n.csv", rows[-1:])).events
    assert mapview.data_bounds(nothing) is None


def test_events_placed_only_to_a_country_are_off_the_map_and_out_of_the_first_view(tmp_path):
    events = load_events(write_events(tmp_path / "e.csv", [
        row(event_id_cnty="A", latitude="50.0", longitude="30.0"),
        row(event_id_cnty="B", latitude="49.0", longitude="36.0", geo_precision="2"),
        row(event_id_cnty="C", latitude="48.4", longitude="31.2", geo_precision="4", location="Ukraine"),
        row(event_id_cnty="D", latitude="", longitude="", geo_precision="", location="Nowhere"),
    ])).events
    missing = mapview.off_map(events, np.array([True, True, True, True]))
    assert missing["country"].tolist() == [False, False, True, False]
    assert missing["unplaced"].tolist() == [False, False, False, True]
    assert mapview.off_map(events, np.array([True, True, False, True]))["country"].sum() == 0
    assert mapview.data_bounds(events) == [[49.0, 30.0], [50.0, 36.0]], "a country's centroid is no place"
