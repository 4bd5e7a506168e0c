"""Reading and writing text files the same way everywhere: one decoding policy, CSV records with their physical
line numbers, atomic writes and the lock that serialises writers.

The decoding policy (used by the events loader, both importers, the geodata tables, `geocode --batch`, the Add
events page and `extract`):

1. Valid UTF-8, with or without a byte order mark, is UTF-8.
2. A file with a BOM, or whose valid multi-byte UTF-8 characters outnumber its undecodable bytes, is UTF-8 with
   damaged bytes: the lines holding them are reported (a legacy code page almost never forms valid UTF-8
   sequences, so such a file is UTF-8 that was damaged or had a foreign line pasted in).
3. Anything else is decoded with the encoding charset-normalizer finds; among the candidates that are equally
   clean (same "chaos" score), Windows-1252 is preferred, since few non-ASCII bytes fit many code pages and the
   files met in practice (spreadsheets, UCDP GED) are Western. The encoding used is always returned so that
   callers can say it.

Bytes that are not text in the chosen encoding are decoded as lone surrogates (Python's `surrogateescape`), never
as U+FFFD: they mark exactly the bad cells, cannot be written back as UTF-8 by accident, and every reader here
reports the records holding them by line.
"""
from __future__ import annotations

import csv
import errno
import fcntl
import glob
import io
import os
import re
import secrets
import shutil
import socket
import stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from filelock import FileLock, Timeout

from .problems import RowProblem
from .progress import Progress

# numpy, pandas and Arrow are imported by the functions that use them: reading a small CSV (`geocode --batch`, the
# geodata tables) or taking the lock must not cost their import, half of a geocoding command's CPU time.

MAX_FIELD_CHARS = 100_000
UTF8_BOM = b"\xef\xbb\xbf"
PREFERRED_LEGACY_ENCODINGS = ["cp1252"]

# Python's csv module refuses fields over 128 KiB by default; ours are checked against MAX_FIELD_CHARS after
# reading, with room to spare so that an over-long field is reported by line instead of stopping the reader.
csv.field_size_limit(MAX_FIELD_CHARS * 10)

_NOT_TEXT = re.compile("[\udc80-\udcff]")  # what surrogateescape turns undecodable bytes into


class EventsFileError(Exception):
    """A file that cannot be read as a table at all: unreadable, empty, no known text encoding, an unreadable or
    duplicated header, missing columns. Problems with single rows are reported as `RowProblem`s instead."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded by the one policy.

    `text` holds lone surrogates (U+DC80..U+DCFF) where bytes were not text in `encoding`; `encoding` is a Python
    codec name (`"utf-8"`, `"cp1252"`, ...); `bom` says whether the bytes began with a UTF-8 byte order mark
    (not part of `text`).
    """

    text: str
    encoding: str = "utf-8"
    bom: bool = False

    @property
    def bad_lines(self) -> list[int]:
        """The physical lines (1-based, in order) holding bytes that are not text in `encoding`."""
        lines, line, counted_to = [], 1, 0
        for match in _NOT_TEXT.finditer(self.text):
            line += self.text.count("\n", counted_to, match.start())
            counted_to = match.start()
            if not lines or lines[-1] != line:
                lines.append(line)
        return lines

    @property
    def reason(self) -> str:
        """What a record holding such bytes is reported as (e.g. "not valid UTF-8 text")."""
        return not_text_reason(self.encoding)

    def describe_bad_lines(self, most: int = 5) -> str:
        """e.g. "not valid UTF-8 text on line(s) 2, 7"; empty when every byte is text."""
        lines = self.bad_lines
        if not lines:
            return ""
        more = f" and {len(lines) - most} more" if len(lines) > most else ""
        return f"{self.reason} on line(s) {', '.join(map(str, lines[:most]))}{more}"


def not_text_reason(encoding: str) -> str:
    return f"not valid {'UTF-8' if encoding == 'utf-8' else encoding} text"


def has_non_text(value: str) -> bool:
    """True when `value` holds bytes that were not text (see `Decoded`)."""
    return _NOT_TEXT.search(value) is not None


