"""importers/reading.py: foreign files as text cells with the physical line of each record, whatever their field
separator, decimal mark, HXL row or JSON shape."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from conflictmap.csvio import decode
from conflictmap.importers.reading import (
    RawTable, json_records, read_arrow_table, read_csv_table, read_decimal_commas, read_json_table, read_table,
    sniff_delimiter,
)
from conflictmap.store import EventsFileError


@pytest.mark.parametrize("text, delimiter", [
    ("a,b,c\n1,2,3\n", ","), ("a;b;c\n1,5;2;3\n", ";"), ("a\tb\tc\n", "\t"), ("a\n1\n", ","),
    ('"x;y",b\n', ","), ("a;b\r\n1;2\r\n", ";"), ("", ","), ("\r\x00", ","),
])
def test_the_separator_is_the_one_that_splits_the_header_most(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_a_semicolon_file_is_read_and_said():
    table = read_csv_table("id;latitude;notes\nA;46,5;x, y\nB;47;z\n")
    assert table.delimiter == ";" and table.notes == ["fields are separated by semicolons, not commas"]
    assert table.frame.to_dict("records") == [{"id": "A", "latitude": "46,5", "notes": "x, y"},
                                              {"id": "B", "latitude": "47", "notes": "z"}]
    assert table.lines == [2, 3]


def raw(delimiter: str, **columns) -> RawTable:
    frame = pd.DataFrame(columns, dtype=object)
    return RawTable(frame, list(range(2, len(frame) + 2)), delimiter=delimiter)


def test_decimal_commas_are_read_only_in_files_not_separated_by_commas():
    table = raw(";", latitude=["46,6354", "-47", ""], longitude=["32,6", "1,2,3", "4"])
    read_decimal_commas(table, ["latitude", "longitude", "missing"])
    assert table.frame["latitude"].tolist() == ["46.6354", "-47", ""]
    assert table.frame["longitude"].tolist() == ["32,6", "1,2,3", "4"], "one cell is not such a number: untouched"
    assert table.notes == ["latitude: decimal commas read as decimal points (e.g. '46,6354' as 46.6354)"]
    comma = raw(",", latitude=["46,6354"])
    read_decimal_commas(comma, ["latitude"])
    assert comma.frame["latitude"].tolist() == ["46,6354"] and comma.notes == []


def test_a_hxl_tag_row_is_skipped_and_said():
    table = read_csv_table("date,lat\n#date,#geo+lat\n2024-01-01,50\n")
    assert table.frame.to_dict("records") == [{"date": "2024-01-01", "lat": "50"}]
    assert table.lines == [3] and table.records == 1 and "line 2 holds HXL tags" in table.notes[0]


def test_json_records_keep_the_line_each_starts_on():
    text = '{"status": 200,\n "data": [\n  {"a": 1},\n  {"a": 2,\n   "b": null}\n]}'
    assert json_records(text) == ([{"a": 1}, {"a": 2, "b": None}], [3, 4])
    with pytest.raises(EventsFileError, match="'data' array"):
        json_records('{"rows": []}')
    table = read_json_table('[{"a": 1.0, "b": true}, [1], {"a": {"x": 1}}]')
    assert table.frame.to_dict("records") == [{"a": "1", "b": "true"}]
    assert [(p.line, p.column) for p in table.problems] == [(1, ""), (1, "a")] and table.records == 3


def test_read_table_tells_csv_from_json_by_content(tmp_path):
    path = tmp_path / "data.txt"
    path.write_text(json.dumps([{"a": "x"}]), encoding="utf-8")
    assert read_table(path).frame.to_dict("records") == [{"a": "x"}]
    path.write_bytes("a;b\n1;é\n".encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252" and table.frame.to_dict("records") == [{"a": "1", "b": "é"}]


@pytest.mark.parametrize("text", [
    "id;latitude;notes\nA;46,5;x, y\nB;47;z\n",
    "date,lat\n#date,#geo+lat\n2024-01-01,50\n",
    '\ufeffid,notes\r\n1,"x, ""y"""\r\n2, Київ ',
    "id,notes\n",
])
def test_a_regular_csv_is_read_by_arrow_as_the_exact_reader_reads_it(tmp_path, text):
    path = tmp_path / "file.csv"
    path.write_bytes(text.encode("utf-8"))
    fast, exact = read_arrow_table(path.read_bytes()), read_csv_table(decode(path.read_bytes()).text)
    assert fast is not None, "a regular file takes the fast path"
    for table in (fast, read_table(path)):
        assert table.frame.astype(object).to_dict("records") == exact.frame.to_dict("records")
        assert list(table.frame.columns) == list(exact.frame.columns)
        assert list(table.lines) == exact.lines
        assert (table.records, table.notes, table.delimiter, table.problems, table.encoding) == (
            exact.records, exact.notes, exact.delimiter, exact.problems, exact.encoding)


@pytest.mark.parametrize("text", ['id,notes\n1,"two\nlines"\n', "id,notes\n1\n", "id,notes\n\n1,x\n",
                                  '[{"id": 1}]', ' {"data": []}'])
def test_what_arrow_cannot_read_exactly_goes_to_the_exact_reader(tmp_path, text):
    path = tmp_path / "file.csv"
    path.write_bytes(text.encode("utf-8"))
    assert read_arrow_table(path.read_bytes()) is None or text.lstrip()[0] in "[{"
    table = read_table(path)
    exact = (read_json_table if text.lstrip()[0] in "[{" else read_csv_table)(text)
    assert table.frame.to_dict("records") == exact.frame.to_dict("records")
    assert (table.lines, table.problems, table.records) == (exact.lines, exact.problems, exact.records)
