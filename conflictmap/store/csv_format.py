"""The events CSV format: reading a file into validated events (every bad row reported by line) and writing
events as CSV text. Files are decoded by the one policy of `conflictmap.csvio`."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from ..csvio import (
    Decoded, EventsFileError, csv_pieces, decode, may_hold, read_csv_file, read_csv_rows, unique_header,
)
from ..progress import Progress
from ..schema import CHECKED_EXTRAS, COLUMNS, RowProblem, Validation, to_text_frame, validate_frame

REQUIRED_HEADER = ["event_date", "event_type"]
ID_ALIASES = {"event_id": "event_id_cnty"}


@dataclass
class LoadResult:
    """Validated events (`schema.COLUMNS`, typed) and every problem by line; `rows_read` counts the records read,
    good or bad; `encoding` is the codec the file was decoded with (see `csvio.decode`)."""

    events: pd.DataFrame
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    encoding: str = "utf-8"

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def rejected_lines(self) -> list[int]:
        """The lines of the records left out, each once (a record may have several errors)."""
        return sorted({p.line for p in self.errors})

    def frame(self, columns: list[str]) -> pd.DataFrame:
        """The events' `columns` only, in that order (columns of `events`, not copied): for a reader that needs a
        few, since a result read back from its Parquet copy (store.cache.CachedResult) reads only those."""
        return self.events[list(columns)]


def normalise_header(header: list[str]) -> list[str]:
    """The header with ACLED's alternative id name mapped; raises EventsFileError when it cannot be an events
    file (a repeated column, or no `event_date`/`event_type`)."""
    header = unique_header([ID_ALIASES.get(h, h) for h in unique_header(header)])
    missing = [c for c in REQUIRED_HEADER if c not in header]
    if missing and len(header) == 1 and ";" in header[0]:
        raise EventsFileError("the fields are separated by ';', not commas (a spreadsheet's CSV?): convert it with "
                              "`python -m conflictmap import acled FILE --out OUT.csv`")
    if missing:
        raise EventsFileError(f"missing column(s): {', '.join(missing)} (is this an events file?)")
    return header


def _validated(header: list[str], raw: pd.DataFrame, lines: np.ndarray, problems: list[RowProblem],
               records: int, encoding: str = "utf-8", check_coordinates: bool = False,
               progress: Progress | None = None) -> LoadResult:
    if progress is not None:
        progress("checking rows", 0, len(raw))
    raw.columns = header
    raw = _schema_columns(raw)
    events, row_problems = validate_frame(raw, lines)
    if check_coordinates:
        from ..geocoding.plausibility import coordinate_problems

        row_problems += coordinate_problems(raw, lines)
    problems = sorted(problems + row_problems, key=lambda p: p.line)
    return LoadResult(events=events, problems=problems, rows_read=records, encoding=encoding)


def parse_events_text(text: str | Decoded, check_coordinates: bool = False,
                      progress: Progress | None = None) -> LoadResult:
    """The exact reader: every record's physical line, every structural problem reported.

    `text` is CSV text, or a `Decoded` file whose records holding bytes that are not text are reported; a file
    that is not UTF-8 loads with a file-level warning naming the encoding it was read as. With `check_coordinates`,
    coordinates that contradict their row's country and admin1 are warned about too (geocoding.plausibility).
    Raises EventsFileError when the header makes it no events file.
    """
    decoded = text if isinstance(text, Decoded) else Decoded(text)
    header, rows, lines, problems, records = read_csv_rows(decoded.text, decoded.encoding)
    header = normalise_header(header)
    if decoded.encoding != "utf-8":
        problems.insert(0, RowProblem(0, "", f"not UTF-8: read as {decoded.encoding}; adding or merging events into "
                                             "it is refused until it is converted to UTF-8", "warning"))
    raw = pd.DataFrame(rows, columns=range(len(header)), dtype=str) if rows else pd.DataFrame(
        columns=range(len(header)), dtype=str)
    return _validated(header, raw, np.asarray(lines, dtype=np.int64), problems, records, decoded.encoding,
                      check_coordinates, progress)


def load_events(path: str | os.PathLike, check_coordinates: bool = False,
                progress: Progress | None = None) -> LoadResult:
    """Load and validate an events CSV (any text encoding, see `csvio.decode`); `check_coordinates` also warns, by
    line, about coordinates that contradict their row's country and admin1 (what `validate` reports).
    `progress` hears of each step: "reading the file" (bytes; Arrow reads the rows as they come), "checking rows"
    (rows).

    The usual clean file (valid UTF-8, one record per line, the header's number of fields on every line, no blank
    lines, no NULs, no huge fields) is read by Arrow's multi-threaded reader a slice at a time (`csvio.read_csv_file`;
    the importers' reader is the same `csvio.read_csv_arrow`), its rows checked as they come (`schema.Validation`):
    many times faster and lighter. Any other file is read by the exact reader, which reports each irregularity
    with its line number. Raises EventsFileError only when the file as a whole is unusable (unreadable, not text,
    no events header).
    """
    if check_coordinates:  # the coordinate check reads every row's text at once
        read, data = read_csv_file(path, progress, text_type=pa.large_string())
        if read is None:
            return parse_events_text(decode(data), check_coordinates, progress)
        first_row, table = read
        header, raw = normalise_header(first_row), _pandas(table)
        del read, table
        raw.columns = range(len(header))
        return _validated(header, raw, np.arange(2, len(raw) + 2, dtype=np.int64), [], len(raw),
                          check_coordinates=True, progress=progress)
    validation, pending = Validation(), []

    def check(first_row: list[str], table: pa.Table | None = None) -> None:
        """Rows are checked VALIDATE_ROWS at a time as Arrow reads them (a call without a table: the rest)."""
        if table is not None:
            pending.append(table)
        if pending and (table is None or sum(t.num_rows for t in pending) >= VALIDATE_ROWS):
            raw = _pandas(pa.concat_tables(pending))
            pending.clear()
            raw.columns = normalise_header(first_row)
            validation.add(_schema_columns(raw))

    read, data = read_csv_file(path, progress, text_type=pa.large_string(), each=check)
    if read is None:
        validation = None  # what was checked of the slices before the irregularity
        return parse_events_text(decode(data), check_coordinates, progress)
    check(read[0])
    normalise_header(read[0])  # a file of a header only
    if progress is not None:
        progress("checking rows", validation.rows, validation.rows)
    events, problems = validation.result()
    return LoadResult(events=events, problems=problems, rows_read=validation.rows)


# Rows checked at a time by load_events: a few of Arrow's slices, whose text of typed columns is let go once they
# are checked; a check has a fixed cost of about 16 ms, 0.2 s for 3,000,000 rows at this size.
VALIDATE_ROWS = 250_000


def _pandas(table: pa.Table) -> pd.DataFrame:
    """A table of large_string columns as pandas str columns, which take Arrow's columns as they are (from
    pa.string() each column's offsets were copied, twice as wide: 332 MB more at 3,000,000 synthetic events)."""
    return table.to_pandas(types_mapper={pa.large_string(): pd.StringDtype("pyarrow")}.get)


def _schema_columns(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns of `raw` (named by the header) that the schema checks."""
    return raw[[h for h in raw.columns if h in COLUMNS or h in CHECKED_EXTRAS]]


def events_to_csv(events: pd.DataFrame) -> str:
    """CSV text with "\n" line ends (`csvio.csv_bytes`). The csv writer does not quote a lone carriage return inside
    a cell, which readers take for a line end, so a frame holding one is written with every cell quoted."""
    return b"".join(events_csv_pieces(events)).decode("utf-8")


def events_csv_pieces(events: pd.DataFrame) -> Iterator[memoryview]:
    """`events_to_csv` as UTF-8 pieces made as they are asked for (`csvio.csv_pieces`), for `csvio.write_atomic`: a
    store write holds one batch of the file's bytes at a time, not the whole file as bytes and as text."""
    text = to_text_frame(events)
    has_cr = any(may_hold(pa.array(text[c]), b"\r") and text[c].str.contains("\r", regex=False).any()
                 for c in COLUMNS)
    return csv_pieces(COLUMNS, text, quote_all=has_cr)