def decode(data: bytes) -> Decoded:
    """Decode bytes of unknown encoding by the one policy (module docstring).

    Raises EventsFileError when the bytes are not UTF-8 and no text encoding fits them (e.g. a binary file).
    Source: charset-normalizer (https://github.com/jawah/charset_normalizer) for the legacy guess.
    """
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM):] if bom else data
    try:
        return Decoded(body.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError:
        pass
    as_utf8 = body.decode("utf-8", errors="surrogateescape")
    undecodable = sum(1 for _ in _NOT_TEXT.finditer(as_utf8))
    multibyte = len(as_utf8) - len(as_utf8.encode("ascii", errors="ignore")) - undecodable
    if bom or multibyte > undecodable:
        return Decoded(as_utf8, "utf-8", bom)
    encoding = _legacy_encoding(body)
    return Decoded(body.decode(encoding, errors="surrogateescape"), encoding)


def _legacy_encoding(data: bytes) -> str:
    import charset_normalizer  # only for files that are not UTF-8: the importer, loader and CLI start without it

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise EventsFileError("cannot tell the text encoding of the file (is it a text file?)")
    # With few non-ASCII bytes many code pages decode without chaos; among those equally clean, prefer the
    # Western one that such files are usually written in, rather than the detector's first pick.
    cleanest = [m for m in matches if m.chaos <= matches[0].chaos]
    for preferred in PREFERRED_LEGACY_ENCODINGS:
        if any(preferred in m.could_be_from_charset for m in cleanest):
            return preferred
    return matches[0].encoding


READ_REPORT_BYTES = 16 << 20  # bytes read between two progress reports


def read_bytes(path: str | os.PathLike, progress: Progress | None = None) -> bytes:
    """The bytes of `path`; raises StoreIOError (an EventsFileError) naming the file, the reason and what to do
    when it cannot be read. `progress("reading the file", bytes read, bytes in all)` is called as the bytes
    come (first when some have come, then every READ_REPORT_BYTES; a pipe's size is not known beforehand)."""
    try:
        if progress is None:
            return Path(path).read_bytes()
        with open(path, "rb", buffering=0) as fh:
            return _read_rest(fh, progress)
    except OSError as exc:
        raise StoreIOError(path, "read", exc) from None


def _read_rest(fh, progress: Progress) -> bytes:
    """The bytes of an open file from where it stands, reporting as read_bytes does."""
    size = os.fstat(fh.fileno()).st_size
    parts, done, reported = [], 0, None
    while part := fh.read(max(size - done, READ_REPORT_BYTES)):  # one read(2): what has come
        parts.append(part)
        done += len(part)
        if reported is None or done - reported >= READ_REPORT_BYTES:
            progress("reading the file", done, max(size, done))
            reported = done
    return b"".join(parts)


def unique_header(header: list[str]) -> list[str]:
    """Header names stripped of spaces and of a stray byte order mark; raises EventsFileError when a name repeats
    (two columns of one name: which one holds the value would be a guess)."""
    header = [h.strip().lstrip("\ufeff").strip() for h in header]
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        raise EventsFileError(f"column {duplicated[0]!r} appears more than once in the header")
    if any(has_non_text(h) for h in header):
        raise EventsFileError("line 1: the header holds bytes that are not text")
    return header


ARROW_SLICE_BYTES = 16 << 20  # bytes read by Arrow between two progress reports
_NOT_BLANK = re.compile(rb"\S")


def is_utf8(data: bytes) -> bool:
    """Arrow's vectorised UTF-8 check (about 2 GB/s), without copying `data`. (Arrow's invalid-row handler cannot
    take a row with invalid bytes: it prints a traceback to stderr, so such files must not reach it.)"""
    import numpy as np
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    blob = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        blob.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _header_line(line: str, delimiter: str) -> list[str] | None:
    """The fields of the header line, or None when they cannot be read from that line alone (a quote left open
    runs on over the next lines in the exact reader)."""
    try:
        rows = list(csv.reader(io.StringIO(line + "\n#\n", newline=""), strict=False, delimiter=delimiter))
    except csv.Error:  # e.g. a header field over csv's size limit: the exact reader reports it
        return None
    return rows[0] if len(rows) == 2 and rows[1] == ["#"] else None


def read_csv_arrow(data: bytes | BinaryIO, delimiter: str = ",", progress: Progress | None = None,
                   slice_bytes: int = ARROW_SLICE_BYTES, text_type: pa.DataType | None = None,
                   each: Callable[[list[str], pa.Table], None] | None = None,
                   ) -> tuple[list[str], pa.Table | None] | None:
    """The usual clean CSV, read by Arrow's multi-threaded reader: many times faster and lighter than
    `read_csv_rows`, and the same cells.

    `data` is the file's bytes, or a seekable binary file at its start, which is read a slice at a time, so that
    its bytes are never all held (at 3,000,000 synthetic events, 857 MB beside the table while Arrow parses).
    Returns (header fields as written, a table of text columns named "0", "1", ... in header order), the table's
    row i being the record on line i + 2; or None when the file is irregular anywhere: not UTF-8, a NUL byte, no
    text, fewer than two columns, a blank line, a record over several lines, a lone carriage return, a row with
    another number of fields than the header, a field over MAX_FIELD_CHARS characters. Such a file needs the exact
    reader, which names the line of each irregularity. After each slice of about `slice_bytes`, `progress` hears
    "reading rows" (rows read, of the line count) for bytes, "reading the file" (bytes read, of the file's size)
    for a file. `text_type` is the columns' type (default pa.string()): pa.large_string() is what pandas' Arrow-backed str columns
    hold, so they take it without a copy. With `each`, each slice's rows are given to `each(header, table)` as
    they are read, in order, and not kept (the table returned is None); a file found irregular afterwards still
    returns None, so what `each` made of the slices before must then be dropped.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    text_type = pa.string() if text_type is None else text_type
    if isinstance(data, (bytes, bytearray)):
        lines_in_all, stage, source = data.count(b"\n") + (0 if data.endswith(b"\n") else 1), "reading rows", \
            io.BytesIO(data)
    else:
        lines_in_all, stage, source = None, "reading the file", data
    size = source.seek(0, os.SEEK_END)
    source.seek(0)
    first = source.readline()
    if not _clean_bytes(first):
        return None
    text_seen = _NOT_BLANK.search(first) is not None
    start = len(UTF8_BOM) if first.startswith(UTF8_BOM) else 0
    header = _header_line(first[start:].decode("utf-8").rstrip("\r\n").lstrip("\ufeff"), delimiter)
    if header is None or len(header) < 2:
        return None
    names = [str(i) for i in range(len(header))]
    lines, last = first.count(b"\n"), first
    irregular: list = []

    def note_invalid(row) -> str:
        irregular.append(row)
        return "skip"

    options = dict(
        read_options=pacsv.ReadOptions(column_names=names),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                         invalid_row_handler=note_invalid),
        convert_options=pacsv.ConvertOptions(column_types={name: text_type for name in names},
                                             strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    tables, rows = [], 0
    while part := source.read(slice_bytes):
        if not part.endswith(b"\n"):
            part += source.readline()
        # Checked a slice at a time: a slice ends at a line end, so no character, CRLF or line is cut.
        if part.startswith(UTF8_BOM) or not _clean_bytes(part):  # Arrow would drop a BOM as its input's own
            return None
        text_seen = text_seen or _NOT_BLANK.search(part) is not None
        lines, last = lines + part.count(b"\n"), part
        try:
            tables.append(pacsv.read_csv(pa.BufferReader(pa.py_buffer(part)), **options))
        except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError):
            return None
        if irregular or not _regular_cells(tables[-1]):
            return None
        rows += tables[-1].num_rows
        if each is not None:
            each(header, tables.pop())
        if progress is not None:
            progress(stage, *((rows, lines_in_all - 1) if lines_in_all is not None else (source.tell(), size)))
    lines += 0 if last.endswith(b"\n") else 1
    if not text_seen or rows + 1 != lines:
        return None
    if each is not None:
        return header, None
    if not tables:
        return header, pa.table({name: pa.array([], text_type) for name in names})
    return header, pa.concat_tables(tables)


def _regular_cells(table: pa.Table) -> bool:
    """No field over MAX_FIELD_CHARS characters, no line feed in a field."""
    import pyarrow.compute as pc

    for column in table.columns:
        if len(column) and pc.max(pc.binary_length(column)).as_py() > MAX_FIELD_CHARS and \
                pc.max(pc.utf8_length(column)).as_py() > MAX_FIELD_CHARS:
            return False
        if may_hold(column, b"\n") and pc.any(pc.match_substring(column, "\n")).as_py():
            return False  # a record over several lines, or one that a slice cut
    return True


def read_csv_file(path: str | os.PathLike, progress: Progress | None = None, text_type: pa.DataType | None = None,
                  slice_bytes: int = ARROW_SLICE_BYTES, each: Callable[[list[str], pa.Table], None] | None = None,
                  ) -> tuple[tuple[list[str], pa.Table | None] | None, bytes | None]:
    """`read_csv_arrow` of a file read a slice at a time, its bytes never all held: (header, table), None; or,
    when the file needs the exact reader (see read_csv_arrow) or is not a regular file (a pipe, read once),
    None and the file's bytes, read from the same open file (the same version, even if it was replaced since).
    `each` as in read_csv_arrow. Raises StoreIOError as read_bytes does."""
    try:
        with open(path, "rb") as fh:
            if stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                read = read_csv_arrow(fh, progress=progress, slice_bytes=slice_bytes, text_type=text_type, each=each)
                if read is not None:
                    return read, None
                fh.seek(0)
            return None, (_read_rest(fh, progress) if progress is not None else fh.read())
    except OSError as exc:
        raise StoreIOError(path, "read", exc) from None


def _clean_bytes(part: bytes) -> bool:
    """No NUL byte, valid UTF-8, and no carriage return but before a line feed (a whole number of lines)."""
    return part.find(b"\x00") < 0 and is_utf8(part) and (part.find(b"\r") < 0 or
                                                           part.count(b"\r") == part.count(b"\r\n"))


def may_hold(column: pa.Array | pa.ChunkedArray, *needles: bytes) -> bool:
    """False when no value of a string column holds any of `needles`: a scan of its data buffers at memchr speed
    (bytes.find), many times faster than a per-value search. True may also come from bytes outside a sliced
    array, so callers then check value by value."""
    import numpy as np
    import pyarrow as pa

    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    for chunk in chunks:
        buffers = chunk.buffers()
        if buffers[2] is None or not len(chunk):
            continue
        width = np.int64 if pa.types.is_large_string(chunk.type) or pa.types.is_large_binary(chunk.type) else np.int32
        offsets = np.frombuffer(buffers[1], dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
        # Only this chunk's bytes: a slice (a batch of rows) shares its whole column's buffer.
        content = memoryview(buffers[2])[int(offsets[0]):int(offsets[-1])].tobytes()
        if any(content.find(needle) >= 0 for needle in needles):
            return True
    return False


CSV_WRITE_BATCH_ROWS = 100_000
_NEEDS_QUOTES = '[,"\n]'  # what csv.writer's QUOTE_MINIMAL quotes with "\n" line ends (not a lone "\r")


def csv_bytes(header: list[str], frame: pd.DataFrame, quote_all: bool = False) -> bytes:
    """The CSV (UTF-8, "\\n" line ends) of `frame`'s text columns under `header`, byte for byte what csv.writer
    writes (QUOTE_MINIMAL, or QUOTE_ALL), built by Arrow compute a batch of rows at a time: many times faster
    than the csv module or pandas, with one batch's copies of the text at a time."""
    return b"".join(csv_pieces(header, frame, quote_all))


def csv_pieces(header: list[str], frame: pd.DataFrame, quote_all: bool = False) -> Iterator[memoryview]:
    """`csv_bytes` in consecutive pieces (the header line, then one per batch of rows), each made when asked for:
    `write_atomic` writes them as they come, so the file's bytes are never all held at once."""
    import pyarrow as pa

    yield _csv_lines(pa.table({name: pa.array([name], pa.large_string()) for name in header}), quote_all)
    for start in range(0, len(frame), CSV_WRITE_BATCH_ROWS):
        batch = frame.iloc[start:start + CSV_WRITE_BATCH_ROWS]
        yield _csv_lines(pa.table({name: pa.array(batch[name], pa.large_string()) for name in header}), quote_all)


def _csv_lines(table: pa.Table, quote_all: bool) -> memoryview:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(value: str) -> pa.Scalar:
        return pa.scalar(value, pa.large_string())

    cells = []
    for column in table.columns:
        column = pc.fill_null(column, text(""))
        lone = table.num_columns == 1  # a lone empty field is quoted, or the line would read as blank
        if not quote_all and not lone and not may_hold(column, b",", b'"', b"\n"):
            cells.append(column)
            continue
        quoted = pc.binary_join_element_wise(text('"'), pc.replace_substring(column, '"', '""'), text('"'), text(""))
        needs_quotes = pc.match_substring_regex(column, _NEEDS_QUOTES)
        if lone:
            needs_quotes = pc.or_(needs_quotes, pc.equal(column, text("")))
        cells.append(quoted if quote_all else pc.if_else(needs_quotes, quoted, column))
    lines = pc.binary_join_element_wise(pc.binary_join_element_wise(*cells, text(",")), text(""), text("\n"))
    lines = lines.combine_chunks() if isinstance(lines, pa.ChunkedArray) else lines
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset:lines.offset + len(lines) + 1]
    return memoryview(lines.buffers()[2])[offsets[0]:offsets[-1]]


