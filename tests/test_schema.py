"""schema.validate_frame as a table of rules: values that parse but are not plausible are reported by line, numbers
that would overflow are refused, and a rule can be added that reads the whole frame."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import tempfile
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictmap import csvio, schema
from conflictmap.importers import import_acled
from conflictmap.schema import (
    _NUMBER, COLUMNS, EVENT_TYPES, FIELDS, PLAUSIBLE_SINCE, RULES, Checked, Rule, _numbers, to_text_frame, validate_frame,
)
from conflictmap.store import csv_format, load_events, parse_events_text
from tests.conftest import ROOT
from tests.helpers import csv_text, row, write_events

TODAY = dt.date(2025, 6, 1)
CASES = ROOT / "tests" / "data" / "cases"


def problems(*rows, today=TODAY, **kwargs) -> list[tuple[int, str, str, str]]:
    _, found = validate_frame(pd.DataFrame(list(rows)), today=today, **kwargs)
    return [(p.line, p.column, p.reason, p.severity) for p in found]


def test_every_rule_names_a_column_a_check_and_a_reason():
    assert all(isinstance(r, Rule) and r.column and callable(r.check) and callable(r.reason) for r in RULES)
    assert {r.severity for r in RULES} == {"error", "warning"}
    assert set(FIELDS) <= {r.column for r in RULES}, "every typed column has a rule for unreadable values"


@pytest.mark.parametrize("column", ["event_date", "event_date_end"])
def test_dates_before_1900_or_in_the_future_are_errors(column):
    start = {"event_date": "1900-01-01"} if column == "event_date_end" else {}
    old = row(**start, **{column: "1899-12-31"})
    assert problems(old)[0] == (2, column, "1899-12-31 is before 1900: not a plausible date (a typo in the year?)",
                                "error")
    assert problems(row(event_id_cnty="A", **start, **{column: PLAUSIBLE_SINCE.isoformat()})) == []
    assert problems(row(**start, **{column: "2025-06-02"})) == [], "a day ahead of the reader's time zone is fine"
    assert problems(row(**start, **{column: "2025-06-03"})) == [
        (2, column, "2025-06-03 is after today (2025-06-01): an event cannot be dated in the future", "error")]


def test_a_year_column_that_disagrees_with_the_date_is_an_error():
    assert problems(row(event_date="2024-11-03", year="2024")) == []
    assert problems(row(event_date="2024-11-03", year="2023")) == [
        (2, "year", "event_date 2024-11-03 is not in the row's year '2023'", "error")]
    assert problems(row(event_date="2024-11-03", year="")) == [], "a blank year says nothing"


def test_end_before_start_and_a_range_upside_down():
    assert problems(row(event_date="2024-11-03", event_date_end="2024-11-02")) == [
        (2, "event_date_end", "ends before it starts", "error")]
    assert problems(row(fatalities_low="5", fatalities_high="3")) == [
        (2, "fatalities_low", "fatalities_low 5 is above fatalities_high 3", "error")]


@pytest.mark.parametrize("value", ["inf", "nan", "1e400", "99999999999999999999", "1000001", "0x10", "١٢", "1,5"])
def test_numbers_that_would_overflow_or_are_not_plain_decimals_are_errors_not_crashes(value):
    found = problems(row(fatalities=value))
    assert [(line, column, severity) for line, column, _, severity in found] == [(2, "fatalities", "error")]
    assert "is not a whole number in 0..1000000" in found[0][2]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.+-eEinfaINF x_,\u0661", max_size=7), min_size=1, max_size=4))
def test_a_column_is_read_as_numbers_exactly_where_its_cells_are_plain_decimals(cells):
    """Whether a column is read by Arrow's cast at once or by the pattern cell by cell, a cell is a number exactly
    when it is written as _NUMBER says, with the value Python reads from it."""
    expected = [float(c) if re.fullmatch(_NUMBER, c, re.ASCII) else np.nan for c in cells]
    np.testing.assert_array_equal(_numbers(pd.Series(cells, dtype="str")), np.array(expected, dtype=float))


def test_plain_decimals_are_read():
    typed, found = validate_frame(pd.DataFrame([row(fatalities="1e3", injuries="+2", latitude="-0.5",
                                                    longitude=".5", time_precision="2.0")]), today=TODAY)
    assert found == []
    assert (typed.at[0, "fatalities"], typed.at[0, "injuries"], typed.at[0, "time_precision"]) == (1000, 2, 2)
    assert (typed.at[0, "latitude"], typed.at[0, "longitude"]) == (-0.5, 0.5)


def test_problems_come_in_line_order_then_rule_order():
    rows = [row(event_id_cnty="A", source="", event_type="Skirmish"), row(event_id_cnty="A", latitude="x")]
    assert [(line, column) for line, column, _, _ in problems(*rows)] == [
        (2, "event_type"), (2, "source"), (3, "event_id_cnty"), (3, "latitude")]


def test_a_rule_may_read_the_whole_frame_and_warn():
    """The shape a coordinates-against-country check takes: a warning that keeps the row."""
    far = Rule("latitude", lambda c: (c.values["latitude"] - c.values["latitude"].median()).abs().to_numpy() > 10,
               lambda c, i: f"{c.values['latitude'].iat[i]} is far from the other events", severity="warning")
    rows = [row(event_id_cnty=f"R{i}", latitude=lat) for i, lat in enumerate(["50", "49", "-30"])]
    typed, found = validate_frame(pd.DataFrame(rows), rules=RULES + [far], today=TODAY)
    assert len(typed) == 3
    assert [(p.line, p.severity, p.reason) for p in found] == [(4, "warning", "-30.0 is far from the other events")]


def test_a_warning_repairs_what_it_names():
    typed, found = validate_frame(pd.DataFrame([row(source_url="javascript:alert(1) https://example.org/a")]),
                                  today=TODAY)
    assert typed.at[0, "source_url"] == "https://example.org/a"
    assert [(p.severity, p.reason) for p in found] == [("warning", "not an http(s) link, dropped: 'javascript:alert(1)'")]


def test_checked_reads_text_values_and_unreadable_cells():
    seen = {}

    def spy(c: Checked) -> np.ndarray:
        seen.update(text=c.text["fatalities"].tolist(), unreadable=c.unreadable["fatalities"].tolist(),
                    values=c.values["fatalities"].tolist(), today=c.today)
        return np.zeros(len(c.values), dtype=bool)

    validate_frame(pd.DataFrame([row(fatalities=" 2 "), row(event_id_cnty="B", fatalities="two")]),
                   rules=[Rule("fatalities", spy, lambda c, i: "")], today=TODAY)
    assert seen["text"] == ["2", "two"] and seen["unreadable"] == [False, True]
    assert seen["values"][0] == 2 and pd.isna(seen["values"][1]) and seen["today"] == TODAY


def test_case_acled_year_0025_is_reported_by_line_in_every_reader():
    """../shared/cases/acled_year_0025.csv: event_date 0025-03-14 where the row's year says 2025."""
    path = CASES / "acled_year_0025.csv"
    expected = [(2, "event_date", "0025-03-14 is before 1900: not a plausible date (a typo in the year?)"),
                (2, "year", "event_date 0025-03-14 is not in the row's year '2025'")]
    for result in (load_events(path), import_acled(path)):
        assert [(p.line, p.column, p.reason) for p in result.errors] == expected
        assert list(result.events["event_id_cnty"]) == ["UKR900002"]


