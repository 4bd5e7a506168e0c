"""The geocoder behind geopy's own interface, for code written against `geopy.geocoders.base.Geocoder`."""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .chain import ConflictGeocoder, get_geocoder
from .result import PlaceResult


def to_location(result: PlaceResult) -> Location:
    """A found PlaceResult as a geopy Location ((lat, lon) in degrees; raw = the result's JSON dict)."""
    return Location(result.name, (result.lat, result.lon), result.to_json_dict())


class GazetteerGeocoder(Geocoder):
    """`geocode(query, exactly_one=True)` -> geopy Location (raw = the PlaceResult dict) or None.

    With `exactly_one=False` an ambiguous name gives the candidates as Locations, so a caller can choose.
    """

    def __init__(self, geocoder: ConflictGeocoder | None = None, online: bool = False):
        super().__init__()
        self._geocoder = geocoder or get_geocoder(online=online)

    def geocode(self, query, *, exactly_one=True, country=None, admin1=None, timeout=None):
        result = self._geocoder.lookup(str(query), country=country, admin1=admin1)
        if result.found:
            location = to_location(result)
            return location if exactly_one else [location]
        if exactly_one or not result.candidates:
            return None
        return [Location(c["name"], (c["lat"], c["lon"]), c) for c in result.candidates]


def geocoder_chain(online: bool = False) -> GazetteerGeocoder:
    """The whole chain (overrides, gazetteer, cached Nominatim when online) as one geopy geocoder."""
    return GazetteerGeocoder(get_geocoder(online=online))
