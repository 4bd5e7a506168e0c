"""mapview: the folium map and the events layer that the map page and the HTML export share."""
from __future__ import annotations

import base64
import datetime as dt
import gzip
import html
import json
import re
import subprocess
import threading
from pathlib import Path

import numpy as np
import pandas as pd

import pytest

from conflictmap import assets, mapview
from conflictmap.filters import EventFilter, filter_mask
from conflictmap import mapdata
from conflictmap.mapdata import (
    CHUNK, DETAIL_COLUMNS, POINTS, PublishedDataset, inline_dataset, needs_mask, points_blob, publish, wait_for_details,
)
from conflictmap.review.table import PLACE_NAMES, PLACE_PRECISION, TIME_PRECISION, precision_words
from conflictmap.store import load_events
from tests.browser_select import NODE, browser_rows
from tests.conftest import ROOT
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


def test_the_layer_carries_the_precision_words_of_the_add_pages_cards(events):
    """The map script has no words of its own for a place's or a date's precision, nor its own rule for which
    names of a place to say: the live layer and the export carry review's one table (issue 14)."""
    one_table = json.loads(json.dumps(precision_words()))
    assert one_table["place"]["4"] == PLACE_PRECISION[4] and one_table["time"]["2"] == list(TIME_PRECISION[2])
    assert one_table["placeNames"] == PLACE_NAMES
    live = mapview.EventsLayer(PublishedDataset(key="k", url="/app/static/cache/k", n=10), mask=None, shown=10)
    assert json.loads(live.script_json)["words"] == one_table
    export = mapview.standalone_map(events, title="Export", lines=[]).get_root().render()
    assert layer_payload(export)["words"] == one_table
    # the Node tests of the map script read tests/js/words.json as their payload's table: it is this one
    assert json.loads((Path(__file__).parent / "js" / "words.json").read_text()) == one_table
    code = re.sub(r"(?m)//.*$", "", (assets.STATIC / "conflictmap" / "details.js").read_text())  # no comments
    assert PLACE_PRECISION[1] not in code and TIME_PRECISION[3][0] not in code and TIME_PRECISION[2][1] not in code


def test_the_dashboards_layer_script_is_the_same_for_every_selection_of_one_dataset():
    """The map element must not change when only the filter does (Streamlit then sends a reference, not ~12 KB
    again); the selection is carried by the page's hidden element, naming the dataset it belongs to."""
    dataset = PublishedDataset(key="k", url="/app/static/cache/k", n=3)
    mask = np.array([True, False, True])
    battles = mapview.view_layer(dataset, EventFilter(event_types=("Battles",)), mask, focus=2, heat=True,
                                 dataset_key="Events")
    searched = mapview.view_layer(dataset, EventFilter(text="x"), np.array([False, False, True]), dataset_key="Events")
    assert battles.script_json == searched.script_json
    # so the page sends the map element as soon as the dataset is loaded, before it knows the filter
    assert mapview.dataset_layer(dataset, "Events").script_json == battles.script_json
    assert mapview.dataset_layer(dataset, "UCDP").script_json != battles.script_json, "the links name the dataset"
    script = json.loads(battles.script_json)
    assert script["fromPage"] is True and script["url"] == "/app/static/cache/k"
    assert not set(mapview.EventsLayer.SELECTION_KEYS) & set(script)
    for layer in (battles, searched):
        markup = layer.selection_html()
        found = re.search(mapview.EventsLayer.CHANNEL_ATTR + r'="([^"<>]*)" hidden></div><style>', markup)
        selection = json.loads(html.unescape(found.group(1)))
        assert selection == {"dataset": "/app/static/cache/k",
                             **{k: layer.payload[k] for k in mapview.EventsLayer.SELECTION_KEYS}}
    assert json.loads(html.unescape(re.search(r'="([^"]*)"', searched.selection_html()).group(1)))["mask"] == "BA=="