def read_csv_rows(text: str, encoding: str = "utf-8", delimiter: str = ",",
                  ) -> tuple[list[str], list[list[str]], list[int], list[RowProblem], int]:
    """Parse CSV text into (header, rows, lines, problems, records).

    `header` comes from `unique_header` (raises EventsFileError on a repeated name); `rows` are the records that
    can be trusted, each a list of the header's number of text cells; `lines[i]` is the physical line (1-based)
    that `rows[i]` starts on; `problems` name the line and reason of every record left out (wrong number of
    fields, NUL byte, field over MAX_FIELD_CHARS characters, bytes that are not text in `encoding`); `records`
    counts the records read, good or bad. Blank lines are skipped. `delimiter` separates fields (a spreadsheet
    in a locale with decimal commas writes ";"). Raises EventsFileError when the text is empty or its header line
    cannot be read.
    """
    problems: list[RowProblem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=False, delimiter=delimiter)
    try:
        header = unique_header(next(reader))
    except StopIteration:
        raise EventsFileError("the file is empty") from None
    except csv.Error as exc:
        raise EventsFileError(f"the header line cannot be read: {exc}") from None
    check_text, check_nul, check_long = has_non_text(text), "\x00" in text, len(text) > MAX_FIELD_CHARS
    rows: list[list[str]] = []
    lines: list[int] = []
    width = len(header)
    records = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            records += 1
            problems.append(RowProblem(start, "", f"unreadable CSV: {exc}"))
            continue
        if not row or (len(row) == 1 and row[0].strip() == ""):
            continue
        records += 1
        if check_text and any(has_non_text(cell) for cell in row):
            problems.append(RowProblem(start, "", not_text_reason(encoding)))
            continue
        if len(row) != width:
            problems.append(RowProblem(start, "", f"{len(row)} fields where the header has {width}"))
            continue
        if check_nul and any("\x00" in cell for cell in row):
            problems.append(RowProblem(start, "", "contains a NUL byte"))
            continue
        if check_long and max(map(len, row)) > MAX_FIELD_CHARS:
            column = next(h for h, cell in zip(header, row) if len(cell) > MAX_FIELD_CHARS)
            problems.append(RowProblem(start, column, f"field longer than {MAX_FIELD_CHARS:,} characters"))
            continue
        rows.append(row)
        lines.append(start)
    return header, rows, lines, problems, records


