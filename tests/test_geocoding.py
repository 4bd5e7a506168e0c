"""The offline geocoder: normalisation, phrase reading, disambiguation, regions, districts, overrides, data files."""
from __future__ import annotations

import json

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictmap.geocoding import JSON_KEYS, GazetteerGeocoder, GeodataError, PlaceResult, build_geocoder, get_geocoder
from conflictmap.geocoding import gazetteer as gazetteer_module
from conflictmap.geocoding.evaluation import read_labels, score
from conflictmap.geocoding.normalize import name_key
from conflictmap.geocoding.phrases import parse_phrase
from conflictmap.geocoding.resolver import distance_km

from tests.geocoding_support import ROOT, copy_geodata

KYIV = (50.45466, 30.5238)
KHARKIV = (49.98177, 36.25475)
KURSK = (51.72689, 36.18457)


@pytest.fixture(scope="module")
def geodata(tmp_path_factory):
    return copy_geodata(tmp_path_factory.mktemp("geodata"))


@pytest.fixture(scope="module")
def geo(geodata):
    return build_geocoder(online=False, directory=geodata)


def near(result: PlaceResult, point: tuple[float, float], km: float = 15.0) -> bool:
    return result.found and distance_km(result.lat, result.lon, *point) <= km


# ---- the places the bundled events need -------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["Kyiv", "Kiev", "Київ", "Киев", "KYIV", "Kyïv"])
def test_kyiv_in_every_spelling(geo, query):
    r = geo.lookup(query)
    assert r.name == "Kyiv" and r.country == "UA" and r.geo_precision == 1 and near(r, KYIV)


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


def test_kharkiv_and_kursk_cities_are_the_place_itself(geo):
    assert geo.lookup("Kharkiv").geo_precision == 1 and near(geo.lookup("Kharkiv"), KHARKIV)
    kursk = geo.lookup("Kursk")
    assert kursk.geo_precision == 1 and kursk.name == "Kursk" and near(kursk, KURSK)


# ---- ambiguity: not-found with candidates rather than a guess -------------------------------------------------------
def test_district_name_alone_is_ambiguous(geo):
    r = geo.lookup("Shevchenkivskyi")
    assert not r.found and r.lat is None
    assert {"Kyiv", "Kharkiv"} <= {c["name"] for c in r.candidates}
    assert "city" in r.reason


def test_district_in_a_city_without_it_is_not_placed_in_another(geo):
    r = geo.lookup("Shevchenkivskyi district, Odesa")
    assert not r.found


@pytest.mark.parametrize("query", ["Lyman", "Kostiantynivka", "Vasylivka", "Aleksandrovka"])
def test_repeated_names_without_context_are_not_guessed(geo, query):
    r = geo.lookup(query)
    assert not r.found and len(r.candidates) >= 2


@pytest.mark.parametrize("query, admin1, expected_admin1", [
    ("Lyman", "Donetsk Oblast", "Donetsk"),
    ("Kostiantynivka", "Donetsk", "Donetsk"), ("Kostiantynivka", "Zaporizhia", "Zaporizhzhia"),
    ("Mykolaiv", "Lviv", "Lviv"),
])
def test_oblast_hint_decides(geo, query, admin1, expected_admin1):
    r = geo.lookup(query, admin1=admin1)
    assert r.found and r.admin1 == expected_admin1


def test_context_in_the_text_decides_like_a_hint(geo):
    assert geo.lookup("Lyman, Donetsk Oblast").admin1 == "Donetsk"
    assert geo.lookup("Kostiantynivka (Zaporizhzhia Oblast)").admin1 == "Zaporizhzhia"
    assert geo.lookup("Pokrovsk, Sakha").country == "RU"


def test_big_city_outweighs_the_village_of_the_same_name(geo):
    city = geo.lookup("Zaporizhzhia")
    assert city.name == "Zaporizhzhya" and city.geonameid == 687700
    makiivka = geo.lookup("Makiivka")
    assert makiivka.admin1 == "Donetsk" and makiivka.geonameid == 702320
    village = geo.lookup("Makiivka", admin1="Chernihiv Oblast")  # one of several villages of that name there
    assert not village.found and [c["geonameid"] for c in village.candidates] == [702314]