def test_a_layer_that_stands_alone_carries_its_selection_in_its_script(events):
    exported = mapview.standalone_map(events, "t", [])
    layer = next(c for c in exported._children.values() if isinstance(c, mapview.EventsLayer))
    assert json.loads(layer.script_json) == json.loads(json.dumps(layer.payload)) and "fromPage" not in layer.payload
    with pytest.raises(ValueError):
        layer.selection_html()


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


@pytest.fixture(scope="module")
def ucdp():
    from tests.conftest import ROOT

    return load_events(ROOT / "data" / "ucdp_ukraine.csv").events


def filter_cases(events) -> list[tuple[EventFilter, int | None]]:
    """Filters of every kind the map page sends, edge cases first, then random combinations."""
    first, last = events["event_date"].min().date(), events["event_date"].max().date()
    types = tuple(events["event_type"].unique())
    subs = tuple(events["sub_event_type"].dropna().unique())
    cases = [
        (EventFilter(), None),
        (EventFilter(date_from=first, date_to=first), None),
        (EventFilter(date_from=last, date_to=last), None),
        (EventFilter(date_from=last + dt.timedelta(days=1)), None),
        (EventFilter(date_to=first - dt.timedelta(days=1)), 5),
        (EventFilter(date_to=first + dt.timedelta(days=400)), None),
        (EventFilter(event_types=()), None),
        (EventFilter(event_types=()), 17),
        (EventFilter(event_types=types[:1], precise_only=True), None),
        (EventFilter(precise_only=True), 0),
        (EventFilter(text="Donetsk"), None),
        (EventFilter(sub_event_types=subs[:1]), None),
        (EventFilter(near=(50.45, 30.52), within_km=100.0), None),
        (EventFilter(date_from=first + dt.timedelta(days=900), text="shelling", precise_only=True), 3),
    ]
    # Events over several days (UCDP-448455 ran 2022-02-24..2022-09-23): ranges that begin after them, end before
    # their last day, lie inside them, or follow the last start of the dataset while an event still runs.
    long_one = int(np.flatnonzero((events["event_id_cnty"] == "UCDP-448455").to_numpy())[0])
    day = dt.date
    cases += [
        (EventFilter(date_from=day(2022, 6, 1), date_to=day(2022, 6, 30)), None),
        (EventFilter(date_from=day(2022, 6, 15), date_to=day(2022, 6, 15)), None),
        (EventFilter(date_from=day(2022, 2, 25), date_to=day(2022, 2, 25), event_types=("Battles",)), None),
        (EventFilter(date_from=day(2022, 9, 23), date_to=day(2022, 9, 24)), None),
        (EventFilter(date_from=day(2022, 9, 24), date_to=day(2022, 9, 24)), long_one),
        (EventFilter(date_from=last + dt.timedelta(days=1)), None),
        (EventFilter(date_to=day(2022, 2, 23)), long_one),
        (EventFilter(date_from=day(2022, 3, 1), date_to=day(2022, 2, 28)), None),
    ]
    rng = np.random.default_rng(11)
    span = (last - first).days
    for _ in range(30):
        lo, hi = sorted(rng.integers(0, span + 1, size=2).tolist())
        chosen = tuple(t for t in types if rng.random() < 0.5)
        cases.append((EventFilter(date_from=first + dt.timedelta(days=lo), date_to=first + dt.timedelta(days=hi),
                                  event_types=chosen if rng.random() < 0.7 else None,
                                  precise_only=bool(rng.random() < 0.3)),
                      int(rng.integers(0, len(events))) if rng.random() < 0.2 else None))
    return cases