class StoreIOError(EventsFileError, OSError):
    """A file that could not be read, written or locked (permission, read-only or full disk, another save holding
    the lock too long, a read-only dashboard). Its text is one sentence naming the file, what happened and what to
    do (see `str()`); `path`, `action` ("read", "write", "wait" or "read-only"), `cause` (the OSError, if any),
    `waited` (seconds) and `why` (what makes it read-only) say it to code. Raised by the readers, `write_atomic`,
    `lock_for` and the events store; when writing, the old file is always intact."""

    def __init__(self, path: str | os.PathLike, action: str, cause: OSError | None = None, waited: float = 0.0,
                 why: str = ""):
        OSError.__init__(self, getattr(cause, "errno", None), getattr(cause, "strerror", None) or action)
        self.path, self.action, self.cause, self.waited, self.why = Path(path), action, cause, waited, why

    def __str__(self) -> str:
        return describe_io_error(self.path, self.action, self.cause, self.waited, self.why)


_READ_REASONS = {
    errno.ENOENT: ("there is no such file", "check the path"),
    errno.EACCES: ("permission denied", "make it readable for the user running conflictmap"),
    errno.EPERM: ("permission denied", "make it readable for the user running conflictmap"),
    errno.EISDIR: ("it is a folder", "give the path of a file"),
}
_WRITE_REASONS = {
    errno.EACCES: ("permission denied", "make {folder} writable for the user running conflictmap, or save elsewhere"),
    errno.EPERM: ("permission denied", "make {folder} writable for the user running conflictmap, or save elsewhere"),
    errno.EROFS: ("the file system is read-only", "save to a file on a writable disk"),
    errno.ENOSPC: ("the disk is full", "free some space on the disk that holds {folder}, then save again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space in your quota, then save again"),
    errno.ENOENT: ("its folder cannot be found", "check that {folder} exists"),
    errno.ENOTDIR: ("a part of its folder path is a file", "check the path"),
}


