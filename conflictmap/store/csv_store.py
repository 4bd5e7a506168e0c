"""The CSV backend of the events store (the embedded default): one file, one lock beside it, atomic saves.

A save reads the file once under its lock, rewrites the merged records in place, appends the new ones, checks
that the result reads back with every other record unchanged, and replaces the file in one atomic rename. Every
record it does not change, valid or not, is kept byte for byte.
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..csvio import (
    MAX_FIELD_CHARS, UTF8_BOM, Decoded, EventsFileError, decode, has_non_text, is_utf8, lock_for, read_bytes,
    read_csv_rows, write_atomic,
)
from ..schema import COLUMNS, empty_events, to_text_frame, validate_frame
from .readonly import require_writable
from .base import Changes, EventStore, SaveResult, WaitReport
from .csv_format import LoadResult, events_csv_pieces, load_events, normalise_header

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_END = re.compile(r"(\r\n|\r|\n)\Z")


class CsvEventStore(EventStore):
    """Events kept in one CSV file (`schema.COLUMNS`, UTF-8), written under the lock `FILE.lock` through a
    temporary file and a rename, the previous version kept as `FILE.bak`."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.location = str(self.path)

    def __repr__(self) -> str:
        return f"CsvEventStore({self.location!r})"

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> LoadResult:
        return load_events(self.path)

    def apply(self, changes: Changes, on_wait: WaitReport | None = None) -> SaveResult:
        if changes.empty:
            return SaveResult()
        require_writable(self.path)
        _check_new_events(changes.to_add)
        with lock_for(self.path, on_wait=on_wait):
            if not self.path.exists():
                return self._create(changes)
            data = read_bytes(self.path)
            decoded = _utf8_for_rewrite(self.path, data)
            quick = _quick_save(self.path, data, decoded, changes)
            if quick is not None:
                content, result = quick
                if result.added or result.updated:
                    write_atomic(self.path, content)
                return result
            stored = _StoredFile(self.path, decoded)
            replaced = stored.replaced_cells(changes.updates, changes.expected)
            fresh, repeated = stored.new_events(changes.to_add)
            if not replaced and fresh.empty:
                return SaveResult(already_stored=repeated)
            text = stored.text_with(replaced, fresh)
            header, rows, _, _, records = read_csv_rows(text)
            at = header.index("event_id_cnty") if "event_id_cnty" in header else None
            written = {row[at].strip() for row in rows} if at is not None else set()
            if records != stored.records + len(fresh) or not (set(replaced) | set(fresh["event_id_cnty"])) <= written:
                raise EventsFileError(f"saving to {self.path} would change its other records; nothing was saved")
            write_atomic(self.path, (UTF8_BOM if decoded.bom else b"") + text.encode("utf-8", errors="surrogateescape"))
        return SaveResult(added=tuple(fresh["event_id_cnty"]), updated=tuple(replaced), already_stored=repeated)

    def _create(self, changes: Changes) -> SaveResult:
        wanted = [i for i, cells in changes.updates.items() if cells]
        if wanted:
            raise EventsFileError(f"no readable event with id {', '.join(map(repr, wanted[:5]))} in {self.path} "
                                  "(the file does not exist); nothing was saved")
        fresh = changes.to_add.drop_duplicates("event_id_cnty")
        write_atomic(self.path, events_csv_pieces(fresh), backup=False)
        repeated = tuple(changes.to_add["event_id_cnty"][changes.to_add["event_id_cnty"].duplicated()])
        return SaveResult(added=tuple(fresh["event_id_cnty"]), already_stored=repeated)

    def rewrite(self, transform: Callable[[pd.DataFrame], pd.DataFrame | None],
                on_wait: WaitReport | None = None) -> bool:
        require_writable(self.path)
        with lock_for(self.path, on_wait=on_wait):
            current = empty_events()
            if self.path.exists():
                loaded = load_events(self.path)
                if loaded.errors:
                    raise EventsFileError(
                        f"{self.path} has {len(loaded.errors)} row error(s) (first: {loaded.errors[0]}); rewriting it "
                        "would lose them, so nothing was written: fix them first (python -m conflictmap validate)")
                current = loaded.events
            new = transform(current)
            if new is None:
                return False
            write_atomic(self.path, events_csv_pieces(new), backup=self.path.exists())
        return True


def save_events(path: str | os.PathLike, events: pd.DataFrame) -> None:
    """Write `events` (`schema.COLUMNS`) as the whole file at `path`, under its lock, atomically, keeping the
    previous file as `.bak`. For new files and tools; a save that must keep the records already there is
    `CsvEventStore.apply`. Raises StoreIOError when the file cannot be written (the old one is then untouched) or
    events may not be saved here (read-only mode, see `store.readonly`)."""
    require_writable(path)
    with lock_for(path):
        write_atomic(path, events_csv_pieces(events))


