"""GeoNames country dumps: reading the geoname table (plain or zipped), and `gazetteer add` feeding the index:
new places, admin2 codes and names that let a raion decide, homonym counts (conflictmap/geocoding/dumps.py,
conflictmap/commands/gazetteer.py)."""
from __future__ import annotations

import zipfile

import pytest

from conflictmap.cli import main
from conflictmap.geocoding import build_geocoder, clear_geocoders
from conflictmap.geocoding.dumps import read_dump
from conflictmap.geocoding.gazetteer import load_gazetteer
from conflictmap.geocoding.normalize import name_key

from tests.geocoding_support import FIXTURES, copy_geodata

SAMPLE = FIXTURES / "frontline_sample.txt"


def test_the_sample_reads_whole():
    rows, report = read_dump(SAMPLE)
    assert (report.places, report.admin2, report.problems) == (9, 5, [])
    assert report.countries == {"UA", "RU"} and len(rows) == 14
    makiivka = next(r for r in rows if r.geonameid == 702314)
    assert (makiivka.country, makiivka.admin1, makiivka.admin2) == ("UA", "02", "7404")


def test_a_zipped_dump_is_read_and_its_readme_ignored(tmp_path):
    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "not a table\n")
        zf.writestr("UA.txt", SAMPLE.read_text(encoding="utf-8"))
    assert read_dump(archive)[1].places == 9


def test_bad_lines_are_reported_by_number_and_the_rest_read(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    broken = lines[:2] + ["1\tNowhere"] + [lines[2].replace("\t48.39477\t", "\tnorth\t")] + lines[3:]
    path = tmp_path / "UA.txt"
    path.write_text("\n".join(broken) + "\n", encoding="utf-8")
    rows, report = read_dump(path)
    assert [line for line, _ in report.problems] == [3, 4] and "19 tab-separated columns" in report.problems[0][1]
    assert report.places == 8


def test_a_file_that_is_not_a_dump_is_refused(tmp_path, capsys):
    path = tmp_path / "UA.txt"
    path.write_bytes(b"\xff\xfe not utf-8")
    assert main(["gazetteer", "add", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A private geodata directory with the sample added through the command line (index rebuilt once)."""
    data = copy_geodata(tmp_path_factory.mktemp("geodata"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CONFLICTMAP_GEODATA", str(data))
        clear_geocoders()
        status = main(["gazetteer", "add", str(SAMPLE)])
        clear_geocoders()
    return data, status


def test_add_keeps_a_table_and_rebuilds_the_index(added):
    data, status = added
    assert status == 0
    assert (data / "gazetteer" / "frontline_sample.tsv").is_file()
    index = load_gazetteer(data)
    assert index.added == ["frontline_sample.tsv"]
    assert index.place(index.row(702314)).admin2 == "7404"  # the dump's admin2 code joined the cities500 place


def test_a_raion_decides_between_villages_of_one_name(added):
    """Chernihiv Oblast has two Makiivkas (KATOTTH: Nizhyn and Pryluky raions); the dump says GeoNames' one is in
    Nizhyn's admin2, so the raion answers where the oblast could not."""
    geo = build_geocoder(directory=added[0])
    assert not geo.lookup("Makiivka", admin1="Chernihiv Oblast").found
    r = geo.lookup("Makiivka", admin1="Chernihiv Oblast", admin2="Nizhynskyi")
    assert r.found and r.geonameid == 702314 and r.confidence >= 0.9
    # Chuhuiv raion itself holds two Lymans: still not decided
    assert not geo.lookup("Lyman", admin1="Kharkiv Oblast", admin2="Chuhuivskyi").found
    # a raion that holds no such place of the gazetteer answers nothing
    assert not geo.lookup("Makiivka", admin1="Chernihiv Oblast", admin2="Prylutskyi").found


def test_the_dump_feeds_the_homonym_counts(added):
    index = load_gazetteer(added[0])
    assert index.settlements(name_key("Sudzha"), "RU.41") == 1  # Russia has no codifier here: the dump counts
    assert index.settlements(name_key("Lyman"), "UA.07") == 3  # the codifier's count is kept where it is larger


def test_the_command_shows_progress_and_info(added, capsys, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(added[0]))
    assert main(["gazetteer", "info"]) == 0
    assert "frontline_sample.tsv" in capsys.readouterr().out
