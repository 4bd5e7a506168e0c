"""Coordinates come from the geocoder: the bundled events are exactly where the geocoder puts them."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from conflictmap.geocoding import get_geocoder
from conflictmap.placing import place_events, place_query
from conflictmap.store import load_events
from tests.helpers import row, write_events


def test_bundled_events_coordinates_are_the_geocoders():
    events = load_events("events.csv").events
    geocoder = get_geocoder()
    assert events["latitude"].notna().all(), "every bundled event must be placed"
    for _, event in events.iterrows():
        query, admin2 = place_query(event)
        result = geocoder.lookup(query, country=event["country"], admin1=event["admin1"], admin2=admin2 or None)
        assert result.found, event["event_id_cnty"]
        assert (round(result.lat, 5), round(result.lon, 5)) == (event["latitude"], event["longitude"])
        assert result.geo_precision == event["geo_precision"], event["event_id_cnty"]


def test_seed_places_and_precisions():
    events = load_events("events.csv").events.set_index("event_id_cnty")
    kharkiv = events.loc["CM-SEED-003"]
    assert (kharkiv["location"], kharkiv["admin2"], kharkiv["geo_precision"]) == ("Kharkiv", "Shevchenkivskyi", 2)
    kursk = events[events["admin1"] == "Kursk Oblast"]
    assert set(kursk["geo_precision"]) == {3}, "region-only events must say so"
    assert events.loc["CM-SEED-002", "geo_precision"] == 1


def test_place_query_asks_the_location_with_its_admin2_as_a_hint():
    assert place_query(pd.Series({"location": "Kharkiv", "admin2": "Shevchenkivskyi"})) == ("Kharkiv", "Shevchenkivskyi")
    assert place_query(pd.Series({"location": "Kyiv", "admin2": ""})) == ("Kyiv", "")
    assert place_query(pd.Series({"location": "", "admin2": "Bakhmutskyi", "admin1": "Donetsk"})) == ("Bakhmutskyi", "")


def test_a_raion_admin2_does_not_become_the_place():
    """ACLED rows carry the raion in admin2: "Bakhmutskyi" must narrow Toretsk, not be looked up as a place."""
    result = get_geocoder().lookup("Toretsk", country="Ukraine", admin1="Donetsk", admin2="Bakhmutskyi")
    assert result.found and result.geonameid == 709354
    district = get_geocoder().lookup("Kharkiv", country="Ukraine", admin1="Kharkiv", admin2="Shevchenkivskyi")
    assert district.found and district.district == "Shevchenkivskyi" and district.geo_precision == 2


def test_ambiguous_place_is_left_unplaced_and_reported(tmp_path):
    events = load_events(write_events(tmp_path / "e.csv", [
        row(event_id_cnty="A", location="Shevchenkivskyi", country="", latitude="", longitude="", geo_precision="")
    ])).events
    placed, outcomes = place_events(events, get_geocoder())
    assert pd.isna(placed["latitude"].iloc[0])
    assert not outcomes[0].found and "ambiguous" in outcomes[0].detail


def test_place_command_fills_and_keeps_file_valid(tmp_path):
    path = write_events(tmp_path / "e.csv", [
        row(event_id_cnty="A", location="Koursk", country="Russia", latitude="", longitude="", geo_precision=""),
        row(event_id_cnty="B", location="Nowhere-on-earth-xyz", latitude="", longitude="", geo_precision=""),
    ])
    done = subprocess.run([sys.executable, "-m", "conflictmap", "place", str(path)], capture_output=True, text=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 placed, 1 not placed" in done.stdout
    events = load_events(path).events.set_index("event_id_cnty")
    assert events.loc["A", "geo_precision"] == 1 and 51 < events.loc["A", "latitude"] < 52
    assert pd.isna(events.loc["B", "latitude"])


def test_the_place_command_names_the_region_as_the_datasets_rows_do(tmp_path):
    """The geocoder's admin1 is GeoNames' ("Kiev"); what `place` prints is the dataset's form ("Kyiv Oblast")."""
    path = write_events(tmp_path / "e.csv", [
        row(event_id_cnty="A", location="Bila Tserkva", country="Ukraine", admin1="", latitude="", longitude="",
            geo_precision=""),
    ])
    done = subprocess.run([sys.executable, "-m", "conflictmap", "place", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "-> Bila Tserkva, Kyiv Oblast UA (precision 1, gazetteer)" in done.stdout, done.stdout
    assert "Kiev" not in done.stdout