def describe_io_error(path: Path, action: str, cause: OSError | None = None, waited: float = 0.0,
                      why: str = "") -> str:
    """The one sentence for a failed read, write, wait for the lock or write refused by read-only mode (the text
    of `StoreIOError`)."""
    if action == "read-only":
        return f"cannot save to {path}: {why}, so nothing was saved"
    if action == "wait":
        return (f"cannot save to {path}: other saves have held it for {waited:.0f} s and are still running, so "
                "nothing was saved; save again in a moment")
    code = getattr(cause, "errno", None)
    what = (getattr(cause, "strerror", None) or str(cause or "unknown error")).lower()
    if action == "read":
        reason, todo = _READ_REASONS.get(code, (what, "check the file and the disk"))
        return f"cannot read {path}: {reason}; {todo.format(folder=path.parent)}"
    reason, todo = _WRITE_REASONS.get(code, (what, "check the disk and {folder}, then save again"))
    return (f"cannot save to {path}: {reason}, so nothing was saved and the file is unchanged; "
            f"{todo.format(folder=path.parent)}")


HOST = re.sub(r"[^A-Za-z0-9_.-]", "_", socket.gethostname()) or "host"
STALE_TEMPORARY_S = 3600


def _temporary_prefix(path: Path) -> str:
    """Temporary files carry their writer's pid and host, so that an abandoned one is known as soon as its writer
    is gone: `.NAME.w<pid>@<host>~<random>.tmp`."""
    return f".{path.name}.w{os.getpid()}@{HOST}~"