def python_five_decimals(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(-180, 180), st.integers(-18_000_000, 18_000_000).map(lambda k: k / 1e5),
                          st.integers(-36_000_000, 36_000_000).map(lambda k: k / 2e5)), min_size=1, max_size=40))
def test_coordinates_are_written_as_pythons_five_decimals_trimmed(values):
    """Half-way values (k / 200000) are where a vectorised rounding of v * 1e5 may differ from Python's."""
    events = pd.DataFrame({"longitude": values}, index=range(7, 7 + len(values)))
    text = to_text_frame(events)["longitude"]
    assert text.tolist() == ["" if np.isnan(v) else python_five_decimals(v) for v in values]


def test_text_frame_of_a_selection_keeps_its_rows_and_blanks_only_the_unknown():
    events = load_events(ROOT / "events.csv").events
    chosen = events.iloc[[2, 0]]
    chosen.loc[2, "fatalities"] = pd.NA
    chosen.loc[2, "latitude"] = np.nan
    text = to_text_frame(chosen)
    assert text.index.tolist() == [2, 0] and list(text.columns) == COLUMNS
    assert text["event_id_cnty"].tolist() == events["event_id_cnty"].iloc[[2, 0]].tolist()
    assert text["event_date"].tolist() == events["event_date"].iloc[[2, 0]].dt.strftime("%Y-%m-%d").tolist()
    assert text.at[2, "fatalities"] == "" and text.at[2, "latitude"] == ""
    assert text.at[0, "fatalities"] == ("" if pd.isna(events.at[0, "fatalities"]) else str(events.at[0, "fatalities"]))
    assert text.at[0, "longitude"] == python_five_decimals(events.at[0, "longitude"])
    assert (text["time_precision"] != "").sum() == chosen["time_precision"].notna().sum()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["A1", "A2", "", "é1", "A1 ", "Aé", "x" * 64, "x" * 65, "x" * 65 + "y"]), max_size=40),
       st.lists(st.integers(1, 39), max_size=3), st.booleans())
def test_repeated_ids_are_the_later_rows_of_a_text_whatever_the_hashes_say(ids, cuts, collide):
    """The duplicate-id check compares by text only the rows whose hash another row shares: hashes that all
    collide, values too long to hash and ids in several Arrow chunks still give exactly Series.duplicated."""
    bounds = [0, *sorted(c for c in cuts if c < len(ids)), len(ids)]
    chunks = [pa.array(ids[a:b], pa.large_string()) for a, b in zip(bounds, bounds[1:])]
    text = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, pa.large_string())))
    collisions = mock.patch.object(schema, "_hashes", lambda cells: np.zeros(len(cells), dtype=np.uint64))
    with collisions if collide else contextlib.nullcontext():
        repeated = schema._repeated(text)
    assert repeated.tolist() == pd.Series(ids, dtype=object).duplicated().tolist()


