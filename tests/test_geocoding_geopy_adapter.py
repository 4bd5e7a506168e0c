"""geopy_adapter.py: the gazetteer behind geopy's Geocoder interface."""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from conflictmap.geocoding import GazetteerGeocoder

from tests.geocoding_support import geo, geodata  # noqa: F401 (fixtures)


def test_geopy_interface(geo):
    coder = GazetteerGeocoder(geo)
    assert isinstance(coder, Geocoder)
    location = coder.geocode("Kiev")
    assert isinstance(location, Location) and location.raw["name"] == "Kyiv"
    assert (round(location.latitude, 3), round(location.longitude, 3)) == (50.455, 30.524)
    assert coder.geocode("Lyman") is None
    options = coder.geocode("Lyman", exactly_one=False)
    assert len(options) >= 2 and all(isinstance(o, Location) for o in options)