def test_the_browser_selects_exactly_the_rows_the_server_selects(ucdp):
    """The layer's filter description, evaluated by the map's own browser code (in Node), keeps the very rows
    filters.filter_mask keeps, for dates, types, precision, the linked event, and what only the server can
    evaluate (search, sub-event types, near a place), on the real UCDP data (country-level events included)."""
    dataset = PublishedDataset(key="k", url="/app/static/cache/k", n=len(ucdp))
    payloads, expected = [], []
    for spec, focus in filter_cases(ucdp):
        mask = filter_mask(ucdp, spec)
        if focus is not None:
            mask[focus] = True
        layer = mapview.view_layer(dataset, spec, mask, focus=focus)
        assert (layer.payload["mask"] is not None) == needs_mask(spec)
        payloads.append(layer.payload)
        expected.append(np.flatnonzero(mask).tolist())
    found = browser_rows(ucdp, payloads)
    for (spec, focus), rows, want in zip(filter_cases(ucdp), found, expected):
        assert rows == want, (spec, focus, len(rows), len(want))
    assert any(want for want in expected) and any(not want for want in expected)
    started_before = [want for (spec, _), want in zip(filter_cases(ucdp), expected) if spec.date_from
                      and any(ucdp["event_date"].iloc[i].date() < spec.date_from for i in want)]
    assert len(started_before) >= 5, "the cases hold events that began before their range"


def test_the_map_gets_a_mask_only_for_what_the_browser_cannot_evaluate():
    dataset = PublishedDataset(key="k", url="/app/static/cache/k", n=3)
    mask = np.array([True, False, True])
    dates = EventFilter(date_from=dt.date(1970, 1, 2), date_to=dt.date(1970, 1, 3), event_types=("Riots",))
    layer = mapview.view_layer(dataset, dates, mask)
    assert layer.payload["mask"] is None
    assert layer.payload["filter"] == {"days": [1, 2], "types": [5], "precise": False}
    assert layer.payload["worker"] == "/app/static/build/conflictmap-worker.js"
    assert mapview.view_layer(dataset, EventFilter(date_to=dt.date(1970, 1, 1)), mask).payload["filter"]["days"] \
        == [-(2 ** 31), 0], "an open end"
    searched = mapview.view_layer(dataset, EventFilter(text="x"), mask)
    assert searched.payload["mask"] == "BQ==" and searched.payload["shown"] == 2


def test_the_map_follows_the_date_slider_only_when_it_evaluates_the_whole_filter(events):
    """The map may draw the slider's dates before the rerun only when its own evaluation is the whole filter:
    with a mask (text search, near a place, sub-event types) or in playback the server's layer is awaited."""
    dataset = PublishedDataset(key="k", url="/app/static/cache/k", n=3)
    mask = np.array([True, False, True])
    slider = ("Dates", (dt.date(1970, 1, 2), dt.date(1970, 1, 31)))
    layer = mapview.view_layer(dataset, EventFilter(date_from=dt.date(1970, 1, 3)), mask, date_slider=slider)
    assert layer.payload["follow"] == {"dates": {"label": "Dates", "days": [1, 30]}}
    assert mapview.view_layer(dataset, EventFilter(), mask).payload["follow"] is None, "no slider drawn"
    assert mapview.view_layer(dataset, EventFilter(text="x"), mask, date_slider=slider).payload["follow"] is None
    assert mapview.view_layer(dataset, EventFilter(), mask, playback=True, date_slider=slider).payload["follow"] \
        is None
    exported = mapview.standalone_map(events, "t", [])
    layer = next(c for c in exported._children.values() if isinstance(c, mapview.EventsLayer))
    assert layer.payload["follow"] is None, "a page that stands alone has no sidebar"


@pytest.mark.parametrize("text", ["object", "string[pyarrow]"])
def test_each_event_types_code_is_its_place_in_the_legends_order_and_a_blank_or_unknown_one_is_255(text):
    from conflictmap.style import TYPE_ORDER

    names = [None, "Not a type", *reversed(TYPE_ORDER), TYPE_ORDER[2], None, TYPE_ORDER[0]]
    codes = mapdata.type_code_column(pd.Series(names, dtype=text))
    assert codes.dtype == np.uint8
    assert codes.tolist() == [255, 255, *reversed(range(len(TYPE_ORDER))), 2, 255, 0]


