"""Errors in the geocoder's own data files (curated regions, districts, overrides), always naming the line."""
from __future__ import annotations


class GeodataError(Exception):
    """A data file under geodata/ cannot be used; the message names the file, the line and the problem."""
