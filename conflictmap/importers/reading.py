"""Reading foreign files as they are found: unknown text encodings and field separators, decimal commas, HXL tag rows,
JSON arrays with line numbers.

Everything returns raw text cells plus each record's physical line, so that later steps can name the line of
every problem. Structural problems (a row with the wrong number of fields...) are reported, never dropped silently.
A regular CSV (UTF-8, one record per line, every row as wide as the header) is read by Arrow (`csvio.read_csv_arrow`),
anything else by the exact reader (`csvio.read_csv_rows`); both give the same cells and lines.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from ..csvio import (
    UTF8_BOM, EventsFileError, decode, has_non_text, not_text_reason, read_bytes, read_csv_arrow, read_csv_rows,
    unique_header,
)
from ..progress import Progress
from ..schema import RowProblem


DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+(?:,\d+)?$")


@dataclass
class RawTable:
    """Text cells of a file, one column per header name, with the physical line of each row."""

    frame: pd.DataFrame
    lines: list[int] | np.ndarray
    problems: list[RowProblem] = field(default_factory=list)
    records: int = 0
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    delimiter: str = ","


def sniff_delimiter(text: str) -> str:
    """The field separator of a CSV: of ",", ";" and tab, the one that splits the header line into the most
    fields ("," on a tie). A spreadsheet saved in a locale that writes decimal commas separates with ";"."""
    header = next(iter(text.splitlines()), "")

    def fields(delimiter: str) -> int:
        try:
            return len(next(csv.reader([header], delimiter=delimiter), []))
        except csv.Error:  # the reader proper reports an unreadable header
            return 0

    counts = {d: fields(d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))


def read_decimal_commas(table: RawTable, columns: list[str]) -> None:
    """In a file not separated by commas, numbers written with a decimal comma ("46,6354") are read as such in
    `columns` (coordinates), in place, with a note. A column is converted only when every filled cell is a
    number in that form; anything else is left for validation to report by line."""
    if table.delimiter == ",":
        return
    for column in columns:
        if column not in table.frame.columns:
            continue
        values = table.frame[column].fillna("").astype(str).str.strip()
        filled = values[values != ""]
        if filled.empty or not filled.str.contains(",", regex=False).any():
            continue
        if not filled.str.match(_DECIMAL_COMMA).all():
            continue
        table.frame[column] = values.str.replace(",", ".", regex=False)
        example = filled[filled.str.contains(",", regex=False)].iat[0]
        table.notes.append(f"{column}: decimal commas read as decimal points (e.g. {example!r} as "
                           f"{example.replace(',', '.')})")


def is_hxl_row(row: list[str]) -> bool:
    """True for a Humanitarian Exchange Language tag row such as `#date+year,#geo+lat,...`."""
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(c.startswith("#") for c in cells)


def read_csv_table(text: str, encoding: str = "utf-8") -> RawTable:
    """A CSV as text cells; a HXL tag row right under the header is recognised and skipped (and noted).

    Raises EventsFileError when the text is empty or its header unreadable or repeats a name (see
    `csvio.read_csv_rows`, which also reports bad records by line).
    """
    delimiter = sniff_delimiter(text)
    header, rows, lines, problems, records = read_csv_rows(text, encoding, delimiter)
    notes = [] if delimiter == "," else [f"fields are separated by {DELIMITERS[delimiter]}, not commas"]
    hxl_line = _hxl_tag_line(text, header, delimiter)
    if hxl_line is not None:
        if rows and lines[0] == hxl_line:
            rows, lines = rows[1:], lines[1:]
        problems = [p for p in problems if p.line != hxl_line]
        records -= 1
        notes.append(_hxl_note(hxl_line))
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    frame = pd.DataFrame(columns, columns=header, dtype=object)
    return RawTable(frame, lines, problems, records, encoding, notes, delimiter)


def _hxl_note(line: int) -> str:
    return f"line {line} holds HXL tags (Humanitarian Data Exchange layout); skipped as a header line"


def _hxl_tag_line(text: str, header: list[str], delimiter: str) -> int | None:
    reader = csv.reader(io.StringIO(text, newline=""), strict=False, delimiter=delimiter)
    try:
        next(reader)
        second = next(reader)
    except (StopIteration, csv.Error):
        return None
    return reader.line_num if is_hxl_row(second) and len(second) <= len(header) else None


def json_records(text: str) -> tuple[list, list[int]]:
    """The records of `{"data": [...]}` or of a plain array, with the physical line each record starts on.

    Raises EventsFileError when the text is empty, not JSON (naming the line) or holds no array of records."""
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if pos >= len(text):
        raise EventsFileError("the file is empty")
    if text[pos] == "{":
        pos = _find_key_value(text, pos, "data", decoder)
    if pos >= len(text) or text[pos] != "[":
        raise EventsFileError("expected a JSON array of records, or an object with a 'data' array")
    records: list = []
    starts: list[int] = []
    pos = _skip_space(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return records, starts
    line, counted_to = 1, 0
    while True:
        try:
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise EventsFileError(f"line {exc.lineno}: not valid JSON: {exc.msg}") from None
        line += text.count("\n", counted_to, pos)
        counted_to = pos
        records.append(record)
        starts.append(line)
        pos = _skip_space(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_space(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            return records, starts
        line_here = text.count("\n", 0, pos) + 1
        raise EventsFileError(f"line {line_here}: expected ',' or ']' between JSON records")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _find_key_value(text: str, pos: int, wanted: str, decoder: json.JSONDecoder) -> int:
    """Position of the value of key `wanted` in the JSON object starting at `pos`, without parsing it."""
    pos = _skip_space(text, pos + 1)
    try:
        while pos < len(text) and text[pos] != "}":
            key, pos = decoder.raw_decode(text, pos)
            pos = _skip_space(text, pos)
            if pos >= len(text) or text[pos] != ":":
                break
            pos = _skip_space(text, pos + 1)
            if key == wanted:
                return pos
            _, pos = decoder.raw_decode(text, pos)
            pos = _skip_space(text, pos)
            if pos < len(text) and text[pos] == ",":
                pos = _skip_space(text, pos + 1)
    except json.JSONDecodeError as exc:
        raise EventsFileError(f"line {exc.lineno}: not valid JSON: {exc.msg}") from None
    raise EventsFileError(f"the JSON object has no {wanted!r} array of records")


def read_json_table(text: str, encoding: str = "utf-8") -> RawTable:
    """JSON records as text cells; a record that is not an object, or a field that is not a scalar, is reported."""
    records, starts = json_records(text)
    problems: list[RowProblem] = []
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    for record, line in zip(records, starts):
        if not isinstance(record, dict):
            problems.append(RowProblem(line, "", f"a record must be a JSON object, not {type(record).__name__}"))
            continue
        nested = [k for k, v in record.items() if isinstance(v, (dict, list))]
        if nested:
            problems.append(RowProblem(line, str(nested[0]), "a field must be a text or a number, not a list/object"))
            continue
        if any(has_non_text(str(k)) or (isinstance(v, str) and has_non_text(v)) for k, v in record.items()):
            problems.append(RowProblem(line, "", not_text_reason(encoding)))
            continue
        rows.append({str(k): _scalar_text(v) for k, v in record.items()})
        lines.append(line)
    header: list[str] = list(dict.fromkeys(k for row in rows for k in row))
    frame = pd.DataFrame(rows, columns=header, dtype=object).fillna("")
    return RawTable(frame, lines, problems, len(records), encoding)


def _scalar_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_arrow_table(data: bytes, progress: Progress | None = None) -> RawTable | None:
    """A regular UTF-8 CSV as text cells (Arrow-backed strings), read as `read_csv_table` reads it: the separator
    sniffed, a HXL tag row skipped; None when the file needs the exact reader (see `csvio.read_csv_arrow`).
    Raises EventsFileError when the header repeats a name."""
    read = _read_arrow(data, progress)
    return None if read is None else _arrow_raw_table(*read)


def _read_arrow(data: bytes, progress: Progress | None) -> tuple[list[str], pa.Table, str] | None:
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    end = data.find(b"\n", start)
    delimiter = sniff_delimiter(data[start:end if end >= 0 else len(data)].decode("utf-8", errors="replace"))
    read = read_csv_arrow(data, delimiter, progress, text_type=pa.large_string())
    return None if read is None else (*read, delimiter)


def _arrow_raw_table(header: list[str], table: pa.Table, delimiter: str) -> RawTable:
    header = unique_header(header)
    frame = table.to_pandas(types_mapper={pa.large_string(): pd.StringDtype("pyarrow")}.get)
    frame.columns = header
    lines = np.arange(2, len(frame) + 2, dtype=np.int64)
    notes = [] if delimiter == "," else [f"fields are separated by {DELIMITERS[delimiter]}, not commas"]
    if len(frame) and is_hxl_row(frame.iloc[0].tolist()):
        frame, lines = frame.iloc[1:].reset_index(drop=True), lines[1:]
        notes.append(_hxl_note(2))
    return RawTable(frame, lines, [], len(frame), "utf-8", notes, delimiter)


def read_table(path: str | os.PathLike, progress: Progress | None = None) -> RawTable:
    """A CSV or JSON file (told apart by its first character, not its name) as text cells, decoded by the one
    policy (`csvio.decode`); a regular CSV is read by Arrow, reporting to `progress` as it goes. Raises
    EventsFileError when the file cannot be read or is not a table."""
    data = read_bytes(path)
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    head = data[start:start + 4096].decode("utf-8", errors="ignore").lstrip()
    if head[:1] not in ("", "[", "{"):
        fast = _read_arrow(data, progress)
        if fast is not None:
            del data  # the table holds every cell: the file's bytes are not kept while pandas' columns are made
            return _arrow_raw_table(*fast)
    decoded = decode(data)
    if decoded.text.lstrip()[:1] in ("[", "{"):
        return read_json_table(decoded.text, decoded.encoding)
    return read_csv_table(decoded.text, decoded.encoding)