def test_the_points_are_published_compressed_once_and_read_back_exactly(events, tmp_path):
    """points.bin.gz is what the browser inflates: the very bytes of the typed columns, and no uncompressed copy
    that the server would compress again on every request."""
    published = publish(events, "identity", cache_dir=tmp_path)
    folder = tmp_path / published.key
    _, blob = points_blob(events)
    assert gzip.decompress((folder / POINTS).read_bytes()) == blob
    assert not (folder / "points.bin").exists()
    assert json.loads((folder / "meta.json").read_text())["n"] == len(events) == published.n
    assert wait_for_details(published, cache_dir=tmp_path, timeout=60)


def browser_decoded(folder, n: int) -> list[list[str]]:
    """Every row of the published details chunks in `folder`, as the browser's data.js decodes them (in Node)."""
    chunks = [{"rows": min(CHUNK, n - k * CHUNK), "columns": len(DETAIL_COLUMNS),
               "data": base64.b64encode((folder / "details" / f"{k}.bin").read_bytes()).decode("ascii")}
              for k in range(-(-n // CHUNK))]
    done = subprocess.run([NODE, str(ROOT / "tests" / "js" / "decode_chunk.mjs")], input=json.dumps(chunks),
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return [row for rows in json.loads(done.stdout) for row in rows]


HOSTILE = ["\ufeffstarts with a byte order mark", "<img src=x onerror=alert(1)>", "line\r\nbreak \"quoted\", comma",
           "\u2028\u2029 emoji \U0001F600 é ü ж", "   ", "{{ 7*7 }}"]


def test_published_details_are_the_texts_of_every_row_as_the_page_carries_them(tmp_path):
    """The browser decodes from details/<k>.bin exactly the texts a page that stands alone carries inline (the
    popup's text), hostile text included, across chunk boundaries and a short last chunk."""
    n = CHUNK + 7
    rows = [row(event_id_cnty=f"H{i}", notes=HOSTILE[i % len(HOSTILE)] + f" {i}", actor2=HOSTILE[(i + 1) % 6],
                location="" if i % 3 else "Kyiv", fatalities=str(i % 4) if i % 5 else "")
            for i in range(n)]
    loaded = load_events(write_events(tmp_path / "events.csv", rows))
    assert not loaded.errors
    # Text columns held in several Arrow chunks (a frame put together from parts), one boundary inside a chunk.
    events = pd.concat([loaded.events.iloc[:600], loaded.events.iloc[600:]], ignore_index=True)
    published = publish(events, "hostile", cache_dir=tmp_path / "cache", background=False)
    folder = tmp_path / "cache" / published.key
    assert (folder / "details" / "complete").is_file()
    inline = [r for chunk in inline_dataset(events)["details"] for r in chunk]
    assert browser_decoded(folder, n) == inline
    notes = DETAIL_COLUMNS.index("notes")
    assert inline[0][notes] == HOSTILE[0] + " 0" and inline[n - 1][DETAIL_COLUMNS.index("event_id_cnty")] == f"H{n - 1}"


def test_the_first_views_files_are_published_before_the_details_are_written(events, tmp_path, monkeypatch):
    """publish returns once meta.json and the points are in place; the detail chunks follow in a thread, and a
    call while they are being written neither waits nor starts a second writer."""
    release, calls = threading.Event(), []
    write_details = mapdata.write_details

    def held(rows, n, target):
        calls.append(target)
        assert release.wait(60)
        write_details(rows, n, target)

    monkeypatch.setattr(mapdata, "write_details", held)
    try:
        published = publish(events, "identity", cache_dir=tmp_path)
        folder = tmp_path / published.key
        assert (folder / "meta.json").is_file() and (folder / POINTS).is_file()
        assert not (folder / "details" / "0.bin").exists()
        assert not mapdata.details_complete(published, cache_dir=tmp_path)
        assert publish(events, "identity", cache_dir=tmp_path) == published
    finally:
        release.set()
    assert wait_for_details(published, cache_dir=tmp_path, timeout=60)
    assert calls == [folder]
    assert browser_decoded(folder, len(events)) == inline_dataset(events)["details"][0]


def test_details_a_stopped_process_left_unwritten_are_written_by_the_next_publish(events, tmp_path):
    published = publish(events, "identity", cache_dir=tmp_path, background=False)
    folder = tmp_path / published.key
    (folder / "details" / "complete").unlink()
    (folder / "details" / "0.bin").unlink()
    assert publish(events, "identity", cache_dir=tmp_path) == published
    assert wait_for_details(published, cache_dir=tmp_path, timeout=60)
    assert browser_decoded(folder, len(events)) == inline_dataset(events)["details"][0]

def test_the_pages_download_of_the_points_names_the_published_dataset_and_takes_no_room():
    """mapview.prefetch_html: the page starts the points' download before the map's frame exists (data.js takes
    it); the URL is written as JSON that cannot end the script."""
    dataset = PublishedDataset(key="k", url="/app/static/cache/k</script>", n=3)
    markup = mapview.prefetch_html(dataset)
    script = re.search(r"<script>(.*)</script></div>", markup, re.S).group(1)
    assert "</" not in script and '"/app/static/cache/k\\u003c/script\\u003e"' in script
    assert "/meta.json" in script and "/points.bin.gz" in script and "__cmPrefetch" in script
    assert markup.startswith("<div data-cm-prefetch hidden>") and ":has([data-cm-prefetch]) { display: none; }" in markup


def test_the_pages_preload_names_every_script_and_style_the_maps_frame_loads_before_drawing():
    """mapview.preload_html: what the page puts into the browser's cache is what streamlit-folium's frame loads
    (the base map's and its elements' default_js/default_css, as st_folium collects them) and the layer's worker,
    so that none of them is asked for again one after the other; nothing else, and once per page load."""
    m = mapview.base_map([[47.0, 30.0], [51.0, 38.0]], offline=False)
    elements, frame_loads = [m], set()
    while elements:
        element = elements.pop()
        frame_loads.update(url for _, url in getattr(element, "default_js", []) + getattr(element, "default_css", []))
        elements.extend(getattr(element, "_children", {}).values())
    dataset = PublishedDataset(key="k", url="/app/static/cache/k", n=3)
    frame_loads.add(mapview.dataset_layer(dataset).payload["worker"])
    markup = mapview.preload_html()
    script = re.search(r"<script>(.*)</script></div>", markup, re.S).group(1)
    assert set(json.loads(re.search(r"for \(const url of (\[.*?\])\)", script).group(1))) == frame_loads
    assert "__cmPreloaded" in script and "</" not in script
    assert markup.startswith("<div data-cm-prefetch hidden>") and ":has([data-cm-prefetch]) { display: none; }" in markup


def test_details_missing_after_a_restart_are_written_from_their_rows_only(tmp_path, monkeypatch):
    """publish asks `rows` only for the batches of chunks missing (a restart reading them back from the Parquet
    copy reads no other row); the chunks written are those the whole dataset gives."""
    monkeypatch.setattr(mapdata, "CHUNK", 2)
    monkeypatch.setattr(mapdata, "DETAIL_BATCH", 4)
    events = load_events(write_events(tmp_path / "events.csv", [row(event_id_cnty=f"D{i}", notes=f"n {i}")
                                                                for i in range(9)])).events
    published = publish(events, "identity", cache_dir=tmp_path, background=False)
    folder = tmp_path / published.key
    written = {p.name: p.read_bytes() for p in (folder / "details").iterdir()}
    assert sorted(written) == ["0.bin", "1.bin", "2.bin", "3.bin", "4.bin", "complete"]
    for name in ("complete", "3.bin"):
        (folder / "details" / name).unlink()
    asked = []

    def rows(start, stop):
        asked.append((start, stop))
        return events.iloc[start:stop]

    assert publish(lambda: events, "identity", cache_dir=tmp_path, rows=rows, n=9, background=False) == published
    assert asked == [(4, 8)]
    assert {p.name: p.read_bytes() for p in (folder / "details").iterdir()} == written