def test_old_names_and_french_forms(geo):
    assert geo.lookup("Artemivsk").name == "Bakhmut"
    assert geo.lookup("Koupiansk").name == "Kupyansk"
    assert geo.lookup("Zaporijia").geonameid == 687700
    assert geo.lookup("Avdiïvka").name == "Avdiyivka"
    assert geo.lookup("Kharkov").name == "Kharkiv"
    assert geo.lookup("Tchassiv Iar").name == "Chasiv Yar"


def test_hints_that_contradict_the_place_give_not_found(geo):
    assert not geo.lookup("Kursk", country="UA").found
    assert not geo.lookup("Kharkiv", admin1="Kursk Oblast").found


def test_unknown_hints_are_reported_not_ignored(geo):
    r = geo.lookup("Kyiv", country="Atlantis")
    assert not r.found and "country" in r.reason
    r = geo.lookup("Kyiv", admin1="Narnia Oblast")
    assert not r.found and "admin1" in r.reason


def test_near_words_lower_the_precision(geo):
    r = geo.lookup("près de Koupiansk")
    assert r.name == "Kupyansk" and r.geo_precision == 2


def test_spelling_slip_is_corrected_with_low_confidence_but_a_new_ending_is_not(geo):
    slip = geo.lookup("Kramatorks")
    assert slip.name == "Kramatorsk" and slip.confidence <= 0.6
    assert not geo.lookup("Toretske").found  # a village named after Toretsk is not Toretsk
    assert not geo.lookup("Kramatorske").found


@pytest.mark.parametrize("query", ["Donbas", "Crimée", "в Крыму", "на Харківщині", "ДНР"])
def test_region_names_without_a_region_word(geo, query):
    r = geo.lookup(query)
    assert r.found and r.geo_precision == 3


def test_not_places_are_not_found(geo):
    for query in ["Zzyzxqv", "the Ministry of Defence", "", "   ", "Reuters"]:
        assert not geo.lookup(query).found, query


# ---- result shape and interfaces --------------------------------------------------------------------------------------
def test_json_dict_has_exactly_the_public_keys(geo):
    data = geo.lookup("province de Koursk").to_json_dict()
    assert list(data) == list(JSON_KEYS)
    assert data["source"] == "gazetteer" and 0 < data["confidence"] <= 1
    json.dumps(data)


def test_candidates_carry_what_a_user_needs_to_choose(geo):
    for candidate in geo.lookup("Lyman").candidates:
        assert {"name", "lat", "lon", "country", "admin1", "population"} <= set(candidate)


def test_geopy_interface(geo):
    coder = GazetteerGeocoder(geo)
    assert isinstance(coder, Geocoder)
    location = coder.geocode("Kiev")
    assert isinstance(location, Location) and location.raw["name"] == "Kyiv"
    assert (round(location.latitude, 3), round(location.longitude, 3)) == (50.455, 30.524)
    assert coder.geocode("Lyman") is None
    options = coder.geocode("Lyman", exactly_one=False)
    assert len(options) >= 2 and all(isinstance(o, Location) for o in options)


def test_get_geocoder_is_memoised(monkeypatch, geodata):
    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(geodata))
    assert get_geocoder() is get_geocoder()
    assert get_geocoder().lookup("Kyiv").found


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), st.text(max_size=8)), st.one_of(st.none(), st.text(max_size=20)))
def test_any_text_gives_a_result_never_an_exception(geo, query, country, admin1):
    r = geo.lookup(query, country=country, admin1=admin1)
    assert list(r.to_json_dict()) == list(JSON_KEYS)
    assert r.found == (r.lat is not None)


# ---- normalisation and phrase reading --------------------------------------------------------------------------------
@pytest.mark.parametrize("forms", [
    ["Kupiansk", "Kup'yans'k", "Koupiansk", "Купянськ".replace("янськ", "'янськ")],
    ["Zaporizhzhia", "Zaporijia", "Zaporizhzhya", "Запоріжжя"],
    ["Avdiivka", "Avdiïvka", "Avdiyivka", "Авдіївка"],
    ["Kyiv", "Київ", "KYIV", "kyiv"],
])
def test_transliterations_meet_on_one_key(forms):
    assert len({name_key(f) for f in forms}) == 1, {f: name_key(f) for f in forms}


