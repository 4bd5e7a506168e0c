"""curated.py: the curated regions and city districts of geodata/, read and answered."""
from __future__ import annotations

import pytest

from conflictmap.geocoding import GeodataError, build_geocoder

from tests.geocoding_support import KHARKIV, KURSK, KYIV, copy_geodata, geo, geodata, near  # noqa: F401 (fixtures)

DESNIANSKYI_KYIV = 13546519  # GeoNames' place for Kyiv's Desnianskyi district ("Desna"), in cities500
KYIV_ID, KHARKIV_ID = 703448, 706483


@pytest.mark.parametrize("query, geonameid, city_id", [
    ("Desnianskyi district, Kyiv", DESNIANSKYI_KYIV, KYIV_ID),
    ("district de Desnianskyï à Kyiv", DESNIANSKYI_KYIV, KYIV_ID),
    ("Деснянський район Києва", DESNIANSKYI_KYIV, KYIV_ID),
    ("Shevchenkivskyi district, Kharkiv", KHARKIV_ID, KHARKIV_ID),
    ("district de Shevchenkivskyi à Kharkiv", KHARKIV_ID, KHARKIV_ID),
    ("Шевченківський район Харкова", KHARKIV_ID, KHARKIV_ID),
])
def test_city_district_is_its_own_geonames_place_or_else_its_city_at_precision_2(geo, query, geonameid, city_id):
    r = geo.lookup(query)
    assert r.found and r.geonameid == geonameid and r.within == city_id and r.geo_precision == 2
    city = KYIV if city_id == KYIV_ID else KHARKIV
    assert near(r, city, 20)


@pytest.mark.parametrize("query", ["Kursk Oblast", "province de Koursk", "région de Koursk",
                                   "dans la province russe de Koursk", "Курская область", "у Курській області"])
def test_kursk_region_is_kursk_city_at_precision_3(geo, query):
    r = geo.lookup(query)
    assert r.found and r.name == "Kursk Oblast" and r.admin1 == "Kursk Oblast" and r.country == "RU"
    assert r.geo_precision == 3 and near(r, KURSK, 1)


def test_district_name_alone_is_ambiguous(geo):
    r = geo.lookup("Shevchenkivskyi")
    assert not r.found and r.lat is None
    assert {"Kyiv", "Kharkiv"} <= {c["name"] for c in r.candidates}
    assert "city" in r.reason


def test_district_in_a_city_without_it_is_not_placed_in_another(geo):
    r = geo.lookup("Shevchenkivskyi district, Odesa")
    assert not r.found


@pytest.mark.parametrize("query", ["Donbas", "Crimée", "в Крыму", "на Харківщині", "ДНР"])
def test_region_names_without_a_region_word(geo, query):
    r = geo.lookup(query)
    assert r.found and r.geo_precision == 3


def test_curated_regions_point_at_a_capital_inside_the_region(geo):
    g = geo.offline.g
    for region in set(geo.offline.curated.regions_by_key.values()):
        place = g.place(region.capital_row)
        assert place.region in region.admin1_codes or region.region_id == "UA.13", region  # Kyiv: seat of Kyiv Oblast


def test_bad_curated_row_names_its_line(geodata, tmp_path):
    broken = copy_geodata(tmp_path / "g")
    text = (geodata / "districts.csv").read_text(encoding="utf-8")
    (broken / "districts.csv").write_text(text + "999999999,Nowhere,Nowhereskyi,,Nowhereskyi\n", encoding="utf-8")
    line = text.count("\n") + 1
    with pytest.raises(GeodataError, match=f"line {line}: GeoNames id 999999999"):
        build_geocoder(directory=broken)


@pytest.mark.parametrize("query, district", [
    ("Dnipro - Amur-Nyzhnodniprovskyi", "Amur-Nyzhnodniprovskyi"),  # a name of two words (KATOTTH, category B)
    ("Амур-Нижньодніпровський район Дніпра", "Amur-Nyzhnodniprovskyi"),
    ("Dnipro - Chechelivskyi", "Chechelivskyi"),
])
def test_a_district_name_of_several_words_is_read_whole(geo, query, district):
    r = geo.lookup(query)
    assert r.found and r.district == district and r.geonameid == 709930 and r.geo_precision == 2


BELGOROD_ID, KURSK_ID = 578072, 538560


@pytest.mark.parametrize("query, city, district", [
    # Kursk's three okrugs and Belgorod's two (OKATO 38 401 365/369/373 and 14 401 365/370; geodata/README.md):
    # GeoNames has no place for them, so each is answered at its city with geo_precision 2
    ("Kursk - Seymsky", KURSK_ID, "Seimskyi"),
    ("Сеймский округ, Курск", KURSK_ID, "Seimskyi"),
    ("Промышленный округ, Курск", KURSK_ID, "Seimskyi"),  # its name until 1994
    ("Zheleznodorozhny district, Kursk", KURSK_ID, "Zheleznodorozhnyi"),
    ("Tsentralnyi district, Kursk", KURSK_ID, "Tsentralnyi"),
    ("Belgorod - Vostochny", BELGOROD_ID, "Vostochnyi"),
    ("Западный округ Белгорода", BELGOROD_ID, "Zapadnyi"),
])
def test_belgorod_and_kursk_districts_are_answered_at_their_city(geo, query, city, district):
    r = geo.lookup(query)
    assert r.found and r.geonameid == city and r.within == city and r.district == district and r.geo_precision == 2
    assert near(r, KURSK if city == KURSK_ID else (50.59, 36.59), 5)


def test_a_district_name_outside_the_hinted_oblast_is_a_places_name(geo):
    """Tsentralnyi is a district of Dnipro, Mykolaiv, Kherson and Kursk, and a village of Luhansk Oblast."""
    assert not geo.lookup("Tsentralnyi").found
    village = geo.lookup("Tsentralny", admin1="Luhansk Oblast")
    assert village.found and village.admin1 == "Luhansk" and village.geo_precision == 1 and not village.district
