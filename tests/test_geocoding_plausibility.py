"""Coordinates that contradict their own row (issue 12, kind 6): the pure diagnosis, the column check, and the
warnings `validate` and the ACLED importer print for ../shared/cases/acled_implausible_coordinates.csv."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conflictmap.cli import main
from conflictmap.geocoding import build_geocoder, clear_geocoders
from conflictmap.geocoding.gazetteer import Extent
from conflictmap.geocoding.plausibility import Area, CoordinateCheck, diagnose
from conflictmap.importers import import_acled

from tests.geocoding_support import ROOT, copy_geodata

CASE = ROOT / "tests" / "data" / "cases" / "acled_implausible_coordinates.csv"
KHARKIV = Area("Kharkiv", Extent(48.5, 50.5, 34.5, 38.5))


@pytest.mark.parametrize("lat, lon, words", [
    (0.0, 0.0, "0, 0"), (36.2527, 49.9808, "swapped"), (-49.9808, 36.2527, "sign of the latitude"),
    (49.9808, -36.2527, "sign of the longitude"), (-49.9808, -36.2527, "sign of the latitude and longitude"),
    (55.75, 37.62, "not in Kharkiv"),
])
def test_diagnose_names_the_likely_mistake(lat, lon, words):
    assert words in diagnose(lat, lon, KHARKIV)


def test_a_point_inside_its_region_is_fine():
    assert diagnose(49.9808, 36.2527, KHARKIV) is None


@pytest.fixture(scope="module")
def check(tmp_path_factory):
    return CoordinateCheck(build_geocoder(directory=copy_geodata(tmp_path_factory.mktemp("geodata"))).offline)


def test_the_region_is_the_gazetteers_and_a_neighbour_is_not_inside(check):
    assert check.area("Ukraine", "Kharkiv").extent.contains(49.98, 36.25)  # Kharkiv
    assert not check.area("Ukraine", "Kharkiv").extent.contains(47.84, 35.14)  # Zaporizhzhia
    assert check.area("Ukraine", "Atlantis Oblast").name == "Ukraine"  # unknown oblast: the country's box
    assert check.area("", "") is None


def test_the_case_rows_are_each_flagged_and_a_good_row_is_not(check):
    frame = pd.read_csv(CASE, dtype=str, keep_default_na=False)
    good = frame.iloc[[0]].assign(latitude="49.9808", longitude="36.2527")
    found = check.problems(pd.concat([frame, good], ignore_index=True))
    assert [position for position, _ in found] == [0, 1, 2]
    assert ["0, 0" in found[0][1], "swapped" in found[1][1], "flipped" in found[2][1]] == [True] * 3


def test_a_million_rows_are_checked_by_region_not_one_by_one(check):
    n = 1_000_000
    frame = pd.DataFrame({"country": "Ukraine", "admin1": "Kharkiv", "latitude": np.full(n, 49.98),
                          "longitude": np.full(n, 36.25)})
    frame.loc[n - 1, ["latitude", "longitude"]] = [36.25, 49.98]
    assert [p for p, _ in check.problems(frame)] == [n - 1]


@pytest.mark.parametrize("text", ["object", "string[pyarrow]"])
def test_rows_of_many_regions_in_any_order_are_each_judged_by_their_own_region(check, text):
    """Rows are grouped by (country, admin1) to be checked region by region: whatever the order of the rows, the
    kind of their text columns or blanks among them, each row gets what its own region alone would say."""
    rng = np.random.default_rng(7)
    regions = [("Ukraine", "Kharkiv"), ("Ukraine", "Lviv"), ("Ukraine", ""), ("", "Kharkiv"), ("Russia", "Kursk"),
               ("Ukraine", "Nowhere Oblast"), (None, None), ("Ukraine", None), (None, "Lviv")]
    points = [(49.98, 36.25), (49.84, 24.03), (0.0, 0.0), (36.25, 49.98), (51.73, 36.19), (np.nan, 30.0)]
    picks = rng.integers(0, len(regions), 400), rng.integers(0, len(points), 400)
    frame = pd.DataFrame({"country": [regions[i][0] for i in picks[0]], "admin1": [regions[i][1] for i in picks[0]],
                          "latitude": [points[i][0] for i in picks[1]], "longitude": [points[i][1] for i in picks[1]]})
    frame[["country", "admin1"]] = frame[["country", "admin1"]].astype(text)
    expected = []
    for position, (country, admin1, lat, lon) in enumerate(frame.itertuples(index=False)):
        area = check.area(country if isinstance(country, str) else "", admin1 if isinstance(admin1, str) else "")
        reason = None if area is None or np.isnan(lat) else diagnose(lat, lon, area)
        if reason:
            expected.append((position, reason))
    assert len({reason.split(" is not in ")[-1] for _, reason in expected}) >= 3, "several regions judged"
    assert check.problems(frame) == expected


def test_validate_and_import_warn_by_line_and_keep_the_rows(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(copy_geodata(tmp_path / "geodata")))
    clear_geocoders()
    assert main(["validate", str(CASE)]) == 0
    out = capsys.readouterr().out
    assert "line 2 [latitude]: coordinates are 0, 0" in out and "line 3 [latitude]" in out and "swapped" in out
    assert "line 4 [latitude]" in out and "flipped" in out and "3 valid, 0 errors, 3 warnings" in out
    result = import_acled(CASE)
    assert len(result.events) == 3
    assert sorted(p.line for p in result.problems if p.column == "latitude") == [2, 3, 4]


def test_import_checks_every_rows_coordinates_once_read_in_error_or_not(monkeypatch, tmp_path):
    """The import checks coordinates with the numbers validation read for rows that validated, and from the text for
    rows in error: each row's warning is given, whichever way it was read; a JSON file whose records share a line
    (so lines cannot tell the rows apart) gives the same warnings."""
    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(copy_geodata(tmp_path / "geodata")))
    clear_geocoders()
    header, *rows = [line.split(",") for line in CASE.read_text(encoding="utf-8").splitlines()]
    rows = [dict(zip(header, row)) for row in rows]
    rows[0]["event_type"] = "Remote violence"  # an error: the row is left out, its 0, 0 is still reported
    rows[1]["latitude"], rows[1]["longitude"] = " 36.2527", "49.9808 "  # edge spaces: validation reads them
    rows.append(dict(rows[2], event_id_cnty="UKR900609", latitude="", longitude=""))  # not placed: not checked
    csv_file = tmp_path / "export.csv"
    csv_file.write_text("\n".join([",".join(header)] + [",".join(r[h] for h in header) for r in rows]) + "\n",
                        encoding="utf-8")
    json_file = tmp_path / "export.json"
    json_file.write_text(json.dumps(rows), encoding="utf-8")  # one line: every record on line 1
    by_csv, by_json = import_acled(csv_file), import_acled(json_file)
    warned = {p.line: p.reason for p in by_csv.problems if p.column == "latitude"}
    assert sorted(warned) == [2, 3, 4] and "0, 0" in warned[2] and "swapped" in warned[3] and "flipped" in warned[4]
    assert [p.line for p in by_csv.errors] == [2] and len(by_csv.events) == 3
    assert sorted(p.reason for p in by_json.problems if p.column == "latitude") == sorted(warned.values())
