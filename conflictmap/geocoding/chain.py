"""The geocoder other modules call: overrides, then the offline gazetteer, then (opt-in) Nominatim.

`get_geocoder()` is memoised per (online, geodata directory): the index is loaded once per process.
"""
from __future__ import annotations

import threading
from pathlib import Path

from .curated import load_curated
from .gazetteer import load_gazetteer
from .overrides import load_overrides
from .paths import cache_dir, geodata_dir
from .online import CachedNominatim
from .resolver import OfflineResolver
from .result import PlaceResult
from .tables import read_admin1_names

ADMIN1_FILE = "admin1CodesASCII_UA_RU.txt"


class ConflictGeocoder:
    """`lookup(query, country=None, admin1=None) -> PlaceResult`; never raises for an unknown place."""

    def __init__(self, offline: OfflineResolver, online=None):
        self.offline = offline
        self.online = online

    def major_places(self, min_population: int, countries: tuple[str, ...]) -> list[tuple[str, float, float, int]]:
        """(name, lat, lon, population) of the gazetteer's larger towns, largest first: reference labels for a
        map drawn without tiles."""
        return [(p.name, p.lat, p.lon, p.population) for p in self.offline.g.places_over(min_population, countries)]

    def lookup(self, query: str, country: str | None = None, admin1: str | None = None,
               admin2: str | None = None) -> PlaceResult:
        """Gazetteer (exact), then the Nominatim cache (and Nominatim itself when online), then spelling slips.

        `query`: a place phrase in English, French, Ukrainian or Russian; `country`: ISO code or name; `admin1`:
        oblast or region; `admin2`: raion (decides between villages of one name in an oblast). Never raises for
        an unknown or ambiguous name: the PlaceResult says not found, why, and lists the candidates.
        """
        result = self.offline.lookup(query, country=country, admin1=admin1, fuzzy=False, admin2=admin2)
        if result.found or not result.unknown_name or self.online is None:
            return result
        remote = self.online.lookup(result.query, country=country, admin1=admin1, offline_result=result,
                                    admin1_matches=self._same_admin1)
        if remote.found or remote.candidates:
            return remote
        corrected = self.offline.lookup(query, country=country, admin1=admin1, fuzzy=True, admin2=admin2)
        return corrected if corrected.found or corrected.candidates else remote

    def dataset_admin1(self, name: str) -> str:
        """`name` (an oblast as the geocoder or a reviewer gives it: GeoNames' "Kharkiv", "Kiev", "Odessa") in the
        form the bundled rows, UCDP and ACLED-style files use: geodata/regions.csv's name for that one admin1 code
        ("Kharkiv Oblast", "Kyiv Oblast", "Odesa Oblast", "Kyiv City"). A name of no single region (Donbas, a
        region abroad, a blank) is returned as given."""
        codes = self.offline.admin1_codes(name) if name and name.strip() else None
        if not codes or len(codes) != 1:
            return name
        (code,) = codes
        return next((r.name for r in self.offline.curated.regions if r.admin1_codes == (code,)), name)

    def _same_admin1(self, hint: str, state: str) -> bool:
        wanted = self.offline.admin1_codes(hint)
        found = self.offline.admin1_codes(state) if state else None
        return bool(wanted and found and wanted & found)


def build_geocoder(online: bool = False, directory=None, nominatim_factory=None) -> ConflictGeocoder:
    """A geocoder over a geodata directory (default: the configured one). Raises GeodataError when its files or
    the index sources cannot be read (the message names the file and line)."""
    directory = Path(directory or geodata_dir())
    # The admin1 table first: a folder without it (a mistyped CONFLICTMAP_GEODATA) is refused at once, before a
    # whole index (about 20 s of CPU) is built into it for nothing.
    admin1_names = read_admin1_names(directory / ADMIN1_FILE)
    gazetteer = load_gazetteer(directory)
    curated = load_curated(directory, gazetteer)
    resolver = OfflineResolver(gazetteer, curated, {}, admin1_names)
    resolver.overrides = load_overrides(directory / "overrides.csv", gazetteer,
                                        lambda row: resolver.admin1_name(gazetteer.place(row)))
    remote = CachedNominatim(cache_dir(directory) / "nominatim.json", network=online, factory=nominatim_factory)
    return ConflictGeocoder(resolver, remote)


_LOCK = threading.Lock()
_MEMO: dict[tuple, ConflictGeocoder] = {}


def get_geocoder(online: bool = False) -> ConflictGeocoder:
    """The process-wide geocoder; offline unless `online=True` (then Nominatim answers what the gazetteer lacks)."""
    key = (bool(online), str(geodata_dir()))
    with _LOCK:
        if key not in _MEMO:
            _MEMO[key] = build_geocoder(online=online)
        return _MEMO[key]


def clear_geocoders() -> None:
    """Forget the process-wide geocoders (after the geodata changed, e.g. a dump was added)."""
    with _LOCK:
        _MEMO.clear()
