"""result.py: the PlaceResult every lookup returns."""
from __future__ import annotations

import json

from conflictmap.geocoding import JSON_KEYS

from tests.geocoding_support import geo, geodata  # noqa: F401 (fixtures)


def test_json_dict_has_exactly_the_public_keys(geo):
    data = geo.lookup("province de Koursk").to_json_dict()
    assert list(data) == list(JSON_KEYS)
    assert data["source"] == "gazetteer" and 0 < data["confidence"] <= 1
    json.dumps(data)
