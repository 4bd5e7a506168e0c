"""chain.py: the geocoder other modules call (memoised per process; any text gives a result)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conflictmap.geocoding import JSON_KEYS, get_geocoder

from tests.geocoding_support import geo, geodata  # noqa: F401 (fixtures)


def test_get_geocoder_is_memoised(monkeypatch, geodata):
    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(geodata))
    assert get_geocoder() is get_geocoder()
    assert get_geocoder().lookup("Kyiv").found


def test_spelling_correction_never_lands_abroad():
    from conflictmap.geocoding import get_geocoder

    result = get_geocoder().lookup("Korabel")
    assert not result.found or result.country in {"UA", "RU", "BY", "MD"}, result


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), st.text(max_size=8)), st.one_of(st.none(), st.text(max_size=20)))
def test_any_text_gives_a_result_never_an_exception(geo, query, country, admin1):
    r = geo.lookup(query, country=country, admin1=admin1)
    assert list(r.to_json_dict()) == list(JSON_KEYS)
    assert r.found == (r.lat is not None)


def test_candidates_carry_what_a_user_needs_to_choose(geo):
    for candidate in geo.lookup("Lyman").candidates:
        assert {"name", "lat", "lon", "country", "admin1", "population"} <= set(candidate)
