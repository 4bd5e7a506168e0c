"""Geocoding of place phrases in English, French, Ukrainian and Russian: offline GeoNames gazetteer first,
Nominatim only when asked for.

    from conflictmap.geocoding import get_geocoder
    get_geocoder().lookup("province de Koursk")  # -> PlaceResult(found=True, name="Kursk Oblast", geo_precision=3, ...)
"""
from .chain import ConflictGeocoder, build_geocoder, clear_geocoders, get_geocoder
from .errors import GeodataError
from .result import JSON_KEYS, PlaceResult


def __getattr__(name: str):
    """geopy's interface is imported only by the code that asks for it (geopy takes a while to import)."""
    if name in ("GazetteerGeocoder", "geocoder_chain"):
        from . import geopy_adapter

        return getattr(geopy_adapter, name)
    raise AttributeError(name)

__all__ = [
    "ConflictGeocoder", "GazetteerGeocoder", "GeodataError", "JSON_KEYS", "PlaceResult", "build_geocoder",
    "clear_geocoders", "geocoder_chain", "get_geocoder",
]