def test_phrase_parts():
    phrase = parse_phrase("district de Shevchenkivskyi à Kharkiv")
    assert [s.district for s in phrase.segments] == [True, False]
    phrase = parse_phrase("dans la province russe de Koursk")
    assert phrase.countries == ["RU"] and phrase.segments[0].region and phrase.segments[0].key == name_key("Kursk")
    assert parse_phrase("l'oblast d'Odessa").segments[0].key == name_key("Odessa")


# ---- the data files ---------------------------------------------------------------------------------------------------
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


def test_overrides_win_over_everything(tmp_path):
    data = copy_geodata(tmp_path / "g")
    (data / "overrides.csv").write_text(
        "query,country,admin1,geonameid,latitude,longitude,name,geo_precision,note\n"
        "Muromets park,,,703448,,,Kyiv,2,the park lies in Kyiv\n"
        "Lyman,,,,48.9,37.9,Lyman (my choice),1,\n",
        encoding="utf-8")
    geo = build_geocoder(directory=data)
    park = geo.lookup("Muromets Park")
    assert park.source == "override" and park.name == "Kyiv" and park.geo_precision == 2 and near(park, KYIV, 0.1)
    lyman = geo.lookup("lyman")
    assert lyman.source == "override" and (lyman.lat, lyman.lon) == (48.9, 37.9)


def test_bad_override_row_names_its_line(tmp_path):
    data = copy_geodata(tmp_path / "g")
    (data / "overrides.csv").write_text(
        "query,country,admin1,geonameid,latitude,longitude,name,geo_precision,note\n"
        "Somewhere,,,,95,30,,1,\n", encoding="utf-8")
    with pytest.raises(GeodataError, match="overrides.csv: line 2: latitude"):
        build_geocoder(directory=data)


def test_ragged_override_row_names_its_line_and_blank_rows_are_skipped(tmp_path):
    data = copy_geodata(tmp_path / "g")
    (data / "overrides.csv").write_text(
        "query,country,admin1,geonameid,latitude,longitude,name,geo_precision,note\n"
        ",,,,,,,,\n"
        "Somewhere,,,703448\n", encoding="utf-8")
    with pytest.raises(GeodataError, match="overrides.csv: line 3: 4 fields where the header has 9"):
        build_geocoder(directory=data)


def test_stale_or_damaged_index_is_rebuilt(tmp_path, monkeypatch):
    """A missing, damaged or stale index is rebuilt once; a fresh one is opened as it is."""
    built = []
    real_build = gazetteer_module.build_index

    def counting_build(path, tables, progress=None):
        built.append(path)
        real_build(path, tables, progress)

    data = copy_geodata(tmp_path / "g")
    monkeypatch.setattr(gazetteer_module, "build_index", counting_build)
    path = gazetteer_module.index_path(data)
    assert len(gazetteer_module.load_gazetteer(data)) > 30_000 and built == []  # fresh copy: opened as it is
    path.write_bytes(b"not a database")
    assert len(gazetteer_module.load_gazetteer(data)) > 30_000 and built == [path]
    monkeypatch.setattr(gazetteer_module, "INDEX_FORMAT", gazetteer_module.INDEX_FORMAT + 1)  # other rules: stale
    gazetteer_module.load_gazetteer(data)
    assert built == [path, path]
    gazetteer_module.load_gazetteer(data)
    assert built == [path, path]


# ---- the measured standard -----------------------------------------------------------------------------------------
def test_labelled_set_accuracy(geo):
    labels = read_labels(ROOT / "tests" / "data" / "geocode_labelled.csv")
    assert len(labels) >= 500
    languages = {"cyrillic": any("\u0400" <= ch <= "\u04ff" for label in labels for ch in label.query),
                 "french": any(" de " in label.query for label in labels)}
    assert all(languages.values())
    tally = score(labels, lambda q, c, a: geo.lookup(q, country=c, admin1=a))
    failures = [(label.line, label.query, verdict) for label, _, verdict in tally.failures]
    assert tally.accuracy >= 0.97, failures[:20]
    assert tally.wrong_share < 0.01, [f for f in failures if f[2] == "wrong"]


def test_spelling_correction_never_lands_abroad():
    from conflictmap.geocoding import get_geocoder

    result = get_geocoder().lookup("Korabel")
    assert not result.found or result.country in {"UA", "RU", "BY", "MD"}, result