def write_atomic(path: str | os.PathLike, content: str | bytes | Iterable, backup: bool = True) -> None:
    """Write `content` (text is written as UTF-8; an iterable of bytes-like pieces is written piece by piece as it
    yields them, see `csv_pieces`) to a temporary file beside `path`, fsync it, keep the old file
    as `path` + ".bak" (a hard link made before the swap, itself renamed into place, so the backup is as
    all-or-nothing as the file), then rename over `path`: a crash leaves the old or the new file, never a mix.

    Temporary files that killed writers left beside `path` are removed first. Raises StoreIOError (an OSError)
    naming the file when the folder or file cannot be written; the old file is then untouched.
    """
    path = Path(path)
    pieces = [content.encode("utf-8")] if isinstance(content, str) else [content] if isinstance(
        content, (bytes, bytearray, memoryview)) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned_temporaries(path)
        fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StoreIOError(path, "write", exc) from None
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            for piece in pieces:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreIOError(path, "write", exc) from None
        raise


def _keep_backup(path: Path) -> None:
    """`path` + ".bak" becomes the current file in one rename: a hard link to it (no copy, nothing half-written),
    or, where the file system has no hard links, a synced copy."""
    staged = path.with_name(f"{_temporary_prefix(path)}{secrets.token_hex(4)}.bak.tmp")
    try:
        os.link(path, staged)
    except OSError:
        shutil.copy2(path, staged)
        with open(staged, "rb+") as fh:
            os.fsync(fh.fileno())
    try:
        os.replace(staged, path.with_name(path.name + ".bak"))
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def remove_abandoned_temporaries(path: Path) -> None:
    """Remove the temporary files beside `path` whose writer is gone: on this host, as soon as its process no
    longer exists; from another host (or unnamed), after STALE_TEMPORARY_S seconds. Never read as data."""
    marker = re.compile(re.escape(f".{path.name}.w") + r"(\d+)@([^~]*)~")
    cutoff = time.time() - STALE_TEMPORARY_S
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        named = marker.match(leftover.name)
        try:
            if named and named.group(2) == HOST:
                abandoned = not _process_exists(int(named.group(1)))
            else:
                abandoned = leftover.stat().st_mtime < cutoff
            if abandoned:
                leftover.unlink()
        except OSError:
            pass


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