CELLS_OF_A_FILE = {
    "event_id_cnty": ["A1", "A2", "A3", "A1", "", " A2", "é1"],
    "event_date": ["2024-01-01", "2024-13-01", "1899-12-31", "2024-02-29"],
    "latitude": ["50.1", "", "91"],
    "source_url": ["", "https://example.org/a", "javascript:alert(1) https://example.org/b"],
}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(*(st.sampled_from(v) for v in CELLS_OF_A_FILE.values())), min_size=1, max_size=40),
       st.integers(1, 7), st.sampled_from([1, 64, 1 << 20]), st.booleans())
def test_a_file_checked_a_few_rows_at_a_time_gives_the_exact_readers_events_and_problems(cells, rows_at_a_time,
                                                                                         slice_bytes, year):
    """load_events checks Arrow's rows as they are read (schema.Validation): duplicate ids across the checked
    slices, errors, warnings and their repairs, ACLED's year column, all as validate_frame of the whole file by the
    exact reader, line for line; blank columns shared as a large file's are (_LARGE_SLICE) hold the same cells."""
    columns = COLUMNS + ["year"] if year else COLUMNS
    rows = [row(**dict(zip(CELLS_OF_A_FILE, c)), year=c[1][:4]) for c in cells]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        write_events(path, rows, columns)
        with mock.patch.object(csv_format, "VALIDATE_ROWS", rows_at_a_time), \
                mock.patch.object(schema, "_LARGE_SLICE", 1), \
                mock.patch.object(csv_format, "read_csv_file", functools.partial(csvio.read_csv_file,
                                                                                  slice_bytes=slice_bytes)):
            sliced = load_events(path)
    exact = parse_events_text(csv_text(rows, columns))
    pd.testing.assert_frame_equal(sliced.events, exact.events)
    assert sliced.problems == exact.problems and sliced.rows_read == exact.rows_read == len(rows)
    assert any(p.reason.startswith("duplicate event id") for p in exact.problems) == (
        len({c[0].strip() for c in cells if c[0].strip()}) < sum(1 for c in cells if c[0].strip()))


CELLS = {
    "event_id_cnty": ["A1", "A2", "A1", "", " A2", "é1"],
    "event_type": ["Battles", "Protests", "Riots", "", "battles", "Bogus"],
    "sub_event_type": ["Armed clash", "Peaceful protest", "", "Other", "Nope", "Mob violence"],
    "event_date": ["2024-01-01", "2024-13-01", "", " 2024-02-29", "1899-12-31", "2024-02-29\u00a0"],
    "latitude": ["50.1", "", "91", "nan", "+.5", "1e1"],
    "longitude": ["30.2", "", "7", "-0", "0x10", "1."],
    "source": ["S", "", " S ", "\u3000", "\u2028S", "S\x1c"],
    "notes": ["n", "ж ", "\ufeffx", "", "\tx", "x"],
}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*(st.sampled_from(v) for v in CELLS.values())), max_size=30),
       st.lists(st.integers(1, 29), max_size=3))
def test_a_frame_in_several_arrow_chunks_validates_as_the_whole(cells, cuts):
    """Arrow's reader hands over text columns in many chunks (one per slice of the file): repeated ids across
    chunks, surrounding whitespace only in a later chunk and sub-types are judged as in one piece, and as the
    text is read cell by cell (Python's strip, duplicates, the sub-type table)."""
    whole = pd.DataFrame(cells, columns=list(CELLS), dtype=str) if cells else pd.DataFrame(columns=list(CELLS))
    bounds = [0, *sorted(c for c in cuts if c < len(whole)), len(whole)]
    parts = pd.concat([whole.iloc[a:b] for a, b in zip(bounds, bounds[1:])] or [whole], ignore_index=True)
    today = dt.date(2026, 1, 1)
    expected, expected_problems = validate_frame(whole.astype(object), today=today)
    got, problems = validate_frame(parts, today=today)
    pd.testing.assert_frame_equal(got, expected)
    assert problems == expected_problems
    ids = [c[0].strip() for c in cells]
    kept = [i for i, c in enumerate(cells) if not any(p.line == i + 2 and p.severity == "error" for p in problems)]
    repeated = {i for i, x in enumerate(ids) if x and x in ids[:i]}
    assert {p.line - 2 for p in problems if p.reason.startswith("duplicate event id")} == repeated
    assert list(got["event_id_cnty"]) == [ids[i] for i in kept]
    for i, c in enumerate(cells):
        reasons = [p.reason for p in problems if p.line == i + 2 and p.column == "sub_event_type"]
        kind, sub = c[1].strip(), c[2].strip()
        assert bool(reasons) == (kind in EVENT_TYPES and sub != "" and sub not in EVENT_TYPES[kind])
