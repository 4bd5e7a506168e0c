"""Reading and writing events files: every bad row reported by line, no write ever leaves a damaged file."""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .csvio import (
    MAX_FIELD_CHARS, UTF8_BOM, Decoded, EventsFileError, decode, lock_for, read_bytes, read_csv_rows, unique_header,
    write_atomic,
)
from .schema import (
    CHECKED_EXTRAS, COLUMNS, RULES_VERSION, RowProblem, empty_events, normalise_types, to_text_frame, validate_frame,
)

CACHE_FORMAT = "2"
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
               records: int, encoding: str = "utf-8", check_coordinates: bool = False) -> LoadResult:
    raw.columns = header
    raw = raw[[h for h in header if h in COLUMNS or h in CHECKED_EXTRAS]]
    events, row_problems = validate_frame(raw, lines)
    if check_coordinates:
        from .geocoding.plausibility import coordinate_problems

        row_problems += coordinate_problems(raw, lines)
    problems = sorted(problems + row_problems, key=lambda p: p.line)
    return LoadResult(events=events, problems=problems, rows_read=records, encoding=encoding)


def parse_events_text(text: str | Decoded, check_coordinates: bool = False) -> LoadResult:
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
                      check_coordinates)


def is_utf8(data: bytes) -> bool:
    """Arrow's vectorised UTF-8 check (about 2 GB/s). Arrow's invalid-row handler cannot take a row with
    invalid bytes (it prints a traceback to stderr), so such files must not reach it."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    blob = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        blob.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def fast_parse(data: bytes, check_coordinates: bool = False) -> LoadResult | None:
    """Arrow's multi-threaded CSV reader for the usual clean file: valid UTF-8, one record per line, the
    header's number of fields on every line, no blank lines, no NULs, no huge fields.

    It is many times faster and lighter than the exact reader; None means the file is irregular somewhere
    and needs the exact reader, which then reports each irregularity with its line number.
    """
    if b"\x00" in data or not data.strip() or not is_utf8(data):
        return None
    first_line = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").rstrip("\r")
    try:
        first_row = next(csv.reader([first_line.lstrip("\ufeff")]), [])
    except csv.Error:  # e.g. a header field over csv's size limit: the exact reader reports it
        return None
    header = normalise_header(first_row)
    irregular = []

    def note_invalid(row) -> str:
        irregular.append(row)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(data[3:] if data.startswith(b"\xef\xbb\xbf") else data),
            read_options=pacsv.ReadOptions(column_names=[str(i) for i in range(len(header))], skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, invalid_row_handler=note_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types={str(i): pa.string() for i in range(len(header))}, strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError):
        return None
    newlines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if irregular or table.num_rows + 1 != newlines:
        return None
    if table.num_rows and max(pc.max(pc.utf8_length(col)).as_py() or 0 for col in table.columns) > MAX_FIELD_CHARS:
        return None
    raw = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    raw.columns = range(len(header))
    return _validated(header, raw, np.arange(2, len(raw) + 2, dtype=np.int64), [], len(raw),
                      check_coordinates=check_coordinates)


def load_events(path: str | os.PathLike, check_coordinates: bool = False) -> LoadResult:
    """Load and validate an events CSV (any text encoding, see `csvio.decode`); `check_coordinates` also warns, by
    line, about coordinates that contradict their row's country and admin1 (what `validate` reports).

    Raises EventsFileError only when the file as a whole is unusable (unreadable, not text, no events header).
    """
    data = read_bytes(path)
    fast = fast_parse(data, check_coordinates)
    if fast is not None:
        return fast
    return parse_events_text(decode(data), check_coordinates)


def file_identity(path: str | os.PathLike) -> str:
    """Changes whenever the file does: path, size and modification time (nanoseconds)."""
    st = Path(path).stat()
    return f"{Path(path).resolve()}|{st.st_size}|{st.st_mtime_ns}"


def default_cache_dir() -> Path:
    return Path(os.environ.get("CONFLICTMAP_CACHE") or Path(__file__).resolve().parent.parent / ".cache" / "events")


def load_events_cached(path: str | os.PathLike, cache_dir: Path | None = None, keep: int = 8) -> LoadResult:
    """load_events, remembered on disk as Parquet per version of the file (about 25x faster to read back).

    The key is the file's identity, so an edited file is parsed again; a damaged or unreadable cache entry is
    ignored and rewritten, never trusted.
    """
    cache_dir = cache_dir or default_cache_dir()
    key = hashlib.sha256(f"{CACHE_FORMAT}|{RULES_VERSION}|{file_identity(path)}".encode()).hexdigest()[:24]
    data_file, meta_file = cache_dir / f"{key}.parquet", cache_dir / f"{key}.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        events = pd.read_parquet(data_file)
        if list(events.columns) != COLUMNS or len(events) != meta["valid"]:
            raise ValueError("cache entry does not match")
        problems = [RowProblem(**p) for p in meta["problems"]]
        return LoadResult(events=normalise_types(events), problems=problems, rows_read=meta["rows_read"],
                          encoding=meta["encoding"])
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        pass
    result = load_events(path)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_file.with_suffix(f".{os.getpid()}.tmp")
        result.events.to_parquet(tmp, index=False)
        os.replace(tmp, data_file)
        write_atomic(meta_file, json.dumps({
            "valid": len(result.events), "rows_read": result.rows_read, "encoding": result.encoding,
            "problems": [dataclasses.asdict(p) for p in result.problems],
        }), backup=False)
        entries = sorted(cache_dir.glob("*.parquet"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)
    except OSError:
        pass
    return result


def events_to_csv(events: pd.DataFrame) -> str:
    """CSV text with "\n" line ends. The csv writer does not quote a lone carriage return inside a cell, which
    readers take for a line end, so a frame holding one is written with every cell quoted."""
    text = to_text_frame(events)
    has_cr = any(text[c].astype(str).str.contains("\r", regex=False).any() for c in COLUMNS)  # empty: float
    buf = io.StringIO()
    text.to_csv(buf, index=False, columns=COLUMNS, lineterminator="\n",
                quoting=csv.QUOTE_ALL if has_cr else csv.QUOTE_MINIMAL)
    return buf.getvalue()


def save_events(path: str | os.PathLike, events: pd.DataFrame) -> None:
    with lock_for(path):
        write_atomic(path, events_to_csv(events))


def append_events(path: str | os.PathLike, new_events: pd.DataFrame) -> int:
    """Append rows (`schema.COLUMNS`, typed) under the file lock, skipping ids already present; returns how many
    were added.

    The whole file is rewritten through a temporary file, so a crash leaves either the old or the new file; the
    existing records are kept byte for byte, rows in error included. Raises EventsFileError when the file is not
    UTF-8 or its header is not the schema's columns in order (appending would misplace values).
    """
    path = Path(path)
    with lock_for(path):
        if not path.exists():
            fresh = new_events.drop_duplicates("event_id_cnty")
            if fresh.empty:
                return 0
            write_atomic(path, events_to_csv(fresh), backup=False)
            return len(fresh)
        data = read_bytes(path)
        decoded = _utf8_for_rewrite(path, data)
        current = parse_events_text(decoded).events
        fresh = new_events[~new_events["event_id_cnty"].isin(set(current["event_id_cnty"]))]
        fresh = fresh.drop_duplicates("event_id_cnty")
        if fresh.empty:
            return 0
        if decoded.text.split("\n", 1)[0].strip().split(",") != COLUMNS:
            raise EventsFileError(
                f"{path} does not have the schema's columns in order; appending would misplace values")
        body = events_to_csv(fresh).split("\n", 1)[1].encode("utf-8")
        write_atomic(path, data + (b"\n" if data and not data.endswith(b"\n") else b"") + body)
        return len(fresh)


def _utf8_for_rewrite(path: Path, data: bytes) -> Decoded:
    """The file decoded for a rewrite that keeps its bytes; raises EventsFileError when it is not UTF-8 (writing
    UTF-8 into it would mix two encodings in one file)."""
    decoded = decode(data)
    if decoded.encoding != "utf-8":
        lines = Decoded(data.decode("utf-8", errors="surrogateescape")).bad_lines
        raise EventsFileError(
            f"{path} is not valid UTF-8 on line(s) {', '.join(map(str, lines[:5]))} (it reads as {decoded.encoding}); "
            "saving would mix two encodings in one file, so nothing was saved: convert it to UTF-8 first")
    return decoded


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _record_span(physical: list[str], start: int, row: list[str]) -> tuple[int, str]:
    """How many physical lines the record starting on line `start` takes, and the line end it finishes with.

    The reader keeps the line breaks of quoted cells, so the record takes one line plus one per break inside
    its cells; that span is parsed again with the exact reader to be sure it holds this record and nothing else.
    """
    span = 1 + sum(len(_LINE_BREAK.findall(cell)) for cell in row)
    chunk = "".join(physical[start - 1:start - 1 + span])
    probe_header = ",".join(f"c{i}" for i in range(len(row))) + "\n"
    _, rows, _, problems, records = read_csv_rows(probe_header + chunk)
    if rows != [row] or problems or records != 1:
        raise EventsFileError(f"the record on line {start} cannot be located exactly; nothing was updated")
    ending = re.search(r"(\r\n|\r|\n)\Z", chunk)
    return span, ending.group() if ending else ""


def _record_text(cells: list[str], ending: str) -> str:
    """One CSV record; every cell is quoted when one holds a carriage return (see `events_to_csv`)."""
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if any("\r" in cell for cell in cells) else csv.QUOTE_MINIMAL
    csv.writer(buf, lineterminator=ending or "\n", quoting=quoting).writerow(cells)
    return buf.getvalue() if ending else buf.getvalue()[:-1]


def update_events(path: str | os.PathLike, updates: dict[str, dict[str, str]], *,
                  expected: dict[str, dict[str, str]] | None = None) -> int:
    """Rewrite the named cells (text values) of the events with the given ids; returns how many rows were rewritten.

    Used to merge a new report into an event already saved. Under the file lock; every other record, valid or
    not, is kept byte-for-byte, so rows the loader reports as errors are never lost. The whole update is refused
    (EventsFileError, nothing written) when an id is not a readable row of the file, a column is missing, an
    updated row would not pass the schema, or, with `expected` (the cells as the caller saw them, as the schema
    reads them), when the file changed meanwhile.
    """
    path = Path(path)
    if not updates:
        return 0
    with lock_for(path):
        data = read_bytes(path)
        decoded = _utf8_for_rewrite(path, data)
        text = decoded.text
        header, rows, lines, _, records = read_csv_rows(text)
        header = normalise_header(header)
        id_at = header.index("event_id_cnty") if "event_id_cnty" in header else None
        first_of: dict[str, int] = {}
        for k, row in enumerate(rows if id_at is not None else []):
            first_of.setdefault(row[id_at].strip(), k)
        unknown = [i for i in updates if i not in first_of]
        if unknown:
            raise EventsFileError(f"no readable event with id {', '.join(map(repr, unknown[:5]))} in {path}; "
                                  "nothing was updated")
        physical = io.StringIO(text, newline="").readlines()
        replaced: dict[int, tuple[int, str]] = {}
        refusals: list[str] = []
        for event_id, changes in updates.items():
            k = first_of[event_id]
            cells = dict(zip(header, rows[k]))
            missing = [c for c in changes if c not in header]
            if missing:
                refusals.append(f"event {event_id!r}: the file has no column {missing[0]!r}")
                continue
            if changes.get("event_id_cnty", event_id).strip() != event_id:
                refusals.append(f"event {event_id!r}: its id cannot be changed")
                continue
            before, _ = validate_frame(pd.DataFrame([{c: v for c, v in cells.items() if c in COLUMNS}]))
            seen = to_text_frame(before).iloc[0] if len(before) else None
            stale = [c for c, v in (expected or {}).get(event_id, {}).items() if seen is None or seen[c] != v]
            if stale:
                refusals.append(f"event {event_id!r} changed in the file since it was read ({stale[0]})")
                continue
            cells.update({c: str(v) for c, v in changes.items()})
            oversize = [c for c, v in changes.items() if len(str(v)) > MAX_FIELD_CHARS or "\x00" in str(v)]
            after, problems = validate_frame(pd.DataFrame([{c: v for c, v in cells.items() if c in COLUMNS}]),
                                             np.array([lines[k]]))
            errors = [str(p) for p in problems if p.severity == "error"]
            if oversize or errors:
                refusals.append(f"event {event_id!r} would become invalid: "
                                f"{errors[0] if errors else f'[{oversize[0]}] too long or holds a NUL byte'}")
                continue
            span, ending = _record_span(physical, lines[k], rows[k])
            replaced[lines[k]] = (span, _record_text([cells[h] for h in header], ending))
        if refusals:
            raise EventsFileError("nothing was updated: " + "; ".join(refusals))
        pieces, line = [], 1
        for start in sorted(replaced):
            span, record = replaced[start]
            pieces += physical[line - 1:start - 1] + [record]
            line = start + span
        pieces += physical[line - 1:]
        updated = "".join(pieces)
        check = parse_events_text(Decoded(updated))
        if check.rows_read != records or not set(updates) <= set(check.events["event_id_cnty"]):
            raise EventsFileError(f"updating {path} would change its other records; nothing was updated")
        write_atomic(path, (UTF8_BOM if decoded.bom else b"") + updated.encode("utf-8", errors="surrogateescape"))
        return len(replaced)
