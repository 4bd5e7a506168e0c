"""Curated regions (oblasts, Russian border regions, Donbas, Crimea) and city districts from geodata/.

Each row points at a GeoNames place by id; coordinates always come from the gazetteer, never from the file. A
district row names its city and, where GeoNames has a place for the district itself, that place; a district
without one is answered at its city with geo_precision 2.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import GeodataError
from .gazetteer import Gazetteer
from .normalize import name_key
from .phrases import parse_phrase
from .tables import parse_int, read_table
from .vocabulary import ADJECTIVE_ENDINGS


@dataclass(frozen=True)
class Region:
    """A region named in reports: its GeoNames admin1 codes ("UA.05"), the gazetteer row of the place standing for it."""
    region_id: str
    admin1_codes: tuple[str, ...]
    name: str
    capital_row: int
    bare: bool  # the name alone means the region ("Donbas", "Crimea"); others need a word like "oblast"
    names: tuple[str, ...] = ()  # the name and its variants as written in the file


@dataclass(frozen=True)
class District:
    """A city district: the gazetteer rows of its city and (when GeoNames has one) of its own place."""
    city_row: int
    city: str
    name: str
    place_row: int | None = None  # the district's own GeoNames place, when GeoNames has one


# "-щина" names a region by itself (Харківщина, Kharkivshchyna), in every case form.
REGION_NOUN_ENDING = name_key("shchyna")


@dataclass
class Curated:
    """The curated regions and districts, by name key."""
    regions_by_key: dict[str, Region]
    districts_by_key: dict[str, list[District]]

    @cached_property
    def longest_district(self) -> int:
        """The most words a district's name has (Amur-Nyzhnodniprovskyi: 2)."""
        return max((key.count(" ") + 1 for key in self.districts_by_key), default=1)

    @cached_property
    def district_places(self) -> frozenset[int]:
        """Rows of the gazetteer that are a curated district's own place."""
        return frozenset(d.place_row for ds in self.districts_by_key.values() for d in ds if d.place_row is not None)

    @property
    def regions(self) -> list[Region]:
        """Every region once, in file order."""
        return list({r.region_id: r for r in self.regions_by_key.values()}.values())

    def region(self, words: list[str]) -> Region | None:
        """The region named by these name-key words, reading adjective and case endings (Харківська, Курской)."""
        return self._region_key(" ".join(words))

    def bare_region(self, words: list[str]) -> Region | None:
        """The region these name-key words name by themselves (Donbas, Харківщина), or None."""
        key = " ".join(words)
        region = self.regions_by_key.get(key)
        return region if region is not None and (region.bare or key.endswith(REGION_NOUN_ENDING)) else None

    def _region_key(self, key: str) -> Region | None:
        if not key:
            return None
        found = self.regions_by_key.get(key)
        if found is not None:
            return found
        for ending in ADJECTIVE_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                found = self.regions_by_key.get(key[: -len(ending)])
                if found is not None:
                    return found
        return None


def load_curated(directory: Path, gazetteer: Gazetteer) -> Curated:
    """regions.csv and districts.csv of `directory`; raises GeodataError naming the file and line of a bad row."""
    return Curated(_load_regions(directory / "regions.csv", gazetteer),
                   _load_districts(directory / "districts.csv", gazetteer))


def _row_of(path: Path, line: int, gazetteer: Gazetteer, value: str, column: str = "geonameid") -> int:
    geonameid = parse_int(path, line, column, value)
    row = gazetteer.row(geonameid)
    if row is None:
        raise GeodataError(f"{path}: line {line}: GeoNames id {geonameid} is not in the gazetteer")
    return row


def _load_regions(path: Path, gazetteer: Gazetteer) -> dict[str, Region]:
    by_key: dict[str, Region] = {}
    for line, row in read_table(path, ["region_id", "admin1_codes", "name", "capital_geonameid", "bare", "variants"]):
        if row["bare"] not in ("0", "1"):
            raise GeodataError(f"{path}: line {line}: bare must be 0 or 1, not {row['bare'][:20]!r}")
        codes = tuple(row["admin1_codes"].split())
        if not codes or not row["name"]:
            raise GeodataError(f"{path}: line {line}: a region needs admin1_codes and a name")
        names = tuple(v for v in [row["name"], *row["variants"].split("|")] if v.strip())
        region = Region(row["region_id"], codes, row["name"], _row_of(path, line, gazetteer, row["capital_geonameid"]),
                        row["bare"] == "1", names)
        for variant in names:
            key = " ".join(k for segment in parse_phrase(variant).segments for k in segment.keys)
            if key:
                by_key.setdefault(key, region)  # the first row naming a key keeps it (Kyiv: the oblast)
    return by_key


def _load_districts(path: Path, gazetteer: Gazetteer) -> dict[str, list[District]]:
    by_key: dict[str, list[District]] = {}
    for line, row in read_table(path, ["city_geonameid", "city", "district", "district_geonameid", "variants"]):
        if not row["district"]:
            raise GeodataError(f"{path}: line {line}: district name missing")
        own = row["district_geonameid"]
        district = District(_row_of(path, line, gazetteer, row["city_geonameid"]), row["city"], row["district"],
                            _row_of(path, line, gazetteer, own, "district_geonameid") if own else None)
        for variant in {name_key(v) for v in [row["district"], *row["variants"].split("|")] if v.strip()}:
            if not variant:
                raise GeodataError(f"{path}: line {line}: a district name holds no letters")
            by_key.setdefault(variant, []).append(district)
    return by_key
