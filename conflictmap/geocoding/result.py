"""What a lookup answers: one place, or not-found with the candidates that could not be told apart."""
from __future__ import annotations

from dataclasses import dataclass, field

JSON_KEYS = (
    "query", "found", "name", "lat", "lon", "country", "admin1", "admin2", "geo_precision", "source", "confidence", "candidates",
)

# ACLED's geo_precision for what an answer locates, one policy for the geocoder and the extractor: 1 the place itself
# (a town, a village); 2 a part of a region or an area near a town (a city district, "near X", a raion answered at the
# town it is named after: a second-level region is a part of its oblast, not the larger region ACLED's 3 means);
# 3 a larger region such as an oblast or province (answered at its capital); 4 only the country.
GEO_PRECISION = {"place": 1, "near": 2, "district": 2, "raion": 2, "region": 3, "country": 4}


def geo_precision(area: str) -> int:
    """ACLED's geo_precision (1-4) of an answer locating `area`: "place", "near", "district" (a city's), "raion"
    (a second-level region), "region" (a first-level one: oblast, province) or "country" (GEO_PRECISION). Raises
    KeyError for any other word."""
    return GEO_PRECISION[area]


@dataclass(frozen=True)
class PlaceResult:
    """A lookup's answer: when found, the place (lat/lon in WGS84 degrees, geo_precision 1-3, confidence 0-1, source);
    when not, why, and the candidates that could not be told apart."""
    query: str
    found: bool
    name: str = ""
    lat: float | None = None
    lon: float | None = None
    country: str = ""
    country_name: str = ""
    admin1: str = ""
    admin2: str = ""  # the raion (second-level region) when the query named one, e.g. "Sumskyi"
    geo_precision: int | None = None
    source: str = ""
    confidence: float = 0.0
    candidates: list[dict] = field(default_factory=list)
    geonameid: int | None = None
    reason: str = ""
    unknown_name: bool = False  # not found because no source knows the name (not because it is ambiguous)
    district: str = ""  # the city district's standard name (geodata/districts.csv) when the query named one
    within: int | None = None  # for a city district: the GeoNames id of its city
    # how many candidates there were before the list was cut to resolver.MAX_CANDIDATES (a capped list says so)
    candidates_total: int = 0

    def to_json_dict(self) -> dict:
        """The public JSON shape: exactly the keys the command line and other modules rely on."""
        return {key: getattr(self, key) for key in JSON_KEYS}

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.found else None


def not_found(query: str, reason: str, candidates: list[dict] | None = None, unknown_name: bool = False,
              candidates_total: int | None = None) -> PlaceResult:
    """A not-found answer with its reason and candidates; `candidates_total` when the list was cut short."""
    listed = list(candidates or [])
    return PlaceResult(query=query, found=False, reason=reason, candidates=listed, unknown_name=unknown_name,
                       candidates_total=len(listed) if candidates_total is None else max(candidates_total, len(listed)))
