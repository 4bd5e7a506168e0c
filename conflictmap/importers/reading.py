"""Reading foreign files as they are found: unknown text encodings, HXL tag rows, JSON arrays with line numbers.

Everything returns raw text cells plus each record's physical line, so that later steps can name the line of
every problem. Structural problems (a row with the wrong number of fields...) are reported, never dropped silently.
"""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import pandas as pd

from ..schema import RowProblem
from ..store import MAX_FIELD_CHARS, EventsFileError, read_csv_rows

PREFERRED_LEGACY_ENCODINGS = ["cp1252"]


@dataclass
class RawTable:
    """Text cells of a file, one column per header name, with the physical line of each row."""

    frame: pd.DataFrame
    lines: list[int]
    problems: list[RowProblem] = field(default_factory=list)
    records: int = 0
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise EventsFileError(f"cannot read {path}: {exc.strerror or exc}") from None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text whose encoding nobody told us: UTF-8 when it is valid UTF-8, else what charset-normalizer finds."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise EventsFileError("cannot tell the text encoding of the file (is it a text file?)")
    # With few non-ASCII bytes many code pages decode without chaos; among those equally clean, prefer the
    # Western one that such files are usually written in, rather than the detector's first pick.
    cleanest = [m for m in matches if m.chaos <= matches[0].chaos]
    encoding = matches[0].encoding
    for preferred in PREFERRED_LEGACY_ENCODINGS:
        if any(preferred in m.could_be_from_charset for m in cleanest):
            encoding = preferred
            break
    return data.decode(encoding), encoding


def is_hxl_row(row: list[str]) -> bool:
    """True for a Humanitarian Exchange Language tag row such as `#date+year,#geo+lat,...`."""
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(c.startswith("#") for c in cells)


def read_csv_table(text: str, encoding: str = "utf-8") -> RawTable:
    """A CSV as text cells; a HXL tag row right under the header is recognised and skipped (and noted)."""
    csv.field_size_limit(max(MAX_FIELD_CHARS * 10, 1 << 20))
    header, rows, lines, problems, records = read_csv_rows(text)
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        raise EventsFileError(f"column {duplicated[0]!r} appears more than once in the header")
    notes = []
    hxl_line = _hxl_tag_line(text, header)
    if hxl_line is not None:
        if rows and lines[0] == hxl_line:
            rows, lines = rows[1:], lines[1:]
        problems = [p for p in problems if p.line != hxl_line]
        records -= 1
        notes.append(f"line {hxl_line} holds HXL tags (Humanitarian Data Exchange layout); skipped as a header line")
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    frame = pd.DataFrame(columns, columns=header, dtype=object)
    return RawTable(frame, lines, problems, records, encoding, notes)


def _hxl_tag_line(text: str, header: list[str]) -> int | None:
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    try:
        next(reader)
        second = next(reader)
    except (StopIteration, csv.Error):
        return None
    return reader.line_num if is_hxl_row(second) and len(second) <= len(header) else None


def json_records(text: str) -> tuple[list, list[int]]:
    """The records of `{"data": [...]}` or of a plain array, with the physical line each record starts on."""
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


def read_table(path: str | os.PathLike) -> RawTable:
    """A CSV or JSON file (told apart by its first character, not its name) as text cells."""
    text, encoding = decode_bytes(read_bytes(path))
    first = text.lstrip()[:1]
    if first in ("[", "{"):
        return read_json_table(text, encoding)
    return read_csv_table(text, encoding)