SAVE_WAIT_S = 120.0
_POLL_S = 0.05


def save_wait_s() -> float:
    """How long a save waits for its turn: `CONFLICTMAP_SAVE_WAIT` seconds, else SAVE_WAIT_S."""
    try:
        return max(0.0, float(os.environ.get("CONFLICTMAP_SAVE_WAIT", SAVE_WAIT_S)))
    except ValueError:
        return SAVE_WAIT_S


@contextmanager
def lock_for(path: str | os.PathLike, wait: float | None = None,
             on_wait: Callable[[float, int], None] | None = None) -> Iterator[None]:
    """Hold the lock that serialises the writers of `path` (`path` + ".lock"), taking turns in arrival order.

    Each waiter queues a ticket in `.NAME.queue/` (a file it holds a lock on, so the ticket of a killed waiter is
    known dead and skipped) and takes the lock when no live ticket is ahead of it. While it waits, `on_wait(seconds
    waited, saves ahead)` is called about twice a second. Raises StoreIOError after `wait` seconds (default
    `save_wait_s()`), or when the lock or queue cannot be created (e.g. the folder is not writable).
    """
    path = Path(path)
    wait = save_wait_s() if wait is None else wait
    lock = FileLock(str(path.with_name(path.name + ".lock")))
    queue = path.with_name(f".{path.name}.queue")
    start = time.monotonic()
    try:
        ticket = _queue_ticket(queue)
    except OSError as exc:
        raise StoreIOError(path, "write", exc) from None
    try:
        last_report = 0.0
        while True:
            ahead = _live_tickets_ahead(queue, ticket)
            if not ahead:
                try:
                    lock.acquire(timeout=_POLL_S)
                    break
                except Timeout:
                    pass
                except OSError as exc:
                    raise StoreIOError(path, "write", exc) from None
            waited = time.monotonic() - start
            if waited >= wait:
                raise StoreIOError(path, "wait", waited=waited)
            if on_wait is not None and waited - last_report >= 0.5:
                last_report = waited
                on_wait(waited, max(len(ahead), 1))
            if ahead:
                time.sleep(_POLL_S)
        try:
            yield
        finally:
            lock.release()
    finally:
        _leave_queue(queue, ticket)


@dataclass
class _Ticket:
    name: str
    fd: int


def _queue_ticket(queue: Path) -> _Ticket:
    """A ticket at the back of the queue, locked by this waiter before it is visible (made under a private name,
    locked, then renamed into the queue)."""
    for _ in range(5):
        try:
            queue.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # there when made, gone when checked: a waiter leaving removed it; make it again
            continue
        name = f"{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(4)}"
        staged = queue / f".{name}"
        try:
            fd = os.open(staged, os.O_CREAT | os.O_RDWR, 0o644)
        except FileNotFoundError:  # the queue folder was removed by a waiter leaving it: make it again
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.rename(staged, queue / name)
        except FileNotFoundError:
            os.close(fd)
            continue
        return _Ticket(name, fd)
    raise OSError(errno.EAGAIN, "the save queue keeps disappearing", str(queue))


def _live_tickets_ahead(queue: Path, ticket: _Ticket) -> list[str]:
    """The tickets queued before `ticket` whose waiter still runs; the first dead one found is removed."""
    try:
        names = sorted(n for n in os.listdir(queue) if not n.startswith("."))
    except OSError:
        return []
    ahead = names[:names.index(ticket.name)] if ticket.name in names else names
    if ahead and not _ticket_alive(queue / ahead[0]):
        return ahead[1:] if _remove_dead(queue / ahead[0]) else ahead
    return ahead


def _ticket_alive(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _remove_dead(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def _leave_queue(queue: Path, ticket: _Ticket) -> None:
    try:
        (queue / ticket.name).unlink()
    except OSError:
        pass
    os.close(ticket.fd)
    try:
        queue.rmdir()  # only when empty: the folder does not outlive the last waiter
    except OSError:
        pass
