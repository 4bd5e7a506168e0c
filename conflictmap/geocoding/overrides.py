"""The user's own answers in geodata/overrides.csv: they win over every other source.

A row names the query (matched after the same folding as every other lookup), optionally the country and
admin1 it applies to, and either a GeoNames id (coordinates then come from the gazetteer) or the user's own
latitude and longitude.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import GeodataError
from .gazetteer import Gazetteer
from .normalize import name_key
from .tables import parse_int, read_table

COLUMNS = ["query", "country", "admin1", "geonameid", "latitude", "longitude", "name", "geo_precision", "note"]


@dataclass(frozen=True)
class Override:
    country: str
    admin1_key: str
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str
    geo_precision: int
    geonameid: int | None


def _coordinate(path: Path, line: int, column: str, value: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise GeodataError(f"{path}: line {line}: {column} {value[:40]!r} is not a number") from None
    if not -limit <= number <= limit:
        raise GeodataError(f"{path}: line {line}: {column} {number} is outside -{limit}..{limit}")
    return number


def load_overrides(path: Path, gazetteer: Gazetteer, admin1_name) -> dict[str, list[Override]]:
    """{query key: overrides}; `admin1_name(row)` names a gazetteer row's admin1. A missing file means none.

    Raises GeodataError naming the file and line of an empty query, a precision other than 1-3 or an unknown
    GeoNames id."""
    if not path.exists():
        return {}
    table: dict[str, list[Override]] = {}
    for line, row in read_table(path, COLUMNS[:8]):
        key = name_key(row["query"])
        if not key:
            raise GeodataError(f"{path}: line {line}: query is empty")
        precision = parse_int(path, line, "geo_precision", row["geo_precision"] or "1")
        if precision not in (1, 2, 3):
            raise GeodataError(f"{path}: line {line}: geo_precision must be 1, 2 or 3")
        if row["geonameid"]:
            place = gazetteer.row(parse_int(path, line, "geonameid", row["geonameid"]))
            if place is None:
                raise GeodataError(f"{path}: line {line}: GeoNames id {row['geonameid']} is not in the gazetteer")
            known = gazetteer.place(place)
            entry = Override(
                row["country"].upper(), name_key(row["admin1"]), row["name"] or known.name,
                known.lat, known.lon, known.country, admin1_name(place), precision, known.geonameid,
            )
        elif row["latitude"] and row["longitude"]:
            entry = Override(
                row["country"].upper(), name_key(row["admin1"]), row["name"] or row["query"],
                _coordinate(path, line, "latitude", row["latitude"], 90.0),
                _coordinate(path, line, "longitude", row["longitude"], 180.0),
                row["country"].upper(), row["admin1"], precision, None,
            )
        else:
            raise GeodataError(f"{path}: line {line}: give a geonameid, or both latitude and longitude")
        table.setdefault(key, []).append(entry)
    return table
