"""Coordinates that contradict their own row: a Kharkiv event at 0, 0, with latitude and longitude swapped, or
with a sign flipped.

`diagnose` is pure: given a point and the box where its stated region's places lie, it says nothing when the point
fits and otherwise names the likely mistake. `CoordinateCheck` reads the boxes from the gazetteer (each country's
and first-level region's GeoNames places, see gazetteer.Extent) and checks whole columns at once, so a million
rows cost a few vectorised comparisons per region named in the file.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .gazetteer import Extent


@dataclass(frozen=True)
class Area:
    """A region's box and the name to print for it."""

    name: str
    extent: Extent


def diagnose(lat: float, lon: float, area: Area) -> str | None:
    """None when (lat, lon), in degrees, lies in `area`; otherwise one sentence naming the likely mistake:
    zeros, latitude and longitude swapped, a sign flipped, or simply elsewhere."""
    if lat == 0 and lon == 0:
        return f"coordinates are 0, 0, not in {area.name}: probably a blank filled with zeros (e.g. a failed join)"
    box = area.extent
    if box.contains(lat, lon):
        return None
    if box.contains(lon, lat):
        return f"{lat}, {lon} is not in {area.name} but {lon}, {lat} is: latitude and longitude look swapped"
    for flipped_lat, flipped_lon, what in ((-lat, lon, "latitude"), (lat, -lon, "longitude"),
                                           (-lat, -lon, "latitude and longitude")):
        if box.contains(flipped_lat, flipped_lon):
            return f"{lat}, {lon} is not in {area.name} but {flipped_lat}, {flipped_lon} is: the sign of the {what} " \
                   "looks flipped"
    for flipped_lat, flipped_lon in ((-lon, lat), (lon, -lat), (-lon, -lat)):
        if box.contains(flipped_lat, flipped_lon):
            return f"{lat}, {lon} is not in {area.name} but {flipped_lat}, {flipped_lon} is: latitude and " \
                   "longitude look swapped and a sign flipped"
    return f"{lat}, {lon} is not in {area.name}: check the coordinates or the region"


class CoordinateCheck:
    """Checks rows' coordinates against their `country` and `admin1`, using a geocoder's gazetteer and resolver.

    A row whose region the gazetteer does not know (another country, a misspelt oblast) is checked against its
    country alone, or not at all; the check never raises for a row.
    """

    def __init__(self, resolver):
        self._resolver = resolver
        self._areas: dict[tuple[str, str], Area | None] = {}

    def area(self, country: str, admin1: str) -> Area | None:
        """The box a row of this country and admin1 must fall in: the admin1's when known, else the country's."""
        key = (country.strip(), admin1.strip())
        if key not in self._areas:
            self._areas[key] = self._find(*key)
        return self._areas[key]

    def _find(self, country: str, admin1: str) -> Area | None:
        resolver = self._resolver
        iso = resolver.country_code(country) if country else None
        extents = resolver.g.extents
        if admin1:
            codes = resolver.admin1_codes(admin1)
            if codes and (iso is None or all(c.startswith(iso + ".") for c in codes)):
                boxes = [extents[c] for c in codes if c in extents]
                if len(boxes) == len(codes) and boxes:
                    union = Extent(min(b.south for b in boxes), max(b.north for b in boxes),
                                   min(b.west for b in boxes), max(b.east for b in boxes))
                    return Area(f"{admin1} ({', '.join(sorted(codes))})", union)
        if iso and iso in extents:
            return Area(resolver.g.country_names.get(iso, iso), extents[iso])
        return None

    def problems(self, frame: pd.DataFrame) -> list[tuple[int, str]]:
        """(position, reason) of each row whose `latitude`/`longitude` (numbers, NaN when blank) contradict its
        `country` and `admin1` (text); positions are 0-based row positions in `frame`."""
        if frame.empty:
            return []
        lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float)
        lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float)
        placed = np.flatnonzero(~(np.isnan(lat) | np.isnan(lon)))
        placed = placed.astype(np.int32) if len(frame) < 2 ** 31 else placed
        # Each distinct (country, admin1) once, by codes (pandas.factorize: Arrow's dictionary encoding for Arrow
        # strings), never a Python string per row: at a million rows that was three quarters of the check. Taken
        # for the placed rows only, as int64 pairs: the transient arrays of 3,000,000 rows were 280 MB.
        codes, countries = _codes(frame["country"])
        pair = codes[placed].astype(np.int64)
        codes, admin1s = _codes(frame["admin1"])
        width = max(len(admin1s), 1)
        pair *= width
        pair += codes[placed]
        del codes
        order = np.argsort(pair, kind="stable")
        pair = pair[order]
        placed = placed[order]
        del order
        pairs, starts = np.unique(pair, return_index=True)
        del pair
        found: list[tuple[int, str]] = []
        for code, rows in zip(pairs, np.split(placed, starts[1:])):
            country, admin1 = divmod(int(code), width)
            area = self.area(str(countries[country]), str(admin1s[admin1]))
            if area is None:
                continue
            box = area.extent
            inside = (lat[rows] >= box.south) & (lat[rows] <= box.north) & (lon[rows] >= box.west) & (
                lon[rows] <= box.east) & ~((lat[rows] == 0) & (lon[rows] == 0))
            for position in rows[~inside]:
                reason = diagnose(float(lat[position]), float(lon[position]), area)
                if reason:
                    found.append((int(position), reason))
        found.sort()
        return found


