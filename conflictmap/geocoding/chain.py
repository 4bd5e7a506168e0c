"""The geocoder other modules call: overrides, then the offline gazetteer, then (opt-in) Nominatim.

`get_geocoder()` is memoised per (online, geodata directory): the index is loaded once per process.
"""
from __future__ import annotations

import threading

from .curated import load_curated
from .gazetteer import load_gazetteer
from .overrides import load_overrides
from .paths import geodata_dir
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
        g = self.offline.g
        rows = [r for r in range(len(g)) if g.population[r] >= min_population and g.country[r] in countries]
        rows.sort(key=lambda r: -g.population[r])
        return [(g.name[r], g.lat[r], g.lon[r], g.population[r]) for r in rows]

    def lookup(self, query: str, country: str | None = None, admin1: str | None = None) -> PlaceResult:
        """Gazetteer (exact), then the Nominatim cache (and Nominatim itself when online), then spelling slips."""
        result = self.offline.lookup(query, country=country, admin1=admin1, fuzzy=False)
        if result.found or not result.unknown_name or self.online is None:
            return result
        remote = self.online.lookup(result.query, country=country, admin1=admin1, offline_result=result,
                                    admin1_matches=self._same_admin1)
        if remote.found or remote.candidates:
            return remote
        corrected = self.offline.lookup(query, country=country, admin1=admin1, fuzzy=True)
        return corrected if corrected.found or corrected.candidates else remote

    def _same_admin1(self, hint: str, state: str) -> bool:
        wanted = self.offline.admin1_codes(hint)
        found = self.offline.admin1_codes(state) if state else None
        return bool(wanted and found and wanted & found)


def build_geocoder(online: bool = False, directory=None, nominatim_factory=None) -> ConflictGeocoder:
    directory = directory or geodata_dir()
    gazetteer = load_gazetteer(directory / "cache" / "gazetteer.json")
    admin1_names = read_admin1_names(directory / ADMIN1_FILE)
    curated = load_curated(directory, gazetteer)
    resolver = OfflineResolver(gazetteer, curated, {}, admin1_names)
    resolver.overrides = load_overrides(directory / "overrides.csv", gazetteer, resolver.admin1_name)
    remote = CachedNominatim(directory / "cache" / "nominatim.json", network=online, factory=nominatim_factory)
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
    with _LOCK:
        _MEMO.clear()
