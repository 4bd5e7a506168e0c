"""gazetteer.py: the SQLite index, its rebuilds, and the counts it keeps under both keys."""
from __future__ import annotations

from conflictmap.geocoding import gazetteer as gazetteer_module
from conflictmap.geocoding.normalize import name_key, variant_key

from tests.geocoding_support import copy_geodata, geo, geodata  # noqa: F401 (fixtures)


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


def test_the_codifier_is_counted_under_the_variant_key_too(geo):
    """The Andriivkas of Donetsk Oblast are counted under their national spelling and under the key that Russian
    spellings (Andreevka, Andreyevka) share with it; the variant count is never the smaller."""
    g, donetsk = geo.offline.g, "UA.05"
    exact = g.settlements(name_key("Andriivka"), donetsk)
    assert exact >= 2 and g.variant_settlements(variant_key("Andreevka"), donetsk) >= exact
    assert g.settlements(name_key("Andreevka"), donetsk) == 0  # the codifier writes Ukrainian names only


def test_variant_keys_lead_to_places_and_say_which_is_the_main_name(geo):
    g = geo.offline.g
    rows = {g.place(row).geonameid: main for row, main in g.variant_entries(variant_key("Trohizbenka"))}
    assert rows.get(691331) is True  # Tryokhizbenka, Luhansk Oblast: its own name in another romanisation
    assert g.counted_countries == {"UA"}  # cities500 alone: only Ukraine has every settlement counted


def test_junk_alternate_names_are_not_indexed(geo):
    """Issue 12: GeoNames gives Mariupol the "names" hindi, kartuli and ri ben yu (the words for Hindi, Georgian and
    Japanese) and lower-case machine romanisations of its names in other scripts (marywbwl, ma li wu bo er): a
    search for "Hindi" found Mariupol's events. Alternate names with no capital letter, or of fewer than two letters,
    are left out when the index is built; the place's real names stay."""
    from conflictmap.filters import read_place
    from conflictmap.geocoding.normalize import keep_alternate_name

    mariupol = geo.lookup("Mariupol")
    names = geo.offline.g.names(geo.offline.g.row(mariupol.geonameid))
    assert {"Zhdanov", "Маріуполь", "Mariupol"} <= set(names), "its real names, old ones too, are kept"
    assert not {"hindi", "kartuli", "ri ben yu", "marywbwl", "ma li wu bo er"} & set(names), names
    for junk in ("Hindi", "kartuli", "ri ben yu", "marywbwl"):
        assert geo.lookup(junk).geonameid != mariupol.geonameid, junk
        reading = read_place(junk)
        assert reading is None or reading.place != "Mariupol", junk
    assert [keep_alternate_name(n) for n in ("v", "A", "IEV", "dubno", "Dubno", "маріуполь", "Ur")] == [
        False, False, False, False, True, True, True]
