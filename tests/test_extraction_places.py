"""`conflictmap.extraction.places`: which capitalised words are places, what role each plays in the sentence, and
what the project's real geocoder answers for them."""
from __future__ import annotations

import pytest

from conflictmap.extraction.places import district_names, find_places, theatre_lookup, unplaced_location
from conflictmap.geocoding import get_geocoder


@pytest.fixture(scope="module")
def lookup():
    return theatre_lookup(get_geocoder())


def _roles(text: str, lookup, masked=()) -> list[tuple[str, str, str]]:
    return [(p.text, p.role, p.result.name) for p in find_places(text, lookup, masked=list(masked))]


def test_roles_of_places_in_a_sentence(lookup):
    text = "À Kharkiv, le maire de Kyiv a parlé des frappes sur la région de Soumy."
    assert _roles(text, lookup) == [("Kharkiv", "event", "Kharkiv"), ("Kyiv", "role", "Kyiv"),
                                    ("Soumy", "region", "Sumy Oblast")]


def test_an_officials_region_stays_part_of_the_title(lookup):
    """"a précisé le gouverneur de la région de Donetsk" says who speaks, not where the event was."""
    roles = _roles("Deux wagons ont été endommagés, a précisé le gouverneur de la région de Donetsk.", lookup)
    assert roles == [("Donetsk", "role", "Donetsk Oblast")]


def test_every_name_listed_after_a_plural_region_word_is_a_region(lookup):
    roles = _roles("Il a abattu 27 drones au-dessus des régions de Briansk et de Smolensk.", lookup)
    assert roles == [("Briansk", "region", "Bryansk Oblast"), ("Smolensk", "region", "Smolensk Oblast")]


def test_a_possessive_ends_the_name(lookup):
    roles = _roles("A drone hit a bus stop in Kherson's Dniprovskyi district.", lookup)
    assert roles == [("Kherson", "event", "Kherson"), ("Dniprovskyi", "district", "Kherson")]  # a curated district
    assert district_names("A drone hit a bus stop in Kherson's Dniprovskyi district.") == ["Dniprovskyi"]


def test_a_district_with_its_city_answers_with_the_standard_spelling(lookup):
    places = find_places("Un missile a touché le district de Chevtchenkivsky à Kharkiv.", lookup)
    district = next(p for p in places if p.role == "district")
    assert district.text == "Chevtchenkivsky"  # as written; the geocoder gives the standard spelling
    assert (district.result.name, district.result.district, district.result.geo_precision) == (
        "Kharkiv", "Shevchenkivskyi", 2)


def test_names_of_people_and_outlets_are_not_places(lookup):
    assert _roles("Le Kyiv Independent a rapporté une frappe.", lookup) == []
    assert _roles("Selon Vitali Klitschko, le parc a brûlé.", lookup, masked=["Vitali Klitschko"]) == []


def test_an_unknown_place_keeps_its_name():
    assert unplaced_location("Russian artillery shelled a market in Korabel on Monday.") == "Korabel"
    assert unplaced_location("Des drones ont visé l'Ukraine.") == ""  # a country is not a place of an event