def _check_new_events(events: pd.DataFrame) -> None:
    """New events must pass the schema as they will be read back; raises EventsFileError naming the first fault."""
    events = events.drop_duplicates("event_id_cnty")  # a repeated id is not added twice, see `new_events`
    if events.empty:
        return
    _, problems = validate_frame(to_text_frame(events))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        row = events.iloc[errors[0].line - 2]
        raise EventsFileError(f"event {row['event_id_cnty']!r} is not valid ([{errors[0].column}] "
                              f"{errors[0].reason}); nothing was saved")


def _refusal(event_id: str, header: list[str], cells: dict[str, str], changes: Mapping[str, str],
             expected: Mapping[str, str], line: int) -> str:
    """Why updating the record `cells` (on physical `line`) with `changes` is refused; "" when it may go ahead."""
    missing = [c for c in changes if c not in header]
    if missing:
        return f"event {event_id!r}: the file has no column {missing[0]!r}"
    if str(changes.get("event_id_cnty", event_id)).strip() != event_id:
        return f"event {event_id!r}: its id cannot be changed"
    before, _ = validate_frame(pd.DataFrame([{c: v for c, v in cells.items() if c in COLUMNS}]))
    seen = to_text_frame(before).iloc[0] if len(before) else None
    stale = [c for c, v in expected.items() if seen is None or seen[c] != v]
    if stale:
        return f"event {event_id!r} changed in the file since it was read ({stale[0]})"
    after = {**cells, **{c: str(v) for c, v in changes.items()}}
    oversize = [c for c, v in changes.items() if len(str(v)) > MAX_FIELD_CHARS or "\x00" in str(v)]
    _, problems = validate_frame(pd.DataFrame([{c: v for c, v in after.items() if c in COLUMNS}]), np.array([line]))
    errors = [str(p) for p in problems if p.severity == "error"]
    if oversize or errors:
        return (f"event {event_id!r} would become invalid: "
                f"{errors[0] if errors else f'[{oversize[0]}] too long or holds a NUL byte'}")
    return ""


