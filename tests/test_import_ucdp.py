"""The UCDP GED importer on the real Ukraine file, on small files derived from it, and through the CLI."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from conflictmap.cli import main
from conflictmap.importers import import_ucdp, write_import
from conflictmap.store import EventsFileError, events_to_csv, load_events

ROOT = Path(__file__).resolve().parents[1]
GED = ROOT / "data" / "ucdp" / "ged_ukraine_2014-2023.csv"
SHIPPED = ROOT / "data" / "ucdp_ukraine.csv"


@pytest.fixture(scope="module")
def real():
    return import_ucdp(GED)


@pytest.fixture(scope="module")
def ged_rows() -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(GED.read_bytes().decode("cp1252"), newline="")))
    return rows[0], rows[1:]


def by_id(result, ged_id: str) -> pd.Series:
    events = result.events.set_index("event_id_cnty")
    return events.loc[f"UCDP-{ged_id}"]


def write_cp1252(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header] + rows)
    path.write_bytes(buf.getvalue().encode("cp1252"))
    return path


def test_every_real_event_is_imported(real):
    assert real.rows_read == 3883
    assert len(real.events) == 3883
    assert real.errors == []
    assert real.events["event_id_cnty"].is_unique


def test_windows_1252_text_is_decoded_not_mangled(real):
    notes = " ".join(real.events["notes"])
    assert "\ufffd" not in notes
    assert "\u2019" in notes  # byte 0x92 of Windows-1252, a right quotation mark, in GED's headlines
    assert real.encoding == "cp1252"


def test_ambiguous_slash_dates_read_in_the_order_the_sources_confirm(real, ged_rows):
    """`02/06/2023 00:00` rows carry no number above 12; read month/day, they fall just before their sources."""
    header, rows = ged_rows
    col = {name: i for i, name in enumerate(header)}
    events = real.events.set_index("event_id_cnty")
    lags = []
    for row in rows:
        if not row[col["date_start"]].endswith(" 00:00") or "-" not in row[col["source_date"]]:
            continue
        first_source = min(pd.Timestamp(d) for d in row[col["source_date"]].split(";"))
        lags.append((first_source - events.at[f"UCDP-{row[col['id']]}", "event_date"]).days)
    assert len(lags) > 100
    within_a_month = sum(0 <= lag <= 31 for lag in lags) / len(lags)
    assert within_a_month > 0.9
    assert any("read as month/day" in note and "00:00" in note for note in real.notes)


def test_both_date_forms_land_on_the_same_calendar(real):
    # Consecutive daily events of one GED series, written in the two forms in turn.
    assert by_id(real, "466976")["event_date"] == pd.Timestamp("2023-02-12")  # written 02/12/2023 00:00
    assert by_id(real, "466977")["event_date"] == pd.Timestamp("2023-02-13")  # written 2/13/2023 12:00:00 AM


def test_fields_are_mapped_faithfully(real):
    range_kept = by_id(real, "149250")
    assert (range_kept["fatalities"], range_kept["fatalities_low"], range_kept["fatalities_high"]) == (48, 48, 67)
    assert range_kept["actor1"] == "Government of Ukraine" and range_kept["actor2"] == "Maidan"
    assert range_kept["source"] == "Agence France Presse; ITAR-TASS World Service; Reuters News; BBC News"
    spanning = by_id(real, "149249")  # date_prec 2, 18 to 20 February 2014
    assert spanning["event_date"] == pd.Timestamp("2014-02-18")
    assert spanning["event_date_end"] == pd.Timestamp("2014-02-20")
    assert spanning["time_precision"] == 2
    assert spanning["original_precision"] == "date_prec=2;where_prec=1"
    country_level = by_id(real, "466972")  # where_prec 6: only the country is known
    assert country_level["geo_precision"] == 4, "a country-level event never claims a place"
    assert country_level["original_precision"].endswith("where_prec=6")
    assert country_level["event_date_end"] is pd.NaT
    assert range_kept["origin"] == "UCDP GED (CC BY 4.0): ged_ukraine_2014-2023.csv"


def test_a_span_of_possible_days_is_said_as_that_span_not_by_the_precisions_word(real):
    """UCDP's date_start and date_end are the earliest and latest possible days (its date_prec 2 to 5); the popup
    and the Events table said 2022-09-11 to 2022-09-12 "(known to the week)" (newcomer trial 10), a word that
    suggests less than two days. The importer's output is said by the display's one function (review.when_text;
    the map's dateText reads the same words and is tested on the same cases, tests/js/when.json)."""
    from conflictmap.review import when_text

    events = real.events.set_index("event_id_cnty").loc[["UCDP-447187", "UCDP-149249", "UCDP-466976"]]
    assert events["time_precision"].tolist() == [2, 2, 1] and events["original_precision"].str[:11].tolist() == [
        "date_prec=2", "date_prec=2", "date_prec=1"]
    assert when_text(events).tolist() == ["between 2022-09-11 and 2022-09-12 (exact day unknown)",
                                          "between 2014-02-18 and 2014-02-20 (exact day unknown)", "2023-02-12"]
    assert when_text(events, brief=True).iat[0] == "between 2022-09-11 and 2022-09-12"
    said = when_text(real.events)
    imprecise = real.events["event_date_end"].notna() & real.events["time_precision"].isin([2, 3])
    assert imprecise.sum() > 900 and said[imprecise].str.startswith("between ").all()
    assert not said.str.contains("known to the week|month of").any(), "every imprecise GED event has its span"


def test_violence_types_map_onto_the_taxonomy(real, ged_rows):
    header, rows = ged_rows
    col = {name: i for i, name in enumerate(header)}
    one_sided = next(r[col["id"]] for r in rows if r[col["type_of_violence"]] == "3")
    state = next(r[col["id"]] for r in rows if r[col["type_of_violence"]] == "1")
    assert by_id(real, one_sided)[["event_type", "sub_event_type"]].tolist() == ["Violence against civilians", "Attack"]
    assert by_id(real, state)[["event_type", "sub_event_type"]].tolist() == ["Battles", "Armed clash"]


def test_an_inconsistent_range_is_reported_and_left_blank(real):
    event = by_id(real, "466985")  # GED gives best 14, low 14, high 0
    assert event["fatalities"] == 14
    assert pd.isna(event["fatalities_low"]) and pd.isna(event["fatalities_high"])
    assert len([w for w in real.warnings if w.column != "latitude"]) == 31  # two more: coordinates outside adm_1


def test_problem_lines_are_physical_lines_despite_multiline_fields(real):
    """The file has fields spanning several lines; each reported line must be where its record starts."""
    physical = GED.read_bytes().decode("cp1252").split("\r\n" if b"\r\n" in GED.read_bytes() else "\n")
    assert len(physical) > real.rows_read + 50
    ids_at = {p.line: physical[p.line - 1].split(",", 1)[0] for p in real.warnings}
    for line, ged_id in ids_at.items():
        assert f"UCDP-{ged_id}" in set(real.events["event_id_cnty"]), line
    warned = [p for p in real.warnings if p.line == 4053]
    assert warned and "best=14" in warned[0].reason


def test_shipped_file_is_this_importers_output():
    assert SHIPPED.read_text(encoding="utf-8") == events_to_csv(import_ucdp(GED).events)
    shipped = load_events(SHIPPED)
    assert shipped.problems == [] and len(shipped.events) == 3883


def test_hdx_variant_with_hxl_tags(tmp_path, ged_rows):
    header, rows = ged_rows
    tags = {"year": "#date+year", "latitude": "#geo+lat", "longitude": "#geo+lon", "id": "#event+id"}
    hxl = [tags.get(name, f"#meta+{name}") for name in header]
    plain = import_ucdp(write_cp1252(tmp_path / "plain.csv", header, rows[:40]))
    tagged = import_ucdp(write_cp1252(tmp_path / "hdx.csv", header, [hxl] + rows[:40] + [rows[40][:3]]))
    assert tagged.rows_read == 41 and len(tagged.events) == 40
    assert [p.line for p in tagged.errors] == [43]  # header, tag row, 40 records, then the short one
    pd.testing.assert_frame_equal(tagged.events.drop(columns="origin"), plain.events.drop(columns="origin"))
    assert any("HXL" in note for note in tagged.notes)


def test_bad_rows_are_rejected_by_line_and_the_rest_imported(tmp_path, ged_rows):
    header, rows = ged_rows
    col = {name: i for i, name in enumerate(header)}
    picked = [list(r) for r in rows[:8] if "\n" not in "".join(r)][:6]
    picked[1][col["type_of_violence"]] = "9"
    picked[2][col["date_start"]] = "2/30/2014 12:00:00 AM"
    picked[3][col["year"]] = "2016"
    picked[4][col["id"]] = ""
    picked[5] = picked[5][:10]
    result = import_ucdp(write_cp1252(tmp_path / "bad.csv", header, picked))
    assert result.rows_read == 6
    assert len(result.events) == 1
    reasons = {p.line: (p.column, p.reason) for p in result.errors}
    assert reasons[3][0] == "type_of_violence"
    assert reasons[4] == ("date_start", "'2/30/2014 12:00:00 AM' is not a real calendar date (read as month/day)")
    assert reasons[5][0] == "date_start" and "2016" in reasons[5][1]
    assert reasons[6] == ("event_id_cnty", "missing event id")
    assert "10 fields" in reasons[7][1]
    assert result.rejected_lines == [3, 4, 5, 6, 7]


def test_hostile_text_is_kept_as_data(tmp_path, ged_rows):
    header, rows = ged_rows
    row = list(rows[0])
    row[header.index("where_description")] = "<script>alert('x')</script> near the depot"
    result = import_ucdp(write_cp1252(tmp_path / "hostile.csv", header, [row]))
    assert "<script>alert('x')</script> near the depot" in result.events.at[0, "notes"]


def test_not_a_ged_file_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("event_id_cnty,event_date,event_type\nX1,2024-01-01,Battles\n", encoding="utf-8")
    with pytest.raises(EventsFileError, match="missing column"):
        import_ucdp(path)


def test_a_few_windows_1252_bytes_are_not_taken_for_another_code_page(tmp_path, ged_rows):
    header, rows = ged_rows
    result = import_ucdp(write_cp1252(tmp_path / "few.csv", header, rows[:20]))
    assert result.encoding == "cp1252"
    assert any("Ukraine\u2019s" in note for note in result.events["notes"])


def test_reimport_updates_instead_of_duplicating(tmp_path, ged_rows):
    header, rows = ged_rows
    out = tmp_path / "events.csv"
    (tmp_path / "old").mkdir(), (tmp_path / "new").mkdir()
    first = write_import(import_ucdp(write_cp1252(tmp_path / "old" / "ged.csv", header, rows[:20])), out)
    assert (first.added, first.total) == (20, 20)
    changed = [list(r) for r in rows[10:30]]
    changed[0][header.index("best")] = changed[0][header.index("high")] = "99"
    second = write_import(import_ucdp(write_cp1252(tmp_path / "new" / "ged.csv", header, changed)), out)
    assert (second.added, second.updated, second.unchanged, second.total) == (10, 1, 9, 30)
    events = load_events(out).events
    assert events["event_id_cnty"].is_unique and len(events) == 30
    assert events.loc[events["event_id_cnty"] == f"UCDP-{changed[0][0]}", "fatalities"].item() == 99
    assert events["event_id_cnty"].tolist()[:20] == [f"UCDP-{r[0]}" for r in rows[:20]]


def test_an_existing_file_with_bad_rows_is_not_rewritten(tmp_path, ged_rows):
    header, rows = ged_rows
    out = tmp_path / "events.csv"
    out.write_text("event_id_cnty,event_date,event_type,source\nX1,not a date,Battles,Someone\n", encoding="utf-8")
    before = out.read_bytes()
    with pytest.raises(EventsFileError, match="row error"):
        write_import(import_ucdp(write_cp1252(tmp_path / "a.csv", header, rows[:3])), out)
    assert out.read_bytes() == before


def test_cli_summary_and_output(tmp_path, capsys, ged_rows):
    header, rows = ged_rows
    src = write_cp1252(tmp_path / "ged.csv", header, rows[:12] + [rows[12][:5]])
    out = tmp_path / "out.csv"
    assert main(["import", "ucdp", str(src), "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "13 rows read (cp1252), 12 imported, 1 rejected" in printed
    assert f"{out}: 12 added, 0 updated, 0 unchanged, 12 events in the file" in printed
    assert len(load_events(out).events) == 12
    assert main(["import", "ucdp", str(tmp_path / "missing.csv")]) == 2


def test_a_column_with_no_proof_takes_the_order_proven_in_another_column(tmp_path, ged_rows):
    header, rows = ged_rows
    row = list(rows[0])
    row[header.index("date_start")] = "03/02/2014 00:00"
    row[header.index("date_end")] = "3/15/2014 12:00:00 AM"
    result = import_ucdp(write_cp1252(tmp_path / "one.csv", header, [row]))
    assert result.events.at[0, "event_date"] == pd.Timestamp("2014-03-02")
    assert result.events.at[0, "event_date_end"] == pd.Timestamp("2014-03-15")
    assert any("other date columns" in note for note in result.notes)
    row[header.index("date_end")] = "03/15/2014 00:00"  # proven in date_end, in the same written form
    result = import_ucdp(write_cp1252(tmp_path / "two.csv", header, [row]))
    assert result.events.at[0, "event_date"] == pd.Timestamp("2014-03-02")


def test_only_country_and_waters_or_airspace_become_country_level(real, ged_rows):
    """where_prec 6 (the country) and 7 (international waters or airspace): geo_precision 4, UCDP's coordinates
    kept; 1..5 keep a place (5, a line or larger area, counts as the region)."""
    header, rows = ged_rows
    col = {name: i for i, name in enumerate(header)}
    where = {f"UCDP-{r[col['id']]}": r[col["where_prec"]] for r in rows}
    events = real.events.assign(where_prec=real.events["event_id_cnty"].map(where))
    expected = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 4, "7": 4}
    assert (events["geo_precision"] == events["where_prec"].map(expected)).all()
    country = events[events["geo_precision"] == 4]
    assert len(country) == 38 and country["latitude"].notna().all()
