"""Shared set-up for the geocoding tests: a private copy of geodata/ (so no test touches the user's cache)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conflictmap.geocoding import PlaceResult, build_geocoder
from conflictmap.geocoding.gazetteer import INDEX_NAME, index_path, load_gazetteer
from conflictmap.geocoding.resolver import distance_km

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
FIXTURES = ROOT / "tests" / "data" / "geonames"
KYIV = (50.45466, 30.5238)
KHARKIV = (49.98177, 36.25475)
KURSK = (51.72689, 36.18457)


def copy_geodata(target: Path) -> Path:
    """Copy the curated files and the built index (built once here if the checkout has none yet)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("regions.csv", "districts.csv", "overrides.csv", "admin1CodesASCII_UA_RU.txt"):
        shutil.copy2(GEODATA / name, target / name)
    load_gazetteer(GEODATA).close()  # builds or refreshes the shared index when it is missing or stale
    (target / "cache").mkdir(exist_ok=True)
    shutil.copy2(index_path(GEODATA), target / "cache" / INDEX_NAME)
    return target


def near(result: PlaceResult, point: tuple[float, float], km: float = 15.0) -> bool:
    """The result is found within `km` kilometres of `point` (latitude, longitude)."""
    return result.found and distance_km(result.lat, result.lon, *point) <= km


@pytest.fixture(scope="module")
def geodata(tmp_path_factory):
    """A private copy of geodata/ for one test module."""
    return copy_geodata(tmp_path_factory.mktemp("geodata"))


@pytest.fixture(scope="module")
def geo(geodata):
    """An offline geocoder over the module's copy of geodata/."""
    return build_geocoder(online=False, directory=geodata)
