"""Ukraine's settlement codifier as the index reads it (conflictmap/geocoding/katottg.py and its use in gazetteer.py)."""
from __future__ import annotations

from collections import Counter

import pytest

from conflictmap.geocoding import gazetteer, katottg


@pytest.fixture(scope="module")
def settlements():
    return katottg.read_settlements()


def test_every_settlement_has_its_region_and_raion(settlements):
    assert len(settlements) > 29_000
    assert {s.category for s in settlements} <= set(katottg.SETTLEMENT_CATEGORIES)
    assert len({s.region_code for s in settlements}) == 27  # 24 oblasts, Crimea, Kyiv and Sevastopol
    assert all(s.raion_name for s in settlements if s.category != "K")


def test_the_codifier_regions_match_geonames_admin1_codes_one_to_one(settlements):
    places, _, _ = gazetteer._cities500()
    mapping = gazetteer._katottg_regions(settlements, places)
    names = {s.region_code: s.region_name for s in settlements}
    assert len(set(mapping.values())) == 27
    by_name = {names[code]: admin1 for code, admin1 in mapping.items()}
    assert (by_name["Донецька"], by_name["Луганська"], by_name["Київ"], by_name["Київська"]) == (
        "UA.05", "UA.14", "UA.12", "UA.13")
    assert (by_name["Севастополь"], by_name["Автономна Республіка Крим"]) == ("UA.20", "UA.11")


def test_names_are_romanised_as_geonames_spells_them():
    assert {"zvenihorodka"} <= gazetteer._ukrainian_keys("Звенигородка")  # official romanisation, h for г
    assert "mihailivka" in gazetteer._ukrainian_keys("Михайлівка")


def test_homonym_counts_of_the_issue(settlements):
    """Kherson Oblast's Ivanivkas and Mykhailivkas, counted straight from the codifier."""
    kherson = Counter(s.name for s in settlements if s.region_name == "Херсонська")
    assert kherson["Іванівка"] >= 2 and kherson["Михайлівка"] >= 2
