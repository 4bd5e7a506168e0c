"""Exports: spreadsheet-safe CSV in ACLED order, RFC 7946 GeoJSON, a standalone HTML map, and the export CLI."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from conflictmap import exports
from conflictmap.cli import main
from conflictmap.schema import ACLED_COLUMNS, COLUMNS, EXTRA_COLUMNS
from conflictmap.store import load_events
from tests.helpers import row, write_events
from tests.test_mapview import layer_payload


@pytest.fixture
def events(tmp_path):
    rows = [
        row(event_id_cnty="F1", notes="=HYPERLINK(\"http://evil.example\",\"x\")", actor1="+cmd", source="@SUM(A1)",
            latitude="-33.86", longitude="-70.5", fatalities="3", source_url="https://example.org/a"),
        row(event_id_cnty="F2", event_type="Battles", sub_event_type="Armed clash", notes="-2 tanks",
            event_date="2024-11-05", injuries="0"),
        row(event_id_cnty="F3", latitude="", longitude="", geo_precision="", location="Nowhere known",
            notes="plain </script><!-- \u2028 text & more"),
    ]
    loaded = load_events(write_events(tmp_path / "events.csv", rows)).events
    # The loader strips surrounding whitespace, so cells starting with a tab or CR can only come from code.
    loaded.loc[1, "admin1"] = "\tTab"
    loaded.loc[1, "location"] = "\rCR"
    return loaded


def parsed_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_acled_order_then_extras_and_every_row(events):
    text = exports.csv_text(events)
    header = text.split("\r\n", 1)[0].split(",")
    assert header == ACLED_COLUMNS + EXTRA_COLUMNS
    assert [r["event_id_cnty"] for r in parsed_csv(text)] == ["F1", "F2", "F3"]


def test_csv_neutralises_formulas_but_keeps_negative_numbers(events):
    rows = {r["event_id_cnty"]: r for r in parsed_csv(exports.csv_text(events))}
    assert rows["F1"]["notes"].startswith("'=HYPERLINK")
    assert rows["F1"]["actor1"] == "'+cmd"
    assert rows["F1"]["source"] == "'@SUM(A1)"
    assert rows["F2"]["notes"] == "'-2 tanks"
    assert rows["F2"]["admin1"] == "'\tTab"
    assert rows["F2"]["location"] == "'\rCR"
    assert rows["F1"]["latitude"] == "-33.86" and rows["F1"]["longitude"] == "-70.5"
    assert rows["F1"]["fatalities"] == "3" and rows["F2"]["fatalities"] == "" and rows["F2"]["injuries"] == "0"
    assert rows["F3"]["location"] == "Nowhere known"
    assert len(rows) == 3, "a cell holding a CR must not split its row"


def test_formula_rule_itself():
    assert exports.neutralise_formula("=1+1") == "'=1+1"
    assert exports.neutralise_formula("a=1") == "a=1"
    assert exports.neutralise_formula("") == ""


def test_geojson_is_a_valid_feature_collection(events):
    data = json.loads(exports.geojson_bytes(events))
    assert data["type"] == "FeatureCollection"
    assert [f["id"] for f in data["features"]] == ["F1", "F2", "F3"]
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert set(feature["properties"]) == set(COLUMNS) - {"latitude", "longitude"}
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    first = data["features"][0]
    assert first["geometry"]["coordinates"] == [-70.5, -33.86], "RFC 7946: longitude first"
    assert first["properties"]["fatalities"] == 3 and first["properties"]["event_date"] == "2024-11-03"
    second = data["features"][1]
    assert second["geometry"]["coordinates"] == [30.0, 50.0]
    assert second["properties"]["fatalities"] is None, "unknown stays unknown"
    assert second["properties"]["injuries"] == 0
    assert data["features"][2]["geometry"] is None, "an unplaced event is kept, unlocated"


def test_geojson_writes_unknown_text_as_null_as_the_readme_promises(events):
    """actor2, claimed_by, source_url... blank in the file are unknown: null, never ""."""
    second = events.iloc[1][[c for c in COLUMNS if c not in ("latitude", "longitude")]]
    blank = [c for c, v in second.items() if isinstance(v, str) and v == ""]
    assert {"actor2", "claimed_by", "source_url"} <= set(blank)
    properties = json.loads(exports.geojson_bytes(events))["features"][1]["properties"]
    assert {c: properties[c] for c in blank} == dict.fromkeys(blank)


class ResourceCollector(HTMLParser):
    """Every URL the page would load by itself (src/href of elements), and the scripts' count."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.urls.append(value)