def _codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each row's code in the column's distinct values (pandas.factorize), a blank cell the code of "" (the last
    value), without a filled copy of the column."""
    codes, uniques = pd.factorize(column)
    codes[codes < 0] = len(uniques)
    return codes, [*uniques, ""]


def contradictions(frame: pd.DataFrame) -> list[tuple[int, str]]:
    """(position, reason) of each row of `frame` (text cells or typed columns) whose `latitude`/`longitude`
    contradict its `country` and `admin1`, checked with the project geocoder's gazetteer; positions are 0-based.
    Raises GeodataError or OSError when the gazetteer cannot be read."""
    from .chain import get_geocoder

    if frame.empty or not {"latitude", "longitude"} <= set(frame.columns):
        return []
    check = CoordinateCheck(get_geocoder().offline)
    return check.problems(frame.reindex(columns=["country", "admin1", "latitude", "longitude"], fill_value=""))


def check_version() -> str:
    """What the check's answer depends on besides the rows: the gazetteer's index (its fingerprint: the sources and
    rules it is built from, computed without opening it, gazetteer.fingerprint) and the code that reads regions'
    boxes from it (this module, the resolver). An answer kept with this version (ui.datasets keeps one beside a
    dataset's parsed copy) holds until one of them changes. Raises OSError when a source cannot be read."""
    import hashlib
    from pathlib import Path

    from . import resolver
    from .gazetteer import added_tables, fingerprint

    digest = hashlib.sha256(fingerprint(added_tables()).encode())
    for module in (__file__, resolver.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def coordinate_problems(raw: pd.DataFrame, lines) -> list:
    """Warnings (schema.RowProblem, by line) for rows of raw text cells whose coordinates contradict their country
    and admin1; `lines` gives each row's line in its file. The values are kept: the reader decides. Never raises:
    when the gazetteer cannot be read, one file-level warning says the check was not made."""
    from ..schema import RowProblem
    from .errors import GeodataError

    try:
        found = contradictions(raw)
    except (GeodataError, OSError) as exc:
        return [RowProblem(0, "latitude", f"coordinates not checked against their regions: {exc}", "warning")]
    lines = list(lines)
    return [RowProblem(int(lines[position]), "latitude", f"{reason} (kept as given)", "warning")
            for position, reason in found]


def misplaced_events(events: pd.DataFrame) -> pd.DataFrame:
    """The loaded events (typed frame, as store.load_events gives) whose coordinates contradict their country and
    admin1: columns event_id_cnty, location, admin1, country and `reason` (one sentence naming the likely mistake),
    in file order; empty when there are none or when the gazetteer cannot be read (the page must still draw)."""
    from .errors import GeodataError

    try:
        found = contradictions(events)
    except (GeodataError, OSError):
        found = []
    rows = events.iloc[[position for position, _ in found]].reindex(
        columns=["event_id_cnty", "location", "admin1", "country"]).copy()
    rows["reason"] = [reason for _, reason in found]
    return rows.reset_index(drop=True)