class _StoredFile:
    """The events file as read under the lock: its records, their physical lines, and the text around them."""

    def __init__(self, path: Path, decoded: Decoded):
        self.path = path
        text = decoded.text
        header, self.rows, self.lines, _, self.records = read_csv_rows(text)
        self.header = normalise_header(header)
        self.physical = io.StringIO(text, newline="").readlines()
        id_at = self.header.index("event_id_cnty") if "event_id_cnty" in self.header else None
        self.first_of: dict[str, int] = {}
        for k, row in enumerate(self.rows if id_at is not None else []):
            self.first_of.setdefault(row[id_at].strip(), k)

    def replaced_cells(self, updates: Mapping[str, Mapping[str, str]],
                       expected: Mapping[str, Mapping[str, str]]) -> dict[str, tuple[int, dict[str, str]]]:
        """{event id: (record index, its cells after the update)}; raises EventsFileError when any update is
        refused (unknown id or column, id changed, stale, or the event would become invalid)."""
        wanted = {i: cells for i, cells in updates.items() if cells}
        unknown = [i for i in wanted if i not in self.first_of]
        if unknown:
            raise EventsFileError(f"no readable event with id {', '.join(map(repr, unknown[:5]))} in {self.path}; "
                                  "nothing was saved")
        replaced: dict[str, tuple[int, dict[str, str]]] = {}
        refusals: list[str] = []
        for event_id, changes in wanted.items():
            k = self.first_of[event_id]
            cells = dict(zip(self.header, self.rows[k]))
            refusal = _refusal(event_id, self.header, cells, changes, expected.get(event_id, {}), self.lines[k])
            if refusal:
                refusals.append(refusal)
                continue
            replaced[event_id] = (k, {**cells, **{c: str(v) for c, v in changes.items()}})
        if refusals:
            raise EventsFileError("nothing was saved: " + "; ".join(refusals))
        return replaced

    def new_events(self, to_add: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
        """The events of `to_add` whose id no readable record of the file holds (first of each id), and the ids
        left out."""
        ids = to_add["event_id_cnty"]
        repeated = ids.duplicated() | np.array([i in self.first_of for i in ids], dtype=bool)
        return to_add[~repeated.to_numpy()], tuple(ids[repeated])

    def text_with(self, replaced: dict[str, tuple[int, dict[str, str]]], fresh: pd.DataFrame) -> str:
        """The file's text with the replaced records rewritten in place and `fresh` appended. Appending to a file
        whose header lacks some of the schema's columns adds them at the end of the header, blank for the
        records already there."""
        missing = [c for c in COLUMNS if c not in self.header] if len(fresh) else []
        header = self.header + missing
        by_record = {k: cells for k, cells in replaced.values()}
        touched = sorted(range(len(self.rows)) if missing else by_record)
        pieces = [self._header_line(missing)]
        line = 2
        for k in touched:
            start = self.lines[k]
            span, ending = self._record_span(k)
            pieces += self.physical[line - 1:start - 1]
            if k in by_record:
                pieces.append(_record_text([by_record[k].get(h, "") for h in header], ending))
            else:
                last = self.physical[start - 2 + span]
                end = _LINE_END.search(last)
                cut = end.start() if end else len(last)
                pieces += self.physical[start - 1:start - 2 + span] + [last[:cut] + "," * len(missing) + last[cut:]]
            line = start + span
        pieces += self.physical[line - 1:]
        text = "".join(pieces)
        if len(fresh):
            ending = _line_end(self.physical[0])
            if text and not _LINE_END.search(text):
                text += ending
            text += _records_text(fresh, header, ending)
        return text

    def _header_line(self, missing: list[str]) -> str:
        first = self.physical[0]
        if not missing:
            return first
        if len(next(csv.reader([first]), [])) != len(self.header):
            raise EventsFileError(f"the header of {self.path} spans several lines; columns cannot be added to it, "
                                  "so nothing was saved")
        end = _LINE_END.search(first)
        cut = end.start() if end else len(first)
        return first[:cut] + "," + ",".join(missing) + first[cut:]

    def _record_span(self, k: int) -> tuple[int, str]:
        """How many physical lines record `k` takes, and the line end it finishes with.

        The reader keeps the line breaks of quoted cells, so the record takes one line plus one per break inside
        its cells; that span is parsed again to be sure it holds this record and nothing else.
        """
        start, row = self.lines[k], self.rows[k]
        span = 1 + sum(len(_LINE_BREAK.findall(cell)) for cell in row)
        chunk = "".join(self.physical[start - 1:start - 1 + span])
        probe_header = ",".join(f"c{i}" for i in range(len(row))) + "\n"
        _, rows, _, problems, records = read_csv_rows(probe_header + chunk)
        if rows != [row] or problems or records != 1:
            raise EventsFileError(f"the record on line {start} of {self.path} cannot be located exactly; "
                                  "nothing was saved")
        ending = _LINE_END.search(chunk)
        return span, ending.group() if ending else ""


def _quick_save(path: Path, data: bytes, decoded: Decoded, changes: Changes) -> tuple[bytes, SaveResult] | None:
    """A save that reads and writes the file about once, for the usual file: each merged record is found by its id
    at the start of a line (outside any quoted cell) and rewritten in place, the new records follow the last one,
    and every other byte stays as it is. Each rewritten or new record is parsed back before anything is written.

    None when the file needs the exact reader of the full path: it may end inside a quoted cell (an odd number of
    quote marks), its id is not its first column while records are merged, its header lacks some of the schema's
    columns while records are added, or a merged event is not found this way. Raises EventsFileError (nothing
    written) when a merge is refused (see `_refusal`).
    """
    text = decoded.text
    first_end = _LINE_BREAK.search(text)
    first = text[:first_end.end()] if first_end else text
    if text.count('"') % 2 or first.count('"') % 2:
        return None
    header = normalise_header(next(csv.reader([first]), []))
    wanted = {i: cells for i, cells in changes.updates.items() if cells}
    if (wanted and header[0] != "event_id_cnty") or (len(changes.to_add) and any(c not in header for c in COLUMNS)):
        return None
    pieces, done, refusals = [], 0, []
    for start, end, event_id, row in sorted(filter(None, (_find_record(text, header, i) for i in wanted))):
        line = _lines_before(text, start) + 1
        refusal = _refusal(event_id, header, dict(zip(header, row)), wanted[event_id],
                           changes.expected.get(event_id, {}), line)
        if refusal:
            refusals.append(refusal)
            continue
        cells = {**dict(zip(header, row)), **{c: str(v) for c, v in wanted[event_id].items()}}
        ending = _LINE_END.search(text, start, end)
        record = _record_text([cells[h] for h in header], ending.group() if ending else "")
        _, parsed, _, problems, _ = read_csv_rows(first + record)
        if problems or parsed != [[cells[h] for h in header]]:
            return None
        pieces += [text[done:start], record]
        done = end
    if refusals:
        raise EventsFileError("nothing was saved: " + "; ".join(refusals))
    if len(pieces) // 2 != len(wanted):
        return None  # some merged event was not found this way: the exact reader decides
    updated = tuple(wanted)
    text = "".join(pieces) + text[done:]
    ids = changes.to_add["event_id_cnty"]
    known = _stored_ids(data, decoded, header, list(ids.astype(str))) if len(ids) else set()
    repeated = ids.duplicated() | np.array([i in known for i in ids], dtype=bool)
    fresh = changes.to_add[~repeated.to_numpy()]
    if len(fresh):
        ending = _line_end(first)
        body = _records_text(fresh, header, ending)
        _, rows, _, problems, _ = read_csv_rows(first + body)
        if problems or len(rows) != len(fresh):
            raise EventsFileError(f"the new events cannot be written to {path} as CSV records; nothing was saved")
        text += (ending if text and not _LINE_END.search(text[-2:]) else "") + body
    content = (UTF8_BOM if decoded.bom else b"") + text.encode("utf-8", errors="surrogateescape")
    return content, SaveResult(added=tuple(fresh["event_id_cnty"]), updated=updated,
                               already_stored=tuple(ids[repeated]))


def _find_record(text: str, header: list[str], event_id: str) -> tuple[int, int, str, list[str]] | None:
    """(start, end, id, cells) of the first readable record whose first cell is `event_id`: a line starting with
    the id (quoted or not) and a comma, outside any quoted cell, parsed by the csv reader to the header's width."""
    found = text.find(event_id)
    while found >= 0:
        at, found = found, text.find(event_id, found + 1)
        start = at - 1 if at and text[at - 1] == '"' else at
        after = at + len(event_id) + (text.startswith('"', at + len(event_id)))
        if (start and text[start - 1] not in "\r\n") or not text.startswith(",", after):
            continue
        if text.count('"', 0, start) % 2:
            continue
        reader = csv.reader(io.StringIO(text[start:start + 20 * MAX_FIELD_CHARS], newline=""), strict=False)
        try:
            row = next(reader)
        except (csv.Error, StopIteration):
            continue
        if len(row) != len(header) or row[0].strip() != event_id or any(
                "\x00" in cell or len(cell) > MAX_FIELD_CHARS or has_non_text(cell) for cell in row):
            continue
        end = start
        for _ in range(reader.line_num):
            brk = _LINE_BREAK.search(text, end)
            end = brk.end() if brk else len(text)
        return start, end, event_id, row
    return None


def _lines_before(text: str, position: int) -> int:
    """Line breaks (\\r\\n, \\r or \\n) before `position`."""
    return text.count("\n", 0, position) + text.count("\r", 0, position) - text.count("\r\n", 0, position)


def _stored_ids(data: bytes, decoded: Decoded, header: list[str], wanted: list[str]) -> set[str]:
    """Which of the `wanted` ids a readable record of the file holds: found with Arrow's reader (one column, many
    times faster) when every record of the file is regular, else with the exact reader."""
    if "event_id_cnty" not in header:
        return set()
    at = header.index("event_id_cnty")
    if b"\x00" not in data and is_utf8(data):
        irregular = []
        names = [str(i) for i in range(len(header))]
        try:
            table = pacsv.read_csv(
                io.BytesIO(data[len(UTF8_BOM):] if decoded.bom else data),
                read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
                parse_options=pacsv.ParseOptions(newlines_in_values=True,
                                                 invalid_row_handler=lambda row: irregular.append(row) or "skip"),
                convert_options=pacsv.ConvertOptions(include_columns=[names[at]], column_types={names[at]: pa.string()},
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False))
        except pa.ArrowException:
            irregular.append(None)
        if not irregular:
            stored = pc.utf8_trim_whitespace(table.column(0))
            return set(stored.filter(pc.is_in(stored, value_set=pa.array(wanted, pa.string()))).to_pylist())
    _, rows, _, _, _ = read_csv_rows(decoded.text)
    return {row[at].strip() for row in rows} & set(wanted)


def _line_end(line: str) -> str:
    end = _LINE_END.search(line)
    return end.group() if end else "\n"


def _records_text(events: pd.DataFrame, header: list[str], ending: str) -> str:
    """CSV records of `events` in the order of the file's `header` (a column the schema lacks stays blank)."""
    cells = to_text_frame(events)
    return "".join(_record_text([row.get(h, "") if h in COLUMNS else "" for h in header], ending)
                   for row in cells.to_dict("records"))


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


def _record_text(cells: list[str], ending: str) -> str:
    """One CSV record; every cell is quoted when one holds a carriage return (see `events_to_csv`)."""
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if any("\r" in cell for cell in cells) else csv.QUOTE_MINIMAL
    csv.writer(buf, lineterminator=ending or "\n", quoting=quoting).writerow(cells)
    return buf.getvalue() if ending else buf.getvalue()[:-1]