def test_standalone_html_is_self_contained(events):
    page = exports.standalone_html(events, title="T <b>", description="Filters: x & y", attribution="UCDP <i>")
    assert page.startswith("<!DOCTYPE html>")
    collector = ResourceCollector()
    collector.feed(page)
    assert collector.urls == [], "nothing is loaded from a URL: libraries and data are inline"
    assert collector.scripts == 4, "Leaflet, the map script, folium's two"
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert not re.findall(r"url\(\s*['\"]?(?:https?:)?//", css)
    assert '"https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    layer = layer_payload(page)
    assert layer["n"] == 3 and layer["inline"]["meta"]["n"] == 3 and layer["link"] == {"page": "file"}
    details = [r for chunk in layer["inline"]["details"] for r in chunk]
    assert details[2][layer["inline"]["meta"]["columns"].index("notes")] == "plain </script><!-- \u2028 text & more"
    assert "T &lt;b&gt;" in page and "UCDP &lt;i&gt;" in page and "<b>" not in page
    assert "3 events, 2 on the map; 1 without coordinates (listed under &quot;not on the map&quot;, not drawn)" in page
    one = exports.standalone_html(events.iloc[:1], tiles=False)
    assert "1 event, 1 on the map" in one and "event(s)" not in one, "counts said as the pages say them (newcomer trial 7)"
    assert "tile.openstreetmap" not in exports.standalone_html(events, tiles=False)


def test_cli_exports_filtered_geojson(tmp_path, capsys):
    src = write_events(tmp_path / "in.csv", [
        row(event_id_cnty="A", event_date="2024-11-01"),
        row(event_id_cnty="B", event_date="2024-11-02", event_type="Battles", sub_event_type="Armed clash"),
        row(event_id_cnty="C", event_date="2024-11-03"),
    ])
    out = tmp_path / "out.geojson"
    code = main(["export", str(src), "--format", "geojson", "--out", str(out), "--from", "2024-11-02",
                 "--type", "Explosions/Remote violence"])
    assert code == 0
    assert [f["id"] for f in json.loads(out.read_text())["features"]] == ["C"]
    assert "1 of 3 events written" in capsys.readouterr().out


def test_cli_refuses_bad_rows_unless_asked(tmp_path, capsys):
    src = write_events(tmp_path / "in.csv", [row(event_id_cnty="A"), row(event_id_cnty="B", event_date="2024-13-01")])
    out = tmp_path / "out.csv"
    assert main(["export", str(src), "--format", "csv", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "line 3 [event_date]" in err and not out.exists()
    assert main(["export", str(src), "--format", "csv", "--out", str(out), "--skip-bad-rows"]) == 0
    assert [r["event_id_cnty"] for r in parsed_csv(out.read_text())] == ["A"]


def test_cli_rejects_bad_arguments(tmp_path, capsys):
    src = write_events(tmp_path / "in.csv", [row()])
    assert main(["export", str(src), "--format", "csv", "--out", str(src)]) == 2
    assert main(["export", str(src), "--format", "csv", "--out", str(tmp_path / "o.csv"), "--from", "2024-11-05",
                 "--to", "2024-11-01"]) == 2
    with pytest.raises(SystemExit):
        main(["export", str(src), "--format", "csv", "--out", "x", "--from", "05/11/2024"])
    assert "not a date" in capsys.readouterr().err
