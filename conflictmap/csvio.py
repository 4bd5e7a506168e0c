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
import glob
import io
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from filelock import FileLock

from .schema import RowProblem

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


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of `path`; raises EventsFileError naming the file and the reason when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise EventsFileError(f"cannot read {path}: {exc.strerror or exc}") from None


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
    check_text = has_non_text(text)
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
        if any("\x00" in cell for cell in row):
            problems.append(RowProblem(start, "", "contains a NUL byte"))
            continue
        long_cells = [h for h, cell in zip(header, row) if len(cell) > MAX_FIELD_CHARS]
        if long_cells:
            problems.append(RowProblem(start, long_cells[0], f"field longer than {MAX_FIELD_CHARS:,} characters"))
            continue
        rows.append(row)
        lines.append(start)
    return header, rows, lines, problems, records


def write_atomic(path: str | os.PathLike, content: str | bytes, backup: bool = True) -> None:
    """Write `content` (text is written as UTF-8) to a temporary file beside `path`, fsync it, keep a backup of
    the old file (`path` + ".bak"), then rename over `path`, so a crash leaves the old or the new file, never a mix.

    Raises OSError when the folder or file cannot be written (the old file is then untouched).
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    remove_stale_temporaries(path)


STALE_TEMPORARY_S = 3600


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files that a killed save left beside `path` (never read; removed once clearly abandoned)."""
    cutoff = time.time() - STALE_TEMPORARY_S
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def lock_for(path: str | os.PathLike) -> FileLock:
    """The lock that serialises writers of `path`: a file `path` + ".lock" beside it (60 s timeout)."""
    path = Path(path)
    return FileLock(str(path.with_name(path.name + ".lock")), timeout=60)
