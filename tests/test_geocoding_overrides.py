"""overrides.py: the user's own answers in geodata/overrides.csv."""
from __future__ import annotations

import pytest

from conflictmap.geocoding import GeodataError, build_geocoder

from tests.geocoding_support import KYIV, copy_geodata, near


def test_overrides_win_over_everything(tmp_path):
    data = copy_geodata(tmp_path / "g")
    (data / "overrides.csv").write_text(
        "query,country,admin1,geonameid,latitude,longitude,name,geo_precision,note\n"
        "Muromets park,,,703448,,,Kyiv,2,the park lies in Kyiv\n"
        "Lyman,,,,48.9,37.9,Lyman (my choice),1,\n",
        encoding="utf-8")
    geo = build_geocoder(directory=data)
    park = geo.lookup("Muromets Park")
    assert park.source == "override" and park.name == "Kyiv" and park.geo_precision == 2 and near(park, KYIV, 0.1)
    lyman = geo.lookup("lyman")
    assert lyman.source == "override" and (lyman.lat, lyman.lon) == (48.9, 37.9)


def test_bad_override_row_names_its_line(tmp_path):
    data = copy_geodata(tmp_path / "g")
    (data / "overrides.csv").write_text(
        "query,country,admin1,geonameid,latitude,longitude,name,geo_precision,note\n"
        "Somewhere,,,,95,30,,1,\n", encoding="utf-8")
    with pytest.raises(GeodataError, match="overrides.csv: line 2: latitude"):
        build_geocoder(directory=data)


def test_ragged_override_row_names_its_line_and_blank_rows_are_skipped(tmp_path):
    data = copy_geodata(tmp_path / "g")
    (data / "overrides.csv").write_text(
        "query,country,admin1,geonameid,latitude,longitude,name,geo_precision,note\n"
        ",,,,,,,,\n"
        "Somewhere,,,703448\n", encoding="utf-8")
    with pytest.raises(GeodataError, match="overrides.csv: line 3: 4 fields where the header has 9"):
        build_geocoder(directory=data)
