"""Shared set-up for the geocoding tests: a private copy of geodata/ (so no test touches the user's cache)."""
from __future__ import annotations

import shutil
from pathlib import Path

from conflictmap.geocoding.gazetteer import INDEX_NAME, index_path, load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
FIXTURES = ROOT / "tests" / "data" / "geonames"


def copy_geodata(target: Path) -> Path:
    """Copy the curated files and the built index (built once here if the checkout has none yet)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("regions.csv", "districts.csv", "overrides.csv", "admin1CodesASCII_UA_RU.txt"):
        shutil.copy2(GEODATA / name, target / name)
    load_gazetteer(GEODATA).close()  # builds or refreshes the shared index when it is missing or stale
    (target / "cache").mkdir(exist_ok=True)
    shutil.copy2(index_path(GEODATA), target / "cache" / INDEX_NAME)
    return target
