"""`python -m conflictmap geocode`: one query, --json, exit status, --online, and --batch IN.csv --out OUT.csv."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys

import pytest

from conflictmap.cli import main
from conflictmap.geocoding import JSON_KEYS, clear_geocoders

from tests.geocoding_support import ROOT, copy_geodata
from tests.test_geocoding_online import USER_AGENT, Server

RESULT_COLUMNS = ["found", "name", "lat", "lon", "geo_country", "geo_admin1", "geo_admin2", "geo_precision", "source",
                  "confidence", "candidates"]


@pytest.fixture(scope="module")
def geodata_copy(tmp_path_factory):
    return copy_geodata(tmp_path_factory.mktemp("geodata"))


@pytest.fixture()
def geodata(geodata_copy, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(geodata_copy))
    clear_geocoders()
    yield geodata_copy
    clear_geocoders()


def test_json_output_has_the_public_keys(geodata, capsys):
    assert main(["geocode", "--json", "province de Koursk"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == list(JSON_KEYS)
    assert data["found"] is True and data["name"] == "Kursk Oblast" and data["geo_precision"] == 3
    assert data["country"] == "RU" and data["source"] == "gazetteer"


def test_not_found_exits_1_and_lists_candidates(geodata, capsys):
    assert main(["geocode", "Lyman"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("not found") and out.count("candidate:") >= 2 and "Donetsk" in out
    assert "largest of" not in out, "a whole list is not called capped"
    assert main(["geocode", "Oleksandrivka"]) == 1
    out = capsys.readouterr().out
    assert out.count("candidate:") == 10 and re.search(r"the 10 largest of \d+ candidates", out), out
    assert "candidate: Donetsk" not in out
    assert main(["geocode", "--json", "Zzyzxqv"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is False and data["lat"] is None and data["candidates"] == []


def test_hints_on_the_command_line(geodata, capsys):
    assert main(["geocode", "--admin1", "Donetsk Oblast", "--country", "UA", "--json", "Lyman"]) == 0
    assert json.loads(capsys.readouterr().out)["admin1"] == "Donetsk"
    # Kharkiv Oblast has three villages called Lyman (KATOTTH) and the gazetteer knows one: not answered
    assert main(["geocode", "--admin1", "Kharkiv Oblast", "--country", "UA", "--json", "Lyman"]) == 1
    answer = json.loads(capsys.readouterr().out)
    assert not answer["found"] and [c["geonameid"] for c in answer["candidates"]] == [703071]


def test_query_or_batch_is_required(geodata, capsys):
    assert main(["geocode"]) == 2
    assert main(["geocode", "--batch", "x.csv"]) == 2
    assert "--out" in capsys.readouterr().err


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def test_batch_keeps_every_row_in_order(geodata, tmp_path, capsys):
    labelled = list(csv.DictReader(open(ROOT / "tests" / "data" / "geocode_labelled.csv", encoding="utf-8")))
    rows = [[r["query"], r["country"], r["admin1"]] for r in labelled][:990]
    rows += [["Kyiv, Ukraine", "", ""], ["", "", ""], ["Lyman", "", "Donetsk Oblast"], ["Lyman", "", ""],
             ['Desnianskyi district, "Kyiv"', "", ""], ["=cmd|' /C calc'!A0", "", ""],
             ["Харків", "UA", ""], ["Pokrovsk", "RU", ""], ["Shevchenkivskyi", "", ""], ["Kursk Oblast", "", ""]]
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_rows(source, ["query", "country", "admin1"], rows)
    assert main(["geocode", "--batch", str(source), "--out", str(target)]) == 0
    assert "1000 rows" in capsys.readouterr().err
    out = list(csv.reader(open(target, encoding="utf-8", newline="")))
    assert out[0] == ["query", "country", "admin1", "admin2"] + RESULT_COLUMNS
    assert [r[:3] for r in out[1:]] == rows
    by_query = {r[0]: dict(zip(out[0], r)) for r in out[1:]}
    assert by_query["Kyiv, Ukraine"]["found"] == "True" and by_query["Kyiv, Ukraine"]["geo_country"] == "UA"
    missing = by_query["Shevchenkivskyi"]
    assert missing["found"] == "False" and missing["lat"] == "" and missing["lon"] == ""
    assert {"Kyiv", "Kharkiv"} <= {c["name"] for c in json.loads(missing["candidates"])}
    assert by_query["Kursk Oblast"]["geo_precision"] == "3"


def test_batch_with_only_a_query_column(geodata, tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_rows(source, ["query"], [["Kharkiv"], ["Zzyzxqv"]])
    assert main(["geocode", "--batch", str(source), "--out", str(target)]) == 0
    out = list(csv.DictReader(open(target, encoding="utf-8", newline="")))
    assert [(r["query"], r["country"], r["found"]) for r in out] == [("Kharkiv", "", "True"), ("Zzyzxqv", "", "False")]


def test_batch_refuses_a_damaged_file_and_names_the_line(geodata, tmp_path, capsys):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("query,country\nKyiv,UA\nKharkiv,UA,extra\n", encoding="utf-8")
    assert main(["geocode", "--batch", str(source), "--out", str(target)]) == 2
    assert "line 3" in capsys.readouterr().err and not target.exists()
    source.write_text("place\nKyiv\n", encoding="utf-8")
    assert main(["geocode", "--batch", str(source), "--out", str(target)]) == 2
    assert "query" in capsys.readouterr().err


def test_online_flag_uses_the_configured_server(geodata, monkeypatch, capsys):
    server = Server()
    try:
        monkeypatch.setenv("CONFLICTMAP_NOMINATIM_URL", server.url)
        monkeypatch.setenv("CONFLICTMAP_USER_AGENT", USER_AGENT)
        assert main(["geocode", "--online", "--json", "Testivka"]) == 0
        assert json.loads(capsys.readouterr().out)["source"] == "nominatim"
        assert main(["geocode", "--json", "Testivka"]) == 0  # offline now: answered from the disk cache
        assert json.loads(capsys.readouterr().out)["source"] == "cache"
        assert len(server.requests) == 1
    finally:
        server.close()


def test_module_entry_point(geodata):
    env = {**os.environ, "CONFLICTMAP_GEODATA": str(geodata)}
    run = subprocess.run([sys.executable, "-m", "conflictmap", "geocode", "--json", "Kiev"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["name"] == "Kyiv"


def test_geocoding_a_batch_imports_no_dataframe_library(tmp_path):
    """Issue 12's batch speed: numpy, pandas and Arrow, imported by csvio and schema at module level, were half of
    `geocode --batch`'s CPU time though it reads a small CSV and needs none of them."""
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("query,country,admin1\nKyiv,,\nЗатока,,Odesa Oblast\nNowhere-on-earth-xyz,,\n"
                      "Великая Новоселка,,Donetsk Oblast\n", encoding="utf-8")
    code = ("import sys; from conflictmap.cli import main; "
            f"status = main(['geocode', '--batch', {str(source)!r}, '--out', {str(target)!r}]); "
            "print(status, sorted(m for m in ('numpy', 'pandas', 'pyarrow') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split("\n")[-2] == "0 []", done.stdout + done.stderr
    assert "Zatoka" in target.read_text(encoding="utf-8") and "Velyka Novosilka" in target.read_text(encoding="utf-8")
    # (a place's own name as the other language spells it, "Великая Новоселка", is read without pymorphy3; a name in
    # another case than the nominative still loads them: pymorphy3 is reached through the extraction package, whose
    # __init__ imports its pandas-based pipeline)
